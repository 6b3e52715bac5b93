//! The first program's command line in the editor: its arguments after `./NAME`, written
//! as a shell takes them, and what it reads on its standard input (the file input.txt, as
//! `./NAME < input.txt` gives it), or the terminal when that is left empty.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::command_line::{join_words, split_words};
use proclab_course::share::CommandLine;

/// Properties of [`CommandLineFields`].
#[derive(Properties, PartialEq)]
pub struct CommandLineProps {
    /// The program's name, as its argv[0] (`./NAME`) shows it.
    pub program: String,
    /// The command line shown.
    pub run: CommandLine,
    /// Called with the command line after a change that reads as one.
    pub on_change: Callback<CommandLine>,
}

/// The arguments field and the standard input box.
#[component]
pub fn CommandLineFields(props: &CommandLineProps) -> Html {
    let text = use_state(|| join_words(&props.run.args));
    let problem = use_state(|| None::<String>);
    let on_args = {
        let (text, problem) = (text.clone(), problem.clone());
        let (run, on_change) = (props.run.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            text.set(input.value());
            match split_words(&input.value()) {
                Ok(args) => {
                    problem.set(None);
                    on_change.emit(CommandLine {
                        args,
                        ..run.clone()
                    });
                }
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    let on_stdin = {
        let (run, on_change) = (props.run.clone(), props.on_change.clone());
        Callback::from(move |e: InputEvent| {
            let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            else {
                return;
            };
            let value = area.value();
            let stdin = (!value.is_empty()).then_some(value);
            on_change.emit(CommandLine {
                stdin,
                ..run.clone()
            });
        })
    };
    let stdin = props.run.stdin.clone().unwrap_or_default();
    html! {
        <fieldset class="command-line">
            <legend>{ "Command line" }</legend>
            <label class="arguments">
                <code>{ format!("./{}", props.program) }</code>
                <input type="text" value={(*text).clone()} oninput={on_args}
                    aria-label="Arguments" placeholder="arguments, as a shell takes them"
                    spellcheck="false" autocapitalize="off" autocomplete="off" />
                if props.run.stdin.is_some() {
                    <code>{ "< input.txt" }</code>
                }
            </label>
            if let Some(why) = &*problem {
                <p class="link-problem" role="alert">{ format!("The arguments cannot be read: {why}.") }</p>
            }
            <label class="stdin">{ "Standard input (input.txt; left empty, stdin is the terminal, where a read finds end of file)" }
                <textarea rows="3" value={stdin} oninput={on_stdin} aria-label="Standard input"
                    spellcheck="false" />
            </label>
        </fieldset>
    }
}
