//! The stage: what one step shows (`Shown`), laid out as the chosen layout says. A focused
//! layout fills the window under the controls, each view in its own cell that scrolls
//! inside itself, so a class never scrolls the page; "Everything" is every view in columns.

use std::rc::Rc;

use yew::prelude::*;

use super::Callbacks;
use super::components::{
    address_space::AddressSpaceView, code::CodeView, event_log::EventLog, ipc_objects::IpcObjects,
    message_queues::MessageQueues, open_files::OpenFiles, pcb::PcbView,
    physical_memory::PhysicalMemory, pipes::Pipes, process_tree::ProcessTree,
    scheduler::SchedulerView, states::StatesView, terminal::Terminal,
};
use crate::model::layout::Layout;
use crate::model::narration::{Told, tell};
use crate::model::pages::{others, pages_of};
use crate::model::signal_frames::signal_frames;
use crate::model::viewer::Viewer;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;
use proclab_kernel::program::SourceLine;

/// What one step shows everywhere: the machine at the step and before it, and its events.
pub(super) struct Shown {
    pub(super) kernel: Rc<Kernel>,
    pub(super) previous: Rc<Kernel>,
    pub(super) events: Vec<Event>,
    pub(super) told: Told,
    /// The process and C line the step (or line) ran.
    pub(super) ran: Option<(Pid, SourceLine)>,
}

impl Shown {
    pub(super) fn at(viewer: &Viewer) -> Self {
        let timeline = &viewer.timeline;
        let kernel = timeline.state_at(viewer.step);
        let previous = timeline.state_at(viewer.step.saturating_sub(1));
        Shown {
            told: tell(timeline, viewer.step, viewer.by_line, &previous, &kernel),
            ran: timeline
                .line_of(viewer.step)
                .filter(|&(pid, _)| same_program(&previous, &kernel, pid)),
            kernel: Rc::new(kernel),
            previous: Rc::new(previous),
            events: timeline
                .step(viewer.step)
                .map(|r| r.events.to_vec())
                .unwrap_or_default(),
        }
    }
}

/// True when `pid` runs the same program in both machines (no exec in between), so a line
/// it ran in one is a line of the listing shown for the other.
fn same_program(before: &Kernel, after: &Kernel, pid: Pid) -> bool {
    match (before.process(pid), after.process(pid)) {
        (Some(a), Some(b)) => Rc::ptr_eq(&a.program, &b.program),
        _ => false,
    }
}

/// The stage in `layout`, with the narration in it (a focused layout) or above it.
pub(super) fn stage(
    layout: Layout,
    viewer: &Viewer,
    shown: Shown,
    narration: Html,
    callbacks: &Callbacks,
) -> Html {
    let cell = |area: &'static str, view: Html| html! { <div class={classes!("cell", area)}>{ view }</div> };
    // The narration over the code, in the column the class reads first.
    let lesson =
        |code: Html| html! { <div class="cell lesson-cell">{ narration.clone() }{ code }</div> };
    let views = Views {
        viewer,
        shown: &shown,
        callbacks,
        pid: viewer.shown_pid(),
    };
    match layout {
        Layout::Processes => html! {
            <main class="stage focused processes">
                { lesson(views.code()) }
                { cell("states-cell", views.states()) }
                { cell("scheduler-cell", views.scheduler()) }
                { cell("tree-cell", views.tree()) }
                { cell("terminal-cell", views.terminal()) }
            </main>
        },
        Layout::Memory => html! {
            <main class="stage focused memory">
                { lesson(views.code()) }
                { cell("space-cell", views.address_space()) }
                { cell("second-space-cell", views.second_address_space()) }
                { cell("physical-cell", html! { <>{ views.physical() }{ views.pcb(Some("Memory management")) }</> }) }
            </main>
        },
        Layout::Communication => html! {
            <main class="stage focused communication">
                { lesson(views.code()) }
                { cell("ipc-cell", html! { <>{ views.pipes(true) }{ views.queues() }{ views.files() }</> }) }
                { cell("tree-cell", views.tree()) }
                { cell("terminal-cell", views.terminal()) }
            </main>
        },
        Layout::Everything => html! {
            <>
                { narration }
                <main class="stage views">
                    <div class="column">
                        { views.states() }{ views.code() }{ views.address_space() }
                    </div>
                    <div class="column">
                        { views.tree() }{ views.scheduler() }{ views.physical() }
                    </div>
                    <div class="column">
                        { views.terminal() }{ views.pipes(false) }{ views.queues() }{ views.files() }{ views.log() }
                    </div>
                    { views.pcb(None) }
                </main>
            </>
        },
    }
}

/// The views of one step, each drawn on demand by the layout that places it.
struct Views<'a> {
    viewer: &'a Viewer,
    shown: &'a Shown,
    callbacks: &'a Callbacks,
    /// The process whose details are shown (found once per step).
    pid: Option<Pid>,
}

impl Views<'_> {
    fn kernel(&self) -> Rc<Kernel> {
        self.shown.kernel.clone()
    }

    fn pid(&self) -> Option<Pid> {
        self.pid
    }

    fn states(&self) -> Html {
        html! { <StatesView kernel={self.kernel()} events={self.shown.events.clone()} /> }
    }

    fn code(&self) -> Html {
        html! { <CodeView kernel={self.kernel()} ran={self.shown.ran} /> }
    }

    fn tree(&self) -> Html {
        html! {
            <ProcessTree kernel={self.kernel()} selected={self.pid()} pinned={self.viewer.pinned.is_some()}
                on_select={self.callbacks.on_select.clone()} on_follow={self.callbacks.on_follow.clone()} />
        }
    }

    fn scheduler(&self) -> Html {
        html! { <SchedulerView kernel={self.kernel()} timeline={self.viewer.timeline.clone()} step={self.viewer.step} /> }
    }

    fn terminal(&self) -> Html {
        html! { <Terminal kernel={self.kernel()} /> }
    }

    fn pipes(&self, say_when_none: bool) -> Html {
        html! { <Pipes kernel={self.kernel()} {say_when_none} /> }
    }

    fn queues(&self) -> Html {
        html! { <>
            <MessageQueues kernel={self.kernel()} />
            <IpcObjects kernel={self.kernel()} />
        </> }
    }

    fn files(&self) -> Html {
        html! { <OpenFiles kernel={self.kernel()} /> }
    }

    fn log(&self) -> Html {
        html! { <EventLog timeline={self.viewer.timeline.clone()} step={self.viewer.step} on_seek={self.callbacks.on_seek.clone()} /> }
    }

    fn physical(&self) -> Html {
        html! { <PhysicalMemory kernel={self.kernel()} pid={self.pid()} events={self.shown.events.clone()} /> }
    }

    fn pcb(&self, only: Option<&'static str>) -> Html {
        html! {
            <PcbView kernel={self.kernel()} previous={self.shown.previous.clone()} pid={self.pid()}
                events={self.shown.events.clone()} {only} />
        }
    }

    fn address_space(&self) -> Html {
        let frames = self
            .pid()
            .map(|pid| signal_frames(&self.viewer.timeline, self.viewer.step, pid))
            .unwrap_or_default();
        html! {
            <AddressSpaceView kernel={self.kernel()} pid={self.pid()} events={self.shown.events.clone()} {frames} />
        }
    }

    /// Beside the shown process's address space: at its exec, its image before the exec;
    /// otherwise the process it shares most frames with (at a fork, parent and child).
    fn second_address_space(&self) -> Html {
        let label = AttrValue::Static("Second address space");
        let Some(pid) = self.pid() else {
            return html! {};
        };
        let execed = self
            .shown
            .events
            .iter()
            .any(|e| matches!(e, Event::Exec { pid: p, .. } if *p == pid));
        if execed {
            return html! {
                <AddressSpaceView kernel={self.shown.previous.clone()} pid={Some(pid)} events={Vec::new()}
                    frames={Vec::new()} caption="Before exec, the address space of" {label} />
            };
        }
        let k = &self.shown.kernel;
        let mine = pages_of(k, pid).into_iter().map(|p| p.frame).collect();
        let partner = others(k, pid, &mine).into_iter().next();
        match partner {
            Some(other) => {
                let frames = signal_frames(&self.viewer.timeline, self.viewer.step, other);
                html! {
                    <AddressSpaceView kernel={self.kernel()} pid={Some(other)} events={self.shown.events.clone()}
                        {frames} caption="Beside it, the address space of" {label} />
                }
            }
            None => html! {
                <section tabindex="0" class="view address-space" aria-label={label}>
                    <h2>{ "Beside it" }</h2>
                    <p class="hint">{ format!("No other process shares a frame with P{pid} at this step.") }</p>
                </section>
            },
        }
    }
}
