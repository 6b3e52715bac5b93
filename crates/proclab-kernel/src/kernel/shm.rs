//! System V shared memory: shmget, shmat, shmdt and shmctl (IPC_STAT, IPC_SET, IPC_RMID),
//! with the attachments fork inherits and exit and exec detach. A segment holds its own
//! frames (see [`crate::shared_memory`]); an attachment maps them shared.

use super::memory::{Backing, Region};
use super::*;
use crate::abi::flags::{IPC_CREAT, IPC_EXCL, IPC_PRIVATE, SHM_RDONLY};
use crate::abi::ipc_ds::{IpcPerm, shmid_ds};
use crate::shared_memory::{Attachment, Segment, SegmentTimes};

impl Kernel {
    /// The shared memory segments, by id.
    pub fn shm_segments(&self) -> &[Segment] {
        &self.shm_segments
    }

    /// The segment an id names, unless it is gone (EINVAL).
    fn live_segment(&self, id: u64) -> Result<usize, Errno> {
        let id = usize::try_from(id).map_err(|_| Errno::EINVAL)?;
        match self.shm_segments.get(id) {
            Some(s) if !s.destroyed => Ok(id),
            _ => Err(Errno::EINVAL),
        }
    }

    /// Whether `pid` may use a segment as `write` asks: root always, its owner by the owner
    /// bits, anyone else by the others' bits.
    fn may_use_segment(&self, pid: Pid, segment: &Segment, write: bool) -> bool {
        let uid = self.process(pid).map_or(0, |p| p.uid);
        let bits = if uid == segment.uid {
            segment.mode >> 6
        } else {
            segment.mode
        };
        uid == 0 || bits & if write { 0o2 } else { 0o4 } != 0
    }

    /// shmget(key, size, flags): the segment with that key, made if IPC_CREAT allows;
    /// IPC_PRIVATE always makes a new one. EINVAL for a size of 0 or one larger than an
    /// existing segment's; ENOMEM when the machine has too few free frames for it.
    pub(super) fn shmget(
        &mut self,
        pid: Pid,
        key: i32,
        size: u64,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<usize, Errno> {
        if key != IPC_PRIVATE
            && let Some(id) = self
                .shm_segments
                .iter()
                .position(|s| s.key == key && !s.destroyed)
        {
            let segment = &self.shm_segments[id];
            if flags & IPC_CREAT != 0 && flags & IPC_EXCL != 0 {
                return Err(Errno::EEXIST);
            }
            if size > segment.size {
                return Err(Errno::EINVAL);
            }
            if !self.may_use_segment(pid, segment, false) {
                return Err(Errno::EACCES);
            }
            return Ok(id);
        }
        if key != IPC_PRIVATE && flags & IPC_CREAT == 0 {
            return Err(Errno::ENOENT);
        }
        if size == 0 {
            return Err(Errno::EINVAL);
        }
        let frames = self.segment_frames(size.div_ceil(self.settings.page_size))?;
        let (now, _) = self.now();
        let (uid, gid) = self.process(pid).map_or((0, 0), |p| (p.uid, p.gid));
        self.shm_segments.push(Segment {
            key,
            size,
            frames: frames.clone(),
            mode: narrow::low_u32(flags) & 0o777,
            uid,
            gid,
            creator: pid,
            last_pid: 0,
            attached: 0,
            times: SegmentTimes {
                changed: now,
                ..SegmentTimes::default()
            },
            removing: false,
            destroyed: false,
        });
        let segment = self.shm_segments.len() - 1;
        events.push(Event::ShmMade {
            pid,
            segment,
            key,
            size,
            frames,
        });
        Ok(segment)
    }

    /// `pages` zeroed frames for a new segment, each with one reference, the segment's;
    /// ENOMEM, with none taken, when the machine has fewer free.
    fn segment_frames(&mut self, pages: u64) -> Result<Vec<usize>, Errno> {
        if pages > self.frames.free_count() as u64 {
            return Err(Errno::ENOMEM);
        }
        (0..pages)
            .map(|_| self.frames.allocate(FrameUse::User).ok_or(Errno::ENOMEM))
            .collect()
    }

    /// shmat(id, NULL, flags): maps the segment's file shared, below the process's other
    /// mappings, read-only with SHM_RDONLY. Returns the address. ProcLab chooses the
    /// address itself: a program that names one gets EINVAL.
    pub(super) fn shmat(
        &mut self,
        pid: Pid,
        id: u64,
        addr: u64,
        flags: u64,
        events: &mut Vec<Event>,
    ) -> Result<u64, Errno> {
        let segment = self.live_segment(id)?;
        if addr != 0 {
            return Err(Errno::EINVAL);
        }
        let writable = flags & SHM_RDONLY == 0;
        let s = &self.shm_segments[segment];
        if !self.may_use_segment(pid, s, writable) {
            return Err(Errno::EACCES);
        }
        let region = Region {
            len: s.size,
            writable,
            shared: true,
            backing: Backing::Frames(s.frames.clone()),
        };
        let (start, frames) = self.map_region(pid, region)?;
        let i = self.index_of(pid);
        self.procs[i]
            .memory
            .attachments
            .push(Attachment { segment, start });
        let (now, _) = self.now();
        let s = &mut self.shm_segments[segment];
        s.attached += 1;
        s.last_pid = pid;
        s.times.attached = now;
        events.push(Event::ShmAttached {
            pid,
            segment,
            start,
            frames,
            attached: s.attached,
        });
        Ok(start)
    }

    /// shmdt(addr): detaches the segment attached at `addr` (EINVAL if none is).
    pub(super) fn shmdt(
        &mut self,
        pid: Pid,
        addr: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let i = self.index_of(pid);
        let attachments = &mut self.procs[i].memory.attachments;
        let at = attachments
            .iter()
            .position(|a| a.start == addr)
            .ok_or(Errno::EINVAL)?;
        let attachment = attachments.remove(at);
        self.unmap_region(pid, addr, events);
        self.count_detach(pid, attachment.segment, events);
        Ok(())
    }

    /// One attachment fewer: the segment goes with its last one once IPC_RMID was asked.
    fn count_detach(&mut self, pid: Pid, segment: usize, events: &mut Vec<Event>) {
        let (now, _) = self.now();
        let s = &mut self.shm_segments[segment];
        s.attached -= 1;
        s.last_pid = pid;
        s.times.detached = now;
        let attached = s.attached;
        let freed = if s.removing && attached == 0 {
            self.destroy_segment(segment)
        } else {
            Vec::new()
        };
        events.push(Event::ShmDetached {
            pid,
            segment,
            attached,
            freed,
        });
    }

    /// A segment's id stops naming it and it drops its frames: returns those freed (the
    /// ones no process maps).
    fn destroy_segment(&mut self, segment: usize) -> Vec<usize> {
        let s = &mut self.shm_segments[segment];
        s.destroyed = true;
        let frames = std::mem::take(&mut s.frames);
        frames
            .into_iter()
            .filter(|&f| self.frames.release(f) == 0)
            .collect()
    }

    /// The attachments a forked child copied from its parent: each counts once more.
    pub(super) fn count_inherited_attachments(&mut self, child: Pid) {
        let attachments = self.proc_mut(child).memory.attachments.clone();
        for a in attachments {
            self.shm_segments[a.segment].attached += 1;
        }
    }

    /// Exit and exec detach every segment a process had attached (its mappings go with
    /// its address space).
    pub(super) fn detach_all(
        &mut self,
        pid: Pid,
        attachments: &[Attachment],
        events: &mut Vec<Event>,
    ) {
        for a in attachments {
            self.count_detach(pid, a.segment, events);
        }
    }

    /// shmctl(id, IPC_RMID): removes the segment, at once if nothing is attached, else
    /// when its last attachment goes (its key is free for a new segment from now on).
    pub(super) fn shm_remove(
        &mut self,
        pid: Pid,
        id: u64,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let segment = self.live_segment(id)?;
        self.owner_or_root(pid, segment)?;
        let s = &mut self.shm_segments[segment];
        s.removing = true;
        s.key = IPC_PRIVATE;
        let attached = s.attached;
        let freed = if attached == 0 {
            self.destroy_segment(segment)
        } else {
            Vec::new()
        };
        events.push(Event::ShmRemoved {
            pid,
            segment,
            attached,
            freed,
        });
        Ok(())
    }

    /// shmctl(id, IPC_STAT): the segment's `struct shmid_ds` (EACCES without read
    /// permission).
    pub(super) fn shm_stat(&self, pid: Pid, id: u64) -> Result<Vec<u8>, Errno> {
        let segment = self.live_segment(id)?;
        if !self.may_use_segment(pid, &self.shm_segments[segment], false) {
            return Err(Errno::EACCES);
        }
        Ok(self.shmid_ds(segment))
    }

    /// shmctl(id, IPC_SET): the owner and permission bits from a `struct shmid_ds`.
    pub(super) fn shm_set(&mut self, pid: Pid, id: u64, ds: &[u8]) -> Result<(), Errno> {
        let segment = self.live_segment(id)?;
        self.owner_or_root(pid, segment)?;
        let (now, _) = self.now();
        let s = &mut self.shm_segments[segment];
        (s.uid, s.mode) = IpcPerm::owner_and_mode(ds);
        s.times.changed = now;
        Ok(())
    }

    /// EPERM unless `pid` is root or owns the segment.
    fn owner_or_root(&self, pid: Pid, segment: usize) -> Result<(), Errno> {
        let uid = self.process(pid).map_or(0, |p| p.uid);
        if uid == 0 || uid == self.shm_segments[segment].uid {
            Ok(())
        } else {
            Err(Errno::EPERM)
        }
    }

    /// A segment's `struct shmid_ds`.
    fn shmid_ds(&self, segment: usize) -> Vec<u8> {
        let s = &self.shm_segments[segment];
        let mut ds = vec![0u8; shmid_ds::SIZE];
        IpcPerm {
            key: s.key,
            uid: s.uid,
            gid: s.gid,
            mode: s.reported_mode(),
        }
        .write(&mut ds);
        let mut put = |at: usize, bytes: &[u8]| ds[at..at + bytes.len()].copy_from_slice(bytes);
        put(shmid_ds::SEGSZ, &s.size.to_le_bytes());
        let times = [s.times.attached, s.times.detached, s.times.changed];
        for (k, t) in times.iter().enumerate() {
            put(shmid_ds::TIMES + 8 * k, &t.to_le_bytes());
        }
        put(shmid_ds::CPID, &s.creator.to_le_bytes());
        put(shmid_ds::LPID, &s.last_pid.to_le_bytes());
        put(shmid_ds::NATTCH, &s.attached.to_le_bytes());
        ds
    }
}
