//! The calls ProcLab declares but does not simulate (see [`crate::abi::unsimulated`]): each
//! fails as Linux's does without the feature, with ENOSYS, and says so.

use super::*;
use crate::abi::unsimulated::{EAI_SYSTEM, Fails, UNSIMULATED};

/// Fails the call to an unsimulated function, in its own style.
pub(super) fn sys_unsimulated(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let LibFn::Unsimulated(index) = c.function else {
        return Err(Errno::ENOSYS.into());
    };
    let Some(function) = UNSIMULATED.get(usize::from(index)) else {
        return Err(Errno::ENOSYS.into());
    };
    events.push(Event::NotSimulated {
        pid: c.pid,
        function: function.name.to_owned(),
    });
    let enosys = Errno::ENOSYS.code() as u64;
    match function.fails {
        Fails::MinusOne | Fails::Null => Err(Errno::ENOSYS.into()),
        Fails::ErrorNumber => Ok(Done::Return(enosys)),
        Fails::SystemError => {
            k.set_errno(c.pid, Errno::ENOSYS, events)?;
            Ok(Done::Return(EAI_SYSTEM as i64 as u64))
        }
        Fails::Nothing => Ok(Done::Return(0)),
    }
}
