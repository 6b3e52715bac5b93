//! Signals: dispositions, sending, and delivery on the way back to user mode. A caught
//! signal runs its handler on the process's own stack: the kernel pushes a signal frame
//! with the interrupted registers and a return address into the sigreturn trampoline,
//! which restores them when the handler returns.

use super::*;
use crate::abi::flags::{SIG_BLOCK, SIG_SETMASK, SIG_UNBLOCK};
use crate::abi::signal::{
    SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_IGN, SIGCHLD, SIGCONT, SIGKILL, SIGSTOP,
    SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGWINCH, SigAction, bit,
};
use crate::program::LibFn;

/// What a signal does when its disposition is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultAction {
    /// End the process.
    Terminate,
    /// Nothing.
    Ignore,
    /// Stop the process until SIGCONT.
    Stop,
    /// Continue a stopped process (done when the signal is sent; nothing at delivery).
    Continue,
}

/// Linux's default action for a signal.
pub fn default_action(signo: i32) -> DefaultAction {
    match signo {
        SIGCONT => DefaultAction::Continue,
        SIGSTOP | SIGTSTP | SIGTTIN | SIGTTOU => DefaultAction::Stop,
        SIGCHLD | SIGURG | SIGWINCH => DefaultAction::Ignore,
        _ => DefaultAction::Terminate,
    }
}

/// The stop signals: SIGSTOP, SIGTSTP, SIGTTIN and SIGTTOU.
const STOP_SIGNALS: u64 = bit(SIGSTOP) | bit(SIGTSTP) | bit(SIGTTIN) | bit(SIGTTOU);

/// What delivering a process's pending signals did to it.
pub(super) enum Delivery {
    /// It goes on (perhaps in a handler).
    Continue,
    /// It ends.
    Terminate(Termination),
    /// It stops, by this signal.
    Stop(i32),
}

impl Kernel {
    /// A process's action for a signal.
    pub(super) fn action(&self, pid: Pid, signo: i32) -> SigAction {
        if signo == SIGKILL || signo == SIGSTOP {
            return SigAction::default();
        }
        self.process(pid)
            .and_then(|p| p.ipc.actions.get(signo as usize).copied())
            .unwrap_or_default()
    }

    /// A process's disposition for a signal: SIG_DFL, SIG_IGN or a handler's address.
    pub(super) fn disposition(&self, pid: Pid, signo: i32) -> u64 {
        self.action(pid, signo).handler
    }

    /// True when a signal would do something to the process (not ignored).
    /// True when the process ignores `signo`: its disposition is SIG_IGN, or the default for
    /// a signal whose default is to do nothing (SIGCHLD, SIGURG, SIGWINCH, SIGCONT).
    fn ignores(&self, pid: Pid, signo: i32) -> bool {
        match self.disposition(pid, signo) {
            SIG_IGN => true,
            SIG_DFL => matches!(
                default_action(signo),
                DefaultAction::Ignore | DefaultAction::Continue
            ),
            _ => false,
        }
    }

    pub(super) fn signal_matters(&self, pid: Pid, signo: i32) -> bool {
        match self.disposition(pid, signo) {
            SIG_IGN => false,
            SIG_DFL => matches!(
                default_action(signo),
                DefaultAction::Terminate | DefaultAction::Stop
            ),
            _ => true,
        }
    }

    /// Marks a signal pending; it is delivered when the process next returns to user mode.
    /// A process sleeping interruptibly is woken so that it can be. Job control acts at
    /// once, as in Linux: SIGCONT continues a stopped process (and cancels pending stops), a
    /// stop signal cancels a pending SIGCONT and stops a process that is not running, and
    /// SIGKILL continues a stopped process so that it can die.
    pub(super) fn send_signal(&mut self, pid: Pid, signo: i32, events: &mut Vec<Event>) {
        let Some(p) = self.process(pid) else { return };
        if !p.state().is_alive() {
            return;
        }
        let stops = default_action(signo) == DefaultAction::Stop;
        let blocked = p.ipc.signal_mask & bit(signo) != 0;
        if !blocked && self.ignores(pid, signo) {
            // An ignored signal that is not blocked is discarded as it is sent, never pending;
            // SIGCONT still continues a stopped process first.
            if signo == SIGCONT {
                self.proc_mut(pid).ipc.pending_signals &= !STOP_SIGNALS;
                if self
                    .process(pid)
                    .is_some_and(|p| p.state() == ProcState::Stopped)
                {
                    self.continue_process(pid, events);
                }
            }
            events.push(Event::SignalIgnored { pid, signo });
            return;
        }
        let ipc = &mut self.proc_mut(pid).ipc;
        if signo == SIGCONT {
            ipc.pending_signals &= !STOP_SIGNALS;
        } else if stops {
            ipc.pending_signals &= !bit(SIGCONT);
        }
        let already_pending = ipc.pending_signals & bit(signo) != 0;
        ipc.pending_signals |= bit(signo);
        events.push(Event::SignalSent {
            pid,
            signo,
            already_pending,
        });
        let stopped = self
            .process(pid)
            .is_some_and(|p| p.state() == ProcState::Stopped);
        if stopped && (signo == SIGCONT || signo == SIGKILL) {
            self.continue_process(pid, events);
        }
        let blocked = self
            .process(pid)
            .is_some_and(|p| p.ipc.signal_mask & bit(signo) != 0);
        let state = self.process(pid).map(Pcb::state);
        if stops
            && !blocked
            && self.disposition(pid, signo) == SIG_DFL
            && matches!(state, Some(ProcState::Ready | ProcState::Waiting))
        {
            self.proc_mut(pid).ipc.pending_signals &= !bit(signo);
            self.stop_process(pid, signo, events);
            return;
        }
        if state != Some(ProcState::Waiting) {
            return;
        }
        let interruptible = matches!(
            self.process(pid).and_then(|p| p.waiting_on.clone()),
            Some(
                WaitChannel::Child(_)
                    | WaitChannel::Timer(_)
                    | WaitChannel::PipeRead(_)
                    | WaitChannel::PipeWrite(_)
                    | WaitChannel::MsgSend(_)
                    | WaitChannel::MsgRecv(_)
                    | WaitChannel::Semaphore(_)
                    | WaitChannel::SemSet(_)
                    | WaitChannel::Signal
            )
        );
        if interruptible && !blocked && self.signal_matters(pid, signo) {
            self.interrupt_call(pid, signo, events);
            self.wake(pid, events);
        }
    }

    /// Sets what the system call a signal interrupts returns, as Linux does: sleep() the
    /// seconds it had left; a call that can be restarted (wait, read, write) is restarted
    /// (as sem_wait is, since Linux 2.6.22) after a handler installed with SA_RESTART, and
    /// otherwise fails with EINTR, or
    /// returns the bytes a write had already moved.
    fn interrupt_call(&mut self, pid: Pid, signo: i32, events: &mut Vec<Event>) {
        let Some(p) = self.process(pid) else { return };
        let Some(channel) = p.waiting_on.clone() else {
            return;
        };
        let restart = self.disposition(pid, signo) > SIG_IGN
            && self.action(pid, signo).flags & SA_RESTART != 0;
        let pc = p.context.pc;
        let moved = self.moved_by_sleeping_write(pid);
        let call = |at: u64| match p.program.op_at(at) {
            Some(Op::Lib(f, _)) => Some(*f),
            _ => None,
        };
        let result: Option<i64> = match channel {
            WaitChannel::Timer(until) if call(pc - INSTRUCTION_SIZE) == Some(LibFn::Sleep) => {
                // glibc's sleep() returns the whole seconds nanosleep() had left.
                Some((until.saturating_sub(self.clock) / self.ticks_per_second()) as i64)
            }
            WaitChannel::Timer(_) => Some(-1),
            WaitChannel::PipeWrite(_) if moved.is_some() => {
                let written = moved.unwrap_or(0) as i64;
                if restart && written == 0 {
                    return;
                }
                self.proc_mut(pid).pending_write = None;
                Some(if written > 0 { written } else { -1 })
            }
            WaitChannel::Child(_) | WaitChannel::PipeRead(_) | WaitChannel::Semaphore(_)
                if !restart =>
            {
                self.fail_blocked_call(pid, Errno::EINTR, events);
                None
            }
            // System V IPC calls are never restarted after a handler.
            WaitChannel::MsgSend(_) | WaitChannel::MsgRecv(_) | WaitChannel::SemSet(_) => {
                self.fail_blocked_call(pid, Errno::EINTR, events);
                None
            }
            _ => None,
        };
        if let Some(value) = result {
            self.proc_mut(pid).context.regs[0] = value as u64;
            if value == -1 {
                let _ = self.set_errno(pid, Errno::EINTR, events);
            }
        }
    }

    /// True when the process runs a handler for `signo` and does not block it.
    pub(super) fn catches(&self, pid: Pid, signo: i32) -> bool {
        let blocked = self
            .process(pid)
            .is_some_and(|p| p.ipc.signal_mask & bit(signo) != 0);
        !blocked && self.disposition(pid, signo) > SIG_IGN
    }

    /// Delivers the pending signals a process may receive, as it returns to user mode:
    /// ignored ones vanish, a default-fatal one ends it, a default stop stops it, a caught
    /// one diverts it into its handler.
    pub(super) fn deliver_signals(
        &mut self,
        cpu: usize,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Delivery {
        loop {
            let Some(p) = self.process(pid) else {
                return Delivery::Continue;
            };
            let deliverable = p.ipc.deliverable_signals();
            if deliverable == 0 {
                return Delivery::Continue;
            }
            let signo = deliverable.trailing_zeros() as i32 + 1;
            self.proc_mut(pid).ipc.pending_signals &= !bit(signo);
            match self.disposition(pid, signo) {
                SIG_IGN => events.push(Event::SignalIgnored { pid, signo }),
                SIG_DFL => match default_action(signo) {
                    DefaultAction::Ignore | DefaultAction::Continue => {
                        events.push(Event::SignalIgnored { pid, signo })
                    }
                    DefaultAction::Stop => return Delivery::Stop(signo),
                    DefaultAction::Terminate => {
                        events.push(Event::SignalDelivered { pid, signo });
                        return Delivery::Terminate(Termination::Signaled(signo));
                    }
                },
                _ => {
                    if let Err(how) = self.enter_handler(cpu, pid, signo, events) {
                        return Delivery::Terminate(how);
                    }
                    return Delivery::Continue;
                }
            }
        }
    }

    /// Pushes a signal frame (the interrupted registers, the signal mask, the signal number
    /// and the trampoline as return address), blocks what the action says to block while
    /// the handler runs, and jumps to the handler.
    fn enter_handler(
        &mut self,
        cpu: usize,
        pid: Pid,
        signo: i32,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let action = self.action(pid, signo);
        let handler = action.handler;
        let saved = self.cpus[cpu].registers.clone();
        for &r in &saved.regs {
            self.push(cpu, pid, r, events)?;
        }
        self.push(cpu, pid, saved.pc, events)?;
        let mask = self
            .process(pid)
            .map_or(0, |p| p.ipc.saved_mask.unwrap_or(p.ipc.signal_mask));
        self.push(cpu, pid, mask, events)?;
        self.proc_mut(pid).ipc.saved_mask = None;
        self.push(cpu, pid, signo as u64, events)?;
        let ipc = &mut self.proc_mut(pid).ipc;
        ipc.signal_mask |= action.mask;
        if action.flags & SA_NODEFER == 0 {
            ipc.signal_mask |= bit(signo);
        }
        if action.flags & SA_RESETHAND != 0 {
            ipc.actions[signo as usize] = SigAction::default();
        }
        let trampoline = self
            .process(pid)
            .and_then(|p| p.program.sigreturn)
            .unwrap_or(0);
        self.push(cpu, pid, trampoline, events)?;
        self.cpus[cpu].registers.pc = handler;
        events.push(Event::HandlerEntered {
            pid,
            signo,
            handler,
            resume: saved.pc,
            frame: self.cpus[cpu].registers.sp,
        });
        Ok(())
    }

    /// sigreturn: pops the signal frame and restores the interrupted registers and mask.
    pub(super) fn sigreturn(
        &mut self,
        cpu: usize,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let _signo = self.pop(cpu, pid, events)?;
        let mask = self.pop(cpu, pid, events)?;
        self.proc_mut(pid).ipc.signal_mask = mask & !(bit(SIGKILL) | bit(SIGSTOP));
        let pc = self.pop(cpu, pid, events)?;
        let mut regs = [0u64; 8];
        for r in regs.iter_mut().rev() {
            *r = self.pop(cpu, pid, events)?;
        }
        let registers = &mut self.cpus[cpu].registers;
        registers.regs = regs;
        registers.pc = pc;
        events.push(Event::HandlerReturned { pid, resume: pc });
        Ok(())
    }

    /// sigaction(signo, new, old): sets a signal's action, if given; returns the old one.
    /// SIGKILL's and SIGSTOP's cannot be changed.
    pub(super) fn set_action(
        &mut self,
        pid: Pid,
        signo: i32,
        new: Option<SigAction>,
    ) -> Result<SigAction, Errno> {
        if !(1..32).contains(&signo) || (new.is_some() && (signo == SIGKILL || signo == SIGSTOP)) {
            return Err(Errno::EINVAL);
        }
        let old = self.action(pid, signo);
        if let Some(new) = new {
            let ipc = &mut self.proc_mut(pid).ipc;
            if ipc.actions.len() < 32 {
                ipc.actions.resize(32, SigAction::default());
            }
            ipc.actions[signo as usize] = SigAction {
                mask: new.mask & !(bit(SIGKILL) | bit(SIGSTOP)),
                ..new
            };
            // Ignoring a signal discards any instance of it already pending, blocked or not.
            if self.ignores(pid, signo) {
                self.proc_mut(pid).ipc.pending_signals &= !bit(signo);
            }
        }
        Ok(old)
    }

    /// sigprocmask(how, set): changes the blocked signals (SIGKILL and SIGSTOP can never
    /// be blocked); returns the old mask.
    pub(super) fn set_mask(&mut self, pid: Pid, how: u64, set: Option<u64>) -> Result<u64, Errno> {
        let ipc = &mut self.proc_mut(pid).ipc;
        let old = ipc.signal_mask;
        if let Some(set) = set {
            ipc.signal_mask = match how {
                SIG_BLOCK => old | set,
                SIG_UNBLOCK => old & !set,
                SIG_SETMASK => set,
                _ => return Err(Errno::EINVAL),
            } & !(bit(SIGKILL) | bit(SIGSTOP));
        }
        Ok(old)
    }

    /// kill(pid, signo) from `sender`.
    /// kill(target, signo) from `sender`, as Linux reads `target`: a PID; 0 for the sender's
    /// process group; -1 for every process it may signal but init and itself; -N for
    /// process group N. A user may signal only its own processes (EPERM otherwise); ESRCH
    /// when no process matches.
    pub(super) fn kill(
        &mut self,
        sender: Pid,
        target: i32,
        signo: i32,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        if !(0..32).contains(&signo) {
            return Err(Errno::EINVAL);
        }
        // As Linux: -INT_MIN names no process group.
        if target == i32::MIN {
            return Err(Errno::ESRCH);
        }
        let (uid, group) = self.process(sender).map_or((0, 0), |p| (p.uid, p.pgid));
        let matches = |p: &Pcb| match target {
            t if t > 0 => p.pid as i32 == t,
            0 => p.pgid == group,
            -1 => p.pid != INIT_PID && p.pid != sender,
            t => p.pgid as i32 == -t,
        };
        let alive = |p: &&Pcb| p.state() != ProcState::Terminated;
        let found: Vec<(Pid, bool)> = self
            .procs
            .iter()
            .filter(alive)
            .filter(|p| matches(p))
            .map(|p| (p.pid, uid == 0 || p.uid == uid))
            .collect();
        if found.is_empty() {
            return Err(Errno::ESRCH);
        }
        let allowed: Vec<Pid> = found
            .iter()
            .filter(|(_, ok)| *ok)
            .map(|(p, _)| *p)
            .collect();
        if allowed.is_empty() {
            return Err(Errno::EPERM);
        }
        if signo != 0 {
            for pid in allowed {
                self.send_signal(pid, signo, events);
            }
        }
        Ok(())
    }

    /// Delivers SIGALRM to every process whose alarm is due.
    pub(super) fn ring_alarms(&mut self, events: &mut Vec<Event>) {
        let now = self.clock;
        let due: Vec<Pid> = self
            .procs
            .iter()
            .filter(|p| p.ipc.alarm_at.is_some_and(|t| t <= now))
            .map(|p| p.pid)
            .collect();
        for pid in due {
            self.proc_mut(pid).ipc.alarm_at = None;
            self.send_signal(pid, crate::abi::signal::SIGALRM, events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_actions_follow_linux() {
        assert_eq!(default_action(SIGCHLD), DefaultAction::Ignore);
        assert_eq!(default_action(SIGSTOP), DefaultAction::Stop);
        assert_eq!(default_action(SIGTSTP), DefaultAction::Stop);
        assert_eq!(default_action(SIGCONT), DefaultAction::Continue);
        assert_eq!(default_action(15), DefaultAction::Terminate);
        assert_eq!(default_action(2), DefaultAction::Terminate);
    }
}
