//! The page's state: which recorded run is shown, at which step, with which process selected.
//! Everything drawn is derived from the timeline at `step`; nothing of the simulation is
//! copied here.

use std::rc::Rc;

use yew::Reducible;

use crate::engine::event::Event;
use crate::engine::process::Pid;
use crate::engine::scenario::Scenario;
use crate::engine::share::ScenarioDoc;
use crate::engine::timeline::Timeline;
use crate::library::BUILTINS;

/// Playback speeds, as multiples of one step per 400 ms.
pub const SPEEDS: [f64; 6] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0];

/// The viewer's state.
#[derive(Clone)]
pub struct Viewer {
    /// The scenario's title.
    pub title: Rc<str>,
    /// Which built-in scenario is open, or None for the user's own (from the editor or a
    /// link).
    pub scenario: Option<usize>,
    /// The scenario's editable, shareable form (None for a synthetic built-in).
    pub doc: Option<Rc<ScenarioDoc>>,
    /// The recorded run.
    pub timeline: Rc<Timeline>,
    /// The step shown: 0 is boot, `timeline.len()` the end.
    pub step: usize,
    /// The process whose details are shown.
    pub selected: Option<Pid>,
    /// Playing forward on a timer.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// Stepping by source line rather than by instruction.
    pub by_line: bool,
}

impl PartialEq for Viewer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.title == other.title
            && self.scenario == other.scenario
            && match (&self.doc, &other.doc) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.step == other.step
            && self.selected == other.selected
            && self.playing == other.playing
            && self.speed == other.speed
            && self.by_line == other.by_line
    }
}

/// What the user can do to the viewer.
#[derive(Debug, Clone, PartialEq)]
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
    /// Start or stop playing.
    TogglePlay,
    /// The playback timer fired: one step (or line) forward, stopping at the end.
    Tick,
    /// Play at this index of [`SPEEDS`].
    SetSpeed(usize),
    /// Step by source line (true) or by instruction.
    SetByLine(bool),
    /// To the next fork.
    NextFork,
    /// To the next exec.
    NextExec,
    /// To the next page fault.
    NextFault,
    /// Open the built-in scenario with this index.
    Open(usize),
    /// Run a scenario of the user's own (already checked to build), from its first step.
    Run(Rc<ScenarioDoc>),
}

/// Records a built-in scenario's run, leaving a performance measure named
/// `proclab-record:N` (N: the instructions it executed) for the benchmarks.
fn timed_record(scenario: &Scenario) -> Timeline {
    let performance = gloo::utils::window().performance();
    if let Some(p) = &performance {
        let _ = p.mark("proclab-record-start");
    }
    let timeline = Timeline::record(scenario).expect("built-in scenarios are valid");
    if let Some(p) = performance {
        let instructions = timeline
            .steps()
            .flat_map(|s| s.events)
            .filter(|e| matches!(e, Event::Execute { .. }))
            .count();
        let name = format!("proclab-record:{instructions}");
        let _ = p.measure_with_start_mark(&name, "proclab-record-start");
    }
    timeline
}

impl Viewer {
    /// A viewer at `step` of a built-in scenario's run, with the first user process
    /// selected.
    pub fn open(index: usize, step: usize) -> Self {
        let index = index.min(BUILTINS.len() - 1);
        let builtin = (BUILTINS[index].2)();
        let scenario = builtin.scenario();
        let timeline = timed_record(&scenario);
        Viewer {
            scenario: Some(index),
            doc: builtin.doc().cloned().map(Rc::new),
            title: scenario.title.as_str().into(),
            step: step.min(timeline.len()),
            timeline: Rc::new(timeline),
            selected: Some(2),
            playing: false,
            speed: 2,
            by_line: true,
        }
    }

    fn forward(&self) -> usize {
        if self.by_line {
            self.timeline.next_line_step(self.step)
        } else {
            (self.step + 1).min(self.timeline.len())
        }
    }

    fn next_where(&self, wanted: impl Fn(&Event) -> bool) -> usize {
        self.timeline
            .next_step_where(self.step, |r| r.events.iter().any(&wanted))
            .unwrap_or(self.step)
    }
}

impl Viewer {
    /// A viewer at `step` of a scenario of the user's own, or why it cannot run (a compile
    /// error naming its file, line and column).
    pub fn own(doc: Rc<ScenarioDoc>, step: usize) -> Result<Self, String> {
        let scenario = doc.build()?;
        let timeline = timed_record(&scenario);
        Ok(Viewer {
            scenario: None,
            title: doc.title.as_str().into(),
            step: step.min(timeline.len()),
            timeline: Rc::new(timeline),
            doc: Some(doc),
            selected: Some(2),
            playing: false,
            speed: 2,
            by_line: true,
        })
    }
}

impl Reducible for Viewer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let last = self.timeline.len();
        let mut next = (*self).clone();
        let stops_playing = matches!(
            action,
            Action::Reset | Action::GoToEnd | Action::Seek(_) | Action::StepBack
        );
        match action {
            Action::StepForward => next.step = self.forward(),
            Action::StepBack if self.by_line => {
                next.step = self.timeline.previous_line_step(self.step)
            }
            Action::StepBack => next.step = self.step.saturating_sub(1),
            Action::Reset => next.step = 0,
            Action::GoToEnd => next.step = last,
            Action::Seek(step) => next.step = step.min(last),
            Action::Select(pid) => next.selected = Some(pid),
            Action::TogglePlay => next.playing = !self.playing && self.step < last,
            Action::Tick => {
                next.step = self.forward();
                next.playing = self.playing && next.step < last;
            }
            Action::SetSpeed(i) => next.speed = i.min(SPEEDS.len() - 1),
            Action::SetByLine(by_line) => next.by_line = by_line,
            Action::NextFork => next.step = self.next_where(|e| matches!(e, Event::Fork { .. })),
            Action::NextExec => next.step = self.next_where(|e| matches!(e, Event::Exec { .. })),
            Action::NextFault => {
                next.step = self.next_where(|e| matches!(e, Event::PageFault { .. }))
            }
            Action::Open(index) => next = Viewer::open(index, 0),
            Action::Run(doc) => match Viewer::own(doc, 0) {
                Ok(viewer) => next = viewer,
                Err(_) => return self,
            },
        }
        if stops_playing {
            next.playing = false;
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
