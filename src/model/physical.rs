//! What the Physical memory view draws: the frames in use, one by one, except that a long
//! run of frames of the same use, owners and refcount is one cell (a 16 MiB buffer is one
//! cell, not four thousand); the free frames among them; and the free frames above the
//! highest one in use as one figure.

use std::collections::BTreeMap;

use proclab_kernel::frames::FrameUse;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Consecutive alike frames drawn one by one up to this many; more become one cell.
const SHOWN_ONE_BY_ONE: usize = 16;

/// One cell of the view: `count` consecutive frames from `first`, alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameRun {
    /// The first frame's number.
    pub first: usize,
    /// How many frames.
    pub count: usize,
    /// What they hold.
    pub usage: FrameUse,
    /// The processes that map them (user frames).
    pub owners: Vec<Pid>,
    /// The System V shared memory segments that hold them (each holds one reference).
    pub segments: Vec<usize>,
    /// How many page-table entries map each.
    pub refcount: u32,
}

/// The view of physical memory: its cells, and how many free frames lie above the last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemoryView {
    /// The frames up to the highest in use, in runs.
    pub cells: Vec<FrameRun>,
    /// The free frames above them.
    pub free_above: usize,
    /// Frames in use.
    pub used: usize,
    /// Frames in the machine.
    pub total: usize,
}

/// The machine's frames as the view draws them.
pub fn memory_view(k: &Kernel) -> MemoryView {
    let owners: BTreeMap<usize, Vec<Pid>> = k.frame_owners();
    let mut holders: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (id, segment) in k.shm_segments().iter().enumerate() {
        for &frame in segment.frames.iter() {
            holders.entry(frame).or_default().push(id);
        }
    }
    let table = k.frames();
    let total = table.len();
    let mut cells: Vec<FrameRun> = Vec::new();
    let (used, last_used) = table
        .used()
        .fold((0, 0), |(count, _), (n, _)| (count + 1, n + 1));
    for (n, frame) in table.iter().enumerate().take(last_used) {
        let cell = FrameRun {
            first: n,
            count: 1,
            usage: frame.usage,
            owners: owners.get(&n).cloned().unwrap_or_default(),
            segments: holders.get(&n).cloned().unwrap_or_default(),
            refcount: frame.refcount,
        };
        match cells.last_mut() {
            Some(run) if alike(run, &cell) => run.count += 1,
            _ => cells.push(cell),
        }
    }
    let free_above = total - last_used;
    MemoryView {
        cells: cells.into_iter().flat_map(split_short).collect(),
        free_above,
        used,
        total,
    }
}

/// A count with thousands separated by commas, as "65,536".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// True when `next` continues `run`'s kind of frame.
fn alike(run: &FrameRun, next: &FrameRun) -> bool {
    run.usage == next.usage
        && run.owners == next.owners
        && run.segments == next.segments
        && run.refcount == next.refcount
}

/// A short run drawn frame by frame; a long one stays one cell.
fn split_short(run: FrameRun) -> Vec<FrameRun> {
    if run.count > SHOWN_ONE_BY_ONE {
        return vec![run];
    }
    (run.first..run.first + run.count)
        .map(|first| FrameRun {
            first,
            count: 1,
            ..run.clone()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::runner::c_scenario;
    use proclab_kernel::scenario::Settings;
    use proclab_kernel::timeline::Timeline;

    #[test]
    fn counts_are_grouped_by_thousands() {
        assert_eq!(thousands(65_536), "65,536");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }

    #[test]
    fn a_large_buffer_is_one_cell_and_the_free_frames_above_are_a_figure() {
        let source = "#include <stdlib.h>\n#include <string.h>\nint main(void) {\n  \
                      char *p = malloc(1 << 20);\n  memset(p, 1, 1 << 20);\n  return 0;\n}\n";
        let settings = Settings {
            frames: 4096,
            step_limit: 100_000,
            ..Settings::default()
        };
        let t = Timeline::record(&c_scenario("big.c", source, settings).expect("compiles"))
            .expect("boots");
        let before_exit = t.len() - 3;
        let view = memory_view(&t.state_at(before_exit));
        assert_eq!(view.total, 4096);
        assert_eq!(
            view.cells[0].usage,
            FrameUse::Kernel,
            "the kernel's frames are one cell"
        );
        let biggest = view.cells.iter().map(|c| c.count).max().unwrap_or(0);
        assert!(
            biggest >= 256,
            "the buffer's frames form one run of {biggest}"
        );
        assert!(view.cells.len() < 40, "{} cells", view.cells.len());
        assert_eq!(
            view.cells.iter().map(|c| c.count).sum::<usize>() + view.free_above,
            view.total
        );
        assert!(
            view.cells
                .iter()
                .all(|c| c.count > SHOWN_ONE_BY_ONE || c.count == 1)
        );
    }

    #[test]
    fn a_shared_memory_segments_frames_name_it_while_attached_and_after() {
        let source = "#include <sys/shm.h>\n#include <unistd.h>\nint main(void) {\n  \
                      int id = shmget(IPC_PRIVATE, 100, 0600);\n  \
                      char *p = shmat(id, NULL, 0);\n  p[0] = 1;\n  shmdt(p);\n  \
                      pause();\n}\n";
        let t =
            Timeline::record(&c_scenario("shm.c", source, Settings::default()).expect("compiles"))
                .expect("boots");
        let held = |step: usize| -> Vec<(Vec<Pid>, u32)> {
            memory_view(&t.state_at(step))
                .cells
                .into_iter()
                .filter(|c| c.segments == [0])
                .map(|c| (c.owners, c.refcount))
                .collect()
        };
        let attached = (0..=t.len())
            .find(|&n| {
                held(n)
                    .first()
                    .is_some_and(|(owners, _)| !owners.is_empty())
            })
            .expect("a step with the segment attached");
        assert_eq!(
            held(attached),
            [(vec![2], 2)],
            "P2 maps it and the segment holds it"
        );
        assert_eq!(
            held(t.len()),
            [(vec![], 1)],
            "detached, the segment still holds its frame"
        );
    }
}
