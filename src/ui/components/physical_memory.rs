//! Physical memory: the frames in use, coloured by the processes that map it, with a
//! refcount badge on shared frames (runs of alike frames as one cell, the free frames above
//! them as a figure); beneath, the lines from the selected process's pages to its frames.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::physical::{FrameRun, memory_view, thousands};
use crate::ui::components::page_map::PageMap;
use crate::ui::palette::colour;
use proclab_kernel::event::Event;
use proclab_kernel::frames::FrameUse;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Properties of [`PhysicalMemory`].
#[derive(Properties, PartialEq)]
pub struct PhysicalMemoryProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The process whose pages are joined to their frames.
    pub pid: Option<Pid>,
    /// The events of the step shown.
    pub events: Vec<Event>,
}

/// The frame grid: frames in use, runs of alike frames as one cell, and the free frames
/// above them as a figure.
#[component]
pub fn PhysicalMemory(props: &PhysicalMemoryProps) -> Html {
    let k = &props.kernel;
    let view = memory_view(k);
    html! {
        <section tabindex="0" class="view physical-memory" aria-label="Physical memory">
            <h2>
                { "Physical memory" }
                <span class="policy">{ format!("{} of {} frames in use · {} bytes each", thousands(view.used), thousands(view.total), k.frames().frame_size) }</span>
            </h2>
            <ol class="frames">
                { for view.cells.into_iter().map(|run| {
                    let key = run.first;
                    html! { <FrameCell {key} {run} /> }
                }) }
                if view.free_above > 0 {
                    <li class="frame free free-above" title={format!("{} free frames", thousands(view.free_above))}>
                        <span class="frame-owner">{ format!("{} free", thousands(view.free_above)) }</span>
                    </li>
                }
            </ol>
            <PageMap kernel={k.clone()} pid={props.pid} events={props.events.clone()} />
        </section>
    }
}

/// Properties of [`FrameCell`]: only what it draws, so an unchanged cell skips rendering.
#[derive(Properties, PartialEq)]
struct FrameCellProps {
    run: FrameRun,
}

/// One frame, or a run of alike frames: its number (or range), owner and, when shared, its
/// refcount.
#[component]
fn FrameCell(props: &FrameCellProps) -> Html {
    let run = &props.run;
    let n = run.first;
    let numbers = if run.count == 1 {
        n.to_string()
    } else {
        format!("{n}–{}", n + run.count - 1)
    };
    let what = if run.count == 1 {
        format!("frame {n}")
    } else {
        format!("{} frames, {numbers}", thousands(run.count))
    };
    let (class, label, style, title) = match run.usage {
        FrameUse::Free => (
            "free",
            String::new(),
            String::new(),
            format!("{what}: free"),
        ),
        FrameUse::Kernel => (
            "kernel",
            "K".to_owned(),
            String::new(),
            format!("{what}: kernel"),
        ),
        FrameUse::PageTable(pid) => (
            "page-table",
            "PT".to_owned(),
            format!("--proc: {}", colour(pid)),
            format!("{what}: page table of P{pid}"),
        ),
        FrameUse::User => {
            let who = &run.owners;
            let style = match who.as_slice() {
                [one] => format!("--proc: {}", colour(*one)),
                [a, b, ..] => format!("--proc: {}; --proc2: {}", colour(*a), colour(*b)),
                [] => String::new(),
            };
            let names: Vec<String> = who.iter().map(|p| format!("P{p}")).collect();
            let held: Vec<String> = run.segments.iter().map(|s| format!("shm{s}")).collect();
            let mapped = if names.is_empty() {
                "mapped by no process".to_owned()
            } else {
                format!("mapped by {}", names.join(", "))
            };
            let holder = match run.segments.as_slice() {
                [] => String::new(),
                [s] => format!(", held by shared memory segment {s}"),
                many => format!(", held by shared memory segments {many:?}"),
            };
            (
                if who.len() > 1 { "user shared" } else { "user" },
                held.iter()
                    .chain(&names)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(" "),
                style,
                format!("{what}: {mapped}{holder} (refcount {})", run.refcount),
            )
        }
    };
    html! {
        <li class={classes!("frame", class, (run.count > 1).then_some("run"))} {style} {title}>
            <span class="frame-no">{ numbers }</span>
            <span class="frame-owner">{ label }</span>
            if run.count > 1 {
                <span class="run-count">{ format!("{} frames", thousands(run.count)) }</span>
            }
            if run.refcount > 1 {
                <span class="refcount" aria-label={format!("refcount {}", run.refcount)}>{ format!("×{}", run.refcount) }</span>
            }
        </li>
    }
}
