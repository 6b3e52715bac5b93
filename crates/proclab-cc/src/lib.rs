//! The C front end: source text to a [`Program`] of VM
//! instructions laid out in the text segment, with its rodata, data and bss.

pub mod ast;
pub mod codegen;
pub mod diagnostic;
pub mod headers;
pub mod highlight;
pub mod lexer;
pub mod parser;
pub mod preprocess;
pub mod types;

use diagnostic::Diagnostic;
use proclab_kernel::program::Program;

/// Compiles one C file for a machine with pages of `page_size` bytes.
pub fn compile(file: &str, source: &str, page_size: u64) -> Result<Program, Diagnostic> {
    let tokens = preprocess::preprocess(file, source, lexer::tokenize(file, source)?)?;
    let unit = parser::parse(file, source, tokens)?;
    codegen::generate(file, source, &unit, page_size)
}
