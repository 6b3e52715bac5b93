//! scanf's family: scanf (stdin), fscanf (a stream) and sscanf (a string), reading as
//! [`crate::scanf`] does and storing each value through its pointer argument. A stream's
//! scan takes nothing until the input decides it: on an empty pipe the call sleeps and is
//! made again, as glibc's blocks in read.

use std::cell::RefCell;

use super::*;
use crate::float::{self, FloatOp};
use crate::narrow;
use crate::scanf::{self, Ending, Scan, Value};

/// scanf(format, ...): from stdin.
pub(super) fn sys_scanf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    scan_stream(k, c, 0, c.arg(0), 1, events)
}

/// fscanf(stream, format, ...).
pub(super) fn sys_fscanf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    scan_stream(k, c, c.arg(0), c.arg(1), 2, events)
}

/// sscanf(string, format, ...): the string is all the input.
pub(super) fn sys_sscanf(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let input = k.string(c.pid, c.arg(0), events)?;
    let format = k.string(c.pid, c.arg(1), events)?;
    store(k, c, &scanf::scan(&format, &input, true), 2, events)
}

/// Scans a stream by the format at `format`; the pointers start at argument `first`.
fn scan_stream(
    k: &mut Kernel,
    c: &Call,
    stream: u64,
    format: u64,
    first: usize,
    events: &mut Vec<Event>,
) -> Sys {
    let format = k.string(c.pid, format, events)?;
    let file = k.readable_stream(c.pid, stream, events)?;
    let decided = RefCell::new(None);
    let taken = k.take_when(c.pid, file, events, |window, at_end| {
        let scan = scanf::scan(&format, window, at_end);
        let consumed = scan.consumed;
        (scan.ending != Ending::NeedMore).then(|| {
            *decided.borrow_mut() = Some(scan);
            consumed
        })
    })?;
    match (taken, decided.into_inner()) {
        (Some(_), Some(scan)) => store(k, c, &scan, first, events),
        _ => Ok(Done::Retry(k.stream_channel(c.pid, file, events)?)),
    }
}

/// Stores what a scan read through the pointer arguments from `first` on; returns how many
/// conversions assigned, or EOF when the input ended before the first.
fn store(k: &mut Kernel, c: &Call, scan: &Scan, first: usize, events: &mut Vec<Event>) -> Sys {
    for (index, value) in &scan.values {
        let at = c.arg(first + index);
        let bytes = match value {
            Value::Int(v, size) => v.to_le_bytes()[..usize::from(*size)].to_vec(),
            Value::Float(v, 4) => {
                let bits = narrow::low_u32(float::apply(FloatOp::Narrow, v.to_bits()));
                bits.to_le_bytes().to_vec()
            }
            Value::Float(v, _) => v.to_bits().to_le_bytes().to_vec(),
            Value::Bytes(b) => b.clone(),
        };
        k.store(c.pid, at, &bytes, events)?;
    }
    Ok(Done::Return(if scan.ending == Ending::NoInput {
        MINUS_ONE_INT
    } else {
        scan.assigned
    }))
}
