//! Synthetic programs: a list of CPU and I/O instructions, enough to show scheduling without C.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::memory_map::TEXT_BASE;

/// Bytes one synthetic instruction occupies in the text segment.
pub const INSTRUCTION_SIZE: u64 = 4;

/// One synthetic instruction; each takes one tick of CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Compute for one tick (adds one to rax).
    Cpu,
    /// Start an I/O request (a system call that blocks until the device finishes).
    Io,
    /// Handle the finished I/O: the system call returns to user mode.
    IoDone,
}

impl Op {
    /// The name OSTEP's process-run uses for this instruction.
    pub fn name(self) -> &'static str {
        match self {
            Op::Cpu => "cpu",
            Op::Io => "io",
            Op::IoDone => "io_done",
        }
    }
}

/// The code of a process: instructions at consecutive text addresses from [`TEXT_BASE`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// The instructions, in order.
    pub ops: Vec<Op>,
}

/// Why a program description could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramError {
    /// The offending piece of the description.
    pub piece: String,
    /// What is wrong with it and how to fix it.
    pub message: String,
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (in '{}')", self.message, self.piece)
    }
}

impl std::error::Error for ProgramError {}

impl Program {
    /// Reads OSTEP process-run's notation: `c7,i,c1` is compute 7 ticks, one I/O (with its
    /// completion handler), compute 1 tick.
    pub fn parse_ostep(text: &str) -> Result<Program, ProgramError> {
        let mut ops = Vec::new();
        for piece in text.split(',') {
            let error = |message: &str| ProgramError {
                piece: piece.to_owned(),
                message: message.to_owned(),
            };
            match piece.as_bytes().first() {
                Some(b'c') => {
                    let count: usize = piece[1..].parse().map_err(|_| {
                        error("'c' must be followed by a number of ticks, as in c7")
                    })?;
                    if count > MAX_OPS {
                        return Err(error(&too_long()));
                    }
                    ops.extend(std::iter::repeat_n(Op::Cpu, count));
                }
                Some(b'i') if piece.len() == 1 => ops.extend([Op::Io, Op::IoDone]),
                _ => {
                    return Err(error(
                        "each instruction must be cN (compute N ticks) or i (one I/O)",
                    ));
                }
            }
            if ops.len() > MAX_OPS {
                return Err(error(&too_long()));
            }
        }
        Ok(Program { ops })
    }

    /// The instruction at a text address, if the address holds one.
    pub fn op_at(&self, pc: u64) -> Option<Op> {
        let offset = pc.checked_sub(TEXT_BASE)?;
        if offset % INSTRUCTION_SIZE != 0 {
            return None;
        }
        self.ops.get((offset / INSTRUCTION_SIZE) as usize).copied()
    }

    /// The address just past the last instruction.
    pub fn end(&self) -> u64 {
        TEXT_BASE + self.ops.len() as u64 * INSTRUCTION_SIZE
    }
}

/// The longest synthetic program accepted.
pub const MAX_OPS: usize = 100_000;

fn too_long() -> String {
    format!("a program may have at most {MAX_OPS} instructions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ostep_notation_expands_compute_runs_and_io_pairs() {
        let p = Program::parse_ostep("c2,i,c1").unwrap();
        assert_eq!(p.ops, [Op::Cpu, Op::Cpu, Op::Io, Op::IoDone, Op::Cpu]);
    }

    #[test]
    fn a_bad_opcode_is_reported_with_the_piece_and_a_fix() {
        let e = Program::parse_ostep("c2,x3").unwrap_err();
        assert_eq!(e.piece, "x3");
        assert!(e.message.contains("cN"));
    }

    #[test]
    fn huge_compute_runs_are_refused_instead_of_exhausting_memory() {
        assert!(Program::parse_ostep("c99999999999").is_err());
    }

    #[test]
    fn op_at_maps_text_addresses_to_instructions() {
        let p = Program::parse_ostep("c1,i").unwrap();
        assert_eq!(p.op_at(TEXT_BASE), Some(Op::Cpu));
        assert_eq!(p.op_at(TEXT_BASE + 4), Some(Op::Io));
        assert_eq!(p.op_at(TEXT_BASE + 12), None);
        assert_eq!(p.op_at(TEXT_BASE + 2), None);
        assert_eq!(p.end(), TEXT_BASE + 12);
    }
}
