//! `<stdlib.h>`'s conversions of text to doubles, as glibc does them: strtod and atof.
//! Decimal numbers are rounded to nearest (correctly, as glibc does); `inf`, `infinity`
//! and `nan` are read in any case. Hexadecimal floating text (`0x1p3`) is read up to its
//! `0`, a simplification.

use super::*;

/// What the text of a floating number says: its value, how many bytes it took (0 when it
/// held no number), and whether the value overflowed or underflowed (ERANGE).
#[derive(Debug, Clone, Copy, PartialEq)]
struct Floating {
    value: f64,
    taken: usize,
    out_of_range: bool,
}

/// Reads a number as strtod does: white space, a sign, then `inf`/`infinity`/`nan`, or
/// digits with an optional point and an optional exponent that has digits.
fn read_floating(s: &[u8]) -> Floating {
    let start = s.iter().take_while(|c| c.is_ascii_whitespace()).count();
    let mut i = start;
    if matches!(s.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let negative = s.get(start) == Some(&b'-');
    let word = |w: &str| {
        s.get(i..i + w.len())
            .is_some_and(|t| t.eq_ignore_ascii_case(w.as_bytes()))
    };
    let signed = |v: f64| if negative { -v } else { v };
    let none = Floating {
        value: 0.0,
        taken: 0,
        out_of_range: false,
    };
    if word("infinity") || word("inf") {
        let len = if word("infinity") { 8 } else { 3 };
        return Floating {
            value: signed(f64::INFINITY),
            taken: i + len,
            out_of_range: false,
        };
    }
    if word("nan") {
        return Floating {
            value: signed(f64::NAN),
            taken: i + 3,
            out_of_range: false,
        };
    }
    let digits = |from: usize| {
        s[from.min(s.len())..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let whole = digits(i);
    let mut end = i + whole;
    let mut fraction = 0;
    if s.get(end) == Some(&b'.') {
        fraction = digits(end + 1);
        if whole + fraction > 0 {
            end += 1 + fraction;
        }
    }
    if whole + fraction == 0 {
        return none;
    }
    if matches!(s.get(end), Some(b'e' | b'E')) {
        let mut e = end + 1;
        if matches!(s.get(e), Some(b'-' | b'+')) {
            e += 1;
        }
        if digits(e) > 0 {
            end = e + digits(e);
        }
    }
    let text = String::from_utf8_lossy(&s[i..end]);
    let magnitude = text.parse::<f64>().unwrap_or(0.0);
    let has_nonzero_digit = s[i..end]
        .iter()
        .take_while(|c| !matches!(c, b'e' | b'E'))
        .any(|c| matches!(c, b'1'..=b'9'));
    let out_of_range = magnitude.is_infinite()
        || (has_nonzero_digit && (magnitude == 0.0 || !magnitude.is_normal()));
    Floating {
        value: signed(magnitude),
        taken: end,
        out_of_range,
    }
}

/// strtod(s, endptr): `*endptr` = where the number ended (the start, when there was none);
/// ERANGE for a value too large (±HUGE_VAL) or too small for a normal double.
pub(super) fn sys_strtod(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    let number = read_floating(&s);
    if c.arg(1) != 0 {
        let end = c.arg(0).wrapping_add(number.taken as u64);
        k.store(c.pid, c.arg(1), &end.to_le_bytes(), events)?;
    }
    if number.out_of_range {
        k.set_errno(c.pid, Errno::ERANGE, events)?;
    }
    Ok(Done::Return(number.value.to_bits()))
}

/// atof(s): `strtod(s, NULL)`.
pub(super) fn sys_atof(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let s = k.string(c.pid, c.arg(0), events)?;
    Ok(Done::Return(read_floating(&s).value.to_bits()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> (f64, usize, bool) {
        let f = read_floating(s.as_bytes());
        (f.value, f.taken, f.out_of_range)
    }

    #[test]
    fn decimal_text_with_points_exponents_and_where_it_ends() {
        assert_eq!(read("  3.25xyz"), (3.25, 6, false));
        assert_eq!(read("-.5"), (-0.5, 3, false));
        assert_eq!(read("1e3"), (1000.0, 3, false));
        assert_eq!(read("1e"), (1.0, 1, false));
        assert_eq!(read("2.e-1,"), (0.2, 5, false));
        assert_eq!(read("."), (0.0, 0, false));
        assert_eq!(read("abc"), (0.0, 0, false));
    }

    #[test]
    fn words_and_out_of_range_values() {
        assert_eq!(read("-Infinity!"), (f64::NEG_INFINITY, 9, false));
        assert_eq!(read("inf"), (f64::INFINITY, 3, false));
        assert!(read("NaN").0.is_nan());
        assert_eq!(read("1e400"), (f64::INFINITY, 5, true));
        assert_eq!(read("1e-400"), (0.0, 6, true));
        assert_eq!(read("0e-400"), (0.0, 6, false));
    }
}
