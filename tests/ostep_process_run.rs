//! Golden tests: `proclab-cli ostep process-run` prints what OSTEP's process-run.py prints.
//! The expected files were recorded from process-run.py by scripts/record-ostep-goldens.

use std::fs;
use std::path::Path;

use proclab::engine::ostep::process_run::{self, Outcome};

fn cases() -> Vec<(String, Vec<String>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/process-run");
    fs::read_to_string(dir.join("cases.tsv"))
        .expect("cases.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| {
            let (name, args) = l.split_once('\t').expect("name<TAB>args");
            (
                name.to_owned(),
                args.split_whitespace().map(str::to_owned).collect(),
            )
        })
        .collect()
}

#[test]
fn every_recorded_process_run_output_is_reproduced_byte_for_byte() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/process-run");
    let cases = cases();
    assert!(cases.len() >= 15, "the golden corpus went missing");
    for (name, args) in cases {
        let expected = fs::read_to_string(dir.join(format!("{name}.out"))).expect(&name);
        match process_run::main(&args) {
            Outcome::Print(actual) => assert_eq!(actual, expected, "case {name}"),
            Outcome::Fail(message, code) => panic!("case {name} failed ({code}): {message}"),
        }
    }
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
