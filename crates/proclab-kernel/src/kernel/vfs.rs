//! The system calls that name files by path: open (regular files, devices, directories,
//! FIFOs and `/proc`), lseek, unlink, mkfifo, chdir and getcwd, and the directory reading
//! that readdir() is built on.

use super::*;
use crate::abi::flags::{
    DEFAULT_UMASK, DT_CHR, DT_DIR, DT_FIFO, DT_LNK, DT_REG, SEEK_CUR, SEEK_END, SEEK_SET,
};
use crate::abi::flags::{O_ACCMODE, O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_RDWR, O_TRUNC};
use crate::abi::layout::STAT_SIZE;
use crate::file_system::{HOME, Ino, NodeKind, resolve};
use crate::narrow;
use crate::open_file::ProcEntry;

/// What a path names.
enum Target {
    /// An inode of the file system.
    Node(Ino),
    /// `/proc/PID`.
    ProcDir(Pid),
    /// `/proc/PID/ENTRY`.
    ProcFile(Pid, ProcEntry),
}

/// What stat() reports of a file.
pub(super) struct FileStatus {
    /// Its inode number.
    pub ino: u64,
    /// Its type and permission bits.
    pub mode: u32,
    /// Its owner.
    pub uid: u32,
    /// Names it has (directories: 2).
    pub nlink: u64,
    /// Its size in bytes.
    pub size: u64,
}

impl FileStatus {
    /// The bytes of a `struct stat` holding it.
    pub fn to_struct(&self) -> Vec<u8> {
        let mut st = vec![0u8; narrow::host_index(STAT_SIZE)];
        st[8..16].copy_from_slice(&self.ino.to_le_bytes());
        st[16..24].copy_from_slice(&self.nlink.to_le_bytes());
        st[24..28].copy_from_slice(&self.mode.to_le_bytes());
        st[28..32].copy_from_slice(&self.uid.to_le_bytes());
        st[32..36].copy_from_slice(&self.uid.to_le_bytes());
        st[48..56].copy_from_slice(&self.size.to_le_bytes());
        st[56..64].copy_from_slice(&4096u64.to_le_bytes());
        st[64..72].copy_from_slice(&(self.size.div_ceil(4096) * 8).to_le_bytes());
        st
    }
}

/// One directory entry, as readdir() reports it.
pub(super) struct DirEntry {
    /// Its name.
    pub name: String,
    /// Its inode number (for `/proc` entries, a made-up one).
    pub ino: u64,
    /// Its `d_type`.
    pub kind: u8,
    /// Where the next readdir() continues (the directory's new offset): `d_off`.
    pub next: u64,
}

impl Kernel {
    /// A path as an absolute one, from the process's working directory.
    pub(super) fn absolute(&self, pid: Pid, path: &str) -> String {
        let cwd = self.process(pid).map_or(HOME, |p| p.files.cwd.as_str());
        resolve(cwd, path)
    }

    /// What an absolute path names; `/proc/self` is the caller's own directory.
    fn target(&self, pid: Pid, path: &str) -> Result<Target, Errno> {
        let Some(rest) = path.strip_prefix("/proc/") else {
            return self.fs.lookup(path).map(Target::Node).ok_or(Errno::ENOENT);
        };
        let (who, entry) = rest.split_once('/').unwrap_or((rest, ""));
        let of = if who == "self" {
            pid
        } else {
            who.parse::<Pid>().map_err(|_| Errno::ENOENT)?
        };
        if !self.proc_pids().contains(&of) {
            return Err(Errno::ENOENT);
        }
        if entry.is_empty() {
            return Ok(Target::ProcDir(of));
        }
        ProcEntry::ALL
            .into_iter()
            .find(|e| e.name() == entry)
            .map(|e| Target::ProcFile(of, e))
            .ok_or(Errno::ENOENT)
    }

    /// open(path, flags): a new open file description at the lowest free descriptor, and
    /// the channel to sleep on if it is a FIFO whose other end nobody has open yet.
    pub(super) fn open(
        &mut self,
        pid: Pid,
        path: &str,
        flags: u32,
        mode: u32,
        events: &mut Vec<Event>,
    ) -> Result<(i32, Option<WaitChannel>), Errno> {
        if path.is_empty() {
            return Err(Errno::ENOENT);
        }
        let path = self.absolute(pid, path);
        let access = flags & O_ACCMODE;
        if access == O_ACCMODE {
            return Err(Errno::EINVAL);
        }
        let writing = access != 0;
        let mut created = false;
        let mut fifo = None;
        let kind = match self.target(pid, &path) {
            Ok(_) if flags & O_CREAT != 0 && flags & O_EXCL != 0 => return Err(Errno::EEXIST),
            Ok(Target::ProcDir(_)) if writing => return Err(Errno::EISDIR),
            Ok(Target::ProcDir(of)) => FileKind::ProcDir(of),
            Ok(Target::ProcFile(..)) if writing => return Err(Errno::EACCES),
            Ok(Target::ProcFile(of, entry)) => FileKind::ProcFile(of, entry),
            Ok(Target::Node(ino)) => {
                let inode = self.fs.inode(ino);
                match &inode.kind {
                    NodeKind::Directory | NodeKind::ProcRoot if writing => {
                        return Err(Errno::EISDIR);
                    }
                    NodeKind::Directory | NodeKind::ProcRoot => FileKind::Directory(ino),
                    NodeKind::Regular(_) | NodeKind::Program(_) if writing && inode.root_only => {
                        return Err(Errno::EACCES);
                    }
                    NodeKind::Program(_) if writing => return Err(Errno::EACCES),
                    NodeKind::Regular(_) | NodeKind::Program(_) => {
                        if writing && flags & O_TRUNC != 0 {
                            self.fs_mut().truncate(ino);
                        }
                        FileKind::File(ino)
                    }
                    NodeKind::Terminal => FileKind::Terminal,
                    NodeKind::Null => FileKind::Null,
                    // One description cannot be both ends of the simulated pipe.
                    NodeKind::Fifo(_) if access == O_RDWR => return Err(Errno::EINVAL),
                    NodeKind::Fifo(pipe) => {
                        let p = self.fifo_pipe(ino, *pipe, &path);
                        fifo = Some((ino, p));
                        if writing {
                            FileKind::PipeWrite(p)
                        } else {
                            FileKind::PipeRead(p)
                        }
                    }
                }
            }
            Err(Errno::ENOENT) if flags & O_CREAT != 0 => {
                created = true;
                FileKind::File(self.create_node(
                    pid,
                    &path,
                    NodeKind::Regular(Rc::default()),
                    mode,
                )?)
            }
            Err(e) => return Err(e),
        };
        if flags & O_DIRECTORY != 0
            && !matches!(kind, FileKind::Directory(_) | FileKind::ProcDir(_))
        {
            return Err(Errno::ENOTDIR);
        }
        let description = self.new_description(OpenFile::new(kind, flags, &path));
        let fd = self.install(pid, description);
        if flags & O_CLOEXEC != 0
            && let Some(d) = self.proc_mut(pid).files.fds.iter_mut().find(|d| d.fd == fd)
        {
            d.close_on_exec = true;
        }
        events.push(Event::Opened {
            pid,
            fd,
            path: path.clone(),
            created,
        });
        let Some((ino, p)) = fifo else {
            return Ok((fd, None));
        };
        let pipe = &mut self.pipes[p];
        if writing {
            pipe.write_open = true;
        } else {
            pipe.read_open = true;
        }
        let partner_open = if writing {
            pipe.read_open
        } else {
            pipe.write_open
        };
        self.wake_on(WaitChannel::FifoOpen(ino), events);
        if partner_open {
            return Ok((fd, None));
        }
        events.push(Event::FifoWaits {
            pid,
            path,
            for_writer: !writing,
        });
        Ok((fd, Some(WaitChannel::FifoOpen(ino))))
    }

    /// The pipe a FIFO's openers share: the current one while any end is open, else a new
    /// one with both ends closed.
    fn fifo_pipe(&mut self, ino: Ino, current: Option<usize>, path: &str) -> usize {
        if let Some(p) = current
            && (self.is_open(FileKind::PipeRead(p)) || self.is_open(FileKind::PipeWrite(p)))
        {
            return p;
        }
        self.pipes
            .push(Pipe::fifo(self.settings.pipe_capacity, path));
        let p = self.pipes.len() - 1;
        self.fs_mut().inode_mut(ino).kind = NodeKind::Fifo(Some(p));
        p
    }

    /// lseek(fd, offset, whence): moves a description's offset; pipes and terminals
    /// cannot seek.
    pub(super) fn lseek(
        &mut self,
        pid: Pid,
        fd: i32,
        offset: i64,
        whence: u64,
    ) -> Result<u64, Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        let size = match self.open_files[at].kind {
            FileKind::File(ino) => self.fs.size(ino),
            FileKind::ProcFile(of, entry) => self.proc_text(of, entry).len() as u64,
            FileKind::Directory(_) | FileKind::ProcDir(_) | FileKind::Null => 0,
            FileKind::Terminal
            | FileKind::PipeRead(_)
            | FileKind::PipeWrite(_)
            | FileKind::Socket { .. } => {
                return Err(Errno::ESPIPE);
            }
        };
        let base = match whence {
            SEEK_SET => 0,
            SEEK_CUR => self.open_files[at].offset,
            SEEK_END => size,
            _ => return Err(Errno::EINVAL),
        };
        let new = base.checked_add_signed(offset).ok_or(Errno::EINVAL)?;
        self.open_files[at].offset = new;
        Ok(new)
    }

    /// chmod(path, mode): sets a node's permission bits; EPERM for a node the process does
    /// not own (root's, or /proc's entries).
    pub(super) fn chmod(&mut self, pid: Pid, path: &str, mode: u32) -> Result<(), Errno> {
        let path = self.absolute(pid, path);
        let root = self.process(pid).is_some_and(|p| p.uid == 0);
        match self.target(pid, &path)? {
            Target::Node(ino) if root || !self.fs.inode(ino).root_only => {
                self.fs_mut().inode_mut(ino).mode = mode & 0o7777;
                Ok(())
            }
            _ => Err(Errno::EPERM),
        }
    }

    /// mkdir(path, mode): an empty directory with the mode less the umask.
    pub(super) fn mkdir(
        &mut self,
        pid: Pid,
        path: &str,
        mode: u32,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let path = self.make_node(pid, path, NodeKind::Directory, mode)?;
        events.push(Event::DirectoryMade { pid, path });
        Ok(())
    }

    /// rmdir(path).
    pub(super) fn rmdir(
        &mut self,
        pid: Pid,
        path: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let path = self.absolute(pid, path);
        if in_proc(&path) {
            return Err(Errno::EACCES);
        }
        self.fs_mut().rmdir(&path)?;
        events.push(Event::DirectoryRemoved { pid, path });
        Ok(())
    }

    /// rename(from, to).
    pub(super) fn rename(
        &mut self,
        pid: Pid,
        from: &str,
        to: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let (from, to) = (self.absolute(pid, from), self.absolute(pid, to));
        if in_proc(&from) || in_proc(&to) {
            return Err(Errno::EACCES);
        }
        self.fs_mut().rename(&from, &to)?;
        events.push(Event::Renamed { pid, from, to });
        Ok(())
    }

    /// access(path, how): whether the process may read (4), write (2) or execute (1) the
    /// file, or (0) whether it exists, by its permission bits: the owner's for the user's
    /// own files, the others' for the system's; root may read and write anything and
    /// execute what has an execute bit. EACCES when it may not.
    pub(super) fn access(&self, pid: Pid, path: &str, how: u32) -> Result<(), Errno> {
        if how > 7 {
            return Err(Errno::EINVAL);
        }
        let path = self.absolute(pid, path);
        let mode = match self.target(pid, &path)? {
            Target::Node(ino) => {
                let inode = self.fs.inode(ino);
                let root = self.process(pid).is_some_and(|p| p.uid == 0);
                if root {
                    let any_x = inode.mode & 0o111 != 0;
                    return if how & 1 == 0 || any_x {
                        Ok(())
                    } else {
                        Err(Errno::EACCES)
                    };
                }
                if inode.root_only {
                    inode.mode & 0o7
                } else {
                    (inode.mode >> 6) & 0o7
                }
            }
            Target::ProcDir(_) => 0o5,
            Target::ProcFile(..) => 0o4,
        };
        if mode & how == how {
            Ok(())
        } else {
            Err(Errno::EACCES)
        }
    }

    /// unlink(path).
    pub(super) fn unlink(
        &mut self,
        pid: Pid,
        path: &str,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let path = self.absolute(pid, path);
        if path.starts_with("/proc/") {
            return Err(if self.target(pid, &path).is_ok() {
                Errno::EACCES
            } else {
                Errno::ENOENT
            });
        }
        self.fs_mut().unlink(&path)?;
        events.push(Event::Unlinked { pid, path });
        Ok(())
    }

    /// Makes a new node (a directory, a FIFO) at `path` as mkdir and mkfifo do: EEXIST when
    /// the name is taken (a /proc entry included); its absolute path.
    fn make_node(
        &mut self,
        pid: Pid,
        path: &str,
        kind: NodeKind,
        mode: u32,
    ) -> Result<String, Errno> {
        let path = self.absolute(pid, path);
        if self.target(pid, &path).is_ok() {
            return Err(Errno::EEXIST);
        }
        self.create_node(pid, &path, kind, mode)?;
        Ok(path)
    }

    /// Creates a file or FIFO for `pid` with the permission bits `mode` leaves once its
    /// umask is taken out.
    fn create_node(
        &mut self,
        pid: Pid,
        path: &str,
        kind: NodeKind,
        mode: u32,
    ) -> Result<Ino, Errno> {
        let umask = self.process(pid).map_or(DEFAULT_UMASK, |p| p.files.umask);
        let ino = self.fs_mut().create(path, kind)?;
        self.fs_mut().inode_mut(ino).mode = mode & 0o7777 & !umask;
        Ok(ino)
    }

    /// mkfifo(path, mode).
    pub(super) fn mkfifo(
        &mut self,
        pid: Pid,
        path: &str,
        mode: u32,
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let path = self.make_node(pid, path, NodeKind::Fifo(None), mode)?;
        events.push(Event::FifoMade { pid, path });
        Ok(())
    }

    /// stat(path), or fstat(fd) when `fd` is given.
    pub(super) fn stat(&self, pid: Pid, path: &str, fd: Option<i32>) -> Result<FileStatus, Errno> {
        const DIR: u32 = 0o040000;
        const REG: u32 = 0o100000;
        const FIFO: u32 = 0o010000;
        const CHR: u32 = 0o020000;
        let status = |ino: u64, mode: u32, uid: u32, size: u64| FileStatus {
            ino,
            mode,
            uid,
            nlink: if mode & DIR != 0 { 2 } else { 1 },
            size,
        };
        let owner = |of: Pid| self.process(of).map_or(0, |p| p.uid);
        let node = |ino: Ino| {
            let inode = self.fs.inode(ino);
            let uid = if inode.root_only { 0 } else { 1000 };
            let n = ino as u64 + 1;
            match inode.kind {
                NodeKind::Directory | NodeKind::ProcRoot => status(n, DIR | inode.mode, uid, 4096),
                NodeKind::Regular(_) | NodeKind::Program(_) => {
                    status(n, REG | inode.mode, uid, self.fs.size(ino))
                }
                NodeKind::Fifo(_) => status(n, FIFO | inode.mode, uid, 0),
                NodeKind::Terminal => status(n, CHR | inode.mode, 1000, 0),
                NodeKind::Null => status(n, CHR | inode.mode, 0, 0),
            }
        };
        let Some(fd) = fd else {
            if path.is_empty() {
                return Err(Errno::ENOENT);
            }
            let path = self.absolute(pid, path);
            return Ok(match self.target(pid, &path)? {
                Target::Node(ino) => node(ino),
                Target::ProcDir(of) => status(1000 + u64::from(of), DIR | 0o555, owner(of), 0),
                Target::ProcFile(of, _) => status(0, REG | 0o444, owner(of), 0),
            });
        };
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        Ok(match self.open_files[at].kind {
            FileKind::File(ino) | FileKind::Directory(ino) => node(ino),
            FileKind::Terminal => status(0, CHR | 0o620, 1000, 0),
            FileKind::Null => status(0, CHR | 0o666, 0, 0),
            FileKind::PipeRead(p) | FileKind::PipeWrite(p) => {
                status(0, FIFO | 0o600, 1000, self.pipes[p].buffer.len() as u64)
            }
            FileKind::Socket { .. } => status(0, 0o140000 | 0o777, 1000, 0),
            FileKind::ProcDir(of) => status(1000 + u64::from(of), DIR | 0o555, owner(of), 0),
            FileKind::ProcFile(of, _) => status(0, REG | 0o444, owner(of), 0),
        })
    }

    /// chdir(path).
    pub(super) fn chdir(&mut self, pid: Pid, path: &str) -> Result<(), Errno> {
        let path = self.absolute(pid, path);
        match self.target(pid, &path)? {
            Target::Node(ino)
                if matches!(
                    self.fs.inode(ino).kind,
                    NodeKind::Directory | NodeKind::ProcRoot
                ) => {}
            Target::ProcDir(_) => {}
            _ => return Err(Errno::ENOTDIR),
        }
        self.proc_mut(pid).files.cwd = path;
        Ok(())
    }

    /// The entries of an open directory, `.` and `..` first.
    fn dir_entries(&self, file: &OpenFile) -> Vec<DirEntry> {
        let entry = |name: &str, ino: u64, kind: u8| DirEntry {
            name: name.to_owned(),
            ino,
            kind,
            next: 0,
        };
        let mut out = vec![entry(".", 0, DT_DIR), entry("..", 0, DT_DIR)];
        match file.kind {
            FileKind::Directory(ino) if self.fs.inode(ino).kind == NodeKind::ProcRoot => {
                out.extend(
                    self.proc_pids()
                        .into_iter()
                        .map(|p| entry(&p.to_string(), 1000 + u64::from(p), DT_DIR)),
                );
                out.push(entry("self", 999, DT_LNK));
            }
            FileKind::Directory(_) => {
                for (name, ino) in self.fs.list(&file.path).unwrap_or_default() {
                    let kind = match self.fs.inode(ino).kind {
                        NodeKind::Directory | NodeKind::ProcRoot => DT_DIR,
                        NodeKind::Regular(_) | NodeKind::Program(_) => DT_REG,
                        NodeKind::Fifo(_) => DT_FIFO,
                        NodeKind::Terminal | NodeKind::Null => DT_CHR,
                    };
                    out.push(entry(&name, ino as u64 + 1, kind));
                }
            }
            FileKind::ProcDir(of) => {
                for (i, e) in ProcEntry::ALL.into_iter().enumerate() {
                    out.push(entry(e.name(), 100_000 * u64::from(of) + i as u64, DT_REG));
                }
            }
            _ => {}
        }
        out
    }

    /// The next entry of an open directory (None at its end), as getdents() gives
    /// readdir() its entries.
    pub(super) fn read_dir(&mut self, pid: Pid, fd: i32) -> Result<Option<DirEntry>, Errno> {
        let at = self.description(pid, fd).ok_or(Errno::EBADF)?;
        let file = &self.open_files[at];
        if !matches!(file.kind, FileKind::Directory(_) | FileKind::ProcDir(_)) {
            return Err(Errno::ENOTDIR);
        }
        let index = narrow::host_index(file.offset);
        let mut entry = self.dir_entries(file).into_iter().nth(index);
        if let Some(e) = &mut entry {
            self.open_files[at].offset += 1;
            e.next = self.open_files[at].offset;
        }
        Ok(entry)
    }
}

/// True for `/proc` and the paths under it, which only the kernel names.
fn in_proc(path: &str) -> bool {
    path == "/proc" || path.starts_with("/proc/")
}
