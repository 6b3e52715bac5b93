//! Whatever a user pastes, the C front end answers with a program or a diagnostic that
//! says where (a line and column inside the text) and what, and a compiled program runs to
//! a halt: random text, random token soup, and single-character mutations of the test
//! corpus never panic.

use std::fs;
use std::path::Path;

use proptest::prelude::*;

use proclab_course::robustness;

/// Compiles `source`; a diagnostic must point inside it and explain itself.
fn compiles_or_explains(source: &str) -> bool {
    robustness::c_frontend(source.as_bytes())
}

/// Runs a compiled program for a few thousand steps; it must halt one way or another.
fn runs_to_a_halt(source: &str) {
    robustness::engine_run(source.as_bytes());
}

const TOKENS: &[&str] = &[
    "int",
    "char",
    "long",
    "unsigned",
    "void",
    "struct",
    "s",
    "{",
    "}",
    "(",
    ")",
    "[",
    "]",
    ";",
    ",",
    "x",
    "y",
    "p",
    "main",
    "=",
    "==",
    "+",
    "-",
    "*",
    "/",
    "%",
    "&",
    "&&",
    "|",
    "||",
    "!",
    "~",
    "<",
    ">",
    "<<",
    ">>",
    "?",
    ":",
    "->",
    ".",
    "++",
    "--",
    "+=",
    "return",
    "if",
    "else",
    "while",
    "for",
    "do",
    "switch",
    "case",
    "default",
    "break",
    "continue",
    "sizeof",
    "typedef",
    "0",
    "1",
    "42",
    "'a'",
    "\"s\"",
    "printf",
    "fork",
    "NULL",
    "#define",
    "#include <stdio.h>",
    "\n",
];

fn corpus() -> Vec<String> {
    let mut sources = Vec::new();
    for dir in ["tests/programs", "src/library/scenarios", "src/library/bin"] {
        for entry in fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).expect("dir") {
            let path = entry.expect("entry").path();
            if path.extension().is_some_and(|e| e == "c") {
                sources.push(fs::read_to_string(path).expect("readable"));
            }
        }
    }
    sources.sort();
    sources
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics_the_compiler(source in "\\PC{0,300}") {
        compiles_or_explains(&source);
    }

    #[test]
    fn token_soup_never_panics_the_compiler_or_the_kernel(
        tokens in prop::collection::vec(prop::sample::select(TOKENS), 0..80),
    ) {
        let body = tokens.join(" ");
        let source = format!("int main(void) {{ {body} }}");
        if compiles_or_explains(&source) {
            runs_to_a_halt(&source);
        }
        compiles_or_explains(&body);
    }

    #[test]
    fn one_character_changes_to_real_programs_never_panic(
        pick in any::<prop::sample::Index>(),
        at in any::<prop::sample::Index>(),
        change in prop_oneof![
            Just(None),
            prop::sample::select(vec!['{', '}', '(', ')', ';', '*', '&', '"', '\'', '0', 'x', ' ', '\\', '[', ']']).prop_map(Some),
        ],
    ) {
        let sources = corpus();
        let source = pick.get(&sources);
        let chars: Vec<char> = source.chars().collect();
        let i = at.index(chars.len().max(1));
        let mut mutated: Vec<char> = chars.clone();
        match change {
            None if !mutated.is_empty() => { mutated.remove(i.min(mutated.len() - 1)); }
            None => {}
            Some(c) => mutated.insert(i.min(mutated.len()), c),
        }
        let mutated: String = mutated.into_iter().collect();
        if compiles_or_explains(&mutated) {
            runs_to_a_halt(&mutated);
        }
    }
}
