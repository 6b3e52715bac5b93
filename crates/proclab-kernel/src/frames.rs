//! Physical memory: every frame, what it is used for, how many page-table entries map it,
//! and its bytes.
//!
//! A frame's bytes sit behind an `Rc`, so the timeline's snapshots of the kernel share the
//! bytes of every frame that did not change between them; a write copies only that frame.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::process::Pid;
use crate::narrow;

/// What a physical frame is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FrameUse {
    /// Free for allocation.
    Free,
    /// Reserved for the kernel's own code and data.
    Kernel,
    /// The top-level page table of a process.
    PageTable(Pid),
    /// A page of user memory; `refcount` page-table entries map it.
    User,
}

/// One physical frame.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Frame {
    /// What it holds.
    pub usage: FrameUse,
    /// How many page-table entries map it (user frames only).
    pub refcount: u32,
    /// The file page it holds for shared mappings of a file (inode, page number): the page
    /// cache, through which mappers and read()/write() see the same bytes.
    pub file_page: Option<(usize, u64)>,
    /// Its contents; `None` while it is all zeros.
    bytes: Option<Rc<Vec<u8>>>,
}

/// Frames per chunk of the table: a snapshot shares every chunk in which no frame changed.
const CHUNK: usize = 256;

/// Every physical frame of the machine, in chunks behind `Rc`s, so the timeline's
/// snapshots of a machine with thousands of frames copy only the chunks that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FrameTable {
    /// Bytes per frame (equal to the page size).
    pub frame_size: u64,
    chunks: Vec<Rc<Vec<Frame>>>,
    /// How many frames of each chunk are free, so allocation finds the lowest free frame
    /// without walking every frame.
    free_in: Vec<u32>,
}

impl FrameTable {
    /// `count` frames, the first `reserved` of them the kernel's.
    pub fn new(count: usize, reserved: usize, frame_size: u64) -> Self {
        let frame = |i: usize| Frame {
            usage: if i < reserved {
                FrameUse::Kernel
            } else {
                FrameUse::Free
            },
            refcount: 0,
            file_page: None,
            bytes: None,
        };
        // Every wholly free chunk of the same length is one shared chunk until written, so a
        // machine of 65,536 frames costs a few chunks until it is used.
        let free_chunk: Rc<Vec<Frame>> = Rc::new((0..CHUNK).map(|_| frame(count)).collect());
        let chunks: Vec<Rc<Vec<Frame>>> = (0..count)
            .step_by(CHUNK)
            .map(|start| {
                let end = (start + CHUNK).min(count);
                if start >= reserved && end - start == CHUNK {
                    Rc::clone(&free_chunk)
                } else {
                    Rc::new((start..end).map(frame).collect())
                }
            })
            .collect();
        let free_in = chunks
            .iter()
            .map(|c| {
                let free = c.iter().filter(|f| f.usage == FrameUse::Free).count();
                u32::try_from(free).expect("a chunk holds fewer than 2^32 frames")
            })
            .collect();
        FrameTable {
            frame_size,
            chunks,
            free_in,
        }
    }

    /// Frame `n`.
    pub fn frame(&self, n: usize) -> &Frame {
        &self.chunks[n / CHUNK][n % CHUNK]
    }

    fn frame_mut(&mut self, n: usize) -> &mut Frame {
        &mut Rc::make_mut(&mut self.chunks[n / CHUNK])[n % CHUNK]
    }

    /// Every frame, by number.
    pub fn iter(&self) -> impl Iterator<Item = &Frame> {
        self.chunks.iter().flat_map(|c| c.iter())
    }

    /// The frames not free, with their numbers, passing over chunks that are all free.
    pub fn used(&self) -> impl Iterator<Item = (usize, &Frame)> {
        self.chunks
            .iter()
            .zip(&self.free_in)
            .enumerate()
            .filter(|(_, (chunk, free))| **free as usize != chunk.len())
            .flat_map(|(c, (chunk, _))| {
                chunk
                    .iter()
                    .enumerate()
                    .map(move |(i, f)| (c * CHUNK + i, f))
                    .filter(|(_, f)| f.usage != FrameUse::Free)
            })
    }

    /// How many frames the machine has.
    pub fn len(&self) -> usize {
        self.chunks.iter().map(|c| c.len()).sum()
    }

    /// True for a machine with no frames.
    pub fn is_empty(&self) -> bool {
        self.chunks.is_empty()
    }

    /// Sets frame `n` to `frame`, keeping the free counts.
    fn set(&mut self, n: usize, frame: Frame) {
        let was_free = self.frame(n).usage == FrameUse::Free;
        let is_free = frame.usage == FrameUse::Free;
        *self.frame_mut(n) = frame;
        match (was_free, is_free) {
            (true, false) => self.free_in[n / CHUNK] -= 1,
            (false, true) => self.free_in[n / CHUNK] += 1,
            _ => {}
        }
    }

    /// Takes the lowest free frame, zero-filled, for `usage` (a user frame starts with one
    /// mapping); None when memory is full.
    pub fn allocate(&mut self, usage: FrameUse) -> Option<usize> {
        let chunk = self.free_in.iter().position(|&free| free > 0)?;
        let within = self.chunks[chunk]
            .iter()
            .position(|f| f.usage == FrameUse::Free)?;
        let n = chunk * CHUNK + within;
        self.set(
            n,
            Frame {
                usage,
                refcount: u32::from(usage == FrameUse::User),
                file_page: None,
                bytes: None,
            },
        );
        Some(n)
    }

    /// Returns a frame to the free pool.
    pub fn free(&mut self, frame: usize) {
        self.set(
            frame,
            Frame {
                usage: FrameUse::Free,
                refcount: 0,
                file_page: None,
                bytes: None,
            },
        );
    }

    /// Marks a frame as the page cache's copy of a file page.
    pub fn cache_file_page(&mut self, frame: usize, ino: usize, page: u64) {
        self.frame_mut(frame).file_page = Some((ino, page));
    }

    /// The frame caching a file page, if one does.
    pub fn cached(&self, ino: usize, page: u64) -> Option<usize> {
        self.iter().position(|f| f.file_page == Some((ino, page)))
    }

    /// One more page-table entry maps this frame; returns the new count.
    pub fn share(&mut self, frame: usize) -> u32 {
        let f = self.frame_mut(frame);
        f.refcount += 1;
        f.refcount
    }

    /// One mapping fewer; frees the frame when none is left. Returns the new count.
    pub fn release(&mut self, frame: usize) -> u32 {
        let f = self.frame_mut(frame);
        f.refcount = f.refcount.saturating_sub(1);
        let left = f.refcount;
        if left == 0 {
            self.free(frame);
        }
        left
    }

    /// How many frames are free.
    pub fn free_count(&self) -> usize {
        self.free_in.iter().map(|&n| n as usize).sum()
    }

    /// The frame holding a physical address.
    pub fn frame_of(&self, physical: u64) -> usize {
        narrow::host_index(physical / self.frame_size)
    }

    /// Reads `len` bytes at `offset` in a frame.
    pub fn read(&self, frame: usize, offset: usize, len: usize) -> Vec<u8> {
        let mut out = vec![0; len];
        self.read_into(frame, offset, &mut out);
        out
    }

    /// Fills `out` with the bytes at `offset` in a frame.
    pub fn read_into(&self, frame: usize, offset: usize, out: &mut [u8]) {
        match &self.frame(frame).bytes {
            Some(bytes) => out.copy_from_slice(&bytes[offset..offset + out.len()]),
            None => out.fill(0),
        }
    }

    /// Writes bytes at `offset` in a frame.
    pub fn write(&mut self, frame: usize, offset: usize, data: &[u8]) {
        let size = narrow::host_index(self.frame_size);
        let bytes = self
            .frame_mut(frame)
            .bytes
            .get_or_insert_with(|| Rc::new(vec![0; size]));
        Rc::make_mut(bytes)[offset..offset + data.len()].copy_from_slice(data);
    }

    /// Copies one frame's contents into another (the copy in copy-on-write).
    pub fn copy(&mut self, from: usize, to: usize) {
        let bytes = self.frame(from).bytes.clone();
        self.frame_mut(to).bytes = bytes;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allocation_skips_kernel_frames_and_reuses_freed_ones() {
        let mut t = FrameTable::new(4, 2, 4096);
        assert_eq!(t.allocate(FrameUse::PageTable(2)), Some(2));
        assert_eq!(t.allocate(FrameUse::User), Some(3));
        assert_eq!(t.allocate(FrameUse::User), None);
        t.free(2);
        assert_eq!(t.allocate(FrameUse::User), Some(2));
        assert_eq!(t.frame_of(2 * 4096 + 17), 2);
    }

    #[test]
    fn a_shared_frame_is_freed_only_when_its_last_mapping_goes() {
        let mut t = FrameTable::new(2, 0, 64);
        let f = t.allocate(FrameUse::User).unwrap();
        assert_eq!(t.share(f), 2);
        assert_eq!(t.release(f), 1);
        assert_eq!(t.frame(f).usage, FrameUse::User);
        assert_eq!(t.release(f), 0);
        assert_eq!(t.frame(f).usage, FrameUse::Free);
    }

    #[test]
    fn frames_hold_bytes_and_copies_are_independent() {
        let mut t = FrameTable::new(2, 0, 64);
        let (a, b) = (
            t.allocate(FrameUse::User).unwrap(),
            t.allocate(FrameUse::User).unwrap(),
        );
        assert_eq!(t.read(a, 0, 2), [0, 0]);
        t.write(a, 1, &[7]);
        t.copy(a, b);
        t.write(b, 1, &[9]);
        assert_eq!((t.read(a, 1, 1), t.read(b, 1, 1)), (vec![7], vec![9]));
    }

    #[test]
    fn a_snapshot_keeps_the_old_bytes_after_a_write() {
        let mut t = FrameTable::new(1, 0, 64);
        let f = t.allocate(FrameUse::User).unwrap();
        t.write(f, 0, &[1]);
        let snapshot = t.clone();
        t.write(f, 0, &[2]);
        assert_eq!(snapshot.read(f, 0, 1), [1]);
        assert_eq!(t.read(f, 0, 1), [2]);
    }

    #[test]
    fn a_large_table_allocates_the_lowest_free_frame_across_chunks_and_counts_free_ones() {
        let mut t = FrameTable::new(1000, 8, 4096);
        assert_eq!((t.len(), t.free_count()), (1000, 992));
        let taken: Vec<usize> = (0..600)
            .map(|_| t.allocate(FrameUse::User).unwrap())
            .collect();
        assert_eq!((taken[0], taken[599]), (8, 607));
        t.free(300);
        t.free(9);
        assert_eq!(t.allocate(FrameUse::User), Some(9));
        assert_eq!(t.allocate(FrameUse::User), Some(300));
        assert_eq!(t.free_count(), 392);
        let snapshot = t.clone();
        t.free(500);
        assert_eq!(snapshot.frame(500).usage, FrameUse::User);
        assert_eq!(t.iter().filter(|f| f.usage == FrameUse::Free).count(), 393);
    }
}
