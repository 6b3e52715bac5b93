//! ProcLab's machine: a pure, deterministic model of a Unix-like kernel. It knows nothing of
//! C source, of courses or of the web (its manifest lists none of them); the C front end
//! compiles against its [`abi`] and instruction set ([`program`]), and the page and the CLI
//! both drive it through [`timeline::Timeline`].
//!
//! scenario (data) → [`kernel::Kernel`] (one tick per step, emitting [`event::Event`]s) →
//! [`timeline::Timeline`] (every step reachable forwards and backwards) → views.

// A narrowing cast would make the 32-bit page and the 64-bit CLI disagree, or hide a lost
// value: the machine narrows only through `narrow`, or where an `expect` says why not.
#![deny(clippy::cast_possible_truncation)]

pub mod abi;
pub mod accounting;
pub mod address_space;
pub mod cpu_context;
pub mod device;
pub mod event;
pub mod file_system;
pub mod float;
pub mod float_text;
pub mod frames;
pub mod kernel;
pub mod message_queue;
pub mod narration;
pub mod narrow;
pub mod open_file;
pub mod page_table;
pub mod pipe;
pub mod printf;
pub mod process;
pub mod program;
pub mod scanf;
pub mod scenario;
pub mod scheduler;
pub mod semaphore_set;
pub mod shared_memory;
pub mod timeline;
pub mod wait_status;
