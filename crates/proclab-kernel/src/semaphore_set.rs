//! System V semaphore sets (semget, semop, semctl): each a numbered array of counters the
//! kernel keeps, changed only by whole semop() calls whose operations all succeed at once.

use serde::{Deserialize, Serialize};

use crate::process::Pid;

/// The largest value a semaphore holds (SEMVMX).
pub const SEMVMX: i32 = 32_767;

/// One semaphore of a set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Semaphore {
    /// Its value.
    pub value: i32,
    /// The last process that changed it (GETPID).
    pub last_pid: Pid,
}

/// One set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SemaphoreSet {
    /// The key it was made with; IPC_PRIVATE (0) for a private one.
    pub key: i32,
    /// Its semaphores.
    pub sems: Vec<Semaphore>,
    /// Its permission bits.
    pub mode: u32,
    /// The user that owns it.
    pub uid: u32,
    /// Its group: its maker's.
    #[serde(default)]
    pub gid: u32,
    /// When semop last changed it, and when it was made or last set (seconds since the
    /// epoch; 0: never).
    pub op_time: u64,
    /// When it was made or changed by semctl.
    pub change_time: u64,
    /// Removed with IPC_RMID: its id names nothing any more.
    pub removed: bool,
}

/// One operation of a semop() call: `struct sembuf`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemOp {
    /// Which semaphore.
    pub num: usize,
    /// Added to its value (negative: wait until that much can be taken; 0: wait for 0).
    pub op: i32,
    /// IPC_NOWAIT and SEM_UNDO.
    pub flags: i32,
}

/// Why a semop() call cannot complete now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocked {
    /// An operation must wait (the operation that must).
    Wait(SemOp),
    /// A value would pass SEMVMX: ERANGE.
    Range,
}

impl SemaphoreSet {
    /// Applies `ops` all at once if every one can go now, else changes nothing and says
    /// why not.
    pub fn apply(&mut self, ops: &[SemOp], pid: Pid) -> Result<(), Blocked> {
        let mut values: Vec<i32> = self.sems.iter().map(|s| s.value).collect();
        for &op in ops {
            let value = values[op.num];
            match op.op {
                0 if value != 0 => return Err(Blocked::Wait(op)),
                n if n < 0 && value + n < 0 => return Err(Blocked::Wait(op)),
                n if value + n > SEMVMX => return Err(Blocked::Range),
                n => values[op.num] = value + n,
            }
        }
        for (sem, value) in self.sems.iter_mut().zip(values) {
            if sem.value != value {
                sem.value = value;
                sem.last_pid = pid;
            }
        }
        for op in ops {
            self.sems[op.num].last_pid = pid;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(values: &[i32]) -> SemaphoreSet {
        SemaphoreSet {
            key: 0,
            sems: values
                .iter()
                .map(|&value| Semaphore { value, last_pid: 0 })
                .collect(),
            mode: 0o600,
            uid: 1000,
            gid: 1000,
            op_time: 0,
            change_time: 0,
            removed: false,
        }
    }

    fn op(num: usize, op: i32) -> SemOp {
        SemOp { num, op, flags: 0 }
    }

    #[test]
    fn operations_apply_all_at_once_or_not_at_all() {
        let mut s = set(&[1, 0]);
        assert_eq!(
            s.apply(&[op(0, -1), op(1, -1)], 7),
            Err(Blocked::Wait(op(1, -1)))
        );
        assert_eq!(s.sems[0].value, 1, "nothing changed");
        assert_eq!(s.apply(&[op(1, 2), op(0, -1), op(1, -1)], 7), Ok(()));
        assert_eq!((s.sems[0].value, s.sems[1].value), (0, 1));
        assert_eq!(s.sems[1].last_pid, 7);
    }

    #[test]
    fn waiting_for_zero_and_the_maximum() {
        let mut s = set(&[2]);
        assert_eq!(s.apply(&[op(0, 0)], 1), Err(Blocked::Wait(op(0, 0))));
        assert_eq!(s.apply(&[op(0, SEMVMX)], 1), Err(Blocked::Range));
        assert_eq!(s.apply(&[op(0, -2), op(0, 0)], 1), Ok(()));
    }
}
