//! printf's formatting, as glibc does it, over arguments passed as 64-bit words: %d %i %u
//! %x %X %o %c %s %p %% with the `-`, `0`, `+`, space and `#` flags, width, precision and
//! the hh, h, l, ll and z length modifiers.

/// Formats `fmt` with `args`; `string_at` reads a NUL-terminated string from the caller's
/// memory (None when the pointer is bad, which prints as glibc's "(null)" for NULL).
pub fn format(
    fmt: &[u8],
    args: &[u64],
    mut string_at: impl FnMut(u64) -> Option<Vec<u8>>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut next = args.iter().copied();
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        i += 1;
        let (mut left, mut zero, mut plus, mut space, mut alt) =
            (false, false, false, false, false);
        while let Some(&f) = fmt.get(i) {
            match f {
                b'-' => left = true,
                b'0' => zero = true,
                b'+' => plus = true,
                b' ' => space = true,
                b'#' => alt = true,
                _ => break,
            }
            i += 1;
        }
        let mut width = 0usize;
        while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
            width = width * 10 + usize::from(d - b'0');
            i += 1;
        }
        let mut precision = None;
        if fmt.get(i) == Some(&b'.') {
            i += 1;
            let mut p = 0usize;
            while let Some(d) = fmt.get(i).filter(|c| c.is_ascii_digit()) {
                p = p * 10 + usize::from(d - b'0');
                i += 1;
            }
            precision = Some(p);
        }
        let mut bits = 32;
        loop {
            match fmt.get(i) {
                Some(b'h') if bits == 16 => bits = 8,
                Some(b'h') => bits = 16,
                Some(b'l' | b'z' | b'j' | b't') => bits = 64,
                _ => break,
            }
            i += 1;
        }
        let Some(&conv) = fmt.get(i) else {
            out.push(b'%');
            break;
        };
        i += 1;
        let mask = |v: u64| {
            if bits == 64 {
                v
            } else {
                v & ((1u64 << bits) - 1)
            }
        };
        let signed = |v: u64| match bits {
            8 => v as i8 as i64,
            16 => v as i16 as i64,
            32 => v as i32 as i64,
            _ => v as i64,
        };
        let (body, prefix): (Vec<u8>, Vec<u8>) = match conv {
            b'%' => {
                out.push(b'%');
                continue;
            }
            b'd' | b'i' => {
                let v = signed(next.next().unwrap_or(0));
                let sign = if v < 0 {
                    "-"
                } else if plus {
                    "+"
                } else if space {
                    " "
                } else {
                    ""
                };
                (digits(v.unsigned_abs(), 10, false, precision), sign.into())
            }
            b'u' => (
                digits(mask(next.next().unwrap_or(0)), 10, false, precision),
                vec![],
            ),
            b'x' | b'X' => {
                let v = mask(next.next().unwrap_or(0));
                let prefix = if alt && v != 0 {
                    if conv == b'x' { "0x" } else { "0X" }
                } else {
                    ""
                };
                (digits(v, 16, conv == b'X', precision), prefix.into())
            }
            b'o' => {
                let v = mask(next.next().unwrap_or(0));
                let mut d = digits(v, 8, false, precision);
                if alt && d.first() != Some(&b'0') {
                    d.insert(0, b'0');
                }
                (d, vec![])
            }
            b'c' => (vec![next.next().unwrap_or(0) as u8], vec![]),
            b's' => {
                let p = next.next().unwrap_or(0);
                let mut s = if p == 0 {
                    b"(null)".to_vec()
                } else {
                    string_at(p).unwrap_or_default()
                };
                if let Some(p) = precision {
                    s.truncate(p);
                }
                (s, vec![])
            }
            b'p' => {
                let v = next.next().unwrap_or(0);
                if v == 0 {
                    (b"(nil)".to_vec(), vec![])
                } else {
                    (digits(v, 16, false, None), b"0x".to_vec())
                }
            }
            other => {
                out.push(b'%');
                out.push(other);
                continue;
            }
        };
        let len = prefix.len() + body.len();
        let pad = width.saturating_sub(len);
        let numeric = !matches!(conv, b's' | b'c');
        if left {
            out.extend(&prefix);
            out.extend(&body);
            out.extend(std::iter::repeat_n(b' ', pad));
        } else if zero && numeric && precision.is_none() {
            out.extend(&prefix);
            out.extend(std::iter::repeat_n(b'0', pad));
            out.extend(&body);
        } else {
            out.extend(std::iter::repeat_n(b' ', pad));
            out.extend(&prefix);
            out.extend(&body);
        }
    }
    out
}

/// A number's digits in a radix, zero-padded to `precision` (a zero with precision 0 is
/// empty, as C says).
fn digits(mut v: u64, radix: u64, upper: bool, precision: Option<usize>) -> Vec<u8> {
    let table: &[u8] = if upper {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut d = Vec::new();
    while v > 0 {
        d.push(table[(v % radix) as usize]);
        v /= radix;
    }
    if d.is_empty() && precision != Some(0) {
        d.push(b'0');
    }
    while d.len() < precision.unwrap_or(0) {
        d.push(b'0');
    }
    d.reverse();
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(fmt: &str, args: &[u64]) -> String {
        String::from_utf8(format(fmt.as_bytes(), args, |_| Some(b"str".to_vec()))).unwrap()
    }

    #[test]
    fn integers_in_every_base_with_width_and_flags() {
        assert_eq!(
            f("%d|%5d|%-5d|%05d", &[7, 42, 42, 42]),
            "7|   42|42   |00042"
        );
        assert_eq!(f("%d %i", &[(-3i64) as u64, u64::from(u32::MAX)]), "-3 -1");
        assert_eq!(
            f("%u %x %X %o %#x", &[u64::from(u32::MAX), 255, 255, 8, 255]),
            "4294967295 ff FF 10 0xff"
        );
        assert_eq!(
            f("%ld %lu", &[(-5i64) as u64, u64::MAX]),
            "-5 18446744073709551615"
        );
        assert_eq!(f("%+d % d %.3d", &[5, 5, 5]), "+5  5 005");
    }

    #[test]
    fn strings_characters_pointers_and_percent() {
        assert_eq!(
            f("%s|%.2s|%6s|%-6s|", &[1, 1, 1, 1]),
            "str|st|   str|str   |"
        );
        assert_eq!(f("%c%c %%", &[u64::from(b'h'), u64::from(b'i')]), "hi %");
        assert_eq!(f("%p %p", &[0x7ffd_1000, 0]), "0x7ffd1000 (nil)");
        assert_eq!(f("%s", &[0]), "(null)");
    }
}
