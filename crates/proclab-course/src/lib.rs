//! ProcLab's course content, above the machine and the C front end: the built-in scenarios
//! and `/bin`'s programs ([`library`]), share links ([`share`]), predict-then-reveal
//! exercises ([`exercise`]), OSTEP's homework simulators ([`ostep`]), running a C program
//! to its end ([`runner`]), and the rules every untrusted input must keep ([`robustness`]).

pub mod exercise;
pub mod library;
pub mod ostep;
pub mod robustness;
pub mod runner;
pub mod share;
