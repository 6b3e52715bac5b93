//! The process lifecycle: fork, exec, exit, the zombie and its reaping, orphans, SIGCHLD, atexit, and job control's stops and continues.

use super::list;
use crate::abi::errno::Errno;
use crate::abi::signal;
use crate::event::Event;
use crate::process::Pid;

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
        Event::SessionCreated { pid } => format!(
            "setsid(): P{pid} leads a new session and a new process group, both numbered \
             {pid}, alone in them and without a controlling terminal (its descriptors still \
             reach the terminal)."
        ),
        Event::Exit { pid, how } => format!(
            "P{pid} {}: it releases its memory and open files and becomes a zombie: the \
             kernel keeps its PCB (its PID, exit status and CPU times) until its parent \
             waits (RUNNING → ZOMBIE).",
            how.describe()
        ),
        Event::Reap {
            pid,
            by,
            auto: true,
            ..
        } => format!(
            "P{pid}'s parent P{by} ignores SIGCHLD, so the kernel reaps P{pid} at once \
             (ZOMBIE → TERMINATED)."
        ),
        Event::Reap {
            pid, by, status, ..
        } => format!(
            "P{by}'s wait() collects P{pid}'s status word {status:#06x}; the kernel frees \
             P{pid}'s PCB (ZOMBIE → TERMINATED)."
        ),
        Event::Fork {
            parent,
            child,
            shared,
        } => format!(
            "fork: the kernel copies P{parent}'s PCB (with its open files, signal actions and \
             mask) and page table into the new P{child}. No memory is copied: their {} \
             pages now share frames, each frame's refcount up by one; the writable ones are \
             marked copy-on-write, text and read-only data are simply shared. fork returns \
             {child} in P{parent} and 0 in P{child}. P{child} waits in NEW for a tick \
             (ProcLab's; Linux makes it runnable inside fork).",
            shared.len()
        ),
        Event::ForkFailed { pid, errno } => format!(
            "fork fails in P{pid} with {} ({}): fork returns -1.",
            errno.name(),
            fork_failure(*errno)
        ),
        Event::Exec { pid, path } => format!(
            "execve: the kernel replaces P{pid}'s image with {path}: new text, data, heap \
             and stack; the PID, parent and open files stay (but those marked close-on-exec \
             close), and caught signals go back to their default action."
        ),
        Event::ExecFailed { pid, path, errno } => format!(
            "execve(\"{path}\") fails in P{pid} with {} ({}): it returns -1 and P{pid} \
             keeps running its old program.{}",
            errno.name(),
            errno.message(),
            if *errno == Errno::E2BIG {
                " (ProcLab's limit: the arguments must fit in one stack page; Linux allows \
                 a quarter of the stack limit.)"
            } else {
                ""
            }
        ),
        Event::ImageReleased {
            pid,
            freed,
            still_shared,
        } => image_released(*pid, freed, still_shared),
        Event::Reparent { pid, from, to } => {
            format!("P{pid} is orphaned by P{from}'s exit and re-parented to P{to}.")
        }
        Event::SigChld {
            parent,
            child,
            caught,
        } => format!(
            "The kernel sends SIGCHLD to P{parent}: its child P{child} has exited{} P{child} \
             stays a zombie until P{parent} waits.",
            if *caught {
                format!("; P{parent} has a handler, so the signal becomes pending.")
            } else {
                ". Its default action is to ignore it, so it is discarded;".to_owned()
            }
        ),
        Event::AtexitHandler { pid, handler } => format!(
            "exit() in P{pid} first calls the handler registered with atexit() at \
             {handler:#x}."
        ),
        Event::JobChangeReported { pid, child, status } => format!(
            "P{pid}'s waitpid() reports that P{child} {} (status word {status:#06x}); \
             P{child} is not reaped: it is still alive.",
            if *status == 0xffff {
                "continued".to_owned()
            } else {
                format!("was stopped by {}", signal::name(status >> 8))
            }
        ),
        Event::Stopped { pid, signo, .. } => format!(
            "{} stops P{pid}: it keeps its memory and open files but gets no CPU until \
             SIGCONT (→ STOPPED); ps shows it as T.",
            signal::name(*signo)
        ),
        Event::GroupOrphaned { pgid, members } => format!(
            "Process group {pgid} is now orphaned (no member's parent is in another group of \
             its session, so no shell can continue it) and a member is stopped: the kernel \
             sends SIGHUP, then SIGCONT, to {}, so the job is not left stopped for ever.",
            members
                .iter()
                .map(|p| format!("P{p}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Event::Continued { pid, sleeping } => format!(
            "SIGCONT continues P{pid} (STOPPED → {}).",
            if *sleeping {
                "WAITING: what it was waiting for has not happened yet"
            } else {
                "READY"
            }
        ),
        Event::WaitFailed { pid, errno } => format!(
            "wait fails in P{pid} with {} ({}): it returns -1.",
            errno.name(),
            errno.message()
        ),
        other => unreachable!("{other:?} is narrated by another group"),
    }
}

/// Why fork failed, in words.
fn fork_failure(errno: Errno) -> &'static str {
    match errno {
        Errno::EAGAIN => "the process limit is reached",
        Errno::ENOMEM => "no free frame for the child's page table",
        _ => errno.message(),
    }
}

/// What releasing an old image gave back, and what it left to other processes.
fn image_released(pid: Pid, freed: &[usize], still_shared: &[(usize, u32)]) -> String {
    let mut s = format!("P{pid}'s old address space is released: ");
    s.push_str(&match freed.len() {
        0 => "no frame is freed".to_owned(),
        1 => format!("frame {} is freed", freed[0]),
        _ => format!("frames {} are freed", list(freed)),
    });
    if !still_shared.is_empty() {
        let shared: Vec<usize> = still_shared.iter().map(|(f, _)| *f).collect();
        s.push_str(&format!(
            "; frames {} stay, still mapped by another process (refcount down by one)",
            list(&shared)
        ));
    }
    s.push('.');
    s
}
