//! The page's model in plain Rust, with no web crate, so it is tested natively: what the
//! page shows (the viewer's state and the verbs that change it), the page's address (its
//! parse and format; a program's command line), and what the views derive from one step (the PCB's fields, the pages
//! a process shares, the narration of a step or a line, the timeline's marks). The Yew components in `ui` draw it; the
//! effects (timers, the clock, performance marks, the address bar, storage) stay there.

pub mod address;
pub mod clock;
pub mod command_line;
pub mod gantt;
pub mod ipc_objects;
pub mod layout;
pub mod listing;
pub mod log;
pub mod moments;
pub mod narration;
pub mod pages;
pub mod pcb;
pub mod physical;
pub mod recording;
pub mod signal_frames;
pub mod values;
pub mod viewer;
