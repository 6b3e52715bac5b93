//! The top bar (the name, the layouts, the scenario picker, the share buttons, the side
//! panels' buttons, presenter mode) and the side panel it opens over the stage.

use yew::prelude::*;

use super::Callbacks;
use super::components::editor::{self, Editor};
use super::components::{
    exercise::ExercisePanel, ostep_import::OstepImport, share_buttons::ShareButtons,
};
use super::{chosen_option, field_value};
use crate::model::address::{ExerciseId, Mode};
use crate::model::layout::Layout;
use crate::model::viewer::{Action, Viewer};
use proclab_course::library::BUILTINS;

/// The scenario picker's option that opens the user's autosaved program.
const SAVED_OPTION: &str = "saved";

/// The side panels the top bar opens over the stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tool {
    /// The teaching note of a built-in.
    Note,
    /// The program's editor and the machine's settings.
    Program,
    /// An OSTEP homework command line to animate.
    Ostep,
    /// Predict-then-reveal exercises.
    Exercises,
}

impl Tool {
    /// Every tool, in the order the top bar lists them.
    const ALL: [Tool; 4] = [Tool::Note, Tool::Program, Tool::Ostep, Tool::Exercises];

    /// Its button's label.
    fn label(self) -> &'static str {
        match self {
            Tool::Note => "Note",
            Tool::Program => "Program",
            Tool::Ostep => "OSTEP",
            Tool::Exercises => "Exercises",
        }
    }
}

/// What the user chose for the page around the run: its layout and the side panel open.
#[derive(Clone)]
pub(super) struct Chosen {
    pub(super) layout: Layout,
    pub(super) tool: Option<Tool>,
    pub(super) on_layout: Callback<Layout>,
    pub(super) on_tool: Callback<Tool>,
}

/// The top bar: the name, the layouts, the scenario picker, the share buttons, the side
/// panels' buttons and presenter mode.
pub(super) fn topbar(viewer: &Viewer, mode: Mode, chosen: &Chosen, callbacks: &Callbacks) -> Html {
    let saved = (viewer.scenario.is_some() || viewer.ostep.is_some())
        .then(editor::autosaved)
        .flatten();
    let on_open = {
        let on_action = callbacks.on_action.clone();
        let on_run = callbacks.on_run.clone();
        move |e: Event| match field_value(&e).as_deref() {
            Some(SAVED_OPTION) => {
                if let Some(doc) = editor::autosaved() {
                    on_run.emit(doc);
                }
            }
            _ => {
                if let Some(i) = chosen_option(&e) {
                    on_action.emit(Action::Open(i));
                }
            }
        }
    };
    let layouts = Layout::ALL.map(|l| {
        let on_layout = chosen.on_layout.clone();
        html! {
            <button type="button" class="toggle" aria-pressed={(l == chosen.layout).to_string()}
                onclick={move |_| on_layout.emit(l)}>{ l.title() }</button>
        }
    });
    let tools = Tool::ALL
        .into_iter()
        .filter(|t| *t != Tool::Note || viewer.scenario.is_some())
        .map(|t| {
            let on_tool = chosen.on_tool.clone();
            html! {
                <button type="button" class="tool" aria-pressed={(chosen.tool == Some(t)).to_string()}
                    onclick={move |_| on_tool.emit(t)}>{ t.label() }</button>
            }
        });
    html! {
        <header class="topbar">
            <h1>{ "ProcLab" }</h1>
            <span class="group layouts" role="group" aria-label="Layout">{ for layouts }</span>
            <label class="scenario-picker">
                <span class="visually-hidden">{ "Scenario" }</span>
                <select aria-label="Scenario" onchange={on_open}>
                    { for BUILTINS.iter().enumerate().map(|(i, b)| html! {
                        <option value={i.to_string()} selected={Some(i) == viewer.scenario}>{ b.title }</option>
                    }) }
                    if let Some(doc) = &saved {
                        <option value={SAVED_OPTION}>{ format!("your program: {}", doc.title) }</option>
                    }
                    if viewer.scenario.is_none() {
                        <option value="own" selected=true>{
                            if viewer.ostep.is_some() { format!("OSTEP: {}", viewer.title) } else { format!("your scenario: {}", viewer.title) }
                        }</option>
                    }
                </select>
            </label>
            <span class="share"><ShareButtons title={viewer.title.to_string()} /></span>
            if !mode.present {
                <span class="group tools" role="group" aria-label="Panels">{ for tools }</span>
            }
            <button type="button" class="mode-toggle" aria-pressed={mode.present.to_string()}
                onclick={callbacks.on_present.clone()}>{ "Presenter mode" }</button>
        </header>
    }
}

/// The side panel over the stage's right side: one tool, with a button to close it.
pub(super) fn drawer(
    tool: Tool,
    viewer: &Viewer,
    exercise: Option<ExerciseId>,
    note: Option<&'static str>,
    chosen: &Chosen,
    callbacks: &Callbacks,
) -> Html {
    let on_close = {
        let on_tool = chosen.on_tool.clone();
        move |_| on_tool.emit(tool)
    };
    let body = match tool {
        Tool::Note => html! {
            <section class="scenario-note" aria-label="Teaching note"><p>{ note.unwrap_or_default() }</p></section>
        },
        Tool::Program => html! {
            <Editor doc={viewer.doc.clone()} title={viewer.title.to_string()} on_run={callbacks.on_run.clone()} open=true />
        },
        Tool::Ostep => html! {
            <OstepImport current={viewer.ostep.clone()} on_import={callbacks.on_import.clone()} open=true />
        },
        Tool::Exercises => html! {
            <ExercisePanel current={exercise} on_change={callbacks.on_exercise.clone()} on_reveal={callbacks.on_reveal.clone()} open=true />
        },
    };
    html! {
        <aside class="drawer" aria-label={tool.label()}>
            <div class="drawer-head">
                <button type="button" onclick={on_close}>{ format!("Close {}", tool.label()) }</button>
            </div>
            { body }
        </aside>
    }
}
