//! Communication besides pipes: socket pairs and System V message queues.

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
        other => unreachable!("{other:?} is narrated by another group"),
    }
}
