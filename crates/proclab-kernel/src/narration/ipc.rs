//! Communication besides pipes: socket pairs, System V message queues and shared memory.

use super::{frames_named, plural};
use crate::event::Event;

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
        Event::SocketPairMade {
            pid,
            fds: (a, b),
            pipes: (forth, back),
        } => format!(
            "socketpair(): the kernel connects two Unix sockets, fd {a} and fd {b} of P{pid}: \
             what one writes the other reads, both ways (buffers: pipe {forth} and pipe \
             {back})."
        ),
        Event::MsgQueueMade { pid, queue, key } => format!(
            "msgget(): P{pid} makes message queue {queue}{}: a list of typed messages \
             kept in the kernel until someone receives them.",
            if *key == 0 {
                " (IPC_PRIVATE: a new queue with no key; any process that knows its id may use \
                 it, usually a child that inherited the id)"
                    .to_owned()
            } else {
                format!(" with key {key:#x}")
            }
        ),
        Event::MsgSent {
            pid,
            queue,
            mtype,
            bytes,
        } => format!(
            "msgsnd(): P{pid} puts a {bytes}-byte message of type {mtype} at the back of \
             queue {queue}; the kernel copies it out of P{pid}'s memory."
        ),
        Event::MsgReceived {
            pid,
            queue,
            mtype,
            bytes,
        } => format!(
            "msgrcv(): P{pid} takes a {bytes}-byte message of type {mtype} out of queue \
             {queue}; the kernel copies it into P{pid}'s buffer."
        ),
        Event::MsgQueueRemoved { pid, queue } => format!(
            "msgctl(IPC_RMID): P{pid} removes message queue {queue}; its messages are \
             discarded and anyone waiting on it fails with EIDRM."
        ),
        Event::ShmMade {
            pid,
            segment,
            key,
            size,
            frames,
        } => format!(
            "shmget(): P{pid} makes shared memory segment {segment} of {size} bytes{}: \
             memory the kernel keeps apart from every process, in {}, until it is \
             removed. (Linux gives a segment its pages at each first touch; ProcLab gives \
             them all now.)",
            if *key == 0 {
                " (IPC_PRIVATE: a new segment with no key; its id is valid in every process, \
                 usually a child that inherited it in a variable)"
                    .to_owned()
            } else {
                format!(" with key {key:#x}")
            },
            frames_named(frames)
        ),
        Event::ShmAttached {
            pid,
            segment,
            start,
            frames,
            attached,
        } => format!(
            "shmat(): P{pid} attaches segment {segment} at {start:#x}: its pages map {}, \
             the segment's own, so every attached process reads and writes the same \
             bytes, with no copy-on-write ({} now).",
            frames_named(frames),
            plural(crate::narrow::host_index(*attached), "attachment")
        ),
        Event::ShmDetached {
            pid,
            segment,
            attached: 0,
            freed,
        } if !freed.is_empty() => format!(
            "P{pid} detaches segment {segment}, the last attachment of a removed segment: \
             the kernel destroys it and frees {}.",
            frames_named(freed)
        ),
        Event::ShmDetached {
            pid,
            segment,
            attached,
            ..
        } => format!(
            "P{pid} detaches segment {segment}: the segment keeps its frames and bytes for \
             whoever attaches it next ({} left).",
            plural(crate::narrow::host_index(*attached), "attachment")
        ),
        Event::ShmRemoved {
            pid,
            segment,
            attached: 0,
            freed,
        } => format!(
            "shmctl(IPC_RMID): P{pid} removes segment {segment}; nothing is attached, so the \
             kernel destroys it at once and frees {}.",
            frames_named(freed)
        ),
        Event::ShmRemoved {
            pid,
            segment,
            attached,
            ..
        } => format!(
            "shmctl(IPC_RMID): P{pid} marks segment {segment} for removal: its {} stay \
             usable, shmget no longer finds its key, and the kernel destroys it when the \
             last one goes.",
            plural(crate::narrow::host_index(*attached), "attachment")
        ),
        Event::SemaphoreTaken { pid, sem, count } => format!(
            "P{pid} takes the semaphore at {sem:#x}: its count was above 0, so it goes down \
             to {count} and P{pid} carries on."
        ),
        Event::SemaphorePosted {
            pid,
            sem,
            count,
            woken,
        } => format!(
            "sem_post(): P{pid} raises the semaphore at {sem:#x} to {count}{}",
            match woken.as_slice() {
                [] => ".".to_owned(),
                [one] => format!("; P{one}, asleep in sem_wait() on it, wakes to try again."),
                many => format!(
                    "; {}, asleep in sem_wait() on it, wake to try again (one will get it).",
                    many.iter()
                        .map(|p| format!("P{p}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }
        ),
        Event::SemSetMade {
            pid,
            set,
            key,
            count,
        } => format!(
            "semget(): P{pid} makes semaphore set {set} of {}{}, each 0 until semctl sets it.",
            plural(*count, "semaphore"),
            if *key == 0 {
                " (IPC_PRIVATE: its id is valid in every process, usually a child that \
                 inherited it in a variable)"
                    .to_owned()
            } else {
                format!(" with key {key:#x}")
            }
        ),
        Event::SemOpDone {
            pid,
            set,
            ops,
            values,
        } => format!(
            "semop(): P{pid} does {} of set {set}{}; its values are now {}.",
            ops.iter()
                .map(|(num, op)| match op {
                    0 => format!("wait-for-zero on semaphore {num}"),
                    n => format!("{n:+} on semaphore {num}"),
                })
                .collect::<Vec<_>>()
                .join(", "),
            if ops.len() > 1 { ", all at once" } else { "" },
            values
                .iter()
                .map(i32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Event::SemValuesSet {
            pid,
            set,
            first,
            values,
        } => match values.as_slice() {
            [one] => {
                format!("semctl(SETVAL): P{pid} sets semaphore {first} of set {set} to {one}.")
            }
            many => format!(
                "semctl(SETALL): P{pid} sets the values of set {set} to {}.",
                many.iter()
                    .map(i32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        },
        Event::SemUndone {
            pid,
            set,
            num,
            value,
        } => format!(
            "P{pid} exits with SEM_UNDO operations on semaphore {num} of set {set}: the \
             kernel undoes them, leaving it at {value}."
        ),
        Event::SemSetRemoved { pid, set } => format!(
            "semctl(IPC_RMID): P{pid} removes semaphore set {set}; processes asleep in \
             semop() on it wake with EIDRM."
        ),
        other => unreachable!("{other:?} is narrated by another group"),
    }
}
