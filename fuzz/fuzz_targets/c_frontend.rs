//! Any text through the C front end (lexer, preprocessor, parser, code generator): a
//! program or a diagnostic, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = std::str::from_utf8(data) {
        let _ = proclab::engine::c::compile("fuzz.c", source, 4096);
    }
});
