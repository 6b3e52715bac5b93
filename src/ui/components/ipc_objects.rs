//! Shared memory and semaphores: each System V segment (size, attachments, frames) and
//! semaphore set (values, sleepers); nothing when a run made none.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::ipc_objects::{Fate, segments, semaphore_sets};
use crate::model::physical::thousands;
use crate::ui::palette::colour;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Properties of [`IpcObjects`].
#[derive(Properties, PartialEq)]
pub struct IpcObjectsProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
}

/// Chips naming processes.
fn chips(pids: &[Pid]) -> Html {
    html! {
        { for pids.iter().map(|p| html! {
            <span class="chip small" style={format!("--proc: {}", colour(*p))}>{ format!("P{p}") }</span>
        }) }
    }
}

/// The System V shared memory segments and semaphore sets made so far.
#[component]
pub fn IpcObjects(props: &IpcObjectsProps) -> Html {
    let k = &props.kernel;
    let (segments, sets) = (segments(k), semaphore_sets(k));
    if segments.is_empty() && sets.is_empty() {
        return html! {};
    }
    html! {
        <section tabindex="0" class="view ipc-objects" aria-label="Shared memory and semaphores">
            <h2>{ "Shared memory and semaphores" }</h2>
            <ol class="queue-list">
                { for segments.iter().map(|s| html! {
                    <li key={format!("shm{}", s.id)} class="queue">
                        <span class="pipe-name">{ format!("shm {}", s.id) }</span>
                        <span>{ format!("{} bytes{}", thousands(s.size as usize), if s.key == 0 { String::new() } else { format!(", key {:#x}", s.key) }) }</span>
                        if s.fate == Fate::Destroyed {
                            <em>{ " destroyed" }</em>
                        } else {
                            <span>{ if s.attached.is_empty() { "attached to none" } else { "attached to" } }</span>
                            { chips(&s.attached) }
                            <span class="frames-held">{ format!("frames {}", s.frames.iter().map(usize::to_string).collect::<Vec<_>>().join(", ")) }</span>
                            if s.fate == Fate::Removing {
                                <em>{ "removed: it goes with its last attachment" }</em>
                            }
                        }
                    </li>
                }) }
                { for sets.iter().map(|s| html! {
                    <li key={format!("sem{}", s.id)} class="queue">
                        <span class="pipe-name">{ format!("semaphores {}", s.id) }</span>
                        if s.removed {
                            <em>{ " removed" }</em>
                        } else {
                            <span class="sem-values" aria-label="values">
                                { for s.values.iter().enumerate().map(|(n, v)| html! {
                                    <span class="mtype" title={format!("semaphore {n}")}>{ format!("[{n}] {v}") }</span>
                                }) }
                            </span>
                            if !s.sleepers.is_empty() {
                                <span>{ "asleep in semop:" }</span>
                                { chips(&s.sleepers) }
                            }
                        }
                    </li>
                }) }
            </ol>
        </section>
    }
}
