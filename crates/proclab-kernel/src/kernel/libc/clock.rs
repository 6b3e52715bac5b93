//! The time of day on the simulated clock: time, gettimeofday, clock_gettime and nanosleep.
//! The machine boots at [`BOOT_TIME`] and each tick is a millisecond, so a run's times are
//! the same everywhere (a real machine's would differ at each run).

use super::*;

/// The Unix time the simulated machine boots at: 2026-01-01 00:00:00 UTC.
pub const BOOT_TIME: u64 = 1_767_225_600;

/// Nanoseconds in a tick.
const TICK_NS: u64 = 1_000_000_000 / TICKS_PER_SECOND;

/// time(tloc): the seconds since the epoch, also stored at `tloc` when it is not NULL.
pub(super) fn sys_time(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let (seconds, _) = k.now();
    if c.arg(0) != 0 {
        k.store(c.pid, c.arg(0), &seconds.to_le_bytes(), events)?;
    }
    Ok(Done::Return(seconds))
}

/// gettimeofday(tv, tz): seconds and microseconds into `struct timeval`; `tz` is ignored,
/// as glibc ignores it.
pub(super) fn sys_gettimeofday(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let (seconds, nanos) = k.now();
    k.store_pair(c.pid, c.arg(0), seconds, nanos / 1000, events)?;
    Ok(Done::Return(0))
}

/// clock_gettime(clock, ts): seconds and nanoseconds into `struct timespec`, for every
/// clock (ProcLab has one time line); EINVAL for a clock number Linux does not have.
pub(super) fn sys_clock_gettime(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if c.arg(0) > 11 {
        return Err(Errno::EINVAL.into());
    }
    let (seconds, nanos) = k.now();
    k.store_pair(c.pid, c.arg(1), seconds, nanos, events)?;
    Ok(Done::Return(0))
}

/// nanosleep(req, rem): sleeps for `req` (a `struct timespec`), rounded up to whole ticks;
/// EINVAL for nanoseconds outside 0..1e9.
pub(super) fn sys_nanosleep(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let seconds = k.load_word(c.pid, c.arg(0), events)?;
    let nanos = k.load_word(c.pid, c.arg(0).wrapping_add(8), events)?;
    if nanos >= 1_000_000_000 || (seconds as i64) < 0 {
        return Err(Errno::EINVAL.into());
    }
    let ticks = seconds
        .saturating_mul(TICKS_PER_SECOND)
        .saturating_add(nanos.div_ceil(TICK_NS));
    Ok(super::process::sleep_until(
        ticks > 0,
        k.clock.saturating_add(ticks),
    ))
}

impl Kernel {
    /// The simulated time of day: whole seconds since the epoch, and nanoseconds.
    fn now(&self) -> (u64, u64) {
        let seconds = BOOT_TIME + self.clock / TICKS_PER_SECOND;
        (seconds, (self.clock % TICKS_PER_SECOND) * TICK_NS)
    }

    /// Stores two longs (a timeval's or a timespec's) at `at`.
    fn store_pair(
        &mut self,
        pid: Pid,
        at: u64,
        first: u64,
        second: u64,
        events: &mut Vec<Event>,
    ) -> Lib<()> {
        let mut bytes = first.to_le_bytes().to_vec();
        bytes.extend(second.to_le_bytes());
        self.store(pid, at, &bytes, events)
    }
}
