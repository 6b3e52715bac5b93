//! The page's state: which recorded run is shown, at which step, with which process selected.
//! Everything drawn is derived from the timeline at `step`; nothing of the simulation is
//! copied here.

use std::cell::RefCell;
use std::rc::Rc;

use yew::Reducible;

use proclab_course::exercise::Reveal;
use proclab_course::library::BUILTINS;
use proclab_course::ostep::import::import;
use proclab_course::share::ScenarioDoc;
use proclab_kernel::event::Event;
use proclab_kernel::process::Pid;
use proclab_kernel::scenario::Scenario;
use proclab_kernel::timeline::{Recorder, Timeline};

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
    /// The OSTEP homework command line the scenario was imported from, if it was.
    pub ostep: Option<Rc<str>>,
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
    /// The rest of the run, while it is still being recorded: `timeline` then holds the
    /// steps recorded before the page first drew it.
    pub recording: Option<Recording>,
    /// The step a link asked for beyond what is recorded yet, to go to once it is.
    pending_step: Option<usize>,
}

/// How long one slice of recording may hold the page, so the controls keep answering.
const SLICE_MS: f64 = 30.0;

/// Steps recorded between two looks at the clock.
const STEPS_PER_CHECK: usize = 256;

/// The most steps a slice records when the page is opened with `#selftest=slow-recording`,
/// so the browser tests can watch a recording in progress on any machine.
const SELFTEST_SLICE_STEPS: usize = 500;

/// A run being recorded a slice at a time (see [`Recorder`]), with its progress. Equal
/// only to itself at the same progress.
#[derive(Clone, Debug)]
pub struct Recording {
    underway: Rc<RefCell<Option<Underway>>>,
    /// The steps recorded so far.
    pub recorded: usize,
    /// The most steps the run can take.
    pub limit: u64,
    /// The steps per slice when slowed down for a self-test.
    slowed: Option<usize>,
}

impl PartialEq for Recording {
    fn eq(&self, other: &Self) -> bool {
        self.same_run(other) && self.recorded == other.recorded
    }
}

/// The page's clock in milliseconds.
fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// A run's recorder, with the time it has spent recording (the engine's share of the
/// recording's time, for the benchmarks).
#[derive(Debug)]
struct Underway {
    recorder: Recorder,
    engine_ms: f64,
}

impl Underway {
    /// Records as much of the run as fits in one slice (or, slowed down for a self-test, at
    /// most `slowed` steps); true once the run has halted.
    fn record_slice(&mut self, slowed: Option<usize>) -> bool {
        let start = now();
        let done = match slowed {
            Some(steps) => self.recorder.advance(steps),
            None => loop {
                if self.recorder.advance(STEPS_PER_CHECK) {
                    break true;
                }
                if now() - start >= SLICE_MS {
                    break false;
                }
            },
        };
        self.engine_ms += now() - start;
        done
    }

    /// The whole run, its recording's performance measures left for the benchmarks.
    fn finish(self) -> Timeline {
        let timeline = self.recorder.finish();
        measure_recording(&timeline, self.engine_ms);
        timeline
    }
}

impl Recording {
    /// Records a slice more of the run: [`Action::Finished`] with the whole timeline once
    /// the run has halted, else [`Action::Recorded`] with the new progress; None once
    /// cancelled. Leaves the performance measure `proclab-record:N:E` (N instructions, E
    /// milliseconds of engine time) for the benchmarks once done.
    pub fn advance(&self) -> Option<Action> {
        let mut slot = self.underway.borrow_mut();
        let underway = slot.as_mut()?;
        if !underway.record_slice(self.slowed) {
            let progress = Recording {
                recorded: underway.recorder.recorded(),
                ..self.clone()
            };
            return Some(Action::Recorded(progress));
        }
        let timeline = slot.take()?.finish();
        Some(Action::Finished(self.clone(), Rc::new(timeline)))
    }

    /// True when both are the progress of one recording.
    fn same_run(&self, other: &Recording) -> bool {
        Rc::ptr_eq(&self.underway, &other.underway)
    }

    /// Stops recording: the run as recorded so far.
    fn cut_short(&self) -> Option<Timeline> {
        Some(self.underway.borrow_mut().take()?.recorder.finish())
    }
}

/// Where a recording's performance measures start.
const RECORD_START_MARK: &str = "proclab-record-start";

/// Where a recording's performance measures end.
const RECORD_END_MARK: &str = "proclab-record-end";

/// Leaves the performance measure `proclab-record:N:E` spanning a recording from its start
/// to its end: N the instructions it executed, E the milliseconds of that span the engine
/// spent booting and recording (the rest went to the page: drawing the first steps,
/// showing the progress, answering the user between slices).
fn measure_recording(timeline: &Timeline, engine_ms: f64) {
    let Some(performance) = gloo::utils::window().performance() else {
        return;
    };
    let _ = performance.mark(RECORD_END_MARK);
    let instructions: u64 = timeline
        .state_at(timeline.len())
        .stats()
        .cpu_busy
        .iter()
        .sum();
    let name = format!("proclab-record:{instructions}:{engine_ms:.1}");
    let _ =
        performance.measure_with_start_mark_and_end_mark(&name, RECORD_START_MARK, RECORD_END_MARK);
}

/// Starts recording a run: the timeline to show now (the whole run if it fits in one
/// slice), and the recording that goes on otherwise.
fn start_recording(scenario: &Scenario) -> (Timeline, Option<Recording>) {
    if let Some(performance) = gloo::utils::window().performance() {
        let _ = performance.mark(RECORD_START_MARK);
    }
    let slowed = crate::ui::selftest("slow-recording").then_some(SELFTEST_SLICE_STEPS);
    let start = now();
    let recorder = Recorder::new(scenario).expect("scenarios are validated before they run");
    let mut underway = Underway {
        recorder,
        engine_ms: now() - start,
    };
    if underway.record_slice(slowed) {
        return (underway.finish(), None);
    }
    let shown = underway.recorder.so_far();
    let recording = Recording {
        recorded: underway.recorder.recorded(),
        limit: underway.recorder.step_limit(),
        underway: Rc::new(RefCell::new(Some(underway))),
        slowed,
    };
    (shown, Some(recording))
}

impl PartialEq for Viewer {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.timeline, &other.timeline)
            && self.title == other.title
            && self.scenario == other.scenario
            && self.ostep == other.ostep
            && match (&self.doc, &other.doc) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (a, b) => a.is_none() && b.is_none(),
            }
            && self.step == other.step
            && self.selected == other.selected
            && self.playing == other.playing
            && self.speed == other.speed
            && self.by_line == other.by_line
            && self.recording == other.recording
            && self.pending_step == other.pending_step
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
    /// Animate an OSTEP homework command line (already checked to import).
    ImportOstep(Rc<str>),
    /// Animate an exercise's answer, at the step it is about.
    Reveal(Reveal),
    /// The recording has made this progress.
    Recorded(Recording),
    /// The recording has finished: the whole run.
    Finished(Recording, Rc<Timeline>),
    /// Stop recording and keep the run as recorded so far.
    CancelRecording,
}

impl Viewer {
    /// A viewer at `step` of a built-in scenario's run, with the first user process
    /// selected.
    pub fn open(index: usize, step: usize) -> Self {
        let index = index.min(BUILTINS.len() - 1);
        let builtin = (BUILTINS[index].2)();
        let scenario = builtin.scenario();
        Viewer::showing(
            &scenario,
            step,
            Some(index),
            builtin.doc().cloned().map(Rc::new),
        )
    }

    /// A viewer at `step` of the scenario's run, recording it.
    fn showing(
        scenario: &Scenario,
        step: usize,
        index: Option<usize>,
        doc: Option<Rc<ScenarioDoc>>,
    ) -> Self {
        let (timeline, recording) = start_recording(scenario);
        let pending_step = (recording.is_some() && step > timeline.len()).then_some(step);
        Viewer {
            scenario: index,
            doc,
            ostep: None,
            title: scenario.title.as_str().into(),
            step: step.min(timeline.len()),
            timeline: Rc::new(timeline),
            selected: Some(2),
            playing: false,
            speed: 2,
            by_line: true,
            recording,
            pending_step,
        }
    }

    /// A viewer at `step` of an OSTEP homework command line's animation
    /// (`process-run.py …` or `fork.py …`), or what is wrong with the command line.
    pub fn ostep(command: Rc<str>, step: usize) -> Result<Self, String> {
        let scenario = import(&command)?;
        Ok(Viewer {
            ostep: Some(command),
            ..Viewer::showing(&scenario, step, None, None)
        })
    }

    /// The page's address for this scenario at `step`: `#ostep=COMMAND`, `#scenario=S` or
    /// `#s=LINK`, then `&step=N`.
    pub fn place(&self, step: usize) -> String {
        match (&self.ostep, self.scenario, &self.doc) {
            (Some(command), _, _) => {
                let command = String::from(js_sys::encode_uri_component(command));
                format!("#ostep={command}&step={step}")
            }
            (None, Some(index), _) => format!("#scenario={index}&step={step}"),
            (None, None, Some(doc)) => format!("#s={}&step={step}", doc.encode()),
            (None, None, None) => format!("#step={step}"),
        }
    }

    /// The step the page's address should hold: where a link asked to go while that step
    /// is still being recorded.
    pub fn place_step(&self) -> usize {
        self.pending_step.unwrap_or(self.step)
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
        Ok(Viewer::showing(&scenario, step, None, Some(doc)))
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
        let navigates = !matches!(
            action,
            Action::Select(_)
                | Action::SetSpeed(_)
                | Action::SetByLine(_)
                | Action::Recorded(_)
                | Action::Finished(..)
        );
        if navigates {
            next.pending_step = None;
        }
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
            Action::ImportOstep(command) => match Viewer::ostep(command, 0) {
                Ok(viewer) => next = viewer,
                Err(_) => return self,
            },
            Action::Reveal(Reveal::Ostep { command, tick }) => {
                if let Ok(mut viewer) = Viewer::ostep(command.into(), usize::MAX) {
                    if let Some(tick) = tick {
                        viewer.step = viewer.timeline.step_at_tick(tick);
                        viewer.pending_step = None;
                    }
                    next = viewer;
                }
            }
            Action::Reveal(Reveal::Program(doc)) => {
                if let Ok(viewer) = Viewer::own(Rc::new(doc), usize::MAX) {
                    next = viewer;
                }
            }
            Action::Reveal(Reveal::ProgramAt(doc, step)) => {
                if let Ok(viewer) = Viewer::own(Rc::new(doc), step) {
                    next = viewer;
                }
            }
            Action::Recorded(progress) => {
                if self
                    .recording
                    .as_ref()
                    .is_some_and(|r| r.same_run(&progress))
                {
                    next.recording = Some(progress);
                }
            }
            Action::Finished(run, timeline) => {
                if self.recording.as_ref().is_some_and(|r| r.same_run(&run)) {
                    next.step = self.place_step().min(timeline.len());
                    next.timeline = timeline;
                    next.recording = None;
                    next.pending_step = None;
                }
            }
            Action::CancelRecording => {
                if let Some(timeline) = self.recording.as_ref().and_then(Recording::cut_short) {
                    next.step = self.step.min(timeline.len());
                    next.timeline = Rc::new(timeline);
                }
                next.recording = None;
            }
        }
        if stops_playing {
            next.playing = false;
        }
        if next == *self { self } else { Rc::new(next) }
    }
}
