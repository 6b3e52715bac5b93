//! The recorded run: every step's events, plus keyframes of the whole kernel so any step can
//! be rebuilt quickly in either direction.
//!
//! Stepping is deterministic, so the state at step `n` is the nearest keyframe at or before
//! `n` replayed forward. Keyframes start [`KEYFRAME_INTERVAL`] steps apart; a long run
//! doubles the spacing whenever it would hold more than [`MAX_KEYFRAMES`], so memory stays
//! bounded while a seek replays at most one spacing's worth of ticks.

use std::collections::BTreeMap;

use super::event::{Event, Halt, Moment};
use super::kernel::Kernel;
use super::process::Pid;
use super::program::SourceLine;
use super::scenario::{Scenario, ScenarioError};

/// Steps between two stored snapshots of the kernel, in a run of up to
/// `KEYFRAME_INTERVAL * MAX_KEYFRAMES` steps.
pub const KEYFRAME_INTERVAL: usize = 64;

/// The most snapshots a run keeps: past this, every other one is dropped and the spacing
/// doubles.
pub const MAX_KEYFRAMES: usize = 1024;

/// The events a chunk of the timeline holds before the next step starts a new one. Past the
/// first chunk (which grows as a short run needs), a chunk is allocated at this size at
/// once, so a long recording does not copy the events it holds.
const EVENTS_PER_CHUNK: usize = 1 << 15;

/// A whole run, recorded. (Equality is structural; behind an `Rc`, as the page holds it,
/// the same run compares equal by pointer without walking the steps.)
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timeline {
    /// Snapshots of the kernel at steps 0, `interval`, 2 × `interval`…
    keyframes: Vec<Kernel>,
    interval: usize,
    /// Every step's events, one after another, in chunks of about [`EVENTS_PER_CHUNK`]: a
    /// long recording grows a chunk at a time instead of doubling (and copying) one vector.
    /// A step's events are all in one chunk.
    events: Vec<Vec<Event>>,
    /// The first step (0-based) of each chunk.
    chunk_starts: Vec<u32>,
    /// Per step: its tick, where its events start in its chunk, and where its execution
    /// phase starts among them.
    steps: Vec<StepIndex>,
    /// The steps (1-based, ascending) with a moment of each kind.
    moments: BTreeMap<Moment, Vec<u32>>,
    /// The steps (1-based, ascending) in which the kernel did something besides running
    /// the machine's own instructions.
    kernel_steps: Vec<u32>,
    /// The kernel after the last recorded step.
    end: Kernel,
}

/// What a recording keeps in memory besides each step's index: how many kernels it holds as
/// keyframes, how many steps apart they are, and how many chunks its events fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Storage {
    /// Kernels kept as keyframes.
    pub keyframes: usize,
    /// Steps between two keyframes.
    pub keyframe_interval: usize,
    /// Chunks of events.
    pub event_chunks: usize,
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

/// The stretch of steps one line step covers (see [`Timeline::is_line_stop`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stretch {
    /// Instructions compiled from this C line of this process.
    Line(Pid, SourceLine),
    /// Instructions of the C runtime (the code that calls `main` and then `exit`).
    Runtime(Pid),
    /// Ticks in which no process ran and none changed state.
    Idle,
    /// This step only.
    Alone(usize),
}

/// A run being recorded a slice at a time, so that a long run can be recorded between a
/// page's frames (with its progress shown, and cancelled) rather than in one go.
#[derive(Debug, Clone)]
pub struct Recorder {
    timeline: Timeline,
    step_limit: u64,
}

impl Recorder {
    /// Boots the scenario, ready to record its first step.
    pub fn new(scenario: &Scenario) -> Result<Recorder, ScenarioError> {
        let kernel = Kernel::boot(scenario)?;
        Ok(Recorder {
            timeline: Timeline {
                keyframes: vec![kernel.clone()],
                interval: KEYFRAME_INTERVAL,
                events: Vec::new(),
                chunk_starts: Vec::new(),
                steps: Vec::new(),
                moments: BTreeMap::new(),
                kernel_steps: Vec::new(),
                end: kernel,
            },
            step_limit: scenario.settings.step_limit,
        })
    }

    /// Records up to `steps` more steps; true once the run has halted.
    pub fn advance(&mut self, steps: usize) -> bool {
        let t = &mut self.timeline;
        for _ in 0..steps {
            if t.end.halted().is_some() {
                break;
            }
            if t.events.last().is_none_or(|c| c.len() >= EVENTS_PER_CHUNK) {
                let capacity = if t.events.is_empty() {
                    0
                } else {
                    EVENTS_PER_CHUNK
                };
                t.events.push(Vec::with_capacity(capacity));
                t.chunk_starts.push(index_u32(t.steps.len()));
            }
            let chunk = t.events.last_mut().expect("a chunk was just ensured");
            let start = index_u32(chunk.len());
            let (tick, execution) = t.end.step_into(chunk);
            t.steps.push(StepIndex {
                tick,
                start,
                execution: index_u32(execution),
            });
            t.index_step(start as usize);
            if t.steps.len().is_multiple_of(t.interval) {
                t.keyframes.push(t.end.clone());
                if t.keyframes.len() > MAX_KEYFRAMES {
                    t.thin_keyframes();
                }
            }
        }
        self.is_done()
    }

    /// True once the run has halted: nothing is left to record.
    pub fn is_done(&self) -> bool {
        self.timeline.end.halted().is_some()
    }

    /// The steps recorded so far.
    pub fn recorded(&self) -> usize {
        self.timeline.len()
    }

    /// The most steps the run can take (the scenario's step limit).
    pub fn step_limit(&self) -> u64 {
        self.step_limit
    }

    /// The run as recorded so far: the whole run once [`Recorder::is_done`]; a run cut
    /// short otherwise (its `halt()` is None).
    pub fn finish(self) -> Timeline {
        self.timeline
    }

    /// A copy of the run recorded so far, to show while recording goes on.
    pub fn so_far(&self) -> Timeline {
        self.timeline.clone()
    }
}

impl Timeline {
    /// Boots the scenario and runs it until it halts (finished or at its step limit).
    pub fn record(scenario: &Scenario) -> Result<Timeline, ScenarioError> {
        let mut recorder = Recorder::new(scenario)?;
        while !recorder.advance(usize::MAX) {}
        Ok(recorder.finish())
    }

    /// Notes the moments of the step just recorded, whose events start at `start` in the
    /// last chunk, and whether the kernel acted in it.
    fn index_step(&mut self, start: usize) {
        let n = index_u32(self.steps.len());
        let events = &self.events.last().expect("the step's chunk")[start..];
        for moment in events.iter().filter_map(Event::moment) {
            let steps = self.moments.entry(moment).or_default();
            if steps.last() != Some(&n) {
                steps.push(n);
            }
        }
        if events.iter().any(|e| !e.is_machine_code()) {
            self.kernel_steps.push(n);
        }
    }

    /// The steps in which the kernel did something besides running the machine's own
    /// instructions, in order.
    pub fn kernel_steps(&self) -> &[u32] {
        &self.kernel_steps
    }

    /// The steps with a moment of this kind, in order.
    pub fn moments(&self, moment: Moment) -> &[u32] {
        self.moments.get(&moment).map_or(&[], Vec::as_slice)
    }

    /// The first step after `from` with a moment of this kind.
    pub fn next_moment(&self, moment: Moment, from: usize) -> Option<usize> {
        let steps = self.moments(moment);
        let i = steps.partition_point(|&n| n as usize <= from);
        steps.get(i).map(|&n| n as usize)
    }

    /// The last step before `from` with a moment of this kind.
    pub fn previous_moment(&self, moment: Moment, from: usize) -> Option<usize> {
        let steps = self.moments(moment);
        let i = steps.partition_point(|&n| (n as usize) < from);
        i.checked_sub(1).map(|i| steps[i] as usize)
    }

    /// Drops every other keyframe, doubling the spacing.
    fn thin_keyframes(&mut self) {
        let mut i = 0;
        self.keyframes.retain(|_| {
            i += 1;
            i % 2 == 1
        });
        self.interval *= 2;
    }

    /// What the recording keeps in memory.
    pub fn storage(&self) -> Storage {
        Storage {
            keyframes: self.keyframes.len(),
            keyframe_interval: self.interval,
            event_chunks: self.events.len(),
        }
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
        let c = self
            .chunk_starts
            .partition_point(|&first| first as usize <= i)
            - 1;
        let chunk = &self.events[c];
        let next_in_chunk = self
            .chunk_starts
            .get(c + 1)
            .is_none_or(|&first| i + 1 < first as usize);
        let end = match self.steps.get(i + 1) {
            Some(next) if next_in_chunk => next.start as usize,
            _ => chunk.len(),
        };
        Some(StepView {
            tick: at.tick,
            events: &chunk[at.start as usize..end],
            execution_starts_at: (at.execution - at.start) as usize,
        })
    }

    /// Every step's record, in order.
    pub fn steps(&self) -> impl Iterator<Item = StepView<'_>> + '_ {
        (1..=self.len()).filter_map(|n| self.step(n))
    }

    /// Why the run ended; None for a run whose recording was cut short.
    pub fn halt(&self) -> Option<Halt> {
        self.end.halted()
    }

    /// The kernel as it was after step `n` (0 is boot); clamped to the last step.
    pub fn state_at(&self, n: usize) -> Kernel {
        let n = n.min(self.len());
        if n == self.len() {
            return self.end.clone();
        }
        let mut kernel = self.keyframes[n / self.interval].clone();
        for _ in 0..n % self.interval {
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
    pub fn line_of(&self, n: usize) -> Option<(Pid, SourceLine)> {
        self.step(n)?.events.iter().rev().find_map(|e| match e {
            Event::Execute {
                pid,
                line: Some(line),
                ..
            } => Some((*pid, *line)),
            _ => None,
        })
    }

    /// What step `n` belongs to when stepping by line: the C line it ran in, or the C
    /// runtime's code around `main` (grouped by process), or nothing but interrupts on an
    /// idle machine (grouped); a step of a synthetic program, or one that changes a
    /// process's state without running any instruction, stands alone.
    fn stretch_of(&self, n: usize) -> Stretch {
        let Some(step) = self.step(n) else {
            return Stretch::Alone(n);
        };
        let executed = step.events.iter().rev().find_map(|e| match e {
            Event::Execute { pid, line, op, .. } => Some((*pid, *line, op.is_machine_code())),
            _ => None,
        });
        match executed {
            Some((pid, Some(line), _)) => Stretch::Line(pid, line),
            Some((pid, None, true)) => Stretch::Runtime(pid),
            Some((_, None, false)) => Stretch::Alone(n),
            None if step.events.iter().any(|e| e.transition().is_some()) => Stretch::Alone(n),
            None => Stretch::Idle,
        }
    }

    /// True when state `n` is where stepping by line stops: the start, the end, or the
    /// boundary after which another line (or another process's line) runs. The stops are a
    /// fixed set, so stepping back retraces stepping forward exactly.
    pub fn is_line_stop(&self, n: usize) -> bool {
        n == 0 || n >= self.len() || self.stretch_of(n) != self.stretch_of(n + 1)
    }

    /// The next line stop after `from`: the state once the line running at `from` is done;
    /// the end when there is none.
    pub fn next_line_step(&self, from: usize) -> usize {
        (from + 1..self.len())
            .find(|&n| self.is_line_stop(n))
            .unwrap_or(self.len())
    }

    /// The last line stop before `from` (0 at the start): where the line that `from` is in
    /// (or has just finished) began.
    pub fn previous_line_step(&self, from: usize) -> usize {
        (1..from.min(self.len() + 1))
            .rev()
            .find(|&n| self.is_line_stop(n))
            .unwrap_or(0)
    }

    /// The last step whose tick is at most `tick`: the state after it is the machine at
    /// the end of that tick (0 when the run had not started).
    pub fn step_at_tick(&self, tick: u64) -> usize {
        self.steps.partition_point(|s| s.tick <= tick)
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

/// A step's number, or an index into a chunk of events, as the 32 bits the timeline keeps
/// it in: a run is bounded by its step limit long before 2^32 steps.
fn index_u32(n: usize) -> u32 {
    u32::try_from(n).expect("a timeline holds fewer than 2^32 steps and events per chunk")
}
