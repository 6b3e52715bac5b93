//! OSTEP's process-run.py, driven by this engine: the same flags, the same trace table and
//! statistics, byte for byte, for `-P` programs and for `-l` lists of all-CPU or all-I/O
//! processes, and for mixed `-l` lists, whose instructions are drawn from Python's random
//! seeded as process-run.py seeds it.

use std::fmt::Write as _;

use super::options::{self, OptionSpec, UsageError};
use super::python_int::PyInt;
use super::python_random::PythonRandom;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::INIT_PID;
use proclab_kernel::process::{Pid, ProcState};
use proclab_kernel::program::{Op, Program};
use proclab_kernel::scenario::{ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
use proclab_kernel::scheduler::{IoDone, Policy, SchedulerConfig, SwitchOn};
use proclab_kernel::timeline::Timeline;

const NAME: &str = "process-run";

const SPECS: &[OptionSpec] = &[
    OptionSpec {
        short: 's',
        long: "seed",
        takes_value: true,
        help: "the random seed",
    },
    OptionSpec {
        short: 'P',
        long: "program",
        takes_value: true,
        help: "more specific controls over programs",
    },
    OptionSpec {
        short: 'l',
        long: "processlist",
        takes_value: true,
        help: "a comma-separated list of processes to run, in the form X1:Y1,X2:Y2,... \
               where X is the number of instructions that process should run, and Y the \
               chances (from 0 to 100) that an instruction will use the CPU or issue an IO",
    },
    OptionSpec {
        short: 'L',
        long: "iolength",
        takes_value: true,
        help: "how long an IO takes",
    },
    OptionSpec {
        short: 'S',
        long: "switch",
        takes_value: true,
        help: "when to switch between processes: SWITCH_ON_IO, SWITCH_ON_END",
    },
    OptionSpec {
        short: 'I',
        long: "iodone",
        takes_value: true,
        help: "type of behavior when IO ends: IO_RUN_LATER, IO_RUN_IMMEDIATE",
    },
    OptionSpec {
        short: 'c',
        long: "",
        takes_value: false,
        help: "compute answers for me",
    },
    OptionSpec {
        short: 'p',
        long: "printstats",
        takes_value: false,
        help: "print statistics at end; only useful with -c flag (otherwise stats are not \
               printed)",
    },
];

/// The most instructions one `-l` process may have.
const MAX_LIST_INSTRUCTIONS: i64 = 100_000;

/// process-run's settings, read from its flags.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// `-s`: seeds the random instruction mix of `-l`.
    pub seed: PyInt,
    /// `-P`: programs such as `c7,i:c3`.
    pub program: String,
    /// `-l`: random programs such as `5:100,5:0`.
    pub process_list: String,
    /// `-L`: ticks an I/O takes.
    pub io_length: u64,
    /// `-S`.
    pub switch_on: SwitchOn,
    /// `-I`.
    pub io_done: IoDone,
    /// `-c`: show the answer.
    pub solve: bool,
    /// `-p`: print statistics.
    pub print_stats: bool,
}

/// What the command should print and how it should exit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Print this on stdout and exit 0.
    Print(String),
    /// Print this on stderr and exit with this code.
    Fail(String, i32),
}

/// Runs process-run with these command-line arguments (without the program name).
pub fn main(args: &[String]) -> Outcome {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Outcome::Print(options::help(NAME, SPECS));
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => return Outcome::Fail(e.to_string(), 2),
    };
    let scenario = match scenario(&opts) {
        Ok(s) => s,
        Err(message) => return Outcome::Fail(message, 1),
    };
    if !opts.solve {
        return Outcome::Print(question(&opts, &scenario));
    }
    match Timeline::record(&scenario) {
        Ok(timeline) => Outcome::Print(answer(&opts, &timeline)),
        Err(e) => Outcome::Fail(e.to_string(), 1),
    }
}

/// Reads process-run's flags.
pub fn parse_args(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options {
        seed: PyInt::from(0),
        program: String::new(),
        process_list: String::new(),
        io_length: 5,
        switch_on: SwitchOn::Io,
        io_done: IoDone::RunLater,
        solve: false,
        print_stats: false,
    };
    let error = |message: String| UsageError {
        program: NAME.to_owned(),
        message,
    };
    for (letter, value) in options::parse(NAME, SPECS, args)? {
        let value = value.unwrap_or_default();
        match letter {
            's' => o.seed = options::big_int_value(NAME, 's', &value)?,
            'P' => o.program = value,
            'l' => o.process_list = value,
            'L' => {
                let n = options::int_value(NAME, 'L', &value)?;
                o.io_length = u64::try_from(n)
                    .ok()
                    .filter(|&n| n <= 10_000)
                    .ok_or_else(|| error(format!("option -L: must be 0 to 10000, not {n}")))?;
            }
            'S' => {
                o.switch_on = match value.as_str() {
                    "SWITCH_ON_IO" => SwitchOn::Io,
                    "SWITCH_ON_END" => SwitchOn::End,
                    _ => {
                        return Err(error(format!(
                            "option -S: must be SWITCH_ON_IO or SWITCH_ON_END, not '{value}'"
                        )));
                    }
                }
            }
            'I' => {
                o.io_done = match value.as_str() {
                    "IO_RUN_LATER" => IoDone::RunLater,
                    "IO_RUN_IMMEDIATE" => IoDone::RunImmediate,
                    _ => {
                        return Err(error(format!(
                            "option -I: must be IO_RUN_LATER or IO_RUN_IMMEDIATE, not '{value}'"
                        )));
                    }
                }
            }
            'c' => o.solve = true,
            'p' => o.print_stats = true,
            _ => unreachable!("options::parse only returns letters from SPECS"),
        }
    }
    Ok(o)
}

/// The engine scenario these options describe: one process per program, scheduled the way
/// process-run schedules (next ready PID in turn, no timer).
pub fn scenario(opts: &Options) -> Result<Scenario, String> {
    let programs = if opts.program.is_empty() {
        random_programs(&opts.process_list, &opts.seed)?
    } else {
        opts.program
            .split(':')
            .map(|p| Program::parse_ostep(p).map_err(|e| format!("bad program '{p}': {e}")))
            .collect::<Result<Vec<_>, _>>()?
    };
    let total: u64 = programs.iter().map(|p| p.ops.len() as u64).sum();
    let processes: Vec<ProcessSpec> = programs
        .into_iter()
        .enumerate()
        .map(|(i, program)| ProcessSpec {
            name: format!("proc{i}"),
            program,
            priority: 0,
            args: Vec::new(),
        })
        .collect();
    let settings = Settings {
        scheduler: SchedulerConfig {
            policy: Policy::Cyclic,
            quantum: 1,
            switch_on: opts.switch_on,
            io_done: opts.io_done,
        },
        io_latency: opts.io_length,
        frames: 3 * processes.len() + 16,
        // Enough ticks for every instruction to wait out a full I/O, plus one per process.
        step_limit: (total + processes.len() as u64) * (opts.io_length + 2) + 1,
        max_processes: processes.len() + 1,
        seed: opts.seed.low_u64(),
        ..Settings::default()
    };
    let scenario = Scenario {
        version: SCENARIO_VERSION,
        title: "OSTEP process-run".to_owned(),
        settings,
        processes,
        executables: Vec::new(),
        script: Vec::new(),
        stdin: None,
    };
    scenario.validate().map_err(|e| e.to_string())?;
    Ok(scenario)
}

fn random_programs(list: &str, seed: &PyInt) -> Result<Vec<Program>, String> {
    let mut rng = PythonRandom::seed(seed);
    list.split(',')
        .map(|description| {
            let bad = || {
                format!(
                    "Bad description ({description}): Must be number <x:y>\n  where X is the \
                     number of instructions\n  and Y is the percent change that an \
                     instruction is CPU not IO"
                )
            };
            let (x, y) = description.split_once(':').ok_or_else(bad)?;
            let count: i64 = x.trim().parse().map_err(|_| bad())?;
            let chance: f64 = y.trim().parse().map_err(|_| bad())?;
            if !(0..=MAX_LIST_INSTRUCTIONS).contains(&count) || !chance.is_finite() {
                return Err(bad());
            }
            let chance = chance / 100.0;
            let mut ops = Vec::new();
            for _ in 0..count {
                if rng.random() < chance {
                    ops.push(Op::Cpu);
                } else {
                    ops.extend([Op::Io, Op::IoDone]);
                }
            }
            Ok(Program::from_ops(ops))
        })
        .collect()
}

fn question(opts: &Options, scenario: &Scenario) -> String {
    let mut out =
        String::from("Produce a trace of what would happen when you run these processes:\n");
    for (i, spec) in scenario.processes.iter().enumerate() {
        let _ = writeln!(out, "Process {i}");
        for op in &spec.program.ops {
            let _ = writeln!(out, "  {}", op.name());
        }
        out.push('\n');
    }
    out.push_str("Important behaviors:\n  System will switch when ");
    out.push_str(match opts.switch_on {
        SwitchOn::Io => "the current process is FINISHED or ISSUES AN IO\n",
        SwitchOn::End => "the current process is FINISHED\n",
    });
    out.push_str("  After IOs, the process issuing the IO will ");
    out.push_str(match opts.io_done {
        IoDone::RunImmediate => "run IMMEDIATELY\n",
        IoDone::RunLater => "run LATER (when it is its turn)\n",
    });
    out.push('\n');
    out
}

/// The process-run label for a state, as seen during a tick.
fn label(state: ProcState) -> &'static str {
    match state {
        ProcState::New | ProcState::Ready => "READY",
        ProcState::Running => "RUNNING",
        ProcState::Waiting | ProcState::Stopped => "BLOCKED",
        ProcState::Zombie | ProcState::Terminated => "DONE",
    }
}

fn answer(opts: &Options, timeline: &Timeline) -> String {
    let boot = timeline.state_at(0);
    let pids: Vec<Pid> = boot
        .processes()
        .iter()
        .map(|p| p.pid)
        .filter(|&pid| pid != INIT_PID)
        .collect();
    let column = |pid: Pid| pids.iter().position(|&p| p == pid);
    let mut states: Vec<ProcState> = vec![ProcState::New; pids.len()];
    let mut in_flight = 0usize;
    let mut out = String::from("Time");
    for i in 0..pids.len() {
        let _ = write!(out, "{:>14}", format!("PID:{i:2}"));
    }
    let _ = writeln!(out, "{:>14}{:>14}", "CPU", "IOs");
    let apply = |states: &mut Vec<ProcState>, in_flight: &mut usize, event: &Event| {
        match event {
            Event::IoStart { .. } => *in_flight += 1,
            Event::IoComplete { .. } => *in_flight -= 1,
            _ => {}
        }
        if let Some((pid, t)) = event.transition()
            && let Some(c) = column(pid)
        {
            states[c] = t.endpoints().1;
        }
    };
    for record in timeline.steps() {
        let (interrupts, rest) = record.events.split_at(record.execution_starts_at);
        for e in interrupts {
            apply(&mut states, &mut in_flight, e);
        }
        let io_done = interrupts
            .iter()
            .any(|e| matches!(e, Event::IoComplete { .. }));
        let ran = rest.iter().find_map(|e| match e {
            Event::Execute { pid, op, .. } => Some((*pid, op.name())),
            _ => None,
        });
        let _ = write!(out, "{:3}{}", record.tick, if io_done { '*' } else { ' ' });
        for (c, &pid) in pids.iter().enumerate() {
            match ran {
                Some((runner, op)) if runner == pid => {
                    let _ = write!(out, "{:>14}", format!("RUN:{op}"));
                }
                _ => {
                    let _ = write!(out, "{:>14}", label(states[c]));
                }
            }
        }
        let _ = write!(out, "{:>14}", if ran.is_some() { "1" } else { " " });
        if in_flight > 0 {
            let _ = write!(out, "{in_flight:>14}");
        } else {
            let _ = write!(out, "{:>10}", " ");
        }
        out.push('\n');
        for e in rest {
            apply(&mut states, &mut in_flight, e);
        }
    }
    if opts.print_stats {
        let end = timeline.state_at(timeline.len());
        let stats = end.stats();
        let total = stats.ticks;
        let cpu: u64 = stats.cpu_busy.iter().sum();
        let pct = |n: u64| 100.0 * n as f64 / total as f64;
        let _ = write!(
            out,
            "\nStats: Total Time {total}\nStats: CPU Busy {cpu} ({:.2}%)\nStats: IO Busy  {} ({:.2}%)\n\n",
            pct(cpu),
            stats.io_busy,
            pct(stats.io_busy)
        );
    }
    out
}
