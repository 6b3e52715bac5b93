//! A double's decimal text as glibc's printf writes it for `%f`, `%e` and `%g`: the exact
//! binary value rounded to the precision (ties to even), `inf` and `nan` spelt out. The
//! sign is the caller's.

/// How a conversion writes the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `%f`: `ddd.ddd`.
    Fixed,
    /// `%e`: `d.ddde±dd`.
    Exponent,
    /// `%g`: the shorter of the two for the precision, without trailing zeros.
    General,
}

/// The text of `|v|` in a style with `precision` digits (after the point for `%f` and
/// `%e`, significant for `%g`); `alt` is the `#` flag (always a point; `%g` keeps its
/// zeros), `upper` the capital conversion (`%F %E %G`).
pub fn text(v: f64, style: Style, precision: usize, alt: bool, upper: bool) -> Vec<u8> {
    let magnitude = v.abs();
    let body = if v.is_nan() {
        "nan".to_owned()
    } else if v.is_infinite() {
        "inf".to_owned()
    } else {
        match style {
            Style::Fixed => fixed(magnitude, precision, alt),
            Style::Exponent => exponent(magnitude, precision, alt),
            Style::General => general(magnitude, precision, alt),
        }
    };
    if upper {
        body.to_ascii_uppercase().into_bytes()
    } else {
        body.into_bytes()
    }
}

/// `%f`'s digits.
fn fixed(v: f64, precision: usize, alt: bool) -> String {
    let mut s = format!("{v:.precision$}");
    if alt && precision == 0 {
        s.push('.');
    }
    s
}

/// `%e`'s digits and the decimal exponent they were written with.
fn mantissa_and_exponent(v: f64, precision: usize) -> (String, i32) {
    let s = format!("{v:.precision$e}");
    let (mantissa, exp) = s.split_once('e').expect("Rust writes an exponent");
    (
        mantissa.to_owned(),
        exp.parse().expect("a decimal exponent"),
    )
}

/// `%e`'s text: the exponent signed and at least two digits long.
fn exponent(v: f64, precision: usize, alt: bool) -> String {
    let (mut mantissa, exp) = mantissa_and_exponent(v, precision);
    if alt && precision == 0 {
        mantissa.push('.');
    }
    with_exponent(&mantissa, exp)
}

fn with_exponent(mantissa: &str, exp: i32) -> String {
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.unsigned_abs())
}

/// `%g`'s text: `%e` when the exponent is below -4 or at least the precision, else `%f`
/// with as many significant digits; trailing zeros dropped unless `alt`.
fn general(v: f64, precision: usize, alt: bool) -> String {
    let p = precision.max(1);
    let (mantissa, exp) = mantissa_and_exponent(v, p - 1);
    let p = i64::try_from(p).unwrap_or(i64::MAX);
    if (-4..p).contains(&i64::from(exp)) {
        let digits = usize::try_from(p - 1 - i64::from(exp)).unwrap_or(0);
        let s = fixed(v, digits, alt);
        if alt { s } else { trimmed(&s).to_owned() }
    } else {
        let mut mantissa = if alt {
            mantissa
        } else {
            trimmed(&mantissa).to_owned()
        };
        if alt && !mantissa.contains('.') {
            mantissa.push('.');
        }
        with_exponent(&mantissa, exp)
    }
}

/// A number's text without the zeros that end its fraction (nor a point left bare).
fn trimmed(s: &str) -> &str {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.')
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: f64, style: Style, precision: usize) -> String {
        String::from_utf8(text(v, style, precision, false, false)).unwrap()
    }

    #[test]
    fn fixed_rounds_the_exact_value_with_ties_to_even() {
        assert_eq!(t(2.5, Style::Fixed, 0), "2");
        assert_eq!(t(0.125, Style::Fixed, 2), "0.12");
        assert_eq!(t(2.675, Style::Fixed, 2), "2.67");
        assert_eq!(t(1.23456, Style::Fixed, 6), "1.234560");
        assert_eq!(t(1e22, Style::Fixed, 0), "10000000000000000000000");
    }

    #[test]
    fn exponents_are_signed_with_two_digits_at_least() {
        assert_eq!(t(1234.5, Style::Exponent, 2), "1.23e+03");
        assert_eq!(t(1e-7, Style::Exponent, 6), "1.000000e-07");
        assert_eq!(t(1e300, Style::Exponent, 1), "1.0e+300");
        assert_eq!(t(0.0, Style::Exponent, 3), "0.000e+00");
    }

    #[test]
    fn general_picks_the_style_by_the_exponent_and_drops_trailing_zeros() {
        assert_eq!(t(100000.0, Style::General, 6), "100000");
        assert_eq!(t(1000000.0, Style::General, 6), "1e+06");
        assert_eq!(t(0.0001, Style::General, 6), "0.0001");
        assert_eq!(t(0.00001234, Style::General, 6), "1.234e-05");
        assert_eq!(t(1.2345678, Style::General, 6), "1.23457");
        assert_eq!(t(0.5, Style::General, 0), "0.5");
        assert_eq!(t(999999.5, Style::General, 6), "1e+06");
        assert_eq!(
            String::from_utf8(text(2.0, Style::General, 6, true, false)).unwrap(),
            "2.00000"
        );
    }

    #[test]
    fn infinities_and_nans_are_words() {
        assert_eq!(t(f64::INFINITY, Style::Fixed, 6), "inf");
        assert_eq!(
            String::from_utf8(text(f64::NAN, Style::General, 6, false, true)).unwrap(),
            "NAN"
        );
    }
}
