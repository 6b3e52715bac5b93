//! Any text as a share link: a scenario or a reason it cannot be opened, never a panic
//! (`proclab_course::robustness::share_link`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    proclab_course::robustness::share_link(data);
});
