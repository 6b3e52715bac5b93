//! Open file descriptions: what descriptors refer to. fork and dup share one description
//! between descriptors; it is released when its last reference closes.

use serde::{Deserialize, Serialize};

/// What an open file description is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// The terminal (`/dev/tty`).
    Terminal,
    /// The read end of the pipe with this index.
    PipeRead(usize),
    /// The write end of the pipe with this index.
    PipeWrite(usize),
}

/// One open file description.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFile {
    /// What it is.
    pub kind: FileKind,
    /// How many descriptors, in all processes, refer to it.
    pub refs: u32,
}

impl FileKind {
    /// How `ls -l /proc/PID/fd` would name it.
    pub fn describe(self) -> String {
        match self {
            FileKind::Terminal => "/dev/tty".to_owned(),
            FileKind::PipeRead(p) => format!("pipe {p} (read end)"),
            FileKind::PipeWrite(p) => format!("pipe {p} (write end)"),
        }
    }
}
