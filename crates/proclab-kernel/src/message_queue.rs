//! System V message queues (msgget, msgsnd, msgrcv, msgctl): typed messages in a kernel
//! queue of bounded size, taken by type in the order they were sent.

use std::collections::VecDeque;

use serde::{Deserialize, Serialize};

use super::process::Pid;

/// Bytes a queue holds at most (Linux's MSGMNB).
pub const QUEUE_BYTES: usize = 16384;
/// Bytes one message holds at most (Linux's MSGMAX).
pub const MESSAGE_MAX: usize = 8192;

/// One message.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    /// Its type, a positive number chosen by the sender.
    pub mtype: i64,
    /// Its text.
    pub text: Vec<u8>,
}

/// One queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageQueue {
    /// The key it was made with (0 for IPC_PRIVATE).
    pub key: i32,
    /// The process that made it.
    pub creator: Pid,
    /// Messages not yet received, oldest first.
    pub messages: VecDeque<Message>,
    /// Removed with IPC_RMID.
    pub removed: bool,
    /// What msgctl(IPC_STAT) reports besides the messages.
    #[serde(default)]
    pub status: QueueStatus,
}

/// A queue's `struct msqid_ds` fields besides its messages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueStatus {
    /// Its permission bits.
    pub mode: u32,
    /// Its owner.
    pub uid: u32,
    /// Its group: its maker's.
    pub gid: u32,
    /// When msgsnd last sent to it, msgrcv last took from it, and it was made (seconds since
    /// the epoch; 0: never).
    pub sent_at: u64,
    /// See `sent_at`.
    pub received_at: u64,
    /// See `sent_at`.
    pub changed_at: u64,
    /// The last process to send to it, and to receive from it.
    pub last_sender: Pid,
    /// See `last_sender`.
    pub last_receiver: Pid,
}

impl MessageQueue {
    /// An empty queue.
    pub fn new(key: i32, creator: Pid, status: QueueStatus) -> Self {
        MessageQueue {
            key,
            creator,
            messages: VecDeque::new(),
            removed: false,
            status,
        }
    }

    /// Bytes of text queued.
    pub fn bytes(&self) -> usize {
        self.messages.iter().map(|m| m.text.len()).sum()
    }

    /// Room for a message of `n` bytes.
    pub fn has_room(&self, n: usize) -> bool {
        self.bytes() + n <= QUEUE_BYTES
    }

    /// Where the message msgrcv(type `want`) takes is: 0 takes the oldest; a positive type
    /// the oldest of that type; a negative one the oldest of the lowest type not above
    /// its absolute value.
    pub fn find(&self, want: i64) -> Option<usize> {
        match want {
            0 => (!self.messages.is_empty()).then_some(0),
            w if w > 0 => self.messages.iter().position(|m| m.mtype == w),
            w => {
                let lowest = self
                    .messages
                    .iter()
                    .map(|m| m.mtype)
                    .filter(|&t| t <= -w)
                    .min()?;
                self.messages.iter().position(|m| m.mtype == lowest)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(types: &[i64]) -> MessageQueue {
        let mut q = MessageQueue::new(0, 2, QueueStatus::default());
        for &mtype in types {
            q.messages.push_back(Message {
                mtype,
                text: vec![b'x'; 3],
            });
        }
        q
    }

    #[test]
    fn receive_picks_by_type_as_msgrcv_does() {
        let q = queue(&[3, 1, 2, 1]);
        assert_eq!(q.find(0), Some(0));
        assert_eq!(q.find(1), Some(1));
        assert_eq!(q.find(2), Some(2));
        assert_eq!(q.find(5), None);
        assert_eq!(q.find(-2), Some(1), "the lowest type at most 2 is 1");
        assert_eq!(q.find(-3), Some(1));
        assert_eq!(queue(&[]).find(0), None);
    }

    #[test]
    fn a_queue_is_bounded_in_bytes() {
        let q = queue(&[1, 1]);
        assert_eq!(q.bytes(), 6);
        assert!(q.has_room(QUEUE_BYTES - 6));
        assert!(!q.has_room(QUEUE_BYTES - 5));
    }
}
