//! Every program in tests/programs/ (a file NAME.c, or a folder NAME/ of files linked
//! together, its NAME.c holding main), and every built-in scenario's program in
//! src/library/scenarios/, prints in ProcLab what gcc's build of it prints on a terminal,
//! and exits the same way (records in tests/programs/NAME.expected, made by
//! scripts/record-program-outputs).
//! How a program is compared comes from its first line (`// proclab: …`) or from
//! tests/programs/NAME.mode: `lines in any order` compares a multiset of lines, since the
//! order depends on scheduling; `only lines starting with: A, B; numbers may differ`
//! compares by shape: only those lines (and the exit line), every number replaced by N
//! (PIDs differ between machines, and so does what a real `ls` lists). A mode starting with
//! `skip:` says why a program is checked elsewhere. A file tests/programs/NAME.stdin is the
//! program's standard input (`./NAME < NAME.stdin`), and NAME.args its arguments (words
//! separated by white space).

use std::fs;
use std::path::Path;

use proclab_course::runner::{c_scenario, run};
use proclab_course::share::{ScenarioDoc, SourceFile};
use proclab_kernel::scenario::{Scenario, Settings};
use proclab_kernel::wait_status::Termination;

/// The scenario that runs a program: one file, or a folder of files (its NAME.c first).
fn scenario_of(path: &Path, settings: Settings) -> Result<Scenario, String> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if !path.is_dir() {
        let source = fs::read_to_string(path).expect("readable program");
        return c_scenario(&name, &source, settings).map_err(|d| d.to_string());
    }
    let main = format!("{name}.c");
    let mut files: Vec<SourceFile> = fs::read_dir(path)
        .expect("a program folder")
        .map(|e| e.expect("entry").path())
        .map(|p| SourceFile {
            name: p.file_name().unwrap().to_string_lossy().into_owned(),
            text: fs::read_to_string(&p).expect("readable file"),
        })
        .collect();
    files.sort_by_key(|f| (f.name != main, f.name.clone()));
    let doc = ScenarioDoc {
        title: name,
        files,
        settings: Settings::default(),
        step: 0,
        run: Default::default(),
    };
    // A link asks for at most a page's steps; the test allows the run more.
    let mut scenario = doc.build()?;
    scenario.settings = settings;
    Ok(scenario)
}

fn proclab_output(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    let settings = Settings {
        step_limit: 20_000_000,
        ..Settings::default()
    };
    let mut scenario =
        scenario_of(path, settings).unwrap_or_else(|d| panic!("{name} does not compile:\n{d}"));
    scenario.stdin = fs::read(path.with_extension("stdin")).ok();
    if let Ok(args) = fs::read_to_string(path.with_extension("args")) {
        scenario.processes[0].args = args.split_whitespace().map(str::to_owned).collect();
    }
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
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/programs");
    let mut programs: Vec<_> = [dir.clone(), root.join("src/library/scenarios")]
        .iter()
        .flat_map(|d| fs::read_dir(d).expect("a program folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "c"))
        .collect();
    programs.sort();
    assert!(programs.len() >= 30, "the program corpus went missing");
    let mut failures = Vec::new();
    for path in programs {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let mode_file = fs::read_to_string(dir.join(format!("{stem}.mode"))).unwrap_or_default();
        if mode_file.starts_with("skip:") {
            continue;
        }
        let expected = fs::read_to_string(dir.join(format!("{stem}.expected")))
            .unwrap_or_else(|_| panic!("{} has no .expected record", path.display()));
        let actual = proclab_output(&path);
        let main = if path.is_dir() {
            path.join(format!("{stem}.c"))
        } else {
            path.clone()
        };
        let source = fs::read_to_string(&main).unwrap();
        let mode = fs::read_to_string(dir.join(format!("{stem}.mode")))
            .map(|m| m.trim().to_owned())
            .unwrap_or_else(|_| {
                let first = source.lines().next().unwrap_or("");
                first.strip_prefix("// proclab: ").unwrap_or("").to_owned()
            });
        let same = if mode == "lines in any order" {
            sorted_lines(&actual) == sorted_lines(&expected)
        } else if let Some(rest) = mode.strip_prefix("only lines starting with: ") {
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
