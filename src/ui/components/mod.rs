//! One component per view of the page.

pub mod address_space;
pub mod code;
pub mod command_line;
pub mod controls;
pub mod editor;
pub mod event_log;
pub mod exercise;
pub mod ipc_objects;
pub mod message_queues;
pub mod narration;
pub mod open_files;
pub mod ostep_import;
pub mod page_map;
pub mod pcb;
pub mod physical_memory;
pub mod pipes;
pub mod process_tree;
pub mod recording;
pub mod scheduler;
pub mod share_buttons;
pub mod states;
pub mod terminal;
