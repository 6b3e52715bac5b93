//! Any text as a share link: a scenario or a reason it cannot be opened, never a panic; a
//! link that decodes also builds or explains why not.
#![no_main]

use libfuzzer_sys::fuzz_target;
use proclab::engine::share::ScenarioDoc;

fuzz_target!(|data: &[u8]| {
    let link = String::from_utf8_lossy(data);
    if let Ok(doc) = ScenarioDoc::decode(&link) {
        let _ = doc.build();
    }
});
