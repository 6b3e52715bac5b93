//! System V message queues: msgget, msgsnd, msgrcv and msgctl(IPC_RMID), with their
//! blocking rules (a full queue makes msgsnd wait, a queue without the wanted type makes
//! msgrcv wait, unless IPC_NOWAIT).

use super::*;
use crate::abi::flags::{IPC_CREAT, IPC_EXCL, IPC_NOWAIT, IPC_PRIVATE, MSG_NOERROR};
use crate::abi::ipc_ds::{IpcPerm, msqid_ds};
use crate::message_queue::{MESSAGE_MAX, Message, MessageQueue, QUEUE_BYTES, QueueStatus};

/// What msgrcv() found.
pub(super) enum Received {
    /// A message: its type and text.
    Message(Message),
    /// None of the wanted type yet: the caller waits on this queue.
    MustWait(usize),
}

impl Kernel {
    /// The message queues, by id.
    pub fn message_queues(&self) -> &[MessageQueue] {
        &self.msg_queues
    }

    fn live_queue(&self, id: u64) -> Result<usize, Errno> {
        let id = usize::try_from(id).map_err(|_| Errno::EINVAL)?;
        match self.msg_queues.get(id) {
            Some(q) if !q.removed => Ok(id),
            _ => Err(Errno::EINVAL),
        }
    }

    /// msgget(key, flags): the queue with that key, made if IPC_CREAT allows; IPC_PRIVATE
    /// (key 0) always makes a new one.
    pub(super) fn msgget(
        &mut self,
        pid: Pid,
        key: i32,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<usize, Errno> {
        if key != IPC_PRIVATE
            && let Some(id) = self
                .msg_queues
                .iter()
                .position(|q| q.key == key && !q.removed)
        {
            if flags & IPC_CREAT != 0 && flags & IPC_EXCL != 0 {
                return Err(Errno::EEXIST);
            }
            return Ok(id);
        }
        if key != IPC_PRIVATE && flags & IPC_CREAT == 0 {
            return Err(Errno::ENOENT);
        }
        let (now, _) = self.now();
        let status = QueueStatus {
            mode: narrow::low_u32(flags) & 0o777,
            uid: self.process(pid).map_or(0, |p| p.uid),
            gid: self.process(pid).map_or(0, |p| p.gid),
            changed_at: now,
            ..QueueStatus::default()
        };
        self.msg_queues.push(MessageQueue::new(key, pid, status));
        let queue = self.msg_queues.len() - 1;
        events.push(Event::MsgQueueMade { pid, queue, key });
        Ok(queue)
    }

    /// msgsnd(id, message, flags): Ok(None) when sent, Ok(Some(queue)) when the caller must
    /// wait for room.
    pub(super) fn msgsnd(
        &mut self,
        pid: Pid,
        id: u64,
        message: Message,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<Option<usize>, Errno> {
        let queue = self.live_queue(id)?;
        if message.mtype < 1 || message.text.len() > MESSAGE_MAX {
            return Err(Errno::EINVAL);
        }
        if !self.msg_queues[queue].has_room(message.text.len()) {
            return if flags & IPC_NOWAIT != 0 {
                Err(Errno::EAGAIN)
            } else {
                Ok(Some(queue))
            };
        }
        events.push(Event::MsgSent {
            pid,
            queue,
            mtype: message.mtype,
            bytes: message.text.len(),
        });
        let (now, _) = self.now();
        let q = &mut self.msg_queues[queue];
        q.messages.push_back(message);
        (q.status.sent_at, q.status.last_sender) = (now, pid);
        self.wake_on(WaitChannel::MsgRecv(queue), events);
        Ok(None)
    }

    /// msgrcv(id, size, type, flags): takes the message msgrcv's type rule picks.
    pub(super) fn msgrcv(
        &mut self,
        pid: Pid,
        id: u64,
        size: usize,
        want: i64,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<Received, Errno> {
        let queue = self.live_queue(id)?;
        let Some(at) = self.msg_queues[queue].find(want) else {
            return if flags & IPC_NOWAIT != 0 {
                Err(Errno::ENOMSG)
            } else {
                Ok(Received::MustWait(queue))
            };
        };
        if self.msg_queues[queue].messages[at].text.len() > size && flags & MSG_NOERROR == 0 {
            return Err(Errno::E2BIG);
        }
        let mut message = self.msg_queues[queue]
            .messages
            .remove(at)
            .expect("found above");
        message.text.truncate(size);
        let (now, _) = self.now();
        let status = &mut self.msg_queues[queue].status;
        (status.received_at, status.last_receiver) = (now, pid);
        events.push(Event::MsgReceived {
            pid,
            queue,
            mtype: message.mtype,
            bytes: message.text.len(),
        });
        self.wake_on(WaitChannel::MsgSend(queue), events);
        Ok(Received::Message(message))
    }

    /// msgctl(id, IPC_RMID): removes a queue; its waiters fail with EIDRM.
    pub(super) fn msg_remove(
        &mut self,
        pid: Pid,
        id: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let queue = self.live_queue(id)?;
        self.msg_queues[queue].removed = true;
        self.msg_queues[queue].messages.clear();
        events.push(Event::MsgQueueRemoved { pid, queue });
        for channel in [WaitChannel::MsgSend(queue), WaitChannel::MsgRecv(queue)] {
            for waiter in self.sleepers(&channel) {
                self.fail_blocked_call(waiter, Errno::EIDRM, events);
                self.wake(waiter, events);
            }
        }
        Ok(())
    }

    /// msgctl(id, IPC_STAT): the queue's `struct msqid_ds`.
    pub(super) fn msqid_ds(&self, id: u64) -> Result<Vec<u8>, Errno> {
        let q = &self.msg_queues[self.live_queue(id)?];
        let s = q.status;
        let mut ds = vec![0u8; msqid_ds::SIZE];
        IpcPerm {
            key: q.key,
            uid: s.uid,
            gid: s.gid,
            mode: s.mode,
        }
        .write(&mut ds);
        let mut put = |at: usize, bytes: &[u8]| ds[at..at + bytes.len()].copy_from_slice(bytes);
        for (k, t) in [s.sent_at, s.received_at, s.changed_at].iter().enumerate() {
            put(msqid_ds::TIMES + 8 * k, &t.to_le_bytes());
        }
        put(msqid_ds::CBYTES, &(q.bytes() as u64).to_le_bytes());
        put(msqid_ds::QNUM, &(q.messages.len() as u64).to_le_bytes());
        put(msqid_ds::QBYTES, &(QUEUE_BYTES as u64).to_le_bytes());
        put(msqid_ds::LSPID, &s.last_sender.to_le_bytes());
        put(msqid_ds::LRPID, &s.last_receiver.to_le_bytes());
        Ok(ds)
    }

    /// Makes the system call a sleeping process is blocked in return -1 with `errno` when
    /// it wakes, instead of running again.
    pub(super) fn fail_blocked_call(&mut self, pid: Pid, errno: Errno, events: &mut Vec<Event>) {
        let p = self.proc_mut(pid);
        p.context.pc += INSTRUCTION_SIZE;
        p.context.regs[0] = u64::MAX;
        let _ = self.set_errno(pid, errno, events);
    }
}
