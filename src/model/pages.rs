//! The page map's analysis: a process's present pages, labelled by region, and which other
//! processes to draw beside it (those that share its frames).

use std::collections::BTreeSet;

use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Other processes drawn beside the selected one, at most.
pub const MAX_OTHERS: usize = 2;

/// A present page of a drawn process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Whose page.
    pub pid: Pid,
    /// Its virtual page number.
    pub vpn: u64,
    /// Its region's name, and which of its pages (`stack+2`).
    pub label: String,
    /// The frame it maps.
    pub frame: usize,
    /// Marked copy-on-write.
    pub cow: bool,
}

/// The present pages of a process, in address order, labelled by region.
pub fn pages_of(k: &Kernel, pid: Pid) -> Vec<Page> {
    let Some(p) = k.process(pid) else {
        return Vec::new();
    };
    let page_size = k.frames().frame_size;
    p.memory
        .page_table
        .iter()
        .map(|(vpn, pte)| {
            // The region's name, and which of its pages when it is not the first.
            let label = p
                .memory
                .vma_at(vpn * page_size)
                .map_or("?".to_owned(), |v| match vpn - v.start / page_size {
                    0 => p.memory.region_label(v),
                    n => format!("{}+{n}", p.memory.region_label(v)),
                });
            Page {
                pid,
                vpn,
                label,
                frame: pte.frame,
                cow: pte.cow,
            }
        })
        .collect()
}

/// The processes drawn beside `pid`: those that share most frames with it, then its parent.
pub fn others(k: &Kernel, pid: Pid, mine: &BTreeSet<usize>) -> Vec<Pid> {
    let owners = k.frame_owners();
    let mut sharing: Vec<(usize, Pid)> = k
        .processes()
        .iter()
        .filter(|p| p.pid != pid && !p.memory.page_table.is_empty())
        .map(|p| {
            let shared = mine
                .iter()
                .filter(|f| owners.get(f).is_some_and(|o| o.contains(&p.pid)))
                .count();
            (shared, p.pid)
        })
        .filter(|&(shared, _)| shared > 0)
        .collect();
    sharing.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut chosen: Vec<Pid> = sharing
        .into_iter()
        .map(|(_, p)| p)
        .take(MAX_OTHERS)
        .collect();
    if chosen.is_empty()
        && let Some(parent) = k.process(pid).map(|p| p.ppid)
        && k.process(parent)
            .is_some_and(|p| !p.memory.page_table.is_empty())
    {
        chosen.push(parent);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::library::BUILTINS;
    use proclab_kernel::event::Event;
    use proclab_kernel::timeline::Timeline;

    #[test]
    fn after_fork_the_child_is_drawn_beside_the_parent_on_shared_frames() {
        let t = Timeline::record(&(BUILTINS[0].build)().scenario()).expect("boots");
        let fork = t
            .next_step_where(0, |s| {
                s.events.iter().any(|e| matches!(e, Event::Fork { .. }))
            })
            .expect("the scenario forks");
        let k = t.state_at(fork);
        let parent = pages_of(&k, 2);
        let child = pages_of(&k, 3);
        assert!(!parent.is_empty());
        assert_eq!(
            parent.iter().map(|p| p.frame).collect::<Vec<_>>(),
            child.iter().map(|p| p.frame).collect::<Vec<_>>(),
            "fork shares every frame"
        );
        assert!(parent.iter().any(|p| p.label == "text"));
        let mine: BTreeSet<usize> = parent.iter().map(|p| p.frame).collect();
        assert_eq!(others(&k, 2, &mine), [3]);
        assert!(pages_of(&k, 99).is_empty());
    }
}
