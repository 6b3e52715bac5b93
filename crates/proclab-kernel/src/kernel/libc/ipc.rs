//! The communication calls besides pipes: socketpair, System V message queues (msgget,
//! msgsnd, msgrcv, msgctl, ftok) and shared memory (shmget, shmat, shmdt, shmctl), and
//! mmap/munmap.

use super::*;
use crate::abi::flags::{AF_UNIX, IPC_RMID, IPC_SET, IPC_STAT, SOCK_STREAM};
use crate::kernel::memory::MapRequest;
use crate::kernel::messages::Received;
use crate::kernel::shm::shmid_ds;
use crate::message_queue::Message;

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

/// msgctl(id, cmd, buf): only IPC_RMID is simulated; the status calls need struct
/// msqid_ds (EINVAL).
pub(super) fn sys_msgctl(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if c.arg(1) != IPC_RMID {
        return Err(Errno::EINVAL.into());
    }
    k.msg_remove(c.pid, c.arg(0), events)?;
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

/// munmap(addr, len).
pub(super) fn sys_munmap(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.munmap(c.pid, c.arg(0), c.arg(1), events)?;
    Ok(Done::Return(0))
}
