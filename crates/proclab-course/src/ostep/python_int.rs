//! Python's integers as optparse reads an `int` option: of any size, in the radix the text's
//! prefix names (`0x` hexadecimal, `0b` binary, a leading `0` octal, else decimal), with
//! Python's signs, underscores and surrounding spaces, and printed in decimal as `str()`
//! prints them. OSTEP's seeds are such integers, so any seed the address bar carries poses
//! the problem the original poses.

use std::fmt;

/// The most decimal digits Python 3.11 converts from or to text
/// (`sys.int_info.default_max_str_digits`); past it `int()` and `str()` raise ValueError.
pub const MAX_STR_DIGITS: usize = 4300;

/// An integer of any size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PyInt {
    negative: bool,
    /// The magnitude's 32-bit words, least significant first, with no high zero word.
    words: Vec<u32>,
}

impl From<i64> for PyInt {
    fn from(value: i64) -> Self {
        let n = value.unsigned_abs();
        let mut int = PyInt {
            negative: value < 0,
            words: vec![n as u32, (n >> 32) as u32],
        };
        int.normalise();
        int
    }
}

impl PyInt {
    /// What optparse's `int` type makes of `text` (its `_parse_num`: the radix from the
    /// prefix, then `int(text, radix)`), or None where optparse reports an invalid value.
    pub fn optparse(text: &str) -> Option<Self> {
        let prefix = text.get(..2).map(str::to_ascii_lowercase);
        match prefix.as_deref() {
            Some("0x") => Self::parse(text, 16),
            // optparse drops the prefix itself, and reads a bare `0b` as 0.
            Some("0b") => Self::parse(Some(&text[2..]).filter(|t| !t.is_empty()).unwrap_or("0"), 2),
            _ if text.starts_with('0') => Self::parse(text, 8),
            _ => Self::parse(text, 10),
        }
    }

    /// `int(text, radix)`: spaces around, a sign, the radix's optional prefix (`0x`, `0o`,
    /// `0b`), then digits with single underscores between them (one may follow a prefix).
    fn parse(text: &str, radix: u32) -> Option<Self> {
        let text = text.trim();
        let (negative, unsigned) = match text.as_bytes().first()? {
            b'-' => (true, &text[1..]),
            b'+' => (false, &text[1..]),
            _ => (false, text),
        };
        let prefix = match radix {
            16 => "0x",
            8 => "0o",
            2 => "0b",
            _ => "",
        };
        let digits = match unsigned.get(..2) {
            Some(p) if !prefix.is_empty() && p.eq_ignore_ascii_case(prefix) => {
                unsigned[2..].strip_prefix('_').unwrap_or(&unsigned[2..])
            }
            _ => unsigned,
        };
        if digits.is_empty() || digits.starts_with('_') || digits.ends_with('_') {
            return None;
        }
        if digits.contains("__") || (radix == 10 && digits.len() > MAX_STR_DIGITS * 2) {
            return None;
        }
        let mut int = PyInt {
            negative,
            words: Vec::new(),
        };
        let mut count = 0;
        for c in digits.chars().filter(|&c| c != '_') {
            int.mul_add(radix, c.to_digit(radix)?);
            count += 1;
        }
        if radix == 10 && count > MAX_STR_DIGITS {
            return None;
        }
        int.normalise();
        Some(int).filter(|i| i.decimal_digits().len() <= MAX_STR_DIGITS)
    }

    /// The magnitude's 32-bit words, least significant first (none for zero): the key
    /// `random.seed` gives the Mersenne Twister.
    pub fn magnitude_words(&self) -> &[u32] {
        &self.words
    }

    /// The value, when it fits in an i64.
    pub fn to_i64(&self) -> Option<i64> {
        if self.words.len() > 2 {
            return None;
        }
        let magnitude = self.low_u64();
        if self.negative {
            0i64.checked_sub_unsigned(magnitude)
        } else {
            i64::try_from(magnitude).ok()
        }
    }

    /// The magnitude's low 64 bits.
    pub fn low_u64(&self) -> u64 {
        let word = |i: usize| u64::from(self.words.get(i).copied().unwrap_or(0));
        word(0) | (word(1) << 32)
    }

    /// The magnitude times `factor`, plus `add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for word in &mut self.words {
            let wide = u64::from(*word) * u64::from(factor) + carry;
            *word = wide as u32;
            carry = wide >> 32;
        }
        if carry != 0 {
            self.words.push(carry as u32);
        }
    }

    /// Divides the magnitude by `divisor` in place and returns the remainder.
    fn div_rem(&mut self, divisor: u32) -> u32 {
        let mut remainder = 0u64;
        for word in self.words.iter_mut().rev() {
            let wide = (remainder << 32) | u64::from(*word);
            *word = (wide / u64::from(divisor)) as u32;
            remainder = wide % u64::from(divisor);
        }
        self.normalise();
        remainder as u32
    }

    fn normalise(&mut self) {
        while self.words.last() == Some(&0) {
            self.words.pop();
        }
        if self.words.is_empty() {
            self.negative = false;
        }
    }

    /// The magnitude's decimal digits, most significant first.
    fn decimal_digits(&self) -> String {
        let mut rest = self.clone();
        let mut chunks = Vec::new();
        while !rest.words.is_empty() {
            chunks.push(rest.div_rem(1_000_000_000));
        }
        let mut text = chunks.pop().unwrap_or(0).to_string();
        for chunk in chunks.iter().rev() {
            text.push_str(&format!("{chunk:09}"));
        }
        text
    }
}

impl fmt::Display for PyInt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.negative { "-" } else { "" };
        write!(f, "{sign}{}", self.decimal_digits())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Option<String> {
        PyInt::optparse(text).map(|i| i.to_string())
    }

    #[test]
    fn the_prefix_chooses_the_radix_as_optparse_does() {
        // What Python 3.11's optparse printed for each value of an int option.
        for (text, python) in [
            ("010", "8"),
            ("-010", "-10"),
            ("0b101", "5"),
            ("0B1", "1"),
            ("0o17", "15"),
            ("0x_10", "16"),
            ("0X1f", "31"),
            ("1_000", "1000"),
            (" 5", "5"),
            ("5 ", "5"),
            ("+7", "7"),
            ("0", "0"),
            ("00", "0"),
            ("0_0", "0"),
            ("-0", "0"),
            ("0b", "0"),
            ("0b0b11", "3"),
        ] {
            assert_eq!(read(text).as_deref(), Some(python), "{text:?}");
        }
    }

    #[test]
    fn what_python_refuses_is_refused() {
        for text in [
            "08", "-0x10", "", " ", "-", "_5", "5_", "1__0", "0x", "0b_1", "1e3", "five", "0x1g",
        ] {
            assert_eq!(read(text), None, "{text:?}");
        }
    }

    #[test]
    fn integers_of_any_size_print_in_decimal() {
        assert_eq!(
            read("99999999999999999999").as_deref(),
            Some("99999999999999999999")
        );
        assert_eq!(
            read("0xffffffffffffffffffffffff").as_deref(),
            Some("79228162514264337593543950335")
        );
        let big = PyInt::optparse("-18446744073709551616").unwrap();
        assert_eq!(big.magnitude_words(), [0, 0, 1]);
        assert_eq!(big.to_i64(), None);
        assert_eq!(PyInt::from(i64::MIN).to_i64(), Some(i64::MIN));
        assert_eq!(PyInt::from(-1).to_string(), "-1");
    }

    #[test]
    fn more_digits_than_python_converts_are_refused() {
        assert!(PyInt::optparse(&"9".repeat(MAX_STR_DIGITS)).is_some());
        assert!(PyInt::optparse(&"9".repeat(MAX_STR_DIGITS + 1)).is_none());
        let hex_past_the_limit = format!("0x{}", "f".repeat(3600));
        assert!(PyInt::optparse(&hex_past_the_limit).is_none());
    }

    /// `value` written in `radix` with optparse's prefix for it, an underscore every
    /// `group` digits when `group` is not 0.
    fn spelled(value: u128, radix: u32, group: usize) -> String {
        let digits = match radix {
            16 => format!("{value:x}"),
            8 => format!("{value:o}"),
            2 => format!("{value:b}"),
            _ => value.to_string(),
        };
        let grouped: String = digits
            .chars()
            .enumerate()
            .flat_map(|(i, c)| {
                let cut = group != 0 && i != 0 && (digits.len() - i) % group == 0;
                cut.then_some('_').into_iter().chain(std::iter::once(c))
            })
            .collect();
        let prefix = match radix {
            16 => "0x",
            8 => "0o",
            2 => "0b",
            _ => "",
        };
        format!("{prefix}{grouped}")
    }

    proptest::proptest! {
        #[test]
        fn any_integer_spelled_in_any_radix_reads_back_in_decimal(
            value in proptest::prelude::any::<u128>(),
            radix in proptest::sample::select(vec![2u32, 8, 10, 16]),
            group in 0usize..5,
        ) {
            let text = spelled(value, radix, group);
            proptest::prop_assert_eq!(read(&text), Some(value.to_string()), "{}", text);
            if value != 0 && radix == 10 {
                proptest::prop_assert_eq!(read(&format!("-{text}")), Some(format!("-{value}")));
            }
        }

        #[test]
        fn any_text_is_a_number_or_refused_never_a_panic(text in "\\PC{0,60}") {
            if let Some(int) = PyInt::optparse(&text) {
                proptest::prop_assert_eq!(PyInt::optparse(&int.to_string()), Some(int));
            }
        }
    }
}
