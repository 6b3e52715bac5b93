//! Any program that compiles runs to a halt, the memory invariants checked after every step
//! in this debug-assertion build (`proclab_course::robustness::engine_run`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    proclab_course::robustness::engine_run(data);
});
