//! `<sys/resource.h>`: getrlimit and setrlimit, for the limits ProcLab enforces (the stack's
//! size and the user's processes); other resources are refused with EINVAL.

use super::*;
use crate::abi::flags::{RLIMIT_NPROC, RLIMIT_STACK};
use crate::abi::layout::RLIMIT_SIZE;
use crate::process::Rlimit;

/// The limit `resource` names in `pid`'s PCB; EINVAL for one ProcLab does not enforce.
fn limit_of(k: &mut Kernel, pid: Pid, resource: u64) -> Result<&mut Rlimit, Errno> {
    let limits = &mut k.proc_mut(pid).limits;
    match resource {
        RLIMIT_STACK => Ok(&mut limits.stack),
        RLIMIT_NPROC => Ok(&mut limits.nproc),
        _ => Err(Errno::EINVAL),
    }
}

/// getrlimit(resource, &rlim): the soft and hard limits (none copied for a NULL `rlim`, as
/// Linux's prlimit64 under glibc's getrlimit answers).
pub(super) fn sys_getrlimit(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let limit = *limit_of(k, c.pid, u64::from(c.int(0) as u32))?;
    if c.arg(1) == 0 {
        return Ok(Done::Return(0));
    }
    let mut bytes = limit.soft.to_le_bytes().to_vec();
    bytes.extend_from_slice(&limit.hard.to_le_bytes());
    k.copy_to_user(c.pid, c.arg(1), &bytes, events)?;
    Ok(Done::Return(0))
}

/// setrlimit(resource, &rlim): EINVAL when the soft limit exceeds the hard one, EPERM when
/// an unprivileged process raises its hard limit; a NULL `rlim` changes nothing (Linux's
/// prlimit64).
pub(super) fn sys_setrlimit(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let resource = u64::from(c.int(0) as u32);
    limit_of(k, c.pid, resource)?;
    if c.arg(1) == 0 {
        return Ok(Done::Return(0));
    }
    let bytes = k.copy_from_user(c.pid, c.arg(1), RLIMIT_SIZE, events)?;
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let new = Rlimit {
        soft: word(0),
        hard: word(8),
    };
    if new.soft > new.hard {
        return Err(Errno::EINVAL.into());
    }
    let root = k.process(c.pid).is_some_and(|p| p.uid == 0);
    let limit = limit_of(k, c.pid, resource)?;
    if new.hard > limit.hard && !root {
        return Err(Errno::EPERM.into());
    }
    *limit = new;
    Ok(Done::Return(0))
}
