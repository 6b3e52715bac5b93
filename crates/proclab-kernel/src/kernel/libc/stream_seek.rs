//! Moving in a stream, as glibc does: ftell (the descriptor's offset less what the read
//! buffer holds unread, plus what the write buffer holds), fseek (pending output written,
//! the read buffer dropped, the end forgotten), rewind, and ungetc (a byte pushed back
//! before the read position). stdout and stderr are written out before they are measured.

use super::*;
use crate::abi::flags::SEEK_CUR;
use crate::abi::layout::{
    FILE_BUF, FILE_BUFFER, FILE_EOF, FILE_ERROR, FILE_FD, FILE_RLEN, FILE_RPOS, FILE_WLEN,
};
use crate::narrow;

/// ftell(stream): where the program is in the stream; -1 with ESPIPE for a pipe or the
/// terminal.
pub(super) fn sys_ftell(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let Some(file) = k.file_of(c.pid, c.arg(0)) else {
        k.fflush_stream(c.pid, c.arg(0), events)?;
        let fd = narrow::low_i32(c.arg(0));
        return Ok(Done::Return(k.lseek(c.pid, fd, 0, SEEK_CUR)?));
    };
    let fd = narrow::low_i32(k.load_word(c.pid, file.wrapping_add(FILE_FD), events)?);
    let at = k.lseek(c.pid, fd, 0, SEEK_CUR)? as i64;
    let (unread, pending) = buffered(k, c.pid, file, events)?;
    Ok(Done::Return((at - unread + pending) as u64))
}

/// fseek(stream, offset, whence): 0, or -1 with lseek's errno.
pub(super) fn sys_fseek(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    seek(k, c.pid, c.arg(0), c.arg(1) as i64, c.arg(2), events)?;
    Ok(Done::Return(0))
}

/// rewind(stream): to the start, the error forgotten too.
pub(super) fn sys_rewind(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let _ = seek(k, c.pid, c.arg(0), 0, 0, events);
    if let Some(file) = k.file_of(c.pid, c.arg(0)) {
        let flags = k.file_flags(c.pid, file, events)?;
        k.set_file_flags(c.pid, file, flags & !FILE_ERROR, events)?;
    }
    Ok(Done::Continue)
}

/// ungetc(c, stream): `c` (as an unsigned char) is the next byte read; EOF for EOF or a
/// stream that cannot take it back.
pub(super) fn sys_ungetc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let byte = c.int(0);
    let file = k.readable_stream(c.pid, c.arg(1), events)?;
    if byte == -1 {
        return Ok(Done::Return(MINUS_ONE_INT));
    }
    let start = k
        .load_word(c.pid, file.wrapping_add(FILE_RPOS), events)?
        .min(FILE_BUFFER);
    let end = k
        .load_word(c.pid, file.wrapping_add(FILE_RLEN), events)?
        .clamp(start, FILE_BUFFER);
    let (start, end) = if start > 0 {
        (start - 1, end)
    } else if end < FILE_BUFFER {
        let unread = k.load(c.pid, file.wrapping_add(FILE_BUF), end, events)?;
        k.store(c.pid, file.wrapping_add(FILE_BUF + 1), &unread, events)?;
        (0, end + 1)
    } else {
        return Ok(Done::Return(MINUS_ONE_INT));
    };
    k.store(
        c.pid,
        file.wrapping_add(FILE_BUF + start),
        &[narrow::int_byte(byte)],
        events,
    )?;
    k.store(
        c.pid,
        file.wrapping_add(FILE_RPOS),
        &start.to_le_bytes(),
        events,
    )?;
    k.store(
        c.pid,
        file.wrapping_add(FILE_RLEN),
        &end.to_le_bytes(),
        events,
    )?;
    let flags = k.file_flags(c.pid, file, events)?;
    k.set_file_flags(c.pid, file, flags & !FILE_EOF, events)?;
    Ok(Done::Return(u64::from(narrow::int_byte(byte))))
}

/// The bytes a FILE's buffer holds: read ahead and not yet taken, and written and not yet
/// sent.
fn buffered(k: &mut Kernel, pid: Pid, file: u64, events: &mut Vec<Event>) -> Lib<(i64, i64)> {
    let start = k
        .load_word(pid, file.wrapping_add(FILE_RPOS), events)?
        .min(FILE_BUFFER);
    let end = k
        .load_word(pid, file.wrapping_add(FILE_RLEN), events)?
        .clamp(start, FILE_BUFFER);
    let pending = k
        .load_word(pid, file.wrapping_add(FILE_WLEN), events)?
        .min(FILE_BUFFER);
    Ok(((end - start) as i64, pending as i64))
}

/// Moves a stream as fseek does: its output written, its read buffer dropped (a move from
/// the current position counted from where the program is, not where the buffer read
/// to), its end forgotten.
fn seek(
    k: &mut Kernel,
    pid: Pid,
    stream: u64,
    offset: i64,
    whence: u64,
    events: &mut Vec<Event>,
) -> Result<(), Failure> {
    let Some(file) = k.file_of(pid, stream) else {
        k.fflush_stream(pid, stream, events)?;
        k.lseek(pid, narrow::low_i32(stream), offset, whence)?;
        return Ok(());
    };
    let (unread, _) = buffered(k, pid, file, events)?;
    k.flush_stream(pid, file, events)?;
    let fd = narrow::low_i32(k.load_word(pid, file.wrapping_add(FILE_FD), events)?);
    let offset = if whence == SEEK_CUR {
        offset - unread
    } else {
        offset
    };
    k.lseek(pid, fd, offset, whence)?;
    for field in [FILE_RPOS, FILE_RLEN] {
        k.store(pid, file.wrapping_add(field), &0u64.to_le_bytes(), events)?;
    }
    let flags = k.file_flags(pid, file, events)?;
    k.set_file_flags(pid, file, flags & !FILE_EOF, events)?;
    Ok(())
}
