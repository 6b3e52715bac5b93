//! The memory-management part of the PCB: where each segment of the virtual address space
//! lies (x86-64 Linux's layout) and where the process's page table is.

use serde::{Deserialize, Serialize};

use super::program::Program;

/// Where the text segment starts, as in a non-PIE x86-64 Linux executable.
pub const TEXT_BASE: u64 = 0x40_0000;
/// The top of the user stack.
pub const STACK_TOP: u64 = 0x7fff_ffff_f000;
/// The first kernel address; user mode cannot touch anything from here up.
pub const KERNEL_BASE: u64 = 0xffff_8000_0000_0000;
/// The size of a page in the default layout.
pub const DEFAULT_PAGE_SIZE: u64 = 4096;

/// A region of the virtual address space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SegmentKind {
    /// Machine code: read-only, executable.
    Text,
    /// Initialised globals and statics.
    Data,
    /// Zero-initialised globals and statics.
    Bss,
    /// malloc's memory; grows up with brk.
    Heap,
    /// Call frames and locals; grows down.
    Stack,
    /// The kernel's half, mapped in every process but closed to user mode.
    Kernel,
}

impl Segment {
    /// Permissions in `/proc/PID/maps` style, e.g. `r-x`; the kernel segment shows `---`
    /// because user mode may not touch it at all.
    pub fn perms(&self) -> String {
        if self.kind == SegmentKind::Kernel {
            return "---".to_owned();
        }
        let w = if self.writable { 'w' } else { '-' };
        let x = if self.executable { 'x' } else { '-' };
        format!("r{w}{x}")
    }
}

impl SegmentKind {
    /// The label a memory diagram gives the segment.
    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::Text => "text",
            SegmentKind::Data => "data",
            SegmentKind::Bss => "bss",
            SegmentKind::Heap => "heap",
            SegmentKind::Stack => "stack",
            SegmentKind::Kernel => "kernel",
        }
    }
}

/// One entry of the segment table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// Which segment.
    pub kind: SegmentKind,
    /// First address.
    pub start: u64,
    /// One past the last address.
    pub end: u64,
    /// May be written.
    pub writable: bool,
    /// May be executed.
    pub executable: bool,
}

/// Memory-management information of one process.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryMap {
    /// Physical address of the top-level page table (what CR3 holds while it runs).
    pub page_table_base: u64,
    /// Lowest and highest user address the process may use.
    pub limits: (u64, u64),
    /// Segments, lowest address first; the kernel segment last.
    pub segments: Vec<Segment>,
    /// Address of the first instruction.
    pub entry: u64,
    /// Initial stack pointer.
    pub stack_top: u64,
}

impl MemoryMap {
    /// The layout a freshly loaded program gets; the page table is not placed yet.
    pub fn for_program(program: &Program) -> Self {
        let text_end = round_up(program.end(), DEFAULT_PAGE_SIZE);
        let stack_bottom = STACK_TOP - DEFAULT_PAGE_SIZE;
        let segments = vec![
            segment(SegmentKind::Text, TEXT_BASE, text_end, "r-x"),
            segment(SegmentKind::Data, text_end, text_end, "rw-"),
            segment(SegmentKind::Bss, text_end, text_end, "rw-"),
            segment(SegmentKind::Heap, text_end, text_end, "rw-"),
            segment(SegmentKind::Stack, stack_bottom, STACK_TOP, "rw-"),
            segment(SegmentKind::Kernel, KERNEL_BASE, u64::MAX, "---"),
        ];
        MemoryMap {
            page_table_base: 0,
            limits: (TEXT_BASE, STACK_TOP - 1),
            segments,
            entry: TEXT_BASE,
            stack_top: STACK_TOP,
        }
    }
}

fn segment(kind: SegmentKind, start: u64, end: u64, perms: &str) -> Segment {
    Segment {
        kind,
        start,
        end,
        writable: perms.contains('w'),
        executable: perms.contains('x'),
    }
}

fn round_up(value: u64, to: u64) -> u64 {
    value.div_ceil(to) * to
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_in_address_order_with_text_at_0x400000() {
        let p = Program::parse_ostep("c3").unwrap();
        let m = MemoryMap::for_program(&p);
        assert_eq!(m.segments[0].kind, SegmentKind::Text);
        assert_eq!(m.segments[0].start, 0x400000);
        assert_eq!(m.segments[0].end, 0x401000);
        assert!(m.segments.windows(2).all(|w| w[0].start <= w[1].start));
        assert_eq!(m.segments.last().unwrap().kind, SegmentKind::Kernel);
    }

    #[test]
    fn the_user_limit_stays_below_the_kernel() {
        let m = MemoryMap::for_program(&Program::default());
        assert!(m.limits.1 < KERNEL_BASE);
    }
}
