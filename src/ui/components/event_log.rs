//! The narrated history of the run up to the current step; clicking a step goes there.

use std::rc::Rc;

use yew::prelude::*;

use proclab_kernel::timeline::Timeline;

/// The most steps the log lists at once (the latest ones).
const LOG_WINDOW: usize = 50;

/// Properties of [`EventLog`].
#[derive(Properties, PartialEq)]
pub struct EventLogProps {
    /// The recorded run.
    pub timeline: Rc<Timeline>,
    /// The step shown.
    pub step: usize,
    /// Called with the step the user clicked.
    pub on_seek: Callback<usize>,
}

/// Properties of [`LogEntry`].
#[derive(Properties, PartialEq)]
struct LogEntryProps {
    timeline: Rc<Timeline>,
    /// The step this entry tells.
    n: usize,
    /// True for the step shown.
    current: bool,
    on_seek: Callback<usize>,
}

/// One step of the log. Past steps never change, so with the same props it is not
/// re-rendered as the viewer moves.
#[component]
fn LogEntry(props: &LogEntryProps) -> Html {
    let Some(record) = props.timeline.step(props.n) else {
        return html! {};
    };
    let n = props.n;
    let on_seek = props.on_seek.clone();
    html! {
        <li class={classes!(props.current.then_some("current"))}>
            <button type="button" class="log-step" onclick={move |_| on_seek.emit(n)}
                title={format!("Go to step {n}")}>
                { format!("tick {}", record.tick) }
            </button>
            <ul>{ for record.events.iter().map(|e| html! { <li>{ e.narrate() }</li> }) }</ul>
        </li>
    }
}

/// Steps so far, newest first.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let first = props.step.saturating_sub(LOG_WINDOW) + 1;
    html! {
        <section class="view event-log" aria-label="Event log">
            <h2>{ "Event log" }</h2>
            <ol class="log" reversed=true>
                { for (first..=props.step).rev().map(|n| html! {
                    <LogEntry key={n} timeline={props.timeline.clone()} {n}
                        current={n == props.step} on_seek={props.on_seek.clone()} />
                }) }
            </ol>
        </section>
    }
}
