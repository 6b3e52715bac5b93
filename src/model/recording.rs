//! Recording a run a slice at a time, so a page can show the first steps of a long run at
//! once and keep answering while the rest records. How long a slice is, and what the page
//! measures, is the [`Slicer`]'s business: the model never reads a clock.

use std::cell::RefCell;
use std::rc::Rc;

use proclab_kernel::scenario::Scenario;
use proclab_kernel::timeline::{Recorder, Timeline};

/// How a run is recorded between two frames of the page.
pub trait Slicer {
    /// Records one slice of the run: whether it has halted, and how many milliseconds the
    /// engine spent.
    fn slice(&self, recorder: &mut Recorder) -> (bool, f64);
    /// A recording is starting.
    fn started(&self) {}
    /// A recording has ended, with the whole run; `engine_ms` is the time its slices took.
    fn finished(&self, _timeline: &Timeline, _engine_ms: f64) {}
}

/// A slicer that records a fixed number of steps per slice and measures nothing: for tests,
/// and for a page that wants to watch a recording go on.
#[derive(Debug, Clone, Copy)]
pub struct StepsPerSlice(pub usize);

impl Slicer for StepsPerSlice {
    fn slice(&self, recorder: &mut Recorder) -> (bool, f64) {
        (recorder.advance(self.0), 0.0)
    }
}

/// A run being recorded a slice at a time (see [`Recorder`]), with its progress. Equal
/// only to itself at the same progress.
#[derive(Clone, Debug)]
pub struct Recording {
    underway: Rc<RefCell<Option<Underway>>>,
    /// The steps recorded so far.
    pub recorded: usize,
    /// The most steps the run can take.
    pub limit: u64,
}

impl PartialEq for Recording {
    fn eq(&self, other: &Self) -> bool {
        self.same_run(other) && self.recorded == other.recorded
    }
}

/// A run's recorder, with the time its slices have taken.
#[derive(Debug)]
struct Underway {
    recorder: Recorder,
    engine_ms: f64,
}

impl Underway {
    /// One slice; true once the run has halted.
    fn record_slice(&mut self, slicer: &dyn Slicer) -> bool {
        let (done, ms) = slicer.slice(&mut self.recorder);
        self.engine_ms += ms;
        done
    }

    /// The whole run, told to the slicer.
    fn finish(self, slicer: &dyn Slicer) -> Timeline {
        let timeline = self.recorder.finish();
        slicer.finished(&timeline, self.engine_ms);
        timeline
    }
}

/// What one more slice of a recording gave.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// The run goes on: the recording as far as it has come.
    Recorded(Recording),
    /// The run has halted: the whole of it.
    Finished(Recording, Rc<Timeline>),
}

impl Recording {
    /// Starts recording a run: the timeline to show now (the whole run if it fits in one
    /// slice), and the recording that goes on otherwise.
    pub fn start(scenario: &Scenario, slicer: &dyn Slicer) -> (Timeline, Option<Recording>) {
        slicer.started();
        let recorder = Recorder::new(scenario).expect("scenarios are validated before they run");
        let mut underway = Underway {
            recorder,
            engine_ms: 0.0,
        };
        if underway.record_slice(slicer) {
            return (underway.finish(slicer), None);
        }
        let shown = underway.recorder.so_far();
        let recording = Recording {
            recorded: underway.recorder.recorded(),
            limit: underway.recorder.step_limit(),
            underway: Rc::new(RefCell::new(Some(underway))),
        };
        (shown, Some(recording))
    }

    /// Records a slice more of the run; None once it was cancelled or finished.
    pub fn advance(&self, slicer: &dyn Slicer) -> Option<Progress> {
        let mut slot = self.underway.borrow_mut();
        let underway = slot.as_mut()?;
        if !underway.record_slice(slicer) {
            let progress = Recording {
                recorded: underway.recorder.recorded(),
                ..self.clone()
            };
            return Some(Progress::Recorded(progress));
        }
        let timeline = slot.take()?.finish(slicer);
        Some(Progress::Finished(self.clone(), Rc::new(timeline)))
    }

    /// True when both are the progress of one recording.
    pub fn same_run(&self, other: &Recording) -> bool {
        Rc::ptr_eq(&self.underway, &other.underway)
    }

    /// Stops recording: the run as recorded so far.
    pub fn cut_short(&self) -> Option<Timeline> {
        Some(self.underway.borrow_mut().take()?.recorder.finish())
    }
}
