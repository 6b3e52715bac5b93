//! Built-in scenarios and the programs of the simulated `/bin`, as plain data, shared by the
//! page and the CLI.

use crate::share::{ScenarioDoc, SourceFile};
use proclab_cc::compile;
use proclab_kernel::program::Program;
use proclab_kernel::scenario::{Executable, ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
use proclab_kernel::scheduler::{Policy, SchedulerConfig};

/// The C sources of `/bin`, by name.
pub const BIN_SOURCES: [(&str, &str); 10] = [
    ("cat", include_str!("bin/cat.c")),
    ("echo", include_str!("bin/echo.c")),
    ("false", include_str!("bin/false.c")),
    ("kill", include_str!("bin/kill.c")),
    ("ls", include_str!("bin/ls.c")),
    ("ps", include_str!("bin/ps.c")),
    ("sh", include_str!("bin/sh.c")),
    ("sleep", include_str!("bin/sleep.c")),
    ("true", include_str!("bin/true.c")),
    ("wc", include_str!("bin/wc.c")),
];

/// `/bin`'s programs, compiled for pages of `page_size` bytes.
pub fn standard_bin(page_size: u64) -> Vec<Executable> {
    BIN_SOURCES
        .iter()
        .map(|(name, source)| Executable {
            path: format!("/bin/{name}"),
            program: compile(&format!("{name}.c"), source, page_size)
                .unwrap_or_else(|d| panic!("/bin/{name} must compile:\n{d}")),
        })
        .collect()
}

/// The subject text's example: a parent forks, the child execs `ls`, the parent waits.
pub const FORK_EXEC_WAIT: &str = include_str!("scenarios/fork_exec_wait.c");
/// The shell pipeline `echo one two three | wc -w`, built with pipe, fork, dup2 and exec.
pub const PIPELINE: &str = include_str!("scenarios/pipeline.c");
/// Two processes each reading the other's empty pipe: a deadlock.
pub const DEADLOCK: &str = include_str!("scenarios/deadlock.c");
/// Two processes racing on a counter in shared memory, without a lock.
pub const SHARED_RACE: &str = include_str!("scenarios/shared_race.c");
/// /bin/sh running a pipeline and ps.
pub const SHELL: &str = include_str!("scenarios/shell_at_work.c");
/// Two processes talking through a FIFO.
pub const FIFO: &str = include_str!("scenarios/fifo.c");
/// A System V message queue between parent and child.
pub const MESSAGE_QUEUE: &str = include_str!("scenarios/message_queue.c");
/// A Unix socket pair between parent and child.
pub const SOCKETPAIR: &str = include_str!("scenarios/socketpair.c");
/// The subject text's worker pool: one worker per CPU, pipes both ways.
pub const WORKER_POOL: &str = include_str!("scenarios/worker_pool.c");
/// fork() six times in a loop: 64 processes.
pub const FORK_LOOP: &str = include_str!("scenarios/fork_loop.c");
/// Three children reaped in reverse order.
pub const WAIT_ORDER: &str = include_str!("scenarios/wait_order.c");
/// execl and execvp.
pub const EXEC_ECHO: &str = include_str!("scenarios/exec_echo.c");
/// Copy-on-write of a global, a heap block and a local.
pub const COPY_ON_WRITE: &str = include_str!("scenarios/copy_on_write.c");
/// The stdio-buffer duplication puzzle.
pub const STDIO_BUFFER_FORK: &str = include_str!("scenarios/stdio_buffer_fork.c");
/// A zombie until its parent waits.
pub const ZOMBIE: &str = include_str!("scenarios/zombie.c");
/// An orphan adopted by init.
pub const ORPHAN: &str = include_str!("scenarios/orphan.c");
/// A handler run by raise().
pub const SIGNAL_HANDLER: &str = include_str!("scenarios/signal_handler.c");
/// A fork bomb stopped by the process limit.
pub const FORK_BOMB: &str = include_str!("scenarios/fork_bomb.c");
/// SIGSTOP and SIGCONT on a child, seen through waitpid.
pub const STOP_CONTINUE: &str = include_str!("scenarios/stop_continue.c");

/// An entry of the built-in list: the scenario's name in links, title, teaching note, and
/// how to make it.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinEntry {
    /// Its stable name in links (`#scenario=fork-exec-wait`, `link --builtin fork-exec-wait`):
    /// links keep working whatever the order of the list.
    pub slug: &'static str,
    /// The title the picker shows.
    pub title: &'static str,
    /// What it teaches, shown beside it.
    pub note: &'static str,
    /// The part of the subject its note is about, which decides what the page puts on
    /// stage first.
    pub topic: Topic,
    /// Makes the scenario (compiling its C).
    pub build: BuildScenario,
}

/// The parts of the subject a scenario can be about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Topic {
    /// Processes and their lifecycle: fork, exec, wait, exit, states, scheduling, signals
    /// that stop and continue.
    Processes,
    /// Memory: address spaces, page tables, copy-on-write frames, what lives on a page.
    Memory,
    /// Inter-process communication: pipes, FIFOs, message queues, sockets.
    Communication,
}

/// The built-in named `name` in a link: its slug, or (as links made before slugs had it)
/// its position in the list.
pub fn find_builtin(name: &str) -> Option<usize> {
    BUILTINS
        .iter()
        .position(|b| b.slug == name)
        .or_else(|| name.parse().ok().filter(|&i: &usize| i < BUILTINS.len()))
}

/// The built-in scenarios, in the order the page lists them; the first opens by default.
/// Titles and notes are cheap to list; a scenario is built (its C compiled) when opened.
pub const BUILTINS: [BuiltinEntry; 20] = [
    BuiltinEntry {
        slug: "fork-exec-wait",
        title: FORK_EXEC_WAIT_TITLE,
        note: "The subject text's example, unchanged. fork() copies the parent into a child that \
             shares every frame copy-on-write; fork returns the child's PID to the parent and 0 to \
             the child. The child replaces its program with execvp(\"ls\"): new text, data and \
             stack, same PID and open files. The parent blocks in wait() until the child exits; \
             until then the finished child is a zombie: its memory freed, its PCB kept for its \
             exit status and resource usage.",
        topic: Topic::Processes,
        build: default_scenario,
    },
    BuiltinEntry {
        slug: "fork-loop",
        title: FORK_LOOP_TITLE,
        note: "How many processes does fork() in a loop make? Every process alive when a fork() \
             runs gets a child, so each round doubles them: six rounds, 64 processes. Watch the \
             process tree branch and the frames stay shared until someone writes.",
        topic: Topic::Processes,
        build: fork_loop_scenario,
    },
    BuiltinEntry {
        slug: "wait-order",
        title: WAIT_ORDER_TITLE,
        note: "Three children exit with codes 10, 11 and 12; the parent collects them with \
             waitpid() in reverse order. A child that exits first waits as a zombie until its \
             parent asks for it by PID; WEXITSTATUS decodes the status word.",
        topic: Topic::Processes,
        build: || c_program(WAIT_ORDER_TITLE, "wait_order.c", WAIT_ORDER, 30),
    },
    BuiltinEntry {
        slug: "exec-family",
        title: EXEC_TITLE,
        note: "The exec family: execl takes a path and the arguments one by one; execvp takes an \
             argv array and searches PATH. Either way the process keeps its PID and parent while \
             its whole image is replaced; exec returns only if it fails.",
        topic: Topic::Processes,
        build: || c_program(EXEC_TITLE, "exec_echo.c", EXEC_ECHO, 30),
    },
    BuiltinEntry {
        slug: "copy-on-write",
        title: COW_TITLE,
        note: "After fork() parent and child map the same frames read-only. The first write to \
             a shared page faults and the kernel copies just that page for the writer: the \
             child's writes to the global (data page) and to the malloc'd block (heap page). The \
             stack page is copied sooner, when the parent stores fork's result, so the child's \
             write to its local finds the page its own and the kernel only makes it writable \
             again. The parent's values never change.",
        topic: Topic::Memory,
        build: || c_program(COW_TITLE, "copy_on_write.c", COPY_ON_WRITE, 30),
    },
    BuiltinEntry {
        slug: "stdio-buffer",
        title: STDIO_TITLE,
        note: "printf(\"A\") leaves A in the stdout buffer in the process's memory; fork() copies \
             that memory, buffer included, so both processes print A before their B. On a \
             terminal the buffer is flushed at each newline: \"AB\" appears twice.",
        topic: Topic::Memory,
        build: || c_program(STDIO_TITLE, "stdio_buffer_fork.c", STDIO_BUFFER_FORK, 30),
    },
    BuiltinEntry {
        slug: "zombie",
        title: ZOMBIE_TITLE,
        note: "The child exits at once, but its parent is asleep: the child becomes a zombie (its \
             memory is freed, its PCB kept for the exit status) until the parent's waitpid() \
             reaps it.",
        topic: Topic::Processes,
        build: || c_program(ZOMBIE_TITLE, "zombie.c", ZOMBIE, 30),
    },
    BuiltinEntry {
        slug: "orphan",
        title: ORPHAN_TITLE,
        note: "The middle process exits while its child still sleeps: the child is orphaned and the \
             kernel re-parents it to init, which reaps it when it exits. Its getppid() changes.",
        topic: Topic::Processes,
        build: || c_program(ORPHAN_TITLE, "orphan.c", ORPHAN, 30),
    },
    BuiltinEntry {
        slug: "fork-bomb",
        title: FORK_BOMB_TITLE,
        note: "Every process forks in a loop, and so does every child. The program first lowers \
             its user's process limit to 12 with setrlimit(RLIMIT_NPROC), as ulimit -u 12 \
             would, so fork() soon fails with EAGAIN everywhere; each process then waits for \
             its children and the tree winds down. A process limit is what keeps a real fork \
             bomb from taking the whole machine.",
        topic: Topic::Processes,
        build: fork_bomb_scenario,
    },
    BuiltinEntry {
        slug: "pipeline",
        title: PIPELINE_TITLE,
        note: "A shell pipeline built by hand: pipe() makes a kernel buffer with two ends, each \
             child moves one end onto stdin or stdout with dup2(), closes the rest and execs echo \
             or wc. wc sees end of file only when every write end is closed.",
        topic: Topic::Communication,
        build: pipeline_scenario,
    },
    BuiltinEntry {
        slug: "shell",
        title: SHELL_TITLE,
        note: "A real shell at work: /bin/sh parses the line, makes a pipe, forks ls and wc, wires \
             them with dup2 and waits; then ps lists the processes by reading /proc.",
        topic: Topic::Communication,
        build: shell_scenario,
    },
    BuiltinEntry {
        slug: "worker-pool",
        title: WORKER_POOL_TITLE,
        note: "The subject text's worker pool in C on a two-CPU machine: one worker per CPU, each \
             sent its chunk (its first and last number) through its own pipe, all answering \
             through one shared pipe. The two workers compute at the same ticks, one per CPU, \
             while the parent sleeps in read(); it sums what comes back.",
        topic: Topic::Communication,
        build: worker_pool_scenario,
    },
    BuiltinEntry {
        slug: "signals",
        title: SIGNALS_TITLE,
        note: "signal() installs a handler; raise() sends the signal to the process itself. On the \
             way back to user mode the kernel pushes a signal frame on the process's stack (shown \
             under the stack in the address space while the handler runs) and jumps to the \
             handler; the handler's return lands in sigreturn, which restores the interrupted \
             registers.",
        topic: Topic::Memory,
        build: || c_program(SIGNALS_TITLE, "signal_handler.c", SIGNAL_HANDLER, 30),
    },
    BuiltinEntry {
        slug: "stop-continue",
        title: STOP_CONTINUE_TITLE,
        note: "Job control: SIGSTOP takes the child off the CPU (STOPPED, T in ps) until SIGCONT. \
             The parent learns of both through waitpid() with WUNTRACED and WCONTINUED; a stop \
             signal cannot be caught or ignored.",
        topic: Topic::Processes,
        build: || c_program(STOP_CONTINUE_TITLE, "stop_continue.c", STOP_CONTINUE, 30),
    },
    BuiltinEntry {
        slug: "fifo",
        title: FIFO_TITLE,
        note: "mkfifo() puts a named pipe in the file system. Unrelated processes can open it by \
             name; open() for reading blocks until a writer opens it, and then it is a pipe.",
        topic: Topic::Communication,
        build: fifo_scenario,
    },
    BuiltinEntry {
        slug: "message-queue",
        title: MESSAGE_QUEUE_TITLE,
        note: "A System V message queue holds typed messages in the kernel. msgrcv() asks for a \
             type and blocks until one arrives, so the child gets \"urgent\" before the older \
             \"routine\"; IPC_RMID removes the queue.",
        topic: Topic::Communication,
        build: || c_program(MESSAGE_QUEUE_TITLE, "message_queue.c", MESSAGE_QUEUE, 30),
    },
    BuiltinEntry {
        slug: "socketpair",
        title: SOCKETPAIR_TITLE,
        note: "socketpair() connects two Unix sockets: unlike a pipe, each end both reads and \
             writes. Parent and child play ping-pong over one pair, and closing one end gives the \
             other end of file.",
        topic: Topic::Communication,
        build: || c_program(SOCKETPAIR_TITLE, "socketpair.c", SOCKETPAIR, 30),
    },
    BuiltinEntry {
        slug: "shared-race",
        title: SHARED_RACE_TITLE,
        note: "Two processes add to one counter in a MAP_SHARED page (the same frame, never copied) \
             without a lock. A timer interrupt between a load and its store loses an update: 200 \
             increments leave a smaller count, the same one every run with this seed. Click the \
             shared (mmap) page in the address space to watch the counter's value in memory as \
             you step.",
        topic: Topic::Memory,
        build: shared_race_scenario,
    },
    BuiltinEntry {
        slug: "deadlock",
        title: DEADLOCK_TITLE,
        note: "Parent and child each read the other's pipe before writing their own: both block, \
             nothing can wake them, and the kernel stops the run naming the cycle.",
        topic: Topic::Communication,
        build: deadlock_scenario,
    },
    BuiltinEntry {
        slug: "cpu-and-io",
        title: CPU_AND_IO_TITLE,
        note: "Scheduling without C: an editor that does a little I/O, a compiler that only \
             computes and a backup that mostly waits for the disk, under round robin with a \
             3-tick quantum. While one waits for I/O the CPU runs another, as the Gantt chart \
             shows tick by tick. To compare with first come, first served, import \
             process-run.py -P c2,i,c3,i,c1:c8:i,c2,i,c2 -L 4 -S SWITCH_ON_IO (Import from \
             OSTEP): the same programs, each run until it blocks or ends.",
        topic: Topic::Processes,
        build: cpu_and_io_scenario,
    },
];

/// Makes a built-in scenario.
pub type BuildScenario = fn() -> Builtin;

const FORK_EXEC_WAIT_TITLE: &str = "fork, exec and wait (the subject text's example)";
const WAIT_ORDER_TITLE: &str = "wait ordering and exit codes: waitpid by PID";
const EXEC_TITLE: &str = "the exec family: execl and execvp";
const COW_TITLE: &str = "copy-on-write on a global, the heap and the stack";
const STDIO_TITLE: &str = "the stdio buffer puzzle: printf(\"A\"); fork(); prints A twice";
const ZOMBIE_TITLE: &str = "a zombie: exited, not yet waited for";
const ORPHAN_TITLE: &str = "an orphan: re-parented to init";
const FORK_BOMB_TITLE: &str = "a fork bomb stopped by the process limit (EAGAIN)";
const SIGNALS_TITLE: &str = "signals: a handler runs on the process's stack";
const PIPELINE_TITLE: &str = "a pipeline: echo one two three | wc -w";
const CPU_AND_IO_TITLE: &str = "round robin with I/O (no C)";
const DEADLOCK_TITLE: &str = "a deadlock: each process reads the other's empty pipe";
const SHARED_RACE_TITLE: &str = "a race on shared memory (mmap MAP_SHARED, no lock)";
const SHELL_TITLE: &str = "the shell runs ls /bin | wc -l, then ps";
const FORK_LOOP_TITLE: &str = "fork() in a loop: six rounds make 64 processes";
const WORKER_POOL_TITLE: &str = "a worker pool: one worker per CPU, on two CPUs";
const FIFO_TITLE: &str = "a FIFO: mkfifo, and open() waits for the other end";
const MESSAGE_QUEUE_TITLE: &str = "a message queue: msgrcv picks messages by type";
const SOCKETPAIR_TITLE: &str = "a Unix socket pair: bytes both ways";
const STOP_CONTINUE_TITLE: &str = "job control: SIGSTOP, SIGCONT and waitpid(WUNTRACED)";

/// A built-in scenario: C programs a user can edit and share, or a synthetic one.
pub enum Builtin {
    /// C sources and settings.
    C(ScenarioDoc),
    /// Synthetic programs (no C), ready to run.
    Synthetic(Scenario),
}

impl Builtin {
    /// The runnable scenario.
    pub fn scenario(&self) -> Scenario {
        match self {
            Builtin::C(doc) => doc
                .build()
                .unwrap_or_else(|e| panic!("the built-in {} must compile:\n{e}", doc.title)),
            Builtin::Synthetic(scenario) => scenario.clone(),
        }
    }

    /// The editable, shareable form, for C scenarios.
    pub fn doc(&self) -> Option<&ScenarioDoc> {
        match self {
            Builtin::C(doc) => Some(doc),
            Builtin::Synthetic(_) => None,
        }
    }
}

/// A scenario running one built-in C program under round robin, with `/bin` available.
fn c_program(title: &str, file: &str, source: &str, quantum: u32) -> Builtin {
    Builtin::C(ScenarioDoc {
        run: Default::default(),
        title: title.to_owned(),
        files: vec![SourceFile {
            name: file.to_owned(),
            text: source.to_owned(),
        }],
        settings: Settings {
            scheduler: SchedulerConfig {
                policy: Policy::RoundRobin,
                quantum,
                ..SchedulerConfig::default()
            },
            ..Settings::default()
        },
        step: 0,
    })
}

/// A C built-in with its settings changed.
fn with_settings(builtin: Builtin, change: impl FnOnce(&mut Settings)) -> Builtin {
    match builtin {
        Builtin::C(mut doc) => {
            change(&mut doc.settings);
            Builtin::C(doc)
        }
        other => other,
    }
}

/// Two processes increment a shared counter without a lock; round robin with a 17-tick
/// quantum interrupts some increments between their load and their store (141 of 200
/// survive; shorter quanta make the loops run in lockstep and lose every second one).
pub fn shared_race_scenario() -> Builtin {
    c_program(SHARED_RACE_TITLE, "shared_race.c", SHARED_RACE, 17)
}

/// Parent and child each wait to read the other's pipe first; the kernel stops the run and
/// names the cycle.
pub fn deadlock_scenario() -> Builtin {
    c_program(DEADLOCK_TITLE, "deadlock.c", DEADLOCK, 30)
}

/// `echo one two three | wc -w`: two children joined by a pipe.
pub fn pipeline_scenario() -> Builtin {
    c_program(
        "a pipeline: echo one two three | wc -w",
        "pipeline.c",
        PIPELINE,
        30,
    )
}

/// /bin/sh runs `ls /bin | wc -l` and `ps`: a real shell's fork, pipe, dup2, exec and wait.
pub fn shell_scenario() -> Builtin {
    // The shell, ls, wc and ps run about 22,000 instructions between them.
    with_settings(c_program(SHELL_TITLE, "shell_at_work.c", SHELL, 50), |s| {
        s.step_limit = 60_000;
    })
}

/// Six forks in a loop on a machine with room for 64 processes' page tables and pages.
pub fn fork_loop_scenario() -> Builtin {
    with_settings(
        c_program(FORK_LOOP_TITLE, "fork_loop.c", FORK_LOOP, 30),
        |s| {
            s.frames = 512;
            s.step_limit = 60_000;
        },
    )
}

/// The worker pool on a two-CPU machine, so two workers compute at once.
pub fn worker_pool_scenario() -> Builtin {
    with_settings(
        c_program(WORKER_POOL_TITLE, "worker_pool.c", WORKER_POOL, 30),
        |s| {
            s.cpus = 2;
        },
    )
}

/// Forks until the process limit the program sets itself refuses.
pub fn fork_bomb_scenario() -> Builtin {
    c_program(FORK_BOMB_TITLE, "fork_bomb.c", FORK_BOMB, 30)
}

/// A reader and a writer meet at a FIFO in the file system.
pub fn fifo_scenario() -> Builtin {
    c_program(FIFO_TITLE, "fifo.c", FIFO, 30)
}

/// The scenario the page opens with: the subject text's fork/exec/wait example, unchanged,
/// under round robin, so fork, copy-on-write, exec, exit, the zombie and wait all happen.
pub fn default_scenario() -> Builtin {
    c_program(FORK_EXEC_WAIT_TITLE, "fork_exec_wait.c", FORK_EXEC_WAIT, 50)
}

/// A synthetic scenario of CPU bursts and disk I/O under round robin: scheduling without C.
pub fn cpu_and_io_scenario() -> Builtin {
    let process = |name: &str, code: &str| ProcessSpec {
        name: name.to_owned(),
        program: Program::parse_ostep(code).expect("built-in programs are valid"),
        priority: 0,
        args: Vec::new(),
    };
    Builtin::Synthetic(Scenario {
        version: SCENARIO_VERSION,
        title: CPU_AND_IO_TITLE.to_owned(),
        settings: Settings {
            scheduler: SchedulerConfig {
                policy: Policy::RoundRobin,
                quantum: 3,
                ..SchedulerConfig::default()
            },
            io_latency: 4,
            ..Settings::default()
        },
        processes: vec![
            process("editor", "c2,i,c3,i,c1"),
            process("compiler", "c8"),
            process("backup", "i,c2,i,c2"),
        ],
        executables: Vec::new(),
        script: Vec::new(),
        stdin: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::event::Halt;
    use proclab_kernel::timeline::Timeline;

    #[test]
    fn every_bin_program_compiles_at_both_page_sizes() {
        assert_eq!(standard_bin(4096).len(), BIN_SOURCES.len());
        assert_eq!(standard_bin(256).len(), BIN_SOURCES.len());
    }

    #[test]
    fn the_deadlock_scenario_stops_and_names_who_waits_for_what() {
        let t = Timeline::record(&deadlock_scenario().scenario()).unwrap();
        assert_eq!(t.halt(), Some(Halt::Deadlock));
        let last = t.step(t.len()).unwrap();
        let story: Vec<String> = last.events.iter().map(|e| e.narrate()).collect();
        let deadlock = story
            .iter()
            .find(|s| s.starts_with("Deadlock:"))
            .expect("named");
        assert!(deadlock.contains("P2 waits to read pipe 1"), "{deadlock}");
        assert!(deadlock.contains("P3 waits to read pipe 0"), "{deadlock}");
    }

    #[test]
    fn the_fork_bomb_reaches_its_users_process_limit_then_every_fork_fails_with_eagain() {
        let t = Timeline::record(&fork_bomb_scenario().scenario()).unwrap();
        assert_eq!(t.halt(), Some(Halt::AllDone));
        let end = t.state_at(t.len());
        assert_eq!(
            end.processes().len(),
            13,
            "init and the 12 processes RLIMIT_NPROC allows its user"
        );
        let text: String = end
            .terminal()
            .iter()
            .map(|o| String::from_utf8_lossy(&o.bytes))
            .collect();
        assert_eq!(
            text.matches("fork failed with EAGAIN").count(),
            12,
            "each of the 12 processes is refused once: {text}"
        );
    }

    #[test]
    fn builtins_are_found_by_their_slug_or_their_old_position_in_links() {
        assert_eq!(find_builtin("fork-exec-wait"), Some(0));
        assert_eq!(find_builtin("cpu-and-io"), Some(19));
        assert_eq!(find_builtin("4"), Some(4));
        assert_eq!(find_builtin("20"), None);
        assert_eq!(find_builtin("fork"), None);
        let mut slugs: Vec<&str> = BUILTINS.iter().map(|b| b.slug).collect();
        slugs.sort_unstable();
        slugs.dedup();
        assert_eq!(slugs.len(), BUILTINS.len(), "every slug names one built-in");
        assert!(
            BUILTINS
                .iter()
                .all(|b| b.slug.bytes().all(|c| c.is_ascii_lowercase() || c == b'-')),
            "slugs need no escaping in a link"
        );
    }

    #[test]
    fn the_built_in_scenarios_run_to_their_end() {
        for entry in BUILTINS {
            let scenario = (entry.build)().scenario();
            assert_eq!(scenario.title, entry.title);
            if entry.title == DEADLOCK_TITLE {
                continue;
            }
            let t = Timeline::record(&scenario).unwrap();
            assert_eq!(t.halt(), Some(Halt::AllDone), "{}", scenario.title);
        }
    }

    #[test]
    fn the_shared_memory_race_loses_updates_reproducibly() {
        let t = Timeline::record(&shared_race_scenario().scenario()).unwrap();
        let text: String = t
            .state_at(t.len())
            .terminal()
            .iter()
            .map(|o| String::from_utf8_lossy(&o.bytes).into_owned())
            .collect();
        let counter: u32 = text
            .trim_start_matches("counter = ")
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("the program prints the counter");
        assert!(counter < 200, "updates were lost: {text}");
        assert!(counter >= 100, "{text}");
        let again = Timeline::record(&shared_race_scenario().scenario()).unwrap();
        assert!(
            again.steps().eq(t.steps()),
            "the same seed gives the same run"
        );
    }

    #[test]
    fn the_default_example_forks_execs_ls_and_reaps_it() {
        let t = Timeline::record(&default_scenario().scenario()).unwrap();
        let end = t.state_at(t.len());
        let text: String = end
            .terminal()
            .iter()
            .map(|o| String::from_utf8_lossy(&o.bytes))
            .collect();
        assert_eq!(
            text,
            "Parent process (PID: 2)\nParent: created child with PID 3\n\
             Child process (PID: 3, Parent PID: 2)\ntotal 16\n\
             drwxr-xr-x 2 student student  4096 .\n\
             drwxr-xr-x 2 root    root     4096 ..\n\
             -rwxr-xr-x 1 student student  1095 fork_exec_wait\n\
             -rw-r--r-- 1 student student  1095 fork_exec_wait.c\n\
             Parent: child exited with status 0\n"
        );
        assert_eq!(end.process(3).unwrap().name, "ls");
    }
}
