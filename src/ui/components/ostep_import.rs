//! "Import from OSTEP": a homework simulator's command line (`process-run.py …`,
//! `fork.py …` or `generator.py …`), pasted as a student has it, animated here; a command line that cannot be
//! animated says why, where it is typed.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use proclab_course::ostep::import::{MAX_COMMAND_LINE, import};

/// Command lines to start from, one per simulator.
const EXAMPLES: [&str; 4] = [
    "process-run.py -l 5:100,5:0 -S SWITCH_ON_IO -I IO_RUN_IMMEDIATE",
    "process-run.py -P c3,i:c5 -L 5",
    "fork.py -A a+b,b+c,c+d,c-,a+e",
    "generator.py -s 3 -n 5",
];

/// Properties of [`OstepImport`].
#[derive(Properties, PartialEq)]
pub struct OstepImportProps {
    /// The command line animated now, if the scenario came from one.
    pub current: Option<Rc<str>>,
    /// Animates a command line that imports.
    pub on_import: Callback<Rc<str>>,
    /// Unfolded from the start (as it is in the page's side panel).
    #[prop_or_default]
    pub open: bool,
}

/// A folded panel with the command line to animate, examples, and "Animate".
#[component]
pub fn OstepImport(props: &OstepImportProps) -> Html {
    let text = use_state(|| props.current.as_deref().unwrap_or(EXAMPLES[0]).to_owned());
    let problem = use_state(|| None::<String>);
    let on_input = {
        let (text, problem) = (text.clone(), problem.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                text.set(input.value());
                problem.set(None);
            }
        })
    };
    let on_submit = {
        let (text, problem, on_import) = (text.clone(), problem.clone(), props.on_import.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match import(&text) {
                Ok(_) => on_import.emit(Rc::from(text.trim())),
                Err(why) => problem.set(Some(why)),
            }
        })
    };
    html! {
        <details class="panel ostep-import" open={props.open || props.current.is_some()}>
            <summary>{ "Import from OSTEP" }</summary>
            <form class="ostep-form" onsubmit={on_submit}>
                <p class="hint">{ "Paste the command line of an OSTEP homework simulator (process-run.py, fork.py or generator.py, with the same flags) and watch it run on the kernel: its processes, states and tree; generator.py's C program runs as -c runs it, a tick a nanosecond." }</p>
                <label class="ostep-command">
                    <span>{ "Command line" }</span>
                    <input type="text" aria-label="OSTEP command line" spellcheck="false"
                        maxlength={MAX_COMMAND_LINE.to_string()} value={(*text).clone()} oninput={on_input} />
                </label>
                <button type="submit">{ "Animate" }</button>
                <p class="ostep-examples">{ "Examples: " }
                    { for EXAMPLES.iter().map(|example| {
                        let (text, problem) = (text.clone(), problem.clone());
                        html! {
                            <button type="button" class="example"
                                onclick={move |_| { text.set((*example).to_owned()); problem.set(None); }}>
                                <code>{ *example }</code>
                            </button>
                        }
                    }) }
                </p>
                if let Some(why) = &*problem {
                    <p class="link-problem" role="alert">{ why }</p>
                }
            </form>
        </details>
    }
}
