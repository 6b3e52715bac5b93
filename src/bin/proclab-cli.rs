//! `proclab-cli`: ProcLab's engine on the command line, for course authors, tests and
//! debugging. Prints what the page animates, as text.

use std::process::ExitCode;

use proclab::engine::ostep::{fork, process_run};

const HELP: &str = "\
proclab-cli: run ProcLab's process simulator from the command line.

Usage:
  proclab-cli ostep process-run [FLAGS]   OSTEP's process-run.py, simulated by ProcLab
                                           (-P, -l, -L, -S, -I, -c, -p, -s; see --help)
  proclab-cli ostep fork [FLAGS]          OSTEP's fork.py, with ProcLab's real fork and exit
                                           (-A, -a, -f, -s, -t, -F, -L, -R, -P, -c)
  proclab-cli --help                      this text
  proclab-cli --version                   the version
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let words: Vec<&str> = args.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] | ["-h" | "--help" | "help"] => {
            print!("{HELP}");
            ExitCode::SUCCESS
        }
        ["-V" | "--version"] => {
            println!("proclab-cli {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        ["ostep", "process-run", ..] => report(process_run::main(&args[2..])),
        ["ostep", "fork", ..] => report(fork::main(&args[2..])),
        _ => {
            eprintln!(
                "proclab-cli: unknown command '{}'\nRun 'proclab-cli --help' to see the commands.",
                words.join(" ")
            );
            ExitCode::from(2)
        }
    }
}

fn report(outcome: process_run::Outcome) -> ExitCode {
    match outcome {
        process_run::Outcome::Print(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        process_run::Outcome::Fail(message, code) => {
            eprintln!("{message}");
            ExitCode::from(u8::try_from(code).unwrap_or(1))
        }
    }
}
