//! Share links: every C built-in survives encode → decode unchanged and still builds; the
//! CLI's links are the page's; arbitrary text and damaged links are refused, never a panic.

use std::process::Command;

use proptest::prelude::*;

use proclab_course::library::BUILTINS;
use proclab_course::share::ScenarioDoc;

#[test]
fn every_c_built_in_round_trips_through_a_link() {
    let mut c_builtins = 0;
    for entry in BUILTINS {
        let (title, build) = (entry.title, entry.build);
        let builtin = build();
        let Some(doc) = builtin.doc() else { continue };
        c_builtins += 1;
        let back = ScenarioDoc::decode(&doc.encode()).unwrap_or_else(|e| panic!("{title}: {e}"));
        assert_eq!(&back, doc, "{title}");
        assert_eq!(back.build().map(|s| s.title), Ok(title.to_owned()));
    }
    assert!(c_builtins >= 10);
}

#[test]
fn the_cli_prints_a_link_the_decoder_reads_back() {
    let cli = env!("CARGO_BIN_EXE_proclab-cli");
    let out = Command::new(cli)
        .args([
            "link",
            "../proclab-course/src/library/scenarios/pipeline.c",
            "--step",
            "12",
            "--quantum",
            "7",
        ])
        .args(["--base", "https://example.org/proclab/"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).expect("text");
    let fragment = link
        .trim()
        .strip_prefix("https://example.org/proclab/#s=")
        .expect("the base and the fragment");
    let doc = ScenarioDoc::decode(fragment).expect("decodes");
    assert_eq!((doc.step, doc.settings.scheduler.quantum), (12, 7));
    assert_eq!(doc.files[0].name, "pipeline.c");
    let decoded = Command::new(cli)
        .args(["link", "--decode", link.trim()])
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&decoded.stdout);
    assert!(
        text.contains("=== pipeline.c ===") && text.contains("open at step: 12"),
        "{text}"
    );
    let broken = Command::new(cli)
        .args(["link", "--decode", &link.trim()[..60]])
        .output()
        .expect("runs");
    assert_eq!(broken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&broken.stderr).contains("damaged or cut short"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_is_refused_or_read_never_a_panic(text in "\\PC{0,400}") {
        let _ = ScenarioDoc::decode(&text);
    }

    #[test]
    fn damaged_links_are_refused_or_read_never_a_panic(
        cut in any::<prop::sample::Index>(),
        flip in any::<prop::sample::Index>(),
        with in "[A-Za-z0-9_-]",
    ) {
        let link = (BUILTINS[0].build)().doc().expect("a C built-in").encode();
        let _ = ScenarioDoc::decode(&link[..cut.index(link.len() + 1)]);
        let mut chars: Vec<char> = link.chars().collect();
        let at = flip.index(chars.len());
        chars[at] = with.chars().next().expect("one char");
        let _ = ScenarioDoc::decode(&chars.into_iter().collect::<String>());
    }
}
