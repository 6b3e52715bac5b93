//! A process's virtual address space: its regions (VMAs) laid out as on x86-64 Linux, its
//! page table, and where its heap ends.
//! The layout itself is [`crate::abi::layout`]'s.

use serde::{Deserialize, Serialize};

use super::page_table::PageTable;
use super::program::{INSTRUCTION_SIZE, Program};
use super::shared_memory::Attachment;

use crate::abi::layout::{KERNEL_BASE, STACK_TOP, TEXT_BASE};

/// A kind of region of the virtual address space.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SegmentKind {
    /// Machine code: read-only, executable.
    Text,
    /// Constants and string literals: read-only.
    Rodata,
    /// Initialised globals and statics.
    Data,
    /// Zero-initialised globals and statics.
    Bss,
    /// malloc's memory; grows up with brk.
    Heap,
    /// Regions made by mmap.
    Mmap,
    /// Call frames and locals; grows down.
    Stack,
    /// The kernel's half, mapped in every process but closed to user mode.
    Kernel,
}

impl SegmentKind {
    /// The label a memory diagram gives the region.
    pub fn label(self) -> &'static str {
        match self {
            SegmentKind::Text => "text",
            SegmentKind::Rodata => "rodata",
            SegmentKind::Data => "data",
            SegmentKind::Bss => "bss",
            SegmentKind::Heap => "heap",
            SegmentKind::Mmap => "mmap",
            SegmentKind::Stack => "stack",
            SegmentKind::Kernel => "kernel",
        }
    }
}

/// A virtual memory area: a range of addresses with one protection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Vma {
    /// Which region.
    pub kind: SegmentKind,
    /// First address (page-aligned).
    pub start: u64,
    /// One past the last address (page-aligned).
    pub end: u64,
    /// May be written.
    pub writable: bool,
    /// May be executed.
    pub executable: bool,
    /// MAP_SHARED: fork shares its frames instead of copying on write.
    pub shared: bool,
}

impl Vma {
    /// True when `addr` lies inside.
    pub fn contains(&self, addr: u64) -> bool {
        (self.start..self.end).contains(&addr)
    }

    /// Permissions in `/proc/PID/maps` style, e.g. `r-x`; the kernel region shows `---`
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

/// The memory-management part of a PCB.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressSpace {
    /// Physical address of the top-level page table (what CR3 holds while it runs).
    pub page_table_base: u64,
    /// Bytes per page.
    pub page_size: u64,
    /// Regions, lowest address first; the kernel region last.
    pub vmas: Vec<Vma>,
    /// Present pages.
    pub page_table: PageTable,
    /// The current end of the heap (the program break).
    pub brk: u64,
    /// Where exec put the environment's array (`envp`) on the stack.
    #[serde(default)]
    pub envp: u64,
    /// The System V shared memory segments attached, and where.
    #[serde(default)]
    pub attachments: Vec<Attachment>,
}

impl AddressSpace {
    /// The System V shared memory segment attached at `start`, if one is.
    pub fn segment_at(&self, start: u64) -> Option<usize> {
        self.attachments
            .iter()
            .find(|a| a.start == start)
            .map(|a| a.segment)
    }

    /// A region's name in the views: its kind's ("heap", "mmap"), or "shm N" for an attached
    /// shared memory segment.
    pub fn region_label(&self, vma: &Vma) -> String {
        match self.segment_at(vma.start) {
            Some(segment) => format!("shm {segment}"),
            None => vma.kind.label().to_owned(),
        }
    }

    /// The layout a freshly loaded program gets, with nothing mapped yet.
    pub fn for_program(program: &Program, page_size: u64) -> Self {
        let up = |v: u64| v.div_ceil(page_size) * page_size;
        let text_end = up(TEXT_BASE + program.ops.len() as u64 * INSTRUCTION_SIZE);
        let rodata_end = up(text_end + program.rodata.len() as u64);
        let data_end = up(rodata_end + program.data.len() as u64);
        let bss_end = up(data_end + program.bss);
        let region = |kind, start, end, writable, executable| Vma {
            kind,
            start,
            end,
            writable,
            executable,
            shared: false,
        };
        let vmas = vec![
            region(SegmentKind::Text, TEXT_BASE, text_end, false, true),
            region(SegmentKind::Rodata, text_end, rodata_end, false, false),
            region(SegmentKind::Data, rodata_end, data_end, true, false),
            region(SegmentKind::Bss, data_end, bss_end, true, false),
            region(SegmentKind::Heap, bss_end, bss_end, true, false),
            region(
                SegmentKind::Stack,
                STACK_TOP - page_size,
                STACK_TOP,
                true,
                false,
            ),
            region(SegmentKind::Kernel, KERNEL_BASE, u64::MAX, false, false),
        ];
        AddressSpace {
            page_table_base: 0,
            page_size,
            vmas,
            page_table: PageTable::default(),
            brk: bss_end,
            envp: 0,
            attachments: Vec::new(),
        }
    }

    /// The region holding `addr`, if any.
    pub fn vma_at(&self, addr: u64) -> Option<&Vma> {
        self.vmas.iter().find(|v| v.contains(addr))
    }

    /// The region of a kind (the first, for kinds that can repeat).
    pub fn vma(&self, kind: SegmentKind) -> Option<&Vma> {
        self.vmas.iter().find(|v| v.kind == kind)
    }

    /// The region of a kind, to move its bounds.
    pub fn vma_mut(&mut self, kind: SegmentKind) -> Option<&mut Vma> {
        self.vmas.iter_mut().find(|v| v.kind == kind)
    }

    /// Lowest and highest user address the process may use now.
    pub fn limits(&self) -> (u64, u64) {
        (TEXT_BASE, STACK_TOP - 1)
    }

    /// The virtual page number of an address.
    pub fn vpn(&self, addr: u64) -> u64 {
        addr / self.page_size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_in_address_order_with_text_at_0x400000() {
        let p = Program {
            data: vec![1; 10],
            bss: 5000,
            ..Program::parse_ostep("c3").unwrap()
        };
        let a = AddressSpace::for_program(&p, 4096);
        let kinds: Vec<SegmentKind> = a.vmas.iter().map(|v| v.kind).collect();
        assert_eq!(kinds[0], SegmentKind::Text);
        assert_eq!((a.vmas[0].start, a.vmas[0].end), (0x400000, 0x401000));
        assert!(a.vmas.windows(2).all(|w| w[0].start <= w[1].start));
        let bss = a.vma(SegmentKind::Bss).unwrap();
        assert_eq!(bss.end - bss.start, 8192);
        assert_eq!(a.brk, bss.end);
        assert_eq!(a.vma_at(STACK_TOP - 1).unwrap().kind, SegmentKind::Stack);
        assert!(a.vma_at(0x1000).is_none());
    }

    #[test]
    fn a_small_page_size_gives_small_regions() {
        let p = Program {
            data: vec![1; 10],
            ..Program::parse_ostep("c3").unwrap()
        };
        let a = AddressSpace::for_program(&p, 256);
        let data = a.vma(SegmentKind::Data).unwrap();
        assert_eq!(data.end - data.start, 256);
        assert_eq!(a.vpn(0x400100), 0x4001);
    }

    #[test]
    fn the_user_limit_stays_below_the_kernel_and_text_is_read_only() {
        let a = AddressSpace::for_program(&Program::default(), 4096);
        assert!(a.limits().1 < KERNEL_BASE);
        assert_eq!(a.vma(SegmentKind::Text).unwrap().perms(), "r-x");
        assert_eq!(a.vma(SegmentKind::Kernel).unwrap().perms(), "---");
    }
}
