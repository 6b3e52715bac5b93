//! File descriptors, open file descriptions and pipes: pipe, read, write, close, dup and
//! dup2, with a pipe's blocking rules (read waits for data, write waits for room, EOF once
//! every write end is closed, SIGPIPE for writing with no reader), and reads and writes of
//! regular files at their description's offset.

use super::*;
use crate::abi::flags::{O_ACCMODE, O_APPEND, O_RDWR, O_WRONLY, PIPE_MAX_SIZE};
use crate::abi::signal::SIGPIPE;
use crate::file_system::MAX_FILE_SIZE;
use crate::narrow;
use crate::open_file::{FileKind, OpenFile};
use crate::pipe::Pipe;
use crate::process::FileDescriptor;
use crate::program::LibFn;

/// What a write() did.
pub(super) enum Written {
    /// All bytes went out.
    Done,
    /// Some did not fit: the writer sleeps until the rest drains into the pipe.
    MustWait(usize),
}

impl Kernel {
    /// The open file description a process's descriptor refers to.
    pub(super) fn description(&self, pid: Pid, fd: i32) -> Option<usize> {
        self.process(pid)?
            .files
            .fds
            .iter()
            .find(|d| d.fd == fd)
            .map(|d| d.open_file)
    }

    /// What a process's descriptor refers to.
    pub(super) fn fd_kind(&self, pid: Pid, fd: i32) -> Option<FileKind> {
        Some(self.open_files[self.description(pid, fd)?].kind)
    }

    /// The open file descriptions, by index.
    pub fn open_files(&self) -> &[OpenFile] {
        &self.open_files
    }

    /// The file system.
    pub fn file_system(&self) -> &FileSystem {
        &self.fs
    }

    /// The pipes, by index.
    pub fn pipes(&self) -> &[Pipe] {
        &self.pipes
    }

    /// One more descriptor refers to a description.
    pub(super) fn retain_file(&mut self, open_file: usize) {
        self.open_files[open_file].refs += 1;
    }

    /// Adds an open file description with one reference; returns its index.
    pub(super) fn new_description(&mut self, file: OpenFile) -> usize {
        match self.open_files.iter().position(|f| f.refs == 0) {
            Some(free) => {
                self.open_files[free] = file;
                free
            }
            None => {
                self.open_files.push(file);
                self.open_files.len() - 1
            }
        }
    }

    /// Puts a description at the lowest free descriptor number of a process.
    pub(super) fn install(&mut self, pid: Pid, open_file: usize) -> i32 {
        let fds = &mut self.proc_mut(pid).files.fds;
        let fd = (0..)
            .find(|n| !fds.iter().any(|d| d.fd == *n))
            .expect("a free number");
        fds.push(FileDescriptor {
            fd,
            open_file,
            close_on_exec: false,
        });
        fds.sort_by_key(|d| d.fd);
        fd
    }

    /// True while some description refers to this kind of file (a FIFO's end may be open
    /// through several).
    pub(super) fn is_open(&self, kind: FileKind) -> bool {
        self.open_files.iter().any(|f| f.refs > 0 && f.kind == kind)
    }

    /// One descriptor fewer refers to a description; the last one closes a pipe's end
    /// (unless another description, of a FIFO, still holds it).
    pub(super) fn release_file(&mut self, open_file: usize, events: &mut Vec<Event>) {
        let file = &mut self.open_files[open_file];
        file.refs -= 1;
        let kind = file.kind;
        if file.refs > 0 || self.is_open(kind) {
            return;
        }
        match kind {
            FileKind::Terminal
            | FileKind::Null
            | FileKind::File(_)
            | FileKind::Directory(_)
            | FileKind::ProcDir(_)
            | FileKind::ProcFile(..) => {}
            FileKind::PipeWrite(p) => self.close_write_end(p, events),
            FileKind::PipeRead(p) => self.close_read_end(p, events),
            FileKind::Socket { rx, tx } => {
                self.close_read_end(rx, events);
                self.close_write_end(tx, events);
            }
        }
    }

    /// A pipe's last writer is gone: readers wake to find end of file.
    fn close_write_end(&mut self, p: usize, events: &mut Vec<Event>) {
        self.pipes[p].write_open = false;
        events.push(Event::PipeEndClosed {
            pipe: p,
            write_end: true,
        });
        self.wake_on(WaitChannel::PipeRead(p), events);
    }

    /// A pipe's last reader is gone: sleeping writers wake, their write() returning what
    /// it had moved (or failing with EPIPE when it had moved nothing, as Linux's
    /// pipe_write does), and get SIGPIPE.
    fn close_read_end(&mut self, p: usize, events: &mut Vec<Event>) {
        self.pipes[p].read_open = false;
        events.push(Event::PipeEndClosed {
            pipe: p,
            write_end: false,
        });
        for pid in self.sleepers(&WaitChannel::PipeWrite(p)) {
            self.end_write_early(pid, events);
            if self
                .process(pid)
                .is_some_and(|p| p.state() == ProcState::Waiting)
            {
                self.wake(pid, events);
            }
            self.send_signal(pid, SIGPIPE, events);
        }
    }

    /// The bytes a process asleep inside write() on a full pipe has moved so far; None when
    /// it sleeps in another call (stdio's flushes keep their own result).
    pub(super) fn moved_by_sleeping_write(&self, pid: Pid) -> Option<u64> {
        let p = self.process(pid)?;
        let in_write = matches!(
            p.program.op_at(p.context.pc.wrapping_sub(INSTRUCTION_SIZE)),
            Some(Op::Lib(LibFn::Write, _))
        );
        let left = p
            .pending_write
            .as_ref()
            .map_or(0, |(_, rest)| rest.len() as u64);
        in_write.then(|| p.context.regs[0].saturating_sub(left))
    }

    /// A write() asleep on a pipe whose reader left returns the bytes it moved, or -1 with
    /// EPIPE; the bytes it had not moved are dropped.
    fn end_write_early(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let moved = self.moved_by_sleeping_write(pid);
        self.proc_mut(pid).pending_write = None;
        match moved {
            Some(0) => {
                self.proc_mut(pid).context.regs[0] = u64::MAX;
                let _ = self.set_errno(pid, Errno::EPIPE, events);
            }
            Some(written) => self.proc_mut(pid).context.regs[0] = written,
            None => {}
        }
    }

    /// For a deadlock's narration: each user process that waits, and what it waits for,
    /// naming the processes that could have ended the wait.
    pub(super) fn explain_waits(&self) -> Vec<(Pid, String)> {
        let holders = |kind: FileKind| -> Vec<String> {
            self.procs
                .iter()
                .filter(|p| p.state().is_alive())
                .filter(|p| {
                    p.files
                        .fds
                        .iter()
                        .any(|d| self.open_files[d.open_file].kind == kind)
                })
                .map(|p| format!("P{}", p.pid))
                .collect()
        };
        self.procs
            .iter()
            .filter(|p| {
                p.pid != INIT_PID && matches!(p.state(), ProcState::Waiting | ProcState::Stopped)
            })
            .filter_map(|p| {
                if p.state() == ProcState::Stopped {
                    let why = "is stopped, and no process is left to send it SIGCONT";
                    return Some((p.pid, why.to_owned()));
                }
                let why = match p.waiting_on.as_ref()? {
                    WaitChannel::PipeRead(pipe) => format!(
                        "waits to read pipe {pipe}, whose write end is still held by {}",
                        holders(FileKind::PipeWrite(*pipe)).join(", ")
                    ),
                    WaitChannel::PipeWrite(pipe) => format!(
                        "waits to write to full pipe {pipe}, read only by {}",
                        holders(FileKind::PipeRead(*pipe)).join(", ")
                    ),
                    channel @ WaitChannel::Child(_) => format!("waits for {}", channel.describe()),
                    WaitChannel::Signal => "waits for a signal no one will send".to_owned(),
                    WaitChannel::Timer(t) => format!("sleeps until tick {t}"),
                    WaitChannel::FifoOpen(_) => {
                        "waits in open() for the FIFO's other end to be opened".to_owned()
                    }
                    WaitChannel::MsgSend(q) => {
                        format!("waits in msgsnd() for room in message queue {q}")
                    }
                    WaitChannel::MsgRecv(q) => {
                        format!("waits in msgrcv() for a message in queue {q}")
                    }
                    WaitChannel::Device(_) => "waits for the disk".to_owned(),
                    WaitChannel::SemSet(s) => {
                        format!("waits in semop() on semaphore set {s}, which no process is left to change")
                    }
                    WaitChannel::Semaphore(_) => {
                        "waits in sem_wait() for a sem_post no process is left to make".to_owned()
                    }
                };
                Some((p.pid, why))
            })
            .collect()
    }

    /// Processes sleeping on a channel, in PID order.
    pub(super) fn sleepers(&self, channel: &WaitChannel) -> Vec<Pid> {
        self.procs
            .iter()
            .filter(|p| p.state() == ProcState::Waiting && p.waiting_on.as_ref() == Some(channel))
            .map(|p| p.pid)
            .collect()
    }

    pub(super) fn wake_on(&mut self, channel: WaitChannel, events: &mut Vec<Event>) {
        for pid in self.sleepers(&channel) {
            self.wake(pid, events);
        }
    }

    /// close(fd).
    pub(super) fn close_fd(
        &mut self,
        pid: Pid,
        fd: i32,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let fds = &mut self.proc_mut(pid).files.fds;
        let at = fds.iter().position(|d| d.fd == fd).ok_or(Errno::EBADF)?;
        let d = fds.remove(at);
        self.release_file(d.open_file, events);
        Ok(())
    }

    /// Closes every descriptor of an exiting process.
    pub(super) fn close_all(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let fds = std::mem::take(&mut self.proc_mut(pid).files.fds);
        self.proc_mut(pid).pending_write = None;
        for d in fds {
            self.release_file(d.open_file, events);
        }
    }

    /// pipe(): a new pipe, its read end and write end at the two lowest free descriptors.
    pub(super) fn make_pipe(&mut self, pid: Pid, events: &mut Vec<Event>) -> (i32, i32) {
        self.pipes.push(Pipe::new(self.settings.pipe_capacity));
        let p = self.pipes.len() - 1;
        let read = self.new_description(OpenFile::new(FileKind::PipeRead(p), 0, "pipe"));
        let read_fd = self.install(pid, read);
        let write = self.new_description(OpenFile::new(FileKind::PipeWrite(p), O_WRONLY, "pipe"));
        let write_fd = self.install(pid, write);
        events.push(Event::PipeCreated {
            pid,
            pipe: p,
            read_fd,
            write_fd,
        });
        (read_fd, write_fd)
    }

    /// The descriptor entry `fd` of a process, for changing its flags.
    fn descriptor_mut(&mut self, pid: Pid, fd: i32) -> Result<&mut FileDescriptor, Errno> {
        self.proc_mut(pid)
            .files
            .fds
            .iter_mut()
            .find(|d| d.fd == fd)
            .ok_or(Errno::EBADF)
    }

    /// fcntl(F_GETFD): whether exec closes `fd`.
    pub(super) fn close_on_exec(&self, pid: Pid, fd: i32) -> Result<bool, Errno> {
        let files = &self.process(pid).ok_or(Errno::EBADF)?.files;
        let entry = files.fds.iter().find(|d| d.fd == fd).ok_or(Errno::EBADF)?;
        Ok(entry.close_on_exec)
    }

    /// fcntl(F_SETFD): sets whether exec closes `fd`.
    pub(super) fn set_close_on_exec(&mut self, pid: Pid, fd: i32, on: bool) -> Result<(), Errno> {
        self.descriptor_mut(pid, fd)?.close_on_exec = on;
        Ok(())
    }

    /// fcntl(F_GETFL): the open file description's access mode and status flags.
    pub(super) fn status_flags(&self, pid: Pid, fd: i32) -> Result<u32, Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        Ok(self.open_files[at].flags & (O_ACCMODE | O_APPEND))
    }

    /// fcntl(F_SETFL): turns O_APPEND on or off for the open file description.
    pub(super) fn set_append(&mut self, pid: Pid, fd: i32, on: bool) -> Result<(), Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        let flags = &mut self.open_files[at].flags;
        *flags = if on {
            *flags | O_APPEND
        } else {
            *flags & !O_APPEND
        };
        Ok(())
    }

    /// The pipe behind a pipe's (or FIFO's) descriptor; EBADF for anything else.
    pub(super) fn pipe_of(&self, pid: Pid, fd: i32) -> Result<usize, Errno> {
        match self.fd_kind(pid, fd) {
            Some(FileKind::PipeRead(p) | FileKind::PipeWrite(p)) => Ok(p),
            _ => Err(Errno::EBADF),
        }
    }

    /// fcntl(F_SETPIPE_SZ): the pipe's buffer becomes `size` bytes rounded up to a power of
    /// two pages (at least one page), as Linux sizes it; EPERM past pipe-max-size, EBUSY
    /// when the pipe holds more than that. Returns the new size.
    pub(super) fn resize_pipe(&mut self, pid: Pid, fd: i32, size: u64) -> Result<u64, Errno> {
        let p = self.pipe_of(pid, fd)?;
        if size > PIPE_MAX_SIZE {
            return Err(Errno::EPERM);
        }
        let page = self.settings.page_size;
        let capacity = size.div_ceil(page).max(1).next_power_of_two() * page;
        let pipe = &mut self.pipes[p];
        if (pipe.buffer.len() as u64) > capacity {
            return Err(Errno::EBUSY);
        }
        pipe.capacity = narrow::host_index(capacity);
        Ok(capacity)
    }

    /// socketpair(AF_UNIX, SOCK_STREAM): two connected sockets at the two lowest free
    /// descriptors, each reading what the other writes (a pipe each way).
    pub(super) fn make_socket_pair(&mut self, pid: Pid, events: &mut Vec<Event>) -> (i32, i32) {
        let capacity = self.settings.pipe_capacity;
        let pair = self
            .open_files
            .iter()
            .filter(|f| matches!(f.kind, FileKind::Socket { .. }))
            .count()
            / 2;
        self.pipes.push(Pipe::named(
            capacity,
            format!("socket pair {pair}: end 0 → end 1"),
        ));
        self.pipes.push(Pipe::named(
            capacity,
            format!("socket pair {pair}: end 1 → end 0"),
        ));
        let (forth, back) = (self.pipes.len() - 2, self.pipes.len() - 1);
        let end = |k: &mut Self, rx, tx| {
            let kind = FileKind::Socket { rx, tx };
            let at = k.new_description(OpenFile::new(kind, O_RDWR, "socket"));
            k.install(pid, at)
        };
        let first = end(self, back, forth);
        let second = end(self, forth, back);
        events.push(Event::SocketPairMade {
            pid,
            fds: (first, second),
            pipes: (forth, back),
        });
        (first, second)
    }

    /// dup(fd), or dup2(fd, to) when `to` is given.
    pub(super) fn dup_fd(
        &mut self,
        pid: Pid,
        fd: i32,
        to: Option<i32>,
        events: &mut Vec<Event>,
    ) -> Result<i32, Errno> {
        let open_file = self.description(pid, fd).ok_or(Errno::EBADF)?;
        let new_fd = match to {
            Some(to) if to == fd => return Ok(to),
            Some(to) if !(0..1024).contains(&to) => return Err(Errno::EBADF),
            Some(to) => {
                if self.description(pid, to).is_some() {
                    self.close_fd(pid, to, events)?;
                }
                self.retain_file(open_file);
                let fds = &mut self.proc_mut(pid).files.fds;
                fds.push(FileDescriptor {
                    fd: to,
                    open_file,
                    close_on_exec: false,
                });
                fds.sort_by_key(|d| d.fd);
                to
            }
            None => {
                self.retain_file(open_file);
                self.install(pid, open_file)
            }
        };
        events.push(Event::Dup {
            pid,
            from: fd,
            to: new_fd,
            file: self.open_files[open_file].describe(),
        });
        Ok(new_fd)
    }

    /// read(fd, n) for a process: the bytes, or None when it must sleep until data comes.
    pub(super) fn read_fd(
        &mut self,
        pid: Pid,
        fd: i32,
        n: u64,
        events: &mut Vec<Event>,
    ) -> Result<Option<Vec<u8>>, Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        if !self.open_files[at].readable() {
            return Err(Errno::EBADF);
        }
        match self.open_files[at].kind {
            // The simulated terminal has no keyboard: reading it is end of file.
            FileKind::Terminal | FileKind::Null => Ok(Some(Vec::new())),
            FileKind::PipeWrite(_) => Err(Errno::EBADF),
            FileKind::Directory(_) | FileKind::ProcDir(_) => Err(Errno::EISDIR),
            FileKind::File(_) | FileKind::ProcFile(..) => {
                let file = &self.open_files[at];
                let offset = file.offset;
                let bytes = match file.kind {
                    FileKind::File(ino) => self.fs.read(ino, offset, n),
                    FileKind::ProcFile(of, entry) => {
                        let text = self.proc_text(of, entry);
                        let start =
                            usize::try_from(offset).map_or(text.len(), |o| o.min(text.len()));
                        let end = start.saturating_add(usize::try_from(n).unwrap_or(usize::MAX));
                        text[start..end.min(text.len())].to_vec()
                    }
                    _ => unreachable!("matched above"),
                };
                self.open_files[at].offset += bytes.len() as u64;
                events.push(Event::FileIo {
                    pid,
                    path: self.open_files[at].path.clone(),
                    bytes: bytes.len(),
                    offset,
                    write: false,
                });
                Ok(Some(bytes))
            }
            FileKind::PipeRead(p) | FileKind::Socket { rx: p, .. } => {
                let pipe = &mut self.pipes[p];
                if pipe.buffer.is_empty() {
                    return Ok(if pipe.write_open {
                        None
                    } else {
                        Some(Vec::new())
                    });
                }
                let bytes = pipe.take(usize::try_from(n).unwrap_or(usize::MAX));
                events.push(Event::PipeRead {
                    pid,
                    pipe: p,
                    bytes: bytes.len(),
                });
                self.drain_pending(p, events);
                Ok(Some(bytes))
            }
        }
    }

    /// write(fd, bytes) for a process.
    pub(super) fn write_fd(
        &mut self,
        pid: Pid,
        fd: i32,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<Written, Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        if !self.open_files[at].writable() {
            return Err(Errno::EBADF);
        }
        match self.open_files[at].kind {
            FileKind::Terminal => {
                self.write_terminal(pid, fd, bytes.to_vec(), events);
                Ok(Written::Done)
            }
            FileKind::Null => Ok(Written::Done),
            FileKind::File(ino) => {
                let file = &mut self.open_files[at];
                if file.flags & O_APPEND != 0 {
                    file.offset = self.fs.size(ino);
                }
                let offset = file.offset;
                if offset.saturating_add(bytes.len() as u64) > MAX_FILE_SIZE {
                    return Err(Errno::EFBIG);
                }
                file.offset += bytes.len() as u64;
                self.fs_mut().write(ino, offset, bytes);
                self.update_cached_pages(ino, offset, bytes);
                events.push(Event::FileIo {
                    pid,
                    path: self.open_files[at].path.clone(),
                    bytes: bytes.len(),
                    offset,
                    write: true,
                });
                Ok(Written::Done)
            }
            FileKind::PipeRead(_)
            | FileKind::Directory(_)
            | FileKind::ProcDir(_)
            | FileKind::ProcFile(..) => Err(Errno::EBADF),
            FileKind::PipeWrite(p) | FileKind::Socket { tx: p, .. } => {
                if !self.pipes[p].read_open {
                    self.send_signal(pid, SIGPIPE, events);
                    return Err(Errno::EPIPE);
                }
                let n = self.pipes[p].accept(bytes.len());
                if n > 0 {
                    self.pipes[p].push(&bytes[..n]);
                    events.push(Event::PipeWrite {
                        pid,
                        pipe: p,
                        bytes: n,
                    });
                    self.wake_on(WaitChannel::PipeRead(p), events);
                }
                if n == bytes.len() {
                    Ok(Written::Done)
                } else {
                    self.proc_mut(pid).pending_write = Some((p, bytes[n..].to_vec()));
                    Ok(Written::MustWait(p))
                }
            }
        }
    }

    /// write() to a file changes the page-cache frames of its pages that are mapped, so
    /// every MAP_SHARED mapping sees the new bytes.
    fn update_cached_pages(&mut self, ino: usize, offset: u64, bytes: &[u8]) {
        let page = self.settings.page_size;
        let end = offset + bytes.len() as u64;
        for file_page in offset / page..end.div_ceil(page) {
            let Some(frame) = self.frames.cached(ino, file_page) else {
                continue;
            };
            let from = offset.max(file_page * page);
            let to = end.min((file_page + 1) * page);
            let data = &bytes[narrow::host_index(from - offset)..narrow::host_index(to - offset)];
            self.frames
                .write(frame, narrow::host_index(from % page), data);
        }
    }

    /// Moves bytes of writers sleeping on a pipe into the room a read made; a writer whose
    /// bytes are all in wakes up.
    pub(super) fn drain_pending(&mut self, p: usize, events: &mut Vec<Event>) {
        for pid in self.sleepers(&WaitChannel::PipeWrite(p)) {
            let Some((_, rest)) = self.proc_mut(pid).pending_write.take() else {
                continue;
            };
            let n = self.pipes[p].accept(rest.len());
            if n > 0 {
                self.pipes[p].push(&rest[..n]);
                events.push(Event::PipeWrite {
                    pid,
                    pipe: p,
                    bytes: n,
                });
                self.wake_on(WaitChannel::PipeRead(p), events);
            }
            if n == rest.len() {
                self.wake(pid, events);
            } else {
                self.proc_mut(pid).pending_write = Some((p, rest[n..].to_vec()));
                break;
            }
        }
    }
}
