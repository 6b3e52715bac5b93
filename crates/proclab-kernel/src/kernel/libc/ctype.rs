//! `<ctype.h>` in the C locale, returning what glibc's build returns: the classification
//! functions give the class's bit from glibc's table (isalpha('a') is 1024, not 1), and
//! toupper/tolower map a byte read as a signed char (-128..-2) as its unsigned value.

use super::*;
use crate::narrow;

/// isupper's bit in glibc's table (`_ISupper` on a little-endian machine).
pub(super) const UPPER: u16 = 256;
/// islower's bit in glibc's table (`_ISlower` on a little-endian machine).
pub(super) const LOWER: u16 = 512;
/// isalpha's bit in glibc's table (`_ISalpha` on a little-endian machine).
pub(super) const ALPHA: u16 = 1024;
/// isdigit's bit in glibc's table (`_ISdigit` on a little-endian machine).
pub(super) const DIGIT: u16 = 2048;
/// isxdigit's bit in glibc's table (`_ISxdigit` on a little-endian machine).
pub(super) const XDIGIT: u16 = 4096;
/// isspace's bit in glibc's table (`_ISspace` on a little-endian machine).
pub(super) const SPACE: u16 = 8192;
/// isprint's bit in glibc's table (`_ISprint` on a little-endian machine).
pub(super) const PRINT: u16 = 16384;
/// isgraph's bit in glibc's table (`_ISgraph` on a little-endian machine).
pub(super) const GRAPH: u16 = 32768;
/// isblank's bit in glibc's table (`_ISblank` on a little-endian machine).
pub(super) const BLANK: u16 = 1;
/// iscntrl's bit in glibc's table (`_IScntrl` on a little-endian machine).
pub(super) const CNTRL: u16 = 2;
/// ispunct's bit in glibc's table (`_ISpunct` on a little-endian machine).
pub(super) const PUNCT: u16 = 4;
/// isalnum's bit in glibc's table (`_ISalnum` on a little-endian machine).
pub(super) const ALNUM: u16 = 8;

/// The C locale's classes of a character, as glibc's table holds them: only ASCII has any.
/// (A value outside -128..255 is undefined behaviour in C, where glibc reads outside its
/// table; ProcLab gives it no class.)
fn classes(c: i32) -> u16 {
    let Ok(b) = u8::try_from(c) else {
        return 0;
    };
    let mut bits = 0;
    let mut set = |on: bool, bit: u16| {
        if on {
            bits |= bit;
        }
    };
    set(b.is_ascii_uppercase(), UPPER);
    set(b.is_ascii_lowercase(), LOWER);
    set(b.is_ascii_alphabetic(), ALPHA);
    set(b.is_ascii_digit(), DIGIT);
    set(b.is_ascii_hexdigit(), XDIGIT);
    set(matches!(b, b' ' | b'\t'..=b'\r'), SPACE);
    set(matches!(b, b' '..=b'~'), PRINT);
    set(b.is_ascii_graphic(), GRAPH);
    set(matches!(b, b' ' | b'\t'), BLANK);
    set(b.is_ascii_control(), CNTRL);
    set(b.is_ascii_punctuation(), PUNCT);
    set(b.is_ascii_alphanumeric(), ALNUM);
    bits
}

/// isalpha(c), isdigit(c), …: the class bit `CLASS` if `c` has it, else 0.
pub(super) fn sys_is<const CLASS: u16>(_: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(classes(c.int(0)) & CLASS)))
}

/// Maps `c` as glibc's toupper/tolower tables do: EOF and values outside -128..255 unchanged,
/// -128..-2 as the byte's unsigned value, a byte through `map`.
fn map_case(c: i32, map: fn(&u8) -> u8) -> i32 {
    match c {
        -128..=-2 => c + 256,
        0..=255 => i32::from(map(&narrow::int_byte(c))),
        _ => c,
    }
}

/// toupper(c).
pub(super) fn sys_toupper(_: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(
        map_case(c.int(0), u8::to_ascii_uppercase) as i64 as u64,
    ))
}

/// tolower(c).
pub(super) fn sys_tolower(_: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(
        map_case(c.int(0), u8::to_ascii_lowercase) as i64 as u64,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_are_glibcs_bits_in_the_c_locale() {
        assert_eq!(
            classes(i32::from(b'a')),
            LOWER | ALPHA | XDIGIT | PRINT | GRAPH | ALNUM
        );
        assert_eq!(classes(i32::from(b'\t')), SPACE | BLANK | CNTRL);
        assert_eq!(classes(i32::from(b'_')), PUNCT | PRINT | GRAPH);
        assert_eq!(classes(200), 0);
        assert_eq!(classes(-1), 0);
    }

    #[test]
    fn case_maps_read_a_negative_char_as_its_byte() {
        assert_eq!(map_case(-50, u8::to_ascii_uppercase), 206);
        assert_eq!(map_case(-1, u8::to_ascii_uppercase), -1);
        assert_eq!(map_case(1000, u8::to_ascii_lowercase), 1000);
        assert_eq!(
            map_case(i32::from(b'q'), u8::to_ascii_uppercase),
            i32::from(b'Q')
        );
    }
}
