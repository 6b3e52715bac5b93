//! The kernel: the process table, the CPUs, physical memory, the devices and the clock,
//! advanced one tick at a time. Every change of state happens here and is reported as an
//! [`Event`].
//!
//! A tick has three phases, as on real hardware:
//! 1. interrupts: new processes are admitted, finished I/O wakes its process, and an idle
//!    CPU dispatches;
//! 2. execution: each CPU runs one instruction of its process (a system call, a page fault
//!    and its handling happen inside that instruction);
//! 3. traps: a process that started I/O or must wait blocks, one that exited or ran out of
//!    code leaves the CPU, the timer preempts, and every free CPU dispatches the next process.

use crate::narrow;

mod files;
mod invariants;
mod job_control;
mod libc;
mod lifecycle;
mod memory;
mod messages;
mod procfs;
mod semaphores;
mod shm;
mod signals;
#[cfg(test)]
mod test_support;
mod vfs;
mod vm;

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::abi::errno::Errno;
use super::accounting::SystemAccounting;
use super::address_space::AddressSpace;
use super::cpu_context::{CpuContext, Mode};
use super::device::Device;
use super::event::{Event, Halt, PreemptReason};
use super::file_system::{FileSystem, HOME, NodeKind};
use super::frames::{FrameTable, FrameUse};
use super::message_queue::MessageQueue;
use super::open_file::{FileKind, OpenFile};
use super::pipe::Pipe;
use super::process::{Pcb, Pid, ProcState, Transition, WaitChannel};
use super::program::{INSTRUCTION_SIZE, Op, Program};
use super::scenario::{MAX_CPUS, STDIN_FILE, Scenario, ScenarioError, ScriptedTick, Settings};
use super::scheduler::{IoDone, Policy, ReadyQueue, SwitchOn};
use super::semaphore_set::SemaphoreSet;
use super::shared_memory::Segment;
use super::wait_status::Termination;
use crate::abi::flags::{O_RDONLY, O_RDWR};
use crate::abi::layout::DEFAULT_ENVIRONMENT;

pub use libc::Output;
pub use lifecycle::WaitResult;
pub use memory::Access;

/// How often a debug build checks the memory invariants while it runs: every this many
/// ticks, times one more for each 256 pages mapped.
#[cfg(debug_assertions)]
const DEBUG_CHECK_EVERY: u64 = 16;

/// PID of init, the ancestor of every process.
pub const INIT_PID: Pid = 1;

/// One processor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cpu {
    /// The process executing on it.
    pub running: Option<Pid>,
    /// Under switch-on-end: the blocked process the CPU stays reserved for.
    pub held_for: Option<Pid>,
    /// The process that ran on it most recently.
    pub last_ran: Option<Pid>,
    /// The live register values.
    pub registers: CpuContext,
}

/// What one step did: its events, and where the execution phase starts among them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepRecord {
    /// The tick this step simulated.
    pub tick: u64,
    /// Everything that happened, in order.
    pub events: Vec<Event>,
    /// Index of the first event of the execution phase; events before it are interrupts
    /// that happened at the start of the tick.
    pub execution_starts_at: usize,
}

/// How an instruction left its process.
enum Outcome {
    /// It goes on running.
    Continue,
    /// It started an I/O request and must block.
    StartIo,
    /// It must sleep on this channel. Woken, it goes on from its pc: after the instruction,
    /// or at the instruction itself when a call that could not happen yet moved the pc back
    /// to make it again (a library call's `Done::Retry`, the synthetic `wait`).
    Block(WaitChannel),
    /// It is finished.
    Terminate(Termination),
    /// A stop signal stopped it.
    Stop(i32),
}

/// The whole simulated machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Kernel {
    settings: Settings,
    clock: u64,
    /// Steps taken: the step limit counts these (an idle stretch is one step, however many
    /// ticks it skips).
    steps: u64,
    procs: Vec<Pcb>,
    next_pid: Pid,
    cpus: Vec<Cpu>,
    ready: ReadyQueue,
    devices: Vec<Device>,
    frames: FrameTable,
    executables: Rc<BTreeMap<String, Rc<Program>>>,
    fs: Rc<FileSystem>,
    terminal: Rc<Vec<Output>>,
    open_files: Vec<OpenFile>,
    pipes: Vec<Pipe>,
    msg_queues: Vec<MessageQueue>,
    shm_segments: Vec<Segment>,
    sem_sets: Vec<SemaphoreSet>,
    stats: SystemAccounting,
    halted: Option<Halt>,
    /// A scripted run's ticks (empty for an ordinary run), and how many have been done.
    script: Rc<[ScriptedTick]>,
    script_done: usize,
}

/// [`DEFAULT_ENVIRONMENT`] as exec takes an environment.
fn default_environment() -> Vec<String> {
    DEFAULT_ENVIRONMENT
        .iter()
        .map(|s| (*s).to_owned())
        .collect()
}

impl Kernel {
    /// Boots the machine: init (PID 1) sleeping in wait(), then each scenario process as a
    /// NEW child of init with its program loaded, PIDs from 2 in order.
    pub fn boot(scenario: &Scenario) -> Result<Kernel, ScenarioError> {
        scenario.validate()?;
        let settings = scenario.settings.clone();
        let mut executables: BTreeMap<String, Rc<Program>> = scenario
            .executables
            .iter()
            .map(|e| (e.path.clone(), Rc::new(e.program.clone())))
            .collect();
        let mut fs = FileSystem::new(scenario.executables.iter().map(|e| {
            let source = e
                .program
                .debug
                .as_ref()
                .map_or("", |d| d.main_file().text.as_str());
            (e.path.as_str(), source)
        }));
        // A C program was compiled in the user's home directory: its sources and its
        // executable are there, so they can be listed, read and run again.
        for spec in &scenario.processes {
            if let Some(debug) = &spec.program.debug {
                for f in debug.files.iter().filter(|f| !f.is_library()) {
                    let file = f.name.rsplit('/').next().unwrap_or(&f.name);
                    let text = Rc::new(f.text.clone().into_bytes());
                    let _ = fs.create(&format!("{HOME}/{file}"), NodeKind::Regular(text));
                }
                let source = Rc::new(debug.main_file().text.clone().into_bytes());
                let path = format!("{HOME}/{}", spec.name);
                if fs.create(&path, NodeKind::Program(source)).is_ok() {
                    executables.insert(path, Rc::new(spec.program.clone()));
                }
            }
        }
        let mut kernel = Kernel {
            frames: FrameTable::new(settings.frames, settings.kernel_frames, settings.page_size),
            cpus: (0..settings.cpus)
                .map(|_| Cpu {
                    running: None,
                    held_for: None,
                    last_ran: None,
                    registers: CpuContext::at_entry(0, 0),
                })
                .collect(),
            devices: vec![Device::new("disk", settings.io_latency)],
            stats: SystemAccounting {
                cpu_busy: vec![0; settings.cpus],
                ..Default::default()
            },
            executables: Rc::new(executables),
            fs: Rc::new(fs),
            terminal: Rc::new(Vec::new()),
            open_files: vec![OpenFile {
                refs: 0,
                ..OpenFile::new(FileKind::Terminal, O_RDWR, "/dev/tty")
            }],
            pipes: Vec::new(),
            msg_queues: Vec::new(),
            shm_segments: Vec::new(),
            sem_sets: Vec::new(),
            settings,
            clock: 0,
            steps: 0,
            procs: Vec::new(),
            next_pid: INIT_PID,
            ready: ReadyQueue::default(),
            halted: None,
            script: scenario.script.iter().cloned().collect(),
            script_done: 0,
        };
        let init = kernel.spawn(
            0,
            "init",
            Rc::new(Program::default()),
            0,
            &["init".to_owned()],
        )?;
        kernel.proc_mut(init).boot_waiting(WaitChannel::Child(-1));
        let init = kernel.proc_mut(init);
        init.ipc.actions = vec![Default::default(); 32];
        init.ipc.actions[crate::abi::signal::SIGCHLD as usize].handler =
            crate::abi::signal::SIG_IGN;
        (init.uid, init.gid) = (0, 0);
        for spec in &scenario.processes {
            let program = Rc::new(spec.program.clone());
            // Run from the home directory as a shell runs it: argv[0] is "./NAME".
            let argv: Vec<String> = std::iter::once(format!("./{}", spec.name))
                .chain(spec.args.iter().cloned())
                .collect();
            let pid = kernel.spawn(INIT_PID, &spec.name, program, spec.priority, &argv)?;
            kernel.proc_mut(INIT_PID).children.push(pid);
        }
        if let Some(input) = &scenario.stdin {
            kernel.redirect_stdin(input)?;
        }
        Ok(kernel)
    }

    /// Makes the first user process's fd 0 the file [`STDIN_FILE`] in the home directory,
    /// holding `input`, as a shell does for `./prog < input.txt`.
    fn redirect_stdin(&mut self, input: &[u8]) -> Result<(), ScenarioError> {
        let path = format!("{HOME}/{STDIN_FILE}");
        let fs = Rc::make_mut(&mut self.fs);
        let ino = fs
            .create(&path, NodeKind::Regular(Rc::new(input.to_vec())))
            .map_err(|e| ScenarioError(format!("the standard input file {path}: {e:?}")))?;
        let Some(first) = self.procs.iter_mut().find(|p| p.pid == INIT_PID + 1) else {
            return Ok(());
        };
        let Some(fd0) = first.files.fds.iter_mut().find(|d| d.fd == 0) else {
            return Ok(());
        };
        let terminal = fd0.open_file;
        fd0.open_file = self.open_files.len();
        self.open_files[terminal].refs -= 1;
        self.open_files
            .push(OpenFile::new(FileKind::File(ino), O_RDONLY, &path));
        Ok(())
    }

    /// Creates a NEW process with its program loaded and its arguments on its stack, as
    /// init's fork and exec would.
    fn spawn(
        &mut self,
        ppid: Pid,
        name: &str,
        program: Rc<Program>,
        priority: i32,
        argv: &[String],
    ) -> Result<Pid, ScenarioError> {
        let pid = self.next_pid;
        let env = default_environment();
        let (space, sp) = self.load_image(pid, &program, argv, &env).map_err(|e| match e {
            Errno::E2BIG => ScenarioError(format!(
                "{name}'s arguments and environment do not fit in its first stack page ({} \
                 bytes, ProcLab's limit); shorten them",
                self.settings.page_size
            )),
            _ => ScenarioError(format!(
                "{} frames are not enough to load {name} (P{pid}); give the machine more frames",
                self.settings.frames
            )),
        })?;
        let mut pcb = Pcb::new(pid, ppid, name, program, priority, self.clock, space);
        pcb.context = memory::start_context(sp, argv.len());
        pcb.limits.stack.soft = self.settings.stack_limit;
        self.next_pid += 1;
        self.procs.push(pcb);
        self.open_files[0].refs += 3;
        Ok(pid)
    }

    /// The current tick count.
    pub fn clock(&self) -> u64 {
        self.clock
    }

    /// The machine's settings.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Every process ever created, in PID order, including reaped ones.
    pub fn processes(&self) -> &[Pcb] {
        &self.procs
    }

    /// A process by PID. PIDs are handed out densely from 1 and never reused, so a
    /// process's slot in the table is its PID minus one.
    pub fn process(&self, pid: Pid) -> Option<&Pcb> {
        let p = self.procs.get((pid as usize).checked_sub(1)?)?;
        debug_assert_eq!(p.pid, pid);
        Some(p)
    }

    /// The file system, to change: shared with the timeline's snapshots until then.
    fn fs_mut(&mut self) -> &mut FileSystem {
        Rc::make_mut(&mut self.fs)
    }

    fn proc_mut(&mut self, pid: Pid) -> &mut Pcb {
        let p = &mut self.procs[pid as usize - 1];
        debug_assert_eq!(p.pid, pid);
        p
    }

    /// The processors.
    pub fn cpus(&self) -> &[Cpu] {
        &self.cpus
    }

    /// The ready queue.
    pub fn ready_queue(&self) -> &ReadyQueue {
        &self.ready
    }

    /// The I/O devices and their wait queues.
    pub fn devices(&self) -> &[Device] {
        &self.devices
    }

    /// Physical memory.
    pub fn frames(&self) -> &FrameTable {
        &self.frames
    }

    /// The executables exec can load, by path.
    pub fn executables(&self) -> &BTreeMap<String, Rc<Program>> {
        &self.executables
    }

    /// Everything the processes wrote to the terminal, in order.
    pub fn terminal(&self) -> &[Output] {
        &self.terminal
    }

    /// Whole-run accounting so far.
    pub fn stats(&self) -> &SystemAccounting {
        &self.stats
    }

    /// How many ticks apart a debug build checks the memory invariants: more the more pages
    /// are mapped, so a check's cost stays level.
    #[cfg(debug_assertions)]
    fn debug_check_interval(&self) -> u64 {
        let mapped: usize = self.procs.iter().map(|p| p.memory.page_table.len()).sum();
        DEBUG_CHECK_EVERY * (1 + mapped as u64 / 256)
    }

    /// Why the run ended, once it has.
    pub fn halted(&self) -> Option<Halt> {
        self.halted
    }

    /// The CPU a process is running on.
    fn cpu_of(&self, pid: Pid) -> Option<usize> {
        self.cpus.iter().position(|c| c.running == Some(pid))
    }

    /// Simulates one tick and reports what happened. Does nothing once halted.
    pub fn step(&mut self) -> StepRecord {
        self.record_tick(true)
    }

    /// [`Kernel::step`], appending the step's events to `events`: returns the tick and the
    /// index in `events` where the execution phase starts (a halted kernel adds nothing).
    pub fn step_into(&mut self, events: &mut Vec<Event>) -> (u64, usize) {
        self.tick(events, true)
    }

    /// [`Kernel::step`] without the shortcut for quiet ticks: every phase of the tick runs.
    /// It gives the same step by construction; `proclab-course`'s tests run every built-in
    /// both ways to check that.
    pub fn step_every_phase(&mut self) -> StepRecord {
        self.record_tick(false)
    }

    /// One tick (see [`Kernel::tick`]), its events gathered into a record.
    fn record_tick(&mut self, shortcut: bool) -> StepRecord {
        let mut events = Vec::new();
        let (tick, execution_starts_at) = self.tick(&mut events, shortcut);
        StepRecord {
            tick,
            events,
            execution_starts_at,
        }
    }

    /// One tick. With `shortcut`, a tick in which only the running instruction can happen
    /// skips the interrupt phase (see [`Kernel::quiet_runner`]), and the trap phase too when
    /// the instruction did nothing but run (see [`Kernel::ran_quietly`]); the tick is the
    /// same either way, which a test checks on every built-in scenario.
    fn tick(&mut self, events: &mut Vec<Event>, shortcut: bool) -> (u64, usize) {
        if self.halted.is_some() {
            return (self.clock, events.len());
        }
        if !self.script.is_empty() {
            return self.scripted_tick(events);
        }
        let execution_starts_at;
        match shortcut.then(|| self.quiet_runner()).flatten() {
            Some(pid) => {
                self.clock += 1;
                self.steps += 1;
                execution_starts_at = events.len();
                self.account_waiting();
                let outcome = self.execute_on(0, pid, events);
                if self.ran_quietly(pid, &outcome, &events[execution_starts_at..]) {
                    self.stats.ticks = self.clock;
                } else {
                    self.end_tick(&mut [outcome], events);
                }
            }
            None => {
                self.skip_idle_time(events);
                self.clock += 1;
                self.steps += 1;
                self.interrupts(events);
                execution_starts_at = events.len();
                let mut outcomes: [Option<Outcome>; MAX_CPUS] = Default::default();
                let outcomes = &mut outcomes[..self.cpus.len()];
                self.execute(outcomes, events);
                self.end_tick(outcomes, events);
            }
        }
        // Debug builds check the memory invariants as they run, every few ticks (the
        // property tests check after every step); a check walks every mapping, so a machine
        // with many pages mapped is checked less often.
        #[cfg(debug_assertions)]
        if self.clock.is_multiple_of(self.debug_check_interval())
            && let Err(broken) = self.check_invariants()
        {
            panic!("tick {}: memory invariant broken: {broken}", self.clock);
        }
        (self.clock, execution_starts_at)
    }

    /// The trap phase (each CPU's outcome: blocking, exiting, preempting at the end of a
    /// quantum, dispatching onto freed CPUs), then the queue positions and the halt check.
    fn end_tick(&mut self, outcomes: &mut [Option<Outcome>], events: &mut Vec<Event>) {
        self.traps(outcomes, events);
        self.refresh_queue_positions();
        self.check_halt(events);
    }

    /// True when a quiet tick's instruction did nothing but run (its only event is its
    /// execution), its process goes on with instructions left and quantum to spare, and the
    /// run is short of its step limit: the trap phase has nothing to do.
    fn ran_quietly(&self, pid: Pid, outcome: &Option<Outcome>, events: &[Event]) -> bool {
        let Some(p) = self.process(pid) else {
            return false;
        };
        matches!(outcome, Some(Outcome::Continue))
            && events.len() == 1
            && p.program.op_at(self.cpus[0].registers.pc).is_some()
            && !(self.settings.scheduler.policy == Policy::RoundRobin && p.sched.quantum_left == 0)
            && self.steps < self.settings.step_limit
    }

    /// Runs one tick in which `pid` takes CPU 0 and executes `op`, whatever its program
    /// says: for drivers that script what processes do, such as OSTEP fork.py's actions.
    /// The process must be NEW, READY or RUNNING; whoever held CPU 0 is preempted.
    pub fn run_now(&mut self, pid: Pid, op: &Op) -> Result<StepRecord, String> {
        let mut events = Vec::new();
        let execution_starts_at = self.directed_tick(pid, op, &mut events)?;
        Ok(StepRecord {
            tick: self.clock,
            events,
            execution_starts_at,
        })
    }

    /// The tick of [`Kernel::run_now`], appending its events; returns where its execution
    /// phase starts.
    fn directed_tick(
        &mut self,
        pid: Pid,
        op: &Op,
        events: &mut Vec<Event>,
    ) -> Result<usize, String> {
        let state = self
            .process(pid)
            .ok_or_else(|| format!("there is no process P{pid}"))?
            .state();
        if !matches!(
            state,
            ProcState::New | ProcState::Ready | ProcState::Running
        ) {
            return Err(format!("P{pid} is {} and cannot run", state.label()));
        }
        self.clock += 1;
        self.steps += 1;
        self.admit_new(events);
        if self.cpus[0].running != Some(pid) {
            if self.cpus[0].running.is_some() {
                self.preempt(0, PreemptReason::Directed(pid), events);
            }
            self.cpus[0].held_for = None;
            self.dispatch(0, pid, events);
        }
        let execution_starts_at = events.len();
        self.account_waiting();
        self.charge_tick(0, pid);
        let pc = self.cpus[0].registers.pc;
        events.push(Event::Execute {
            cpu: 0,
            pid,
            pc,
            op: op.clone(),
            line: None,
            resumed: self.proc_mut(pid).resume_at.take() == Some(pc),
        });
        self.cpus[0].registers.pc += INSTRUCTION_SIZE;
        match self.run_op(0, pid, op, events) {
            Outcome::Continue => {}
            Outcome::StartIo => self.start_io(0, pid, events),
            Outcome::Block(channel) => self.block(0, pid, channel, events),
            Outcome::Terminate(how) => self.terminate(pid, how, events),
            Outcome::Stop(signo) => self.stop_process(pid, signo, events),
        }
        self.refresh_queue_positions();
        self.stats.ticks = self.clock;
        Ok(execution_starts_at)
    }

    /// A tick of a scripted run: the script's next tick (a child it forks takes the name
    /// the script gives), and the end of the run with the script's last.
    fn scripted_tick(&mut self, events: &mut Vec<Event>) -> (u64, usize) {
        let tick = self.script[self.script_done].clone();
        self.script_done += 1;
        let first = events.len();
        let execution_starts_at = self
            .directed_tick(tick.pid, &tick.op, events)
            .unwrap_or(events.len());
        let forked = events[first..].iter().find_map(|e| match e {
            Event::Fork { child, .. } => Some(*child),
            _ => None,
        });
        if let (Some(child), Some(name)) = (forked, tick.child_name) {
            self.proc_mut(child).name = name;
        }
        if self.script_done == self.script.len() {
            self.halted = Some(Halt::ScriptDone);
            events.push(Event::Halted(Halt::ScriptDone));
        }
        (self.clock, execution_starts_at)
    }

    /// NEW → READY for every process created since the last tick.
    fn admit_new(&mut self, events: &mut Vec<Event>) {
        let now = self.clock;
        if !self.procs.iter().any(|p| p.state() == ProcState::New) {
            return;
        }
        let new: Vec<Pid> = self
            .procs
            .iter()
            .filter(|p| p.state() == ProcState::New)
            .map(|p| p.pid)
            .collect();
        for pid in new {
            let p = self.proc_mut(pid);
            p.apply(Transition::Admit);
            p.accounting.arrived_at = Some(now - 1);
            self.ready.push_back(pid);
            events.push(Event::Admit { pid });
        }
    }

    /// Tickless idle: when nothing can run and nothing is in flight until the next timer,
    /// the clock jumps to just before it, so this step is the tick the timer expires in.
    fn skip_idle_time(&mut self, events: &mut Vec<Event>) {
        let idle = self.cpus.iter().all(|c| c.running.is_none())
            && self.ready.is_empty()
            && self.devices.iter().all(|d| d.requests.is_empty())
            && !self.procs.iter().any(|p| p.state() == ProcState::New);
        if !idle {
            return;
        }
        let next_timer = self
            .procs
            .iter()
            .flat_map(|p| {
                let sleep = match p.waiting_on {
                    Some(WaitChannel::Timer(t)) => Some(t),
                    _ => None,
                };
                sleep.into_iter().chain(p.ipc.alarm_at)
            })
            .min();
        let Some(next) = next_timer.filter(|&t| t > self.clock + 1) else {
            return;
        };
        let skipped = next - 1 - self.clock;
        for p in &mut self.procs {
            if p.state() == ProcState::Waiting && p.pid != INIT_PID {
                p.accounting.blocked_ticks += skipped;
            }
        }
        events.push(Event::IdleUntil {
            from: self.clock,
            to: next,
            tick_ns: 1_000_000_000 / self.ticks_per_second(),
        });
        self.clock = next - 1;
    }

    fn interrupts(&mut self, events: &mut Vec<Event>) {
        let now = self.clock;
        self.admit_new(events);
        let mut finished: Vec<(Pid, usize)> = Vec::new();
        for (d, device) in self
            .devices
            .iter_mut()
            .enumerate()
            .filter(|(_, d)| !d.requests.is_empty())
        {
            finished.extend(device.complete(now).into_iter().map(|pid| (pid, d)));
        }
        finished.sort_unstable();
        for (pid, d) in finished {
            events.push(Event::IoComplete {
                pid,
                device: self.devices[d].name.clone(),
            });
            self.wake(pid, events);
            self.retire_finished(events);
        }
        let sleeping = self
            .procs
            .iter()
            .any(|p| matches!(p.waiting_on, Some(WaitChannel::Timer(t)) if t <= now));
        self.ring_alarms(events);
        let alarms: Vec<Pid> = if !sleeping {
            Vec::new()
        } else {
            self.procs
                .iter()
                .filter(|p| matches!(p.waiting_on, Some(WaitChannel::Timer(t)) if t <= now))
                .map(|p| p.pid)
                .collect()
        };
        for pid in alarms {
            events.push(Event::TimerExpired { pid });
            self.wake(pid, events);
            self.retire_finished(events);
        }
        self.dispatch_free_cpus(events);
    }

    /// WAITING → READY, and onto a CPU or into the ready queue. For a stopped process,
    /// what it waited for has happened: it will not wait again when continued.
    fn wake(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let p = self.proc_mut(pid);
        if p.state() == ProcState::Stopped {
            p.waiting_on = None;
            return;
        }
        p.apply(Transition::Wake);
        p.waiting_on = None;
        events.push(Event::Wake { pid });
        self.place_woken(pid, events);
    }

    /// Exits every running process with no instruction left (it just ran its last one, or
    /// its program is empty), then gives each freed CPU the next process. A process handed
    /// a CPU here is checked at the next opportunity, not at once.
    fn retire_finished(&mut self, events: &mut Vec<Event>) {
        let mut exited = false;
        for cpu in 0..self.cpus.len() {
            let Some(pid) = self.cpus[cpu].running else {
                continue;
            };
            let pc = self.cpus[cpu].registers.pc;
            if self.proc_mut(pid).program.op_at(pc).is_none() {
                self.terminate(pid, Termination::Exited(0), events);
                exited = true;
            }
        }
        if exited {
            self.dispatch_free_cpus(events);
        }
    }

    /// Decides where a just-woken process goes: onto a CPU or into the ready queue.
    fn place_woken(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let config = self.settings.scheduler;
        if let Some(cpu) = self.cpus.iter().position(|c| c.held_for == Some(pid)) {
            self.cpus[cpu].held_for = None;
            return self.dispatch(cpu, pid, events);
        }
        // A free CPU goes to the woken process only when nobody is queued for it (or when
        // process-run's IO_RUN_IMMEDIATE says it runs at once): a process woken as another
        // exits joins the queue behind those already ready.
        if let Some(cpu) = self.free_cpu() {
            if self.ready.is_empty() || config.io_done == IoDone::RunImmediate {
                return self.dispatch(cpu, pid, events);
            }
            self.ready.push_back(pid);
            return self.dispatch_free_cpus(events);
        }
        let victim = match (config.io_done, config.policy) {
            (IoDone::RunImmediate, _) => self
                .cpus
                .iter()
                .position(|c| c.running.is_none())
                .map(|cpu| (cpu, None))
                .or(Some((0, Some(PreemptReason::IoCompletion(pid))))),
            (IoDone::RunLater, Policy::Priority) => {
                let mine = self.proc_mut(pid).sched.priority;
                self.least_urgent_runner()
                    .filter(|&(_, prio)| prio > mine)
                    .map(|(cpu, _)| (cpu, Some(PreemptReason::HigherPriority(pid))))
            }
            (IoDone::RunLater, _) => None,
        };
        match victim {
            Some((cpu, reason)) => {
                self.cpus[cpu].held_for = None;
                if let (Some(reason), Some(_)) = (reason, self.cpus[cpu].running) {
                    self.preempt(cpu, reason, events);
                }
                self.dispatch(cpu, pid, events);
            }
            None => self.ready.push_back(pid),
        }
    }

    fn least_urgent_runner(&self) -> Option<(usize, i32)> {
        self.cpus
            .iter()
            .enumerate()
            .filter_map(|(i, c)| Some((i, self.process(c.running?)?.sched.priority)))
            .max_by_key(|&(i, prio)| (prio, std::cmp::Reverse(i)))
    }

    fn free_cpu(&self) -> Option<usize> {
        self.cpus
            .iter()
            .position(|c| c.running.is_none() && c.held_for.is_none())
    }

    fn dispatch_free_cpus(&mut self, events: &mut Vec<Event>) {
        while let Some(cpu) = self.free_cpu() {
            let policy = self.settings.scheduler.policy;
            let last = self.cpus[cpu].last_ran;
            let chosen = self.ready.choose(policy, last, |pid| {
                self.process(pid).map_or(0, |p| p.sched.priority)
            });
            match chosen {
                Some(pid) => self.dispatch(cpu, pid, events),
                None => break,
            }
        }
    }

    fn dispatch(&mut self, cpu: usize, pid: Pid, events: &mut Vec<Event>) {
        self.ready.remove(pid);
        let quantum = self.settings.scheduler.quantum;
        let p = self.proc_mut(pid);
        p.apply(Transition::Dispatch);
        p.sched.cpu = Some(cpu);
        p.sched.queue_position = None;
        p.sched.quantum_left = quantum;
        let context = p.context.clone();
        events.push(Event::Dispatch { cpu, pid });
        let c = &mut self.cpus[cpu];
        if c.last_ran.is_some_and(|last| last != pid) {
            self.stats.context_switches += 1;
        }
        c.running = Some(pid);
        c.last_ran = Some(pid);
        c.registers = context.clone();
        events.push(Event::LoadContext {
            cpu,
            pid,
            context: Box::new(context),
        });
    }

    /// Takes the running process off a CPU, saving its registers into its PCB.
    fn vacate(&mut self, cpu: usize, events: &mut Vec<Event>) -> Pid {
        let pid = self.cpus[cpu].running.take().expect("vacating a busy CPU");
        let context = self.cpus[cpu].registers.clone();
        let p = self.proc_mut(pid);
        p.context = context.clone();
        p.sched.cpu = None;
        events.push(Event::SaveContext {
            cpu,
            pid,
            context: Box::new(context),
        });
        pid
    }

    fn preempt(&mut self, cpu: usize, reason: PreemptReason, events: &mut Vec<Event>) {
        let pid = self.cpus[cpu].running.expect("preempting a busy CPU");
        self.proc_mut(pid).apply(Transition::Preempt);
        events.push(Event::Preempt { cpu, pid, reason });
        self.vacate(cpu, events);
        self.ready.push_back(pid);
    }

    /// The process that will run alone this tick when nothing but its next instruction can
    /// happen: one CPU, busy; no I/O in flight; no process to admit, timer to expire or
    /// alarm to ring; no signal for it to take. Such a tick's interrupt phase does nothing,
    /// so [`Kernel::step_into`] goes straight to the instruction (most ticks of a
    /// CPU-bound program are like this).
    fn quiet_runner(&self) -> Option<Pid> {
        let [cpu] = self.cpus.as_slice() else {
            return None;
        };
        let pid = cpu.running?;
        let now = self.clock + 1;
        let quiet = self.devices.iter().all(|d| d.requests.is_empty())
            && self.procs.iter().all(|p| {
                p.state() != ProcState::New
                    && !matches!(p.waiting_on, Some(WaitChannel::Timer(t)) if t <= now)
                    && p.ipc.alarm_at.is_none_or(|t| t > now)
            });
        let p = self.process(pid)?;
        (quiet && p.ipc.deliverable_signals() == 0 && p.program.op_at(cpu.registers.pc).is_some())
            .then_some(pid)
    }

    /// Counts this tick as waiting time for every process that is ready or blocked.
    fn account_waiting(&mut self) {
        for p in &mut self.procs {
            match p.state() {
                ProcState::Ready => p.accounting.ready_ticks += 1,
                ProcState::Waiting if p.pid != INIT_PID => p.accounting.blocked_ticks += 1,
                _ => {}
            }
        }
    }

    /// Runs one instruction on every busy CPU; `outcomes` (one per CPU) says how each left
    /// its process.
    fn execute(&mut self, outcomes: &mut [Option<Outcome>], events: &mut Vec<Event>) {
        if self.devices.iter().any(|d| !d.requests.is_empty()) {
            self.stats.io_busy += 1;
        }
        self.account_waiting();
        for (cpu, outcome) in outcomes.iter_mut().enumerate() {
            let Some(pid) = self.cpus[cpu].running else {
                let held_for = self.cpus[cpu].held_for;
                events.push(Event::Idle { cpu, held_for });
                continue;
            };
            *outcome = match self.deliver_signals(cpu, pid, events) {
                signals::Delivery::Continue => self.execute_on(cpu, pid, events),
                signals::Delivery::Terminate(how) => Some(Outcome::Terminate(how)),
                signals::Delivery::Stop(signo) => Some(Outcome::Stop(signo)),
            };
        }
    }

    /// Counts this tick as `pid`'s on `cpu`: the CPU busy, the process's CPU time (and its
    /// first run).
    fn charge_tick(&mut self, cpu: usize, pid: Pid) {
        let now = self.clock;
        self.stats.cpu_busy[cpu] += 1;
        let p = self.proc_mut(pid);
        p.accounting.cpu_ticks += 1;
        p.accounting.first_run_at.get_or_insert(now - 1);
    }

    /// A call that must sleep before it can finish: the pc goes back to it, so the woken
    /// process carries it on (making it again, which ProcLab's calls do where Linux's sleep
    /// inside the call).
    fn carry_on_later(&mut self, cpu: usize, pid: Pid) {
        let registers = &mut self.cpus[cpu].registers;
        registers.pc -= INSTRUCTION_SIZE;
        let pc = registers.pc;
        self.proc_mut(pid).resume_at = Some(pc);
    }

    /// Runs the next instruction of the process on `cpu`; None when it has none left.
    fn execute_on(&mut self, cpu: usize, pid: Pid, events: &mut Vec<Event>) -> Option<Outcome> {
        let pc = self.cpus[cpu].registers.pc;
        let program = Rc::clone(&self.proc_mut(pid).program);
        let op = program.op_at(pc)?;
        self.charge_tick(cpu, pid);
        let p = self.proc_mut(pid);
        p.sched.quantum_left = p.sched.quantum_left.saturating_sub(1);
        let resumed = p.resume_at.take() == Some(pc);
        events.push(Event::Execute {
            cpu,
            pid,
            pc,
            op: op.clone(),
            line: program.line_at(pc),
            resumed,
        });
        self.cpus[cpu].registers.pc += INSTRUCTION_SIZE;
        Some(self.run_op(cpu, pid, op, events))
    }

    /// Carries out one instruction for the process running on `cpu`.
    fn run_op(&mut self, cpu: usize, pid: Pid, op: &Op, events: &mut Vec<Event>) -> Outcome {
        let result = |r: Result<u64, Errno>| r.unwrap_or_else(|e| (-i64::from(e.code())) as u64);
        match op {
            Op::Cpu => self.cpus[cpu].registers.regs[1] += 1,
            Op::Io => {
                let regs = &mut self.cpus[cpu].registers;
                regs.mode = Mode::Kernel;
                regs.regs[0] = 0;
                return Outcome::StartIo;
            }
            Op::IoDone => {
                let regs = &mut self.cpus[cpu].registers;
                regs.mode = Mode::User;
                regs.regs[0] = self.frames.frame_size;
            }
            Op::Fork => {
                let child = self.fork(pid, events).map(u64::from);
                self.cpus[cpu].registers.regs[0] = result(child);
            }
            Op::Exec(path) => {
                let argv = [path.rsplit('/').next().unwrap_or(path).to_owned()];
                if let Err(e) = self.exec(pid, path, &argv, &default_environment(), events) {
                    self.cpus[cpu].registers.regs[0] = result(Err(e));
                }
            }
            Op::Exit(code) => return Outcome::Terminate(Termination::Exited(*code)),
            Op::WaitNoHang(target) => match self.wait(pid, *target, events) {
                WaitResult::Reaped { child, status } => {
                    let regs = &mut self.cpus[cpu].registers;
                    regs.regs[0] = u64::from(child);
                    regs.regs[3] = status as u32 as u64;
                }
                WaitResult::Failed(e) => self.cpus[cpu].registers.regs[0] = result(Err(e)),
                WaitResult::MustBlock => self.cpus[cpu].registers.regs[0] = 0,
            },
            Op::Wait(target) => match self.wait(pid, *target, events) {
                WaitResult::Reaped { child, status } => {
                    let regs = &mut self.cpus[cpu].registers;
                    regs.regs[0] = u64::from(child);
                    regs.regs[3] = status as u32 as u64;
                }
                WaitResult::Failed(e) => self.cpus[cpu].registers.regs[0] = result(Err(e)),
                WaitResult::MustBlock => {
                    self.carry_on_later(cpu, pid);
                    return Outcome::Block(WaitChannel::Child(*target));
                }
            },
            Op::Poke { addr, value } => {
                if let Err(kill) = self.store(pid, *addr, &[*value], events) {
                    return Outcome::Terminate(kill);
                }
            }
            Op::PokeRax(addr) => {
                let value = narrow::low_u8(self.cpus[cpu].registers.regs[0]);
                if let Err(kill) = self.store(pid, *addr, &[value], events) {
                    return Outcome::Terminate(kill);
                }
            }
            Op::Peek(addr) => match self.load(pid, *addr, 1, events) {
                Ok(bytes) => self.cpus[cpu].registers.regs[0] = u64::from(bytes[0]),
                Err(kill) => return Outcome::Terminate(kill),
            },
            Op::Sbrk(delta) => {
                let old = self.sbrk(pid, *delta, events);
                self.cpus[cpu].registers.regs[0] = result(old);
            }
            vm => return self.run_vm(cpu, pid, vm, events),
        }
        Outcome::Continue
    }

    fn traps(&mut self, outcomes: &mut [Option<Outcome>], events: &mut Vec<Event>) {
        let config = self.settings.scheduler;
        for (cpu, outcome) in outcomes.iter_mut().enumerate() {
            let Some(pid) = self.cpus[cpu].running else {
                continue;
            };
            match outcome.take() {
                Some(Outcome::StartIo) => {
                    self.start_io(cpu, pid, events);
                    if config.switch_on == SwitchOn::End {
                        self.cpus[cpu].held_for = Some(pid);
                    }
                }
                Some(Outcome::Block(channel)) => self.block(cpu, pid, channel, events),
                Some(Outcome::Terminate(how)) => self.terminate(pid, how, events),
                Some(Outcome::Stop(signo)) => self.stop_process(pid, signo, events),
                Some(Outcome::Continue) => {
                    let pc = self.cpus[cpu].registers.pc;
                    let at_end = self.proc_mut(pid).program.op_at(pc).is_none();
                    if !at_end
                        && config.policy == Policy::RoundRobin
                        && self.proc_mut(pid).sched.quantum_left == 0
                    {
                        if self.ready.is_empty() {
                            self.proc_mut(pid).sched.quantum_left = config.quantum;
                            events.push(Event::QuantumRenewed {
                                pid,
                                quantum: config.quantum,
                            });
                        } else {
                            self.preempt(cpu, PreemptReason::Quantum(config.quantum), events);
                        }
                    }
                }
                None => {}
            }
        }
        self.dispatch_free_cpus(events);
        self.retire_finished(events);
    }

    fn block(&mut self, cpu: usize, pid: Pid, channel: WaitChannel, events: &mut Vec<Event>) {
        let p = self.proc_mut(pid);
        p.apply(Transition::Block);
        p.waiting_on = Some(channel.clone());
        events.push(Event::Block { pid, channel });
        self.vacate(cpu, events);
    }

    fn start_io(&mut self, cpu: usize, pid: Pid, events: &mut Vec<Event>) {
        let now = self.clock;
        let done_at = self.devices[0].start(pid, now);
        events.push(Event::IoStart {
            pid,
            device: self.devices[0].name.clone(),
            done_at,
        });
        self.proc_mut(pid).accounting.io_requests += 1;
        self.block(cpu, pid, WaitChannel::Device(0), events);
    }

    fn refresh_queue_positions(&mut self) {
        for i in 0..self.ready.pids().len() {
            let pid = self.ready.pids()[i];
            self.proc_mut(pid).sched.queue_position = Some(i);
        }
    }

    fn check_halt(&mut self, events: &mut Vec<Event>) {
        self.stats.ticks = self.clock;
        let all_done = self
            .procs
            .iter()
            .all(|p| p.pid == INIT_PID || p.state() == ProcState::Terminated);
        let stuck = self.cpus.iter().all(|c| c.running.is_none())
            && self.ready.is_empty()
            && self.devices.iter().all(|d| d.requests.is_empty())
            && !self.procs.iter().any(|p| {
                p.state() == ProcState::New
                    || p.ipc.alarm_at.is_some()
                    || matches!(p.waiting_on, Some(WaitChannel::Timer(_)))
            });
        let halt = if all_done {
            Some(Halt::AllDone)
        } else if stuck {
            events.push(Event::Deadlocked {
                waits: self.explain_waits(),
            });
            Some(Halt::Deadlock)
        } else if self.steps >= self.settings.step_limit {
            Some(Halt::StepLimit(self.settings.step_limit))
        } else {
            None
        };
        if let Some(halt) = halt {
            self.halted = Some(halt);
            events.push(Event::Halted(halt));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_support::*;
    use super::*;
    use crate::abi::layout::TEXT_BASE;

    #[test]
    fn boot_puts_init_to_sleep_in_wait_and_scenario_processes_in_new_as_its_children() {
        let k = machine(Policy::Fcfs, &["c1", "c1"]);
        let init = k.process(INIT_PID).unwrap();
        assert_eq!(
            (init.state(), init.name.as_str()),
            (ProcState::Waiting, "init")
        );
        assert_eq!(init.waiting_on, Some(WaitChannel::Child(-1)));
        for pid in [2, 3] {
            assert_eq!(state(&k, pid), ProcState::New);
            assert_eq!(k.process(pid).unwrap().ppid, INIT_PID);
        }
    }

    #[test]
    fn each_process_gets_its_own_page_table_frame_outside_the_kernels_frames() {
        let k = machine(Policy::Fcfs, &["c1", "c1"]);
        let roots: Vec<usize> = k
            .processes()
            .iter()
            .map(|p| k.frames().frame_of(p.memory.page_table_base))
            .collect();
        assert!(roots.iter().all(|&f| f >= 8));
        assert_eq!(k.frames().frame(roots[1]).usage, FrameUse::PageTable(2));
        assert_eq!(k.check_invariants(), Ok(()));
    }

    #[test]
    fn the_first_tick_admits_everyone_and_dispatches_the_first_arrival() {
        let mut k = machine(Policy::Fcfs, &["c2", "c2"]);
        let record = k.step();
        assert_eq!(
            record.events[..3],
            [
                Event::Admit { pid: 2 },
                Event::Admit { pid: 3 },
                Event::Dispatch { cpu: 0, pid: 2 },
            ]
        );
        assert!(matches!(
            record.events[3],
            Event::LoadContext { pid: 2, .. }
        ));
        assert_eq!(record.execution_starts_at, 4);
        assert_eq!(state(&k, 3), ProcState::Ready);
        assert_eq!(k.process(3).unwrap().sched.queue_position, Some(0));
    }

    #[test]
    fn round_robin_preempts_at_the_quantum_and_resumes_from_the_saved_pc() {
        let mut k = machine(Policy::RoundRobin, &["c5", "c5"]);
        let events = run_until(&mut k, 3);
        assert!(events.contains(&Event::Preempt {
            cpu: 0,
            pid: 2,
            reason: PreemptReason::Quantum(3)
        }));
        let saved = k.process(2).unwrap().context.pc;
        assert_eq!(saved, TEXT_BASE + 12);
        assert_eq!(k.cpus()[0].running, Some(3));
        assert_eq!(k.ready_queue().pids(), [2]);
        let events = run_until(&mut k, 6);
        let load = events
            .iter()
            .find_map(|e| match e {
                Event::LoadContext {
                    pid: 2, context, ..
                } => Some(context.pc),
                _ => None,
            })
            .expect("P2 is resumed");
        assert_eq!(load, saved);
        assert_eq!(k.stats().context_switches, 2);
    }

    #[test]
    fn a_lone_process_keeps_the_cpu_when_its_quantum_expires() {
        let mut k = machine(Policy::RoundRobin, &["c4"]);
        let events = run_until(&mut k, 3);
        assert!(events.contains(&Event::QuantumRenewed { pid: 2, quantum: 3 }));
        assert_eq!(state(&k, 2), ProcState::Running);
    }

    #[test]
    fn fcfs_never_preempts_a_running_process() {
        let mut k = machine(Policy::Fcfs, &["c6", "c1"]);
        let events = run_until(&mut k, 6);
        assert!(!events.iter().any(|e| matches!(e, Event::Preempt { .. })));
        assert_eq!(state(&k, 2), ProcState::Terminated);
        assert_eq!(state(&k, 3), ProcState::Running);
    }

    #[test]
    fn io_blocks_the_process_on_the_disk_and_wakes_it_after_the_latency() {
        let mut k = machine(Policy::Fcfs, &["i"]);
        let events = run_until(&mut k, 1);
        assert!(events.contains(&Event::IoStart {
            pid: 2,
            device: "disk".to_owned(),
            done_at: 7
        }));
        assert_eq!(state(&k, 2), ProcState::Waiting);
        assert_eq!(k.devices()[0].requests.len(), 1);
        assert_eq!(k.cpus()[0].registers.mode, Mode::Kernel);
        run_until(&mut k, 6);
        assert_eq!(state(&k, 2), ProcState::Waiting);
        let events = run_until(&mut k, 7);
        assert_eq!(
            events[0],
            Event::IoComplete {
                pid: 2,
                device: "disk".to_owned()
            }
        );
        assert_eq!(events[1], Event::Wake { pid: 2 });
        assert_eq!(k.process(2).unwrap().accounting.blocked_ticks, 5);
    }

    #[test]
    fn another_process_runs_while_one_waits_for_io_when_switching_on_io() {
        let mut k = machine(Policy::Fcfs, &["i", "c3"]);
        run_until(&mut k, 2);
        assert_eq!(k.cpus()[0].running, Some(3));
    }

    #[test]
    fn switch_on_end_keeps_the_cpu_idle_for_the_process_doing_io() {
        let mut k = machine_with(Policy::Fcfs, &["i", "c3"], |s| {
            s.scheduler.switch_on = SwitchOn::End;
        });
        let events = run_until(&mut k, 2);
        assert!(events.contains(&Event::Idle {
            cpu: 0,
            held_for: Some(2)
        }));
        assert_eq!(state(&k, 3), ProcState::Ready);
    }

    #[test]
    fn io_run_immediate_preempts_the_running_process_for_the_woken_one() {
        let mut k = machine_with(Policy::Fcfs, &["i,c2", "c9"], |s| {
            s.scheduler.io_done = IoDone::RunImmediate;
        });
        let events = run_until(&mut k, 7);
        assert!(events.contains(&Event::Preempt {
            cpu: 0,
            pid: 3,
            reason: PreemptReason::IoCompletion(2)
        }));
        assert_eq!(k.cpus()[0].running, Some(2));
    }

    #[test]
    fn a_more_urgent_process_that_wakes_preempts_under_the_priority_policy() {
        // P2 has priority 0 (most urgent), P3 priority 1.
        let mut k = machine(Policy::Priority, &["i,c1", "c9"]);
        let events = run_until(&mut k, 7);
        assert!(events.contains(&Event::Preempt {
            cpu: 0,
            pid: 3,
            reason: PreemptReason::HigherPriority(2)
        }));
    }

    #[test]
    fn exit_makes_a_zombie_that_init_reaps_at_once_because_it_ignores_sigchld() {
        let mut k = machine(Policy::Fcfs, &["c1"]);
        let record = k.step();
        let exit = record
            .events
            .iter()
            .position(|e| {
                *e == Event::Exit {
                    pid: 2,
                    how: Termination::Exited(0),
                }
            })
            .expect("P2 exits");
        assert!(matches!(
            record.events[exit + 1],
            Event::ImageReleased { pid: 2, .. }
        ));
        assert_eq!(
            record.events[exit + 2],
            Event::Reap {
                pid: 2,
                by: INIT_PID,
                auto: true,
                status: 0
            }
        );
        assert_eq!(state(&k, 2), ProcState::Terminated);
        assert_eq!(
            k.frames().free_count(),
            k.settings.frames - k.settings.kernel_frames - 2,
            "only init's page table and stack remain"
        );
        assert_eq!(k.halted(), Some(Halt::AllDone));
        assert_eq!(record.events.last(), Some(&Event::Halted(Halt::AllDone)));
    }

    #[test]
    fn the_run_stops_at_the_step_limit_with_a_halt_event() {
        let mut k = machine_with(Policy::Fcfs, &["c50"], |s| s.step_limit = 10);
        let events = run_until(&mut k, 10);
        assert_eq!(events.last(), Some(&Event::Halted(Halt::StepLimit(10))));
        assert!(k.step().events.is_empty());
        assert_eq!(k.clock(), 10);
        assert_eq!(state(&k, 2), ProcState::Running);
    }

    #[test]
    fn accounting_measures_turnaround_response_and_utilisation() {
        let mut k = machine(Policy::Fcfs, &["c2", "c3"]);
        run_until(&mut k, 5);
        let a = &k.process(3).unwrap().accounting;
        assert_eq!((a.response(), a.turnaround()), (Some(2), Some(5)));
        assert_eq!(a.ready_ticks, 2);
        assert_eq!(k.stats().cpu_utilisation(), 100.0);
    }

    #[test]
    fn two_cpus_run_two_processes_in_the_same_tick() {
        let mut k = machine_with(Policy::Fcfs, &["c2", "c2"], |s| s.cpus = 2);
        let record = k.step();
        let runners: Vec<Pid> = record
            .events
            .iter()
            .filter_map(|e| match e {
                Event::Execute { pid, .. } => Some(*pid),
                _ => None,
            })
            .collect();
        assert_eq!(runners, [2, 3]);
    }
}
