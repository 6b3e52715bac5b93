//! `<stdio.h>`'s streams on descriptors: fopen, fdopen, fclose, fileno, and reading and
//! writing through a FILE's buffer in the process's memory, as glibc does it: a stream to a
//! file or pipe is fully buffered (4 KiB), one to the terminal by line; reads take a block
//! at a time. stdin is such a FILE in the C runtime's bss; stdout and stderr keep their own
//! code (stdio.rs). Because the buffers are the process's memory, fork copies what they
//! hold and _exit loses it, as on Linux.

use super::*;
use crate::abi::flags::{
    O_APPEND, O_CLOEXEC, O_CREAT, O_EXCL, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY,
};
use crate::abi::layout::{
    FILE_BUF, FILE_BUFFER, FILE_EOF, FILE_ERROR, FILE_FD, FILE_FLAGS, FILE_MODE, FILE_NEXT,
    FILE_READ, FILE_RLEN, FILE_RPOS, FILE_SIZE, FILE_WLEN, FILE_WRITE, STDIN_FILE_OFFSET,
    STREAMS_OFFSET,
};
use crate::kernel::files::Written;
use crate::narrow;

/// The most streams the list of open streams is followed through (a list a program
/// overwrote may not end).
const MAX_STREAMS: usize = 4096;

/// C's EOF, as an int in rax.
const EOF: u64 = u32::MAX as u64;

/// The buffering modes of a FILE (0: not decided yet), as stdout's.
const LINE_BUFFERED: u64 = 1;
const FULLY_BUFFERED: u64 = 2;
const UNBUFFERED: u64 = 3;

/// fopen(path, mode): opens the file as `mode` says ("r", "w", "a", each with "+", "b"
/// ignored, "x" exclusive, "e" close-on-exec) with permissions 0666 less the umask; NULL
/// with open's errno, or EINVAL for another mode.
pub(super) fn sys_fopen(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let path = k.user_path(c.pid, c.arg(0), events)?;
    let mode = k.string(c.pid, c.arg(1), events)?;
    let (flags, access) = open_flags(&mode).ok_or(Errno::EINVAL)?;
    let (fd, _) = k.open(c.pid, &path, flags, 0o666, events)?;
    let file = k.new_stream(c.pid, fd, access, events)?;
    if file == 0 {
        let _ = k.close_fd(c.pid, fd, events);
    }
    Ok(Done::Return(file))
}

/// fdopen(fd, mode): a stream on an open descriptor; EBADF for a closed one.
pub(super) fn sys_fdopen(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mode = k.string(c.pid, c.arg(1), events)?;
    let (_, access) = open_flags(&mode).ok_or(Errno::EINVAL)?;
    if k.fd_kind(c.pid, c.int(0)).is_none() {
        return Err(Errno::EBADF.into());
    }
    Ok(Done::Return(k.new_stream(
        c.pid,
        c.int(0),
        access,
        events,
    )?))
}

/// fclose(stream): writes out its buffer, closes its descriptor and frees it.
pub(super) fn sys_fclose(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let Some(file) = k.file_of(c.pid, c.arg(0)) else {
        let fd = c.int(0);
        if fd == 1 {
            let full = k.fflush(c.pid, events)?;
            k.close_fd(c.pid, 1, events)?;
            return Ok(stream_done(0, full));
        }
        k.close_fd(c.pid, fd, events)?;
        return Ok(Done::Return(0));
    };
    let full = k.flush_stream(c.pid, file, events)?;
    let fd = narrow::low_i32(k.load_word(c.pid, file.wrapping_add(FILE_FD), events)?);
    k.unlink_stream(c.pid, file, events)?;
    if file != k.bss_base(c.pid) + STDIN_FILE_OFFSET {
        k.store(c.pid, file.wrapping_sub(8), &0u64.to_le_bytes(), events)?;
    }
    k.close_fd(c.pid, fd, events)?;
    Ok(stream_done(0, full))
}

/// fileno(stream): its descriptor.
pub(super) fn sys_fileno(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(match k.file_of(c.pid, c.arg(0)) {
        Some(file) => u64::from(k.load(c.pid, file.wrapping_add(FILE_FD), 4, events)?[0]),
        None => c.arg(0),
    }))
}

/// feof(stream): whether a read met the end.
pub(super) fn sys_feof(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let flags = k.stream_flags(c.pid, c.arg(0), events)?;
    Ok(Done::Return(u64::from(flags & FILE_EOF != 0)))
}

/// ferror(stream): whether a read or write failed.
pub(super) fn sys_ferror(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let flags = k.stream_flags(c.pid, c.arg(0), events)?;
    Ok(Done::Return(u64::from(flags & FILE_ERROR != 0)))
}

/// clearerr(stream): forgets the end and the error.
pub(super) fn sys_clearerr(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if let Some(file) = k.file_of(c.pid, c.arg(0)) {
        let flags = k.file_flags(c.pid, file, events)?;
        k.set_file_flags(c.pid, file, flags & !(FILE_EOF | FILE_ERROR), events)?;
    }
    Ok(Done::Continue)
}

/// fgets(buf, n, stream): the next line (with its newline) or the first n - 1 bytes, and a
/// NUL; NULL at the end with nothing read. A stream on an empty pipe sleeps until bytes or
/// the end come, taking nothing before.
pub(super) fn sys_fgets(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let n = c.int(1);
    if n <= 0 {
        return Err(Errno::EINVAL.into());
    }
    let room = (n - 1) as usize;
    let file = k.readable_stream(c.pid, c.arg(2), events)?;
    let line = |window: &[u8]| {
        let end = window
            .iter()
            .position(|&b| b == b'\n')
            .map_or(window.len(), |i| i + 1);
        end.min(room)
    };
    let Some(bytes) = k.take_when(c.pid, file, events, |window, at_end| {
        let end = line(window);
        (end == room || window[..end].ends_with(b"\n") || at_end).then_some(end)
    })?
    else {
        return Ok(Done::Retry(k.stream_channel(c.pid, file, events)?));
    };
    if bytes.is_empty() && room > 0 {
        return Ok(Done::Return(0));
    }
    let mut text = bytes;
    text.push(0);
    k.store(c.pid, c.arg(0), &text, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// fgetc(stream) and getc: the next byte, or EOF.
pub(super) fn sys_fgetc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    read_byte(k, c.pid, c.arg(0), events)
}

/// getchar(): fgetc(stdin).
pub(super) fn sys_getchar(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    read_byte(k, c.pid, 0, events)
}

fn read_byte(k: &mut Kernel, pid: Pid, stream: u64, events: &mut Vec<Event>) -> Sys {
    let file = k.readable_stream(pid, stream, events)?;
    let Some(byte) = k.take_when(pid, file, events, |window, at_end| {
        if window.is_empty() {
            at_end.then_some(0)
        } else {
            Some(1)
        }
    })?
    else {
        return Ok(Done::Retry(k.stream_channel(pid, file, events)?));
    };
    Ok(Done::Return(byte.first().map_or(EOF, |&b| u64::from(b))))
}

/// fread(ptr, size, n, stream): up to n items of `size` bytes, fewer at the end; the
/// number of whole items read.
pub(super) fn sys_fread(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let size = c.arg(1);
    let Some(total) = size.checked_mul(c.arg(2)).filter(|&t| t <= FILE_BUFFER) else {
        return k.fread_unbuffered(c, events);
    };
    let file = k.readable_stream(c.pid, c.arg(3), events)?;
    let want = narrow::host_index(total);
    let Some(bytes) = k.take_when(c.pid, file, events, |window, at_end| {
        (window.len() >= want || at_end).then_some(window.len().min(want))
    })?
    else {
        return Ok(Done::Retry(k.stream_channel(c.pid, file, events)?));
    };
    k.store(c.pid, c.arg(0), &bytes, events)?;
    Ok(Done::Return(
        (bytes.len() as u64).checked_div(size).unwrap_or(0),
    ))
}

/// fwrite(ptr, size, n, stream): the bytes through the stream's buffer; the number of items.
pub(super) fn sys_fwrite(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let total = c.arg(1).saturating_mul(c.arg(2));
    let bytes = k.load(c.pid, c.arg(0), total, events)?;
    let full = k.write_stream(c.pid, c.arg(3), &bytes, events)?;
    Ok(stream_done(c.arg(2), full))
}

/// Returns `value`, first sleeping until a pipe a flush filled has drained.
fn stream_done(value: u64, full_pipe: Option<usize>) -> Done {
    match full_pipe {
        Some(p) => Done::ReturnAndSleep(value, WaitChannel::PipeWrite(p)),
        None => Done::Return(value),
    }
}

/// open's flags for an fopen mode, and the stream's access flags.
fn open_flags(mode: &[u8]) -> Option<(u32, u32)> {
    let plus = mode.contains(&b'+');
    let (mut flags, access) = match (mode.first()?, plus) {
        (b'r', false) => (O_RDONLY, FILE_READ),
        (b'r', true) => (O_RDWR, FILE_READ | FILE_WRITE),
        (b'w', false) => (O_WRONLY | O_CREAT | O_TRUNC, FILE_WRITE),
        (b'w', true) => (O_RDWR | O_CREAT | O_TRUNC, FILE_READ | FILE_WRITE),
        (b'a', false) => (O_WRONLY | O_CREAT | O_APPEND, FILE_WRITE),
        (b'a', true) => (O_RDWR | O_CREAT | O_APPEND, FILE_READ | FILE_WRITE),
        _ => return None,
    };
    if mode.contains(&b'x') {
        flags |= O_EXCL;
    }
    if mode.contains(&b'e') {
        flags |= O_CLOEXEC;
    }
    Some((flags, access))
}

impl Kernel {
    /// The FILE a stream argument is: stdin's in bss for 0, the FILE itself for a pointer;
    /// None for stdout and stderr (1 and 2), which stdio.rs serves.
    pub(super) fn file_of(&self, pid: Pid, stream: u64) -> Option<u64> {
        match stream {
            0 => Some(self.bss_base(pid) + STDIN_FILE_OFFSET),
            1 | 2 => None,
            file => Some(file),
        }
    }

    /// A FILE's flags, as stored.
    pub(super) fn file_flags(&mut self, pid: Pid, file: u64, events: &mut Vec<Event>) -> Lib<u32> {
        let bytes = self.load(pid, file.wrapping_add(FILE_FLAGS), 4, events)?;
        Ok(u32::from_le_bytes(bytes.try_into().expect("4 bytes")))
    }

    /// Stores a FILE's flags.
    pub(super) fn set_file_flags(
        &mut self,
        pid: Pid,
        file: u64,
        flags: u32,
        events: &mut Vec<Event>,
    ) -> Lib<()> {
        self.store(
            pid,
            file.wrapping_add(FILE_FLAGS),
            &flags.to_le_bytes(),
            events,
        )
    }

    /// A stream's flags (stdin is readable; stdout and stderr have none).
    fn stream_flags(&mut self, pid: Pid, stream: u64, events: &mut Vec<Event>) -> Lib<u32> {
        let Some(file) = self.file_of(pid, stream) else {
            return Ok(0);
        };
        let flags = self.file_flags(pid, file, events)?;
        Ok(if stream == 0 {
            flags | FILE_READ
        } else {
            flags
        })
    }

    /// The FILE of a stream that may be read; EBADF for one that may not.
    pub(super) fn readable_stream(
        &mut self,
        pid: Pid,
        stream: u64,
        events: &mut Vec<Event>,
    ) -> Result<u64, Failure> {
        let flags = self.stream_flags(pid, stream, events)?;
        match self.file_of(pid, stream) {
            Some(file) if flags & FILE_READ != 0 => Ok(file),
            _ => Err(Errno::EBADF.into()),
        }
    }

    /// A new FILE on `fd` in the heap, first in the list of streams; 0 with ENOMEM when
    /// the heap cannot hold it.
    fn new_stream(&mut self, pid: Pid, fd: i32, access: u32, events: &mut Vec<Event>) -> Lib<u64> {
        let file = self.malloc(pid, FILE_SIZE, events)?;
        if file == 0 {
            return Ok(0);
        }
        let head_at = self.bss_base(pid) + STREAMS_OFFSET;
        let head = self.load_word(pid, head_at, events)?;
        let mut header = vec![0u8; narrow::host_index(FILE_BUF)];
        header[..4].copy_from_slice(&fd.to_le_bytes());
        header[4..8].copy_from_slice(&access.to_le_bytes());
        header[narrow::host_index(FILE_NEXT)..].copy_from_slice(&head.to_le_bytes());
        self.store(pid, file, &header, events)?;
        self.store(pid, head_at, &file.to_le_bytes(), events)?;
        Ok(file)
    }

    /// Takes `file` out of the list of streams.
    fn unlink_stream(&mut self, pid: Pid, file: u64, events: &mut Vec<Event>) -> Lib<()> {
        let next = self.load_word(pid, file.wrapping_add(FILE_NEXT), events)?;
        let mut link = self.bss_base(pid) + STREAMS_OFFSET;
        for _ in 0..MAX_STREAMS {
            let at = self.load_word(pid, link, events)?;
            if at == 0 {
                break;
            }
            if at == file {
                return self.store(pid, link, &next.to_le_bytes(), events);
            }
            link = at.wrapping_add(FILE_NEXT);
        }
        Ok(())
    }

    /// Writes `bytes` to a stream: stdout and stderr as stdio.rs does, a FILE through its
    /// buffer. Some(pipe) when a flush found the pipe full.
    pub(super) fn write_stream(
        &mut self,
        pid: Pid,
        stream: u64,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<Option<usize>, Failure> {
        let Some(file) = self.file_of(pid, stream) else {
            return Ok(if stream == 2 {
                self.lib_write(pid, 2, bytes, events)
            } else {
                self.stdout_write(pid, bytes, events)?
            });
        };
        let flags = self.stream_flags(pid, stream, events)?;
        if flags & FILE_WRITE == 0 {
            self.set_file_flags(pid, file, flags | FILE_ERROR, events)?;
            return Err(Errno::EBADF.into());
        }
        let mode = self.stream_mode(pid, file, events)?;
        let mut len = self
            .load_word(pid, file.wrapping_add(FILE_WLEN), events)?
            .min(FILE_BUFFER);
        let mut full = None;
        for (i, &b) in bytes.iter().enumerate() {
            self.store(pid, file.wrapping_add(FILE_BUF + len), &[b], events)?;
            len += 1;
            self.store(
                pid,
                file.wrapping_add(FILE_WLEN),
                &len.to_le_bytes(),
                events,
            )?;
            if (mode == LINE_BUFFERED && b == b'\n') || len >= FILE_BUFFER {
                len = 0;
                full = self.flush_stream(pid, file, events)?;
                if full.is_some() {
                    if let Some((_, pending)) = &mut self.proc_mut(pid).pending_write {
                        pending.extend_from_slice(&bytes[i + 1..]);
                    }
                    return Ok(full);
                }
            }
        }
        if mode == UNBUFFERED {
            full = self.flush_stream(pid, file, events)?;
        }
        Ok(full)
    }

    /// A FILE's buffering mode, decided at its first write as glibc does: by line on the
    /// terminal, fully buffered otherwise.
    fn stream_mode(&mut self, pid: Pid, file: u64, events: &mut Vec<Event>) -> Lib<u64> {
        let mode = self.load_word(pid, file.wrapping_add(FILE_MODE), events)?;
        if mode != 0 {
            return Ok(mode);
        }
        let fd = narrow::low_i32(self.load_word(pid, file.wrapping_add(FILE_FD), events)?);
        let mode = if self.fd_kind(pid, fd) == Some(FileKind::Terminal) {
            LINE_BUFFERED
        } else {
            FULLY_BUFFERED
        };
        self.store(
            pid,
            file.wrapping_add(FILE_MODE),
            &mode.to_le_bytes(),
            events,
        )?;
        Ok(mode)
    }

    /// Sets a FILE's buffering (setvbuf, setbuf), first writing out what it holds.
    pub(super) fn set_stream_mode(
        &mut self,
        pid: Pid,
        file: u64,
        mode: u8,
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        let full = self.flush_stream(pid, file, events)?;
        self.store(
            pid,
            file.wrapping_add(FILE_MODE),
            &u64::from(mode).to_le_bytes(),
            events,
        )?;
        Ok(full)
    }

    /// Writes out the bytes waiting in a FILE's buffer; Some(pipe) when the pipe filled.
    pub(super) fn flush_stream(
        &mut self,
        pid: Pid,
        file: u64,
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        let len = self
            .load_word(pid, file.wrapping_add(FILE_WLEN), events)?
            .min(FILE_BUFFER);
        if len == 0 {
            return Ok(None);
        }
        let bytes = self.load(pid, file.wrapping_add(FILE_BUF), len, events)?;
        self.store(
            pid,
            file.wrapping_add(FILE_WLEN),
            &0u64.to_le_bytes(),
            events,
        )?;
        let fd = narrow::low_i32(self.load_word(pid, file.wrapping_add(FILE_FD), events)?);
        Ok(match self.write_fd(pid, fd, &bytes, events) {
            Ok(Written::MustWait(p)) => Some(p),
            Ok(Written::Done) => None,
            Err(_) => {
                let flags = self.file_flags(pid, file, events)?;
                self.set_file_flags(pid, file, flags | FILE_ERROR, events)?;
                None
            }
        })
    }

    /// fflush on a stream pointer: the FILE's buffer, or stdout's; NULL flushes them all.
    pub(super) fn fflush_stream(
        &mut self,
        pid: Pid,
        stream: u64,
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        match stream {
            0 => self.flush_all(pid, events),
            1 | 2 => self.fflush(pid, events),
            file => self.flush_stream(pid, file, events),
        }
    }

    /// Writes out every open stream's buffer, then stdout's (exit, fflush(NULL)).
    pub(super) fn flush_all(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<Option<usize>> {
        let mut file = self.load_word(pid, self.bss_base(pid) + STREAMS_OFFSET, events)?;
        for _ in 0..MAX_STREAMS {
            if file == 0 {
                break;
            }
            if let Some(p) = self.flush_stream(pid, file, events)? {
                return Ok(Some(p));
            }
            file = self.load_word(pid, file.wrapping_add(FILE_NEXT), events)?;
        }
        self.fflush(pid, events)
    }

    /// The channel a read of `file` sleeps on: its descriptor's pipe.
    pub(super) fn stream_channel(
        &mut self,
        pid: Pid,
        file: u64,
        events: &mut Vec<Event>,
    ) -> Lib<WaitChannel> {
        let fd = narrow::low_i32(self.load_word(pid, file.wrapping_add(FILE_FD), events)?);
        let pipe = self.fd_kind(pid, fd).and_then(FileKind::read_pipe);
        Ok(WaitChannel::PipeRead(pipe.unwrap_or(0)))
    }

    /// Takes bytes from a FILE's read buffer once `ready(unread, at_end)` says how many,
    /// reading a block from its descriptor while it says None. None when the read must
    /// wait (an empty pipe): nothing is taken, and the call is made again once woken.
    pub(super) fn take_when(
        &mut self,
        pid: Pid,
        file: u64,
        events: &mut Vec<Event>,
        ready: impl Fn(&[u8], bool) -> Option<usize>,
    ) -> Result<Option<Vec<u8>>, Failure> {
        loop {
            // A FILE whose fields a program overwrote reads within its own buffer.
            let start = self
                .load_word(pid, file.wrapping_add(FILE_RPOS), events)?
                .min(FILE_BUFFER);
            let end = self
                .load_word(pid, file.wrapping_add(FILE_RLEN), events)?
                .clamp(start, FILE_BUFFER);
            let window = self.load(
                pid,
                file.wrapping_add(FILE_BUF + start),
                end - start,
                events,
            )?;
            let at_end = self.file_flags(pid, file, events)? & FILE_EOF != 0;
            let full = window.len() as u64 >= FILE_BUFFER;
            if let Some(n) = ready(&window, at_end || full) {
                let taken = window[..n].to_vec();
                self.store(
                    pid,
                    file.wrapping_add(FILE_RPOS),
                    &(start + n as u64).to_le_bytes(),
                    events,
                )?;
                return Ok(Some(taken));
            }
            if !self.fill_stream(pid, file, &window, events)? {
                return Ok(None);
            }
        }
    }

    /// Moves the unread bytes to the front of the buffer and reads a block after them,
    /// marking the end when the read finds it. False when the read must wait.
    fn fill_stream(
        &mut self,
        pid: Pid,
        file: u64,
        unread: &[u8],
        events: &mut Vec<Event>,
    ) -> Result<bool, Failure> {
        let fd = narrow::low_i32(self.load_word(pid, file.wrapping_add(FILE_FD), events)?);
        let room = FILE_BUFFER - unread.len() as u64;
        let Some(bytes) = self.read_fd(pid, fd, room, events)? else {
            return Ok(false);
        };
        let mut buffer = unread.to_vec();
        buffer.extend_from_slice(&bytes);
        self.store(pid, file.wrapping_add(FILE_BUF), &buffer, events)?;
        self.store(
            pid,
            file.wrapping_add(FILE_RPOS),
            &0u64.to_le_bytes(),
            events,
        )?;
        self.store(
            pid,
            file.wrapping_add(FILE_RLEN),
            &(buffer.len() as u64).to_le_bytes(),
            events,
        )?;
        if bytes.is_empty() {
            let flags = self.file_flags(pid, file, events)?;
            self.set_file_flags(pid, file, flags | FILE_EOF, events)?;
        }
        Ok(true)
    }

    /// fread of more than a buffer holds: what the buffer has, then straight from the
    /// descriptor (as glibc reads a large request), until the count or the end. With
    /// nothing yet and an empty pipe it waits; with part of it and an empty pipe it returns
    /// that part (glibc would wait for the rest: ProcLab does not keep a half-done call).
    fn fread_unbuffered(&mut self, c: &Call, events: &mut Vec<Event>) -> Sys {
        let size = c.arg(1);
        let Some(total) = size.checked_mul(c.arg(2)) else {
            return Err(Errno::EOVERFLOW.into());
        };
        let file = self.readable_stream(c.pid, c.arg(3), events)?;
        let mut got = self
            .take_when(c.pid, file, events, |window, _| Some(window.len()))?
            .unwrap_or_default();
        let fd = narrow::low_i32(self.load_word(c.pid, file.wrapping_add(FILE_FD), events)?);
        while (got.len() as u64) < total {
            match self.read_fd(c.pid, fd, total - got.len() as u64, events)? {
                Some(bytes) if !bytes.is_empty() => got.extend(bytes),
                None if got.is_empty() => {
                    return Ok(Done::Retry(self.stream_channel(c.pid, file, events)?));
                }
                _ => break,
            }
        }
        self.store(c.pid, c.arg(0), &got, events)?;
        Ok(Done::Return(got.len() as u64 / size))
    }
}
