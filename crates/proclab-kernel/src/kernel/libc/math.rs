//! `<math.h>`'s functions (see [`crate::abi::math`]): doubles in, a double out, with
//! glibc's errno for a domain error (a NaN from numbers: EDOM) and a pole or an overflow
//! (an infinity from finite numbers: ERANGE).

use super::*;
use crate::float::{self, DEFAULT_NAN};

/// Runs the math function the call names on its double arguments.
pub(super) fn sys_math(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let LibFn::Math(f) = c.function else {
        return Err(Errno::ENOSYS.into());
    };
    let (x, y) = (c.arg(0), c.arg(1));
    let operands = &[x, y][..f.arity()];
    let v = f.apply(f64::from_bits(x), f64::from_bits(y));
    let numbers = operands.iter().all(|&o| !f64::from_bits(o).is_nan());
    let finite = operands.iter().all(|&o| f64::from_bits(o).is_finite());
    if v.is_nan() && numbers {
        k.set_errno(c.pid, Errno::EDOM, events)?;
        return Ok(Done::Return(DEFAULT_NAN));
    }
    if v.is_infinite() && finite {
        k.set_errno(c.pid, Errno::ERANGE, events)?;
    }
    Ok(Done::Return(float::result(v, operands)))
}
