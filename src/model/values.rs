//! What a page holds, read as a debugger would (no faults): the values of the program's
//! global variables, and the non-zero 4-byte words of a page with no named variables.

use proclab_kernel::float_text::{self, Style};
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// The most words [`words`] lists.
pub const MOST_WORDS: usize = 6;

/// The longest string a `char` array shows.
const MOST_CHARS: u64 = 40;

/// The bytes at `addr`, or None where no page is present.
fn bytes(kernel: &Kernel, pid: Pid, addr: u64, len: u64) -> Option<Vec<u8>> {
    (0..len).map(|i| kernel.peek(pid, addr + i)).collect()
}

/// A little-endian integer of `len` bytes at `addr`, sign-extended when `signed`.
fn integer(kernel: &Kernel, pid: Pid, addr: u64, len: u64, signed: bool) -> Option<i128> {
    let raw = bytes(kernel, pid, addr, len)?;
    let value = raw
        .iter()
        .rev()
        .fold(0u128, |v, &b| (v << 8) | u128::from(b));
    let bits = 8 * len as u32;
    let negative = signed && value >> (bits - 1) & 1 == 1;
    Some(if negative {
        value as i128 - (1i128 << bits)
    } else {
        value as i128
    })
}

/// The value of a variable of C type `ty` (as the compiler names it: `int`, `unsigned
/// long`, `double`, `char *`, `char [32]`…) at `addr`: a number, an address, a string; None for a
/// type shown by name only (structs, other arrays) or memory not present.
pub fn value_of(kernel: &Kernel, pid: Pid, addr: u64, ty: &str) -> Option<String> {
    if ty.ends_with('*') {
        return integer(kernel, pid, addr, 8, false).map(|v| format!("{v:#x}"));
    }
    if let Some(len) = ty.strip_prefix("char [").and_then(|n| n.strip_suffix(']')) {
        let len = len.parse::<u64>().ok()?.min(MOST_CHARS);
        let raw = bytes(kernel, pid, addr, len)?;
        let text: String = raw
            .iter()
            .take_while(|&&b| b != 0)
            .map(|&b| char::from(b))
            .collect();
        return Some(format!("{text:?}"));
    }
    if let Some(text) = floating(kernel, pid, addr, ty) {
        return text;
    }
    let (signed, base) = match ty.strip_prefix("unsigned ") {
        Some(base) => (false, base),
        None => (true, ty),
    };
    let len = match base {
        "char" => 1,
        "short" => 2,
        "int" => 4,
        "long" => 8,
        _ => return None,
    };
    integer(kernel, pid, addr, len, signed).map(|v| v.to_string())
}

/// A `double` or `float` at `addr` as printf's `%g` writes it (None for other types, and
/// `Some(None)` when memory is not present).
fn floating(kernel: &Kernel, pid: Pid, addr: u64, ty: &str) -> Option<Option<String>> {
    let value = match ty {
        "double" => integer(kernel, pid, addr, 8, false).map(|bits| f64::from_bits(bits as u64)),
        "float" => {
            integer(kernel, pid, addr, 4, false).map(|bits| f64::from(f32::from_bits(bits as u32)))
        }
        _ => return None,
    };
    Some(value.map(|v| {
        let sign = if v.is_sign_negative() { "-" } else { "" };
        let digits = float_text::text(v, Style::General, 6, false, false);
        format!("{sign}{}", String::from_utf8_lossy(&digits))
    }))
}

/// The first non-zero 4-byte words of the page at `start` (as ints), with their addresses.
pub fn words(kernel: &Kernel, pid: Pid, start: u64, page_size: u64) -> Vec<(u64, i32)> {
    (start..start + page_size)
        .step_by(4)
        .filter_map(|at| Some((at, integer(kernel, pid, at, 4, true)? as i32)))
        .filter(|&(_, v)| v != 0)
        .take(MOST_WORDS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::runner::c_scenario;
    use proclab_kernel::scenario::Settings;
    use proclab_kernel::timeline::Timeline;

    const SOURCE: &str = "#include <sys/mman.h>\nint n = -7;\nunsigned char u = 200;\nlong big = \
                          5000000000;\nchar name[8] = \"ada\";\nchar *p;\ndouble ratio = -0.125;\nfloat third = 1.0f / 3;\nint main(void) \
                          {\n  p = name;\n  int *shared = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | \
                          MAP_ANONYMOUS, -1, 0);\n  shared[0] = 141;\n  shared[3] = -1;\n  \
                          return 0;\n}\n";

    fn at_end() -> (Kernel, Vec<(String, u64, String)>) {
        let t =
            Timeline::record(&c_scenario("v.c", SOURCE, Settings::default()).expect("compiles"))
                .expect("boots");
        let before_exit = (1..=t.len())
            .rev()
            .find(|&n| {
                t.state_at(n)
                    .process(2)
                    .is_some_and(|p| p.state().is_alive() && !p.memory.page_table.is_empty())
            })
            .expect("P2 runs");
        let k = t.state_at(before_exit);
        let globals = k
            .process(2)
            .and_then(|p| p.program.debug.clone())
            .expect("C")
            .globals;
        (k, globals)
    }

    #[test]
    fn globals_read_as_their_type_says() {
        let (k, globals) = at_end();
        let value = |name: &str| {
            let (_, addr, ty) = globals
                .iter()
                .find(|(n, _, _)| n == name)
                .expect("a global");
            value_of(&k, 2, *addr, ty)
        };
        assert_eq!(value("n").as_deref(), Some("-7"));
        assert_eq!(value("u").as_deref(), Some("200"));
        assert_eq!(value("big").as_deref(), Some("5000000000"));
        assert_eq!(value("name").as_deref(), Some("\"ada\""));
        assert_eq!(value("ratio").as_deref(), Some("-0.125"));
        assert_eq!(value("third").as_deref(), Some("0.333333"));
        let name_at = globals
            .iter()
            .find(|(n, _, _)| n == "name")
            .map(|g| g.1)
            .expect("name");
        assert_eq!(value("p"), Some(format!("{name_at:#x}")));
    }

    #[test]
    fn a_page_without_variables_shows_its_non_zero_words() {
        let (k, _) = at_end();
        let space = &k.process(2).expect("P2").memory;
        let vma = space
            .vmas
            .iter()
            .find(|v| v.shared)
            .expect("the shared mapping");
        let got = words(&k, 2, vma.start, space.page_size);
        assert_eq!(got, [(vma.start, 141), (vma.start + 12, -1)]);
    }
}
