//! The time of day on the simulated clock: time, gettimeofday, clock_gettime and nanosleep;
//! and a process's CPU time: clock, times and getrusage.
//! The machine boots at [`BOOT_TIME`] and its clock runs at the scenario's ticks per
//! second (a tick is a millisecond by default), so a run's times are the same everywhere (a
//! real machine's would differ at each run).

use super::*;
use crate::abi::flags::USER_HZ;

/// The Unix time the simulated machine boots at: 2026-01-01 00:00:00 UTC.
pub const BOOT_TIME: u64 = 1_767_225_600;

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
        .saturating_mul(k.ticks_per_second())
        .saturating_add(nanos.div_ceil(k.tick_ns()));
    Ok(super::process::sleep_until(
        ticks > 0,
        k.clock.saturating_add(ticks),
    ))
}

/// clock(): the process's CPU time in CLOCKS_PER_SEC (1,000,000) units.
pub(super) fn sys_clock(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let (own, _) = k.cpu_ns(c.pid);
    Ok(Done::Return(own / 1000))
}

/// times(buf): the process's and its reaped children's CPU time in clock ticks
/// (sysconf(_SC_CLK_TCK), 100 a second) into `struct tms`, and the ticks since boot.
/// ProcLab counts all CPU time as user time: the system times are 0.
pub(super) fn sys_times(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let per_tick = 1_000_000_000 / USER_HZ;
    let (own, children) = k.cpu_ns(c.pid);
    if c.arg(0) != 0 {
        let tms: Vec<u8> = [own / per_tick, 0, children / per_tick, 0]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        k.store(c.pid, c.arg(0), &tms, events)?;
    }
    Ok(Done::Return(k.clock * k.tick_ns() / per_tick))
}

/// getrusage(who, usage): RUSAGE_SELF (0, or RUSAGE_THREAD, 1) or RUSAGE_CHILDREN (-1);
/// the user CPU time in `ru_utime`, everything else 0 (ProcLab counts all CPU time as user
/// time and keeps no other resource counts). EINVAL for another `who`.
pub(super) fn sys_getrusage(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let (own, children) = k.cpu_ns(c.pid);
    let ns = match c.int(0) {
        0 | 1 => own,
        -1 => children,
        _ => return Err(Errno::EINVAL.into()),
    };
    let mut usage = vec![0u8; RUSAGE_SIZE];
    usage[..8].copy_from_slice(&(ns / 1_000_000_000).to_le_bytes());
    usage[8..16].copy_from_slice(&(ns % 1_000_000_000 / 1000).to_le_bytes());
    k.copy_to_user(c.pid, c.arg(1), &usage, events)?;
    Ok(Done::Return(0))
}

/// Bytes in `struct rusage`: two timevals and fourteen longs.
const RUSAGE_SIZE: usize = 144;

impl Kernel {
    /// A process's CPU time and its reaped children's, in nanoseconds.
    fn cpu_ns(&self, pid: Pid) -> (u64, u64) {
        let p = self.process(pid);
        let own = p.map_or(0, |p| p.accounting.cpu_ticks);
        let children = p.map_or(0, |p| p.children_cpu_ticks);
        (own * self.tick_ns(), children * self.tick_ns())
    }

    /// The simulated time of day: whole seconds since the epoch, and nanoseconds.
    pub(in crate::kernel) fn now(&self) -> (u64, u64) {
        let tps = self.ticks_per_second();
        let seconds = BOOT_TIME + self.clock / tps;
        (seconds, (self.clock % tps) * self.tick_ns())
    }

    /// Ticks in a simulated second: the scenario's clock rate.
    pub(in crate::kernel) fn ticks_per_second(&self) -> u64 {
        self.settings.ticks_per_second
    }

    /// Nanoseconds in a tick.
    fn tick_ns(&self) -> u64 {
        1_000_000_000 / self.ticks_per_second()
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
