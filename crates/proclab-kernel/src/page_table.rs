//! A process's page table: for each virtual page that is present, the frame it maps to and
//! its protection and status bits.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One page-table entry. An entry exists only for a present page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pte {
    /// The physical frame.
    pub frame: usize,
    /// Writes are allowed (cleared on copy-on-write pages until the fault copies them).
    pub writable: bool,
    /// User mode may access it.
    pub user: bool,
    /// Shared after fork; a write must fault and copy first.
    pub cow: bool,
    /// Written since it was mapped.
    pub dirty: bool,
    /// Read or written since it was mapped.
    pub accessed: bool,
}

/// Virtual page number → entry, in address order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageTable {
    entries: BTreeMap<u64, Pte>,
}

impl PageTable {
    /// The entry for a virtual page, if present.
    pub fn get(&self, vpn: u64) -> Option<&Pte> {
        self.entries.get(&vpn)
    }

    /// The entry for a virtual page, to change its bits.
    pub fn get_mut(&mut self, vpn: u64) -> Option<&mut Pte> {
        self.entries.get_mut(&vpn)
    }

    /// Maps a virtual page.
    pub fn map(&mut self, vpn: u64, pte: Pte) {
        self.entries.insert(vpn, pte);
    }

    /// Unmaps a virtual page, returning its entry.
    pub fn unmap(&mut self, vpn: u64) -> Option<Pte> {
        self.entries.remove(&vpn)
    }

    /// Every present page, lowest address first.
    pub fn iter(&self) -> impl Iterator<Item = (u64, &Pte)> {
        self.entries.iter().map(|(vpn, pte)| (*vpn, pte))
    }

    /// Every present page, to change their bits.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (u64, &mut Pte)> {
        self.entries.iter_mut().map(|(vpn, pte)| (*vpn, pte))
    }

    /// Removes and returns every entry.
    pub fn clear(&mut self) -> Vec<(u64, Pte)> {
        std::mem::take(&mut self.entries).into_iter().collect()
    }

    /// How many pages are present.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no page is present.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}
