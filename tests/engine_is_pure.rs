//! The engine must stay a pure simulation: no web crate may appear in src/engine, so it runs
//! and is tested natively and behaves identically in the browser.

use std::fs;
use std::path::{Path, PathBuf};

const WEB_CRATES: [&str; 5] = ["yew", "web_sys", "js_sys", "gloo", "wasm_bindgen"];

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in fs::read_dir(dir).expect("readable src/engine") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The web crates a piece of Rust source refers to.
fn web_crates_used(source: &str) -> Vec<&'static str> {
    WEB_CRATES
        .into_iter()
        .filter(|name| {
            source.match_indices(name).any(|(i, _)| {
                let before = source[..i].chars().next_back();
                let after = &source[i + name.len()..];
                let word_start = !before.is_some_and(|c| c.is_alphanumeric() || c == '_');
                word_start && (after.starts_with("::") || source[..i].trim_end().ends_with("use"))
            })
        })
        .collect()
}

#[test]
fn the_detector_finds_paths_and_use_declarations_of_web_crates() {
    assert_eq!(web_crates_used("let w = web_sys::window();"), ["web_sys"]);
    assert_eq!(web_crates_used("use yew::prelude::*;"), ["yew"]);
    assert_eq!(web_crates_used("use gloo;"), ["gloo"]);
    assert!(web_crates_used("let my_yew_count = 1; // yew").is_empty());
}

#[test]
fn no_engine_file_uses_a_web_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/engine");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    assert!(files.len() > 5, "src/engine went missing");
    for file in files {
        let source = fs::read_to_string(&file).expect("readable source");
        let used = web_crates_used(&source);
        assert!(used.is_empty(), "{} uses {used:?}", file.display());
    }
}
