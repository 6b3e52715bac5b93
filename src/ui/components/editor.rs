//! The editor: the scenario's C files as text to change, coloured as C (one tab each; files can be added,
//! renamed and removed; each `.c` file with `main` is a program, linked with the `.c` files
//! without one, and `.h` files are for `#include "name"`; the first program runs first, the
//! others are in the home directory for it to exec), checked as you type (a compile error
//! shows its file, line and column), autosaved in the browser, run with "Run"; and "Copy
//! link", which puts a link to the scenario at this step on the clipboard.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::command_line::CommandLineFields;
use crate::model::clock::tick_length;
use proclab_cc::highlight::{Class, highlight};
use proclab_course::share::{CommandLine, MAX_FILES, ScenarioDoc, SourceFile};
use proclab_kernel::scenario::{CLOCK_RATES, Settings};
use proclab_kernel::scheduler::Policy;

/// Where the user's work is kept between visits.
const AUTOSAVE_KEY: &str = "proclab-autosave";

/// The user's autosaved scenario, if there is a readable one.
pub fn autosaved() -> Option<ScenarioDoc> {
    let storage = gloo::utils::window().local_storage().ok()??;
    let link = storage.get_item(AUTOSAVE_KEY).ok()??;
    ScenarioDoc::decode(&link).ok()
}

/// Saves the user's scenario; a full or refused storage is reported, and the last good save
/// stays (a single `setItem` either replaces it whole or fails).
fn autosave(doc: &ScenarioDoc) -> Result<(), String> {
    let refused = || {
        "Your work could not be saved in this browser (storage is full or turned off); copy a link to keep it.".to_owned()
    };
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .ok_or_else(refused)?;
    storage
        .set_item(AUTOSAVE_KEY, &doc.encode())
        .map_err(|_| refused())
}

/// The style class that colours a piece of C source.
fn class_name(class: Class) -> Option<&'static str> {
    Some(match class {
        Class::Plain => return None,
        Class::Keyword => "hl-keyword",
        Class::Type => "hl-type",
        Class::Number => "hl-number",
        Class::Str => "hl-string",
        Class::Comment => "hl-comment",
        Class::Preprocessor => "hl-preprocessor",
        Class::Call => "hl-call",
    })
}

/// Properties of [`Highlighted`].
#[derive(Properties, PartialEq)]
struct HighlightedProps {
    text: AttrValue,
}

/// The source coloured as C, drawn under the text being typed (redrawn only when the text
/// changes).
#[component]
fn Highlighted(props: &HighlightedProps) -> Html {
    html! {
        <pre class="highlighted" aria-hidden="true">
            { for highlight(&props.text).into_iter().map(|piece| html! {
                <span class={class_name(piece.class)}>{ piece.text }</span>
            }) }
            { "\n" }
        </pre>
    }
}

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The scenario shown, in editable form (None for a synthetic built-in).
    pub doc: Option<Rc<ScenarioDoc>>,
    /// The scenario's title, for an embedded copy's iframe.
    pub title: AttrValue,
    /// Runs an edited scenario that compiles.
    pub on_run: Callback<ScenarioDoc>,
    /// Unfolded from the start (as it is in the page's side panel).
    #[prop_or_default]
    pub open: bool,
}

/// The editor panel, folded away until opened.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let files = use_state(Vec::<SourceFile>::new);
    let current = use_state(|| 0usize);
    let settings = use_state(Settings::default);
    let command_line = use_state(CommandLine::default);
    let run_problem = use_state(|| None::<String>);
    let saving = use_state(|| None::<String>);
    {
        // A newly opened scenario replaces the text being edited.
        let (files, current, settings, command_line, run_problem) = (
            files.clone(),
            current.clone(),
            settings.clone(),
            command_line.clone(),
            run_problem.clone(),
        );
        use_effect_with(props.doc.clone(), move |doc| {
            files.set(doc.as_ref().map(|d| d.files.clone()).unwrap_or_default());
            current.set(0);
            if let Some(d) = doc {
                settings.set(d.settings.clone());
                command_line.set(d.run.clone());
            }
            run_problem.set(None);
        });
    }
    // The check as you type, redone only when the text changes: every program, as each
    // may include or link the file changed.
    let page_size = props.doc.as_ref().map_or(4096, |d| d.settings.page_size);
    let problem = use_memo(((*files).clone(), page_size), |(files, page_size)| {
        let doc = ScenarioDoc {
            title: String::new(),
            files: files.clone(),
            settings: Settings {
                page_size: *page_size,
                ..Settings::default()
            },
            step: 0,
            run: Default::default(),
        };
        (!files.is_empty()).then(|| doc.programs().err()).flatten()
    });
    let Some(doc) = props.doc.clone() else {
        return html! {
            <details class="editor" open={props.open}>
                <summary>{ "Program" }</summary>
                <p class="hint">{ "This scenario runs synthetic programs, not C: choose a C scenario to edit its program. Its link still opens it at this step." }</p>
            </details>
        };
    };
    let Some(file) = files.get(*current).or_else(|| files.first()).cloned() else {
        return html! {};
    };
    let edited = ScenarioDoc {
        files: (*files).clone(),
        step: 0,
        settings: (*settings).clone(),
        run: (*command_line).clone(),
        ..(*doc).clone()
    };
    let (file_name, text) = (file.name.clone(), file.text.clone());
    let problem = (*problem).clone();
    // Changes the files being edited, and autosaves the result.
    let change = {
        let (files, saving, edited) = (files.clone(), saving.clone(), edited.clone());
        move |change: &dyn Fn(&mut Vec<SourceFile>)| {
            let mut next = (*files).clone();
            change(&mut next);
            let doc = ScenarioDoc {
                files: next.clone(),
                ..edited.clone()
            };
            saving.set(autosave(&doc).err());
            files.set(next);
        }
    };
    let at = (*current).min(files.len() - 1);
    let on_input = {
        let change = change.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            {
                change(&|fs: &mut Vec<SourceFile>| fs[at].text = area.value());
            }
        })
    };
    let on_rename = {
        let (change, run_problem) = (change.clone(), run_problem.clone());
        let taken: Vec<String> = files.iter().map(|f| f.name.clone()).collect();
        Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let name = input.value().trim().to_owned();
            if let Some(problem) = file_name_problem(&name, &taken, at) {
                run_problem.set(Some(problem));
                return;
            }
            run_problem.set(None);
            change(&|fs: &mut Vec<SourceFile>| fs[at].name = name.clone());
        })
    };
    let on_add = {
        let (change, current, count) = (change.clone(), current.clone(), files.len());
        Callback::from(move |_| {
            change(&|fs: &mut Vec<SourceFile>| fs.push(new_file(fs)));
            current.set(count);
        })
    };
    let on_remove = {
        let (change, current) = (change.clone(), current.clone());
        Callback::from(move |_| {
            change(&|fs: &mut Vec<SourceFile>| {
                if fs.len() > 1 {
                    fs.remove(at);
                }
            });
            current.set(at.saturating_sub(1));
        })
    };
    let on_run = {
        let (on_run, edited, ok) = (props.on_run.clone(), edited.clone(), problem.is_none());
        let run_problem = run_problem.clone();
        Callback::from(move |_| {
            if !ok {
                return;
            }
            // The machine's settings are checked as the scenario is built.
            match edited.build() {
                Ok(_) => {
                    run_problem.set(None);
                    on_run.emit(edited.clone());
                }
                Err(why) => run_problem.set(Some(why)),
            }
        })
    };
    let on_settings = {
        let settings = settings.clone();
        Callback::from(move |next: Settings| settings.set(next))
    };
    let machine =
        html! { <MachineSettings settings={(*settings).clone()} on_change={on_settings} /> };
    let on_command_line = {
        let (command_line, saving, edited) = (command_line.clone(), saving.clone(), edited.clone());
        Callback::from(move |run: CommandLine| {
            saving.set(
                autosave(&ScenarioDoc {
                    run: run.clone(),
                    ..edited.clone()
                })
                .err(),
            );
            command_line.set(run);
        })
    };
    let program = files
        .iter()
        .find(|f| f.name.ends_with(".c"))
        .map_or("a.out", |f| f.name.trim_end_matches(".c"))
        .to_owned();
    let command = html! {
        <CommandLineFields key={doc.title.clone()} {program} run={(*command_line).clone()} on_change={on_command_line} />
    };
    let lines = text.lines().count().max(1);
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap_or(0);
    html! {
        <details class="editor" open={props.open}>
            <summary>{ format!("Program: {}", files.iter().map(|f| f.name.as_str()).collect::<Vec<_>>().join(", ")) }</summary>
            <div class="editor-body">
                <div class="file-tabs" role="group" aria-label="Files">
                    { for files.iter().enumerate().map(|(i, f)| {
                        let current = current.clone();
                        html! {
                            <button type="button" aria-pressed={(i == at).to_string()}
                                onclick={move |_| current.set(i)}>{ f.name.clone() }</button>
                        }
                    }) }
                    <button type="button" class="file-action" onclick={on_add}
                        disabled={files.len() >= MAX_FILES}>{ "Add a file" }</button>
                    <button type="button" class="file-action" onclick={on_remove} disabled={files.len() < 2}>{ "Remove this file" }</button>
                    <label class="file-name">{ "Name " }
                        <input type="text" value={file_name.clone()} onchange={on_rename} aria-label="File name" />
                    </label>
                </div>
                <div class="editor-text">
                    <pre class="line-numbers" aria-hidden="true">{ (1..=lines).map(|n| format!("{n}\n")).collect::<String>() }</pre>
                    <div class="code-stack">
                        <Highlighted text={text.clone()} />
                        <textarea aria-label={format!("Source of {file_name}")} spellcheck="false" wrap="off"
                            autocapitalize="off" autocomplete="off"
                            rows={(lines + 1).max(8).to_string()} cols={(longest + 2).to_string()}
                            value={text.clone()} oninput={on_input} />
                    </div>
                </div>
                <p class={classes!("compile-status", problem.is_some().then_some("error"))} role="status">
                    { problem.clone().unwrap_or_else(|| "Compiles.".to_owned()) }
                </p>
                { command }
                { machine }
                if let Some(problem) = &*run_problem {
                    <p class="link-problem" role="alert">{ problem }</p>
                }
                if let Some(problem) = &*saving {
                    <p class="link-problem" role="alert">{ problem }</p>
                }
                <div class="editor-actions">
                    <button type="button" onclick={on_run} disabled={problem.is_some()}>{ "Run" }</button>
                </div>
            </div>
        </details>
    }
}

/// Properties of [`MachineSettings`].
#[derive(Properties, PartialEq)]
pub struct MachineSettingsProps {
    /// The settings shown.
    pub settings: Settings,
    /// Called with the settings after a change.
    pub on_change: Callback<Settings>,
}

/// The machine's settings a scenario runs on: scheduler, quantum, CPUs, memory, pipes,
/// limits and seed.
#[component]
fn MachineSettings(props: &MachineSettingsProps) -> Html {
    let number = |label: &'static str, value: u64, set: fn(&mut Settings, u64)| {
        let (settings, on_change) = (props.settings.clone(), props.on_change.clone());
        let oninput = Callback::from(move |e: InputEvent| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Ok(v) = input.value().parse() {
                let mut next = settings.clone();
                set(&mut next, v);
                on_change.emit(next);
            }
        });
        html! {
            <label>{ label }<input type="number" min="0" value={value.to_string()} {oninput} /></label>
        }
    };
    let on_policy = on_select(&props.settings, &props.on_change, |s, v| {
        Policy::from_name(v)
            .map(|p| s.scheduler.policy = p)
            .is_some()
    });
    let on_clock = on_select(&props.settings, &props.on_change, |s, v| {
        v.parse().map(|rate| s.ticks_per_second = rate).is_ok()
    });
    let s = &props.settings;
    html! {
        <fieldset class="machine">
            <legend>{ "Machine" }</legend>
            <label>{ "Scheduler" }
                <select onchange={on_policy}>
                    { for [(Policy::RoundRobin, "round robin"), (Policy::Fcfs, "first come, first served"), (Policy::Priority, "priority")]
                        .into_iter()
                        .map(|(p, name)| html! { <option value={p.name()} selected={s.scheduler.policy == p}>{ name }</option> }) }
                </select>
            </label>
            { number("Quantum (ticks)", u64::from(s.scheduler.quantum), |s, v| s.scheduler.quantum = v as u32) }
            <label>{ "Clock (a tick is)" }
                <select onchange={on_clock}>
                    { for CLOCK_RATES.into_iter().map(|rate| html! {
                        <option value={rate.to_string()} selected={s.ticks_per_second == rate}>{ tick_length(rate) }</option>
                    }) }
                </select>
            </label>
            { number("CPUs", s.cpus as u64, |s, v| s.cpus = v as usize) }
            { number("Frames", s.frames as u64, |s, v| s.frames = v as usize) }
            { number("Page size (bytes)", s.page_size, |s, v| s.page_size = v) }
            { number("Pipe capacity (bytes)", s.pipe_capacity as u64, |s, v| s.pipe_capacity = v as usize) }
            { number("Process limit", s.max_processes as u64, |s, v| s.max_processes = v as usize) }
            { number("Step limit", s.step_limit, |s, v| s.step_limit = v) }
            { number("Seed", s.seed, |s, v| s.seed = v) }
        </fieldset>
    }
}

/// A settings menu's change handler: `set` applies the chosen option's value (false for
/// one it does not know, which changes nothing).
fn on_select(
    settings: &Settings,
    on_change: &Callback<Settings>,
    set: fn(&mut Settings, &str) -> bool,
) -> Callback<Event> {
    let (settings, on_change) = (settings.clone(), on_change.clone());
    Callback::from(move |e: Event| {
        let Some(select) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        else {
            return;
        };
        let mut next = settings.clone();
        if set(&mut next, &select.value()) {
            on_change.emit(next);
        }
    })
}

/// Why `name` cannot name file `at` among `taken`, if it cannot: a new name ending in .c
/// (a program, or code linked into the programs) or .h (a header), without '/'.
fn file_name_problem(name: &str, taken: &[String], at: usize) -> Option<String> {
    let clash = taken.iter().enumerate().any(|(i, n)| i != at && n == name);
    let kind = name.ends_with(".c") || name.ends_with(".h");
    (!kind || name.len() < 3 || name.contains('/') || clash).then(|| {
        format!(
            "'{name}' cannot be a file name here: use a new name ending in .c (a program, or \
             functions its programs share) or .h (a header to #include), without '/'"
        )
    })
}

/// A new file for the scenario: a hello-world under the first free name prog2.c, prog3.c, …
fn new_file(files: &[SourceFile]) -> SourceFile {
    let name = (2..)
        .map(|n| format!("prog{n}.c"))
        .find(|name| !files.iter().any(|f| f.name == *name))
        .expect("some name is free");
    SourceFile {
        name,
        text:
            "#include <stdio.h>\n\nint main(void) {\n    printf(\"hello\\n\");\n    return 0;\n}\n"
                .to_owned(),
    }
}
