//! What must hold for any input a user can type, paste or link, one check per untrusted
//! entry point. The fuzz targets (`fuzz/`) drive these with libFuzzer, and the test command
//! replays every kept input (`fuzz/corpus/`, `fuzz/regressions/`) through them, so an input
//! that once broke a rule keeps being checked.

use crate::ostep::import::import;
use crate::ostep::{fork, generator, process_run};
use crate::runner::{c_scenario, run};
use crate::share::ScenarioDoc;
use proclab_cc::compile;
use proclab_kernel::scenario::Settings;

/// The steps [`engine_run`] gives a program: enough to fork, fault and exit many times.
const ENGINE_RUN_STEPS: u64 = 3_000;

/// Any text through the C front end (lexer, preprocessor, parser, code generator) gives a
/// program or a diagnostic with a message at a line inside the text; it never panics.
/// Returns whether the text compiled.
pub fn c_frontend(data: &[u8]) -> bool {
    let Ok(source) = std::str::from_utf8(data) else {
        return false;
    };
    match compile("fuzz.c", source, 4096) {
        Ok(_) => true,
        Err(d) => {
            let lines = source.split('\n').count() as u32;
            assert!(!d.message.is_empty(), "an empty message for {source:?}");
            assert!(
                (1..=lines + 1).contains(&d.pos.line),
                "line {} outside the text ({lines} lines): {source:?}",
                d.pos.line
            );
            false
        }
    }
}

/// Any program that compiles runs to a halt within a few thousand steps; debug builds also
/// check the memory invariants after every step.
pub fn engine_run(data: &[u8]) {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let settings = Settings {
        step_limit: ENGINE_RUN_STEPS,
        ..Settings::default()
    };
    if let Ok(scenario) = c_scenario("fuzz.c", source, settings) {
        let result = run(&scenario, |_, _| {}).expect("a compiled program boots");
        assert!(result.halt.is_some(), "a run ended without a reason");
    }
}

/// Any text as a share link gives a scenario or a reason it cannot be opened, and a link
/// that decodes also builds or says why not.
pub fn share_link(data: &[u8]) {
    let link = String::from_utf8_lossy(data);
    match ScenarioDoc::decode(&link) {
        Ok(doc) => {
            if let Err(reason) = doc.build() {
                assert!(!reason.is_empty(), "a scenario refused without a reason");
            }
        }
        Err(e) => assert!(!e.to_string().is_empty(), "a link refused without a reason"),
    }
}

/// Any command line for the OSTEP simulators' option parsers (arguments split at NUL
/// bytes) gives options or a usage error, and any text pasted as a command line into the
/// page's import gives a scenario or a reason; never a panic.
pub fn ostep_options(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let args: Vec<String> = text.split('\0').map(str::to_owned).collect();
    let _ = process_run::parse_args(&args);
    let _ = fork::parse_args(&args);
    let _ = generator::run(&args);
    if let Err(reason) = import(&text) {
        assert!(
            !reason.is_empty(),
            "a command line refused without a reason"
        );
    }
}
