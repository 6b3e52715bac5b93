//! The stepping controls: buttons, the timeline slider and the step counter.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::moments::{MARK_BINS, marks};
use crate::model::viewer::{Action, SPEEDS};
use crate::ui::chosen_option;
use proclab_kernel::event::Moment;
use proclab_kernel::timeline::Timeline;

// 16×16 icon paths: a bar and a triangle, or a triangle alone.
const ICON_RESET: &str = "M2 2h2v12H2zM14 2v12L5 8z";
const ICON_BACK: &str = "M13 2v12L3 8z";
const ICON_FORWARD: &str = "M3 2v12l10-6z";
const ICON_END: &str = "M12 2h2v12h-2zM2 2v12l9-6z";
const ICON_PAUSE: &str = "M3 2h4v12H3zM9 2h4v12H9z";

/// Properties of [`Controls`].
#[derive(Properties, PartialEq)]
pub struct ControlsProps {
    /// The step shown.
    pub step: usize,
    /// The last step of the run.
    pub last: usize,
    /// The simulated clock at this step.
    pub tick: u64,
    /// Playing on a timer.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Stepping by source line.
    pub by_line: bool,
    /// The recorded run, whose moments the timeline marks.
    pub timeline: Rc<Timeline>,
    /// What the last navigation could not do.
    pub notice: Option<Rc<str>>,
    /// Called with what the user asked for.
    pub on_action: Callback<Action>,
}

/// Buttons to step back and forth, reset and go to the end, plus a slider over the run.
#[component]
pub fn Controls(props: &ControlsProps) -> Html {
    let button = |label: &'static str, icon: &'static str, action: Action, disabled: bool| {
        let on_action = props.on_action.clone();
        html! {
            <button type="button" aria-label={label} title={label} {disabled}
                onclick={move |_| on_action.emit(action.clone())}>
                <svg class="icon" viewBox="0 0 16 16" aria-hidden="true"><path d={icon} /></svg>
                { label }
            </button>
        }
    };
    let on_slide = {
        let on_action = props.on_action.clone();
        move |e: InputEvent| {
            if let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                && let Ok(step) = input.value().parse()
            {
                on_action.emit(Action::Seek(step));
            }
        }
    };
    let moment = use_state(|| Moment::Fork);
    let on_choose = {
        let moment = moment.clone();
        Callback::from(move |m| moment.set(m))
    };
    let at_start = props.step == 0;
    let at_end = props.step >= props.last;
    let on_speed = {
        let on_action = props.on_action.clone();
        move |e: Event| {
            if let Some(i) = chosen_option(&e) {
                on_action.emit(Action::SetSpeed(i));
            }
        }
    };
    let granularity = |label: &'static str, by_line: bool| {
        let on_action = props.on_action.clone();
        html! {
            <button type="button" class="toggle" aria-pressed={(props.by_line == by_line).to_string()}
                onclick={move |_| on_action.emit(Action::SetByLine(by_line))}>{ label }</button>
        }
    };
    html! {
        <nav class="controls" aria-label="Stepping controls">
            { button("Reset", ICON_RESET, Action::Reset, at_start) }
            { button("Step back", ICON_BACK, Action::StepBack, at_start) }
            { if props.playing {
                button("Pause", ICON_PAUSE, Action::TogglePlay, false)
            } else {
                button("Play", ICON_FORWARD, Action::TogglePlay, at_end)
            } }
            { button("Step forward", ICON_FORWARD, Action::StepForward, at_end) }
            { button("Go to end", ICON_END, Action::GoToEnd, at_end) }
            <label class="speed">{ "Speed " }
                <select aria-label="Speed" onchange={on_speed}>
                    { for SPEEDS.iter().enumerate().map(|(i, s)| html! {
                        <option value={i.to_string()} selected={i == props.speed}>{ format!("{s}×") }</option>
                    }) }
                </select>
            </label>
            <span class="group" role="group" aria-label="Step by">
                { granularity("line", true) }
                { granularity("instruction", false) }
            </span>
            <MomentJump timeline={props.timeline.clone()} moment={*moment} {on_choose} on_action={props.on_action.clone()} />
            <span class="step-counter" aria-live="off">
                { format!("step {} of {}", props.step, props.last) }
                <span class="tick">{ format!(" · tick {}", props.tick) }</span>
            </span>
            <div class="timeline">
                <input type="range" aria-label="Timeline" min="0" max={props.last.to_string()}
                    value={props.step.to_string()} oninput={on_slide} />
                <MomentMarks timeline={props.timeline.clone()} moment={*moment} on_action={props.on_action.clone()} />
            </div>
            <p class="notice" aria-live="polite">{ props.notice.as_deref().unwrap_or_default() }</p>
        </nav>
    }
}

/// Properties of [`MomentJump`].
#[derive(Properties, PartialEq)]
struct MomentJumpProps {
    timeline: Rc<Timeline>,
    /// The kind of moment the buttons go to.
    moment: Moment,
    on_choose: Callback<Moment>,
    on_action: Callback<Action>,
}

/// "Previous fork", the kind of moment (with how many the run has), "Next fork".
#[component]
fn MomentJump(props: &MomentJumpProps) -> Html {
    let moment = props.moment;
    let jump = |label: String, glyph: &'static str, action: Action| {
        let on_action = props.on_action.clone();
        html! {
            <button type="button" class="jump" aria-label={label.clone()} title={label}
                onclick={move |_| on_action.emit(action.clone())}>{ glyph }</button>
        }
    };
    let on_choose = {
        let on_choose = props.on_choose.clone();
        move |e: Event| {
            if let Some(&m) = chosen_option(&e).and_then(|i| Moment::ALL.get(i)) {
                on_choose.emit(m);
            }
        }
    };
    html! {
        <span class="group moments" role="group" aria-label="Go to a moment">
            { jump(format!("Previous {}", moment.name()), "◀", Action::Previous(moment)) }
            <select aria-label="Moment" onchange={on_choose}>
                { for Moment::ALL.iter().enumerate().map(|(i, m)| html! {
                    <option value={i.to_string()} selected={*m == moment}>
                        { format!("{} ({})", m.name(), props.timeline.moments(*m).len()) }
                    </option>
                }) }
            </select>
            { jump(format!("Next {}", moment.name()), "▶", Action::Next(moment)) }
        </span>
    }
}

/// Properties of [`MomentMarks`].
#[derive(Properties, PartialEq)]
struct MomentMarksProps {
    timeline: Rc<Timeline>,
    /// The kind of moment marked.
    moment: Moment,
    on_action: Callback<Action>,
}

/// Where the chosen kind of moment happens along the run, as ticks under the timeline;
/// clicking one goes to the first moment it stands for.
#[component]
fn MomentMarks(props: &MomentMarksProps) -> Html {
    let moment = props.moment;
    let marks = marks(props.timeline.moments(moment), props.timeline.len());
    html! {
        <svg class="marks" viewBox={format!("0 0 {MARK_BINS} 10")} preserveAspectRatio="none"
            role="group" aria-label={format!("Where each {} happens", moment.name())}>
            { for marks.into_iter().map(|mark| {
                let on_action = props.on_action.clone();
                let step = mark.first;
                let title = if mark.count == 1 {
                    format!("{} at step {step}", moment.name())
                } else {
                    format!("{} {}s from step {step}", mark.count, moment.name())
                };
                html! {
                    <rect x={mark.bin.to_string()} y="0" width="3" height="10"
                        onclick={move |_| on_action.emit(Action::Seek(step))}>
                        <title>{ title }</title>
                    </rect>
                }
            }) }
        </svg>
    }
}
