//! Job control: SIGSTOP (and SIGTSTP, SIGTTIN, SIGTTOU) stop a process, which keeps its
//! memory and files but gets no CPU; SIGCONT continues it. The parent hears of both through
//! SIGCHLD and waitpid's WUNTRACED and WCONTINUED. A process group that an exit orphans
//! while a member is stopped gets SIGHUP then SIGCONT, so no job stays stopped for ever.

use super::*;
use crate::abi::flags::{WCONTINUED, WUNTRACED};
use crate::abi::signal::{SA_NOCLDSTOP, SIGCHLD, SIGCONT, SIGHUP};

impl Kernel {
    /// After `pid`'s exit (its children already re-parented), Linux's
    /// `kill_orphaned_pgrp`: each child's group, if `pid` was that group's link to the rest
    /// of the session, then its own group, if its parent was; a group
    /// orphaned so with a stopped member gets SIGHUP, then SIGCONT.
    pub(super) fn signal_orphaned_groups(
        &mut self,
        pid: Pid,
        children: &[Pid],
        events: &mut Vec<Event>,
    ) {
        let Some(p) = self.process(pid) else { return };
        let (pgid, sid, ppid) = (p.pgid, p.sid, p.ppid);
        for &child in children {
            let Some(c) = self.process(child) else {
                continue;
            };
            if c.pgid != pgid && c.sid == sid {
                self.hang_up_if_orphaned(c.pgid, None, events);
            }
        }
        if let Some(parent) = self.process(ppid)
            && parent.pgid != pgid
            && parent.sid == sid
        {
            self.hang_up_if_orphaned(pgid, Some(pid), events);
        }
    }

    /// SIGHUP then SIGCONT to every member of `pgid` if it is orphaned (leaving out
    /// `ignored`) and has a stopped member.
    fn hang_up_if_orphaned(&mut self, pgid: Pid, ignored: Option<Pid>, events: &mut Vec<Event>) {
        if !self.is_orphaned_group(pgid, ignored) {
            return;
        }
        let members: Vec<Pid> = self
            .procs
            .iter()
            .filter(|p| {
                p.pgid == pgid && !matches!(p.state(), ProcState::Terminated | ProcState::Zombie)
            })
            .map(|p| p.pid)
            .collect();
        if !members.iter().any(|&m| {
            self.process(m)
                .is_some_and(|p| p.state() == ProcState::Stopped)
        }) {
            return;
        }
        events.push(Event::GroupOrphaned {
            pgid,
            members: members.clone(),
        });
        for signo in [SIGHUP, SIGCONT] {
            for &member in &members {
                self.send_signal(member, signo, events);
            }
        }
    }

    /// Linux's `will_become_orphaned_pgrp`: no living member (but `ignored`) has a parent
    /// outside the group in the same session; a child of init is no such link.
    fn is_orphaned_group(&self, pgid: Pid, ignored: Option<Pid>) -> bool {
        !self.procs.iter().any(|p| {
            p.pgid == pgid
                && Some(p.pid) != ignored
                && !matches!(p.state(), ProcState::Terminated | ProcState::Zombie)
                && p.ppid != INIT_PID
                && self
                    .process(p.ppid)
                    .is_some_and(|parent| parent.pgid != pgid && parent.sid == p.sid)
        })
    }

    /// Stops a process in whatever state it is in; a sleeping one keeps what it waits for.
    pub(super) fn stop_process(&mut self, pid: Pid, signo: i32, events: &mut Vec<Event>) {
        let Some(state) = self.process(pid).map(Pcb::state) else {
            return;
        };
        match state {
            ProcState::Running => {
                let cpu = self
                    .cpus
                    .iter()
                    .position(|c| c.running == Some(pid))
                    .expect("a running process is on a CPU");
                self.proc_mut(pid).apply(Transition::Stop);
                events.push(Event::Stopped {
                    pid,
                    signo,
                    transition: Transition::Stop,
                });
                self.vacate(cpu, events);
            }
            ProcState::Ready => {
                self.ready.remove(pid);
                self.proc_mut(pid).sched.queue_position = None;
                self.proc_mut(pid).apply(Transition::StopReady);
                events.push(Event::Stopped {
                    pid,
                    signo,
                    transition: Transition::StopReady,
                });
            }
            ProcState::Waiting => {
                self.proc_mut(pid).apply(Transition::StopWaiting);
                events.push(Event::Stopped {
                    pid,
                    signo,
                    transition: Transition::StopWaiting,
                });
            }
            _ => return,
        }
        let p = self.proc_mut(pid);
        p.stop_report = Some(signo);
        p.continue_report = false;
        self.tell_parent(pid, events);
    }

    /// Continues a stopped process: back to sleep if what it waited for has not happened
    /// (a timer, the disk, room in a pipe, a signal for pause), else onto the ready queue,
    /// where a call that restarts (wait, read, msgrcv) simply runs again.
    pub(super) fn continue_process(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let Some(p) = self
            .process(pid)
            .filter(|p| p.state() == ProcState::Stopped)
        else {
            return;
        };
        let back_to_sleep = match p.waiting_on {
            Some(WaitChannel::Timer(t)) => t > self.clock,
            Some(WaitChannel::Device(_) | WaitChannel::PipeWrite(_) | WaitChannel::Signal) => true,
            _ => false,
        };
        events.push(Event::Continued {
            pid,
            sleeping: back_to_sleep,
        });
        if back_to_sleep {
            self.proc_mut(pid).apply(Transition::ContinueWaiting);
            if let Some(WaitChannel::PipeWrite(pipe)) = self.proc_mut(pid).waiting_on {
                self.drain_pending(pipe, events);
            }
        } else {
            let p = self.proc_mut(pid);
            p.waiting_on = None;
            p.apply(Transition::Continue);
            self.place_woken(pid, events);
        }
        let p = self.proc_mut(pid);
        p.stop_report = None;
        p.continue_report = true;
        self.tell_parent(pid, events);
    }

    /// waitpid with WUNTRACED (2) or WCONTINUED (8): a matching child that stopped or
    /// continued since the parent last heard, with the status word the W* macros decode
    /// (0x7f with the signal in the next byte for a stop, 0xffff for a continue).
    pub(super) fn job_change(
        &mut self,
        pid: Pid,
        target: i32,
        options: u64,
        events: &mut Vec<Event>,
    ) -> Option<(Pid, i32)> {
        let children: Vec<Pid> = self
            .process(pid)?
            .children
            .iter()
            .copied()
            .filter(|&c| self.wait_matches(pid, target, c))
            .collect();
        for child in children {
            let c = self.proc_mut(child);
            if options & WUNTRACED != 0
                && c.state() == ProcState::Stopped
                && let Some(signo) = c.stop_report.take()
            {
                let status = 0x7f | (signo << 8);
                events.push(Event::JobChangeReported { pid, child, status });
                return Some((child, status));
            }
            if options & WCONTINUED != 0 && c.continue_report {
                c.continue_report = false;
                events.push(Event::JobChangeReported {
                    pid,
                    child,
                    status: 0xffff,
                });
                return Some((child, 0xffff));
            }
        }
        None
    }

    /// A child stopped or continued: its parent gets SIGCHLD (unless it asked not to with
    /// SA_NOCLDSTOP, or ignores it), and a parent in waitpid looks again.
    fn tell_parent(&mut self, child: Pid, events: &mut Vec<Event>) {
        let ppid = self.proc_mut(child).ppid;
        let action = self.action(ppid, SIGCHLD);
        if action.handler == crate::abi::signal::SIG_IGN || action.flags & SA_NOCLDSTOP != 0 {
            return;
        }
        let parent = self.proc_mut(ppid);
        let waiting_for = match (&parent.waiting_on, parent.state()) {
            (Some(WaitChannel::Child(target)), ProcState::Waiting) => Some(*target),
            _ => None,
        };
        if waiting_for.is_some_and(|t| self.wait_matches(ppid, t, child)) {
            self.wake(ppid, events);
        }
        if action.handler != crate::abi::signal::SIG_DFL {
            self.send_signal(ppid, SIGCHLD, events);
        }
    }
}
