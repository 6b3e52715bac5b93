//! `proclab-cli`: ProcLab's engine on the command line, for course authors, tests and
//! debugging. Prints what the page animates, as text.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use proclab_cc::sources::Includes;
use proclab_course::library::{BUILTINS, default_scenario, find_builtin};
use proclab_course::ostep::{fork, generator, process_run};
use proclab_course::runner::{self, c_program_scenario};
use proclab_course::share::{CommandLine, ScenarioDoc, SourceFile};
use proclab_kernel::event::Halt;
use proclab_kernel::scenario::{CLOCK_RATES, Settings};
use proclab_kernel::scheduler::Policy;
use proclab_kernel::timeline::Timeline;
use proclab_kernel::wait_status::Termination;

const HELP: &str = "\
proclab-cli: run ProcLab's process simulator from the command line.

Usage:
  proclab-cli ostep process-run [FLAGS]   OSTEP's process-run.py, simulated by ProcLab
                                           (-P, -l, -L, -S, -I, -c, -p, -s; see --help)
  proclab-cli ostep fork [FLAGS]          OSTEP's fork.py, with ProcLab's real fork and exit
                                           (-A, -a, -f, -s, -t, -F, -L, -R, -P, -c)
  proclab-cli ostep generator [FLAGS]     OSTEP's generator.py: writes read.c and run.c and
                                           prints read.c, or with -c what run.c prints
                                           (-s, -n, -f, -w, -e, -S, -A, -r, -R, -c)
  proclab-cli run FILE.c [MORE.c...] [-I DIR] [--stdin FILE] [--seed N]
                  [--sched fcfs|rr|prio] [--quantum Q] [--clock HZ] [--max-steps N] [--trace] [-- ARG...]
                                          compile FILE.c (linked with the MORE.c files, as
                                           gcc FILE.c MORE.c links them; #include \"x.h\"
                                           looks in the including file's directory, then
                                           in each -I DIR) and run it as the first user
                                           process (argv: ./FILE, then the ARGs; stdin:
                                           FILE, as ./FILE < FILE gives it, else the
                                           terminal, which reads as end of file); prints
                                           what it writes, exits with its status
                                           (at most 200,000,000 steps unless --max-steps;
                                           --clock: ticks in a simulated second, 1000
                                           unless set)
  proclab-cli link FILE.c... [--seed N] [--sched ...] [--quantum Q] [--clock HZ] [--max-steps N]
                  [--step N] [--base URL] [--stdin FILE] [-- ARG...]
                                          the page's share link for a scenario of these
                                           files (the first program runs first, with the
                                           ARGs and stdin; default base
                                           http://127.0.0.1:8080/)
  proclab-cli link --builtin NAME [--step N] [--base URL]
                                          the share link of a built-in C scenario (by its
                                           name, as fork-exec-wait), an editable copy of it
  proclab-cli link --decode LINK          a share link's scenario, as text
  proclab-cli trace [NAME]                the page's default scenario (or the built-in NAME,
                                           as pipeline), one narrated event per line: tick,
                                           then what happened
  proclab-cli --help                      this text
  proclab-cli --version                   the version
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["-h" | "--help" | "help"] => emit(HELP),
        ["-V" | "--version"] => emit(&format!("proclab-cli {}\n", env!("CARGO_PKG_VERSION"))),
        ["ostep", "process-run", ..] => report(process_run::main(&args[2..])),
        ["ostep", "fork", ..] => report(fork::main(&args[2..])),
        ["ostep", "generator", ..] => generate(&args[2..]),
        ["run", ..] => run(&args[1..]),
        ["link", ..] => link(&args[1..]),
        ["trace"] => trace(default_scenario()),
        ["trace", name] => match find_builtin(name) {
            Some(index) => trace((BUILTINS[index].build)()),
            None => {
                eprintln!(
                    "proclab-cli: no built-in scenario is called '{name}'; the names are: {}",
                    BUILTINS
                        .iter()
                        .map(|b| b.slug)
                        .collect::<Vec<_>>()
                        .join(", ")
                );
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!(
                "proclab-cli: unknown command '{}'\nRun 'proclab-cli --help' to see the commands.",
                words.join(" ")
            );
            ExitCode::from(2)
        }
    }
}

/// Sets one of the machine options `run` and `link` share from its value.
fn machine_option(name: &str, v: &str, settings: &mut Settings) -> Result<(), String> {
    let number = || format!("{name} takes a number, not '{v}'");
    match name {
        "--seed" => v.parse().map(|n| settings.seed = n).map_err(|_| number()),
        "--quantum" => v
            .parse()
            .map(|n| settings.scheduler.quantum = n)
            .map_err(|_| number()),
        "--max-steps" => v
            .parse()
            .map(|n| settings.step_limit = n)
            .map_err(|_| number()),
        "--clock" => match v.parse() {
            Ok(rate) if CLOCK_RATES.contains(&rate) => {
                settings.ticks_per_second = rate;
                Ok(())
            }
            _ => Err(format!(
                "--clock takes the ticks in a second, a power of ten from 1000 to 1000000000, \
                 not '{v}'"
            )),
        },
        _ => Policy::from_name(v)
            .map(|p| settings.scheduler.policy = p)
            .ok_or_else(|| format!("--sched must be fcfs, rr or prio, not '{v}'")),
    }
}

/// `link FILE.c...`: prints the page's share link for a scenario of those files;
/// `link --decode LINK` prints a link's scenario back as text.
fn link(args: &[String]) -> ExitCode {
    let usage = "usage: proclab-cli link FILE.c... [--seed N] [--sched fcfs|rr|prio] [--quantum Q] [--clock HZ] [--max-steps N] [--step N] [--base URL] [--stdin FILE] [-- ARG...]\n       proclab-cli link --builtin NAME [--step N] [--base URL]\n       proclab-cli link --decode LINK";
    let fail = |message: String| {
        eprintln!("proclab-cli link: {message}\n{usage}");
        ExitCode::from(2)
    };
    if let [flag, given] = args
        && flag == "--decode"
    {
        let fragment = given.rsplit_once("#s=").map_or(given.as_str(), |(_, f)| f);
        let fragment = fragment.split('&').next().unwrap_or(fragment);
        return match ScenarioDoc::decode(fragment) {
            Ok(doc) => {
                let mut text = format!(
                    "title: {}\nopen at step: {}\nsettings: {:#?}\ncommand line: {:?}\n",
                    doc.title, doc.step, doc.settings, doc.run
                );
                for f in &doc.files {
                    text.push_str(&format!("\n=== {} ===\n{}", f.name, f.text));
                    if !f.text.ends_with('\n') {
                        text.push('\n');
                    }
                }
                emit(&text)
            }
            Err(e) => {
                eprintln!("proclab-cli link: {e}");
                ExitCode::from(1)
            }
        };
    }
    let mut settings = Settings::default();
    let (mut files, mut step, mut base) = (Vec::new(), 0, "http://127.0.0.1:8080/".to_owned());
    let mut builtin: Option<ScenarioDoc> = None;
    let (args, program_args) = match args.iter().position(|a| a == "--") {
        Some(at) => (&args[..at], &args[at + 1..]),
        None => (args, &[][..]),
    };
    let mut run = CommandLine {
        args: program_args.to_vec(),
        stdin: None,
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| rest.next().ok_or_else(|| format!("{name} needs a value"));
        let parsed = match arg.as_str() {
            name @ ("--seed" | "--quantum" | "--max-steps" | "--sched" | "--clock") => {
                value(name).and_then(|v| machine_option(name, v, &mut settings))
            }
            "--step" => value("--step").and_then(|v| {
                v.parse()
                    .map(|n| step = n)
                    .map_err(|_| format!("--step takes a number, not '{v}'"))
            }),
            "--base" => value("--base").map(|v| base = v.clone()),
            "--stdin" => value("--stdin").and_then(|path| {
                std::fs::read_to_string(path)
                    .map(|text| run.stdin = Some(text))
                    .map_err(|e| format!("cannot read {path}: {e}"))
            }),
            "--builtin" => value("--builtin").and_then(|v| {
                let index = find_builtin(v).ok_or_else(|| {
                    format!("no built-in scenario is called '{v}'; the names are: {}", builtin_names())
                })?;
                let entry = &BUILTINS[index];
                let doc = (entry.build)().doc().cloned().ok_or_else(|| {
                    format!("built-in scenario {} ({}) runs synthetic programs, not C, so it has no share link of its own: use #scenario={}", entry.slug, entry.title, entry.slug)
                })?;
                builtin = Some(doc);
                Ok(())
            }),
            other if other.starts_with("--") => Err(format!("unknown option '{other}'")),
            path => std::fs::read_to_string(path)
                .map(|text| {
                    let name = path.rsplit('/').next().unwrap_or(path).to_owned();
                    files.push(SourceFile { name, text });
                })
                .map_err(|e| format!("cannot read {path}: {e}")),
        };
        if let Err(message) = parsed {
            return fail(message);
        }
    }
    let doc = match builtin {
        Some(_) if !files.is_empty() => {
            return fail("give files or --builtin, not both".to_owned());
        }
        Some(doc) => ScenarioDoc { step, ..doc },
        None if files.is_empty() => return fail("which files?".to_owned()),
        None => ScenarioDoc {
            title: files[0].name.clone(),
            files,
            settings,
            step,
            run,
        },
    };
    if let Err(message) = doc.build() {
        eprintln!("{message}");
        return ExitCode::from(2);
    }
    emit(&format!("{base}#s={}\n", doc.encode()))
}

/// Prints a built-in's run, one narrated event per line after its tick.
fn trace(builtin: proclab_course::library::Builtin) -> ExitCode {
    let timeline = Timeline::record(&builtin.scenario()).expect("a built-in is valid");
    let text: String = timeline
        .narration()
        .map(|(tick, sentence)| format!("{tick:>5}  {sentence}\n"))
        .collect();
    emit(&text)
}

/// Writes to stdout; a reader that went away early (`| head`) is not an error.
fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("proclab-cli: cannot write the output: {e}");
            ExitCode::FAILURE
        }
        _ => ExitCode::SUCCESS,
    }
}

/// `ostep generator`: writes the readable and runnable programs, as generator.py does, and
/// prints the readable one.
fn generate(args: &[String]) -> ExitCode {
    let generated = match generator::run(args) {
        Ok(generated) => generated,
        Err(outcome) => return report(outcome),
    };
    for (name, text) in [&generated.readable, &generated.runnable] {
        if let Err(e) = std::fs::write(name, text) {
            eprintln!("proclab-cli ostep generator: cannot write {name}: {e}");
            return ExitCode::FAILURE;
        }
    }
    emit(&generated.printed)
}

fn report(outcome: process_run::Outcome) -> ExitCode {
    match outcome {
        process_run::Outcome::Print(text) => emit(&text),
        process_run::Outcome::Fail(message, code) => {
            eprintln!("{message}");
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}

/// The steps `run` allows a program by default: longer than any course program runs (a
/// loop of a million turns takes about thirty million), yet a runaway one still ends.
const RUN_STEP_LIMIT: u64 = 200_000_000;

/// `#include "name"` as gcc finds it on disk: beside the including file, then in each
/// `-I` directory in order.
struct DiskIncludes {
    dirs: Vec<String>,
}

impl Includes for DiskIncludes {
    fn find(&self, from: &str, name: &str) -> Option<SourceFile> {
        let beside = Path::new(from).parent().unwrap_or(Path::new(""));
        std::iter::once(beside.join(name))
            .chain(self.dirs.iter().map(|d| Path::new(d).join(name)))
            .find_map(|path| {
                let text = std::fs::read_to_string(&path).ok()?;
                Some(SourceFile {
                    name: path.to_string_lossy().into_owned(),
                    text,
                })
            })
    }
}

/// `proclab-cli run`: compiles a C program and runs it on the simulated machine.
fn run(args: &[String]) -> ExitCode {
    let usage = "usage: proclab-cli run FILE.c [MORE.c...] [-I DIR] [--stdin FILE] [--seed N] [--sched fcfs|rr|prio] [--quantum Q] [--clock HZ] [--max-steps N] [--trace] [-- ARG...]";
    let mut stdin = None;
    let mut paths = Vec::new();
    let mut includes = DiskIncludes { dirs: Vec::new() };
    let mut settings = Settings {
        step_limit: RUN_STEP_LIMIT,
        ..Settings::default()
    };
    let mut trace = false;
    let (args, program_args) = match args.iter().position(|a| a == "--") {
        Some(at) => (&args[..at], &args[at + 1..]),
        None => (args, &[][..]),
    };
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        let mut value = |name: &str| rest.next().ok_or_else(|| format!("{name} needs a value"));
        let parsed: Result<(), String> = match arg.as_str() {
            "--trace" => {
                trace = true;
                Ok(())
            }
            name @ ("--seed" | "--quantum" | "--max-steps" | "--sched" | "--clock") => {
                value(name).and_then(|v| machine_option(name, v, &mut settings))
            }
            "-I" => value("-I").map(|dir| includes.dirs.push(dir.clone())),
            "--stdin" => value("--stdin").and_then(|path| {
                std::fs::read(path)
                    .map(|bytes| stdin = Some(bytes))
                    .map_err(|e| format!("cannot read {path}: {e}"))
            }),
            dir if dir.starts_with("-I") => {
                includes.dirs.push(dir[2..].to_owned());
                Ok(())
            }
            other if other.starts_with('-') => Err(format!("unknown option '{other}'")),
            path => {
                paths.push(path.to_owned());
                Ok(())
            }
        };
        if let Err(message) = parsed {
            eprintln!("proclab-cli run: {message}\n{usage}");
            return ExitCode::from(2);
        }
    }
    if paths.is_empty() {
        eprintln!("proclab-cli run: which file?\n{usage}");
        return ExitCode::from(2);
    }
    let mut units = Vec::new();
    for path in &paths {
        match std::fs::read_to_string(path) {
            Ok(text) => units.push(SourceFile {
                name: path.clone(),
                text,
            }),
            Err(e) => {
                eprintln!("proclab-cli run: cannot read {path}: {e}");
                return ExitCode::from(2);
            }
        }
    }
    let mut scenario = match c_program_scenario(&units, &includes, settings) {
        Ok(s) => s,
        Err(diagnostic) => {
            eprintln!("{diagnostic}");
            return ExitCode::from(2);
        }
    };
    scenario.processes[0].args = program_args.to_vec();
    scenario.stdin = stdin;
    let mut printed = 0;
    let mut out = std::io::stdout().lock();
    let mut err = std::io::stderr().lock();
    let result = runner::run(&scenario, |record, kernel| {
        if trace {
            for e in &record.events {
                let _ = writeln!(err, "{:>6}  {}", record.tick, e.narrate());
            }
        }
        for o in &kernel.terminal()[printed..] {
            let _ = if o.fd == 2 {
                err.write_all(&o.bytes)
            } else {
                out.write_all(&o.bytes)
            };
        }
        printed = kernel.terminal().len();
    });
    let _ = out.flush();
    let result = match result {
        Ok(r) => r,
        Err(message) => {
            eprintln!("proclab-cli run: {message}");
            return ExitCode::from(2);
        }
    };
    match result.halt {
        Some(Halt::StepLimit(n)) => {
            let _ = writeln!(
                err,
                "proclab-cli run: stopped at the step limit of {n} steps (raise it with --max-steps)"
            );
            return ExitCode::from(124);
        }
        Some(Halt::Deadlock) => {
            let _ = writeln!(
                err,
                "proclab-cli run: every process is waiting and nothing can wake them (deadlock)"
            );
            return ExitCode::from(125);
        }
        _ => {}
    }
    match result.status {
        Some(Termination::Exited(code)) => ExitCode::from(code as u8),
        Some(Termination::Signaled(signo)) => ExitCode::from(128 + signo as u8),
        None => ExitCode::SUCCESS,
    }
}

/// The built-ins' names, for a message.
fn builtin_names() -> String {
    BUILTINS.map(|b| b.slug).join(", ")
}
