//! The System V IPC status structs as glibc lays them out on x86-64, for msgctl, shmctl and
//! semctl's IPC_STAT and IPC_SET: each begins with a 48-byte `struct ipc_perm` (key, uid,
//! gid, cuid, cgid, mode, …). `<sys/msg.h>`, `<sys/shm.h>` and `<sys/sem.h>` declare the same
//! layouts to C programs (a test compiles them and compares the offsets).

/// An IPC object's `struct ipc_perm`, as IPC_STAT reports it (its creator is its owner: no
/// call here changes one without the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IpcPerm {
    /// `__key`.
    pub key: i32,
    /// `uid` and `cuid`.
    pub uid: u32,
    /// `gid` and `cgid`.
    pub gid: u32,
    /// `mode`: the permission bits (and SHM_DEST for a segment being removed).
    pub mode: u32,
}

/// `uid` in `struct ipc_perm`, the first of the four 32-bit ids (uid, gid, cuid, cgid).
pub const PERM_UID: usize = 4;
/// `mode` in `struct ipc_perm`.
pub const PERM_MODE: usize = 20;

impl IpcPerm {
    /// Writes it at the start of a status struct.
    pub fn write(&self, ds: &mut [u8]) {
        ds[..4].copy_from_slice(&self.key.to_le_bytes());
        for (k, id) in [self.uid, self.gid, self.uid, self.gid].iter().enumerate() {
            let at = PERM_UID + 4 * k;
            ds[at..at + 4].copy_from_slice(&id.to_le_bytes());
        }
        ds[PERM_MODE..PERM_MODE + 4].copy_from_slice(&self.mode.to_le_bytes());
    }

    /// What IPC_SET takes from a status struct: the owner's uid and the permission bits.
    pub fn owner_and_mode(ds: &[u8]) -> (u32, u32) {
        let word = |at: usize| {
            ds.get(at..at + 4)
                .map_or(0, |b| u32::from_le_bytes(b.try_into().expect("4 bytes")))
        };
        (word(PERM_UID), word(PERM_MODE) & 0o777)
    }
}

/// `struct msqid_ds`.
pub mod msqid_ds {
    /// Bytes in the struct.
    pub const SIZE: usize = 120;
    /// `msg_stime`, `msg_rtime`, `msg_ctime`: three 64-bit times from here.
    pub const TIMES: usize = 48;
    /// `__msg_cbytes`: bytes queued.
    pub const CBYTES: usize = 72;
    /// `msg_qnum`: messages queued.
    pub const QNUM: usize = 80;
    /// `msg_qbytes`: the most bytes the queue holds.
    pub const QBYTES: usize = 88;
    /// `msg_lspid`: the last sender.
    pub const LSPID: usize = 96;
    /// `msg_lrpid`: the last receiver.
    pub const LRPID: usize = 100;
}

/// `struct shmid_ds`.
pub mod shmid_ds {
    /// Bytes in the struct.
    pub const SIZE: usize = 112;
    /// `shm_segsz`.
    pub const SEGSZ: usize = 48;
    /// `shm_atime`, `shm_dtime`, `shm_ctime`: three 64-bit times from here.
    pub const TIMES: usize = 56;
    /// `shm_cpid`.
    pub const CPID: usize = 80;
    /// `shm_lpid`.
    pub const LPID: usize = 84;
    /// `shm_nattch`.
    pub const NATTCH: usize = 88;
}

/// `struct semid_ds`.
pub mod semid_ds {
    /// Bytes in the struct.
    pub const SIZE: usize = 104;
    /// `sem_otime`: the last semop.
    pub const OTIME: usize = 48;
    /// `sem_ctime`: made or last changed.
    pub const CTIME: usize = 64;
    /// `sem_nsems`.
    pub const NSEMS: usize = 80;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipc_perm_round_trips_its_owner_and_mode() {
        let mut ds = [0u8; shmid_ds::SIZE];
        IpcPerm {
            key: 0x2a,
            uid: 1000,
            gid: 100,
            mode: 0o1640,
        }
        .write(&mut ds);
        assert_eq!(&ds[..4], &0x2a_i32.to_le_bytes());
        assert_eq!(&ds[8..12], &100_u32.to_le_bytes(), "gid");
        assert_eq!(IpcPerm::owner_and_mode(&ds), (1000, 0o640));
    }
}
