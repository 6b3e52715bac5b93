//! The page's state: which recorded run is shown, at which step, with which process selected.
//! Everything drawn is derived from the timeline at `step`; nothing of the simulation is
//! copied here.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::process::Pid;
use crate::engine::scenario::Scenario;
use crate::engine::timeline::Timeline;

/// The viewer's state.
#[derive(Clone)]
pub struct Viewer {
    /// The scenario's title.
    pub title: Rc<str>,
    /// The recorded run.
    pub timeline: Rc<Timeline>,
    /// The step shown: 0 is boot, `timeline.len()` the end.
    pub step: usize,
    /// The process whose details are shown.
    pub selected: Option<Pid>,
}

impl PartialEq for Viewer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.title == other.title
            && self.step == other.step
            && self.selected == other.selected
    }
}

/// What the user can do to the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One step forward.
    StepForward,
    /// One step back.
    StepBack,
    /// Back to boot.
    Reset,
    /// To the last step.
    GoToEnd,
    /// To a given step.
    Seek(usize),
    /// Show this process's details.
    Select(Pid),
}

impl Viewer {
    /// A viewer at the boot state of a scenario's run, with the first user process
    /// selected.
    pub fn new(scenario: &Scenario, timeline: Timeline) -> Self {
        Viewer {
            title: scenario.title.as_str().into(),
            timeline: Rc::new(timeline),
            step: 0,
            selected: Some(2),
        }
    }
}

impl Reducible for Viewer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let last = self.timeline.len();
        let mut next = (*self).clone();
        match action {
            Action::StepForward => next.step = (self.step + 1).min(last),
            Action::StepBack => next.step = self.step.saturating_sub(1),
            Action::Reset => next.step = 0,
            Action::GoToEnd => next.step = last,
            Action::Seek(step) => next.step = step.min(last),
            Action::Select(pid) => next.selected = Some(pid),
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
