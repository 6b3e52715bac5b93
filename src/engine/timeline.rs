//! The recorded run: every step's events, plus keyframes of the whole kernel so any step can
//! be rebuilt quickly in either direction.
//!
//! Stepping is deterministic, so the state at step `n` is the nearest keyframe at or before
//! `n` replayed forward. Keyframes every [`KEYFRAME_INTERVAL`] steps bound a seek to that
//! many replayed ticks while keeping memory small.

use super::event::Halt;
use super::kernel::{Kernel, StepRecord};
use super::scenario::{Scenario, ScenarioError};

/// Steps between two stored snapshots of the kernel.
pub const KEYFRAME_INTERVAL: usize = 64;

/// A whole run, recorded. (Equality is structural; behind an `Rc`, as the page holds it,
/// the same run compares equal by pointer without walking the steps.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    keyframes: Vec<Kernel>,
    steps: Vec<StepRecord>,
    end: Kernel,
}

impl Timeline {
    /// Boots the scenario and runs it until it halts (finished or at its step limit).
    pub fn record(scenario: &Scenario) -> Result<Timeline, ScenarioError> {
        let mut kernel = Kernel::boot(scenario)?;
        let mut keyframes = vec![kernel.clone()];
        let mut steps = Vec::new();
        while kernel.halted().is_none() {
            steps.push(kernel.step());
            if steps.len() % KEYFRAME_INTERVAL == 0 {
                keyframes.push(kernel.clone());
            }
        }
        Ok(Timeline {
            keyframes,
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
    pub fn step(&self, n: usize) -> Option<&StepRecord> {
        n.checked_sub(1).and_then(|i| self.steps.get(i))
    }

    /// Every step's record, in order.
    pub fn steps(&self) -> &[StepRecord] {
        &self.steps
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
        self.steps
            .iter()
            .flat_map(|s| s.events.iter().map(move |e| (s.tick, e.narrate())))
    }

    /// The first step after `from` whose events satisfy `wanted`.
    pub fn next_step_where(
        &self,
        from: usize,
        wanted: impl Fn(&StepRecord) -> bool,
    ) -> Option<usize> {
        (from + 1..=self.len()).find(|&n| self.step(n).is_some_and(&wanted))
    }
}
