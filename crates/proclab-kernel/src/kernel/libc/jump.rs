//! `<setjmp.h>`: setjmp and longjmp (and sigsetjmp/siglongjmp, which also keep the signal
//! mask), as non-local jumps: the caller's registers where setjmp returns are kept in the
//! `jmp_buf`, and longjmp puts them back, so setjmp returns a second time.

use super::*;
use crate::abi::flags::SIG_SETMASK;
use crate::event::{FaultKind, InvalidAccess};
use crate::kernel::vm::RBP;

/// Words of a jmp_buf ProcLab uses: the pc setjmp returns to, sp, rbp, whether the mask was
/// kept, the mask.
const SAVED_WORDS: usize = 5;

/// setjmp(env): keeps where it returns to; returns 0.
pub(super) fn sys_setjmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.save_jump(c, false, events)
}

/// sigsetjmp(env, savemask): setjmp that also keeps the signal mask when `savemask` is not
/// zero.
pub(super) fn sys_sigsetjmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.save_jump(c, c.arg(1) != 0, events)
}

/// longjmp(env, val) and siglongjmp: returns from the setjmp that filled `env` again, with
/// `val` (1 for 0), the signal mask restored if sigsetjmp kept it. A jmp_buf that holds no
/// place in the program is a segmentation fault, as jumping to it would be.
pub(super) fn sys_longjmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let words: Vec<u64> = (0..SAVED_WORDS as u64)
        .map(|i| k.load_word(c.pid, c.arg(0).wrapping_add(8 * i), events))
        .collect::<Result<_, _>>()?;
    let (pc, sp, rbp, masked, mask) = (words[0], words[1], words[2], words[3], words[4]);
    let program = Rc::clone(&k.proc_mut(c.pid).program);
    if program.op_at(pc).is_none() {
        events.push(Event::PageFault {
            pid: c.pid,
            addr: pc,
            kind: FaultKind::Invalid(InvalidAccess::NotCode),
        });
        return Err(Failure::Fault(Termination::Signaled(
            crate::abi::signal::SIGSEGV,
        )));
    }
    if masked != 0 {
        let _ = k.set_mask(c.pid, SIG_SETMASK, Some(mask));
    }
    let value = match c.int(1) {
        0 => 1,
        v => v as i64 as u64,
    };
    let registers = &mut k.cpus[c.cpu].registers;
    registers.pc = pc;
    registers.sp = sp;
    registers.regs[RBP] = rbp;
    registers.regs[0] = value;
    Ok(Done::Continue)
}

impl Kernel {
    /// Stores the caller's place (and, if `keep_mask`, its signal mask) in the jmp_buf.
    fn save_jump(&mut self, c: &Call, keep_mask: bool, events: &mut Vec<Event>) -> Sys {
        let registers = &self.cpus[c.cpu].registers;
        let mask = self.process(c.pid).map_or(0, |p| p.ipc.signal_mask);
        let words = [
            registers.pc,
            registers.sp,
            registers.regs[RBP],
            u64::from(keep_mask),
            mask,
        ];
        let bytes: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
        self.store(c.pid, c.arg(0), &bytes, events)?;
        Ok(Done::Return(0))
    }
}
