//! The event log's rows over the whole run: one row per step, or per step in which the
//! kernel acted; and which rows a scrolled box of a given height shows.

use proclab_kernel::event::Event;
use proclab_kernel::timeline::Timeline;

/// The rows extra above and below the visible ones that are drawn, so a quick scroll does
/// not show blank rows.
pub const OVERSCAN: usize = 10;

/// The steps the log lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rows<'a> {
    /// The steps in which the kernel acted (ascending).
    Kernel(&'a [u32]),
    /// Every step, 1 to this many.
    All(usize),
}

impl<'a> Rows<'a> {
    /// The rows of `timeline`: kernel steps only, or every step.
    pub fn of(timeline: &'a Timeline, kernel_only: bool) -> Self {
        if kernel_only {
            Rows::Kernel(timeline.kernel_steps())
        } else {
            Rows::All(timeline.len())
        }
    }

    /// How many rows there are.
    pub fn len(&self) -> usize {
        match self {
            Rows::Kernel(steps) => steps.len(),
            Rows::All(len) => *len,
        }
    }

    /// True when there is no row.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The step row `row` tells.
    pub fn step(&self, row: usize) -> usize {
        match self {
            Rows::Kernel(steps) => steps[row] as usize,
            Rows::All(_) => row + 1,
        }
    }

    /// The row of the last step at or before `step` (None before the first row).
    pub fn row_of(&self, step: usize) -> Option<usize> {
        let after = match self {
            Rows::Kernel(steps) => steps.partition_point(|&n| n as usize <= step),
            Rows::All(len) => step.min(*len),
        };
        after.checked_sub(1)
    }

    /// The rows to draw in a box scrolled `scrolled` rows down that shows `visible` rows.
    pub fn window(&self, scrolled: usize, visible: usize) -> std::ops::Range<usize> {
        let first = scrolled.saturating_sub(OVERSCAN).min(self.len());
        let end = (scrolled + visible + OVERSCAN).min(self.len());
        first..end
    }
}

/// The sentences a row of step `n` shows: the kernel's only, or every event's.
pub fn sentences(timeline: &Timeline, n: usize, kernel_only: bool) -> Vec<String> {
    timeline.step(n).map_or_else(Vec::new, |s| {
        s.events
            .iter()
            .filter(|e| !(matches!(e, Event::Halted(_)) || kernel_only && e.is_machine_code()))
            .map(Event::narrate)
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::library::BUILTINS;

    #[test]
    fn kernel_rows_skip_steps_of_machine_code_alone_and_find_the_current_row() {
        let t = Timeline::record(&(BUILTINS[0].build)().scenario()).expect("boots");
        let rows = Rows::of(&t, true);
        assert!(rows.len() < t.len(), "most steps only run instructions");
        for row in 0..rows.len() {
            assert!(!sentences(&t, rows.step(row), true).is_empty());
            assert_eq!(rows.row_of(rows.step(row)), Some(row));
        }
        let quiet = (1..=t.len())
            .find(|&n| sentences(&t, n, true).is_empty())
            .expect("a step that only computes");
        let row = rows.row_of(quiet).expect("after the first kernel step");
        assert!(rows.step(row) < quiet && rows.step(row + 1) > quiet);
        assert_eq!(rows.row_of(0), None);
    }

    #[test]
    fn every_row_lists_a_step_and_the_window_stays_within_the_rows() {
        let rows = Rows::All(100);
        assert_eq!(
            (rows.len(), rows.step(0), rows.row_of(100)),
            (100, 1, Some(99))
        );
        assert_eq!(rows.window(0, 20), 0..30);
        assert_eq!(rows.window(50, 20), 40..80);
        assert_eq!(rows.window(95, 20), 85..100);
        assert_eq!(Rows::All(0).window(3, 20), 0..0);
    }
}
