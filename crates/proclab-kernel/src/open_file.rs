//! Open file descriptions: what descriptors refer to. fork and dup share one description
//! (and so its offset) between descriptors; it is released when its last reference closes.

use serde::{Deserialize, Serialize};

use super::file_system::Ino;
use super::process::Pid;
use crate::abi::flags::{O_ACCMODE, O_RDWR, O_WRONLY};

/// A file of a process's `/proc/PID` directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProcEntry {
    /// `stat`: the one-line status `ps` reads.
    Stat,
    /// `status`: the same, one field per line, for people.
    Status,
    /// `maps`: the address space's regions.
    Maps,
}

impl ProcEntry {
    /// Every entry, in the order a `/proc/PID` listing shows them.
    pub const ALL: [ProcEntry; 3] = [ProcEntry::Maps, ProcEntry::Stat, ProcEntry::Status];

    /// Its file name.
    pub fn name(self) -> &'static str {
        match self {
            ProcEntry::Stat => "stat",
            ProcEntry::Status => "status",
            ProcEntry::Maps => "maps",
        }
    }
}

/// What an open file description is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileKind {
    /// The terminal (`/dev/tty`).
    Terminal,
    /// `/dev/null`: reads find the end, writes vanish.
    Null,
    /// The read end of the pipe with this index.
    PipeRead(usize),
    /// The write end of the pipe with this index.
    PipeWrite(usize),
    /// A regular file or a program, by inode.
    File(Ino),
    /// A directory, by inode; the offset counts the entries read.
    Directory(Ino),
    /// The directory `/proc/PID`.
    ProcDir(Pid),
    /// A file in `/proc/PID`, made from the process table when it is read.
    ProcFile(Pid, ProcEntry),
    /// One end of a Unix socket pair: it reads pipe `rx` and writes pipe `tx`, which the
    /// other end writes and reads.
    Socket {
        /// The pipe it reads.
        rx: usize,
        /// The pipe it writes.
        tx: usize,
    },
}

impl FileKind {
    /// The pipe reading this file takes bytes from, for pipes and sockets.
    pub fn read_pipe(self) -> Option<usize> {
        match self {
            FileKind::PipeRead(p) | FileKind::Socket { rx: p, .. } => Some(p),
            _ => None,
        }
    }
}

/// One open file description.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenFile {
    /// What it is.
    pub kind: FileKind,
    /// How many descriptors, in all processes, refer to it.
    pub refs: u32,
    /// Where the next read or write happens (for a directory: entries already read).
    pub offset: u64,
    /// The flags it was opened with (access mode, O_APPEND).
    pub flags: u32,
    /// The path it was opened by.
    pub path: String,
}

impl OpenFile {
    /// A description with one reference, at offset 0.
    pub fn new(kind: FileKind, flags: u32, path: &str) -> OpenFile {
        OpenFile {
            kind,
            refs: 1,
            offset: 0,
            flags,
            path: path.to_owned(),
        }
    }

    /// May be read from.
    pub fn readable(&self) -> bool {
        self.flags & O_ACCMODE != O_WRONLY
    }

    /// May be written to.
    pub fn writable(&self) -> bool {
        matches!(self.flags & O_ACCMODE, O_WRONLY | O_RDWR)
    }

    /// How `ls -l /proc/PID/fd` would name it.
    pub fn describe(&self) -> String {
        match self.kind {
            FileKind::PipeRead(_) if self.path.starts_with('/') => {
                format!("FIFO {} (read end)", self.path)
            }
            FileKind::PipeWrite(_) if self.path.starts_with('/') => {
                format!("FIFO {} (write end)", self.path)
            }
            FileKind::PipeRead(p) => format!("pipe {p} (read end)"),
            FileKind::Socket { rx, tx } => format!("socket (reads pipe {rx}, writes pipe {tx})"),
            FileKind::PipeWrite(p) => format!("pipe {p} (write end)"),
            _ => self.path.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::abi::flags::O_APPEND;

    #[test]
    fn the_access_mode_decides_reading_and_writing() {
        let r = OpenFile::new(FileKind::File(3), 0, "/tmp/a");
        let w = OpenFile::new(FileKind::File(3), O_WRONLY | O_APPEND, "/tmp/a");
        let rw = OpenFile::new(FileKind::File(3), O_RDWR, "/tmp/a");
        assert!(r.readable() && !r.writable());
        assert!(!w.readable() && w.writable());
        assert!(rw.readable() && rw.writable());
        assert_eq!(w.describe(), "/tmp/a");
        let fifo = OpenFile::new(FileKind::PipeWrite(0), O_WRONLY, "/tmp/f");
        assert_eq!(fifo.describe(), "FIFO /tmp/f (write end)");
        let pipe = OpenFile::new(FileKind::PipeRead(2), 0, "pipe");
        assert_eq!(pipe.describe(), "pipe 2 (read end)");
    }
}
