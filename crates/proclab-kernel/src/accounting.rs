//! Per-process and whole-run time accounting: CPU time, waiting, turnaround, response.

use serde::{Deserialize, Serialize};

/// Counters the kernel keeps for one process. Times are in ticks; tick `t` covers the
/// interval from time `t - 1` to time `t`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessAccounting {
    /// When the PCB was created.
    pub created_at: u64,
    /// When it first became READY.
    pub arrived_at: Option<u64>,
    /// When it first got a CPU.
    pub first_run_at: Option<u64>,
    /// When it exited.
    pub finished_at: Option<u64>,
    /// Ticks spent RUNNING.
    pub cpu_ticks: u64,
    /// Ticks spent READY, waiting for a CPU.
    pub ready_ticks: u64,
    /// Ticks spent WAITING for an event.
    pub blocked_ticks: u64,
    /// I/O requests issued.
    pub io_requests: u64,
}

impl ProcessAccounting {
    /// Fresh counters for a process created at `now`.
    pub fn created_at(now: u64) -> Self {
        ProcessAccounting {
            created_at: now,
            arrived_at: None,
            first_run_at: None,
            finished_at: None,
            cpu_ticks: 0,
            ready_ticks: 0,
            blocked_ticks: 0,
            io_requests: 0,
        }
    }

    /// Time from arrival to exit, once it has exited.
    pub fn turnaround(&self) -> Option<u64> {
        Some(self.finished_at? - self.arrived_at?)
    }

    /// Time from arrival to its first moment on a CPU.
    pub fn response(&self) -> Option<u64> {
        Some(self.first_run_at? - self.arrived_at?)
    }
}

/// Whole-run figures.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SystemAccounting {
    /// Ticks elapsed.
    pub ticks: u64,
    /// Ticks in which some CPU executed an instruction, per CPU.
    pub cpu_busy: Vec<u64>,
    /// Ticks in which at least one I/O request was in flight.
    pub io_busy: u64,
    /// Context switches performed.
    pub context_switches: u64,
}

impl SystemAccounting {
    /// Percentage of CPU time used, over all CPUs.
    pub fn cpu_utilisation(&self) -> f64 {
        let capacity = self.ticks * self.cpu_busy.len() as u64;
        percent(self.cpu_busy.iter().sum(), capacity)
    }

    /// Percentage of time with I/O in flight.
    pub fn io_utilisation(&self) -> f64 {
        percent(self.io_busy, self.ticks)
    }
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turnaround_and_response_count_from_arrival() {
        let mut a = ProcessAccounting::created_at(0);
        assert_eq!(a.turnaround(), None);
        a.arrived_at = Some(0);
        a.first_run_at = Some(2);
        a.finished_at = Some(9);
        assert_eq!(a.response(), Some(2));
        assert_eq!(a.turnaround(), Some(9));
    }

    #[test]
    fn utilisation_is_zero_before_any_tick() {
        let s = SystemAccounting {
            cpu_busy: vec![0],
            ..Default::default()
        };
        assert_eq!(s.cpu_utilisation(), 0.0);
        assert_eq!(s.io_utilisation(), 0.0);
    }
}
