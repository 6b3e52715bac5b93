//! scanf's reading, as glibc does it, over input that may not have all arrived: `%d %i %u
//! %o %x %X %c %s %[set] %f %e %g %n %%` with `*` (read, not stored), widths and the hh, h,
//! l, ll, j, z, t and L length modifiers; white space in the format skips any white space.
//! Like glibc it reads a byte ahead and gives back only that one, so the byte that ends a
//! number stays unread (and a lone sign before it is taken).

use crate::float::DEFAULT_NAN;

/// A value read, to store through the next pointer argument.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An integer, stored in this many bytes.
    Int(u64, u8),
    /// A floating number, stored as a double (8 bytes) or a float (4).
    Float(f64, u8),
    /// Bytes stored as they are (`%c`), or with a NUL after them (`%s`, `%[`).
    Bytes(Vec<u8>),
}

/// How a scan ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The format was used up, or a conversion or literal did not match the input.
    Done,
    /// The input ended before the first conversion: scanf returns EOF.
    NoInput,
    /// The input so far ends inside the format: more must be read before it is decided.
    NeedMore,
}

/// What a scan read: the values to store in order, the bytes of input it used, the
/// conversions that assigned (what scanf returns), and how it ended.
#[derive(Debug, Clone, PartialEq)]
pub struct Scan {
    /// Each value with the index of the pointer argument it goes to.
    pub values: Vec<(usize, Value)>,
    /// Bytes of input taken.
    pub consumed: usize,
    /// Conversions that stored a value (`%n` and `*` ones do not count).
    pub assigned: u64,
    /// How it ended.
    pub ending: Ending,
}

/// Input read a byte at a time; past what has arrived, it says whether more may come.
struct Input<'a> {
    bytes: &'a [u8],
    at: usize,
    at_end: bool,
}

/// More input is needed before the scan can go on.
struct NeedMore;

impl Input<'_> {
    /// The next byte without taking it; None at the end of the input.
    fn peek(&self) -> Result<Option<u8>, NeedMore> {
        match self.bytes.get(self.at) {
            Some(&b) => Ok(Some(b)),
            None if self.at_end => Ok(None),
            None => Err(NeedMore),
        }
    }

    /// Takes white space.
    fn skip_space(&mut self) -> Result<(), NeedMore> {
        while self.peek()?.is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
        Ok(())
    }

    /// Takes bytes while `accept(bytes so far, next)` holds, up to `width`.
    fn take_while(
        &mut self,
        width: usize,
        mut accept: impl FnMut(&[u8], u8) -> bool,
    ) -> Result<Vec<u8>, NeedMore> {
        let mut taken = Vec::new();
        while taken.len() < width {
            match self.peek()? {
                Some(b) if accept(&taken, b) => {
                    taken.push(b);
                    self.at += 1;
                }
                _ => break,
            }
        }
        Ok(taken)
    }
}

/// One conversion specification.
struct Spec {
    suppress: bool,
    width: Option<usize>,
    /// Bytes of the integer stored (hh 1, h 2, none 4, l/ll/j/z/t 8).
    size: u8,
    /// `l` or `L`: a double for the floating conversions.
    long: bool,
    conversion: u8,
}

/// Scans `input` by `fmt`. With `at_end` false, more input may follow what is given: a scan
/// that would need to look past it ends with [`Ending::NeedMore`], having decided nothing.
pub fn scan(fmt: &[u8], input: &[u8], at_end: bool) -> Scan {
    let mut input = Input {
        bytes: input,
        at: 0,
        at_end,
    };
    let mut scan = Scan {
        values: Vec::new(),
        consumed: 0,
        assigned: 0,
        ending: Ending::Done,
    };
    let mut conversions = 0usize;
    let mut argument = 0usize;
    match run(fmt, &mut input, &mut scan, &mut conversions, &mut argument) {
        Err(NeedMore) => scan.ending = Ending::NeedMore,
        Ok(no_input) if no_input && conversions == 0 => scan.ending = Ending::NoInput,
        Ok(_) => {}
    }
    scan.consumed = input.at;
    scan
}

/// Runs the format; Ok(true) when it stopped because the input ended.
fn run(
    fmt: &[u8],
    input: &mut Input,
    scan: &mut Scan,
    conversions: &mut usize,
    argument: &mut usize,
) -> Result<bool, NeedMore> {
    let mut i = 0;
    while i < fmt.len() {
        let f = fmt[i];
        if f.is_ascii_whitespace() {
            input.skip_space()?;
            i += 1;
            continue;
        }
        if f != b'%' || fmt.get(i + 1) == Some(&b'%') {
            if f == b'%' {
                input.skip_space()?;
                i += 1;
            }
            match input.peek()? {
                None => return Ok(true),
                Some(b) if b == fmt[i] => {
                    input.at += 1;
                    i += 1;
                    continue;
                }
                Some(_) => return Ok(false),
            }
        }
        let spec = parse_spec(fmt, &mut i);
        let Some(value) = convert(&spec, fmt, &mut i, input)? else {
            return Ok(input.peek()?.is_none() && !matches!(spec.conversion, b'n'));
        };
        if spec.conversion != b'n' {
            *conversions += 1;
        }
        if !spec.suppress {
            if spec.conversion != b'n' {
                scan.assigned += 1;
            }
            scan.values.push((*argument, value));
            *argument += 1;
        }
    }
    Ok(false)
}

/// Reads a specification after its `%` (at `fmt[*i]`), up to its conversion character.
fn parse_spec(fmt: &[u8], i: &mut usize) -> Spec {
    *i += 1;
    let suppress = fmt.get(*i) == Some(&b'*');
    if suppress {
        *i += 1;
    }
    let digits = fmt[(*i).min(fmt.len())..]
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .count();
    let width = std::str::from_utf8(&fmt[*i..*i + digits])
        .ok()
        .and_then(|d| d.parse().ok())
        .filter(|&w| w > 0);
    *i += digits;
    let (mut size, mut long) = (4u8, false);
    while let Some(&m) = fmt.get(*i) {
        match m {
            b'h' if size == 2 => size = 1,
            b'h' => size = 2,
            b'l' | b'L' | b'q' => {
                size = 8;
                long = true;
            }
            b'j' | b'z' | b't' => size = 8,
            _ => break,
        }
        *i += 1;
    }
    let conversion = fmt.get(*i).copied().unwrap_or(0);
    *i += 1;
    Spec {
        suppress,
        width,
        size,
        long,
        conversion,
    }
}

/// Reads one conversion's value; None on a matching or input failure.
fn convert(
    spec: &Spec,
    fmt: &[u8],
    i: &mut usize,
    input: &mut Input,
) -> Result<Option<Value>, NeedMore> {
    let width = spec.width.unwrap_or(usize::MAX);
    Ok(match spec.conversion {
        b'd' => integer(input, width, 10, spec.size)?,
        b'i' => integer(input, width, 0, spec.size)?,
        b'u' => integer(input, width, 10, spec.size)?,
        b'o' => integer(input, width, 8, spec.size)?,
        b'x' | b'X' | b'p' => integer(
            input,
            width,
            16,
            if spec.conversion == b'p' {
                8
            } else {
                spec.size
            },
        )?,
        b'f' | b'F' | b'e' | b'E' | b'g' | b'G' | b'a' | b'A' => {
            floating(input, width, if spec.long { 8 } else { 4 })?
        }
        b's' => {
            input.skip_space()?;
            let word = input.take_while(width, |_, b| !b.is_ascii_whitespace())?;
            (!word.is_empty()).then(|| with_nul(word))
        }
        b'c' => {
            let n = spec.width.unwrap_or(1);
            let bytes = input.take_while(n, |_, _| true)?;
            (bytes.len() == n).then_some(Value::Bytes(bytes))
        }
        b'[' => {
            let set = scanset(fmt, i);
            let taken = input.take_while(width, |_, b| set[usize::from(b)])?;
            (!taken.is_empty()).then(|| with_nul(taken))
        }
        b'n' => Some(Value::Int(input.at as u64, spec.size)),
        _ => None,
    })
}

/// A string's bytes with the NUL `%s` and `%[` store after them.
fn with_nul(mut bytes: Vec<u8>) -> Value {
    bytes.push(0);
    Value::Bytes(bytes)
}

/// The bytes a `%[...]` accepts, its text read from `fmt[*i]` on (after the `[`): a `]`
/// first is one of them, `^` first takes the complement, `a-z` is a range.
fn scanset(fmt: &[u8], i: &mut usize) -> [bool; 256] {
    let negate = fmt.get(*i) == Some(&b'^');
    if negate {
        *i += 1;
    }
    let mut set = [false; 256];
    let start = *i;
    while let Some(&c) = fmt.get(*i) {
        if c == b']' && *i > start {
            break;
        }
        let range_end = fmt
            .get(*i + 2)
            .filter(|&&e| fmt.get(*i + 1) == Some(&b'-') && e != b']');
        if let Some(&end) = range_end {
            (c..=end).for_each(|b| set[usize::from(b)] = true);
            *i += 3;
        } else {
            set[usize::from(c)] = true;
            *i += 1;
        }
    }
    *i += 1;
    if negate {
        set.iter_mut().for_each(|b| *b = !*b);
    }
    set
}

/// An integer in `base` (0: by its prefix, as `%i`), after white space: an optional sign,
/// `0x` for hexadecimal, digits; None when no digit came.
fn integer(
    input: &mut Input,
    width: usize,
    base: u32,
    size: u8,
) -> Result<Option<Value>, NeedMore> {
    input.skip_space()?;
    let (mut base, by_prefix) = (base, base == 0);
    let text = input.take_while(width, |taken, b| {
        let digits = if taken.first().is_some_and(|c| matches!(c, b'+' | b'-')) {
            &taken[1..]
        } else {
            taken
        };
        match (digits, b) {
            ([], b'+' | b'-') if taken.is_empty() => true,
            ([b'0'], b'x' | b'X') if base == 16 || by_prefix => {
                base = 16;
                true
            }
            ([], b'0') if by_prefix => {
                base = 8;
                true
            }
            _ => char::from(b).is_digit(if base == 0 { 10 } else { base }),
        }
    })?;
    let base = if base == 0 { 10 } else { base };
    let negative = text.first() == Some(&b'-');
    let body: &[u8] = text
        .strip_prefix(b"-")
        .or_else(|| text.strip_prefix(b"+"))
        .unwrap_or(&text);
    let body = match body {
        [b'0', b'x' | b'X', rest @ ..] => rest,
        b => b,
    };
    let digits = body.iter().filter_map(|&b| char::from(b).to_digit(base));
    let had_digit =
        body.first().is_some_and(|&b| char::from(b).is_digit(base)) || text.contains(&b'0');
    if !had_digit {
        return Ok(None);
    }
    let magnitude = digits.fold(0u64, |v, d| {
        v.wrapping_mul(u64::from(base)).wrapping_add(u64::from(d))
    });
    let value = if negative {
        magnitude.wrapping_neg()
    } else {
        magnitude
    };
    Ok(Some(Value::Int(value, size)))
}

/// A floating number, after white space, as strtod reads one: a sign, digits with a point,
/// an exponent with digits, or `inf`/`infinity`/`nan`; None when there is none.
fn floating(input: &mut Input, width: usize, size: u8) -> Result<Option<Value>, NeedMore> {
    input.skip_space()?;
    let text = input.take_while(width, float_continues)?;
    let body = text
        .strip_prefix(b"-")
        .or_else(|| text.strip_prefix(b"+"))
        .unwrap_or(&text);
    let negative = text.first() == Some(&b'-');
    let lower = body.to_ascii_lowercase();
    let magnitude = match lower.as_slice() {
        b"inf" | b"infinity" => f64::INFINITY,
        b"nan" => f64::from_bits(DEFAULT_NAN & !(1 << 63)),
        _ => match std::str::from_utf8(body)
            .ok()
            .and_then(|t| t.trim_end_matches(['e', 'E', '+', '-']).parse::<f64>().ok())
        {
            Some(v) if body.iter().any(u8::is_ascii_digit) => v,
            _ => return Ok(None),
        },
    };
    Ok(Some(Value::Float(
        if negative { -magnitude } else { magnitude },
        size,
    )))
}

/// True when byte `b` can extend the floating text `taken` read so far.
fn float_continues(taken: &[u8], b: u8) -> bool {
    let body = taken
        .strip_prefix(b"-")
        .or_else(|| taken.strip_prefix(b"+"))
        .unwrap_or(taken);
    let lower = body.to_ascii_lowercase();
    let word = |w: &[u8]| {
        let mut next = lower.clone();
        next.push(b.to_ascii_lowercase());
        w.starts_with(&next)
    };
    if taken.is_empty() && matches!(b, b'+' | b'-') {
        return true;
    }
    if lower.first().is_some_and(|c| matches!(c, b'i' | b'n'))
        || (body.is_empty() && matches!(b.to_ascii_lowercase(), b'i' | b'n'))
    {
        return word(b"infinity") || word(b"nan");
    }
    let exponent = lower.iter().position(|&c| c == b'e');
    match b {
        b'0'..=b'9' => true,
        b'.' => exponent.is_none() && !lower.contains(&b'.'),
        b'e' | b'E' => exponent.is_none() && lower.iter().any(u8::is_ascii_digit),
        b'+' | b'-' => exponent.is_some_and(|e| e + 1 == lower.len()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(fmt: &str, input: &str) -> Scan {
        scan(fmt.as_bytes(), input.as_bytes(), true)
    }

    fn ints(s: &Scan) -> Vec<i64> {
        s.values
            .iter()
            .filter_map(|(_, v)| match v {
                Value::Int(n, _) => Some(*n as i64),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn integers_in_their_bases_with_signs_and_widths() {
        let s = all("%d %i %i %x %o %3d%d", " -42 0x1f 010 ff 17 12345");
        assert_eq!(ints(&s), [-42, 31, 8, 255, 15, 123, 45]);
        assert_eq!((s.assigned, s.ending), (7, Ending::Done));
        let s = all("%hhd %ld", "300 9000000000");
        assert_eq!(s.values[0].1, Value::Int(300, 1));
        assert_eq!(s.values[1].1, Value::Int(9_000_000_000, 8));
    }

    #[test]
    fn a_mismatch_stops_the_scan_and_leaves_the_byte_unread() {
        let s = all("%d,%d", "4;5");
        assert_eq!((s.assigned, s.consumed, s.ending), (1, 1, Ending::Done));
        let s = all("%d", "abc");
        assert_eq!((s.assigned, s.consumed), (0, 0));
        let s = all("%d", "-x");
        assert_eq!(
            (s.assigned, s.consumed),
            (0, 1),
            "glibc keeps only one byte to give back"
        );
    }

    #[test]
    fn the_end_of_input_before_any_conversion_is_eof() {
        assert_eq!(all("%d", "   ").ending, Ending::NoInput);
        assert_eq!(all("%d %d", "5").ending, Ending::Done);
        assert_eq!(all("%d %d", "5").assigned, 1);
    }

    #[test]
    fn strings_characters_and_scansets() {
        let s = all("%s %3c %[a-z] %[^\n]%n", "  hello abcdef rest of line\n");
        let bytes: Vec<Vec<u8>> = s
            .values
            .iter()
            .filter_map(|(_, v)| match v {
                Value::Bytes(b) => Some(b.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(bytes[0], b"hello\0");
        assert_eq!(bytes[1], b"abc");
        assert_eq!(bytes[2], b"def\0");
        assert_eq!(bytes[3], b"rest of line\0");
        assert_eq!(
            s.values[4].1,
            Value::Int(27, 4),
            "%n counts the bytes read so far"
        );
        assert_eq!(s.assigned, 4);
    }

    #[test]
    fn floating_numbers_as_float_or_double() {
        let s = all("%f %lf %lf %lf", "3.5 -1e3 inf 2.");
        let got: Vec<(f64, u8)> = s
            .values
            .iter()
            .filter_map(|(_, v)| match v {
                Value::Float(f, n) => Some((*f, *n)),
                _ => None,
            })
            .collect();
        assert_eq!(got, [(3.5, 4), (-1000.0, 8), (f64::INFINITY, 8), (2.0, 8)]);
    }

    #[test]
    fn suppressed_conversions_read_without_storing() {
        let s = all("%*d %d", "1 2");
        assert_eq!((s.values.len(), s.assigned), (1, 1));
        assert_eq!(s.values[0], (0, Value::Int(2, 4)));
    }

    #[test]
    fn input_that_may_continue_waits_for_more_before_deciding() {
        assert_eq!(scan(b"%d", b"12", false).ending, Ending::NeedMore);
        assert_eq!(scan(b"%d", b"12\n", false).consumed, 2);
        assert_eq!(scan(b"%d ", b"12\n", false).ending, Ending::NeedMore);
        assert_eq!(scan(b"%s", b"", false).ending, Ending::NeedMore);
    }
}
