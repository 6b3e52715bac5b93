//! Any program that compiles, run for a few thousand steps: it halts one way or another,
//! and (in this debug-assertion build) the memory invariants are checked after every step.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proclab::engine::runner::{c_scenario, run};
use proclab::engine::scenario::Settings;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let settings = Settings {
        step_limit: 3_000,
        ..Settings::default()
    };
    if let Ok(scenario) = c_scenario("fuzz.c", source, settings) {
        let result = run(&scenario, |_, _| {}).expect("a compiled program boots");
        assert!(result.halt.is_some());
    }
});
