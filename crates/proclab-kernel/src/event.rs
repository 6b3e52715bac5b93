//! What happens in a step, as data, and the sentence a teacher reads aloud for each event.

use serde::{Deserialize, Serialize};

use super::address_space::SegmentKind;
use super::cpu_context::CpuContext;
use super::process::{Pid, Transition, WaitChannel};
use super::program::Op;
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
    /// compiled program).
    Execute {
        cpu: usize,
        pid: Pid,
        pc: u64,
        op: Op,
        line: Option<u32>,
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
    /// Every process slept, so the clock jumped ahead to the next timer.
    IdleUntil { from: u64, to: u64 },
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
    SignalSent { pid: Pid, signo: i32 },
    /// A pending signal was delivered on the way back to user mode, ending the process.
    SignalDelivered { pid: Pid, signo: i32 },
    /// A pending signal was discarded: ignored by the process or by default.
    SignalIgnored { pid: Pid, signo: i32 },
    /// A caught signal diverted the process into its handler.
    HandlerEntered {
        pid: Pid,
        signo: i32,
        handler: u64,
        resume: u64,
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
            | Event::Brk { pid, .. }
            | Event::Mmap { pid, .. }
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
            | Event::FileIo { pid, .. }
            | Event::MsgQueueMade { pid, .. }
            | Event::SocketPairMade { pid, .. }
            | Event::Stopped { pid, .. }
            | Event::JobChangeReported { pid, .. }
            | Event::Continued { pid, .. }
            | Event::MsgSent { pid, .. }
            | Event::MsgReceived { pid, .. }
            | Event::MsgQueueRemoved { pid, .. }
            | Event::SignalSent { pid, .. }
            | Event::SignalDelivered { pid, .. }
            | Event::SignalIgnored { pid, .. }
            | Event::HandlerEntered { pid, .. }
            | Event::HandlerReturned { pid, .. } => Some(pid),
            Event::TerminalFull { .. }
            | Event::PipeEndClosed { .. }
            | Event::IdleUntil { .. }
            | Event::Deadlocked { .. } => None,
            Event::Fork { parent, .. } | Event::SigChld { parent, .. } => Some(parent),
            Event::Idle { held_for, .. } => held_for,
            Event::Halted(_) => None,
        }
    }

    /// A short, exact, plain-English sentence describing the event.
    pub fn narrate(&self) -> String {
        match self {
            Event::Admit { pid } => format!(
                "P{pid} is admitted: its PCB is complete, so the kernel puts it on the ready \
                 queue (NEW → READY)."
            ),
            Event::Dispatch { cpu, pid } => {
                format!("The scheduler dispatches P{pid} on CPU {cpu} (READY → RUNNING).")
            }
            Event::SaveContext { pid, context, .. } => format!(
                "Context switch: the kernel saves P{pid}'s registers (pc {:#x}, sp {:#x}) \
                 into its PCB.",
                context.pc, context.sp
            ),
            Event::LoadContext { pid, context, .. } => format!(
                "The kernel loads P{pid}'s saved registers from its PCB; it resumes at pc \
                 {:#x}.",
                context.pc
            ),
            Event::Execute { pid, pc, op, .. } => match op {
                Op::Cpu => format!("P{pid} computes for one tick (instruction at {pc:#x})."),
                Op::Io => format!(
                    "P{pid} makes a system call to read from the disk: the CPU traps into \
                     kernel mode."
                ),
                Op::IoDone => {
                    format!("P{pid} finishes its read: the system call returns to user mode.")
                }
                Op::Fork => format!("P{pid} calls fork()."),
                Op::Exec(path) => format!("P{pid} calls execve(\"{path}\")."),
                Op::Exit(code) => format!("P{pid} calls exit({code})."),
                Op::Wait(-1) => format!("P{pid} calls wait() for any child."),
                Op::Wait(target) => format!("P{pid} calls waitpid({target})."),
                Op::WaitNoHang(target) => {
                    format!("P{pid} calls waitpid({target}, WNOHANG), which never blocks.")
                }
                Op::Poke { addr, value } => {
                    format!("P{pid} stores {value} at virtual address {addr:#x}.")
                }
                Op::PokeRax(addr) => {
                    format!("P{pid} stores fork's return value at virtual address {addr:#x}.")
                }
                Op::Peek(addr) => format!("P{pid} loads the byte at virtual address {addr:#x}."),
                Op::Sbrk(delta) => format!("P{pid} calls sbrk({delta}) to move its heap's end."),
                vm => format!("P{pid} {} (instruction at {pc:#x}).", vm.describe()),
            },
            Event::Idle { held_for: None, .. } => {
                "The CPU is idle: no process is ready to run.".to_owned()
            }
            Event::Idle {
                held_for: Some(pid),
                ..
            } => format!(
                "The CPU stays idle: the kernel switches only when a process ends, and P{pid} \
                 is waiting for its I/O."
            ),
            Event::IoStart {
                pid,
                device,
                done_at,
            } => format!(
                "The kernel sends P{pid}'s request to the {device}; it will finish at tick \
                 {done_at}."
            ),
            Event::Block { pid, channel } => match channel {
                WaitChannel::Device(_) => format!(
                    "P{pid} blocks until its I/O completes (RUNNING → WAITING) and joins the \
                     device's wait queue."
                ),
                WaitChannel::Child(-1) => {
                    format!("P{pid} blocks in wait() until a child exits (RUNNING → WAITING).")
                }
                WaitChannel::PipeRead(p) => format!(
                    "P{pid} blocks in read(): pipe {p} is empty but still has a writer \
                     (RUNNING → WAITING)."
                ),
                WaitChannel::PipeWrite(p) => format!(
                    "P{pid} blocks in write(): pipe {p} is full; it sleeps until a reader makes \
                     room (RUNNING → WAITING)."
                ),
                WaitChannel::Signal => {
                    format!("P{pid} pauses until a signal arrives (RUNNING → WAITING).")
                }
                WaitChannel::FifoOpen(_) => format!(
                    "P{pid} blocks in open() until another process opens the FIFO's other end \
                     (RUNNING → WAITING)."
                ),
                WaitChannel::MsgSend(q) => format!(
                    "P{pid} blocks in msgsnd(): message queue {q} is full (RUNNING → WAITING)."
                ),
                WaitChannel::MsgRecv(q) => format!(
                    "P{pid} blocks in msgrcv(): queue {q} has no message of the type it wants \
                     (RUNNING → WAITING)."
                ),
                WaitChannel::Timer(until) => format!(
                    "P{pid} sleeps until tick {until} (RUNNING → WAITING): the CPU is free for \
                     others."
                ),
                WaitChannel::Child(child) => {
                    format!("P{pid} blocks in waitpid() until P{child} exits (RUNNING → WAITING).")
                }
            },
            Event::IoComplete { pid, device } => {
                format!("Interrupt: the {device} finished P{pid}'s request.")
            }
            Event::Wake { pid } => {
                format!("P{pid} is woken: the event it waited for happened (WAITING → READY).")
            }
            Event::Preempt { pid, reason, .. } => match reason {
                PreemptReason::Quantum(q) => format!(
                    "Timer interrupt: P{pid} used its {q}-tick quantum; the kernel puts it at \
                     the back of the ready queue (RUNNING → READY)."
                ),
                PreemptReason::IoCompletion(other) => format!(
                    "P{other}'s I/O finished and it runs immediately, so P{pid} is preempted \
                     (RUNNING → READY)."
                ),
                PreemptReason::Directed(other) => format!(
                    "The scenario's script runs P{other} next, so P{pid} is preempted \
                     (RUNNING → READY)."
                ),
                PreemptReason::HigherPriority(other) => format!(
                    "P{other} has a more urgent priority, so it preempts P{pid} (RUNNING → \
                     READY)."
                ),
            },
            Event::QuantumRenewed { pid, quantum } => format!(
                "Timer interrupt: P{pid} used its quantum, but no other process is ready, so \
                 it keeps the CPU for another {quantum} ticks."
            ),
            Event::Exit { pid, how } => format!(
                "P{pid} {}: it releases its memory and becomes a zombie that keeps only its \
                 exit status for its parent (RUNNING → ZOMBIE).",
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
                "fork: the kernel copies P{parent}'s PCB and page table into the new P{child}. \
                 No memory is copied: their {} pages now share frames copy-on-write, each \
                 frame's refcount up by one. fork returns {child} in P{parent} and 0 in P{child}.",
                shared.len()
            ),
            Event::ForkFailed { pid, errno } => format!(
                "fork fails in P{pid} with {} ({}): fork returns -1.",
                errno.name(),
                match errno {
                    Errno::EAGAIN => "the process limit is reached",
                    Errno::ENOMEM => "no free frame for the child's page table",
                    _ => errno.message(),
                }
            ),
            Event::Exec { pid, path } => format!(
                "execve: the kernel replaces P{pid}'s image with {path}: new text, data, heap \
                 and stack; the PID, parent and open files stay."
            ),
            Event::ExecFailed { pid, path, errno } => format!(
                "execve(\"{path}\") fails in P{pid} with {} ({}): it returns -1 and P{pid} \
                 keeps running its old program.",
                errno.name(),
                errno.message()
            ),
            Event::ImageReleased {
                pid,
                freed,
                still_shared,
            } => {
                let mut s = format!("P{pid}'s old address space is released: ");
                s.push_str(&match freed.len() {
                    0 => "no frame is freed".to_owned(),
                    1 => format!("frame {} is freed", freed[0]),
                    _ => format!("frames {} are freed", list(freed)),
                });
                if !still_shared.is_empty() {
                    let shared: Vec<usize> = still_shared.iter().map(|(f, _)| *f).collect();
                    s.push_str(&format!(
                        "; frames {} stay, still mapped by another process (refcount down by \
                         one)",
                        list(&shared)
                    ));
                }
                s.push('.');
                s
            }
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
                    }
                ),
            },
            Event::OutOfMemory { pid } => format!(
                "Out of memory: no free frame is left for P{pid}'s page fault, so the kernel's \
                 OOM killer kills P{pid} with SIGKILL."
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
                } else {
                    "MAP_PRIVATE, so P{pid} gets its own copy of the file's bytes; its stores \
                     never reach the file."
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
                 copy-on-write.",
                list(frames)
            ),
            Event::Mmap {
                pid, start, len, ..
            } => format!(
                "mmap: P{pid} gets a private region of {len} bytes at {start:#x}; its pages \
                 arrive zeroed on first touch and are copied on write after fork."
            ),
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
                    "; P{parent} has a handler, so the signal becomes pending."
                } else {
                    ". Its default action is to ignore it, so it is discarded;"
                }
            ),
            Event::Write { pid, fd, text } => format!(
                "P{pid} calls write() on fd {fd} ({}): {} reach the terminal: {text:?}",
                if *fd == 2 { "stderr" } else { "stdout" },
                plural(text.len(), "byte")
            ),
            Event::TerminalFull { limit } => format!(
                "The terminal has shown {limit} bytes, its limit; later output is not kept."
            ),
            Event::DivideError { pid } => format!(
                "P{pid} divided by zero: the CPU raises a divide error and the kernel sends \
                 P{pid} SIGFPE (signal 8)."
            ),
            Event::TimerExpired { pid } => format!("P{pid}'s sleep is over: its timer expired."),
            Event::AtexitHandler { pid, handler } => format!(
                "exit() in P{pid} first calls the handler registered with atexit() at \
                 {handler:#x}."
            ),
            Event::Deadlocked { waits } => format!(
                "Deadlock: {}. Each waits for something only a waiting process could do.",
                waits
                    .iter()
                    .map(|(pid, why)| format!("P{pid} {why}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            Event::IdleUntil { from, to } => format!(
                "Every process is asleep: the CPU idles from tick {from} to tick {to} (a tick \
                 is a millisecond), when the next timer expires."
            ),
            Event::PipeCreated {
                pid,
                pipe,
                read_fd,
                write_fd,
            } => format!(
                "pipe(): the kernel makes pipe {pipe}, an empty buffer in kernel memory; P{pid} \
                 reads it through fd {read_fd} and writes it through fd {write_fd}."
            ),
            Event::PipeWrite { pid, pipe, bytes } => format!(
                "{} from P{pid} go into pipe {pipe}'s buffer.",
                plural(*bytes, "byte")
            ),
            Event::PipeRead { pid, pipe, bytes } => format!(
                "P{pid} reads {} out of pipe {pipe}'s buffer.",
                plural(*bytes, "byte")
            ),
            Event::PipeEndClosed {
                pipe,
                write_end: true,
            } => format!(
                "The last descriptor of pipe {pipe}'s write end is closed: once its buffer is \
                 empty, reading it returns 0, end of file."
            ),
            Event::PipeEndClosed { pipe, .. } => format!(
                "The last descriptor of pipe {pipe}'s read end is closed: writing to it now \
                 raises SIGPIPE."
            ),
            Event::Dup {
                pid,
                from,
                to,
                file,
            } => format!("P{pid}'s fd {to} now refers to what fd {from} refers to: {file}."),
            Event::Opened {
                pid,
                fd,
                path,
                created,
            } => format!(
                "open(): {}the kernel makes a new open file description for {path} (offset 0) \
                 and gives P{pid} the lowest free descriptor, fd {fd}.",
                if *created {
                    format!("{path} did not exist, so O_CREAT makes it empty; ")
                } else {
                    String::new()
                }
            ),
            Event::FifoWaits {
                pid,
                path,
                for_writer,
            } => format!(
                "P{pid} opened FIFO {path}, which has no {} yet: open() blocks until one opens \
                 it.",
                if *for_writer { "writer" } else { "reader" }
            ),
            Event::JobChangeReported { pid, child, status } => format!(
                "P{pid}'s waitpid() reports that P{child} {} (status word {status:#06x}); \
                 P{child} is not reaped: it is still alive.",
                if *status == 0xffff {
                    "continued".to_owned()
                } else {
                    format!("was stopped by {}", crate::abi::signal::name(status >> 8))
                }
            ),
            Event::Stopped { pid, signo, .. } => format!(
                "{} stops P{pid}: it keeps its memory and open files but gets no CPU until \
                 SIGCONT (→ STOPPED); ps shows it as T.",
                crate::abi::signal::name(*signo)
            ),
            Event::Continued { pid, sleeping } => format!(
                "SIGCONT continues P{pid} (STOPPED → {}).",
                if *sleeping {
                    "WAITING: what it was waiting for has not happened yet"
                } else {
                    "READY"
                }
            ),
            Event::SocketPairMade {
                pid,
                fds: (a, b),
                pipes: (forth, back),
            } => format!(
                "socketpair(): the kernel connects two Unix sockets, fd {a} and fd {b} of P{pid}: \
                 what one writes the other reads, both ways (buffers: pipe {forth} and pipe \
                 {back})."
            ),
            Event::MsgQueueMade { pid, queue, key } => format!(
                "msgget(): P{pid} makes message queue {queue}{}: a list of typed messages \
                 kept in the kernel until someone receives them.",
                if *key == 0 {
                    " (IPC_PRIVATE: only processes that inherit its id can use it)".to_owned()
                } else {
                    format!(" with key {key:#x}")
                }
            ),
            Event::MsgSent {
                pid,
                queue,
                mtype,
                bytes,
            } => format!(
                "msgsnd(): P{pid} puts a {bytes}-byte message of type {mtype} at the back of \
                 queue {queue}; the kernel copies it out of P{pid}'s memory."
            ),
            Event::MsgReceived {
                pid,
                queue,
                mtype,
                bytes,
            } => format!(
                "msgrcv(): P{pid} takes a {bytes}-byte message of type {mtype} out of queue \
                 {queue}; the kernel copies it into P{pid}'s buffer."
            ),
            Event::MsgQueueRemoved { pid, queue } => format!(
                "msgctl(IPC_RMID): P{pid} removes message queue {queue}; its messages are \
                 discarded and anyone waiting on it fails with EIDRM."
            ),
            Event::FifoMade { pid, path } => format!(
                "mkfifo(): P{pid} makes {path}, a named pipe: processes that open it share one \
                 pipe buffer, whether or not they are related."
            ),
            Event::Unlinked { pid, path } => format!(
                "unlink(): P{pid} removes the name {path}; descriptors already open on the file \
                 keep working."
            ),
            Event::FileIo {
                pid,
                path,
                bytes,
                offset,
                write,
            } => format!(
                "P{pid} {} {bytes} bytes {} {path} at offset {offset}; the open file \
                 description's offset moves to {}.",
                if *write { "writes" } else { "reads" },
                if *write { "to" } else { "from" },
                offset + *bytes as u64
            ),
            Event::SignalSent { pid, signo } => format!(
                "The kernel marks {} (signal {signo}) pending for P{pid}.",
                crate::abi::signal::name(*signo)
            ),
            Event::SignalIgnored { pid, signo } => format!(
                "{} is delivered to P{pid}, which ignores it.",
                crate::abi::signal::name(*signo)
            ),
            Event::HandlerEntered {
                pid,
                signo,
                handler,
                resume,
            } => format!(
                "P{pid} catches {}: the kernel saves its registers in a signal frame on P{pid}'s \
                 stack and jumps to the handler at {handler:#x}; it will resume at {resume:#x}.",
                crate::abi::signal::name(*signo)
            ),
            Event::HandlerReturned { pid, resume } => format!(
                "P{pid}'s handler returns into the sigreturn trampoline: the kernel restores the \
                 saved registers and P{pid} resumes at {resume:#x}."
            ),
            Event::SignalDelivered { pid, signo } => format!(
                "P{pid} returns to user mode with {} pending; its default action ends the \
                 process.",
                crate::abi::signal::name(*signo)
            ),
            Event::WaitFailed { pid, errno } => format!(
                "wait fails in P{pid} with {} ({}): it returns -1.",
                errno.name(),
                errno.message()
            ),
            Event::Halted(Halt::AllDone) => {
                "Every process has finished: the run is complete.".to_owned()
            }
            Event::Halted(Halt::Deadlock) => "Every remaining process is waiting and nothing \
                can wake any of them: the run is deadlocked."
                .to_owned(),
            Event::Halted(Halt::ScriptDone) => "Every action of the list has been carried out: \
                 this is the final process tree."
                .to_owned(),
            Event::Halted(Halt::StepLimit(limit)) => format!(
                "The run stopped at the step limit of {limit} steps before every process \
                 finished; raise the limit in the settings to see more."
            ),
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn list(frames: &[usize]) -> String {
    frames
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join(", ")
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
