//! The web page: Yew components that draw one step of a recorded run. Built for wasm32 only.

mod components;
mod palette;
mod slicer;
mod stage;
mod topbar;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::address::{self, ExerciseId, Mode, exercise_suffix};
use crate::model::layout::Layout;
use crate::model::recording::Progress;
use crate::model::viewer::{Action, SPEEDS, Viewer};
use components::editor;
use components::{
    code::CodeView, controls::Controls, narration::Narration, physical_memory::PhysicalMemory,
    pipes::Pipes, process_tree::ProcessTree, recording::RecordingProgress, share_buttons::Place,
    states::StatesView, terminal::Terminal,
};
use gloo::timers::callback::{Interval, Timeout};
use proclab_course::library::BUILTINS;
use proclab_course::share::ScenarioDoc;
use slicer::PageSlicer;
use stage::{Shown, stage};
use topbar::{Chosen, Tool, drawer, topbar};

/// Starts the app: reports panics in the page's error panel, hides the loading indicator and
/// mounts the viewer.
pub fn start() {
    // Yew installs its own panic hook when it renders unless given one: this one also
    // fills the page's error panel.
    yew::set_custom_panic_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_fatal_error(&info.to_string());
    }));
    let document = gloo::utils::document();
    if let Some(loading) = document.get_element_by_id("loading") {
        loading.remove();
    }
    let root = document
        .get_element_by_id("app")
        .expect("index.html has an #app element");
    yew::Renderer::<App>::with_root(root).render();
}

thread_local! {
    /// The address of what the page shows, as of its last render (before the URL settles
    /// on it): the panic report's link to the scenario that was open.
    static SHOWN_PLACE: RefCell<String> = const { RefCell::new(String::new()) };
}

/// Fills the page's error panel (from index.html) so a crash never leaves a blank page,
/// with a link to the scenario that was open when there was one.
fn show_fatal_error(message: &str) {
    let document = gloo::utils::document();
    if let Some(panel) = document.get_element_by_id("fatal-error") {
        if let Some(text) = document.get_element_by_id("fatal-error-text") {
            text.set_text_content(Some(message));
        }
        let place = SHOWN_PLACE.with_borrow(String::clone);
        if let (false, Some(link), Some(line)) = (
            place.is_empty(),
            document.get_element_by_id("fatal-error-link"),
            document.get_element_by_id("fatal-error-scenario"),
        ) {
            let _ = link.set_attribute("href", &place);
            let _ = line.remove_attribute("hidden");
        }
        let _ = panel.remove_attribute("hidden");
    }
}

/// The URL's fragment (`#key=value&...`).
fn fragment() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// Slices recorded between two redraws of the progress bar (about a quarter second).
const SLICES_PER_REPORT: u32 = 8;

/// Records the run a slice per zero-delay timeout until it is done or `stopped` (the
/// viewer moved on): reports the progress every [`SLICES_PER_REPORT`] slices and the whole
/// run at the end.
fn record_in_slices(
    recording: crate::model::recording::Recording,
    dispatcher: UseReducerDispatcher<Viewer>,
    stopped: Rc<Cell<bool>>,
    slices: u32,
) {
    Timeout::new(0, move || {
        if stopped.get() {
            return;
        }
        // A deliberate crash while a run records, so the tests can prove the error panel
        // links to the scenario that was open.
        if selftest("panic-recording") {
            panic!("self-test: a deliberate panic while recording (#selftest=panic-recording)");
        }
        match recording.advance(&PageSlicer) {
            Some(Progress::Recorded(progress)) if slices + 1 < SLICES_PER_REPORT => {
                record_in_slices(progress, dispatcher, stopped, slices + 1)
            }
            Some(progress) => dispatcher.dispatch(Action::Recorded(progress)),
            None => {}
        }
    })
    .forget();
}

/// True when the page was opened with `#selftest=NAME`: a test-only behaviour the browser
/// tests ask for (a deliberate panic, a slowed-down recording).
pub(crate) fn selftest(name: &str) -> bool {
    address::fragment_value(&fragment(), "selftest") == Some(name)
}

/// How long a step must stay shown before the URL records it.
const URL_SETTLE_MS: u32 = 250;

/// Records the current place in the URL: a new history entry when `new_entry` (another
/// scenario), else in place of the current one (another step).
fn keep_place_in_url(place: &str, new_entry: bool) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = if new_entry {
            history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(place))
        } else {
            history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(place))
        };
    }
}

/// The value of the `<select>` or `<input>` an event came from.
pub(crate) fn field_value(e: &Event) -> Option<String> {
    let target = e.target()?;
    if let Some(select) = target.dyn_ref::<web_sys::HtmlSelectElement>() {
        return Some(select.value());
    }
    Some(target.dyn_ref::<web_sys::HtmlInputElement>()?.value())
}

/// The number in the value of the `<select>` option an event chose.
fn chosen_option(e: &Event) -> Option<usize> {
    field_value(e)?.parse().ok()
}

/// Plays forward on a timer while the viewer is playing, at its speed.
#[hook]
fn use_playback(viewer: &UseReducerHandle<Viewer>) {
    let dispatcher = viewer.dispatcher();
    use_effect_with((viewer.playing, viewer.speed), move |&(playing, speed)| {
        let period = (400.0 / SPEEDS[speed]) as u32;
        let timer =
            playing.then(|| Interval::new(period, move || dispatcher.dispatch(Action::Tick)));
        move || drop(timer)
    });
}

/// Records a long run a slice at a time between frames, so the page keeps answering; the
/// progress bar is redrawn every few slices, not after each.
#[hook]
fn use_recording(viewer: &UseReducerHandle<Viewer>) {
    let dispatcher = viewer.dispatcher();
    use_effect_with(viewer.recording.clone(), move |recording| {
        let stopped = Rc::new(Cell::new(false));
        if let Some(recording) = recording.clone() {
            record_in_slices(recording, dispatcher, stopped.clone(), 0);
        }
        move || stopped.set(true)
    });
}

/// Keeps the place in the URL once the step has stayed put for a moment (each change of the
/// URL makes the browser fetch the favicon again, too slow to do on every step of
/// playback). Opening another scenario adds an entry to the browser's history, so Back
/// returns to the one before; the browser going Back or Forward reopens what its address
/// holds.
#[hook]
fn use_place_in_url(viewer: &UseReducerHandle<Viewer>, mode: Mode, exercise: Option<ExerciseId>) {
    let place = viewer.place(viewer.place_step());
    let scenario = viewer.scenario_place();
    // The scenario the URL holds, and whether the browser itself just moved to it.
    let in_url = use_mut_ref(|| scenario.clone());
    let from_history = use_mut_ref(|| false);
    let moved_by_browser = from_history.clone();
    use_effect_with((place, mode, exercise), move |(place, mode, exercise)| {
        let moved_by_browser = moved_by_browser.replace(false);
        let new_entry = *in_url.borrow() != scenario && !moved_by_browser;
        *in_url.borrow_mut() = scenario;
        let address = format!("{place}{}{}", exercise_suffix(*exercise), mode.suffix());
        SHOWN_PLACE.set(address.clone());
        let delay = if new_entry { 0 } else { URL_SETTLE_MS };
        let timer = Timeout::new(delay, move || keep_place_in_url(&address, new_entry));
        move || drop(timer)
    });
    let dispatcher = viewer.dispatcher();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "popstate", move |_| {
            *from_history.borrow_mut() = true;
            dispatcher.dispatch(Action::Reopen(fragment().into()));
        });
        move || drop(listener)
    });
}

/// The keys that step and play: ← → (PageUp, PageDown from a presentation clicker), Home,
/// End and Space, except while typing in a field.
#[hook]
fn use_keyboard(dispatcher: UseReducerDispatcher<Viewer>) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let options = EventListenerOptions::enable_prevent_default();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(key) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if let Some(action) = key_action(key) {
                    key.prevent_default();
                    dispatcher.dispatch(action);
                }
            });
        move || drop(listener)
    });
}

/// What a key press asks of the viewer, if anything.
fn key_action(key: &web_sys::KeyboardEvent) -> Option<Action> {
    // Keys typed into the editor or a field are text, not commands.
    let typing = key.target().is_some_and(|t| {
        t.dyn_ref::<web_sys::HtmlInputElement>().is_some()
            || t.dyn_ref::<web_sys::HtmlTextAreaElement>().is_some()
    });
    if typing || key.ctrl_key() || key.meta_key() || key.alt_key() {
        return None;
    }
    match key.key().as_str() {
        "ArrowLeft" | "PageUp" => Some(Action::StepBack),
        "ArrowRight" | "PageDown" => Some(Action::StepForward),
        "Home" => Some(Action::Reset),
        " " => Some(Action::TogglePlay),
        "End" => Some(Action::GoToEnd),
        _ => None,
    }
}

/// A callback that dispatches the action it is given, with a value `wrap`s into one;
/// stable across renders, so components handed it skip re-rendering at each step.
#[hook]
fn use_dispatch<T: 'static>(
    viewer: &UseReducerHandle<Viewer>,
    wrap: fn(T) -> Action,
) -> Callback<T> {
    let dispatcher = viewer.dispatcher();
    use_callback((), move |value, _| dispatcher.dispatch(wrap(value)))
}

/// Like [`use_dispatch`], for an action that starts another run: the side panel it was
/// asked from closes, so the stage shows the run.
#[hook]
fn use_dispatch_closing_panel<T: 'static>(
    viewer: &UseReducerHandle<Viewer>,
    tool: &UseStateHandle<Option<Tool>>,
    wrap: fn(T) -> Action,
) -> Callback<T> {
    let (dispatcher, tool) = (viewer.dispatcher(), tool.clone());
    use_callback((), move |value, _| {
        tool.set(None);
        dispatcher.dispatch(wrap(value))
    })
}

/// The whole page.
#[component]
fn App() -> Html {
    // A deliberate crash, so the tests can prove a panic shows the error panel.
    if selftest("panic") {
        panic!("self-test: a deliberate panic (#selftest=panic)");
    }
    let opened = use_memo((), |_| {
        Viewer::opening(&fragment(), editor::autosaved, &PageSlicer)
    });
    let viewer = use_reducer(|| opened.0.clone());
    let mode = use_state(|| Mode::from_fragment(&fragment()));
    let exercise = use_state(|| address::exercise(&fragment()));
    use_playback(&viewer);
    use_recording(&viewer);
    use_place_in_url(&viewer, *mode, *exercise);
    // Marks the first interactive render, for the benchmarks (navigation to this mark).
    use_effect_with((), |_| {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark("proclab-interactive");
        }
    });
    use_keyboard(viewer.dispatcher());
    let tool = use_state(|| exercise.map(|_| Tool::Exercises));
    let callbacks = Callbacks {
        on_action: use_dispatch(&viewer, |action| action),
        on_select: use_dispatch(&viewer, Action::Select),
        on_follow: use_dispatch(&viewer, |()| Action::Follow),
        on_run: use_dispatch_closing_panel(&viewer, &tool, |doc| Action::Run(Rc::new(doc))),
        on_import: use_dispatch_closing_panel(&viewer, &tool, Action::ImportOstep),
        on_reveal: use_dispatch(&viewer, Action::Reveal),
        on_seek: use_dispatch(&viewer, Action::Seek),
        on_exercise: {
            let exercise = exercise.clone();
            use_callback((), move |id: ExerciseId, _| exercise.set(Some(id)))
        },
        on_present: {
            let mode = mode.clone();
            Callback::from(move |_| {
                mode.set(Mode {
                    present: !mode.present,
                    ..*mode
                })
            })
        },
    };
    let chosen = Chosen {
        layout: viewer.layout(),
        tool: *tool,
        on_layout: use_dispatch(&viewer, Action::SetLayout),
        on_tool: Callback::from(move |t| tool.set((*tool != Some(t)).then_some(t))),
    };
    page(
        &viewer,
        *mode,
        *exercise,
        opened.1.clone(),
        chosen,
        callbacks,
    )
}

/// What the page's parts call back with.
struct Callbacks {
    on_action: Callback<Action>,
    on_select: Callback<proclab_kernel::process::Pid>,
    on_follow: Callback<()>,
    on_run: Callback<ScenarioDoc>,
    on_import: Callback<Rc<str>>,
    on_reveal: Callback<proclab_course::exercise::Reveal>,
    on_seek: Callback<usize>,
    on_exercise: Callback<ExerciseId>,
    on_present: Callback<MouseEvent>,
}

/// The page at the viewer's step: the full page, or the embedded one.
fn page(
    viewer: &UseReducerHandle<Viewer>,
    mode: Mode,
    exercise: Option<ExerciseId>,
    link_problem: Option<String>,
    chosen: Chosen,
    callbacks: Callbacks,
) -> Html {
    let shown = Shown::at(viewer);
    let kernel = shown.kernel.clone();
    let controls = html! {
        <Controls step={viewer.step} last={viewer.timeline.len()} tick={kernel.clock()}
            playing={viewer.playing} speed={viewer.speed} by_line={viewer.by_line} timeline={viewer.timeline.clone()}
            notice={viewer.notice.clone()} on_action={callbacks.on_action.clone()} />
    };
    let recording = {
        let on_action = callbacks.on_action.clone();
        let on_cancel = Callback::from(move |_| on_action.emit(Action::CancelRecording));
        let progress = viewer.recording.as_ref().map(|r| (r.recorded, r.limit));
        html! { <RecordingProgress {progress} {on_cancel} /> }
    };
    let narration = html! {
        <Narration told={shown.told.clone()} closing={closing(viewer)} />
    };
    if mode.embed {
        let stage = html! { <>{ controls }{ recording }{ narration }</> };
        return embedded(viewer, stage, &shown, &callbacks);
    }
    let layout = chosen.layout;
    let place = viewer.place(viewer.step);
    let note = viewer
        .scenario
        .and_then(|i| BUILTINS.get(i))
        .map(|b| b.note);
    html! {
        <ContextProvider<Place> context={Place(place.into())}>
        <div class={classes!("page", mode.present.then_some("presenter"), (layout != Layout::Everything).then_some("focused"))}>
            { topbar(viewer, mode, &chosen, &callbacks) }
            if let Some(problem) = link_problem {
                <p class="link-problem" role="alert">{ problem }</p>
            }
            <div class="controls-bar">{ controls }{ recording }</div>
            if layout == Layout::Everything && !mode.present {
                if let Some(note) = note {
                    <section class="scenario-note" aria-label="Teaching note"><p>{ note }</p></section>
                }
            }
            { stage(layout, viewer, shown, narration, &callbacks) }
            if let Some(tool) = chosen.tool.filter(|_| !mode.present) {
                { drawer(tool, viewer, exercise, note, &chosen, &callbacks) }
            }
        </div>
        </ContextProvider<Place>>
    }
}

/// What the narration says after the last recorded step: why the run ended, or that it is
/// still recording or was cut short.
fn closing(viewer: &Viewer) -> Option<AttrValue> {
    (viewer.step == viewer.timeline.len()).then(|| match viewer.timeline.halt() {
        Some(halt) => AttrValue::from(proclab_kernel::event::Event::Halted(halt).narrate()),
        None if viewer.recording.is_some() => {
            "The run goes on: the steps after this one are still being recorded.".into()
        }
        None => "Recording was cancelled here, before the run ended.".into(),
    })
}

/// The page embedded in a course page (`&embed=1`): the simulator, its controls and a few
/// views, with a link to the full page.
fn embedded(viewer: &Viewer, stage: Html, shown: &Shown, callbacks: &Callbacks) -> Html {
    let (on_select, on_follow) = (callbacks.on_select.clone(), callbacks.on_follow.clone());
    let kernel = &shown.kernel;
    html! {
        <div class="page embed">
            <header class="topbar">
                <h1>{ "ProcLab" }</h1>
                <span class="embed-title">{ &*viewer.title }</span>
                <a class="open-full" href={viewer.place(viewer.step)} target="_blank" rel="noopener">{ "Open in ProcLab" }</a>
            </header>
            { stage }
            <main class="views">
                <div class="column">
                    <StatesView kernel={kernel.clone()} events={shown.events.clone()} />
                    <CodeView kernel={kernel.clone()} ran={shown.ran} />
                </div>
                <div class="column">
                    <ProcessTree kernel={kernel.clone()} selected={viewer.shown_pid()} pinned={viewer.pinned.is_some()} on_select={on_select} {on_follow} />
                    <PhysicalMemory kernel={kernel.clone()} pid={viewer.shown_pid()} events={shown.events.clone()} />
                </div>
                <div class="column">
                    <Terminal kernel={kernel.clone()} />
                    <Pipes kernel={kernel.clone()} />
                </div>
            </main>
        </div>
    }
}
