//! I/O devices: each serves requests with a fixed latency and keeps the queue of processes
//! blocked on it.

use serde::{Deserialize, Serialize};

use super::process::Pid;

/// One outstanding request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IoRequest {
    /// The process blocked on it.
    pub pid: Pid,
    /// The tick at whose start the completion interrupt arrives.
    pub done_at: u64,
}

/// A device such as a disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Device {
    /// Its name, e.g. `disk`.
    pub name: String,
    /// Ticks one request takes.
    pub latency: u64,
    /// Requests in flight, oldest first: the device's wait queue.
    pub requests: Vec<IoRequest>,
}

impl Device {
    /// An idle device.
    pub fn new(name: &str, latency: u64) -> Self {
        Device {
            name: name.to_owned(),
            latency,
            requests: Vec::new(),
        }
    }

    /// Starts a request issued during tick `now`; it works through the next `latency` ticks
    /// and completes at the start of the tick after them. Returns that completion tick.
    pub fn start(&mut self, pid: Pid, now: u64) -> u64 {
        let done_at = now + self.latency + 1;
        self.requests.push(IoRequest { pid, done_at });
        done_at
    }

    /// Removes and returns the processes whose requests complete at the start of `tick`.
    pub fn complete(&mut self, tick: u64) -> Vec<Pid> {
        let done = self
            .requests
            .iter()
            .filter(|r| r.done_at == tick)
            .map(|r| r.pid)
            .collect();
        self.requests.retain(|r| r.done_at != tick);
        done
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_completes_latency_plus_one_ticks_after_it_was_issued() {
        let mut d = Device::new("disk", 5);
        assert_eq!(d.start(2, 1), 7);
        assert!(d.complete(6).is_empty());
        assert_eq!(d.complete(7), [2]);
        assert!(d.requests.is_empty());
    }

    #[test]
    fn requests_completing_together_are_all_returned() {
        let mut d = Device::new("disk", 2);
        d.start(3, 4);
        d.start(5, 4);
        d.start(6, 5);
        assert_eq!(d.complete(7), [3, 5]);
        assert_eq!(d.requests.len(), 1);
    }
}
