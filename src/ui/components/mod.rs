//! One component per view of the page.

pub mod controls;
pub mod event_log;
pub mod narration;
pub mod pcb;
pub mod process_tree;
pub mod scheduler;
