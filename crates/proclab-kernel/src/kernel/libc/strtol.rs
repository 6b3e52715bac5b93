//! `<stdlib.h>`'s conversions of text to integers, as glibc does them: strtol, strtoul
//! (and their long long twins, the same on x86-64), atoi, atol and atoll.

use super::*;
use crate::narrow;

/// What the text of a number says: its magnitude (saturated), its sign, and how many bytes
/// of the text it took (0 when there were no digits: the conversion took nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Number {
    magnitude: u64,
    negative: bool,
    /// The digits did not fit in 64 bits.
    overflow: bool,
    taken: usize,
}

/// Reads a number in `base` (2 to 36, or 0: decimal, octal after `0`, hex after `0x`) as
/// strtol does: white space, a sign, an optional `0x` for base 16 or 0, then digits.
fn read_number(s: &[u8], base: u32) -> Number {
    let mut i = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let negative = s.get(i) == Some(&b'-');
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let digit = |at: usize, base: u32| s.get(at).and_then(|&c| (c as char).to_digit(base));
    let hex_prefix =
        matches!(s.get(i..i + 2), Some([b'0', b'x' | b'X'])) && digit(i + 2, 16).is_some();
    let base = match base {
        0 if hex_prefix => 16,
        0 if s.get(i) == Some(&b'0') => 8,
        0 => 10,
        b => b,
    };
    if base == 16 && hex_prefix {
        i += 2;
    }
    let (mut magnitude, mut overflow, start) = (0u64, false, i);
    while let Some(d) = digit(i, base) {
        match magnitude
            .checked_mul(u64::from(base))
            .and_then(|m| m.checked_add(u64::from(d)))
        {
            Some(m) => magnitude = m,
            None => overflow = true,
        }
        i += 1;
    }
    Number {
        magnitude,
        negative,
        overflow,
        taken: if i == start { 0 } else { i },
    }
}

impl Number {
    /// The value as strtol returns it: clamped to LONG_MIN..LONG_MAX, saying whether it had
    /// to be (ERANGE).
    fn as_long(self) -> (i64, bool) {
        let limit = if self.negative {
            i64::MIN.unsigned_abs()
        } else {
            i64::MAX as u64
        };
        if self.overflow || self.magnitude > limit {
            return (if self.negative { i64::MIN } else { i64::MAX }, true);
        }
        let value = self.magnitude as i64;
        (
            if self.negative {
                value.wrapping_neg()
            } else {
                value
            },
            false,
        )
    }

    /// The value as strtoul returns it: a negative number wraps around (as C's negation of
    /// an unsigned long), and a magnitude past ULONG_MAX is ULONG_MAX (ERANGE).
    fn as_unsigned_long(self) -> (u64, bool) {
        if self.overflow {
            return (u64::MAX, true);
        }
        let value = if self.negative {
            self.magnitude.wrapping_neg()
        } else {
            self.magnitude
        };
        (value, false)
    }
}

/// strtol(s, endptr, base) and strtoll.
pub(super) fn sys_strtol(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    convert(k, c, events, |n| n.as_long().0 as u64, |n| n.as_long().1)
}

/// strtoul(s, endptr, base) and strtoull.
pub(super) fn sys_strtoul(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    convert(
        k,
        c,
        events,
        |n| n.as_unsigned_long().0,
        |n| n.as_unsigned_long().1,
    )
}

/// The strto* conversions: EINVAL (and `*endptr` untouched) for a base other than 0 and
/// 2–36; otherwise `*endptr` = where the number ended (the start, when there was none) and
/// ERANGE when the value had to be clamped.
fn convert(
    k: &mut Kernel,
    c: &Call,
    events: &mut Vec<Event>,
    value: fn(Number) -> u64,
    clamped: fn(Number) -> bool,
) -> Sys {
    let base = c.int(2);
    if base != 0 && !(2..=36).contains(&base) {
        k.set_errno(c.pid, Errno::EINVAL, events)?;
        return Ok(Done::Return(0));
    }
    let s = k.string(c.pid, c.arg(0), events)?;
    let number = read_number(&s, base as u32);
    if c.arg(1) != 0 {
        let end = c.arg(0).wrapping_add(number.taken as u64);
        k.store(c.pid, c.arg(1), &end.to_le_bytes(), events)?;
    }
    if clamped(number) {
        k.set_errno(c.pid, Errno::ERANGE, events)?;
    }
    Ok(Done::Return(value(number)))
}

/// atoi(s): glibc's `(int) strtol(s, NULL, 10)`.
pub(super) fn sys_atoi(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    let (value, _) = read_number(&s, 10).as_long();
    Ok(Done::Return(u64::from(narrow::low_u32(value as u64))))
}

/// atol(s) and atoll(s): `strtol(s, NULL, 10)`.
pub(super) fn sys_atol(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    Ok(Done::Return(read_number(&s, 10).as_long().0 as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn long(s: &str, base: u32) -> (i64, bool, usize) {
        let n = read_number(s.as_bytes(), base);
        let (v, clamped) = n.as_long();
        (v, clamped, n.taken)
    }

    #[test]
    fn bases_prefixes_signs_and_where_the_number_ends() {
        assert_eq!(long("  -0x1fZ", 0), (-31, false, 7));
        assert_eq!(long("0755", 0), (493, false, 4));
        assert_eq!(long("0x", 16), (0, false, 1));
        assert_eq!(long("z", 36), (35, false, 1));
        assert_eq!(long("+12ab", 10), (12, false, 3));
        assert_eq!(long("abc", 10), (0, false, 0));
        assert_eq!(long("-", 10), (0, false, 0));
    }

    #[test]
    fn out_of_range_values_are_clamped_as_glibc_clamps_them() {
        assert_eq!(long("99999999999999999999", 10), (i64::MAX, true, 20));
        assert_eq!(long("-9223372036854775808", 10), (i64::MIN, false, 20));
        assert_eq!(long("-9223372036854775809", 10), (i64::MIN, true, 20));
        let n = read_number(b"-1", 10);
        assert_eq!(n.as_unsigned_long(), (u64::MAX, false));
        let n = read_number(b"18446744073709551616", 10);
        assert_eq!(n.as_unsigned_long(), (u64::MAX, true));
    }

    #[test]
    fn atoi_truncates_strtols_long_to_an_int() {
        let (v, _) = read_number(b"99999999999", 10).as_long();
        assert_eq!(narrow::low_i32(v as u64), 1215752191);
    }
}
