//! getline and getdelim, as glibc's: the line (with its delimiter) in a malloc'd buffer the
//! caller may pass in, grown with realloc (to 120 bytes first, then at least doubling); its
//! length, or -1 at the end with nothing read. A line longer than a stream's buffer that
//! stops arriving partway on a pipe is returned in part (glibc would wait for the rest:
//! ProcLab does not keep a half-done call).

use super::*;
use crate::narrow;

/// The size glibc gives a line buffer it allocates.
const FIRST_SIZE: u64 = 120;

/// getline(lineptr, n, stream).
pub(super) fn sys_getline(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    read_until(k, c, b'\n', c.arg(2), events)
}

/// getdelim(lineptr, n, delim, stream).
pub(super) fn sys_getdelim(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    read_until(k, c, narrow::int_byte(c.int(2)), c.arg(3), events)
}

/// Reads up to and including `delim` into `*lineptr` (of `*n` bytes), growing it.
fn read_until(k: &mut Kernel, c: &Call, delim: u8, stream: u64, events: &mut Vec<Event>) -> Sys {
    let (lineptr, n) = (c.arg(0), c.arg(1));
    if lineptr == 0 || n == 0 {
        return Err(Errno::EINVAL.into());
    }
    let file = k.readable_stream(c.pid, stream, events)?;
    let mut line = Vec::new();
    loop {
        let taken = k.take_when(c.pid, file, events, |window, at_end| {
            let end = window.iter().position(|&b| b == delim).map(|i| i + 1);
            end.or(at_end.then_some(window.len()))
        })?;
        match taken {
            None if line.is_empty() => {
                return Ok(Done::Retry(k.stream_channel(c.pid, file, events)?));
            }
            Some(chunk) if !chunk.is_empty() => {
                let whole = chunk.ends_with(&[delim]);
                line.extend(chunk);
                if whole {
                    break;
                }
            }
            _ => break,
        }
    }
    let mut buffer = k.load_word(c.pid, lineptr, events)?;
    let mut size = k.load_word(c.pid, n, events)?;
    if buffer == 0 || size == 0 {
        size = FIRST_SIZE;
        buffer = k.malloc(c.pid, size, events)?;
        if buffer == 0 {
            return Err(Errno::ENOMEM.into());
        }
        k.store(c.pid, lineptr, &buffer.to_le_bytes(), events)?;
        k.store(c.pid, n, &size.to_le_bytes(), events)?;
    }
    if line.is_empty() {
        return Ok(Done::Return(MINUS_ONE));
    }
    let needed = line.len() as u64 + 1;
    if needed > size {
        size = needed.max(size.saturating_mul(2));
        buffer = k.realloc(c.pid, buffer, size, events)?;
        if buffer == 0 {
            return Err(Errno::ENOMEM.into());
        }
        k.store(c.pid, lineptr, &buffer.to_le_bytes(), events)?;
        k.store(c.pid, n, &size.to_le_bytes(), events)?;
    }
    let length = line.len() as u64;
    line.push(0);
    k.store(c.pid, buffer, &line, events)?;
    Ok(Done::Return(length))
}
