//! What happens in a step, as data; [`crate::narration`] says each event in a sentence.

use serde::{Deserialize, Serialize};

use super::address_space::SegmentKind;
use super::cpu_context::CpuContext;
use super::process::{Pid, Transition, WaitChannel};
use super::program::{Op, SourceLine};
use super::wait_status::Termination;
use crate::abi::errno::Errno;

/// Why an access was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvalidAccess {
    /// No region maps the address.
    Unmapped,
    /// A write to a region that is read-only.
    ReadOnly(SegmentKind),
    /// A user-mode access to the kernel's half.
    Kernel,
    /// A jump to an address that holds no instruction of the program (a bad function
    /// pointer).
    NotCode,
}

/// What kind of page fault happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FaultKind {
    /// First touch of a page: a zeroed frame was allocated and mapped.
    DemandZero {
        /// The new frame.
        frame: usize,
    },
    /// A write to a shared copy-on-write page: the kernel copied the frame.
    CopyOnWrite {
        /// The shared frame.
        from: usize,
        /// The private copy.
        to: usize,
        /// Mappings the shared frame has left.
        left: u32,
    },
    /// A write to a copy-on-write page no one else maps any more: made writable in place.
    CowReuse {
        /// The frame.
        frame: usize,
    },
    /// An access just below the stack: the stack region grew down to cover it.
    StackGrowth,
    /// An access the process may not make: it receives SIGSEGV.
    Invalid(InvalidAccess),
}

/// Why a running process lost its CPU without blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreemptReason {
    /// The timer interrupt found its quantum used up.
    Quantum(u32),
    /// This process's I/O finished and the policy runs it immediately.
    IoCompletion(Pid),
    /// This more urgent process became ready.
    HigherPriority(Pid),
    /// A script (such as an OSTEP fork.py action) runs this process next.
    Directed(Pid),
}

/// Why the run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Halt {
    /// Every user process has exited and been reaped.
    AllDone,
    /// The scenario's step limit was reached first.
    StepLimit(u64),
    /// Every remaining process waits and nothing can wake any of them.
    Deadlock,
    /// A scripted run (an OSTEP fork.py action list) has carried out its last action.
    ScriptDone,
}

/// The kinds of moment a lesson is about, to find them in a run and mark them on its
/// timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Moment {
    /// fork() made a process (or failed to).
    Fork,
    /// execve() replaced a program (or failed to).
    Exec,
    /// A process ended and became a zombie.
    Exit,
    /// A parent (or the kernel) reaped a zombie, or wait() failed.
    Wait,
    /// A signal was sent, delivered, ignored or handled; a process stopped or continued.
    Signal,
    /// A page fault, a divide error or memory running out.
    Fault,
    /// Pipes, FIFOs, descriptors redirected, message queues, sockets, shared mappings.
    Ipc,
    /// The kernel loaded a process's registers onto a CPU.
    Switch,
}

impl Moment {
    /// Every kind, in the order the page lists them.
    pub const ALL: [Moment; 8] = [
        Moment::Fork,
        Moment::Exec,
        Moment::Exit,
        Moment::Wait,
        Moment::Signal,
        Moment::Fault,
        Moment::Ipc,
        Moment::Switch,
    ];

    /// Its name in a sentence: "the next fork", "no IPC call after this step".
    pub fn name(self) -> &'static str {
        match self {
            Moment::Fork => "fork",
            Moment::Exec => "exec",
            Moment::Exit => "exit",
            Moment::Wait => "wait",
            Moment::Signal => "signal",
            Moment::Fault => "fault",
            Moment::Ipc => "IPC call",
            Moment::Switch => "context switch",
        }
    }
}

/// One thing the kernel did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// NEW → READY.
    Admit { pid: Pid },
    /// READY → RUNNING on a CPU.
    Dispatch { cpu: usize, pid: Pid },
    /// The CPU's registers are stored into the PCB of the process leaving it. (Boxed: the
    /// registers are the largest payload, and every step stores its events.)
    SaveContext {
        cpu: usize,
        pid: Pid,
        context: Box<CpuContext>,
    },
    /// The PCB's saved registers are loaded into the CPU for the process arriving.
    LoadContext {
        cpu: usize,
        pid: Pid,
        context: Box<CpuContext>,
    },
    /// The running process executed one instruction at `pc` (from C source `line`, for a
    /// compiled program); `resumed` when it carries on a call that slept.
    Execute {
        cpu: usize,
        pid: Pid,
        pc: u64,
        op: Op,
        line: Option<SourceLine>,
        #[serde(default)]
        resumed: bool,
    },
    /// The CPU had nothing to run; `held_for` names the process it waits for under
    /// switch-on-end.
    Idle { cpu: usize, held_for: Option<Pid> },
    /// An I/O request went to a device.
    IoStart {
        pid: Pid,
        device: String,
        done_at: u64,
    },
    /// RUNNING → WAITING.
    Block { pid: Pid, channel: WaitChannel },
    /// A device raised its completion interrupt for this process's request.
    IoComplete { pid: Pid, device: String },
    /// WAITING → READY.
    Wake { pid: Pid },
    /// RUNNING → READY.
    Preempt {
        cpu: usize,
        pid: Pid,
        reason: PreemptReason,
    },
    /// The timer fired but nobody else was ready, so the process keeps the CPU.
    QuantumRenewed { pid: Pid, quantum: u32 },
    /// fork() made `child` a copy of `parent`; these frames are now shared by both.
    Fork {
        parent: Pid,
        child: Pid,
        shared: Vec<usize>,
    },
    /// fork() failed.
    ForkFailed { pid: Pid, errno: Errno },
    /// execve() replaced the process's image with the program at `path`.
    Exec { pid: Pid, path: String },
    /// execve() failed; the old image is untouched.
    ExecFailed {
        pid: Pid,
        path: String,
        errno: Errno,
    },
    /// A process let go of an address space: frames freed, and frames still mapped by
    /// others with their remaining counts.
    ImageReleased {
        pid: Pid,
        freed: Vec<usize>,
        still_shared: Vec<(usize, u32)>,
    },
    /// A page fault at `addr`.
    PageFault {
        pid: Pid,
        addr: u64,
        kind: FaultKind,
    },
    /// No frame was left for a page fault: the kernel kills the faulting process.
    OutOfMemory { pid: Pid },
    /// The process called a library function ProcLab does not simulate (threads, the
    /// network): it failed with ENOSYS.
    NotSimulated { pid: Pid, function: String },
    /// The program break moved.
    Brk { pid: Pid, old: u64, new: u64 },
    /// mmap made a region; a shared one's frames are allocated at once.
    Mmap {
        pid: Pid,
        start: u64,
        len: u64,
        shared: bool,
        frames: Vec<usize>,
        /// The file mapped, if not anonymous memory.
        file: Option<String>,
    },
    /// RUNNING → ZOMBIE.
    Exit { pid: Pid, how: Termination },
    /// An orphan got a new parent.
    Reparent { pid: Pid, from: Pid, to: Pid },
    /// SIGCHLD was sent to a parent about its child; `caught` when the parent has a handler.
    SigChld {
        parent: Pid,
        child: Pid,
        caught: bool,
    },
    /// wait() failed.
    WaitFailed { pid: Pid, errno: Errno },
    /// A process wrote to the terminal (the write() system call on fd 1 or 2).
    Write { pid: Pid, fd: i32, text: String },
    /// The terminal's output cap was reached; later output is dropped.
    TerminalFull { limit: usize },
    /// A division by zero: the CPU's divide error, SIGFPE for the process.
    DivideError { pid: Pid },
    /// A sleeping process's timer went off.
    TimerExpired { pid: Pid },
    /// Every process slept, so the clock jumped ahead to the next timer; a tick lasts
    /// `tick_ns` nanoseconds.
    IdleUntil { from: u64, to: u64, tick_ns: u64 },
    /// exit() calls an atexit handler before finishing.
    AtexitHandler { pid: Pid, handler: u64 },
    /// Every live process waits and nothing can wake them: who waits for what.
    Deadlocked { waits: Vec<(Pid, String)> },
    /// pipe() made a pipe; its ends are these descriptors.
    PipeCreated {
        pid: Pid,
        pipe: usize,
        read_fd: i32,
        write_fd: i32,
    },
    /// Bytes went into a pipe's buffer.
    PipeWrite { pid: Pid, pipe: usize, bytes: usize },
    /// Bytes came out of a pipe's buffer.
    PipeRead { pid: Pid, pipe: usize, bytes: usize },
    /// The last descriptor of a pipe's end was closed.
    PipeEndClosed { pipe: usize, write_end: bool },
    /// dup or dup2 made `to` refer to what `from` refers to.
    Dup {
        pid: Pid,
        from: i32,
        to: i32,
        file: String,
    },
    /// open() gave a process a descriptor for a path.
    Opened {
        pid: Pid,
        fd: i32,
        path: String,
        /// O_CREAT made the file.
        created: bool,
    },
    /// A process waits in open() for the other end of a FIFO to be opened.
    FifoWaits {
        pid: Pid,
        path: String,
        for_writer: bool,
    },
    /// mkfifo() made a named pipe.
    FifoMade { pid: Pid, path: String },
    /// unlink() removed a name.
    Unlinked { pid: Pid, path: String },
    /// setsid() made the process the leader of a new session and process group.
    SessionCreated { pid: Pid },
    /// mkdir() made a directory.
    DirectoryMade { pid: Pid, path: String },
    /// rmdir() removed an empty directory.
    DirectoryRemoved { pid: Pid, path: String },
    /// rename() moved a name (and, for a directory, everything under it).
    Renamed { pid: Pid, from: String, to: String },
    /// read() or write() on a regular file moved bytes at an offset.
    FileIo {
        pid: Pid,
        path: String,
        bytes: usize,
        offset: u64,
        write: bool,
    },
    /// socketpair() made two connected sockets.
    SocketPairMade {
        pid: Pid,
        fds: (i32, i32),
        /// The pipe carrying bytes from the first to the second, and back.
        pipes: (usize, usize),
    },
    /// msgget() made a message queue.
    MsgQueueMade { pid: Pid, queue: usize, key: i32 },
    /// msgsnd() put a message in a queue.
    MsgSent {
        pid: Pid,
        queue: usize,
        mtype: i64,
        bytes: usize,
    },
    /// msgrcv() took a message from a queue.
    MsgReceived {
        pid: Pid,
        queue: usize,
        mtype: i64,
        bytes: usize,
    },
    /// msgctl(IPC_RMID) removed a queue.
    MsgQueueRemoved { pid: Pid, queue: usize },
    /// shmget() made a System V shared memory segment of `size` bytes.
    ShmMade {
        pid: Pid,
        segment: usize,
        key: i32,
        size: u64,
        frames: Vec<usize>,
    },
    /// shmat() attached a segment at `start`: its pages map the segment's frames;
    /// `attached` attachments now exist.
    ShmAttached {
        pid: Pid,
        segment: usize,
        start: u64,
        frames: Vec<usize>,
        attached: u64,
    },
    /// shmdt(), exit or exec detached a segment (its pages were unmapped just before);
    /// `attached` attachments are left; when that was the last one of a removed segment,
    /// the segment is destroyed and `freed` its frames freed.
    ShmDetached {
        pid: Pid,
        segment: usize,
        attached: u64,
        freed: Vec<usize>,
    },
    /// shmctl(IPC_RMID) removed a segment: at once when `attached` is 0 (freeing
    /// `freed`), else with its last attachment.
    ShmRemoved {
        pid: Pid,
        segment: usize,
        attached: u64,
        freed: Vec<usize>,
    },
    /// sem_wait() or sem_trywait() took one from the semaphore at `sem`, leaving `count`.
    SemaphoreTaken { pid: Pid, sem: u64, count: u64 },
    /// sem_post() added one to the semaphore at `sem`, making `count`, and woke `woken`.
    SemaphorePosted {
        pid: Pid,
        sem: u64,
        count: u64,
        woken: Vec<Pid>,
    },
    /// An exit orphaned process group `pgid` (no member's parent is in another group of its
    /// session) while a member was stopped: the kernel sends its `members` SIGHUP, then
    /// SIGCONT.
    GroupOrphaned { pgid: Pid, members: Vec<Pid> },
    /// semget() made a set of `count` System V semaphores, each 0.
    SemSetMade {
        pid: Pid,
        set: usize,
        key: i32,
        count: usize,
    },
    /// semop() did all its operations (semaphore, amount) at once; `values` are the set's
    /// values after them.
    SemOpDone {
        pid: Pid,
        set: usize,
        ops: Vec<(usize, i32)>,
        values: Vec<i32>,
    },
    /// semctl(SETVAL or SETALL) set values from semaphore `first` on.
    SemValuesSet {
        pid: Pid,
        set: usize,
        first: usize,
        values: Vec<i32>,
    },
    /// At exit, the kernel undid the process's SEM_UNDO operations on a semaphore.
    SemUndone {
        pid: Pid,
        set: usize,
        num: usize,
        value: i32,
    },
    /// semctl(IPC_RMID) removed a set.
    SemSetRemoved { pid: Pid, set: usize },
    /// munmap() or shmdt() unmapped the region of `len` bytes at `start`: `freed` frames
    /// are free now, the others stay in use with their refcount down by one.
    Unmapped {
        pid: Pid,
        start: u64,
        len: u64,
        freed: Vec<usize>,
        still_shared: Vec<(usize, u32)>,
    },
    /// waitpid(WUNTRACED or WCONTINUED) told a parent a child stopped or continued.
    JobChangeReported { pid: Pid, child: Pid, status: i32 },
    /// A stop signal stopped a process, by this transition (from RUNNING, READY or WAITING).
    Stopped {
        pid: Pid,
        signo: i32,
        transition: Transition,
    },
    /// SIGCONT continued a stopped process; `sleeping` if it went back to waiting.
    Continued { pid: Pid, sleeping: bool },
    /// A signal became pending for a process.
    SignalSent {
        pid: Pid,
        signo: i32,
        /// It was pending already: a standard signal is not queued, so nothing changed.
        #[serde(default)]
        already_pending: bool,
    },
    /// A pending signal was delivered on the way back to user mode, ending the process.
    SignalDelivered { pid: Pid, signo: i32 },
    /// A pending signal was discarded: ignored by the process or by default.
    SignalIgnored { pid: Pid, signo: i32 },
    /// A caught signal diverted the process into its handler, with a signal frame pushed
    /// on its stack from `frame` up to `frame + SIGNAL_FRAME_BYTES`.
    HandlerEntered {
        pid: Pid,
        signo: i32,
        handler: u64,
        resume: u64,
        frame: u64,
    },
    /// A handler returned through sigreturn; the process resumes where it was.
    HandlerReturned { pid: Pid, resume: u64 },
    /// ZOMBIE → TERMINATED; `by` collected the status word (the kernel itself when `auto`).
    Reap {
        pid: Pid,
        by: Pid,
        auto: bool,
        status: i32,
    },
    /// The run is over.
    Halted(Halt),
}

impl Event {
    /// The lifecycle transition this event performs, if any.
    pub fn transition(&self) -> Option<(Pid, Transition)> {
        match *self {
            Event::Admit { pid } => Some((pid, Transition::Admit)),
            Event::Dispatch { pid, .. } => Some((pid, Transition::Dispatch)),
            Event::Block { pid, .. } => Some((pid, Transition::Block)),
            Event::Wake { pid } => Some((pid, Transition::Wake)),
            Event::Preempt { pid, .. } => Some((pid, Transition::Preempt)),
            Event::Exit { pid, .. } => Some((pid, Transition::Exit)),
            Event::Reap { pid, .. } => Some((pid, Transition::Reap)),
            Event::Stopped {
                pid, transition, ..
            } => Some((pid, transition)),
            Event::Continued {
                pid,
                sleeping: true,
            } => Some((pid, Transition::ContinueWaiting)),
            Event::Continued { pid, .. } => Some((pid, Transition::Continue)),
            _ => None,
        }
    }

    /// True for one of the machine's own instructions, which runs with no kernel involved.
    pub fn is_machine_code(&self) -> bool {
        matches!(self, Event::Execute { op, .. } if op.is_machine_code())
    }

    /// The kind of moment the event is, if it is one a lesson looks for.
    pub fn moment(&self) -> Option<Moment> {
        match self {
            Event::Fork { .. } | Event::ForkFailed { .. } => Some(Moment::Fork),
            Event::Exec { .. } | Event::ExecFailed { .. } => Some(Moment::Exec),
            Event::Exit { .. } => Some(Moment::Exit),
            Event::Reap { .. } | Event::WaitFailed { .. } | Event::JobChangeReported { .. } => {
                Some(Moment::Wait)
            }
            Event::SignalSent { .. }
            | Event::SignalDelivered { .. }
            | Event::SignalIgnored { .. }
            | Event::HandlerEntered { .. }
            | Event::HandlerReturned { .. }
            | Event::SigChld { .. }
            | Event::Stopped { .. }
            | Event::Continued { .. }
            | Event::GroupOrphaned { .. } => Some(Moment::Signal),
            Event::PageFault { .. } | Event::DivideError { .. } | Event::OutOfMemory { .. } => {
                Some(Moment::Fault)
            }
            Event::PipeCreated { .. }
            | Event::PipeWrite { .. }
            | Event::PipeRead { .. }
            | Event::PipeEndClosed { .. }
            | Event::Dup { .. }
            | Event::FifoMade { .. }
            | Event::FifoWaits { .. }
            | Event::SocketPairMade { .. }
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
            | Event::SemSetRemoved { .. }
            | Event::Mmap { shared: true, .. } => Some(Moment::Ipc),
            Event::LoadContext { .. } => Some(Moment::Switch),
            _ => None,
        }
    }

    /// The process the event is about, if one.
    pub fn pid(&self) -> Option<Pid> {
        match *self {
            Event::Admit { pid }
            | Event::Dispatch { pid, .. }
            | Event::SaveContext { pid, .. }
            | Event::LoadContext { pid, .. }
            | Event::Execute { pid, .. }
            | Event::IoStart { pid, .. }
            | Event::Block { pid, .. }
            | Event::IoComplete { pid, .. }
            | Event::Wake { pid }
            | Event::Preempt { pid, .. }
            | Event::QuantumRenewed { pid, .. }
            | Event::Exit { pid, .. }
            | Event::Reap { pid, .. }
            | Event::ForkFailed { pid, .. }
            | Event::Exec { pid, .. }
            | Event::ExecFailed { pid, .. }
            | Event::ImageReleased { pid, .. }
            | Event::PageFault { pid, .. }
            | Event::OutOfMemory { pid }
            | Event::NotSimulated { pid, .. }
            | Event::Brk { pid, .. }
            | Event::Mmap { pid, .. }
            | Event::Unmapped { pid, .. }
            | Event::AtexitHandler { pid, .. }
            | Event::Reparent { pid, .. }
            | Event::WaitFailed { pid, .. }
            | Event::Write { pid, .. }
            | Event::DivideError { pid }
            | Event::TimerExpired { pid }
            | Event::PipeCreated { pid, .. }
            | Event::PipeWrite { pid, .. }
            | Event::PipeRead { pid, .. }
            | Event::Dup { pid, .. }
            | Event::Opened { pid, .. }
            | Event::FifoWaits { pid, .. }
            | Event::FifoMade { pid, .. }
            | Event::Unlinked { pid, .. }
            | Event::DirectoryMade { pid, .. }
            | Event::DirectoryRemoved { pid, .. }
            | Event::Renamed { pid, .. }
            | Event::FileIo { pid, .. }
            | Event::MsgQueueMade { pid, .. }
            | Event::SocketPairMade { pid, .. }
            | Event::Stopped { pid, .. }
            | Event::SessionCreated { pid }
            | Event::JobChangeReported { pid, .. }
            | Event::Continued { pid, .. }
            | Event::MsgSent { pid, .. }
            | Event::MsgReceived { pid, .. }
            | Event::MsgQueueRemoved { pid, .. }
            | Event::ShmMade { pid, .. }
            | Event::ShmAttached { pid, .. }
            | Event::ShmDetached { pid, .. }
            | Event::ShmRemoved { pid, .. }
            | Event::SemaphoreTaken { pid, .. }
            | Event::SemaphorePosted { pid, .. }
            | Event::SemSetMade { pid, .. }
            | Event::SemOpDone { pid, .. }
            | Event::SemValuesSet { pid, .. }
            | Event::SemUndone { pid, .. }
            | Event::SemSetRemoved { pid, .. }
            | Event::SignalSent { pid, .. }
            | Event::SignalDelivered { pid, .. }
            | Event::SignalIgnored { pid, .. }
            | Event::HandlerEntered { pid, .. }
            | Event::HandlerReturned { pid, .. } => Some(pid),
            Event::TerminalFull { .. }
            | Event::PipeEndClosed { .. }
            | Event::IdleUntil { .. }
            | Event::GroupOrphaned { .. }
            | Event::Deadlocked { .. } => None,
            Event::Fork { parent, .. } | Event::SigChld { parent, .. } => Some(parent),
            Event::Idle { held_for, .. } => held_for,
            Event::Halted(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_preemption_narration_names_the_process_and_the_quantum() {
        let e = Event::Preempt {
            cpu: 0,
            pid: 2,
            reason: PreemptReason::Quantum(3),
        };
        assert_eq!(
            e.narrate(),
            "Timer interrupt: P2 used its 3-tick quantum; the kernel puts it at the back of \
             the ready queue (RUNNING → READY)."
        );
        assert_eq!(e.transition(), Some((2, Transition::Preempt)));
    }

    #[test]
    fn register_moves_are_not_state_transitions() {
        let e = Event::LoadContext {
            cpu: 0,
            pid: 3,
            context: Box::new(CpuContext::at_entry(0x400000, 0x7000)),
        };
        assert_eq!(e.transition(), None);
        assert_eq!(e.pid(), Some(3));
        assert!(e.narrate().contains("0x400000"));
    }
}
