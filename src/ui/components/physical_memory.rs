//! Physical memory: every frame, coloured by the processes that map it, with a refcount
//! badge on shared frames.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::frames::FrameUse;
use crate::engine::kernel::Kernel;
use crate::ui::palette::colour;

/// Properties of [`PhysicalMemory`].
#[derive(Properties, PartialEq)]
pub struct PhysicalMemoryProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
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
                { for frames.iter().enumerate().map(|(n, frame)| {
                    let (class, label, style, title) = match frame.usage {
                        FrameUse::Free => ("free", String::new(), String::new(), format!("frame {n}: free")),
                        FrameUse::Kernel => ("kernel", "K".to_owned(), String::new(), format!("frame {n}: kernel")),
                        FrameUse::PageTable(pid) => ("page-table", "PT".to_owned(), format!("--proc: {}", colour(pid)), format!("frame {n}: page table of P{pid}")),
                        FrameUse::User => {
                            let who = &owners[n];
                            let style = match who.as_slice() {
                                [one] => format!("--proc: {}", colour(*one)),
                                [a, b, ..] => format!("--proc: {}; --proc2: {}", colour(*a), colour(*b)),
                                [] => String::new(),
                            };
                            let names: Vec<String> = who.iter().map(|p| format!("P{p}")).collect();
                            (if who.len() > 1 { "user shared" } else { "user" }, names.join(" "), style,
                             format!("frame {n}: mapped by {} (refcount {})", names.join(", "), frame.refcount))
                        }
                    };
                    html! {
                        <li key={n} class={classes!("frame", class)} {style} {title}>
                            <span class="frame-no">{ n }</span>
                            <span class="frame-owner">{ label }</span>
                            if frame.refcount > 1 {
                                <span class="refcount" aria-label={format!("refcount {}", frame.refcount)}>{ format!("×{}", frame.refcount) }</span>
                            }
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
