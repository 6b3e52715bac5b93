//! Any text through the C front end: a program or a diagnostic that says where, never a
//! panic (`proclab_course::robustness::c_frontend`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = proclab_course::robustness::c_frontend(data);
});
