//! Narrowing conversions, the machine's only ones: C's conversion of a 64-bit guest value
//! to a narrower integer type (its low bytes, read as two's complement for a signed type, as
//! gcc's x86-64 code does), and a guest size or offset made a host index. Only here may the
//! machine cast to a narrower type, so clippy's `cast_possible_truncation`, denied for the
//! machine, catches every other narrowing, and a run is the same on a 64-bit host (the CLI)
//! and a 32-bit one (the page). (Plain casts, which the VM's hot path needs: they compile to
//! nothing, where taking bytes apart costs the page, built for size, real time.)
#![expect(
    clippy::cast_possible_truncation,
    reason = "keeping the low bits is the point of each conversion here"
)]

/// The low byte: C's `(unsigned char) v`.
pub fn low_u8(v: u64) -> u8 {
    v as u8
}

/// The low byte as signed: C's `(signed char) v`.
pub fn low_i8(v: u64) -> i8 {
    v as i8
}

/// The low two bytes: C's `(unsigned short) v`.
pub fn low_u16(v: u64) -> u16 {
    v as u16
}

/// The low two bytes as signed: C's `(short) v`.
pub fn low_i16(v: u64) -> i16 {
    v as i16
}

/// The low four bytes: C's `(unsigned int) v`.
pub fn low_u32(v: u64) -> u32 {
    v as u32
}

/// The low four bytes as signed: C's `(int) v`.
pub fn low_i32(v: u64) -> i32 {
    v as i32
}

/// The low byte of a C `int`: what `fputc`, `memset` and `ungetc` store of their
/// character argument.
pub fn int_byte(c: i32) -> u8 {
    c as u8
}

/// A guest size, offset or index as the host's `usize`. On a 32-bit host (the page) a value
/// past 4 GiB saturates rather than wrapping, so it stays too large for any buffer, as it
/// is on a 64-bit host, and both runs take the same path.
pub fn host_index(v: u64) -> usize {
    usize::try_from(v).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrowing_keeps_the_low_bytes_as_c_does() {
        let v = 0x1234_5678_9abc_def0_u64;
        assert_eq!(low_u8(v), 0xf0);
        assert_eq!(low_i8(v), -16);
        assert_eq!(low_u16(v), 0xdef0);
        assert_eq!(low_i16(v), 0xdef0_u16 as i16);
        assert_eq!(low_u32(v), 0x9abc_def0);
        assert_eq!(low_i32(v), 0x9abc_def0_u32 as i32);
        assert_eq!(low_i32(u64::MAX), -1);
        assert_eq!(int_byte(-1), 0xff);
        assert_eq!(int_byte(0x141), 0x41);
    }

    #[test]
    fn a_guest_index_past_the_host_saturates() {
        assert_eq!(host_index(4096), 4096);
        if usize::BITS == 32 {
            assert_eq!(host_index(1 << 32), usize::MAX);
        } else {
            assert_eq!(host_index(1 << 32), 1 << 32);
        }
    }
}
