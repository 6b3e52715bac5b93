//! Physical memory: every frame, coloured by the processes that map it, with a refcount
//! badge on shared frames; beneath, the lines from the selected process's pages to its
//! frames.

use std::rc::Rc;

use yew::prelude::*;

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

/// The frame grid.
#[component]
pub fn PhysicalMemory(props: &PhysicalMemoryProps) -> Html {
    let k = &props.kernel;
    let owners = k.frame_owners();
    let frames = k.frames().frames();
    let used = frames.iter().filter(|f| f.usage != FrameUse::Free).count();
    html! {
        <section class="view physical-memory" aria-label="Physical memory">
            <h2>
                { "Physical memory" }
                <span class="policy">{ format!("{used} of {} frames in use · {} bytes each", frames.len(), k.frames().frame_size) }</span>
            </h2>
            <ol class="frames">
                { for frames.iter().zip(owners).enumerate().map(|(n, (frame, owners))| html! {
                    <FrameCell key={n} {n} usage={frame.usage} refcount={frame.refcount} {owners} />
                }) }
            </ol>
            <PageMap kernel={k.clone()} pid={props.pid} events={props.events.clone()} />
        </section>
    }
}

/// Properties of [`FrameCell`]: only what it draws, so an unchanged frame skips rendering.
#[derive(Properties, PartialEq)]
struct FrameCellProps {
    n: usize,
    usage: FrameUse,
    refcount: u32,
    /// The processes that map it, for a user frame.
    owners: Vec<Pid>,
}

/// One frame: its number, owner and, when shared, its refcount.
#[component]
fn FrameCell(props: &FrameCellProps) -> Html {
    let n = props.n;
    let (class, label, style, title) = match props.usage {
        FrameUse::Free => (
            "free",
            String::new(),
            String::new(),
            format!("frame {n}: free"),
        ),
        FrameUse::Kernel => (
            "kernel",
            "K".to_owned(),
            String::new(),
            format!("frame {n}: kernel"),
        ),
        FrameUse::PageTable(pid) => (
            "page-table",
            "PT".to_owned(),
            format!("--proc: {}", colour(pid)),
            format!("frame {n}: page table of P{pid}"),
        ),
        FrameUse::User => {
            let who = &props.owners;
            let style = match who.as_slice() {
                [one] => format!("--proc: {}", colour(*one)),
                [a, b, ..] => format!("--proc: {}; --proc2: {}", colour(*a), colour(*b)),
                [] => String::new(),
            };
            let names: Vec<String> = who.iter().map(|p| format!("P{p}")).collect();
            (
                if who.len() > 1 { "user shared" } else { "user" },
                names.join(" "),
                style,
                format!(
                    "frame {n}: mapped by {} (refcount {})",
                    names.join(", "),
                    props.refcount
                ),
            )
        }
    };
    html! {
        <li class={classes!("frame", class)} {style} {title}>
            <span class="frame-no">{ n }</span>
            <span class="frame-owner">{ label }</span>
            if props.refcount > 1 {
                <span class="refcount" aria-label={format!("refcount {}", props.refcount)}>{ format!("×{}", props.refcount) }</span>
            }
        </li>
    }
}
