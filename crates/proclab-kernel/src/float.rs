//! Floating-point arithmetic as an x86-64 CPU does it with SSE (what gcc compiles `double`
//! and `float` to), on values held as a double's 64 bits: IEEE 754 operations rounded to
//! nearest, and the NaNs the hardware gives, so that a run is the same natively and in
//! WebAssembly (whose NaNs' signs are otherwise unspecified).

use crate::narrow;
use serde::{Deserialize, Serialize};

/// The NaN an SSE instruction returns for an invalid operation (0/0, ∞-∞, sqrt(-1)): the
/// "default NaN", negative, which glibc's printf writes as `-nan`.
pub const DEFAULT_NAN: u64 = 0xfff8_0000_0000_0000;

/// A double's quiet bit.
const QUIET: u64 = 1 << 51;

/// A floating-point operation of the C virtual machine on the double in rax (a `float` is
/// kept there as the double it converts to exactly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FloatOp {
    /// rax = the integer in rax (as the signed or unsigned 64-bit value it holds) converted
    /// to a double, or to a float when `single`: rounded to nearest, once.
    FromInt {
        /// The integer is signed.
        signed: bool,
        /// Convert to float (rounding once to float's precision).
        single: bool,
    },
    /// rax = the double in rax truncated toward zero to an integer of `size` bytes, as
    /// gcc's code converts it (cvttsd2si): a value out of range gives the "integer
    /// indefinite", the most negative value of the width the instruction works in.
    ToInt {
        /// Bytes of the integer type.
        size: u8,
        /// The integer type is signed.
        signed: bool,
    },
    /// rax = the double in rax rounded to float's precision (a conversion to float, or a
    /// float operation's result).
    RoundSingle,
    /// rax = the double equal to the float whose bits are rax's low 32 (after a load).
    Widen,
    /// rax = the bits of the double in rax converted to float (before a store).
    Narrow,
    /// rax = -rax (the sign bit flipped, as `-x` does).
    Neg,
    /// rax = 1 if the double in rax is not zero (a NaN is not), else 0: its truth in C.
    IsTrue,
}

impl FloatOp {
    /// What the instruction does, as a phrase ("converts rax to a double").
    pub fn describe(self) -> &'static str {
        match self {
            FloatOp::FromInt { single: false, .. } => "converts the integer in rax to a double",
            FloatOp::FromInt { single: true, .. } => "converts the integer in rax to a float",
            FloatOp::ToInt { .. } => "converts the double in rax to an integer, truncating",
            FloatOp::RoundSingle => "rounds the double in rax to a float's precision",
            FloatOp::Widen => "converts the float loaded in rax to a double",
            FloatOp::Narrow => "converts the double in rax to a float's bits, to store",
            FloatOp::Neg => "negates the double in rax",
            FloatOp::IsTrue => "tests whether the double in rax is not zero",
        }
    }
}

/// A double's value from its bits.
fn value(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// An operation's result: a NaN is the first NaN operand made quiet, or the default NaN
/// when no operand was one, as SSE gives it.
pub fn result(v: f64, operands: &[u64]) -> u64 {
    if !v.is_nan() {
        return v.to_bits();
    }
    operands
        .iter()
        .find(|&&o| value(o).is_nan())
        .map_or(DEFAULT_NAN, |&o| o | QUIET)
}

/// `lhs op rhs` for addition, subtraction, multiplication and division of doubles.
pub fn arithmetic(op: fn(f64, f64) -> f64, lhs: u64, rhs: u64) -> u64 {
    result(op(value(lhs), value(rhs)), &[lhs, rhs])
}

/// A comparison of two doubles: 1 or 0 (every ordered comparison with a NaN is false,
/// `!=` true).
pub fn compare(op: fn(&f64, &f64) -> bool, lhs: u64, rhs: u64) -> u64 {
    u64::from(op(&value(lhs), &value(rhs)))
}

/// Runs one [`FloatOp`] on rax.
pub fn apply(op: FloatOp, rax: u64) -> u64 {
    match op {
        FloatOp::FromInt { signed, single } => from_int(rax, signed, single),
        FloatOp::ToInt { size, signed } => to_int(value(rax), size, signed),
        FloatOp::RoundSingle => widen(narrow(rax)),
        FloatOp::Widen => widen(narrow::low_u32(rax)),
        FloatOp::Narrow => u64::from(narrow(rax)),
        FloatOp::Neg => rax ^ (1 << 63),
        FloatOp::IsTrue => u64::from(value(rax) != 0.0),
    }
}

/// An integer converted to a double, or to a float kept as a double.
fn from_int(v: u64, signed: bool, single: bool) -> u64 {
    match (signed, single) {
        (true, false) => (v as i64 as f64).to_bits(),
        (false, false) => (v as f64).to_bits(),
        (true, true) => f64::from(v as i64 as f32).to_bits(),
        (false, true) => f64::from(v as f32).to_bits(),
    }
}

/// A double truncated to an integer of `size` bytes as gcc's x86-64 code does it: through
/// a 32-bit cvttsd2si for `int` and narrower, a 64-bit one for `long` and `unsigned int`,
/// and for `unsigned long` the 64-bit one on the value less 2^63 when it is that large.
#[expect(
    clippy::cast_possible_truncation,
    reason = "each `as` follows a range check, so it only drops the fraction, as cvttsd2si does"
)]
fn to_int(v: f64, size: u8, signed: bool) -> u64 {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    let cvtt32 = |v: f64| {
        if v.is_nan() || v <= -2_147_483_649.0 || v >= 2_147_483_648.0 {
            i32::MIN
        } else {
            v as i32
        }
    };
    let cvtt64 = |v: f64| {
        if v.is_nan() || !(-TWO_63..TWO_63).contains(&v) {
            i64::MIN
        } else {
            v as i64
        }
    };
    match (size, signed) {
        (8, false) if v >= TWO_63 => (cvtt64(v - TWO_63) as u64) ^ (1 << 63),
        (8, _) => cvtt64(v) as u64,
        (4, false) => crate::program::extend(cvtt64(v) as u64, 4, false),
        _ => crate::program::extend(cvtt32(v) as i64 as u64, size, signed),
    }
}

/// A double's bits converted to a float's, rounded to nearest; a NaN keeps its sign and
/// the top of its payload, made quiet (cvtsd2ss).
#[expect(
    clippy::cast_possible_truncation,
    reason = "a double made a float rounds to nearest, as cvtsd2ss does"
)]
fn narrow(bits: u64) -> u32 {
    let v = value(bits);
    if v.is_nan() {
        let sign = ((bits >> 63) as u32) << 31;
        let payload = narrow::low_u32(bits >> 29) & 0x007f_ffff;
        return sign | 0x7fc0_0000 | payload;
    }
    (v as f32).to_bits()
}

/// A float's bits converted to the double of the same value; a NaN keeps its sign and
/// payload, made quiet (cvtss2sd).
fn widen(bits: u32) -> u64 {
    let f = f32::from_bits(bits);
    if f.is_nan() {
        let sign = u64::from(bits >> 31) << 63;
        let payload = u64::from(bits & 0x003f_ffff) << 29;
        return sign | 0x7ff8_0000_0000_0000 | payload;
    }
    f64::from(f).to_bits()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(v: f64) -> u64 {
        v.to_bits()
    }

    #[test]
    fn invalid_operations_give_the_negative_default_nan_and_nans_propagate() {
        let div = |a: f64, b: f64| a / b;
        assert_eq!(arithmetic(div, bits(0.0), bits(0.0)), DEFAULT_NAN);
        let positive_nan = 0x7ff8_0000_0000_0001;
        assert_eq!(
            arithmetic(|a, b| a + b, bits(1.0), positive_nan),
            positive_nan
        );
        assert_eq!(arithmetic(|a, b| a * b, bits(1.5), bits(2.0)), bits(3.0));
    }

    #[test]
    fn conversions_to_integers_truncate_and_out_of_range_is_integer_indefinite() {
        let int = |v: f64| {
            apply(
                FloatOp::ToInt {
                    size: 4,
                    signed: true,
                },
                bits(v),
            ) as i64
        };
        assert_eq!(int(-2.9), -2);
        assert_eq!(int(3e9), i64::from(i32::MIN));
        assert_eq!(int(f64::NAN), i64::from(i32::MIN));
        let ulong = |v: f64| {
            apply(
                FloatOp::ToInt {
                    size: 8,
                    signed: false,
                },
                bits(v),
            )
        };
        assert_eq!(
            ulong(1.8446744073709552e19 / 2.0 + 4096.0),
            (1 << 63) + 4096
        );
        let uint = |v: f64| {
            apply(
                FloatOp::ToInt {
                    size: 4,
                    signed: false,
                },
                bits(v),
            )
        };
        assert_eq!(uint(-1.0), 0xffff_ffff);
    }

    #[test]
    fn floats_round_once_and_keep_their_value_as_doubles() {
        let tenth = apply(FloatOp::RoundSingle, bits(0.1));
        assert_eq!(value(tenth), f64::from(0.1f32));
        assert_eq!(apply(FloatOp::Widen, apply(FloatOp::Narrow, tenth)), tenth);
        let big = apply(
            FloatOp::FromInt {
                signed: true,
                single: true,
            },
            16_777_217,
        );
        assert_eq!(value(big), 16_777_216.0);
        assert_eq!(
            crate::narrow::low_u32(apply(FloatOp::Narrow, DEFAULT_NAN)),
            0xffc0_0000,
            "a NaN keeps its sign through float"
        );
    }

    #[test]
    fn truth_and_negation_follow_c() {
        assert_eq!(apply(FloatOp::IsTrue, bits(-0.0)), 0);
        assert_eq!(apply(FloatOp::IsTrue, DEFAULT_NAN), 1);
        assert_eq!(apply(FloatOp::Neg, bits(0.0)), bits(-0.0));
    }
}
