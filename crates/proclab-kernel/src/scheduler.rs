//! Scheduling policy: who gets a CPU next, and when a running process must give it up.

use serde::{Deserialize, Serialize};

use super::process::Pid;

/// How the scheduler picks the next process from the ready queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Policy {
    /// First come, first served: the head of the queue; no timer preemption.
    Fcfs,
    /// Round robin: the head of the queue, preempted when its quantum runs out.
    RoundRobin,
    /// Preemptive priority: the most urgent (lowest number) ready process; a more urgent
    /// process that wakes up takes the CPU at once. Equal priorities are served in order.
    Priority,
    /// OSTEP process-run's rule: the next ready process in PID order after the last one that
    /// ran, wrapping around; no timer preemption.
    Cyclic,
}

impl Policy {
    /// A short name, as the CLI and the page spell it.
    pub fn name(self) -> &'static str {
        match self {
            Policy::Fcfs => "fcfs",
            Policy::RoundRobin => "rr",
            Policy::Priority => "prio",
            Policy::Cyclic => "cyclic",
        }
    }

    /// Reads a policy by its short name.
    pub fn from_name(name: &str) -> Option<Policy> {
        [
            Policy::Fcfs,
            Policy::RoundRobin,
            Policy::Priority,
            Policy::Cyclic,
        ]
        .into_iter()
        .find(|p| p.name() == name)
    }
}

/// When the kernel switches away from a process that starts an I/O (process-run's `-S`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SwitchOn {
    /// Give the CPU to another process while the I/O runs (SWITCH_ON_IO).
    Io,
    /// Keep the CPU idle for the process until it finishes (SWITCH_ON_END).
    End,
}

/// What happens when an I/O completes (process-run's `-I`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum IoDone {
    /// The woken process joins the ready queue and waits its turn (IO_RUN_LATER).
    RunLater,
    /// The woken process takes the CPU at once (IO_RUN_IMMEDIATE).
    RunImmediate,
}

/// The scheduler's settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedulerConfig {
    /// Which process runs next.
    pub policy: Policy,
    /// Ticks a process may run before a timer interrupt preempts it (round robin only).
    pub quantum: u32,
    /// Whether starting an I/O gives the CPU away.
    pub switch_on: SwitchOn,
    /// Whether a finished I/O's process runs at once.
    pub io_done: IoDone,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig {
            policy: Policy::RoundRobin,
            quantum: 3,
            switch_on: SwitchOn::Io,
            io_done: IoDone::RunLater,
        }
    }
}

/// The READY processes, in the order they joined.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReadyQueue {
    pids: Vec<Pid>,
}

impl ReadyQueue {
    /// Adds a process at the back.
    pub fn push_back(&mut self, pid: Pid) {
        debug_assert!(!self.pids.contains(&pid), "P{pid} queued twice");
        self.pids.push(pid);
    }

    /// Takes a process out wherever it stands.
    pub fn remove(&mut self, pid: Pid) {
        self.pids.retain(|&p| p != pid);
    }

    /// The queued processes, front first.
    pub fn pids(&self) -> &[Pid] {
        &self.pids
    }

    /// True when nobody is waiting for a CPU.
    pub fn is_empty(&self) -> bool {
        self.pids.is_empty()
    }

    /// Which queued process the policy runs next. `last_ran` is the process that last held
    /// this CPU; `priority_of` gives a process's priority.
    pub fn choose(
        &self,
        policy: Policy,
        last_ran: Option<Pid>,
        priority_of: impl Fn(Pid) -> i32,
    ) -> Option<Pid> {
        match policy {
            Policy::Fcfs | Policy::RoundRobin => self.pids.first().copied(),
            // min_by_key keeps the first of equals: queue order breaks ties.
            Policy::Priority => self.pids.iter().copied().min_by_key(|&p| priority_of(p)),
            Policy::Cyclic => {
                let after = last_ran.unwrap_or(0);
                let next_above = self.pids.iter().copied().filter(|&p| p > after).min();
                next_above.or_else(|| self.pids.iter().copied().min())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(pids: &[Pid]) -> ReadyQueue {
        let mut q = ReadyQueue::default();
        for &p in pids {
            q.push_back(p);
        }
        q
    }

    #[test]
    fn fcfs_and_round_robin_take_the_head_of_the_queue() {
        let q = queue(&[5, 3, 4]);
        assert_eq!(q.choose(Policy::Fcfs, None, |_| 0), Some(5));
        assert_eq!(q.choose(Policy::RoundRobin, Some(9), |_| 0), Some(5));
    }

    #[test]
    fn priority_takes_the_lowest_number_and_breaks_ties_by_arrival() {
        let q = queue(&[5, 3, 4]);
        let prio = |p| if p == 5 { 2 } else { 1 };
        assert_eq!(q.choose(Policy::Priority, None, prio), Some(3));
    }

    #[test]
    fn cyclic_takes_the_next_pid_after_the_last_runner_and_wraps() {
        let q = queue(&[2, 4, 6]);
        assert_eq!(q.choose(Policy::Cyclic, Some(4), |_| 0), Some(6));
        assert_eq!(q.choose(Policy::Cyclic, Some(6), |_| 0), Some(2));
        assert_eq!(q.choose(Policy::Cyclic, Some(3), |_| 0), Some(4));
    }

    #[test]
    fn an_empty_queue_offers_nobody() {
        assert_eq!(
            ReadyQueue::default().choose(Policy::Fcfs, None, |_| 0),
            None
        );
    }

    #[test]
    fn policies_round_trip_through_their_names() {
        for p in [
            Policy::Fcfs,
            Policy::RoundRobin,
            Policy::Priority,
            Policy::Cyclic,
        ] {
            assert_eq!(Policy::from_name(p.name()), Some(p));
        }
        assert_eq!(Policy::from_name("sjf"), None);
    }
}
