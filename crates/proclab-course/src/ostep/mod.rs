//! Compatibility with the OSTEP homework simulators: the same flags, the same printout,
//! computed by this engine.

pub mod fork;
pub mod import;
pub mod options;
pub mod process_run;
