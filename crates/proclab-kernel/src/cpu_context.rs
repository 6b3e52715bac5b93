//! The CPU registers a process owns while it runs, saved into its PCB at a context switch.

use serde::{Deserialize, Serialize};

/// Whether the CPU executes user code or the kernel on the process's behalf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Ring 3: only the process's own mappings, no privileged instructions.
    User,
    /// Ring 0: inside a system call or interrupt handler.
    Kernel,
}

/// The names of the general registers, in [`CpuContext::regs`] order (x86-64's).
pub const REGISTER_NAMES: [&str; 8] = ["rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9"];

/// Zero flag in [`CpuContext::flags`]: the last result was zero.
pub const FLAG_ZERO: u64 = 1 << 6;
/// Interrupt-enable flag in [`CpuContext::flags`]: timer interrupts can preempt.
pub const FLAG_INTERRUPTS: u64 = 1 << 9;

/// A CPU's register file. The running process's live values sit in the CPU; everyone else's
/// sit in their PCB, and dispatch loads them back so the process resumes where it stopped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CpuContext {
    /// Program counter: address of the next instruction.
    pub pc: u64,
    /// Stack pointer: top of the stack.
    pub sp: u64,
    /// General registers, named by [`REGISTER_NAMES`].
    pub regs: [u64; 8],
    /// Status flags (condition codes, interrupt enable).
    pub flags: u64,
    /// Privilege mode.
    pub mode: Mode,
}

impl CpuContext {
    /// The registers of a process about to run its first instruction.
    pub fn at_entry(entry: u64, stack_top: u64) -> Self {
        CpuContext {
            pc: entry,
            sp: stack_top,
            regs: [0; 8],
            flags: FLAG_INTERRUPTS,
            mode: Mode::User,
        }
    }

    /// The names of the registers whose values differ between two contexts.
    pub fn changed_from(&self, other: &CpuContext) -> Vec<&'static str> {
        let mut changed = Vec::new();
        if self.pc != other.pc {
            changed.push("pc");
        }
        if self.sp != other.sp {
            changed.push("sp");
        }
        for (i, name) in REGISTER_NAMES.iter().enumerate() {
            if self.regs[i] != other.regs[i] {
                changed.push(*name);
            }
        }
        if self.flags != other.flags {
            changed.push("flags");
        }
        if self.mode != other.mode {
            changed.push("mode");
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_context_starts_at_the_entry_in_user_mode_with_interrupts_on() {
        let c = CpuContext::at_entry(0x400000, 0x7fff_ffff_f000);
        assert_eq!(c.pc, 0x400000);
        assert_eq!(c.mode, Mode::User);
        assert_ne!(c.flags & FLAG_INTERRUPTS, 0);
    }

    #[test]
    fn changed_from_names_exactly_the_registers_that_differ() {
        let a = CpuContext::at_entry(0x400000, 0x1000);
        let mut b = a.clone();
        b.pc += 4;
        b.regs[0] = 7;
        b.mode = Mode::Kernel;
        assert_eq!(b.changed_from(&a), ["pc", "rax", "mode"]);
    }
}
