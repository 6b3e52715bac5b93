//! `<math.h>`'s functions the library provides: each takes one or two doubles and returns
//! a double. They are computed with the `libm` crate (musl's algorithms), the same in the
//! page and natively; glibc's results can differ from them in the last bit for a few
//! arguments of the transcendental ones (sqrt, fabs, floor, ceil, round, trunc, fmod, fmin
//! and fmax are exact in both).

use serde::{Deserialize, Serialize};

/// A function of `<math.h>`.
#[allow(missing_docs)] // Each variant is the C function of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum MathFn {
    Sqrt,
    Cbrt,
    Pow,
    Exp,
    Exp2,
    Log,
    Log2,
    Log10,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Fabs,
    Floor,
    Ceil,
    Round,
    Trunc,
    Fmod,
    Hypot,
    Fmin,
    Fmax,
}

/// Every function, by its C name.
pub const MATH_FUNCTIONS: [(&str, MathFn); 27] = [
    ("sqrt", MathFn::Sqrt),
    ("cbrt", MathFn::Cbrt),
    ("pow", MathFn::Pow),
    ("exp", MathFn::Exp),
    ("exp2", MathFn::Exp2),
    ("log", MathFn::Log),
    ("log2", MathFn::Log2),
    ("log10", MathFn::Log10),
    ("sin", MathFn::Sin),
    ("cos", MathFn::Cos),
    ("tan", MathFn::Tan),
    ("asin", MathFn::Asin),
    ("acos", MathFn::Acos),
    ("atan", MathFn::Atan),
    ("atan2", MathFn::Atan2),
    ("sinh", MathFn::Sinh),
    ("cosh", MathFn::Cosh),
    ("tanh", MathFn::Tanh),
    ("fabs", MathFn::Fabs),
    ("floor", MathFn::Floor),
    ("ceil", MathFn::Ceil),
    ("round", MathFn::Round),
    ("trunc", MathFn::Trunc),
    ("fmod", MathFn::Fmod),
    ("hypot", MathFn::Hypot),
    ("fmin", MathFn::Fmin),
    ("fmax", MathFn::Fmax),
];

impl MathFn {
    /// The function called `name` in C.
    pub fn find(name: &str) -> Option<MathFn> {
        MATH_FUNCTIONS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, f)| f)
    }

    /// Its name in C.
    pub fn name(self) -> &'static str {
        MATH_FUNCTIONS
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("?", |(n, _)| n)
    }

    /// How many doubles it takes.
    pub fn arity(self) -> usize {
        match self {
            MathFn::Pow
            | MathFn::Atan2
            | MathFn::Fmod
            | MathFn::Hypot
            | MathFn::Fmin
            | MathFn::Fmax => 2,
            _ => 1,
        }
    }

    /// Its value at `x` (and `y` for the functions of two arguments).
    pub fn apply(self, x: f64, y: f64) -> f64 {
        use MathFn::*;
        match self {
            Sqrt => libm::sqrt(x),
            Cbrt => libm::cbrt(x),
            Pow => libm::pow(x, y),
            Exp => libm::exp(x),
            Exp2 => libm::exp2(x),
            Log => libm::log(x),
            Log2 => libm::log2(x),
            Log10 => libm::log10(x),
            Sin => libm::sin(x),
            Cos => libm::cos(x),
            Tan => libm::tan(x),
            Asin => libm::asin(x),
            Acos => libm::acos(x),
            Atan => libm::atan(x),
            Atan2 => libm::atan2(x, y),
            Sinh => libm::sinh(x),
            Cosh => libm::cosh(x),
            Tanh => libm::tanh(x),
            Fabs => libm::fabs(x),
            Floor => libm::floor(x),
            Ceil => libm::ceil(x),
            Round => libm::round(x),
            Trunc => libm::trunc(x),
            Fmod => libm::fmod(x, y),
            Hypot => libm::hypot(x, y),
            Fmin => libm::fmin(x, y),
            Fmax => libm::fmax(x, y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_function_is_found_by_its_name() {
        for (name, f) in MATH_FUNCTIONS {
            assert_eq!(MathFn::find(name), Some(f));
            assert_eq!(f.name(), name);
        }
        assert_eq!(MathFn::find("printf"), None);
    }

    #[test]
    fn values_are_ieee_exact_where_c_requires_it() {
        assert_eq!(MathFn::Sqrt.apply(2.0, 0.0), std::f64::consts::SQRT_2);
        assert_eq!(MathFn::Pow.apply(2.0, 10.0), 1024.0);
        assert_eq!(MathFn::Round.apply(-2.5, 0.0), -3.0);
        assert_eq!(MathFn::Fmod.apply(7.5, 2.0), 1.5);
        assert!(MathFn::Sqrt.apply(-1.0, 0.0).is_nan());
    }
}
