//! The C front end: source text to a [`Program`](super::program::Program) of VM
//! instructions laid out in the text segment, with its rodata, data and bss.

pub mod ast;
pub mod diagnostic;
pub mod lexer;
pub mod parser;
pub mod types;
