//! The stepping controls: buttons, the timeline slider and the step counter.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::viewer::{Action, SPEEDS};
use crate::ui::chosen_option;

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
    let jump = |label: &'static str, action: Action| {
        let on_action = props.on_action.clone();
        html! {
            <button type="button" class="jump" aria-label={label} disabled={at_end}
                onclick={move |_| on_action.emit(action.clone())}>{ label }</button>
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
            { jump("Next fork", Action::NextFork) }
            { jump("Next exec", Action::NextExec) }
            { jump("Next fault", Action::NextFault) }
            <input type="range" aria-label="Timeline" min="0" max={props.last.to_string()}
                value={props.step.to_string()} oninput={on_slide} />
            <span class="step-counter" aria-live="off">
                { format!("step {} of {}", props.step, props.last) }
                <span class="tick">{ format!(" · tick {}", props.tick) }</span>
            </span>
        </nav>
    }
}
