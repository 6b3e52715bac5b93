//! Golden tests: `proclab-cli ostep process-run`, `ostep fork` and `ostep generator` print
//! what OSTEP's process-run.py, fork.py and generator.py print, for explicit lists and for
//! seeds. The expected files were recorded from the originals by
//! scripts/record-ostep-goldens.

use std::fs;
use std::path::{Path, PathBuf};

use proclab_course::ostep::process_run::{self, Outcome};
use proclab_course::ostep::{fork, generator};

fn folder(simulator: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(simulator)
}

/// Each recorded case of a simulator: its name and arguments.
fn cases(simulator: &str) -> Vec<(String, Vec<String>)> {
    fs::read_to_string(folder(simulator).join("cases.tsv"))
        .expect("cases.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (name, args) = l.split_once('\t').expect("name<TAB>args");
            (name.to_owned(), words(args))
        })
        .collect()
}

/// A case's arguments split into words as a shell splits them: at spaces, except inside
/// '…'.
fn words(args: &str) -> Vec<String> {
    args.split('\'')
        .enumerate()
        .flat_map(|(i, part)| {
            if i % 2 == 1 {
                vec![part.to_owned()]
            } else {
                part.split_whitespace().map(str::to_owned).collect()
            }
        })
        .collect()
}

/// Runs every recorded case of a simulator and compares its output with the record.
fn check_goldens(simulator: &str, run: fn(&[String]) -> Outcome) {
    let cases = cases(simulator);
    assert!(
        cases.len() >= 14,
        "the {simulator} golden corpus went missing"
    );
    for (name, args) in cases {
        let expected = fs::read_to_string(folder(simulator).join(format!("{name}.out")))
            .unwrap_or_else(|e| panic!("{simulator}/{name}.out: {e}"));
        match run(&args) {
            Outcome::Print(actual) => assert_eq!(actual, expected, "case {simulator}/{name}"),
            Outcome::Fail(message, code) => panic!("case {name} failed ({code}): {message}"),
        }
    }
}

#[test]
fn every_recorded_process_run_output_is_reproduced_byte_for_byte() {
    check_goldens("process-run", process_run::main);
}

#[test]
fn every_recorded_fork_output_is_reproduced_byte_for_byte() {
    check_goldens("fork", fork::main);
}

#[test]
fn every_recorded_generator_output_is_reproduced_byte_for_byte() {
    check_goldens("generator", generator::main);
}

#[test]
fn each_simulator_has_at_least_thirty_seeded_goldens() {
    for simulator in ["process-run", "fork", "generator"] {
        let seeded = cases(simulator)
            .iter()
            .filter(|(_, args)| args.iter().any(|a| a == "-s"))
            .count();
        assert!(seeded >= 30, "{simulator}: {seeded} seeded cases");
    }
}

#[test]
fn fork_refuses_a_tiny_fork_percentage_like_fork_py() {
    let args = ["-f", "0.0001"].map(String::from);
    assert_eq!(
        fork::main(&args),
        Outcome::Fail("fork_percentage must be > 0.001".to_owned(), 1)
    );
}

#[test]
fn a_bad_opcode_fails_with_exit_1_and_names_the_piece() {
    let args = ["-P", "c2,x"].map(String::from);
    match process_run::main(&args) {
        Outcome::Fail(message, 1) => assert!(message.contains("'x'"), "{message}"),
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn an_unknown_flag_fails_with_optparse_usage_and_exit_2() {
    let args = ["-Q"].map(String::from);
    assert_eq!(
        process_run::main(&args),
        Outcome::Fail(
            "Usage: process-run [options]\n\nprocess-run: error: no such option: -Q".to_owned(),
            2
        )
    );
}

#[test]
fn a_bad_switch_value_is_refused_with_the_choices() {
    let args = ["-l", "1:100", "-S", "SWITCH_SOMETIMES"].map(String::from);
    match process_run::main(&args) {
        Outcome::Fail(message, 2) => assert!(message.contains("SWITCH_ON_END"), "{message}"),
        other => panic!("expected a usage failure, got {other:?}"),
    }
}

#[test]
fn a_malformed_process_list_gets_process_runs_explanation() {
    let args = ["-l", "5"].map(String::from);
    match process_run::main(&args) {
        Outcome::Fail(message, 1) => assert!(message.starts_with("Bad description (5)")),
        other => panic!("expected a failure, got {other:?}"),
    }
}
