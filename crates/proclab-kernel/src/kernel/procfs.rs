//! `/proc`: files the kernel writes from its process table when they are read, as Linux's
//! procfs does. `ps` reads `/proc/PID/stat`; people read `status` and `maps`.

use super::*;
use crate::abi::signal::SigAction;
use crate::address_space::SegmentKind;
use crate::open_file::ProcEntry;

impl Kernel {
    /// Simulated ticks in one of Linux's clock ticks (USER_HZ), the unit of stat's times.
    fn ticks_per_user_hz(&self) -> u64 {
        self.ticks_per_second() / crate::abi::flags::USER_HZ
    }

    /// A process's state as `ps` shows it: a letter and its word.
    fn state_letter(&self, p: &Pcb) -> (char, &'static str) {
        match p.state() {
            ProcState::New | ProcState::Ready | ProcState::Running => ('R', "running"),
            ProcState::Waiting if matches!(p.waiting_on, Some(WaitChannel::Device(_))) => {
                ('D', "disk sleep")
            }
            ProcState::Waiting => ('S', "sleeping"),
            ProcState::Stopped => ('T', "stopped"),
            ProcState::Zombie | ProcState::Terminated => ('Z', "zombie"),
        }
    }

    /// Processes that have a `/proc` directory: every one not yet reaped.
    pub(super) fn proc_pids(&self) -> Vec<Pid> {
        self.procs
            .iter()
            .filter(|p| p.state() != ProcState::Terminated)
            .map(|p| p.pid)
            .collect()
    }

    /// The text of `/proc/PID/ENTRY` now (empty once the process is gone).
    pub(super) fn proc_text(&self, pid: Pid, entry: ProcEntry) -> Vec<u8> {
        let Some(p) = self
            .process(pid)
            .filter(|p| p.state() != ProcState::Terminated)
        else {
            return Vec::new();
        };
        let (letter, word) = self.state_letter(p);
        let vsize: u64 = p
            .memory
            .vmas
            .iter()
            .filter(|v| v.kind != SegmentKind::Kernel)
            .map(|v| v.end - v.start)
            .sum();
        let rss = p.memory.page_table.iter().count() as u64;
        let text = match entry {
            ProcEntry::Stat => format!(
                "{pid} ({}) {letter} {} {} {} 0 -1 0 0 0 0 0 {} 0 0 0 {} {} 1 0 {} {vsize} {rss}\n",
                p.name,
                p.ppid,
                p.pgid,
                p.pgid,
                p.accounting.cpu_ticks / self.ticks_per_user_hz(),
                20 + p.sched.priority,
                p.sched.priority,
                p.accounting.created_at / self.ticks_per_user_hz(),
            ),
            ProcEntry::Status => {
                let set = |f: &dyn Fn(&SigAction) -> bool| {
                    p.ipc
                        .actions
                        .iter()
                        .enumerate()
                        .filter(|(_, a)| f(a))
                        .fold(0u64, |m, (signo, _)| m | 1 << (signo - 1))
                };
                format!(
                    "Name:\t{}\nState:\t{letter} ({word})\nPid:\t{pid}\nPPid:\t{}\n\
                     Uid:\t{u}\t{u}\t{u}\t{u}\nVmSize:\t{} kB\nVmRSS:\t{} kB\n\
                     SigPnd:\t{:016x}\nSigBlk:\t{:016x}\nSigIgn:\t{:016x}\nSigCgt:\t{:016x}\n",
                    p.name,
                    p.ppid,
                    vsize / 1024,
                    rss * p.memory.page_size / 1024,
                    p.ipc.pending_signals,
                    p.ipc.signal_mask,
                    set(&|a| a.handler == crate::abi::signal::SIG_IGN),
                    set(&|a| a.handler > crate::abi::signal::SIG_IGN),
                    u = p.uid,
                )
            }
            ProcEntry::Maps => p
                .memory
                .vmas
                .iter()
                .filter(|v| v.kind != SegmentKind::Kernel)
                .map(|v| {
                    let line = format!(
                        "{:08x}-{:08x} {}{} 00000000 00:00 0",
                        v.start,
                        v.end,
                        v.perms(),
                        if v.shared { 's' } else { 'p' }
                    );
                    let name = match v.kind {
                        SegmentKind::Text | SegmentKind::Rodata | SegmentKind::Data => {
                            p.name.clone()
                        }
                        SegmentKind::Heap => "[heap]".to_owned(),
                        SegmentKind::Stack => "[stack]".to_owned(),
                        _ => p
                            .memory
                            .attachments
                            .iter()
                            .find(|a| a.start == v.start)
                            .map_or_else(String::new, |a| self.shm_segments[a.segment].map_name()),
                    };
                    if name.is_empty() {
                        format!("{line}\n")
                    } else {
                        format!("{line:<72} {name}\n")
                    }
                })
                .collect(),
        };
        text.into_bytes()
    }
}
