//! POSIX unnamed semaphores (`<semaphore.h>`): sem_init, sem_wait, sem_trywait, sem_post,
//! sem_getvalue and sem_destroy. A `sem_t` lives in the program's memory, its count in its
//! first four bytes as in glibc's; one placed in shared memory (mmap MAP_SHARED, shmat)
//! is shared by every process that maps it. A process that finds the count at 0 sleeps on
//! the semaphore's physical address, as Linux's futex does, so a sem_post in any process
//! mapping the same frame wakes it; it then tries again.

use super::*;

/// The largest count a semaphore holds (SEM_VALUE_MAX, INT_MAX on Linux).
const SEM_VALUE_MAX: u64 = i32::MAX as u64;

/// glibc's `private` word for a semaphore not shared between processes (FUTEX_PRIVATE_FLAG).
const FUTEX_PRIVATE: u32 = 128;

impl Kernel {
    /// A semaphore's count, read as the C library reads it (a bad pointer is SIGSEGV).
    fn sem_count(&mut self, pid: Pid, sem: u64, events: &mut Vec<Event>) -> Result<u64, Failure> {
        let bytes = self.load(pid, sem, 4, events)?;
        Ok(u64::from(u32::from_le_bytes(
            bytes[..4].try_into().expect("4 bytes"),
        )))
    }

    /// Sets a semaphore's count.
    fn set_sem_count(
        &mut self,
        pid: Pid,
        sem: u64,
        count: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Failure> {
        let count = u32::try_from(count).map_err(|_| Errno::EOVERFLOW)?;
        self.store(pid, sem, &count.to_le_bytes(), events)?;
        Ok(())
    }

    /// Takes one from the count of the semaphore at `sem` if it is above 0 (false at 0).
    fn take_one(&mut self, pid: Pid, sem: u64, events: &mut Vec<Event>) -> Result<bool, Failure> {
        let count = self.sem_count(pid, sem, events)?;
        if count == 0 {
            return Ok(false);
        }
        self.set_sem_count(pid, sem, count - 1, events)?;
        events.push(Event::SemaphoreTaken {
            pid,
            sem,
            count: count - 1,
        });
        Ok(true)
    }

    /// Where a (present) user address lies in physical memory: what a futex sleeps on.
    fn physical_address(&self, pid: Pid, addr: u64) -> Option<u64> {
        let space = &self.process(pid)?.memory;
        let page = space.page_size;
        let pte = space.page_table.get(addr / page)?;
        Some(pte.frame as u64 * page + addr % page)
    }
}

/// sem_init(sem, pshared, value): EINVAL for a value above SEM_VALUE_MAX.
pub(super) fn sys_sem_init(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let value = u64::from(narrow::low_u32(c.arg(2)));
    if value > SEM_VALUE_MAX {
        return Err(Errno::EINVAL.into());
    }
    let private = if c.int(1) == 0 { FUTEX_PRIVATE } else { 0 };
    let mut sem = [0u8; 12];
    sem[..4].copy_from_slice(&narrow::low_u32(value).to_le_bytes());
    sem[8..].copy_from_slice(&private.to_le_bytes());
    k.store(c.pid, c.arg(0), &sem, events)?;
    Ok(Done::Return(0))
}

/// sem_destroy(sem): nothing to free.
pub(super) fn sys_sem_destroy(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.sem_count(c.pid, c.arg(0), events)?;
    Ok(Done::Return(0))
}

/// sem_wait(sem): takes one from the count, or sleeps until a sem_post and tries again.
pub(super) fn sys_sem_wait(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if k.take_one(c.pid, c.arg(0), events)? {
        return Ok(Done::Return(0));
    }
    let at = k.physical_address(c.pid, c.arg(0)).ok_or(Errno::EFAULT)?;
    Ok(Done::Retry(WaitChannel::Semaphore(at)))
}

/// sem_trywait(sem): takes one from the count, or fails with EAGAIN at 0.
pub(super) fn sys_sem_trywait(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if k.take_one(c.pid, c.arg(0), events)? {
        Ok(Done::Return(0))
    } else {
        Err(Errno::EAGAIN.into())
    }
}

/// sem_post(sem): adds one to the count (EOVERFLOW at SEM_VALUE_MAX) and wakes the
/// processes asleep on it.
pub(super) fn sys_sem_post(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let sem = c.arg(0);
    let count = k.sem_count(c.pid, sem, events)?;
    if count >= SEM_VALUE_MAX {
        return Err(Errno::EOVERFLOW.into());
    }
    k.set_sem_count(c.pid, sem, count + 1, events)?;
    let channel = k.physical_address(c.pid, sem).map(WaitChannel::Semaphore);
    let woken = channel
        .as_ref()
        .map(|ch| k.sleepers(ch))
        .unwrap_or_default();
    events.push(Event::SemaphorePosted {
        pid: c.pid,
        sem,
        count: count + 1,
        woken: woken.clone(),
    });
    if let Some(channel) = channel {
        k.wake_on(channel, events);
    }
    Ok(Done::Return(0))
}

/// sem_getvalue(sem, &value): the count.
pub(super) fn sys_sem_getvalue(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let count = k.sem_count(c.pid, c.arg(0), events)?;
    k.store(
        c.pid,
        c.arg(1),
        &narrow::low_u32(count).to_le_bytes(),
        events,
    )?;
    Ok(Done::Return(0))
}
