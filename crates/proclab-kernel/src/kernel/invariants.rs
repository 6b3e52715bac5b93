//! The memory invariants the kernel must keep after every step, checked by the tests (and by
//! debug builds of the timeline).

use super::*;

impl Kernel {
    /// Checks physical memory against every page table: each user frame's refcount equals the
    /// number of entries mapping it (plus one while a shared memory segment holds it); no
    /// free frame is mapped; a writable private entry never
    /// maps a frame someone else maps; every page-table frame belongs to a living address
    /// space; and every frame is accounted for.
    pub fn check_invariants(&self) -> Result<(), String> {
        let frames = &self.frames;
        let mut mappings: BTreeMap<usize, u32> = BTreeMap::new();
        let mut roots = std::collections::BTreeSet::new();
        for p in &self.procs {
            if p.memory.vmas.is_empty() {
                if !p.memory.page_table.is_empty() {
                    return Err(format!("P{} has no regions but maps pages", p.pid));
                }
                continue;
            }
            let root = self.frames.frame_of(p.memory.page_table_base);
            if root >= frames.len() || frames.frame(root).usage != FrameUse::PageTable(p.pid) {
                return Err(format!(
                    "P{}'s page table frame {root} is not its own",
                    p.pid
                ));
            }
            roots.insert(root);
            for (vpn, pte) in p.memory.page_table.iter() {
                let frame = frames.frame(pte.frame);
                if frame.usage != FrameUse::User {
                    return Err(format!(
                        "P{} page {vpn:#x} maps frame {} which is {:?}",
                        p.pid, pte.frame, frame.usage
                    ));
                }
                let shared_vma = p
                    .memory
                    .vma_at(vpn * p.memory.page_size)
                    .is_some_and(|v| v.shared);
                if pte.writable && !shared_vma && frame.refcount > 1 {
                    return Err(format!(
                        "P{} page {vpn:#x} is writable but frame {} is shared (refcount {})",
                        p.pid, pte.frame, frame.refcount
                    ));
                }
                *mappings.entry(pte.frame).or_default() += 1;
            }
        }
        for segment in self.shm_segments.iter().filter(|s| !s.destroyed) {
            for &f in &segment.frames {
                *mappings.entry(f).or_default() += 1;
            }
        }
        for (n, frame) in frames.used() {
            let mapped = mappings.get(&n).copied().unwrap_or(0);
            match frame.usage {
                FrameUse::User if frame.refcount != mapped => {
                    return Err(format!(
                        "frame {n} has refcount {} but {mapped} mappings",
                        frame.refcount
                    ));
                }
                FrameUse::Kernel if mapped > 0 => {
                    return Err(format!("frame {n} is {:?} yet mapped", frame.usage));
                }
                FrameUse::PageTable(pid) if !roots.contains(&n) => {
                    return Err(format!(
                        "frame {n} is P{pid}'s page table but nobody uses it"
                    ));
                }
                _ => {}
            }
        }
        if let Some(n) = mappings
            .keys()
            .find(|&&n| frames.frame(n).usage == FrameUse::Free)
        {
            return Err(format!("frame {n} is Free yet mapped"));
        }
        Ok(())
    }
}
