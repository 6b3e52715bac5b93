//! `<signal.h>`: dispositions (signal, sigaction), sending (kill, raise, alarm), waiting
//! (pause, sigsuspend), the mask (sigprocmask), signal sets, and the return from a handler
//! (sigreturn, which the trampoline calls).

use super::*;
use crate::abi::flags::SIG_SETMASK;
use crate::abi::layout::{SA_FLAGS, SA_HANDLER, SA_MASK, SIGSET_SIZE};
use crate::abi::signal::{SA_RESTART, SigAction, bit};
use crate::narrow;

/// signal(signo, handler): the old handler. glibc's signal() installs the handler with BSD
/// semantics: interrupted system calls restart.
pub(super) fn sys_signal(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let action = SigAction {
        handler: c.arg(1),
        mask: 0,
        flags: SA_RESTART,
    };
    let old = k.set_action(c.pid, c.int(0), Some(action))?;
    Ok(Done::Return(old.handler))
}

/// kill(pid, signo).
pub(super) fn sys_kill(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.kill(c.pid, c.int(0), c.int(1), events)?;
    Ok(Done::Return(0))
}

/// raise(signo): kill(getpid(), signo).
pub(super) fn sys_raise(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.kill(c.pid, c.pid as i32, c.int(0), events)?;
    Ok(Done::Return(0))
}

/// pause(): sleeps until a signal's handler has run, then returns -1 with EINTR (the only
/// way it returns).
pub(super) fn sys_pause(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.set_errno(c.pid, Errno::EINTR, events)?;
    Ok(Done::ReturnAndSleep(MINUS_ONE, WaitChannel::Signal))
}

/// alarm(seconds): SIGALRM after that long (0 cancels); returns the seconds the previous
/// alarm had left.
pub(super) fn sys_alarm(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let (now, tps) = (k.clock, k.ticks_per_second());
    let ipc = &mut k.proc_mut(c.pid).ipc;
    let left = ipc
        .alarm_at
        .map_or(0, |t| (t.saturating_sub(now)).div_ceil(tps));
    let seconds = u64::from(narrow::low_u32(c.arg(0)));
    ipc.alarm_at = (seconds > 0).then(|| now + seconds * tps);
    Ok(Done::Return(left))
}

/// sigreturn(): restores what the signal frame saved, registers included.
pub(super) fn sys_sigreturn(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.sigreturn(c.cpu, c.pid, events)?;
    Ok(Done::Continue)
}

/// sigaction(signo, &new, &old): reads and writes `struct sigaction` as glibc lays it out.
pub(super) fn sys_sigaction(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let new = match c.arg(1) {
        0 => None,
        at => Some(k.read_sigaction(c.pid, at, events)?),
    };
    let old = k.set_action(c.pid, c.int(0), new)?;
    if c.arg(2) != 0 {
        k.write_sigaction(c.pid, c.arg(2), old, events)?;
    }
    Ok(Done::Return(0))
}

/// sigprocmask(how, &set, &old).
pub(super) fn sys_sigprocmask(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let set = match c.arg(1) {
        0 => None,
        at => Some(k.user_word(c.pid, at, events)?),
    };
    let old = k.set_mask(c.pid, c.arg(0), set)?;
    if c.arg(2) != 0 {
        k.copy_to_user(c.pid, c.arg(2), &old.to_le_bytes(), events)?;
    }
    Ok(Done::Return(0))
}

/// sigsuspend(&mask): waits with a temporary mask; the old one returns once a handler has
/// run, and the call returns -1 with EINTR.
pub(super) fn sys_sigsuspend(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mask = k.user_word(c.pid, c.arg(0), events)?;
    let old = k.set_mask(c.pid, SIG_SETMASK, Some(mask)).unwrap_or(0);
    k.proc_mut(c.pid).ipc.saved_mask = Some(old);
    k.set_errno(c.pid, Errno::EINTR, events)?;
    // A signal already pending that the new mask lets through is taken at once, on the
    // way back to user mode: there is nothing to wait for.
    let deliverable = k.proc_mut(c.pid).ipc.deliverable_signals();
    if (1..=64).any(|signo| deliverable & bit(signo) != 0 && k.signal_matters(c.pid, signo)) {
        return Ok(Done::Return(MINUS_ONE));
    }
    Ok(Done::ReturnAndSleep(MINUS_ONE, WaitChannel::Signal))
}

/// sigpending(&set): the signals pending while blocked.
pub(super) fn sys_sigpending(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let ipc = &k.process(c.pid).ok_or(Errno::ESRCH)?.ipc;
    let pending = ipc.pending_signals & ipc.signal_mask;
    let mut set = vec![0u8; narrow::host_index(SIGSET_SIZE)];
    set[..8].copy_from_slice(&pending.to_le_bytes());
    k.copy_to_user(c.pid, c.arg(0), &set, events)?;
    Ok(Done::Return(0))
}

/// sigemptyset(&set).
pub(super) fn sys_sigemptyset(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.fill_sigset(c.pid, c.arg(0), 0, events)
}

/// sigfillset(&set): glibc's full set leaves out the two signals its threads use (32 and
/// 33).
pub(super) fn sys_sigfillset(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.fill_sigset(c.pid, c.arg(0), !(3u64 << 31), events)
}

/// sigaddset(&set, signo).
pub(super) fn sys_sigaddset(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.change_sigset(c, |word, bit| (word | bit, 0), events)
}

/// sigdelset(&set, signo).
pub(super) fn sys_sigdelset(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.change_sigset(c, |word, bit| (word & !bit, 0), events)
}

/// sigismember(&set, signo): 1 or 0.
pub(super) fn sys_sigismember(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.change_sigset(c, |word, bit| (word, u64::from(word & bit != 0)), events)
}

impl Kernel {
    /// Reads a `struct sigaction` from the process's memory.
    fn read_sigaction(&mut self, pid: Pid, at: u64, events: &mut Vec<Event>) -> Lib<SigAction> {
        let flags = self.load(pid, at.wrapping_add(SA_FLAGS), 4, events)?;
        Ok(SigAction {
            handler: self.load_word(pid, at.wrapping_add(SA_HANDLER), events)?,
            mask: self.load_word(pid, at.wrapping_add(SA_MASK), events)?,
            flags: u32::from_le_bytes(flags.try_into().expect("4 bytes")),
        })
    }

    /// Writes a `struct sigaction`'s handler, mask and flags into the process's memory.
    fn write_sigaction(
        &mut self,
        pid: Pid,
        at: u64,
        action: SigAction,
        events: &mut Vec<Event>,
    ) -> Lib<()> {
        self.store(
            pid,
            at.wrapping_add(SA_HANDLER),
            &action.handler.to_le_bytes(),
            events,
        )?;
        self.store(
            pid,
            at.wrapping_add(SA_MASK),
            &action.mask.to_le_bytes(),
            events,
        )?;
        self.store(
            pid,
            at.wrapping_add(SA_FLAGS),
            &action.flags.to_le_bytes(),
            events,
        )
    }

    /// Sets every word of the `sigset_t` at `at` to `word`.
    fn fill_sigset(&mut self, pid: Pid, at: u64, word: u64, events: &mut Vec<Event>) -> Sys {
        let words = (SIGSET_SIZE / 8) as usize;
        self.store(pid, at, &vec![word.to_le_bytes(); words].concat(), events)?;
        Ok(Done::Return(0))
    }

    /// Applies `change` to the word of the call's set that holds its signal's bit: it gives
    /// the new word and the call's result. EINVAL for a signal outside 1–64.
    fn change_sigset(
        &mut self,
        c: &Call,
        change: impl Fn(u64, u64) -> (u64, u64),
        events: &mut Vec<Event>,
    ) -> Sys {
        let signo = c.arg(1) as i64;
        if !(1..=64).contains(&signo) {
            return Err(Errno::EINVAL.into());
        }
        let word = self.load_word(c.pid, c.arg(0), events)?;
        let (word, result) = change(word, 1u64 << (signo - 1));
        self.store(c.pid, c.arg(0), &word.to_le_bytes(), events)?;
        Ok(Done::Return(result))
    }
}
