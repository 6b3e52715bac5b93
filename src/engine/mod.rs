//! The simulation: a pure, deterministic model of a Unix-like kernel. It knows nothing of
//! the web; the page and the CLI both drive it through [`timeline::Timeline`].
//!
//! scenario (data) → [`kernel::Kernel`] (one tick per step, emitting [`event::Event`]s) →
//! [`timeline::Timeline`] (every step reachable forwards and backwards) → views.

pub mod accounting;
pub mod address_space;
pub mod c;
pub mod cpu_context;
pub mod device;
pub mod errno;
pub mod event;
pub mod exercise;
pub mod file_system;
pub mod frames;
pub mod kernel;
pub mod message_queue;
pub mod open_file;
pub mod ostep;
pub mod page_table;
pub mod pipe;
pub mod printf;
pub mod process;
pub mod program;
pub mod runner;
pub mod scenario;
pub mod scheduler;
pub mod share;
pub mod signal;
pub mod timeline;
pub mod wait_status;
