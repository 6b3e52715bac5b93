//! System V semaphores: semget, semop (all of a call's operations at once, sleeping until
//! they can go unless IPC_NOWAIT, SEM_UNDO's adjustments undone at exit) and semctl
//! (GETVAL, SETVAL, GETALL, SETALL, GETPID, GETNCNT, GETZCNT, IPC_STAT, IPC_SET, IPC_RMID).

use super::*;
use crate::abi::flags::{IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, SEM_UNDO};
use crate::abi::ipc_ds::{IpcPerm, semid_ds};
use crate::semaphore_set::{Blocked, SEMVMX, SemOp, Semaphore, SemaphoreSet};

/// The most semaphores in a set (SEMMSL).
const SEMMSL: u64 = 32_000;
/// The most operations in one semop() call (SEMOPM).
pub(super) const SEMOPM: u64 = 500;

impl Kernel {
    /// The semaphore sets, by id.
    pub fn semaphore_sets(&self) -> &[SemaphoreSet] {
        &self.sem_sets
    }

    /// The set an id names, unless removed (EINVAL).
    pub(super) fn live_sem_set(&self, id: u64) -> Result<usize, Errno> {
        let id = usize::try_from(id).map_err(|_| Errno::EINVAL)?;
        match self.sem_sets.get(id) {
            Some(s) if !s.removed => Ok(id),
            _ => Err(Errno::EINVAL),
        }
    }

    /// semget(key, nsems, flags): the set with that key, made (its values 0) if IPC_CREAT
    /// allows; IPC_PRIVATE always makes one. EINVAL for more semaphores than an existing
    /// set has, or a new set of none or more than SEMMSL.
    pub(super) fn semget(
        &mut self,
        pid: Pid,
        key: i32,
        nsems: u64,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<usize, Errno> {
        if key != IPC_PRIVATE
            && let Some(id) = self
                .sem_sets
                .iter()
                .position(|s| s.key == key && !s.removed)
        {
            if flags & IPC_CREAT != 0 && flags & IPC_EXCL != 0 {
                return Err(Errno::EEXIST);
            }
            if nsems > self.sem_sets[id].sems.len() as u64 {
                return Err(Errno::EINVAL);
            }
            return Ok(id);
        }
        if key != IPC_PRIVATE && flags & IPC_CREAT == 0 {
            return Err(Errno::ENOENT);
        }
        if nsems == 0 || nsems > SEMMSL {
            return Err(Errno::EINVAL);
        }
        let (now, _) = self.now();
        self.sem_sets.push(SemaphoreSet {
            key,
            sems: vec![Semaphore::default(); narrow::host_index(nsems)],
            mode: narrow::low_u32(flags) & 0o777,
            uid: self.process(pid).map_or(0, |p| p.uid),
            gid: self.process(pid).map_or(0, |p| p.gid),
            op_time: 0,
            change_time: now,
            removed: false,
        });
        let set = self.sem_sets.len() - 1;
        events.push(Event::SemSetMade {
            pid,
            set,
            key,
            count: narrow::host_index(nsems),
        });
        Ok(set)
    }

    /// semop(id, ops): all the operations at once, or none: Ok(None) when done,
    /// Ok(Some(set)) when the caller must sleep until the set changes and try again.
    /// EAGAIN when an operation that must wait has IPC_NOWAIT, ERANGE past SEMVMX, EFBIG
    /// for a semaphore the set lacks, E2BIG past SEMOPM operations.
    pub(super) fn semop(
        &mut self,
        pid: Pid,
        id: u64,
        ops: &[SemOp],
        events: &mut Vec<Event>,
    ) -> Result<Option<usize>, Errno> {
        let set = self.live_sem_set(id)?;
        if ops.is_empty() {
            return Err(Errno::EINVAL);
        }
        if ops.len() as u64 > SEMOPM {
            return Err(Errno::E2BIG);
        }
        if ops.iter().any(|o| o.num >= self.sem_sets[set].sems.len()) {
            return Err(Errno::EFBIG);
        }
        match self.sem_sets[set].apply(ops, pid) {
            Ok(()) => {
                self.proc_mut(pid).sem_wait = None;
                self.record_undo(pid, set, ops);
                let (now, _) = self.now();
                let s = &mut self.sem_sets[set];
                s.op_time = now;
                let values = s.sems.iter().map(|v| v.value).collect();
                events.push(Event::SemOpDone {
                    pid,
                    set,
                    ops: ops.iter().map(|o| (o.num, o.op)).collect(),
                    values,
                });
                self.wake_on(WaitChannel::SemSet(set), events);
                Ok(None)
            }
            Err(Blocked::Range) => Err(Errno::ERANGE),
            Err(Blocked::Wait(op)) if op.flags & narrow::low_i32(IPC_NOWAIT) != 0 => {
                Err(Errno::EAGAIN)
            }
            Err(Blocked::Wait(op)) => {
                self.proc_mut(pid).sem_wait = Some((set, op.num, op.op == 0));
                Ok(Some(set))
            }
        }
    }

    /// Notes what SEM_UNDO operations exit must undo.
    fn record_undo(&mut self, pid: Pid, set: usize, ops: &[SemOp]) {
        let p = self.proc_mut(pid);
        for op in ops
            .iter()
            .filter(|o| o.flags & narrow::low_i32(SEM_UNDO) != 0)
        {
            match p
                .sem_undo
                .iter_mut()
                .find(|(s, n, _)| *s == set && *n == op.num)
            {
                Some(entry) => entry.2 -= op.op,
                None => p.sem_undo.push((set, op.num, -op.op)),
            }
        }
    }

    /// At exit: undoes the process's SEM_UNDO operations (a value stays within 0 and
    /// SEMVMX) and wakes whoever waits on the sets.
    pub(super) fn undo_semaphores(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let undo = std::mem::take(&mut self.proc_mut(pid).sem_undo);
        for (set, num, adjust) in undo {
            if adjust == 0 || self.sem_sets[set].removed {
                continue;
            }
            let sem = &mut self.sem_sets[set].sems[num];
            sem.value = (sem.value + adjust).clamp(0, SEMVMX);
            sem.last_pid = pid;
            events.push(Event::SemUndone {
                pid,
                set,
                num,
                value: sem.value,
            });
            self.wake_on(WaitChannel::SemSet(set), events);
        }
    }

    /// semctl(id, IPC_RMID): removes the set; every process asleep in semop() on it fails
    /// with EIDRM.
    pub(super) fn sem_remove(
        &mut self,
        pid: Pid,
        id: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let set = self.live_sem_set(id)?;
        self.sem_sets[set].removed = true;
        events.push(Event::SemSetRemoved { pid, set });
        for waiter in self.sleepers(&WaitChannel::SemSet(set)) {
            self.fail_blocked_call(waiter, Errno::EIDRM, events);
            self.wake(waiter, events);
        }
        Ok(())
    }

    /// semctl SETVAL or SETALL: new values (ERANGE outside 0..=SEMVMX); SEM_UNDO
    /// adjustments for them are forgotten, and waiters try again.
    pub(super) fn sem_set_values(
        &mut self,
        pid: Pid,
        id: u64,
        first: usize,
        values: &[i32],
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let set = self.live_sem_set(id)?;
        if first + values.len() > self.sem_sets[set].sems.len() {
            return Err(Errno::EINVAL);
        }
        if values.iter().any(|v| !(0..=SEMVMX).contains(v)) {
            return Err(Errno::ERANGE);
        }
        let (now, _) = self.now();
        let s = &mut self.sem_sets[set];
        for (sem, &value) in s.sems[first..].iter_mut().zip(values) {
            *sem = Semaphore {
                value,
                last_pid: pid,
            };
        }
        s.change_time = now;
        let changed = first..first + values.len();
        for p in &mut self.procs {
            p.sem_undo
                .retain(|(s, n, _)| *s != set || !changed.contains(n));
        }
        events.push(Event::SemValuesSet {
            pid,
            set,
            first,
            values: values.to_vec(),
        });
        self.wake_on(WaitChannel::SemSet(set), events);
        Ok(())
    }

    /// How many processes sleep in semop() on semaphore `num` of a set, waiting for it to
    /// reach zero (`zero`) or to grow (GETZCNT, GETNCNT).
    pub(super) fn sem_waiters(&self, set: usize, num: usize, zero: bool) -> u64 {
        self.sleepers(&WaitChannel::SemSet(set))
            .iter()
            .filter(|&&p| self.process(p).and_then(|p| p.sem_wait) == Some((set, num, zero)))
            .count() as u64
    }

    /// A set's `struct semid_ds`.
    pub(super) fn semid_ds(&self, set: usize) -> Vec<u8> {
        let s = &self.sem_sets[set];
        let mut ds = vec![0u8; semid_ds::SIZE];
        IpcPerm {
            key: s.key,
            uid: s.uid,
            gid: s.gid,
            mode: s.mode,
        }
        .write(&mut ds);
        let mut put = |at: usize, bytes: &[u8]| ds[at..at + bytes.len()].copy_from_slice(bytes);
        put(semid_ds::OTIME, &s.op_time.to_le_bytes());
        put(semid_ds::CTIME, &s.change_time.to_le_bytes());
        put(semid_ds::NSEMS, &(s.sems.len() as u64).to_le_bytes());
        ds
    }

    /// semctl IPC_SET: the owner and permission bits from a `struct semid_ds`.
    pub(super) fn sem_set_perm(&mut self, id: u64, ds: &[u8]) -> Result<(), Errno> {
        let set = self.live_sem_set(id)?;
        let (now, _) = self.now();
        let s = &mut self.sem_sets[set];
        (s.uid, s.mode) = IpcPerm::owner_and_mode(ds);
        s.change_time = now;
        Ok(())
    }
}
