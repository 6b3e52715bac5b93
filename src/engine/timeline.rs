//! The recorded run: every step's events, plus keyframes of the whole kernel so any step can
//! be rebuilt quickly in either direction.
//!
//! Stepping is deterministic, so the state at step `n` is the nearest keyframe at or before
//! `n` replayed forward. Keyframes every [`KEYFRAME_INTERVAL`] steps bound a seek to that
//! many replayed ticks while keeping memory small.

use super::event::{Event, Halt};
use super::kernel::Kernel;
use super::process::Pid;
use super::scenario::{Scenario, ScenarioError};

/// Steps between two stored snapshots of the kernel.
pub const KEYFRAME_INTERVAL: usize = 64;

/// A whole run, recorded. (Equality is structural; behind an `Rc`, as the page holds it,
/// the same run compares equal by pointer without walking the steps.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    keyframes: Vec<Kernel>,
    /// Every step's events, one after another (one allocation, not one per step).
    events: Vec<Event>,
    /// Per step: its tick, where its events start in `events`, and where its execution
    /// phase starts among them.
    steps: Vec<StepIndex>,
    end: Kernel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct StepIndex {
    tick: u64,
    start: u32,
    execution: u32,
}

/// What one recorded step did: its tick and its events, the interrupts first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StepView<'a> {
    /// The tick the step simulated.
    pub tick: u64,
    /// Everything that happened, in order.
    pub events: &'a [Event],
    /// Index of the first event of the execution phase.
    pub execution_starts_at: usize,
}

impl Timeline {
    /// Boots the scenario and runs it until it halts (finished or at its step limit).
    pub fn record(scenario: &Scenario) -> Result<Timeline, ScenarioError> {
        let mut kernel = Kernel::boot(scenario)?;
        let mut keyframes = vec![kernel.clone()];
        let mut steps = Vec::new();
        let mut events = Vec::new();
        while kernel.halted().is_none() {
            let start = events.len() as u32;
            let (tick, execution) = kernel.step_into(&mut events);
            steps.push(StepIndex {
                tick,
                start,
                execution: execution as u32,
            });
            if steps.len() % KEYFRAME_INTERVAL == 0 {
                keyframes.push(kernel.clone());
            }
        }
        Ok(Timeline {
            keyframes,
            events,
            steps,
            end: kernel,
        })
    }

    /// The number of steps; states are numbered 0 (boot) to `len()` (the end).
    pub fn len(&self) -> usize {
        self.steps.len()
    }

    /// True when the run halted before its first step.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// What step `n` (1-based) did, to get from state `n - 1` to state `n`.
    pub fn step(&self, n: usize) -> Option<StepView<'_>> {
        let i = n.checked_sub(1)?;
        let at = self.steps.get(i)?;
        let end = self
            .steps
            .get(i + 1)
            .map_or(self.events.len(), |next| next.start as usize);
        Some(StepView {
            tick: at.tick,
            events: &self.events[at.start as usize..end],
            execution_starts_at: (at.execution - at.start) as usize,
        })
    }

    /// Every step's record, in order.
    pub fn steps(&self) -> impl Iterator<Item = StepView<'_>> + '_ {
        (1..=self.len()).filter_map(|n| self.step(n))
    }

    /// Why the run ended.
    pub fn halt(&self) -> Option<Halt> {
        self.end.halted()
    }

    /// The kernel as it was after step `n` (0 is boot); clamped to the last step.
    pub fn state_at(&self, n: usize) -> Kernel {
        let n = n.min(self.len());
        if n == self.len() {
            return self.end.clone();
        }
        let mut kernel = self.keyframes[n / KEYFRAME_INTERVAL].clone();
        for _ in 0..n % KEYFRAME_INTERVAL {
            kernel.step();
        }
        kernel
    }

    /// Every event's narration with the tick it happened in, in order: the run as a teacher
    /// would tell it.
    pub fn narration(&self) -> impl Iterator<Item = (u64, String)> + '_ {
        self.steps()
            .flat_map(|s| s.events.iter().map(move |e| (s.tick, e.narrate())))
    }

    /// The C line step `n` executed in, with its process: the last instruction it ran.
    fn line_of(&self, n: usize) -> Option<(Pid, u32)> {
        self.step(n)?.events.iter().rev().find_map(|e| match e {
            Event::Execute {
                pid,
                line: Some(line),
                ..
            } => Some((*pid, *line)),
            _ => None,
        })
    }

    /// True when a step does something worth stopping at on its own: a state change, a
    /// fork, an exec, a fault or output.
    fn is_landmark(&self, n: usize) -> bool {
        self.step(n).is_some_and(|r| {
            r.events.iter().any(|e| {
                e.transition().is_some()
                    || matches!(
                        e,
                        Event::Fork { .. }
                            | Event::Exec { .. }
                            | Event::PageFault { .. }
                            | Event::Write { .. }
                    )
            })
        })
    }

    /// The next step that starts a new source line (or does something notable); the end
    /// when there is none.
    pub fn next_line_step(&self, from: usize) -> usize {
        let here = self.line_of(from);
        (from + 1..=self.len())
            .find(|&n| self.is_landmark(n) || self.line_of(n).is_some_and(|l| Some(l) != here))
            .unwrap_or(self.len())
    }

    /// The step where the previous source line started (or the previous notable step).
    pub fn previous_line_step(&self, from: usize) -> usize {
        let here = self.line_of(from);
        let Some(mut n) = (1..from)
            .rev()
            .find(|&n| self.is_landmark(n) || self.line_of(n).is_some_and(|l| Some(l) != here))
        else {
            return 0;
        };
        while n > 1
            && !self.is_landmark(n)
            && !self.is_landmark(n - 1)
            && self.line_of(n - 1) == self.line_of(n)
        {
            n -= 1;
        }
        n
    }

    /// The first step after `from` whose events satisfy `wanted`.
    pub fn next_step_where(
        &self,
        from: usize,
        wanted: impl Fn(&StepView) -> bool,
    ) -> Option<usize> {
        (from + 1..=self.len()).find(|&n| self.step(n).is_some_and(|s| wanted(&s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::runner::c_scenario;
    use crate::engine::scenario::Settings;

    fn timeline() -> Timeline {
        let source = "int main(void) {\n  int a = 1;\n  int b = a + 2;\n  return b;\n}\n";
        Timeline::record(&c_scenario("t.c", source, Settings::default()).unwrap()).unwrap()
    }

    #[test]
    fn stepping_by_line_lands_on_each_new_line_in_turn_and_back() {
        let t = timeline();
        let mut lines = Vec::new();
        let mut n = 0;
        while n < t.len() {
            n = t.next_line_step(n);
            lines.push(t.line_of(n).map(|(_, l)| l));
        }
        let body: Vec<u32> = lines.iter().flatten().copied().filter(|&l| l > 1).collect();
        assert_eq!(
            body,
            [2, 3, 4],
            "each line of main's body once, in order: {lines:?}"
        );
        let on_three = (1..=t.len())
            .find(|&n| t.line_of(n).map(|(_, l)| l) == Some(3))
            .unwrap();
        let back = t.previous_line_step(on_three);
        assert_eq!(t.line_of(back).map(|(_, l)| l), Some(2));
        assert_ne!(
            t.line_of(back - 1).map(|(_, l)| l),
            Some(2),
            "it lands on the line's first step"
        );
    }

    #[test]
    fn line_steps_stay_within_the_run() {
        let t = timeline();
        assert_eq!(t.next_line_step(t.len()), t.len());
        assert_eq!(t.previous_line_step(0), 0);
    }
}
