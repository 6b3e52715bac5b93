//! The sentence a teacher reads aloud for each event: exact, plain English, one per event,
//! in a file per part of the kernel.

mod files;
mod ipc;
mod lifecycle;
mod memory;
mod scheduling;
mod signals;

use crate::event::Event;

impl Event {
    /// A short, exact, plain-English sentence describing the event.
    pub fn narrate(&self) -> String {
        match self {
            Event::Admit { .. }
            | Event::Dispatch { .. }
            | Event::SaveContext { .. }
            | Event::LoadContext { .. }
            | Event::Execute { .. }
            | Event::Idle { .. }
            | Event::IoStart { .. }
            | Event::Block { .. }
            | Event::IoComplete { .. }
            | Event::Wake { .. }
            | Event::Preempt { .. }
            | Event::QuantumRenewed { .. }
            | Event::TimerExpired { .. }
            | Event::IdleUntil { .. }
            | Event::Deadlocked { .. }
            | Event::Halted(_) => scheduling::narrate(self),
            Event::Exit { .. }
            | Event::Reap { .. }
            | Event::Fork { .. }
            | Event::ForkFailed { .. }
            | Event::Exec { .. }
            | Event::ExecFailed { .. }
            | Event::ImageReleased { .. }
            | Event::Reparent { .. }
            | Event::SigChld { .. }
            | Event::AtexitHandler { .. }
            | Event::JobChangeReported { .. }
            | Event::Stopped { .. }
            | Event::Continued { .. }
            | Event::GroupOrphaned { .. }
            | Event::SessionCreated { .. }
            | Event::WaitFailed { .. } => lifecycle::narrate(self),
            Event::PageFault { .. }
            | Event::OutOfMemory { .. }
            | Event::NotSimulated { .. }
            | Event::Brk { .. }
            | Event::Mmap { .. }
            | Event::Unmapped { .. }
            | Event::DivideError { .. } => memory::narrate(self),
            Event::Write { .. }
            | Event::TerminalFull { .. }
            | Event::PipeCreated { .. }
            | Event::PipeWrite { .. }
            | Event::PipeRead { .. }
            | Event::PipeEndClosed { .. }
            | Event::Dup { .. }
            | Event::Opened { .. }
            | Event::FifoWaits { .. }
            | Event::FifoMade { .. }
            | Event::Unlinked { .. }
            | Event::DirectoryMade { .. }
            | Event::DirectoryRemoved { .. }
            | Event::Renamed { .. }
            | Event::FileIo { .. } => files::narrate(self),
            Event::SocketPairMade { .. }
            | Event::MsgQueueMade { .. }
            | Event::MsgSent { .. }
            | Event::MsgReceived { .. }
            | Event::MsgQueueRemoved { .. }
            | Event::ShmMade { .. }
            | Event::ShmAttached { .. }
            | Event::ShmDetached { .. }
            | Event::ShmRemoved { .. }
            | Event::SemaphoreTaken { .. }
            | Event::SemaphorePosted { .. }
            | Event::SemSetMade { .. }
            | Event::SemOpDone { .. }
            | Event::SemValuesSet { .. }
            | Event::SemUndone { .. }
            | Event::SemSetRemoved { .. } => ipc::narrate(self),
            Event::SignalSent { .. }
            | Event::SignalIgnored { .. }
            | Event::HandlerEntered { .. }
            | Event::HandlerReturned { .. }
            | Event::SignalDelivered { .. } => signals::narrate(self),
        }
    }
}

/// "1 byte", "3 bytes".
fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "frame 3" or "frames 3, 4, 7".
fn frames_named(frames: &[usize]) -> String {
    match frames {
        [one] => format!("frame {one}"),
        _ => format!("frames {}", list(frames)),
    }
}

/// Frame numbers as "3, 4, 7".
fn list(frames: &[usize]) -> String {
    frames
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use crate::event::Event;

    #[test]
    fn sentences_name_the_processes_they_are_about() {
        let caught = Event::SigChld {
            parent: 2,
            child: 3,
            caught: true,
        };
        assert_eq!(
            caught.narrate(),
            "The kernel sends SIGCHLD to P2: its child P3 has exited; P2 has a handler, so \
             the signal becomes pending. P3 stays a zombie until P2 waits."
        );
        let private = Event::Mmap {
            pid: 4,
            start: 0x1000,
            len: 4096,
            shared: false,
            frames: vec![9],
            file: Some("/tmp/f".into()),
        };
        assert!(
            private
                .narrate()
                .contains("so P4's stores never reach the file")
        );
    }

    #[test]
    fn an_exec_refused_for_long_arguments_says_the_limit_is_proclabs() {
        let failed = |errno| Event::ExecFailed {
            pid: 2,
            path: "/bin/echo".into(),
            errno,
        };
        let too_long = failed(crate::abi::errno::Errno::E2BIG).narrate();
        assert!(too_long.contains("ProcLab's limit"), "{too_long}");
        let missing = failed(crate::abi::errno::Errno::ENOENT).narrate();
        assert!(!missing.contains("ProcLab's limit"), "{missing}");
    }
}
