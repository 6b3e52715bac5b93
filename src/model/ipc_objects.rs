//! What the Shared memory and semaphores view draws: each System V shared memory segment
//! (its size, the processes attached and the frames it holds) and each System V semaphore
//! set (its values, and who sleeps in semop on it), as the kernel keeps them at one step.

use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::{Pid, ProcState, WaitChannel};

/// One shared memory segment, as a line of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SegmentRow {
    /// Its id.
    pub id: usize,
    /// Its key, as shmget was given it (0: IPC_PRIVATE).
    pub key: i32,
    /// Its size in bytes.
    pub size: u64,
    /// The processes it is attached to, in PID order.
    pub attached: Vec<Pid>,
    /// The frames it holds.
    pub frames: Vec<usize>,
    /// What became of it.
    pub fate: Fate,
}

/// Where a segment is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// In use, or waiting to be attached.
    Live,
    /// IPC_RMID was asked: it goes with its last attachment.
    Removing,
    /// Gone: its frames are free.
    Destroyed,
}

/// One semaphore set, as a line of the view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SemaphoreSetRow {
    /// Its id.
    pub id: usize,
    /// Its values.
    pub values: Vec<i32>,
    /// The processes asleep in semop() on it.
    pub sleepers: Vec<Pid>,
    /// Removed with IPC_RMID.
    pub removed: bool,
}

/// Every segment made so far.
pub fn segments(k: &Kernel) -> Vec<SegmentRow> {
    k.shm_segments()
        .iter()
        .enumerate()
        .map(|(id, s)| SegmentRow {
            id,
            key: s.key,
            size: s.size,
            attached: k
                .processes()
                .iter()
                .filter(|p| p.memory.attachments.iter().any(|a| a.segment == id))
                .map(|p| p.pid)
                .collect(),
            frames: s.frames.clone(),
            fate: match (s.destroyed, s.removing) {
                (true, _) => Fate::Destroyed,
                (false, true) => Fate::Removing,
                (false, false) => Fate::Live,
            },
        })
        .collect()
}

/// Every semaphore set made so far.
pub fn semaphore_sets(k: &Kernel) -> Vec<SemaphoreSetRow> {
    k.semaphore_sets()
        .iter()
        .enumerate()
        .map(|(id, s)| SemaphoreSetRow {
            id,
            values: s.sems.iter().map(|v| v.value).collect(),
            sleepers: k
                .processes()
                .iter()
                .filter(|p| {
                    p.state() == ProcState::Waiting && p.waiting_on == Some(WaitChannel::SemSet(id))
                })
                .map(|p| p.pid)
                .collect(),
            removed: s.removed,
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
    fn a_segment_shows_its_attachments_and_a_set_its_values_and_sleepers() {
        let source = "#include <sys/shm.h>\n#include <sys/sem.h>\n#include <unistd.h>\n\
                      int main(void) {\n  int shm = shmget(IPC_PRIVATE, 5000, 0600);\n  \
                      char *p = shmat(shm, NULL, 0);\n  int set = semget(IPC_PRIVATE, 2, 0600);\n  \
                      semctl(set, 1, SETVAL, 3);\n  if (fork() == 0) {\n    \
                      struct sembuf take = { 0, -1, 0 };\n    semop(set, &take, 1);\n    \
                      _exit(0);\n  }\n  sleep(1);\n  p[0] = 1;\n  shmctl(shm, IPC_RMID, NULL);\n  \
                      semctl(set, 0, IPC_RMID);\n  return 0;\n}\n";
        let t =
            Timeline::record(&c_scenario("ipc.c", source, Settings::default()).expect("compiles"))
                .expect("boots");
        let asleep = (0..=t.len())
            .find(|&n| {
                semaphore_sets(&t.state_at(n))
                    .first()
                    .is_some_and(|s| !s.sleepers.is_empty())
            })
            .expect("a step with the child asleep in semop");
        let k = t.state_at(asleep);
        assert_eq!(
            semaphore_sets(&k),
            [SemaphoreSetRow {
                id: 0,
                values: vec![0, 3],
                sleepers: vec![3],
                removed: false
            }]
        );
        let [segment] = segments(&k).try_into().expect("one segment");
        assert_eq!((segment.size, segment.frames.len()), (5000, 2));
        assert_eq!(
            segment.attached,
            [2, 3],
            "the child inherited the attachment"
        );
        let end = t.state_at(t.len());
        assert_eq!(segments(&end)[0].fate, Fate::Destroyed);
        assert!(semaphore_sets(&end)[0].removed);
    }
}
