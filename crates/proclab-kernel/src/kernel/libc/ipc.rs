//! The communication calls besides pipes: socketpair, System V message queues (msgget,
//! msgsnd, msgrcv, msgctl, ftok), shared memory (shmget, shmat, shmdt, shmctl) and
//! semaphores (semget, semop, semctl), and mmap/munmap.

use super::*;
use crate::abi::flags::{AF_UNIX, IPC_RMID, IPC_SET, IPC_STAT, SOCK_STREAM};
use crate::abi::flags::{
    GETALL, GETNCNT, GETPID, GETVAL, GETZCNT, MS_ASYNC, MS_INVALIDATE, MS_SYNC, SETALL, SETVAL,
};
use crate::abi::ipc_ds::{semid_ds, shmid_ds};
use crate::kernel::memory::MapRequest;
use crate::kernel::messages::Received;
use crate::kernel::semaphores::SEMOPM;
use crate::message_queue::Message;
use crate::semaphore_set::SemOp;

/// socketpair(domain, type, protocol, fds): only connected Unix stream sockets are
/// simulated (EOPNOTSUPP otherwise).
pub(super) fn sys_socketpair(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if c.arg(0) != AF_UNIX || c.arg(1) & 0xf != SOCK_STREAM {
        return Err(Errno::EOPNOTSUPP.into());
    }
    let (a, b) = k.make_socket_pair(c.pid, events);
    let fds = [a.to_le_bytes(), b.to_le_bytes()].concat();
    k.copy_to_user(c.pid, c.arg(3), &fds, events)?;
    Ok(Done::Return(0))
}

/// msgget(key, flags): the queue's id.
pub(super) fn sys_msgget(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let id = k.msgget(c.pid, c.int(0), c.arg(1), events)?;
    Ok(Done::Return(id as u64))
}

/// msgsnd(id, &msg, size, flags): a full queue makes the caller sleep and send again.
pub(super) fn sys_msgsnd(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mtype = k.copy_from_user(c.pid, c.arg(1), 8, events)?;
    let mtype = i64::from_le_bytes(mtype.try_into().expect("8 bytes"));
    let text = k.copy_from_user(c.pid, c.arg(1).wrapping_add(8), c.arg(2), events)?;
    Ok(
        match k.msgsnd(c.pid, c.arg(0), Message { mtype, text }, c.arg(3), events)? {
            None => Done::Return(0),
            Some(queue) => Done::Retry(WaitChannel::MsgSend(queue)),
        },
    )
}

/// msgrcv(id, &msg, size, type, flags): with no message of the type, the caller sleeps and
/// receives again.
pub(super) fn sys_msgrcv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let size = usize::try_from(c.arg(2)).unwrap_or(usize::MAX);
    match k.msgrcv(c.pid, c.arg(0), size, c.arg(3) as i64, c.arg(4), events)? {
        Received::Message(m) => {
            let message = [&m.mtype.to_le_bytes()[..], &m.text].concat();
            k.copy_to_user(c.pid, c.arg(1), &message, events)?;
            Ok(Done::Return(m.text.len() as u64))
        }
        Received::MustWait(queue) => Ok(Done::Retry(WaitChannel::MsgRecv(queue))),
    }
}

/// msgctl(id, cmd, buf): IPC_RMID and IPC_STAT (EINVAL for the other commands).
pub(super) fn sys_msgctl(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    match c.arg(1) {
        IPC_RMID => k.msg_remove(c.pid, c.arg(0), events)?,
        IPC_STAT => {
            let ds = k.msqid_ds(c.arg(0))?;
            k.copy_to_user(c.pid, c.arg(2), &ds, events)?;
        }
        _ => return Err(Errno::EINVAL.into()),
    }
    Ok(Done::Return(0))
}

/// shmget(key, size, flags): the segment's id.
pub(super) fn sys_shmget(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let id = k.shmget(c.pid, c.int(0), c.arg(1), c.arg(2), events)?;
    Ok(Done::Return(id as u64))
}

/// shmat(id, addr, flags): the address the segment is attached at.
pub(super) fn sys_shmat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(k.shmat(
        c.pid,
        c.arg(0),
        c.arg(1),
        c.arg(2),
        events,
    )?))
}

/// shmdt(addr).
pub(super) fn sys_shmdt(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.shmdt(c.pid, c.arg(0), events)?;
    Ok(Done::Return(0))
}

/// shmctl(id, cmd, buf): IPC_RMID, IPC_STAT and IPC_SET (EINVAL for the others).
pub(super) fn sys_shmctl(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    match c.arg(1) {
        IPC_RMID => k.shm_remove(c.pid, c.arg(0), events)?,
        IPC_STAT => {
            let ds = k.shm_stat(c.pid, c.arg(0))?;
            k.copy_to_user(c.pid, c.arg(2), &ds, events)?;
        }
        IPC_SET => {
            let ds = k.copy_from_user(c.pid, c.arg(2), shmid_ds::SIZE as u64, events)?;
            k.shm_set(c.pid, c.arg(0), &ds)?;
        }
        _ => return Err(Errno::EINVAL.into()),
    }
    Ok(Done::Return(0))
}

/// semget(key, nsems, flags): the set's id.
pub(super) fn sys_semget(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let id = k.semget(
        c.pid,
        c.int(0),
        u64::from(narrow::low_u32(c.arg(1))),
        c.arg(2),
        events,
    )?;
    Ok(Done::Return(id as u64))
}

/// semop(id, sops, nsops): each `struct sembuf` is a semaphore number (unsigned short), an
/// amount and flags (shorts); the caller sleeps and makes the call again while it cannot
/// go.
pub(super) fn sys_semop(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    // One more than semop takes, so that too many is E2BIG rather than cut short.
    let count = c.arg(2).min(SEMOPM + 1);
    let bytes = k.copy_from_user(c.pid, c.arg(1), 6 * count, events)?;
    let ops: Vec<SemOp> = bytes
        .chunks_exact(6)
        .map(|b| SemOp {
            num: usize::from(u16::from_le_bytes([b[0], b[1]])),
            op: i32::from(i16::from_le_bytes([b[2], b[3]])),
            flags: i32::from(i16::from_le_bytes([b[4], b[5]])),
        })
        .collect();
    Ok(match k.semop(c.pid, c.arg(0), &ops, events)? {
        None => Done::Return(0),
        Some(set) => Done::Retry(WaitChannel::SemSet(set)),
    })
}

/// semctl(id, semnum, cmd, arg): `arg` is `union semun` passed by value, an int for
/// SETVAL and a pointer for GETALL, SETALL, IPC_STAT and IPC_SET.
pub(super) fn sys_semctl(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let set = k.live_sem_set(c.arg(0))?;
    let count = k.semaphore_sets()[set].sems.len();
    let num = usize::try_from(c.int(1)).ok().filter(|&n| n < count);
    let at = |num: Option<usize>| num.ok_or(Errno::EINVAL);
    let arg = c.arg(3);
    let value = match c.arg(2) {
        IPC_RMID => {
            k.sem_remove(c.pid, c.arg(0), events)?;
            0
        }
        GETVAL => k.semaphore_sets()[set].sems[at(num)?].value as u64,
        GETPID => u64::from(k.semaphore_sets()[set].sems[at(num)?].last_pid),
        GETNCNT => k.sem_waiters(set, at(num)?, false),
        GETZCNT => k.sem_waiters(set, at(num)?, true),
        SETVAL => {
            k.sem_set_values(c.pid, c.arg(0), at(num)?, &[narrow::low_i32(arg)], events)?;
            0
        }
        GETALL => {
            let values: Vec<u8> = k.semaphore_sets()[set]
                .sems
                .iter()
                .flat_map(|s| narrow::low_u16(s.value as u64).to_le_bytes())
                .collect();
            k.copy_to_user(c.pid, arg, &values, events)?;
            0
        }
        SETALL => {
            let bytes = k.copy_from_user(c.pid, arg, 2 * count as u64, events)?;
            let values: Vec<i32> = bytes
                .chunks_exact(2)
                .map(|b| i32::from(u16::from_le_bytes([b[0], b[1]])))
                .collect();
            k.sem_set_values(c.pid, c.arg(0), 0, &values, events)?;
            0
        }
        IPC_STAT => {
            let ds = k.semid_ds(set);
            k.copy_to_user(c.pid, arg, &ds, events)?;
            0
        }
        IPC_SET => {
            let ds = k.copy_from_user(c.pid, arg, semid_ds::SIZE as u64, events)?;
            k.sem_set_perm(c.arg(0), &ds)?;
            0
        }
        _ => return Err(Errno::EINVAL.into()),
    };
    Ok(Done::Return(value))
}

/// ftok(path, id): as glibc builds it, the file's inode number and the project id in bits.
pub(super) fn sys_ftok(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    let st = k.stat(c.pid, &path, None)?;
    Ok(Done::Return((st.ino & 0xffff) | ((c.arg(1) & 0xff) << 24)))
}

/// mmap(addr, len, prot, flags, fd, offset): the mapping's address.
pub(super) fn sys_mmap(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let request = MapRequest {
        len: c.arg(1),
        prot: c.arg(2),
        flags: c.arg(3),
        fd: c.int(4),
        offset: c.arg(5),
    };
    Ok(Done::Return(k.mmap(c.pid, request, events)?))
}

/// msync(addr, len, flags): EINVAL for an address off a page boundary or for MS_SYNC with
/// MS_ASYNC or an unknown flag, ENOMEM when part of the range is not mapped; otherwise
/// nothing to do, since a store into a shared file mapping reaches the file at once here.
pub(super) fn sys_msync(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let (addr, len, flags) = (c.arg(0), c.arg(1), c.arg(2));
    let page = k.settings.page_size;
    let both = MS_SYNC | MS_ASYNC;
    if !addr.is_multiple_of(page) || flags & !(both | MS_INVALIDATE) != 0 || flags & both == both {
        return Err(Errno::EINVAL.into());
    }
    let end = addr.checked_add(len).ok_or(Errno::ENOMEM)?;
    let space = &k.process(c.pid).ok_or(Errno::ESRCH)?.memory;
    let mut at = addr;
    while at < end {
        match space.vma_at(at) {
            Some(v) if v.kind != SegmentKind::Kernel => at = v.end,
            _ => return Err(Errno::ENOMEM.into()),
        }
    }
    Ok(Done::Return(0))
}

/// munmap(addr, len).
pub(super) fn sys_munmap(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.munmap(c.pid, c.arg(0), c.arg(1), events)?;
    Ok(Done::Return(0))
}
