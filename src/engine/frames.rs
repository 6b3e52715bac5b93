//! Physical memory: the frame table, recording who uses each frame.

use serde::{Deserialize, Serialize};

use super::process::Pid;

/// What a physical frame is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrameUse {
    /// Free for allocation.
    Free,
    /// Reserved for the kernel's own code and data.
    Kernel,
    /// The top-level page table of a process.
    PageTable(Pid),
}

/// Every physical frame and its use.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameTable {
    /// Bytes per frame (equal to the page size).
    pub frame_size: u64,
    uses: Vec<FrameUse>,
}

impl FrameTable {
    /// `count` frames, the first `reserved` of them the kernel's.
    pub fn new(count: usize, reserved: usize, frame_size: u64) -> Self {
        let uses = (0..count)
            .map(|i| {
                if i < reserved {
                    FrameUse::Kernel
                } else {
                    FrameUse::Free
                }
            })
            .collect();
        FrameTable { frame_size, uses }
    }

    /// Takes the lowest free frame for `usage`, or None when memory is full.
    pub fn allocate(&mut self, usage: FrameUse) -> Option<usize> {
        let frame = self.uses.iter().position(|u| *u == FrameUse::Free)?;
        self.uses[frame] = usage;
        Some(frame)
    }

    /// Returns a frame to the free pool.
    pub fn free(&mut self, frame: usize) {
        self.uses[frame] = FrameUse::Free;
    }

    /// Each frame's use, by frame number.
    pub fn uses(&self) -> &[FrameUse] {
        &self.uses
    }

    /// The frame holding a physical address.
    pub fn frame_of(&self, physical: u64) -> usize {
        (physical / self.frame_size) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_skips_kernel_frames_and_reuses_freed_ones() {
        let mut t = FrameTable::new(4, 2, 4096);
        assert_eq!(t.allocate(FrameUse::PageTable(2)), Some(2));
        assert_eq!(t.allocate(FrameUse::PageTable(3)), Some(3));
        assert_eq!(t.allocate(FrameUse::PageTable(4)), None);
        t.free(2);
        assert_eq!(t.allocate(FrameUse::PageTable(4)), Some(2));
        assert_eq!(t.frame_of(2 * 4096 + 17), 2);
    }
}
