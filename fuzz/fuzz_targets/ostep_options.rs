//! Any command line for the OSTEP simulators' option parsers: options or a usage error,
//! never a panic. Arguments are the input split at NUL bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proclab::engine::ostep::{fork, process_run};

fuzz_target!(|data: &[u8]| {
    let args: Vec<String> = String::from_utf8_lossy(data)
        .split('\0')
        .map(str::to_owned)
        .collect();
    let _ = process_run::parse_args(&args);
    let _ = fork::parse_args(&args);
});
