//! What the system headers declare besides functions and constants: typedef names, and the
//! structs the library's calls take, laid out as glibc lays them out on x86-64 Linux.

use std::rc::Rc;

use proclab_kernel::abi::layout::{
    DIRENT_SIZE, RLIMIT_SIZE, SA_FLAGS, SA_HANDLER, SA_MASK, SA_RESTORER, SIGACTION_SIZE,
    SIGSET_SIZE, STAT_SIZE,
};

use super::types::{CHAR, CType, Field, INT, LONG, StructDef, ULONG};

/// `sigset_t`: 1024 signal bits in sixteen words.
fn sigset() -> CType {
    let val = CType::Array(Box::new(ULONG), 16);
    CType::Struct(Rc::new(StructDef::with_layout(
        "__sigset_t",
        vec![field("__val", val, 0)],
        SIGSET_SIZE,
        8,
    )))
}

fn field(name: &str, ty: CType, offset: u64) -> Field {
    Field {
        name: name.to_owned(),
        ty,
        offset,
    }
}

/// The typedef names of `<sys/types.h>`, `<signal.h>`, `<dirent.h>` and `<stdio.h>`.
pub fn typedefs() -> Vec<(&'static str, CType)> {
    let uint = CType::Int {
        size: 4,
        signed: false,
    };
    let opaque = |tag: &str| CType::Struct(Rc::new(StructDef::incomplete(tag)));
    let int = |size: u8, signed: bool| CType::Int { size, signed };
    vec![
        ("int8_t", int(1, true)),
        ("u_char", int(1, false)),
        ("ushort", int(2, false)),
        ("u_short", int(2, false)),
        ("uint", uint.clone()),
        ("u_int", uint.clone()),
        ("ulong", ULONG),
        ("u_long", ULONG),
        ("uint8_t", int(1, false)),
        ("int16_t", int(2, true)),
        ("uint16_t", int(2, false)),
        ("int32_t", INT),
        ("uint32_t", uint.clone()),
        ("int64_t", LONG),
        ("uint64_t", ULONG),
        ("intptr_t", LONG),
        ("uintptr_t", ULONG),
        ("intmax_t", LONG),
        ("uintmax_t", ULONG),
        ("ptrdiff_t", LONG),
        ("sig_atomic_t", INT),
        ("clock_t", LONG),
        ("suseconds_t", LONG),
        ("useconds_t", uint.clone()),
        ("socklen_t", uint.clone()),
        ("id_t", uint.clone()),
        ("clockid_t", INT),
        // <stdarg.h>'s va_list: ProcLab passes every argument in an 8-byte stack slot, so
        // a pointer that walks the slots is all it needs (glibc's is a one-element array).
        ("va_list", CHAR.ptr_to()),
        ("__gnuc_va_list", CHAR.ptr_to()),
        ("pid_t", INT),
        ("uid_t", uint.clone()),
        ("gid_t", uint.clone()),
        ("mode_t", uint),
        ("size_t", ULONG),
        ("ssize_t", LONG),
        ("off_t", LONG),
        ("time_t", LONG),
        ("rlim_t", ULONG),
        ("key_t", INT),
        ("sigset_t", sigset()),
        ("DIR", opaque("__dirstream")),
        ("FILE", opaque("_IO_FILE")),
    ]
}

/// `struct sigaction`, `struct dirent`, `struct stat` and `struct rlimit`.
pub fn structs() -> Vec<Rc<StructDef>> {
    let handler = CType::Void.ptr_to();
    let sigaction = StructDef::with_layout(
        "sigaction",
        vec![
            field("sa_handler", handler.clone(), SA_HANDLER),
            field("sa_sigaction", handler.clone(), SA_HANDLER),
            field("sa_mask", sigset(), SA_MASK),
            field("sa_flags", INT, SA_FLAGS),
            field("sa_restorer", handler, SA_RESTORER),
        ],
        SIGACTION_SIZE,
        8,
    );
    let dirent = StructDef::with_layout(
        "dirent",
        vec![
            field("d_ino", ULONG, 0),
            field("d_off", LONG, 8),
            field(
                "d_reclen",
                CType::Int {
                    size: 2,
                    signed: false,
                },
                16,
            ),
            field(
                "d_type",
                CType::Int {
                    size: 1,
                    signed: false,
                },
                18,
            ),
            field("d_name", CType::Array(Box::new(CHAR), 256), 19),
        ],
        DIRENT_SIZE,
        8,
    );
    let uint = CType::Int {
        size: 4,
        signed: false,
    };
    let stat = StructDef::with_layout(
        "stat",
        vec![
            field("st_dev", ULONG, 0),
            field("st_ino", ULONG, 8),
            field("st_nlink", ULONG, 16),
            field("st_mode", uint.clone(), 24),
            field("st_uid", uint.clone(), 28),
            field("st_gid", uint, 32),
            field("st_rdev", ULONG, 40),
            field("st_size", LONG, 48),
            field("st_blksize", LONG, 56),
            field("st_blocks", LONG, 64),
            field("st_atime", LONG, 72),
            field("st_mtime", LONG, 88),
            field("st_ctime", LONG, 104),
        ],
        STAT_SIZE,
        8,
    );
    let rlimit = StructDef::with_layout(
        "rlimit",
        vec![field("rlim_cur", ULONG, 0), field("rlim_max", ULONG, 8)],
        RLIMIT_SIZE,
        8,
    );
    vec![
        Rc::new(sigaction),
        Rc::new(dirent),
        Rc::new(stat),
        Rc::new(rlimit),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_structs_have_glibcs_sizes() {
        let size = |tag: &str| {
            structs()
                .into_iter()
                .find(|s| s.tag == tag)
                .map(|s| CType::Struct(s).size())
        };
        assert_eq!(size("sigaction"), Some(152));
        assert_eq!(size("dirent"), Some(DIRENT_SIZE));
        assert_eq!(size("stat"), Some(STAT_SIZE));
        assert_eq!(sigset().size(), 128);
    }
}
