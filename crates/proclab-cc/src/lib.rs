//! The C front end: source text to a [`Program`] of VM
//! instructions laid out in the text segment, with its rodata, data and bss.

pub mod ast;
pub mod codegen;
pub mod diagnostic;
pub mod header_text;
pub mod headers;
pub mod highlight;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod runtime;
pub mod sources;
pub mod types;

use std::collections::BTreeSet;

use diagnostic::Diagnostic;
use proclab_kernel::program::{Program, SourceFile};
use sources::{Includes, NoIncludes, Sources};

/// Compiles one C file, which includes no file of its own, for a machine with pages of
/// `page_size` bytes.
pub fn compile(file: &str, source: &str, page_size: u64) -> Result<Program, Diagnostic> {
    let unit = SourceFile {
        name: file.to_owned(),
        text: source.to_owned(),
    };
    compile_program(&[unit], &NoIncludes, page_size)
}

/// Compiles a program of one or more `.c` files, each preprocessed and parsed on its own
/// (as gcc compiles each), then linked: one of them defines `main`. `#include "name"`
/// finds the program's other files through `includes`.
pub fn compile_program(
    units: &[SourceFile],
    includes: &dyn Includes,
    page_size: u64,
) -> Result<Program, Diagnostic> {
    let mut sources = Sources::default();
    let mut parsed = Vec::new();
    let mut used = BTreeSet::new();
    for unit in units {
        parsed.push(compile_unit(
            &mut sources,
            &mut used,
            &unit.name,
            &unit.text,
            includes,
        )?);
    }
    // The library's C files the program uses, and those they use in turn.
    let mut linked = BTreeSet::new();
    loop {
        let defined: BTreeSet<String> = parsed.iter().flat_map(defined_names).collect();
        let wanted: Vec<_> = runtime::needed(&used, &defined)
            .into_iter()
            .filter(|f| linked.insert(f.name))
            .collect();
        if wanted.is_empty() {
            break;
        }
        for file in wanted {
            let path = runtime::path(file);
            parsed.push(compile_unit(
                &mut sources,
                &mut used,
                &path,
                file.text,
                &NoIncludes,
            )?);
        }
    }
    codegen::generate(&sources, &parsed, page_size)
}

/// Preprocesses and parses one `.c` file of a program, adding the names it uses to `used`.
fn compile_unit(
    sources: &mut Sources,
    used: &mut BTreeSet<String>,
    name: &str,
    text: &str,
    includes: &dyn Includes,
) -> Result<ast::Unit, Diagnostic> {
    let index = sources
        .add(name, text)
        .ok_or_else(|| sources.error(Default::default(), "this program has too many files"))?;
    let tokens = preprocess::preprocess(sources, index, includes)?;
    used.extend(tokens.iter().filter_map(|t| match &t.tok {
        lexer::Tok::Ident(name) => Some(name.clone()),
        _ => None,
    }));
    parser::parse(sources, tokens)
}

/// The functions a unit defines (with a body) and the globals it defines.
fn defined_names(unit: &ast::Unit) -> Vec<String> {
    let functions = unit
        .functions
        .iter()
        .filter(|f| f.body.is_some())
        .map(|f| f.name.clone());
    let globals = unit
        .globals
        .iter()
        .filter(|v| !v.is_extern)
        .map(|v| v.name.clone());
    functions.chain(globals).collect()
}

/// True when a `.c` file defines `main`, so is a program of its own rather than code (such
/// as a textbook's helper functions) linked into the programs that call it.
pub fn defines_main(file: &SourceFile, includes: &dyn Includes) -> Result<bool, Diagnostic> {
    let mut sources = Sources::default();
    sources.add(&file.name, &file.text);
    let tokens = preprocess::preprocess(&mut sources, 0, includes)?;
    let unit = parser::parse(&sources, tokens)?;
    Ok(unit
        .functions
        .iter()
        .any(|f| f.name == "main" && f.body.is_some()))
}
