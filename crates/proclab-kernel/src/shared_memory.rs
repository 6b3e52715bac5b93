//! System V shared memory segments (shmget, shmat, shmdt, shmctl): memory the kernel keeps
//! apart from any process, whose frames every attached process maps, and whose bytes
//! outlive the attachments until the segment is removed. (Linux keeps a segment as a file
//! on an internal file system, named `SYSV` and its key in eight hex digits, and gives it
//! pages at each first touch; ProcLab gives it all its frames when it is made.)

use serde::{Deserialize, Serialize};

use crate::process::Pid;

/// One segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// The key it was made with; IPC_PRIVATE (0) for a private one, and after IPC_RMID.
    pub key: i32,
    /// Its size in bytes, as asked (it occupies whole pages).
    pub size: u64,
    /// Its frames, one per page, each holding one reference of its own, so they outlive
    /// the attachments.
    pub frames: Vec<usize>,
    /// Its permission bits (the low nine of shmget's flags).
    pub mode: u32,
    /// The user that made it (and owns it).
    pub uid: u32,
    /// Its group: the maker's.
    #[serde(default)]
    pub gid: u32,
    /// The process that made it.
    pub creator: Pid,
    /// The last process that attached or detached it.
    pub last_pid: Pid,
    /// How many attachments exist (a fork's child counts its own).
    pub attached: u64,
    /// When it was last attached, detached, and made or changed (seconds since the epoch).
    pub times: SegmentTimes,
    /// IPC_RMID was asked: it goes when its last attachment does.
    pub removing: bool,
    /// Gone: its id names nothing any more.
    pub destroyed: bool,
}

/// A segment's times, as `struct shmid_ds` reports them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentTimes {
    /// Last shmat (0: never).
    pub attached: u64,
    /// Last shmdt (0: never).
    pub detached: u64,
    /// Made, or last changed by shmctl.
    pub changed: u64,
}

impl Segment {
    /// The name Linux's `/proc/PID/maps` shows for an attachment, as in
    /// `/SYSV0000002a (deleted)`.
    pub fn map_name(&self) -> String {
        format!("/SYSV{:08x} (deleted)", self.key)
    }

    /// Its mode as `struct ipc_perm` reports it: the permission bits, and SHM_DEST
    /// (01000) once it is being removed.
    pub fn reported_mode(&self) -> u32 {
        const SHM_DEST: u32 = 0o1000;
        self.mode | if self.removing { SHM_DEST } else { 0 }
    }
}

/// Where a process attached a segment: kept in its address space so fork copies it and
/// exit and exec detach it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attachment {
    /// The segment's id.
    pub segment: usize,
    /// The address it was attached at.
    pub start: u64,
}
