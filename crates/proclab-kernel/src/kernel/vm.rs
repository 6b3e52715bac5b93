//! The C virtual machine: executes one compiled instruction for the process on a CPU. Its
//! stack, locals and globals are the process's memory, so every push, load and store goes
//! through the page table (and may fault, grow the stack or copy a frame).

use super::*;
use crate::abi::signal::{SIGFPE, SIGSEGV};
use crate::event::{FaultKind, InvalidAccess};
use crate::float;
use crate::narrow;
use crate::program::{VmBin, extend};

/// rbp's index in the register file.
pub(super) const RBP: usize = 6;

impl Kernel {
    pub(super) fn reg(&self, cpu: usize, r: usize) -> u64 {
        self.cpus[cpu].registers.regs[r]
    }

    pub(super) fn set_reg(&mut self, cpu: usize, r: usize, value: u64) {
        self.cpus[cpu].registers.regs[r] = value;
    }

    /// Pushes a 64-bit word onto the process's stack.
    pub(super) fn push(
        &mut self,
        cpu: usize,
        pid: Pid,
        value: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Termination> {
        let sp = self.cpus[cpu].registers.sp.wrapping_sub(8);
        self.store(pid, sp, &value.to_le_bytes(), events)?;
        self.cpus[cpu].registers.sp = sp;
        Ok(())
    }

    /// Pops a 64-bit word off the process's stack.
    pub(super) fn pop(
        &mut self,
        cpu: usize,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Result<u64, Termination> {
        let sp = self.cpus[cpu].registers.sp;
        let value = self.load_word(pid, sp, events)?;
        self.cpus[cpu].registers.sp = sp.wrapping_add(8);
        Ok(value)
    }

    /// Reads a little-endian 64-bit word.
    pub(super) fn load_word(
        &mut self,
        pid: Pid,
        addr: u64,
        events: &mut Vec<Event>,
    ) -> Result<u64, Termination> {
        let mut word = [0u8; 8];
        self.load_into(pid, addr, &mut word, events)?;
        Ok(u64::from_le_bytes(word))
    }

    /// Executes one VM instruction.
    pub(super) fn run_vm(
        &mut self,
        cpu: usize,
        pid: Pid,
        op: &Op,
        events: &mut Vec<Event>,
    ) -> Outcome {
        match self.vm_step(cpu, pid, op, events) {
            Ok(outcome) => outcome,
            // A fault the process has a handler for (and does not block) is Linux's
            // force_sig_fault: the signal is sent, its handler runs as the process returns to
            // user mode, and when the handler returns the instruction runs again.
            Err(Termination::Signaled(signo))
                if matches!(signo, SIGSEGV | SIGFPE) && self.catches(pid, signo) =>
            {
                self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                self.send_signal(pid, signo, events);
                Outcome::Continue
            }
            Err(how) => Outcome::Terminate(how),
        }
    }

    fn vm_step(
        &mut self,
        cpu: usize,
        pid: Pid,
        op: &Op,
        events: &mut Vec<Event>,
    ) -> Result<Outcome, Termination> {
        let rax = self.reg(cpu, 0);
        let set_rax = |k: &mut Self, v: u64| k.set_reg(cpu, 0, v);
        match *op {
            Op::Imm(v) => set_rax(self, v),
            Op::FrameAddr(offset) => {
                let rbp = self.reg(cpu, RBP);
                set_rax(self, rbp.wrapping_add_signed(offset));
            }
            Op::Load { size, signed } => {
                let mut word = [0u8; 8];
                self.load_into(pid, rax, &mut word[..usize::from(size)], events)?;
                set_rax(self, extend(u64::from_le_bytes(word), size, signed));
            }
            Op::Store { size } => {
                let addr = self.pop(cpu, pid, events)?;
                self.store(pid, addr, &rax.to_le_bytes()[..usize::from(size)], events)?;
            }
            Op::StoreLocal { offset, size } => {
                let addr = self.reg(cpu, RBP).wrapping_add_signed(offset);
                self.store(pid, addr, &rax.to_le_bytes()[..usize::from(size)], events)?;
            }
            Op::Zero(n) => {
                self.store(pid, rax, &vec![0; narrow::host_index(n)], events)?;
            }
            Op::Copy(n) => {
                let to = self.pop(cpu, pid, events)?;
                let bytes = self.load(pid, rax, n, events)?;
                self.store(pid, to, &bytes, events)?;
                set_rax(self, to);
            }
            Op::Push => self.push(cpu, pid, rax, events)?,
            Op::PushReg(r) => {
                let value = self.reg(cpu, usize::from(r));
                self.push(cpu, pid, value, events)?;
            }
            Op::Bin(bin) => {
                let lhs = self.pop(cpu, pid, events)?;
                match binary(bin, lhs, rax) {
                    Some(v) => set_rax(self, v),
                    None => {
                        events.push(Event::DivideError { pid });
                        return Err(Termination::Signaled(SIGFPE));
                    }
                }
            }
            Op::Neg => set_rax(self, rax.wrapping_neg()),
            Op::Not => set_rax(self, u64::from(rax == 0)),
            Op::BitNot => set_rax(self, !rax),
            Op::Float(f) => set_rax(self, float::apply(f, rax)),
            Op::Convert { size, signed } => set_rax(self, extend(rax, size, signed)),
            Op::AddImm(n) => set_rax(self, rax.wrapping_add_signed(n)),
            Op::MulImm(n) => set_rax(self, rax.wrapping_mul(n as u64)),
            Op::DivImm(n) => set_rax(self, ((rax as i64) / n.max(1)) as u64),
            Op::Jump(target) => self.cpus[cpu].registers.pc = target,
            Op::JumpIfZero(target) if rax == 0 => self.cpus[cpu].registers.pc = target,
            Op::JumpIfNotZero(target) if rax != 0 => self.cpus[cpu].registers.pc = target,
            Op::JumpIfZero(_) | Op::JumpIfNotZero(_) => {}
            Op::Call(target) => {
                let back = self.cpus[cpu].registers.pc;
                self.push(cpu, pid, back, events)?;
                self.cpus[cpu].registers.pc = target;
            }
            Op::CallIndirect => {
                let program = Rc::clone(&self.proc_mut(pid).program);
                let is_code = rax.is_multiple_of(INSTRUCTION_SIZE) && program.op_at(rax).is_some();
                if !is_code {
                    events.push(Event::PageFault {
                        pid,
                        addr: rax,
                        kind: FaultKind::Invalid(InvalidAccess::NotCode),
                    });
                    return Err(Termination::Signaled(SIGSEGV));
                }
                let back = self.cpus[cpu].registers.pc;
                self.push(cpu, pid, back, events)?;
                self.cpus[cpu].registers.pc = rax;
            }
            Op::Enter(frame) => {
                let rbp = self.reg(cpu, RBP);
                self.push(cpu, pid, rbp, events)?;
                let sp = self.cpus[cpu].registers.sp;
                self.set_reg(cpu, RBP, sp);
                self.cpus[cpu].registers.sp = sp - frame;
            }
            Op::Return => {
                self.cpus[cpu].registers.sp = self.reg(cpu, RBP);
                let rbp = self.pop(cpu, pid, events)?;
                self.set_reg(cpu, RBP, rbp);
                let back = self.pop(cpu, pid, events)?;
                self.cpus[cpu].registers.pc = back;
            }
            Op::AddSp(n) => self.cpus[cpu].registers.sp += n,
            Op::Lib(f, argc) => return self.libc(cpu, pid, f, argc, events),
            _ => unreachable!("run_op handles the synthetic instructions"),
        }
        Ok(Outcome::Continue)
    }
}

/// `lhs op rhs` on 64-bit operands already extended per their C type; None on a division
/// by zero.
fn binary(op: VmBin, lhs: u64, rhs: u64) -> Option<u64> {
    let (sl, sr) = (lhs as i64, rhs as i64);
    Some(match op {
        VmBin::Add => lhs.wrapping_add(rhs),
        VmBin::Sub => lhs.wrapping_sub(rhs),
        VmBin::Mul => lhs.wrapping_mul(rhs),
        VmBin::DivS => sl
            .checked_div(sr)
            .or_else(|| (sr == -1).then_some(sl.wrapping_neg()))? as u64,
        VmBin::DivU => lhs.checked_div(rhs)?,
        VmBin::RemS => sl.checked_rem(sr).or_else(|| (sr == -1).then_some(0))? as u64,
        VmBin::RemU => lhs.checked_rem(rhs)?,
        VmBin::Shl => lhs.wrapping_shl(narrow::low_u32(rhs)),
        VmBin::ShrS => sl.wrapping_shr(narrow::low_u32(rhs)) as u64,
        VmBin::ShrU => lhs.wrapping_shr(narrow::low_u32(rhs)),
        VmBin::And => lhs & rhs,
        VmBin::Or => lhs | rhs,
        VmBin::Xor => lhs ^ rhs,
        VmBin::Eq => u64::from(lhs == rhs),
        VmBin::Ne => u64::from(lhs != rhs),
        VmBin::LtS => u64::from(sl < sr),
        VmBin::LtU => u64::from(lhs < rhs),
        VmBin::LeS => u64::from(sl <= sr),
        VmBin::LeU => u64::from(lhs <= rhs),
        VmBin::GtS => u64::from(sl > sr),
        VmBin::GtU => u64::from(lhs > rhs),
        VmBin::GeS => u64::from(sl >= sr),
        VmBin::GeU => u64::from(lhs >= rhs),
        VmBin::FAdd => float::arithmetic(|a, b| a + b, lhs, rhs),
        VmBin::FSub => float::arithmetic(|a, b| a - b, lhs, rhs),
        VmBin::FMul => float::arithmetic(|a, b| a * b, lhs, rhs),
        VmBin::FDiv => float::arithmetic(|a, b| a / b, lhs, rhs),
        VmBin::FEq => float::compare(f64::eq, lhs, rhs),
        VmBin::FNe => float::compare(f64::ne, lhs, rhs),
        VmBin::FLt => float::compare(f64::lt, lhs, rhs),
        VmBin::FLe => float::compare(f64::le, lhs, rhs),
        VmBin::FGt => float::compare(f64::gt, lhs, rhs),
        VmBin::FGe => float::compare(f64::ge, lhs, rhs),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn division_by_zero_is_reported_and_signed_division_truncates() {
        assert_eq!(binary(VmBin::DivS, 7, 0), None);
        assert_eq!(binary(VmBin::DivS, (-7i64) as u64, 2), Some((-3i64) as u64));
        assert_eq!(binary(VmBin::RemS, (-7i64) as u64, 2), Some((-1i64) as u64));
        assert_eq!(binary(VmBin::LtU, (-1i64) as u64, 1), Some(0));
        assert_eq!(binary(VmBin::LtS, (-1i64) as u64, 1), Some(1));
    }
}
