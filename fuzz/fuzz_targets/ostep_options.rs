//! Any command line for the OSTEP simulators' option parsers: options or a usage error,
//! never a panic (`proclab_course::robustness::ostep_options`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    proclab_course::robustness::ostep_options(data);
});
