//! How the page records a run between frames: slices of about 30 ms by the page's clock
//! (or, for the browser tests' `#selftest=slow-recording`, 500 steps a slice, so they can
//! watch a recording go on on any machine), leaving performance marks for the benchmarks.

use std::rc::Rc;
use std::sync::OnceLock;

use yew::Reducible;

use crate::model::recording::{Slicer, StepsPerSlice};
use crate::model::viewer::{Action, Viewer};
use proclab_kernel::timeline::{Recorder, Timeline};

/// How long one slice of recording may hold the page, so the controls keep answering.
const SLICE_MS: f64 = 30.0;

/// Steps recorded between two looks at the clock.
const STEPS_PER_CHECK: usize = 256;

/// The most steps a slice records when the page is opened with `#selftest=slow-recording`.
const SELFTEST_SLICE_STEPS: usize = 500;

/// Where a recording's performance measures start.
const RECORD_START_MARK: &str = "proclab-record-start";

/// Where a recording's performance measures end.
const RECORD_END_MARK: &str = "proclab-record-end";

/// The page's way of recording.
pub struct PageSlicer;

/// True when the page was opened with `#selftest=slow-recording`: read once, at the first
/// slice, since the address soon holds the place instead.
fn slowed() -> bool {
    static SLOWED: OnceLock<bool> = OnceLock::new();
    *SLOWED.get_or_init(|| super::selftest("slow-recording"))
}

/// The page's clock in milliseconds.
fn now() -> f64 {
    gloo::utils::window()
        .performance()
        .map_or_else(js_sys::Date::now, |p| p.now())
}

impl Slicer for PageSlicer {
    fn slice(&self, recorder: &mut Recorder) -> (bool, f64) {
        let start = now();
        let done = if slowed() {
            StepsPerSlice(SELFTEST_SLICE_STEPS).slice(recorder).0
        } else {
            loop {
                if recorder.advance(STEPS_PER_CHECK) {
                    break true;
                }
                if now() - start >= SLICE_MS {
                    break false;
                }
            }
        };
        (done, now() - start)
    }

    fn started(&self) {
        if let Some(performance) = gloo::utils::window().performance() {
            let _ = performance.mark(RECORD_START_MARK);
        }
    }

    /// Leaves the performance measure `proclab-record:N:E` spanning the recording: N the
    /// instructions it executed, E the milliseconds of that span the engine spent
    /// recording (the rest went to the page: drawing the first steps, showing the
    /// progress, answering the user between slices).
    fn finished(&self, timeline: &Timeline, engine_ms: f64) {
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
        let _ = performance.measure_with_start_mark_and_end_mark(
            &name,
            RECORD_START_MARK,
            RECORD_END_MARK,
        );
    }
}

impl Reducible for Viewer {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        self.apply(action, &PageSlicer)
    }
}
