//! The file calls: open and creat, read and write, close, dup and dup2, pipe, lseek,
//! isatty, the path calls (unlink, mkfifo, chdir, getcwd, stat, fstat) and directory
//! reading (opendir, readdir, closedir over glibc's DIR).

use super::*;
use crate::abi::flags::{
    F_GETFD, F_GETFL, F_GETPIPE_SZ, F_SETFD, F_SETFL, F_SETPIPE_SZ, FD_CLOEXEC, O_APPEND,
    O_CLOEXEC, O_CREAT, O_DIRECTORY, O_EXCL, O_NONBLOCK, O_RDWR, O_TRUNC, O_WRONLY,
};
use crate::abi::layout::STACK_TOP;
use crate::abi::layout::{DIR_DIRENT, DIRENT_SIZE};
use crate::file_system::{Ino, MAX_FILE_SIZE};
use crate::kernel::files::Written;
use crate::kernel::memory::MAX_RW_COUNT;
use crate::narrow;

/// open(path, flags[, mode]); opening a FIFO may sleep until the other end opens.
pub(super) fn sys_open(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.open_call(
        c.pid,
        &path,
        narrow::low_u32(c.arg(1)),
        narrow::low_u32(c.arg(2)),
        events,
    )
}

/// creat(path, mode): open(path, O_CREAT | O_WRONLY | O_TRUNC, mode).
pub(super) fn sys_creat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.open_call(
        c.pid,
        &path,
        O_CREAT | O_WRONLY | O_TRUNC,
        narrow::low_u32(c.arg(1)),
        events,
    )
}

/// fsync(fd) and fdatasync: 0 for a file or directory, whose bytes ProcLab keeps nowhere
/// but in memory (nothing to wait for); EINVAL for a pipe, socket or terminal, as Linux
/// answers; EBADF for a closed descriptor.
pub(super) fn sys_fsync(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    match k.fd_kind(c.pid, c.int(0)) {
        Some(FileKind::File(_) | FileKind::Directory(_)) => Ok(Done::Return(0)),
        Some(_) => Err(Errno::EINVAL.into()),
        None => Err(Errno::EBADF.into()),
    }
}

/// The letters mkstemp puts in place of a template's XXXXXX, as glibc's.
const TEMP_LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/// mkstemp(template): a new file (mode 0600, opened for reading and writing, never one that
/// exists) whose name is the template with its final XXXXXX replaced, written back into
/// the template; EINVAL for a template not ending in XXXXXX. glibc draws the letters from
/// a random source; ProcLab from the process's PID, the clock and the attempt, so a run
/// reproduces.
pub(super) fn sys_mkstemp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let template = k.string(c.pid, c.arg(0), events)?;
    let Some(stem) = template.strip_suffix(b"XXXXXX") else {
        return Err(Errno::EINVAL.into());
    };
    let stem = stem.to_vec();
    let mut seed = (u64::from(c.pid) << 32) ^ k.clock;
    for _ in 0..100 {
        let mut name = stem.clone();
        for _ in 0..6 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            name.push(TEMP_LETTERS[(seed >> 33) as usize % TEMP_LETTERS.len()]);
        }
        let path = String::from_utf8_lossy(&name).into_owned();
        match k.open(c.pid, &path, O_RDWR | O_CREAT | O_EXCL, 0o600, events) {
            Ok((fd, _)) => {
                k.store(c.pid, c.arg(0), &name, events)?;
                return Ok(Done::Return(fd as u64));
            }
            Err(Errno::EEXIST) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(Errno::EEXIST.into())
}

/// read(fd, buf, n): what is there, up to n bytes (at most MAX_RW_COUNT); an empty pipe or
/// socket makes the caller sleep and read again when woken. EFAULT when the buffer does not
/// lie in user space, or a byte read cannot be stored.
pub(super) fn sys_read(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let n = c.arg(2).min(MAX_RW_COUNT);
    if c.arg(1).checked_add(n).is_none_or(|end| end > STACK_TOP) {
        return Err(Errno::EFAULT.into());
    }
    let Some(bytes) = k.read_fd(c.pid, c.int(0), n, events)? else {
        let Some(p) = k.fd_kind(c.pid, c.int(0)).and_then(FileKind::read_pipe) else {
            unreachable!("only an empty pipe or socket makes read wait");
        };
        return Ok(Done::Retry(WaitChannel::PipeRead(p)));
    };
    k.copy_to_user(c.pid, c.arg(1), &bytes, events)?;
    Ok(Done::Return(bytes.len() as u64))
}

/// write(fd, buf, n): all n bytes (at most MAX_RW_COUNT); into a full pipe, the caller
/// sleeps while the rest drains. EFAULT, nothing written, when a byte of the buffer cannot
/// be read (ProcLab copies the whole buffer first; Linux may write part of it).
pub(super) fn sys_write(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let bytes = k.copy_from_user(c.pid, c.arg(1), c.arg(2), events)?;
    let n = bytes.len() as u64;
    Ok(match k.write_fd(c.pid, c.int(0), &bytes, events)? {
        Written::Done => Done::Return(n),
        Written::MustWait(p) => Done::ReturnAndSleep(n, WaitChannel::PipeWrite(p)),
    })
}

/// close(fd).
pub(super) fn sys_close(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.close_fd(c.pid, c.int(0), events)?;
    Ok(Done::Return(0))
}

/// dup(fd): the lowest free descriptor, sharing fd's open file description.
pub(super) fn sys_dup(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let fd = k.dup_fd(c.pid, c.int(0), None, events)?;
    Ok(Done::Return(fd as u64))
}

/// dup2(fd, to).
pub(super) fn sys_dup2(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let fd = k.dup_fd(c.pid, c.int(0), Some(c.int(1)), events)?;
    Ok(Done::Return(fd as u64))
}

/// pipe(fds): fds[0] reads, fds[1] writes.
pub(super) fn sys_pipe(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let (r, w) = k.make_pipe(c.pid, events);
    let fds = [r.to_le_bytes(), w.to_le_bytes()].concat();
    k.copy_to_user(c.pid, c.arg(0), &fds, events)?;
    Ok(Done::Return(0))
}

/// pipe2(fds, flags): pipe(), with O_CLOEXEC setting close-on-exec on both ends. ProcLab
/// has no non-blocking descriptors: O_NONBLOCK, like any other flag, is EINVAL.
pub(super) fn sys_pipe2(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let flags = narrow::low_u32(c.arg(1));
    if flags & !O_CLOEXEC != 0 {
        return Err(Errno::EINVAL.into());
    }
    let done = sys_pipe(k, c, events)?;
    if flags & O_CLOEXEC != 0 {
        let fds = k.copy_from_user(c.pid, c.arg(0), 8, events)?;
        for end in fds.chunks_exact(4) {
            let fd = i32::from_le_bytes(end.try_into().expect("4 bytes"));
            k.set_close_on_exec(c.pid, fd, true)?;
        }
    }
    Ok(done)
}

/// ftruncate(fd, length): EINVAL for a negative length or a descriptor that is not a
/// regular file open for writing, EFBIG past what ProcLab keeps of a file.
pub(super) fn sys_ftruncate(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let open = k.description(c.pid, c.int(0)).ok_or(Errno::EBADF)?;
    let FileKind::File(ino) = k.open_files[open].kind else {
        return Err(Errno::EINVAL.into());
    };
    if !k.open_files[open].writable() {
        return Err(Errno::EINVAL.into());
    }
    k.resize_file(ino, c.arg(1))?;
    Ok(Done::Return(0))
}

/// truncate(path, length): as ftruncate, by name: EISDIR for a directory, EACCES for a
/// file only root may change.
pub(super) fn sys_truncate(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    let ino = k.fs.lookup(&path).ok_or(Errno::ENOENT)?;
    let inode = k.fs.inode(ino);
    match inode.kind {
        NodeKind::Directory | NodeKind::ProcRoot => return Err(Errno::EISDIR.into()),
        NodeKind::Regular(_) if !inode.root_only => {}
        NodeKind::Regular(_) | NodeKind::Program(_) => return Err(Errno::EACCES.into()),
        _ => return Err(Errno::EINVAL.into()),
    }
    k.resize_file(ino, c.arg(1))?;
    Ok(Done::Return(0))
}

impl Kernel {
    /// Makes a file `len` bytes long (a C `off_t`, so a negative one is EINVAL).
    fn resize_file(&mut self, ino: Ino, len: u64) -> Result<(), Errno> {
        if (len as i64) < 0 {
            return Err(Errno::EINVAL);
        }
        if len > MAX_FILE_SIZE {
            return Err(Errno::EFBIG);
        }
        self.fs_mut().set_len(ino, len);
        Ok(())
    }
}

/// lseek(fd, offset, whence): the new offset.
pub(super) fn sys_lseek(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let offset = k.lseek(c.pid, c.int(0), c.arg(1) as i64, c.arg(2))?;
    Ok(Done::Return(offset))
}

/// isatty(fd): 1 for the terminal; 0 with ENOTTY (or EBADF) otherwise.
pub(super) fn sys_isatty(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    match k.fd_kind(c.pid, c.int(0)) {
        Some(FileKind::Terminal) => Ok(Done::Return(1)),
        Some(_) => Err(Errno::ENOTTY.into()),
        None => Err(Errno::EBADF.into()),
    }
}

/// unlink(path).
pub(super) fn sys_unlink(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.unlink(c.pid, &path, events)?;
    Ok(Done::Return(0))
}

/// mkdir(path, mode).
pub(super) fn sys_mkdir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.mkdir(c.pid, &path, narrow::low_u32(c.arg(1)), events)?;
    Ok(Done::Return(0))
}

/// rmdir(path).
pub(super) fn sys_rmdir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.rmdir(c.pid, &path, events)?;
    Ok(Done::Return(0))
}

/// rename(from, to).
pub(super) fn sys_rename(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let from = k.user_path(c.pid, c.arg(0), events)?;
    let to = k.user_path(c.pid, c.arg(1), events)?;
    k.rename(c.pid, &from, &to, events)?;
    Ok(Done::Return(0))
}

/// access(path, how).
pub(super) fn sys_access(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.access(c.pid, &path, narrow::low_u32(c.arg(1)))?;
    Ok(Done::Return(0))
}

/// chmod(path, mode).
pub(super) fn sys_chmod(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.chmod(c.pid, &path, narrow::low_u32(c.arg(1)))?;
    Ok(Done::Return(0))
}

/// mkfifo(path, mode).
pub(super) fn sys_mkfifo(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.mkfifo(c.pid, &path, narrow::low_u32(c.arg(1)), events)?;
    Ok(Done::Return(0))
}

/// umask(mask): sets the bits new files and FIFOs do not get; returns the old mask.
pub(super) fn sys_umask(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let files = &mut k.proc_mut(c.pid).files;
    let old = files.umask;
    files.umask = narrow::low_u32(c.arg(0)) & 0o777;
    Ok(Done::Return(u64::from(old)))
}

/// chdir(path).
pub(super) fn sys_chdir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    k.chdir(c.pid, &path)?;
    Ok(Done::Return(0))
}

/// getcwd(buf, size): buf, or NULL with ERANGE when the path does not fit.
pub(super) fn sys_getcwd(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut cwd = k
        .process(c.pid)
        .map(|p| p.files.cwd.clone().into_bytes())
        .unwrap_or_default();
    cwd.push(0);
    if (cwd.len() as u64) > c.arg(1) {
        return Err(Errno::ERANGE.into());
    }
    k.copy_to_user(c.pid, c.arg(0), &cwd, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// stat(path, &st) (and lstat: there are no links).
pub(super) fn sys_stat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    let status = k.stat(c.pid, &path, None)?;
    k.copy_to_user(c.pid, c.arg(1), &status.to_struct(), events)?;
    Ok(Done::Return(0))
}

/// fstat(fd, &st).
pub(super) fn sys_fstat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let status = k.stat(c.pid, "", Some(c.int(0)))?;
    k.copy_to_user(c.pid, c.arg(1), &status.to_struct(), events)?;
    Ok(Done::Return(0))
}

/// opendir(path): glibc's DIR, malloc'd: the directory's descriptor, then room for one
/// struct dirent.
pub(super) fn sys_opendir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.text(c.pid, c.arg(0), events)?;
    let (fd, _) = k.open(c.pid, &path, O_DIRECTORY, 0, events)?;
    let dir = k.malloc(c.pid, DIR_DIRENT + DIRENT_SIZE, events)?;
    if dir == 0 {
        let _ = k.close_fd(c.pid, fd, events);
    } else {
        k.store(c.pid, dir, &(fd as u64).to_le_bytes(), events)?;
    }
    Ok(Done::Return(dir))
}

/// readdir(dir): the next entry, in the DIR's own struct dirent; NULL at the end.
pub(super) fn sys_readdir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let fd = narrow::low_i32(k.load_word(c.pid, c.arg(0), events)?);
    let Some(entry) = k.read_dir(c.pid, fd)? else {
        return Ok(Done::Return(0));
    };
    let at = c.arg(0).wrapping_add(DIR_DIRENT);
    let mut record = Vec::with_capacity(narrow::host_index(DIRENT_SIZE));
    record.extend_from_slice(&entry.ino.to_le_bytes());
    record.extend_from_slice(&entry.next.to_le_bytes());
    record.extend_from_slice(&narrow::low_u16(DIRENT_SIZE).to_le_bytes());
    record.push(entry.kind);
    record.extend_from_slice(entry.name.as_bytes());
    record.push(0);
    k.store(c.pid, at, &record, events)?;
    Ok(Done::Return(at))
}

/// closedir(dir): closes its descriptor and frees it.
pub(super) fn sys_closedir(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let fd = narrow::low_i32(k.load_word(c.pid, c.arg(0), events)?);
    k.store(c.pid, c.arg(0).wrapping_sub(8), &0u64.to_le_bytes(), events)?;
    k.close_fd(c.pid, fd, events)?;
    Ok(Done::Return(0))
}

impl Kernel {
    /// Opens `path` and returns the descriptor, sleeping first when a FIFO waits for its
    /// other end.
    fn open_call(
        &mut self,
        pid: Pid,
        path: &str,
        flags: u32,
        mode: u32,
        events: &mut Vec<Event>,
    ) -> Sys {
        let (fd, wait) = self.open(pid, path, flags, mode, events)?;
        Ok(match wait {
            Some(channel) => Done::ReturnAndSleep(fd as u64, channel),
            None => Done::Return(fd as u64),
        })
    }
}

/// fcntl(fd, cmd, arg): a descriptor's close-on-exec flag (F_GETFD, F_SETFD), its file's
/// O_APPEND (F_GETFL, F_SETFL) and a pipe's size (F_GETPIPE_SZ, F_SETPIPE_SZ, as Linux
/// rounds and limits it). Non-blocking I/O and the other commands are not simulated:
/// EINVAL.
pub(super) fn sys_fcntl(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let (fd, arg) = (c.int(0), c.arg(2));
    let value = match c.arg(1) {
        F_GETFD => u64::from(k.close_on_exec(c.pid, fd)?),
        F_SETFD => {
            k.set_close_on_exec(c.pid, fd, arg & FD_CLOEXEC != 0)?;
            0
        }
        F_GETFL => u64::from(k.status_flags(c.pid, fd)?),
        F_SETFL if arg & u64::from(O_NONBLOCK) != 0 => return Err(Errno::EINVAL.into()),
        F_SETFL => {
            k.set_append(c.pid, fd, arg & u64::from(O_APPEND) != 0)?;
            0
        }
        F_GETPIPE_SZ => k.pipe_of(c.pid, fd).map(|p| k.pipes[p].capacity as u64)?,
        F_SETPIPE_SZ => k.resize_pipe(c.pid, fd, arg)?,
        _ => return Err(Errno::EINVAL.into()),
    };
    Ok(Done::Return(value))
}
