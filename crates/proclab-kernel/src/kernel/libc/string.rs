//! `<string.h>`: functions on the process's own bytes.

use super::*;
use crate::abi::layout::{STRERROR_OFFSET, STRERROR_SLOT, STRSIGNAL_OFFSET, STRSIGNAL_SLOT};
use crate::narrow;

/// strlen(s).
pub(super) fn sys_strlen(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    Ok(Done::Return(s.len() as u64))
}

/// strcpy(dst, src): returns dst.
pub(super) fn sys_strcpy(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut s = k.string(c.pid, c.arg(1), events)?;
    s.push(0);
    k.store(c.pid, c.arg(0), &s, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// strncpy(dst, src, n): exactly n bytes, NUL-padded; returns dst.
pub(super) fn sys_strncpy(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut s = k.string(c.pid, c.arg(1), events)?;
    let n = c.arg(2);
    s.truncate(usize::try_from(n).unwrap_or(usize::MAX));
    k.store(c.pid, c.arg(0), &s, events)?;
    let padding = n - s.len() as u64;
    k.fill(
        c.pid,
        c.arg(0).wrapping_add(s.len() as u64),
        0,
        padding,
        events,
    )?;
    Ok(Done::Return(c.arg(0)))
}

/// strcat(dst, src): returns dst.
pub(super) fn sys_strcat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let end = c.arg(0) + k.string(c.pid, c.arg(0), events)?.len() as u64;
    let mut s = k.string(c.pid, c.arg(1), events)?;
    s.push(0);
    k.store(c.pid, end, &s, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// strcmp(a, b): the sign of the first difference.
pub(super) fn sys_strcmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let a = k.string(c.pid, c.arg(0), events)?;
    let b = k.string(c.pid, c.arg(1), events)?;
    Ok(Done::Return(compare(&a, &b)))
}

/// strncmp(a, b, n): strcmp of at most n bytes.
pub(super) fn sys_strncmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut a = k.string(c.pid, c.arg(0), events)?;
    let mut b = k.string(c.pid, c.arg(1), events)?;
    let n = usize::try_from(c.arg(2)).unwrap_or(usize::MAX);
    a.truncate(n);
    b.truncate(n);
    Ok(Done::Return(compare(&a, &b)))
}

/// strchr(s, c): the first c in s (the terminating NUL counts as part of the string, as
/// in C), or NULL.
pub(super) fn sys_strchr(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    find_byte(k, c, events, false)
}

/// strrchr(s, c): the last `c` in `s` (its NUL, for 0), or NULL.
pub(super) fn sys_strrchr(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    find_byte(k, c, events, true)
}

/// strchr's and strrchr's search: the first (or `last`) byte c of s, the NUL for 0.
fn find_byte(k: &mut Kernel, c: &Call, events: &mut Vec<Event>, last: bool) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    let byte = narrow::low_u8(c.arg(1));
    let at = match (byte, last) {
        (0, _) => Some(s.len()),
        (_, false) => s.iter().position(|&b| b == byte),
        (_, true) => s.iter().rposition(|&b| b == byte),
    };
    Ok(Done::Return(at.map_or(0, |i| c.arg(0) + i as u64)))
}

/// strstr(haystack, needle): the first place `needle` occurs (haystack itself for an empty
/// needle), or NULL.
pub(super) fn sys_strstr(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let hay = k.string(c.pid, c.arg(0), events)?;
    let needle = k.string(c.pid, c.arg(1), events)?;
    let at = if needle.is_empty() {
        Some(0)
    } else {
        hay.windows(needle.len())
            .position(|w| w == needle.as_slice())
    };
    Ok(Done::Return(at.map_or(0, |i| c.arg(0) + i as u64)))
}

/// memmove(dst, src, n): copies as if through a buffer, so the areas may overlap; returns
/// dst.
pub(super) fn sys_memmove(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let bytes = k.load(c.pid, c.arg(1), c.arg(2), events)?;
    k.store(c.pid, c.arg(0), &bytes, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// memcmp(a, b, n): the difference of the first differing bytes (as unsigned chars), or 0.
pub(super) fn sys_memcmp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let a = k.load(c.pid, c.arg(0), c.arg(2), events)?;
    let b = k.load(c.pid, c.arg(1), c.arg(2), events)?;
    let diff = a
        .iter()
        .zip(&b)
        .find(|(x, y)| x != y)
        .map_or(0, |(x, y)| i32::from(*x) - i32::from(*y));
    Ok(Done::Return(diff as i64 as u64))
}

/// strncat(dst, src, n): at most n bytes of src after dst's, then a NUL; returns dst.
pub(super) fn sys_strncat(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let dst = k.string(c.pid, c.arg(0), events)?;
    let mut src = k.string(c.pid, c.arg(1), events)?;
    src.truncate(usize::try_from(c.arg(2)).unwrap_or(usize::MAX));
    src.push(0);
    k.store(c.pid, c.arg(0) + dst.len() as u64, &src, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// strdup(s): a copy in a new malloc'd block; NULL with ENOMEM when there is no room.
pub(super) fn sys_strdup(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    k.duplicate(c.pid, s, events)
}

/// strndup(s, n): a copy of at most n bytes of s, NUL-terminated, in a new block.
pub(super) fn sys_strndup(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let mut s = k.string(c.pid, c.arg(0), events)?;
    s.truncate(usize::try_from(c.arg(1)).unwrap_or(usize::MAX));
    k.duplicate(c.pid, s, events)
}

impl Kernel {
    /// `s` and a NUL in a new malloc'd block: its address, or NULL (errno ENOMEM).
    fn duplicate(&mut self, pid: Pid, mut s: Vec<u8>, events: &mut Vec<Event>) -> Sys {
        s.push(0);
        let p = self.malloc(pid, s.len() as u64, events)?;
        if p != 0 {
            self.store(pid, p, &s, events)?;
        }
        Ok(Done::Return(p))
    }
}

/// memset(p, byte, n): returns p.
pub(super) fn sys_memset(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.fill(c.pid, c.arg(0), narrow::low_u8(c.arg(1)), c.arg(2), events)?;
    Ok(Done::Return(c.arg(0)))
}

/// memcpy(dst, src, n): returns dst.
pub(super) fn sys_memcpy(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let bytes = k.load(c.pid, c.arg(1), c.arg(2), events)?;
    k.store(c.pid, c.arg(0), &bytes, events)?;
    Ok(Done::Return(c.arg(0)))
}

/// strerror(errno): glibc's message for it, in the C runtime's slot for that errno (so two
/// messages are two strings, as glibc's are), which the result points to.
pub(super) fn sys_strerror(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let errno = c.int(0);
    let slot = Errno::ALL
        .iter()
        .position(|e| e.code() == errno)
        .unwrap_or(Errno::ALL.len());
    let mut message = errno_message(errno).into_bytes();
    message.truncate(narrow::host_index(STRERROR_SLOT) - 1);
    message.push(0);
    let at = k.bss_base(c.pid) + STRERROR_OFFSET + STRERROR_SLOT * slot as u64;
    k.store(c.pid, at, &message, events)?;
    Ok(Done::Return(at))
}

/// strsignal(sig): glibc's description of the signal, which the result points to: a
/// string of its own for each standard signal, one buffer shared by the rest (real-time and
/// unknown numbers), as glibc's.
pub(super) fn sys_strsignal(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let signo = c.int(0);
    let slot = u64::try_from(signo)
        .ok()
        .filter(|s| (1..32).contains(s))
        .unwrap_or(0);
    let mut message = crate::abi::signal::description(signo).into_bytes();
    message.truncate(narrow::host_index(STRSIGNAL_SLOT) - 1);
    message.push(0);
    let at = k.bss_base(c.pid) + STRSIGNAL_OFFSET + STRSIGNAL_SLOT * slot;
    k.store(c.pid, at, &message, events)?;
    Ok(Done::Return(at))
}

/// What glibc's strerror says for an errno value.
pub(super) fn errno_message(errno: i32) -> String {
    Errno::ALL.iter().find(|e| e.code() == errno).map_or_else(
        || {
            if errno == 0 {
                "Success".to_owned()
            } else {
                format!("Unknown error {errno}")
            }
        },
        |e| e.message().to_owned(),
    )
}

/// strcmp's result for two byte strings: -1, 0 or 1 as a C int in rax.
fn compare(a: &[u8], b: &[u8]) -> u64 {
    let order = a
        .iter()
        .zip(b)
        .find(|(x, y)| x != y)
        .map_or(a.len() as i64 - b.len() as i64, |(x, y)| {
            i64::from(*x) - i64::from(*y)
        });
    order.signum() as u64
}

/// C's atoi: optional spaces and sign, then digits.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_messages_are_glibcs() {
        assert_eq!(errno_message(10), "No child processes");
        assert_eq!(errno_message(0), "Success");
        assert_eq!(errno_message(9999), "Unknown error 9999");
        assert!(
            Errno::ALL
                .iter()
                .all(|e| (e.message().len() as u64) < STRERROR_SLOT),
            "every message and its NUL fit in a strerror slot"
        );
    }

    #[test]
    fn strcmp_gives_the_sign_of_the_first_difference() {
        assert_eq!(compare(b"abc", b"abd"), u64::MAX);
        assert_eq!(compare(b"abc", b"abc"), 0);
        assert_eq!(compare(b"abcd", b"abc"), 1);
    }
}
