//! The editor: the scenario's first C file as text to change, checked as you type (a
//! compile error shows its file, line and column), autosaved in the browser, run with
//! "Run"; and "Copy link", which puts a link to the scenario at this step on the clipboard.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::engine::c::compile;
use crate::engine::share::{ScenarioDoc, SourceFile};

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

/// Properties of [`Editor`].
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The scenario shown, in editable form (None for a synthetic built-in).
    pub doc: Option<Rc<ScenarioDoc>>,
    /// The page's address for the scenario at the step shown (`#...`).
    pub place: AttrValue,
    /// The scenario's title, for an embedded copy's iframe.
    pub title: AttrValue,
    /// Runs an edited scenario that compiles.
    pub on_run: Callback<ScenarioDoc>,
}

/// The editor panel, folded away until opened.
#[component]
pub fn Editor(props: &EditorProps) -> Html {
    let text = use_state(String::new);
    let saving = use_state(|| None::<String>);
    let copied = use_state(|| None::<(String, &'static str)>);
    {
        // A newly opened scenario replaces the text being edited.
        let text = text.clone();
        let copied = copied.clone();
        use_effect_with(props.doc.clone(), move |doc| {
            text.set(
                doc.as_ref()
                    .and_then(|d| d.files.first())
                    .map(|f| f.text.clone())
                    .unwrap_or_default(),
            );
            copied.set(None);
        });
    }
    let Some(doc) = props.doc.clone() else {
        return html! {
            <details class="editor">
                <summary>{ "Program" }</summary>
                <p class="hint">{ "This scenario runs synthetic programs, not C: choose a C scenario to edit or share it." }</p>
            </details>
        };
    };
    let file_name = doc
        .files
        .first()
        .map_or("main.c".to_owned(), |f| f.name.clone());
    let edited = {
        let mut d = (*doc).clone();
        match d.files.first_mut() {
            Some(f) => f.text = (*text).clone(),
            None => d.files.push(SourceFile {
                name: file_name.clone(),
                text: (*text).clone(),
            }),
        }
        d.step = 0;
        d
    };
    let problem = compile(&file_name, &text, doc.settings.page_size)
        .err()
        .map(|d| d.to_string());
    let on_input = {
        let (text, saving, edited) = (text.clone(), saving.clone(), edited.clone());
        Callback::from(move |e: InputEvent| {
            let Some(area) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
            else {
                return;
            };
            let mut doc = edited.clone();
            if let Some(f) = doc.files.first_mut() {
                f.text = area.value();
            }
            saving.set(autosave(&doc).err());
            text.set(area.value());
        })
    };
    let on_run = {
        let (on_run, edited, ok) = (props.on_run.clone(), edited.clone(), problem.is_none());
        Callback::from(move |_| {
            if ok {
                on_run.emit(edited.clone());
            }
        })
    };
    let copy = |make: fn(&str, &str) -> (String, &'static str)| {
        let (copied, place, title) = (copied.clone(), props.place.clone(), props.title.clone());
        Callback::from(move |_: MouseEvent| {
            let location = gloo::utils::window().location();
            let link = format!(
                "{}{}{place}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            let (text, label) = make(&link, &title);
            let _ = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&text);
            copied.set(Some((text, label)));
        })
    };
    let on_copy = copy(|link, _| (link.to_owned(), "Share link"));
    let on_embed = copy(|link, title| {
        let title = title
            .replace('&', "&amp;")
            .replace('"', "&quot;")
            .replace('<', "&lt;");
        let snippet = format!(
            "<iframe src=\"{link}&embed=1\" title=\"ProcLab: {title}\" width=\"960\" height=\"720\" style=\"border:0\"></iframe>"
        );
        (snippet, "Embed code")
    });
    let lines = text.lines().count().max(1);
    html! {
        <details class="editor">
            <summary>{ format!("Program: {file_name}") }</summary>
            <div class="editor-body">
                <div class="editor-text">
                    <pre class="line-numbers" aria-hidden="true">{ (1..=lines).map(|n| format!("{n}\n")).collect::<String>() }</pre>
                    <textarea aria-label={format!("Source of {file_name}")} spellcheck="false"
                        rows={(lines + 1).clamp(8, 40).to_string()} value={(*text).clone()} oninput={on_input} />
                </div>
                <p class={classes!("compile-status", problem.is_some().then_some("error"))} role="status">
                    { problem.clone().unwrap_or_else(|| "Compiles.".to_owned()) }
                </p>
                if let Some(problem) = &*saving {
                    <p class="link-problem" role="alert">{ problem }</p>
                }
                <div class="editor-actions">
                    <button type="button" onclick={on_run} disabled={problem.is_some()}>{ "Run" }</button>
                    <button type="button" onclick={on_copy}>{ "Copy link" }</button>
                    <button type="button" onclick={on_embed}>{ "Copy embed code" }</button>
                    if let Some((text, label)) = &*copied {
                        <label class="share-link">{ format!("{label} (copied): ") }
                            <input type="text" readonly=true value={text.clone()} aria-label={*label} />
                        </label>
                    }
                </div>
            </div>
        </details>
    }
}
