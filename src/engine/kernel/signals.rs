//! Signals: dispositions, sending, and delivery on the way back to user mode. A caught
//! signal runs its handler on the process's own stack: the kernel pushes a signal frame
//! with the interrupted registers and a return address into the sigreturn trampoline,
//! which restores them when the handler returns.

use super::*;
use crate::engine::signal::{SIGCHLD, SIGKILL, bit};

/// Disposition value meaning "the default action".
pub const SIG_DFL: u64 = 0;
/// Disposition value meaning "ignore".
pub const SIG_IGN: u64 = 1;

/// What a signal does when its disposition is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DefaultAction {
    /// End the process.
    Terminate,
    /// Nothing.
    Ignore,
}

/// Linux's default action for a signal (stop and continue are not simulated yet and are
/// treated as nothing happening).
pub fn default_action(signo: i32) -> DefaultAction {
    match signo {
        SIGCHLD | 18..=23 | 28 => DefaultAction::Ignore,
        _ => DefaultAction::Terminate,
    }
}

impl Kernel {
    /// A process's disposition for a signal.
    pub(super) fn disposition(&self, pid: Pid, signo: i32) -> u64 {
        if signo == SIGKILL {
            return SIG_DFL;
        }
        self.process(pid)
            .and_then(|p| p.ipc.handlers.get(signo as usize).copied())
            .unwrap_or(SIG_DFL)
    }

    /// True when a signal would do something to the process (not ignored).
    fn signal_matters(&self, pid: Pid, signo: i32) -> bool {
        match self.disposition(pid, signo) {
            SIG_IGN => false,
            SIG_DFL => default_action(signo) == DefaultAction::Terminate,
            _ => true,
        }
    }

    /// Marks a signal pending; it is delivered when the process next returns to user mode.
    /// A process sleeping interruptibly is woken so that it can be.
    pub(super) fn send_signal(&mut self, pid: Pid, signo: i32, events: &mut Vec<Event>) {
        let Some(p) = self.process(pid) else { return };
        if !p.state().is_alive() {
            return;
        }
        self.proc_mut(pid).ipc.pending_signals |= bit(signo);
        events.push(Event::SignalSent { pid, signo });
        let interruptible = matches!(
            self.process(pid).and_then(|p| p.waiting_on.clone()),
            Some(
                WaitChannel::Child(_)
                    | WaitChannel::Timer(_)
                    | WaitChannel::PipeRead(_)
                    | WaitChannel::PipeWrite(_)
                    | WaitChannel::Signal
            )
        );
        let blocked = self
            .process(pid)
            .is_some_and(|p| p.ipc.signal_mask & bit(signo) != 0);
        if interruptible && !blocked && self.signal_matters(pid, signo) {
            self.wake(pid, events);
        }
    }

    /// Delivers the pending signals a process may receive, as it returns to user mode:
    /// ignored ones vanish, a default-fatal one ends it, a caught one diverts it into its
    /// handler. Returns how the process ends, if it does.
    pub(super) fn deliver_signals(
        &mut self,
        cpu: usize,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Option<Termination> {
        loop {
            let ipc = &self.process(pid)?.ipc;
            let deliverable = ipc.pending_signals & !(ipc.signal_mask & !bit(SIGKILL));
            if deliverable == 0 {
                return None;
            }
            let signo = deliverable.trailing_zeros() as i32 + 1;
            self.proc_mut(pid).ipc.pending_signals &= !bit(signo);
            match self.disposition(pid, signo) {
                SIG_IGN => events.push(Event::SignalIgnored { pid, signo }),
                SIG_DFL if default_action(signo) == DefaultAction::Ignore => {
                    events.push(Event::SignalIgnored { pid, signo })
                }
                SIG_DFL => {
                    events.push(Event::SignalDelivered { pid, signo });
                    return Some(Termination::Signaled(signo));
                }
                handler => {
                    if let Err(how) = self.enter_handler(cpu, pid, signo, handler, events) {
                        return Some(how);
                    }
                    return None;
                }
            }
        }
    }

    /// Pushes a signal frame (the interrupted registers, the signal number and the
    /// trampoline as return address) and jumps to the handler.
    fn enter_handler(
        &mut self,
        cpu: usize,
        pid: Pid,
        signo: i32,
        handler: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let saved = self.cpus[cpu].registers.clone();
        for &r in &saved.regs {
            self.push(cpu, pid, r, events)?;
        }
        self.push(cpu, pid, saved.pc, events)?;
        self.push(cpu, pid, signo as u64, events)?;
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
        });
        Ok(())
    }

    /// sigreturn: pops the signal frame and restores the interrupted registers.
    pub(super) fn sigreturn(
        &mut self,
        cpu: usize,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let _signo = self.pop(cpu, pid, events)?;
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

    /// signal(signo, handler): sets a disposition; returns the old one.
    pub(super) fn set_handler(&mut self, pid: Pid, signo: i32, handler: u64) -> Result<u64, Errno> {
        if !(1..32).contains(&signo) || signo == SIGKILL || signo == 19 {
            return Err(Errno::EINVAL);
        }
        let ipc = &mut self.proc_mut(pid).ipc;
        if ipc.handlers.len() < 32 {
            ipc.handlers.resize(32, SIG_DFL);
        }
        Ok(std::mem::replace(
            &mut ipc.handlers[signo as usize],
            handler,
        ))
    }

    /// kill(pid, signo) from `sender`.
    pub(super) fn kill(
        &mut self,
        target: i32,
        signo: i32,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        if !(0..32).contains(&signo) {
            return Err(Errno::EINVAL);
        }
        let pid = Pid::try_from(target).map_err(|_| Errno::ESRCH)?;
        match self.process(pid) {
            Some(p) if p.state() != ProcState::Terminated => {
                if signo != 0 {
                    self.send_signal(pid, signo, events);
                }
                Ok(())
            }
            _ => Err(Errno::ESRCH),
        }
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
            self.send_signal(pid, crate::engine::signal::SIGALRM, events);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_actions_follow_linux() {
        assert_eq!(default_action(SIGCHLD), DefaultAction::Ignore);
        assert_eq!(default_action(15), DefaultAction::Terminate);
        assert_eq!(default_action(2), DefaultAction::Terminate);
    }
}
