//! `<stdio.h>`: printf and its family, puts, putchar, fflush and perror. stdout is buffered
//! in the process's bss as glibc buffers it (by line on a terminal, in 4 KiB blocks
//! otherwise); stderr is written at once.

use super::string::errno_message;
use super::*;
use crate::abi::layout::{
    STDIN_FILE_OFFSET, STDOUT_BUF_OFFSET, STDOUT_BUFFER, STDOUT_LEN_OFFSET, STDOUT_MODE_OFFSET,
};
use crate::kernel::files::Written;
use crate::printf;

/// stdout's buffering modes, in its mode byte (0: not decided yet).
const LINE_BUFFERED: u8 = 1;
const FULLY_BUFFERED: u8 = 2;
const UNBUFFERED: u8 = 3;

/// The most bytes the terminal keeps; later output is dropped with a notice.
pub const MAX_TERMINAL: usize = 64 * 1024;
/// A terminal-bound stdout is flushed at each newline, and at least this often.
const LINE_BUFFER: u64 = 1024;

/// What a process wrote to the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// Who wrote it.
    pub pid: Pid,
    /// 1 for stdout, 2 for stderr.
    pub fd: i32,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// printf(format, ...): formats into stdout's buffer.
pub(super) fn sys_printf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format(c.pid, &c.args, events)?;
    k.print(c.pid, 1, text, events)
}

/// vprintf(format, ap): printf with the arguments a `va_list` points to.
pub(super) fn sys_vprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format_va(c.pid, c.arg(0), c.arg(1), events)?;
    k.print(c.pid, 1, text, events)
}

/// fprintf(stream, format, ...): stdout is buffered, stderr written at once.
pub(super) fn sys_fprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format(c.pid, c.rest(1), events)?;
    k.print(c.pid, c.arg(0), text, events)
}

/// vfprintf(stream, format, ap).
pub(super) fn sys_vfprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format_va(c.pid, c.arg(1), c.arg(2), events)?;
    k.print(c.pid, c.arg(0), text, events)
}

/// sprintf(buf, format, ...): formats into `buf`, NUL-terminated.
pub(super) fn sys_sprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format(c.pid, c.rest(1), events)?;
    k.store_formatted(c.pid, c.arg(0), None, text, events)
}

/// vsprintf(buf, format, ap).
pub(super) fn sys_vsprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format_va(c.pid, c.arg(1), c.arg(2), events)?;
    k.store_formatted(c.pid, c.arg(0), None, text, events)
}

/// snprintf(buf, size, format, ...): at most `size - 1` bytes and a NUL; returns the length
/// the whole text would have.
pub(super) fn sys_snprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format(c.pid, c.rest(2), events)?;
    k.store_formatted(c.pid, c.arg(0), Some(c.arg(1)), text, events)
}

/// vsnprintf(buf, size, format, ap).
pub(super) fn sys_vsnprintf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let text = k.format_va(c.pid, c.arg(2), c.arg(3), events)?;
    k.store_formatted(c.pid, c.arg(0), Some(c.arg(1)), text, events)
}

/// puts(s): the string and a newline, to stdout.
pub(super) fn sys_puts(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut s = k.string(c.pid, c.arg(0), events)?;
    s.push(b'\n');
    k.print(c.pid, 1, s, events)
}

/// fputs(s, stream): the string, without a newline; glibc returns 1.
pub(super) fn sys_fputs(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    let done = k.print(c.pid, c.arg(1), s, events)?;
    Ok(match done {
        Done::ReturnAndSleep(_, channel) => Done::ReturnAndSleep(1, channel),
        _ => Done::Return(1),
    })
}

/// fputc(c, stream) and putc: one byte; returns it.
pub(super) fn sys_fputc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let byte = c.arg(0) & 0xff;
    let done = k.print(c.pid, c.arg(1), vec![byte as u8], events)?;
    Ok(match done {
        Done::ReturnAndSleep(_, channel) => Done::ReturnAndSleep(byte, channel),
        _ => Done::Return(byte),
    })
}

/// putchar(c): one byte to stdout; returns it.
pub(super) fn sys_putchar(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let byte = c.arg(0) & 0xff;
    let done = k.stdout_write(c.pid, &[byte as u8], events)?;
    Ok(returning(byte, done))
}

/// setvbuf(stream, buf, mode, size): stdout's buffering, as _IOFBF (0), _IOLBF (1) or
/// _IONBF (2) asks; the buffer stays the C runtime's own (ProcLab's stdout buffer is 4096
/// bytes whatever `size` says). Other streams keep theirs; EINVAL for another mode.
pub(super) fn sys_setvbuf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mode = match c.arg(2) {
        0 => FULLY_BUFFERED,
        1 => LINE_BUFFERED,
        2 => UNBUFFERED,
        _ => return Err(Errno::EINVAL.into()),
    };
    k.set_stdout_mode(c, mode, events)
}

/// setbuf(stream, buf): unbuffered for NULL, else fully buffered.
pub(super) fn sys_setbuf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mode = if c.arg(1) == 0 {
        UNBUFFERED
    } else {
        FULLY_BUFFERED
    };
    k.set_stdout_mode(c, mode, events)
}

/// fflush(stream): writes out stdout's buffer.
pub(super) fn sys_fflush(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let done = k.fflush_stream(c.pid, c.arg(0), events)?;
    Ok(returning(0, done))
}

/// perror(s): "s: " and strerror(errno), to stderr.
pub(super) fn sys_perror(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let errno = k.errno(c.pid, events)?;
    let mut text = if c.arg(0) == 0 {
        Vec::new()
    } else {
        k.string(c.pid, c.arg(0), events)?
    };
    if !text.is_empty() {
        text.extend_from_slice(b": ");
    }
    text.extend_from_slice(errno_message(errno).as_bytes());
    text.push(b'\n');
    Ok(match k.lib_write(c.pid, 2, &text, events) {
        Some(p) => Done::Sleep(WaitChannel::PipeWrite(p)),
        None => Done::Continue,
    })
}

/// Returns `value`, first sleeping until the pipe that stdout's flush filled has drained.
fn returning(value: u64, full_pipe: Option<usize>) -> Done {
    match full_pipe {
        Some(p) => Done::ReturnAndSleep(value, WaitChannel::PipeWrite(p)),
        None => Done::Return(value),
    }
}

impl Kernel {
    /// Writes printf's text to a stream (stderr at once, anything else through stdout's
    /// buffer); returns its length.
    fn print(&mut self, pid: Pid, stream: u64, text: Vec<u8>, events: &mut Vec<Event>) -> Sys {
        let len = text.len() as u64;
        let full = self.write_stream(pid, stream, &text, events)?;
        Ok(returning(len, full))
    }

    /// printf's formatting of `args[0]` (the format) with the rest; EOVERFLOW past
    /// [`printf::MAX_FORMATTED`].
    fn format(
        &mut self,
        pid: Pid,
        args: &[u64],
        events: &mut Vec<Event>,
    ) -> Result<Vec<u8>, Failure> {
        let fmt = self.string(pid, args.first().copied().unwrap_or(0), events)?;
        let mut bad = None;
        let rest = args.get(1..).unwrap_or(&[]).iter().copied();
        let text = printf::format(&fmt, rest, |p| match self.string(pid, p, events) {
            Ok(s) => Some(s),
            Err(how) => {
                bad = Some(how);
                None
            }
        });
        match (bad, text) {
            (Some(how), _) => Err(how.into()),
            (None, Ok(text)) => Ok(text),
            (None, Err(printf::TooLong)) => Err(Errno::EOVERFLOW.into()),
        }
    }

    /// printf's formatting of the format at `fmt` with the arguments a `va_list` points to:
    /// as many 8-byte slots from `ap` on as the format takes.
    fn format_va(
        &mut self,
        pid: Pid,
        fmt: u64,
        ap: u64,
        events: &mut Vec<Event>,
    ) -> Result<Vec<u8>, Failure> {
        let used = printf::arguments_used(&self.string(pid, fmt, events)?) as u64;
        let slots = self.load(pid, ap, used.saturating_mul(8), events)?;
        let mut args = vec![fmt];
        args.extend(
            slots
                .chunks_exact(8)
                .map(|w| u64::from_le_bytes(w.try_into().expect("8 bytes"))),
        );
        self.format(pid, &args, events)
    }

    /// Stores sprintf's text at `buf`, NUL-terminated: all of it, or (snprintf, with a
    /// `limit`) at most `limit - 1` bytes and nothing at all for 0; returns the whole
    /// text's length.
    fn store_formatted(
        &mut self,
        pid: Pid,
        buf: u64,
        limit: Option<u64>,
        mut text: Vec<u8>,
        events: &mut Vec<Event>,
    ) -> Sys {
        let len = text.len() as u64;
        match limit {
            Some(0) => return Ok(Done::Return(len)),
            Some(limit) => text.truncate(usize::try_from(limit - 1).unwrap_or(usize::MAX)),
            None => {}
        }
        text.push(0);
        self.store(pid, buf, &text, events)?;
        Ok(Done::Return(len))
    }

    /// The write() system call to the terminal.
    pub(in crate::kernel) fn write_terminal(
        &mut self,
        pid: Pid,
        fd: i32,
        bytes: Vec<u8>,
        events: &mut Vec<Event>,
    ) {
        if bytes.is_empty() {
            return;
        }
        let used: usize = self.terminal.iter().map(|o| o.bytes.len()).sum();
        if used >= MAX_TERMINAL {
            return;
        }
        let mut bytes = bytes;
        bytes.truncate(MAX_TERMINAL - used);
        events.push(Event::Write {
            pid,
            fd,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        });
        Rc::make_mut(&mut self.terminal).push(Output { pid, fd, bytes });
        if used + self.terminal.last().map_or(0, |o| o.bytes.len()) >= MAX_TERMINAL {
            events.push(Event::TerminalFull {
                limit: MAX_TERMINAL,
            });
        }
    }

    /// stdout's buffering mode. Like glibc, the choice is made once, at the stream's first
    /// write (line buffering if fd 1 is then a terminal), and kept: a later dup2 onto fd 1
    /// does not change it; only setvbuf and setbuf do.
    fn stdout_mode(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<u8> {
        let at = self.bss_base(pid) + STDOUT_MODE_OFFSET;
        Ok(match self.load(pid, at, 1, events)?[0] {
            0 => {
                let mode = if self.fd_kind(pid, 1) == Some(FileKind::Terminal) {
                    LINE_BUFFERED
                } else {
                    FULLY_BUFFERED
                };
                self.store(pid, at, &[mode], events)?;
                mode
            }
            mode => mode,
        })
    }

    /// write() on behalf of the C library: Some(pipe) when the caller must sleep until the
    /// rest of the bytes drain into that pipe. A closed descriptor drops the bytes (EBADF).
    pub(super) fn lib_write(
        &mut self,
        pid: Pid,
        fd: i32,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Option<usize> {
        match self.write_fd(pid, fd, bytes, events) {
            Ok(Written::MustWait(p)) => Some(p),
            Ok(Written::Done) | Err(_) => None,
        }
    }

    /// Sets a stream's buffering (stderr stays unbuffered), first writing out what it
    /// holds.
    fn set_stdout_mode(&mut self, c: &Call, mode: u8, events: &mut Vec<Event>) -> Sys {
        match c.arg(0) {
            1 => {}
            2 => return Ok(Done::Return(0)),
            stream => {
                let file = if stream == 0 {
                    self.bss_base(c.pid) + STDIN_FILE_OFFSET
                } else {
                    stream
                };
                let full = self.set_stream_mode(c.pid, file, mode, events)?;
                return Ok(returning(0, full));
            }
        }
        let full = self.fflush(c.pid, events)?;
        let at = self.bss_base(c.pid) + STDOUT_MODE_OFFSET;
        self.store(c.pid, at, &[mode], events)?;
        Ok(returning(0, full))
    }

    /// Appends to stdout's buffer in the process's memory, flushing as glibc does: at each
    /// newline on a terminal, whenever the buffer fills, and after each call when it is
    /// unbuffered. Some(pipe) when a flush found the pipe full: the caller sleeps while the
    /// rest (and the unbuffered remainder of `bytes`) drains into it.
    pub(super) fn stdout_write(
        &mut self,
        pid: Pid,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        let mode = self.stdout_mode(pid, events)?;
        let line = mode == LINE_BUFFERED;
        let base = self.bss_base(pid);
        let capacity = if line { LINE_BUFFER } else { STDOUT_BUFFER };
        let mut len = self.load_word(pid, base + STDOUT_LEN_OFFSET, events)?;
        for (i, &b) in bytes.iter().enumerate() {
            self.store(pid, base + STDOUT_BUF_OFFSET + len, &[b], events)?;
            len += 1;
            self.store(pid, base + STDOUT_LEN_OFFSET, &len.to_le_bytes(), events)?;
            if (line && b == b'\n') || len >= capacity {
                len = 0;
                if let Some(p) = self.fflush(pid, events)? {
                    if let Some((_, pending)) = &mut self.proc_mut(pid).pending_write {
                        pending.extend_from_slice(&bytes[i + 1..]);
                    }
                    return Ok(Some(p));
                }
            }
        }
        if mode == UNBUFFERED && len > 0 {
            return self.fflush(pid, events);
        }
        Ok(None)
    }

    /// Writes out stdout's buffer to fd 1; Some(pipe) when the pipe could not take it all.
    pub(in crate::kernel) fn fflush(
        &mut self,
        pid: Pid,
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        let base = self.bss_base(pid);
        let len = self.load_word(pid, base + STDOUT_LEN_OFFSET, events)?;
        if len == 0 {
            return Ok(None);
        }
        let bytes = self.load(pid, base + STDOUT_BUF_OFFSET, len, events)?;
        self.store(pid, base + STDOUT_LEN_OFFSET, &0u64.to_le_bytes(), events)?;
        Ok(self.lib_write(pid, 1, &bytes, events))
    }
}
