//! Every input the fuzzers kept (`fuzz/corpus/TARGET`, minimised with `cargo fuzz cmin`) and
//! every input that once broke a rule (`fuzz/regressions/TARGET`) is replayed through the
//! same check its fuzz target makes, so the test command catches a regression on any of them.

use std::fs;
use std::path::{Path, PathBuf};

use proclab_course::robustness;

/// The kept inputs of one fuzz target, sorted so a failure names the same file every run.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz");
    let mut files: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .map(|kind| root.join(kind).join(target))
        .filter(|dir| dir.is_dir())
        .flat_map(|dir| fs::read_dir(dir).expect("readable directory"))
        .map(|entry| entry.expect("readable entry").path())
        .collect();
    files.sort();
    files
}

/// Replays every input of `target` through `check`, naming the file that fails.
fn replay(target: &str, check: impl Fn(&[u8])) -> usize {
    let files = inputs(target);
    for file in &files {
        let data = fs::read(file).expect("readable input");
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&data)));
        assert!(outcome.is_ok(), "{} breaks its rule", file.display());
    }
    files.len()
}

#[test]
fn the_c_front_end_corpus_compiles_or_explains_every_input() {
    let replayed = replay("c_frontend", |data| {
        robustness::c_frontend(data);
    });
    assert!(
        replayed > 100,
        "the kept corpus is missing ({replayed} inputs)"
    );
}

#[test]
fn the_engine_corpus_runs_every_program_to_a_halt() {
    let replayed = replay("engine_run", robustness::engine_run);
    assert!(
        replayed > 100,
        "the kept corpus is missing ({replayed} inputs)"
    );
}

#[test]
fn the_share_link_corpus_opens_or_explains_every_link() {
    let replayed = replay("share_link", robustness::share_link);
    assert!(
        replayed > 100,
        "the kept corpus is missing ({replayed} inputs)"
    );
}

#[test]
fn the_ostep_option_corpus_parses_or_explains_every_command_line() {
    let replayed = replay("ostep_options", robustness::ostep_options);
    assert!(
        replayed > 100,
        "the kept corpus is missing ({replayed} inputs)"
    );
}
