//! `proclab-cli`: ProcLab's engine on the command line, for course authors, tests and
//! debugging. Prints what the page animates, as text.

use std::io::Write;
use std::process::ExitCode;

use proclab::engine::ostep::{fork, process_run};
use proclab::engine::timeline::Timeline;
use proclab::library::default_scenario;

const HELP: &str = "\
proclab-cli: run ProcLab's process simulator from the command line.

Usage:
  proclab-cli ostep process-run [FLAGS]   OSTEP's process-run.py, simulated by ProcLab
                                           (-P, -l, -L, -S, -I, -c, -p, -s; see --help)
  proclab-cli ostep fork [FLAGS]          OSTEP's fork.py, with ProcLab's real fork and exit
                                           (-A, -a, -f, -s, -t, -F, -L, -R, -P, -c)
  proclab-cli trace                       the page's default scenario, one narrated event
                                           per line: tick, then what happened
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
        ["trace"] => {
            let timeline = Timeline::record(&default_scenario()).expect("the default is valid");
            let text: String = timeline
                .narration()
                .map(|(tick, sentence)| format!("{tick:>5}  {sentence}\n"))
                .collect();
            emit(&text)
        }
        _ => {
            eprintln!(
                "proclab-cli: unknown command '{}'\nRun 'proclab-cli --help' to see the commands.",
                words.join(" ")
            );
            ExitCode::from(2)
        }
    }
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

fn report(outcome: process_run::Outcome) -> ExitCode {
    match outcome {
        process_run::Outcome::Print(text) => emit(&text),
        process_run::Outcome::Fail(message, code) => {
            eprintln!("{message}");
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
