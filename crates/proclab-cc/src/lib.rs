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
pub mod sources;
pub mod types;

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
    for unit in units {
        let index = sources
            .add(&unit.name, &unit.text)
            .ok_or_else(|| sources.error(Default::default(), "this program has too many files"))?;
        let tokens = preprocess::preprocess(&mut sources, index, includes)?;
        parsed.push(parser::parse(&sources, tokens)?);
    }
    codegen::generate(&sources, &parsed, page_size)
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
