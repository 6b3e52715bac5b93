//! The process: its identity, its five-state lifecycle (plus zombies) and its PCB.

use serde::{Deserialize, Serialize};

use std::rc::Rc;

use super::accounting::ProcessAccounting;
use super::address_space::AddressSpace;
use super::cpu_context::CpuContext;
use super::program::Program;
use super::wait_status::Termination;
use crate::abi::signal::SigAction;

/// A process ID, as `getpid()` returns it. PID 1 is `init`.
pub type Pid = u32;

/// Where a process is in its life. The five classic states, plus `Zombie`: terminated but
/// still holding its exit status until its parent waits for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ProcState {
    /// Being created: the PCB is filled in but the process may not run yet.
    New,
    /// Runnable, waiting in the ready queue for a CPU.
    Ready,
    /// Executing on a CPU.
    Running,
    /// Blocked until an event (I/O completion, a child's exit, a timer) happens.
    Waiting,
    /// Stopped by SIGSTOP (or SIGTSTP, SIGTTIN, SIGTTOU) until SIGCONT.
    Stopped,
    /// Terminated; its exit status waits for the parent's `wait()`.
    Zombie,
    /// Terminated and reaped: nothing of it is left but this record.
    Terminated,
}

impl ProcState {
    /// Every state, in the order of a process's life (the diagram's and a menu's order).
    pub const ALL: [ProcState; 7] = [
        ProcState::New,
        ProcState::Ready,
        ProcState::Running,
        ProcState::Waiting,
        ProcState::Stopped,
        ProcState::Zombie,
        ProcState::Terminated,
    ];

    /// The name a textbook diagram uses for the state.
    pub fn label(self) -> &'static str {
        match self {
            ProcState::New => "NEW",
            ProcState::Ready => "READY",
            ProcState::Running => "RUNNING",
            ProcState::Waiting => "WAITING",
            ProcState::Stopped => "STOPPED",
            ProcState::Zombie => "ZOMBIE",
            ProcState::Terminated => "TERMINATED",
        }
    }

    /// True while the process still exists in the kernel's eyes and is not finished.
    pub fn is_alive(self) -> bool {
        !matches!(self, ProcState::Zombie | ProcState::Terminated)
    }
}

/// The only state changes the kernel can make. Each has exactly one source and one target
/// state, so an illegal transition cannot be expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Transition {
    /// NEW → READY: creation is complete.
    Admit,
    /// READY → RUNNING: the scheduler gives it a CPU.
    Dispatch,
    /// RUNNING → READY: a timer interrupt or a more urgent process takes the CPU away.
    Preempt,
    /// RUNNING → WAITING: it asked for something that is not ready yet (I/O, a child, time).
    Block,
    /// WAITING → READY: the event it waited for happened.
    Wake,
    /// RUNNING → ZOMBIE: it called exit() or was killed.
    Exit,
    /// ZOMBIE → TERMINATED: its parent (or the kernel) collected the exit status.
    Reap,
    /// RUNNING → STOPPED: a stop signal was delivered as it returned to user mode.
    Stop,
    /// READY → STOPPED: a stop signal arrived while it waited for a CPU.
    StopReady,
    /// WAITING → STOPPED: a stop signal arrived while it slept; what it waits for is kept.
    StopWaiting,
    /// STOPPED → READY: SIGCONT arrived.
    Continue,
    /// STOPPED → WAITING: SIGCONT arrived, and what it slept on has not happened yet.
    ContinueWaiting,
}

impl Transition {
    /// The state this transition leaves from and the state it arrives at.
    pub fn endpoints(self) -> (ProcState, ProcState) {
        use ProcState::*;
        match self {
            Transition::Admit => (New, Ready),
            Transition::Dispatch => (Ready, Running),
            Transition::Preempt => (Running, Ready),
            Transition::Block => (Running, Waiting),
            Transition::Wake => (Waiting, Ready),
            Transition::Exit => (Running, Zombie),
            Transition::Reap => (Zombie, Terminated),
            Transition::Stop => (Running, Stopped),
            Transition::StopReady => (Ready, Stopped),
            Transition::StopWaiting => (Waiting, Stopped),
            Transition::Continue => (Stopped, Ready),
            Transition::ContinueWaiting => (Stopped, Waiting),
        }
    }

    /// The word a state diagram writes on this arrow.
    pub fn label(self) -> &'static str {
        match self {
            Transition::Admit => "admitted",
            Transition::Dispatch => "scheduler dispatch",
            Transition::Preempt => "preempted",
            Transition::Block => "I/O or event wait",
            Transition::Wake => "event completion",
            Transition::Exit => "exit",
            Transition::Reap => "reaped",
            Transition::Stop | Transition::StopReady | Transition::StopWaiting => "SIGSTOP",
            Transition::Continue | Transition::ContinueWaiting => "SIGCONT",
        }
    }
}

/// What a WAITING process is waiting for: the queue it sleeps on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum WaitChannel {
    /// An I/O request on the device with this index in the kernel's device table.
    Device(usize),
    /// A child to exit, inside `waitpid()`: -1 for any child, else that PID.
    Child(i32),
    /// The clock to reach this tick, inside `sleep()`.
    Timer(u64),
    /// Data to read from the pipe with this index, inside `read()`.
    PipeRead(usize),
    /// Room in the pipe with this index, inside `write()`.
    PipeWrite(usize),
    /// Any signal, inside `pause()`.
    Signal,
    /// The other end of the FIFO with this inode to be opened, inside `open()`.
    FifoOpen(usize),
    /// Room in the message queue with this id, inside `msgsnd()`.
    MsgSend(usize),
    /// A message of the wanted type in the queue with this id, inside `msgrcv()`.
    MsgRecv(usize),
    /// A sem_post() on the semaphore at this physical address, inside `sem_wait()`.
    Semaphore(u64),
    /// A change of the System V semaphore set with this id, inside `semop()`.
    SemSet(usize),
}

impl WaitChannel {
    /// What the process waits for, in a few words ("data in pipe 0").
    pub fn describe(&self) -> String {
        match self {
            WaitChannel::Device(d) => format!("I/O on device {d}"),
            WaitChannel::Child(-1) => "any child to exit".to_owned(),
            WaitChannel::Child(0) => "a child in its process group to exit".to_owned(),
            WaitChannel::Child(g) if *g < 0 => format!("a child in process group {} to exit", -g),
            WaitChannel::Child(c) => format!("P{c} to exit"),
            WaitChannel::Timer(t) => format!("tick {t}"),
            WaitChannel::PipeRead(p) => format!("data in pipe {p}"),
            WaitChannel::PipeWrite(p) => format!("room in pipe {p}"),
            WaitChannel::Signal => "a signal".to_owned(),
            WaitChannel::FifoOpen(_) => "the FIFO's other end to open".to_owned(),
            WaitChannel::MsgSend(q) => format!("room in message queue {q}"),
            WaitChannel::MsgRecv(q) => format!("a message in queue {q}"),
            WaitChannel::Semaphore(at) => format!("a sem_post on the semaphore at {at:#x}"),
            WaitChannel::SemSet(s) => format!("a change of semaphore set {s}"),
        }
    }
}

/// The scheduling part of the PCB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SchedInfo {
    /// Lower is more urgent, as with Linux nice values.
    pub priority: i32,
    /// Ticks left of the current round-robin quantum.
    pub quantum_left: u32,
    /// Position in the ready queue (0 = next in line), when READY.
    pub queue_position: Option<usize>,
    /// The CPU it runs on, when RUNNING.
    pub cpu: Option<usize>,
}

/// What a process holds in its descriptor table slot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileDescriptor {
    /// The descriptor number, as `open()` returns it.
    pub fd: i32,
    /// The open file description it refers to, by index in the kernel's table.
    pub open_file: usize,
    /// Closed automatically by exec when set (O_CLOEXEC).
    pub close_on_exec: bool,
}

/// The I/O and file-system part of the PCB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    /// Open file descriptors, by number.
    pub fds: Vec<FileDescriptor>,
    /// Current working directory.
    pub cwd: String,
    /// Root directory (changed by chroot).
    pub root: String,
    /// The permission bits a file or FIFO it creates does not get (umask).
    #[serde(default = "default_umask")]
    pub umask: u32,
}

/// A new process's umask: 022, a login shell's usual one.
fn default_umask() -> u32 {
    crate::abi::flags::DEFAULT_UMASK
}

impl FileInfo {
    /// stdin, stdout and stderr open on the terminal (the open file description with
    /// index `terminal`), in the home directory.
    pub fn terminal(terminal: usize) -> Self {
        let tty = |fd| FileDescriptor {
            fd,
            open_file: terminal,
            close_on_exec: false,
        };
        FileInfo {
            fds: vec![tty(0), tty(1), tty(2)],
            cwd: super::file_system::HOME.to_owned(),
            root: "/".to_owned(),
            umask: default_umask(),
        }
    }
}

/// One resource limit: the soft limit the kernel enforces and the hard limit an
/// unprivileged process may raise it to ([`RLIM_INFINITY`](crate::abi::flags::RLIM_INFINITY)
/// for none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rlimit {
    /// `rlim_cur`.
    pub soft: u64,
    /// `rlim_max`.
    pub hard: u64,
}

/// The resource limits ProcLab enforces (the others getrlimit and setrlimit refuse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Limits {
    /// RLIMIT_STACK: how far the stack may grow, in bytes.
    pub stack: Rlimit,
    /// RLIMIT_NPROC: how many processes its user may have (zombies included).
    pub nproc: Rlimit,
}

impl Default for Limits {
    /// Linux's defaults: an 8 MiB stack, unlimited hard; no process limit beyond the
    /// machine's process table.
    fn default() -> Self {
        let unlimited = crate::abi::flags::RLIM_INFINITY;
        Limits {
            stack: Rlimit {
                soft: crate::abi::layout::STACK_LIMIT,
                hard: unlimited,
            },
            nproc: Rlimit {
                soft: unlimited,
                hard: unlimited,
            },
        }
    }
}

/// The inter-process-communication part of the PCB.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcInfo {
    /// Blocked signals, bit `n - 1` for signal `n`.
    pub signal_mask: u64,
    /// Signals sent but not yet delivered, bit `n - 1` for signal `n`.
    pub pending_signals: u64,
    /// While sigsuspend() waits with a temporary mask: the mask to restore once a handler
    /// has run.
    pub saved_mask: Option<u64>,
    /// Each signal's disposition, by number (missing entries are the default).
    pub actions: Vec<SigAction>,
    /// The tick at which alarm() delivers SIGALRM.
    pub alarm_at: Option<u64>,
}

impl IpcInfo {
    /// The pending signals the mask lets through (SIGKILL cannot be blocked), bit `n - 1`
    /// for signal `n`.
    pub fn deliverable_signals(&self) -> u64 {
        self.pending_signals
            & !(self.signal_mask & !crate::abi::signal::bit(crate::abi::signal::SIGKILL))
    }
}

/// The Process Control Block: everything the kernel records about one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pcb {
    /// Process ID.
    pub pid: Pid,
    /// Parent's process ID.
    pub ppid: Pid,
    /// Owner's user ID.
    pub uid: u32,
    /// Owner's group ID.
    pub gid: u32,
    /// Process group ID.
    pub pgid: Pid,
    /// Session ID: its session leader's PID (every process starts in init's session, 1,
    /// until setsid makes a new one).
    pub sid: Pid,
    /// The program's name, as `ps` shows it.
    pub name: String,
    /// Lifecycle state; changed only through [`Pcb::apply`].
    state: ProcState,
    /// What it sleeps on while WAITING.
    pub waiting_on: Option<WaitChannel>,
    /// Scheduling data.
    pub sched: SchedInfo,
    /// The registers saved at the last context switch; loaded back to resume it.
    pub context: CpuContext,
    /// Memory management: the address space and its page table.
    pub memory: AddressSpace,
    /// Open files and directories.
    pub files: FileInfo,
    /// Its resource limits (getrlimit/setrlimit), kept across fork and exec.
    #[serde(default)]
    pub limits: Limits,
    /// CPU time and other counters.
    pub accounting: ProcessAccounting,
    /// Signals: mask, pending set, dispositions and alarm.
    pub ipc: IpcInfo,
    /// Bytes of a write() to a full pipe not yet in it, while the process sleeps in write().
    pub pending_write: Option<(usize, Vec<u8>)>,
    /// The pc of a call that slept before it could finish (wait, read, msgrcv, …): woken,
    /// the process carries it on there.
    #[serde(default)]
    pub resume_at: Option<u64>,
    /// Its children, oldest first (Linux's `children` list).
    pub children: Vec<Pid>,
    /// CPU ticks of its children it has reaped, and of theirs (times()'s `tms_cutime`).
    #[serde(default)]
    pub children_cpu_ticks: u64,
    /// What exit undoes of its SEM_UNDO semaphore operations: (set, semaphore, amount).
    #[serde(default)]
    pub sem_undo: Vec<(usize, usize, i32)>,
    /// While it sleeps in semop(): the set and semaphore it waits on, and whether it waits
    /// for zero (GETZCNT) rather than for the value to grow (GETNCNT).
    #[serde(default)]
    pub sem_wait: Option<(usize, usize, bool)>,
    /// True once it was orphaned and re-parented.
    pub adopted: bool,
    /// How it ended, once it has.
    pub termination: Option<Termination>,
    /// The signal that stopped it, until a waitpid(WUNTRACED) of its parent reports it.
    pub stop_report: Option<i32>,
    /// Continued by SIGCONT, until a waitpid(WCONTINUED) of its parent reports it.
    pub continue_report: bool,
    /// The code it runs.
    pub program: Rc<Program>,
}

impl Pcb {
    /// A fresh PCB in the NEW state, about to run `program` in `memory` from its first
    /// instruction.
    pub fn new(
        pid: Pid,
        ppid: Pid,
        name: &str,
        program: Rc<Program>,
        priority: i32,
        now: u64,
        memory: AddressSpace,
    ) -> Self {
        Pcb {
            pid,
            ppid,
            uid: 1000,
            gid: 1000,
            pgid: pid,
            sid: 1,
            name: name.to_owned(),
            state: ProcState::New,
            waiting_on: None,
            sched: SchedInfo {
                priority,
                quantum_left: 0,
                queue_position: None,
                cpu: None,
            },
            context: CpuContext::at_entry(memory.vmas.first().map_or(0, |v| v.start), 0),
            memory,
            files: FileInfo::terminal(0),
            limits: Limits::default(),
            accounting: ProcessAccounting::created_at(now),
            ipc: IpcInfo::default(),
            pending_write: None,
            resume_at: None,
            children_cpu_ticks: 0,
            sem_undo: Vec::new(),
            sem_wait: None,
            children: Vec::new(),
            adopted: false,
            termination: None,
            stop_report: None,
            continue_report: false,
            program,
        }
    }

    /// The current lifecycle state.
    pub fn state(&self) -> ProcState {
        self.state
    }

    /// Moves the process along one legal transition.
    ///
    /// # Panics
    /// If the process is not in the transition's source state: that is a kernel bug, and the
    /// tests exist to find it.
    pub fn apply(&mut self, transition: Transition) {
        let (from, to) = transition.endpoints();
        assert_eq!(
            self.state, from,
            "illegal {transition:?} of P{} from {:?}",
            self.pid, self.state
        );
        self.state = to;
    }

    /// Puts a process straight into WAITING at boot (init already sleeping in wait()).
    pub(super) fn boot_waiting(&mut self, channel: WaitChannel) {
        self.state = ProcState::Waiting;
        self.waiting_on = Some(channel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pcb() -> Pcb {
        let program = Rc::new(Program::default());
        let memory = AddressSpace::for_program(&program, 4096);
        Pcb::new(2, 1, "p", program, 0, 0, memory)
    }

    #[test]
    fn a_new_process_starts_in_new_with_the_terminal_on_fds_0_1_2() {
        let p = pcb();
        assert_eq!(p.state(), ProcState::New);
        let fds: Vec<i32> = p.files.fds.iter().map(|f| f.fd).collect();
        assert_eq!(fds, [0, 1, 2]);
    }

    #[test]
    fn the_full_lifecycle_follows_legal_transitions() {
        let mut p = pcb();
        for t in [
            Transition::Admit,
            Transition::Dispatch,
            Transition::Block,
            Transition::Wake,
            Transition::Dispatch,
            Transition::Preempt,
            Transition::Dispatch,
            Transition::Exit,
            Transition::Reap,
        ] {
            p.apply(t);
            assert_eq!(p.state(), t.endpoints().1);
        }
    }

    #[test]
    #[should_panic(expected = "illegal Dispatch")]
    fn dispatching_a_new_process_is_illegal() {
        pcb().apply(Transition::Dispatch);
    }

    #[test]
    #[should_panic(expected = "illegal Block")]
    fn a_ready_process_cannot_block() {
        let mut p = pcb();
        p.apply(Transition::Admit);
        p.apply(Transition::Block);
    }

    #[test]
    fn zombies_and_terminated_processes_are_not_alive() {
        assert!(ProcState::Waiting.is_alive());
        assert!(!ProcState::Zombie.is_alive());
        assert!(!ProcState::Terminated.is_alive());
    }
}
