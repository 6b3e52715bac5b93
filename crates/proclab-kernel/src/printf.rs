//! printf's formatting, as glibc does it, over arguments passed as 64-bit words: %d %i %u
//! %x %X %o %c %s %p %f %F %e %E %g %G %% with the `-`, `0`, `+`, space and `#` flags,
//! width, precision and the hh, h, l, ll and z length modifiers. A double argument is its
//! 64 bits.

use crate::float_text::{self, Style};
use crate::narrow;

/// The widest field and the longest result ProcLab formats. glibc would write a field as
/// wide as INT_MAX; ProcLab, which keeps the output in memory, refuses past this with
/// EOVERFLOW.
pub const MAX_FORMATTED: usize = 1 << 20;

/// A format asked for more than [`MAX_FORMATTED`] bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLong;

/// Formats `fmt` with `args`; `string_at` reads a NUL-terminated string from the caller's
/// memory (None when the pointer is bad, which prints as glibc's "(null)" for NULL).
pub fn format(
    fmt: &[u8],
    args: impl IntoIterator<Item = u64>,
    mut string_at: impl FnMut(u64) -> Option<Vec<u8>>,
) -> Result<Vec<u8>, TooLong> {
    let mut out = Vec::new();
    let mut next = args.into_iter();
    let mut i = 0;
    while i < fmt.len() {
        if fmt[i] != b'%' {
            out.push(fmt[i]);
            i += 1;
            continue;
        }
        let spec = Spec::parse(fmt, &mut i, &mut next);
        if spec.width.max(spec.precision.unwrap_or(0)) > MAX_FORMATTED {
            return Err(TooLong);
        }
        let Some(conv) = spec.conversion else {
            out.push(b'%');
            break;
        };
        match spec.convert(conv, &mut next, &mut string_at) {
            Some((body, prefix)) => {
                let zero_fill = spec.zero_fills(conv, &body);
                spec.pad(&mut out, zero_fill, &prefix, &body);
            }
            None if conv == b'%' => out.push(b'%'),
            None => out.extend([b'%', conv]),
        }
        if out.len() > MAX_FORMATTED {
            return Err(TooLong);
        }
    }
    Ok(out)
}

/// How many arguments `fmt` takes (its conversions' values, and `*` widths and
/// precisions): how many words `vprintf` reads through its `va_list`.
pub fn arguments_used(fmt: &[u8]) -> usize {
    let mut used = 0;
    let words = std::iter::repeat(0).inspect(|_| used += 1);
    let _ = format(fmt, words, |_| Some(Vec::new()));
    used
}

/// One conversion specification: `%[flags][width][.precision][length]conversion`.
struct Spec {
    left: bool,
    zero: bool,
    plus: bool,
    space: bool,
    alt: bool,
    width: usize,
    precision: Option<usize>,
    /// The argument's width in bits, from the length modifier (int: 32).
    bits: u32,
    /// The conversion character; None when the format ends first.
    conversion: Option<u8>,
}

impl Spec {
    /// Reads a specification from `fmt[*i]` (the `%`) on, leaving `*i` after it; a `*`
    /// width or precision takes the next argument (a negative width left-justifies, a
    /// negative precision is none).
    fn parse(fmt: &[u8], i: &mut usize, next: &mut impl Iterator<Item = u64>) -> Spec {
        *i += 1;
        let mut spec = Spec {
            left: false,
            zero: false,
            plus: false,
            space: false,
            alt: false,
            width: 0,
            precision: None,
            bits: 32,
            conversion: None,
        };
        while let Some(&f) = fmt.get(*i) {
            match f {
                b'-' => spec.left = true,
                b'0' => spec.zero = true,
                b'+' => spec.plus = true,
                b' ' => spec.space = true,
                b'#' => spec.alt = true,
                _ => break,
            }
            *i += 1;
        }
        if fmt.get(*i) == Some(&b'*') {
            *i += 1;
            let width = narrow::low_i32(next.next().unwrap_or(0));
            spec.left |= width < 0;
            spec.width = width.unsigned_abs() as usize;
        } else {
            spec.width = number(fmt, i);
        }
        if fmt.get(*i) == Some(&b'.') {
            *i += 1;
            spec.precision = if fmt.get(*i) == Some(&b'*') {
                *i += 1;
                usize::try_from(narrow::low_i32(next.next().unwrap_or(0))).ok()
            } else {
                Some(number(fmt, i))
            };
        }
        loop {
            match fmt.get(*i) {
                Some(b'h') if spec.bits == 16 => spec.bits = 8,
                Some(b'h') => spec.bits = 16,
                Some(b'l' | b'L' | b'z' | b'j' | b't') => spec.bits = 64,
                _ => break,
            }
            *i += 1;
        }
        spec.conversion = fmt.get(*i).copied();
        if spec.conversion.is_some() {
            *i += 1;
        }
        spec
    }

    /// The argument's low `bits` bits, unsigned.
    fn mask(&self, v: u64) -> u64 {
        if self.bits == 64 {
            v
        } else {
            v & ((1u64 << self.bits) - 1)
        }
    }

    /// The argument as a signed value of `bits` bits.
    fn signed(&self, v: u64) -> i64 {
        match self.bits {
            8 => narrow::low_i8(v) as i64,
            16 => narrow::low_i16(v) as i64,
            32 => narrow::low_i32(v) as i64,
            _ => v as i64,
        }
    }

    /// The sign a number's text starts with: `-`, or `+` or a space as the flags ask.
    fn sign(&self, negative: bool) -> &'static [u8] {
        if negative {
            b"-"
        } else if self.plus {
            b"+"
        } else if self.space {
            b" "
        } else {
            b""
        }
    }

    /// True when the `0` flag pads this conversion's text with zeros: numbers, except
    /// integers given a precision and the words `inf` and `nan`.
    fn zero_fills(&self, conv: u8, body: &[u8]) -> bool {
        match conv {
            b's' | b'c' => false,
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' => {
                self.zero && body.first().is_some_and(u8::is_ascii_digit)
            }
            _ => self.zero && self.precision.is_none(),
        }
    }

    /// The converted text and its prefix (sign, `0x`), taking arguments from `next`; None
    /// for `%%` and unknown conversions, which print as written.
    fn convert(
        &self,
        conv: u8,
        next: &mut impl Iterator<Item = u64>,
        string_at: &mut impl FnMut(u64) -> Option<Vec<u8>>,
    ) -> Option<(Vec<u8>, Vec<u8>)> {
        let mut arg = || next.next().unwrap_or(0);
        Some(match conv {
            b'd' | b'i' => {
                let v = self.signed(arg());
                (
                    digits(v.unsigned_abs(), 10, false, self.precision),
                    self.sign(v < 0).into(),
                )
            }
            b'f' | b'F' | b'e' | b'E' | b'g' | b'G' => {
                let v = f64::from_bits(arg());
                let style = match conv.to_ascii_lowercase() {
                    b'f' => Style::Fixed,
                    b'e' => Style::Exponent,
                    _ => Style::General,
                };
                let precision = self.precision.unwrap_or(6);
                let upper = conv.is_ascii_uppercase();
                (
                    float_text::text(v, style, precision, self.alt, upper),
                    self.sign(v.is_sign_negative()).into(),
                )
            }
            b'u' => (digits(self.mask(arg()), 10, false, self.precision), vec![]),
            b'x' | b'X' => {
                let v = self.mask(arg());
                let prefix = match (self.alt && v != 0, conv) {
                    (false, _) => "",
                    (true, b'x') => "0x",
                    (true, _) => "0X",
                };
                (digits(v, 16, conv == b'X', self.precision), prefix.into())
            }
            b'o' => {
                let mut d = digits(self.mask(arg()), 8, false, self.precision);
                if self.alt && d.first() != Some(&b'0') {
                    d.insert(0, b'0');
                }
                (d, vec![])
            }
            b'c' => (vec![narrow::low_u8(arg())], vec![]),
            b's' => {
                let p = arg();
                let mut s = if p == 0 {
                    b"(null)".to_vec()
                } else {
                    string_at(p).unwrap_or_default()
                };
                if let Some(p) = self.precision {
                    s.truncate(p);
                }
                (s, vec![])
            }
            b'p' => match arg() {
                0 => (b"(nil)".to_vec(), vec![]),
                v => (digits(v, 16, false, None), b"0x".to_vec()),
            },
            _ => return None,
        })
    }

    /// Writes `prefix` and `body` padded to the width: on the right with `-`, with zeros
    /// between them when `zero_fill`, else on the left with spaces.
    fn pad(&self, out: &mut Vec<u8>, zero_fill: bool, prefix: &[u8], body: &[u8]) {
        let pad = self.width.saturating_sub(prefix.len() + body.len());
        if self.left {
            out.extend(prefix);
            out.extend(body);
            out.extend(std::iter::repeat_n(b' ', pad));
        } else if zero_fill {
            out.extend(prefix);
            out.extend(std::iter::repeat_n(b'0', pad));
            out.extend(body);
        } else {
            out.extend(std::iter::repeat_n(b' ', pad));
            out.extend(prefix);
            out.extend(body);
        }
    }
}

/// A run of decimal digits at `fmt[*i]`, as a number (0 when there is none).
fn number(fmt: &[u8], i: &mut usize) -> usize {
    let mut n = 0usize;
    while let Some(d) = fmt.get(*i).filter(|c| c.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(usize::from(d - b'0'));
        *i += 1;
    }
    n
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
        d.push(table[narrow::host_index(v % radix)]);
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
        String::from_utf8(
            format(fmt.as_bytes(), args.iter().copied(), |_| {
                Some(b"str".to_vec())
            })
            .unwrap(),
        )
        .unwrap()
    }

    #[test]
    fn arguments_used_counts_values_and_star_widths() {
        assert_eq!(arguments_used(b"plain"), 0);
        assert_eq!(arguments_used(b"%d %s %% %*.*ld|%c"), 6);
        assert_eq!(arguments_used(b"%"), 0);
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

    #[test]
    fn a_field_wider_than_the_limit_is_refused_not_allocated() {
        let wide = format!("%{}d", MAX_FORMATTED + 1);
        assert_eq!(format(wide.as_bytes(), [1], |_| None), Err(TooLong));
        assert_eq!(
            format(b"%99999999999999999999999.5s", [1], |_| None),
            Err(TooLong)
        );
        assert!(format(b"%1000d", [1], |_| None).is_ok());
    }

    #[test]
    fn doubles_with_flags_width_and_precision() {
        let d = |v: f64| v.to_bits();
        assert_eq!(
            f(
                "%f|%.2f|%8.3f|%-8.1f|%08.2f",
                &[d(1.23456), d(2.5), d(-1.0), d(0.25), d(-3.5)]
            ),
            "1.234560|2.50|  -1.000|0.2     |-0003.50"
        );
        assert_eq!(
            f("%e|%.0E|%g|%G", &[d(12345.678), d(5e-5), d(1e-5), d(1e20)]),
            "1.234568e+04|5E-05|1e-05|1E+20"
        );
        assert_eq!(
            f("%+.1f|% .1f|%f", &[d(0.0), d(-0.0), d(f64::INFINITY)]),
            "+0.0|-0.0|inf"
        );
        assert_eq!(f("%05f|%5.1f", &[d(f64::NAN), d(-f64::NAN)]), "  nan| -nan");
        assert_eq!(f("%lf %Lf", &[d(1.5), d(2.5)]), "1.500000 2.500000");
    }

    #[test]
    fn a_star_takes_the_width_or_precision_from_the_arguments() {
        assert_eq!(
            f("%*d|%-*d|%*d", &[4, 7, 3, 7, (-3i64) as u64, 7]),
            "   7|7  |7  "
        );
        assert_eq!(f("%.*s|%.*d", &[2, 1, 3, 5]), "st|005");
    }
}
