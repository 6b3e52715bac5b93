//! Compatibility with the OSTEP homework simulators: the same flags, the same printout,
//! computed by this engine.

pub mod fork;
pub mod generator;
pub mod import;
pub mod options;
pub mod process_run;
pub mod python_int;
pub mod python_random;
