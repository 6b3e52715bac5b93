//! A scenario: the programs to run and the machine's settings. Pure data, versioned.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::process::Pid;
use super::program::{Op, Program};
use super::scheduler::SchedulerConfig;
use crate::abi::layout::{DEFAULT_PAGE_SIZE, STACK_LIMIT};

/// The version of the scenario format this build writes.
pub const SCENARIO_VERSION: u32 = 1;

/// The most processes a scenario may start with.
pub const MAX_INITIAL_PROCESSES: usize = 64;
/// The most CPUs a machine may have.
pub const MAX_CPUS: usize = 8;
/// The most physical frames a machine may have.
pub const MAX_FRAMES: usize = 65_536;

/// Who adopts the children of a process that exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReparentPolicy {
    /// Linux: each child goes to init (PID 1), keeping its own subtree.
    Linux,
    /// Each child goes to the exiting process's parent, as under a subreaper (fork.py -R).
    Local,
    /// OSTEP fork.py's default: every descendant goes to the root of the tree (the oldest
    /// ancestor below init), and the subtree is flattened.
    OstepRoot,
}

/// The simulated machine.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Scheduling policy and its switches.
    pub scheduler: SchedulerConfig,
    /// Number of CPUs.
    pub cpus: usize,
    /// Ticks a disk request takes.
    pub io_latency: u64,
    /// Physical frames in the machine.
    pub frames: usize,
    /// Frames reserved for the kernel.
    pub kernel_frames: usize,
    /// Bytes per page and per frame.
    pub page_size: u64,
    /// The run stops after this many steps.
    pub step_limit: u64,
    /// Seeds every random choice, so a scenario replays identically.
    pub seed: u64,
    /// Processes that may exist at once (zombies count); fork fails with EAGAIN beyond.
    pub max_processes: usize,
    /// Who adopts orphans.
    pub reparent: ReparentPolicy,
    /// How far a stack may grow, in bytes (`ulimit -s`); past it an access is SIGSEGV.
    #[serde(default = "default_stack_limit")]
    pub stack_limit: u64,
    /// Bytes a new pipe's buffer holds (Linux's 65,536); a program may change its own pipes'
    /// with `fcntl(F_SETPIPE_SZ)`.
    #[serde(default = "default_pipe_capacity")]
    pub pipe_capacity: usize,
    /// The clock rate: ticks (instructions of one CPU) in a simulated second, which sleep,
    /// alarm and the time of day count in. A thousand by default, so a second's sleep is a
    /// thousand steps to watch (a real CPU runs about a million times more instructions
    /// meanwhile); a power of ten up to 10^9, where a tick is a nanosecond.
    #[serde(default = "default_ticks_per_second")]
    pub ticks_per_second: u64,
}

/// The default clock rate: a tick is a millisecond.
fn default_ticks_per_second() -> u64 {
    1000
}

fn default_pipe_capacity() -> usize {
    65_536
}

/// 8 MiB: Linux's default RLIMIT_STACK (`ulimit -s`).
fn default_stack_limit() -> u64 {
    8 << 20
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scheduler: SchedulerConfig::default(),
            cpus: 1,
            io_latency: 5,
            frames: DEFAULT_FRAMES,
            kernel_frames: 8,
            page_size: DEFAULT_PAGE_SIZE,
            step_limit: 10_000,
            seed: 0,
            max_processes: 64,
            reparent: ReparentPolicy::Linux,
            stack_limit: default_stack_limit(),
            pipe_capacity: default_pipe_capacity(),
            ticks_per_second: default_ticks_per_second(),
        }
    }
}

/// The clock rates a machine may have, in ticks per second: powers of ten from a
/// millisecond's tick to a nanosecond's.
pub const CLOCK_RATES: [u64; 7] = [
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
    1_000_000_000,
];

/// The default machine's physical memory: 65,536 frames of 4 KiB, 256 MiB, so no course
/// program runs out of memory where Linux would not (a 16 MiB buffer is a sixteenth).
pub const DEFAULT_FRAMES: usize = MAX_FRAMES;

/// A process the scenario starts at boot, as a child of init.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProcessSpec {
    /// The name `ps` shows.
    pub name: String,
    /// Its code.
    pub program: Program,
    /// Scheduling priority; lower is more urgent.
    pub priority: i32,
    /// The arguments after its name (argv[1] on), as a shell passes them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
}

/// A program in the simulated file system, which exec can load.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Executable {
    /// Its path, e.g. `/bin/ls`.
    pub path: String,
    /// Its code and data.
    pub program: Program,
}

/// Everything needed to reproduce a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    /// Format version.
    pub version: u32,
    /// A title for people.
    pub title: String,
    /// The machine.
    pub settings: Settings,
    /// The processes started at boot.
    pub processes: Vec<ProcessSpec>,
    /// Programs in the file system, for exec.
    #[serde(default)]
    pub executables: Vec<Executable>,
    /// For a scripted run (an OSTEP fork.py action list): what each tick does, in order,
    /// instead of what the scheduler and the programs would do; the run ends with the
    /// script. Empty for an ordinary run.
    #[serde(default)]
    pub script: Vec<ScriptedTick>,
    /// What the first process reads on its standard input, as `./prog < input.txt` gives
    /// it: the file [`STDIN_FILE`] in the home directory, opened as its fd 0. None: stdin
    /// is the terminal, which has no keyboard (a read sees end of file).
    #[serde(default)]
    pub stdin: Option<Vec<u8>>,
}

/// The name, in the home directory, of the file a scenario's standard input is read from.
pub const STDIN_FILE: &str = "input.txt";

/// One tick of a scripted run: this process takes the CPU and executes this instruction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptedTick {
    /// Who runs.
    pub pid: Pid,
    /// What it executes (a fork or an exit, for fork.py).
    pub op: Op,
    /// The name a child forked in this tick takes (fork.py's process letters).
    pub child_name: Option<String>,
}

/// A scenario setting that cannot work, with how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

impl Scenario {
    /// Checks that the machine can run this scenario.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let s = &self.settings;
        let fail = |m: String| Err(ScenarioError(m));
        if self.version > SCENARIO_VERSION {
            return fail(format!(
                "this scenario is format version {}, newer than this ProcLab (version {}); \
                 open it in a newer ProcLab",
                self.version, SCENARIO_VERSION
            ));
        }
        if s.cpus == 0 || s.cpus > MAX_CPUS {
            return fail(format!(
                "CPUs must be between 1 and {MAX_CPUS}, not {}",
                s.cpus
            ));
        }
        if s.scheduler.quantum == 0 {
            return fail("the quantum must be at least 1 tick".to_owned());
        }
        if self.processes.len() > MAX_INITIAL_PROCESSES {
            return fail(format!(
                "a scenario may start at most {MAX_INITIAL_PROCESSES} processes, not {}",
                self.processes.len()
            ));
        }
        if !s.page_size.is_power_of_two() || !(64..=65536).contains(&s.page_size) {
            return fail(format!(
                "the page size must be a power of two from 64 to 65536 bytes, not {}",
                s.page_size
            ));
        }
        if s.frames > MAX_FRAMES {
            return fail(format!(
                "a machine has at most {MAX_FRAMES} frames, not {}",
                s.frames
            ));
        }
        if s.kernel_frames >= s.frames {
            return fail(format!(
                "the kernel reserves {} of the {} frames, leaving none for processes; use \
                 more frames or fewer kernel frames",
                s.kernel_frames, s.frames
            ));
        }
        if s.stack_limit < s.page_size || s.stack_limit > STACK_LIMIT {
            return fail(format!(
                "the stack limit must be from one page ({} bytes) to {STACK_LIMIT} bytes, not {}",
                s.page_size, s.stack_limit
            ));
        }
        if !(1..=65536).contains(&s.pipe_capacity) {
            return fail(format!(
                "a pipe must hold from 1 to 65536 bytes, not {}",
                s.pipe_capacity
            ));
        }
        if !CLOCK_RATES.contains(&s.ticks_per_second) {
            return fail(format!(
                "the clock must tick a power of ten times a second, from 1000 to 1000000000, \
                 not {}",
                s.ticks_per_second
            ));
        }
        if s.max_processes < self.processes.len() + 1 {
            return fail(format!(
                "the process limit {} is below the {} processes the scenario starts with init",
                s.max_processes,
                self.processes.len() + 1
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario() -> Scenario {
        Scenario {
            version: SCENARIO_VERSION,
            title: "t".to_owned(),
            settings: Settings::default(),
            processes: vec![],
            executables: vec![],
            script: vec![],
            stdin: None,
        }
    }

    #[test]
    fn the_default_machine_is_valid() {
        assert_eq!(scenario().validate(), Ok(()));
    }

    #[test]
    fn a_zero_quantum_is_refused_with_the_fix() {
        let mut s = scenario();
        s.settings.scheduler.quantum = 0;
        assert!(s.validate().unwrap_err().0.contains("at least 1 tick"));
    }

    #[test]
    fn a_newer_format_version_is_refused() {
        let mut s = scenario();
        s.version = SCENARIO_VERSION + 1;
        assert!(s.validate().unwrap_err().0.contains("newer"));
    }

    #[test]
    fn a_machine_whose_frames_are_all_the_kernels_is_refused() {
        let mut s = scenario();
        s.settings.frames = 8;
        assert!(s.validate().unwrap_err().0.contains("leaving none"));
    }
}
