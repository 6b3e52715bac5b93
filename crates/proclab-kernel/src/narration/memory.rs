//! Memory: page faults (demand-zero, copy-on-write, stack growth, invalid accesses), the OOM killer, the program break, mmap, and the CPU's divide error.

use super::list;
use crate::event::{Event, FaultKind, InvalidAccess};

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
        Event::PageFault { pid, addr, kind } => match kind {
            FaultKind::DemandZero { frame } => format!(
                "Page fault: P{pid} touched {addr:#x} for the first time; the kernel \
                 maps a zero-filled frame {frame} there."
            ),
            FaultKind::CopyOnWrite { from, to, left } => format!(
                "Copy-on-write fault: P{pid} wrote to {addr:#x}, on frame {from} shared \
                 since fork. The kernel copies it to frame {to} and maps the copy \
                 writable; frame {from}'s refcount drops to {left}."
            ),
            FaultKind::CowReuse { frame } => format!(
                "Copy-on-write fault: P{pid} wrote to {addr:#x}, but frame {frame} is no \
                 longer shared (refcount 1), so the kernel just makes it writable again."
            ),
            FaultKind::StackGrowth => format!(
                "Page fault just below P{pid}'s stack at {addr:#x}: the kernel grows the \
                 stack down to cover it."
            ),
            FaultKind::Invalid(why) => format!(
                "Segmentation fault: P{pid} {} {addr:#x}; the kernel sends it SIGSEGV \
                 (signal 11).",
                match why {
                    InvalidAccess::Unmapped => "accessed the unmapped address".to_owned(),
                    InvalidAccess::ReadOnly(kind) => {
                        format!("wrote to its read-only {} segment at", kind.label())
                    }
                    InvalidAccess::Kernel => {
                        "touched kernel memory from user mode at".to_owned()
                    }
                    InvalidAccess::NotCode => {
                        "called through a function pointer that points to no instruction, at"
                            .to_owned()
                    }
                }
            ),
        },
        Event::OutOfMemory { pid } => format!(
            "Out of memory: no free frame is left for P{pid}'s page fault. ProcLab's OOM \
             killer kills P{pid} with SIGKILL; Linux would first reclaim memory, then kill \
             the process with the highest oom_score."
        ),
        Event::NotSimulated { pid, function } => format!(
            "P{pid} calls {function}(), which ProcLab does not simulate (it has no threads, \
             semaphores or network): the call fails with ENOSYS, \"Function not implemented\", \
             as on a Linux kernel built without the feature."
        ),
        Event::Brk { pid, old, new } => format!(
            "P{pid}'s program break moves from {old:#x} to {new:#x}. New heap pages \
             arrive zeroed on first touch."
        ),
        Event::Mmap {
            pid,
            start,
            len,
            shared,
            frames,
            file: Some(path),
        } => format!(
            "mmap: P{pid} maps {path} at {start:#x} ({len} bytes) into frames {}: {}",
            list(frames),
            if *shared {
                "MAP_SHARED, so the frames are the file's page cache: other mappers and \
                 read() see every store, and write() shows up in the mapping."
                    .to_owned()
            } else {
                format!(
                    "MAP_PRIVATE, so P{pid}'s stores never reach the file. (ProcLab copies \
                     the file's bytes at mmap; Linux shares the page cache until the first \
                     write.)"
                )
            }
        ),
        Event::Mmap {
            pid,
            start,
            len,
            shared: true,
            frames,
            ..
        } => format!(
            "mmap: P{pid} gets a shared region of {len} bytes at {start:#x}, backed by \
             frames {}: after fork, parent and child map these same frames, with no \
             copy-on-write. (ProcLab takes the frames at mmap; Linux takes each on its \
             first touch.)",
            list(frames)
        ),
        Event::Mmap {
            pid, start, len, ..
        } => format!(
            "mmap: P{pid} gets a private region of {len} bytes at {start:#x}; its pages \
             arrive zeroed on first touch and are copied on write after fork."
        ),
        Event::DivideError { pid } => format!(
            "P{pid} divided by zero: the CPU raises a divide error and the kernel sends \
             P{pid} SIGFPE (signal 8)."
        ),
        Event::Unmapped {
            pid,
            start,
            len,
            freed,
            still_shared,
        } => {
            let mut s = format!("P{pid} unmaps the {len} bytes at {start:#x}");
            match freed.len() {
                0 => {}
                1 => s.push_str(&format!(": frame {} is free now", freed[0])),
                _ => s.push_str(&format!(": frames {} are free now", list(freed))),
            }
            let kept: Vec<usize> = still_shared.iter().map(|(f, _)| *f).collect();
            let joint = if freed.is_empty() { ":" } else { ";" };
            match kept.len() {
                0 => {}
                1 => s.push_str(&format!(
                    "{joint} frame {} stays in use, its refcount down by one",
                    kept[0]
                )),
                _ => s.push_str(&format!(
                    "{joint} frames {} stay in use, their refcount down by one",
                    list(&kept)
                )),
            }
            s.push('.');
            s
        }
        other => unreachable!("{other:?} is narrated by another group"),
    }
}
