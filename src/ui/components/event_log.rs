//! The narrated history of the whole run, one row per step (or per step in which the kernel
//! acted), drawn only where the box is scrolled to; the current step's row is kept in view
//! and clicking a row goes to its step.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::log::{Rows, sentences};
use proclab_kernel::timeline::Timeline;

/// The height of one row, in CSS pixels (the stylesheet's `.log-row` matches it).
const ROW_PX: i32 = 26;

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

/// Properties of [`LogRow`].
#[derive(Properties, PartialEq)]
struct LogRowProps {
    timeline: Rc<Timeline>,
    /// The step this row tells.
    n: usize,
    /// Its position in the list.
    row: usize,
    /// True for the step shown.
    current: bool,
    /// True for a step after the one shown.
    later: bool,
    kernel_only: bool,
    on_seek: Callback<usize>,
}

/// One step of the log, on one line (the whole text in its tooltip).
#[component]
fn LogRow(props: &LogRowProps) -> Html {
    let Some(record) = props.timeline.step(props.n) else {
        return html! {};
    };
    let n = props.n;
    let on_seek = props.on_seek.clone();
    let said = sentences(&props.timeline, n, props.kernel_only);
    let top = props.row as i32 * ROW_PX;
    html! {
        <div role="listitem" class={classes!("log-row", props.current.then_some("current"), props.later.then_some("later"))}
            style={format!("top: {top}px")} data-step={n.to_string()} title={said.join("\n")}>
            <button type="button" class="log-step" onclick={move |_| on_seek.emit(n)}
                title={format!("Go to step {n}")}>
                { format!("tick {}", record.tick) }
            </button>
            <span class="log-text">{ for said.iter().map(|s| html! { <span class="log-event">{ s }</span> }) }</span>
        </div>
    }
}

/// The whole run's log, virtualised: only the rows in sight (and a few around) are drawn.
#[component]
pub fn EventLog(props: &EventLogProps) -> Html {
    let kernel_only = use_state(|| true);
    let scrolled = use_state(|| 0usize);
    let visible = use_state(|| 18usize);
    let list = use_node_ref();
    let rows = Rows::of(&props.timeline, *kernel_only);
    let current = rows.row_of(props.step);
    {
        let (list, scrolled, visible) = (list.clone(), scrolled.clone(), visible.clone());
        use_effect_with((current, *kernel_only), move |(current, _)| {
            if let Some(list) = list.cast::<web_sys::HtmlElement>() {
                keep_row_in_sight(&list, current.unwrap_or(0));
                scrolled.set((list.scroll_top() / ROW_PX).max(0) as usize);
                visible.set((list.client_height() / ROW_PX + 1).max(1) as usize);
            }
        });
    }
    let on_scroll = {
        let (list, scrolled) = (list.clone(), scrolled.clone());
        move |_| {
            if let Some(list) = list.cast::<web_sys::HtmlElement>() {
                scrolled.set((list.scroll_top() / ROW_PX).max(0) as usize);
            }
        }
    };
    let on_filter = {
        let kernel_only = kernel_only.clone();
        move |_| kernel_only.set(!*kernel_only)
    };
    let count = rows.len();
    html! {
        <section tabindex="0" class="view event-log" aria-label="Event log">
            <h2>{ "Event log" }</h2>
            <label class="log-filter">
                <input type="checkbox" checked={*kernel_only} onchange={on_filter} />
                { format!(" kernel events only ({count} of {} steps)", props.timeline.len()) }
            </label>
            <div class="log" ref={list} onscroll={on_scroll}>
                <div class="log-rows" role="list" aria-label="Steps of the run" style={format!("height: {}px", count as i32 * ROW_PX)}>
                    { for rows.window(*scrolled, *visible).map(|row| {
                        let n = rows.step(row);
                        html! {
                            <LogRow key={n} timeline={props.timeline.clone()} {n} {row}
                                current={Some(row) == current} later={n > props.step}
                                kernel_only={*kernel_only} on_seek={props.on_seek.clone()} />
                        }
                    }) }
                </div>
            </div>
        </section>
    }
}

/// Scrolls the log so that `row` is in sight (in the middle, when it was not).
fn keep_row_in_sight(list: &web_sys::HtmlElement, row: usize) {
    let top = row as i32 * ROW_PX;
    let (from, height) = (list.scroll_top(), list.client_height());
    if top < from || top + ROW_PX > from + height {
        list.set_scroll_top(top - height / 2);
    }
}
