//! Every program in tests/programs/ prints in ProcLab what gcc's build of it prints on a
//! terminal, and exits the same way (records made by scripts/record-program-outputs).
//! A program whose first line says `// proclab: lines in any order` is compared as a
//! multiset of lines, since its order depends on scheduling; one that says `// proclab:
//! only lines starting with: A, B; numbers may differ` is compared by shape: only those
//! lines (and the exit line), with every number replaced by N (PIDs differ between
//! machines, and so does what a real `ls` lists).

use std::fs;
use std::path::Path;

use proclab::engine::runner::{c_scenario, run};
use proclab::engine::scenario::Settings;
use proclab::engine::wait_status::Termination;

fn proclab_output(path: &Path) -> String {
    let source = fs::read_to_string(path).expect("readable program");
    let name = path.file_name().unwrap().to_string_lossy();
    let settings = Settings {
        step_limit: 2_000_000,
        ..Settings::default()
    };
    let scenario = c_scenario(&name, &source, settings)
        .unwrap_or_else(|d| panic!("{name} does not compile:\n{d}"));
    let result = run(&scenario, |_, _| {}).expect("boots");
    let status = match result.status {
        Some(Termination::Exited(code)) => code & 0xff,
        Some(Termination::Signaled(signo)) => 128 + signo,
        None => panic!("{name} did not finish: {:?}", result.halt),
    };
    format!("{}[exit {status}]\n", result.text())
}

/// The lines of `text` that start with one of `prefixes` (and the exit line), numbers
/// replaced by N.
fn shape(text: &str, prefixes: &[&str]) -> Vec<String> {
    text.lines()
        .filter(|l| l.starts_with("[exit") || prefixes.iter().any(|p| l.starts_with(p)))
        .map(|l| {
            let mut out = String::new();
            for c in l.chars() {
                if c.is_ascii_digit() {
                    if !out.ends_with('N') {
                        out.push('N');
                    }
                } else {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

fn sorted_lines(text: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = text.lines().collect();
    lines.sort_unstable();
    lines
}

#[test]
fn every_program_prints_what_gccs_build_prints() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/programs");
    let mut programs: Vec<_> = fs::read_dir(&dir)
        .expect("tests/programs")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 30, "the program corpus went missing");
    let mut failures = Vec::new();
    for path in programs {
        let expected = fs::read_to_string(path.with_extension("expected"))
            .unwrap_or_else(|_| panic!("{} has no .expected record", path.display()));
        let actual = proclab_output(&path);
        let source = fs::read_to_string(&path).unwrap();
        let first = source.lines().next().unwrap_or("");
        let same = if first.starts_with("// proclab: lines in any order") {
            sorted_lines(&actual) == sorted_lines(&expected)
        } else if let Some(rest) = first.strip_prefix("// proclab: only lines starting with: ") {
            let prefixes: Vec<&str> = rest.split(';').next().unwrap_or("").split(", ").collect();
            shape(&actual, &prefixes) == shape(&expected, &prefixes)
        } else {
            actual == expected
        };
        if !same {
            failures.push(format!(
                "{}:\n--- gcc\n{expected}--- proclab\n{actual}",
                path.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
