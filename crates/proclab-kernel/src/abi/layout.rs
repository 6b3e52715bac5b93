//! Where things are: the x86-64 Linux address-space layout, the structs the library shares
//! with C programs as glibc lays them out, and the C runtime's own data at the start of bss.
//!
//! ```text
//! 0xffff800000000000+  kernel        (no user access)
//! 0x7ffffffff000       stack top     (grows down, up to 8 MiB)
//!                      mmap area     (grows down from below the stack's reserve)
//!                      … gap …
//!                      heap          (grows up with brk)
//!                      bss, data, rodata
//! 0x400000             text
//! ```

/// Where the text segment starts, as in a non-PIE x86-64 Linux executable.
pub const TEXT_BASE: u64 = 0x40_0000;
/// The top of the user stack.
pub const STACK_TOP: u64 = 0x7fff_ffff_f000;
/// The most a stack may ever grow (Linux's default RLIMIT_STACK, 8 MiB): the room the
/// layout reserves below the stack top. A scenario's own limit may be lower.
pub const STACK_LIMIT: u64 = 8 << 20;
/// The top of the mmap area, below the stack's reserve and a guard gap.
pub const MMAP_TOP: u64 = STACK_TOP - STACK_LIMIT - (1 << 20);
/// The first kernel address; user mode cannot touch anything from here up.
pub const KERNEL_BASE: u64 = 0xffff_8000_0000_0000;
/// The size of a page in the default layout.
pub const DEFAULT_PAGE_SIZE: u64 = 4096;

/// The bytes of the signal frame ProcLab pushes before running a handler: the 8 general
/// registers, pc, the signal mask, the signal number and the return address into the
/// sigreturn trampoline, 8 bytes each. (Linux's `rt_sigframe` also holds a `siginfo_t` and
/// the whole `ucontext_t`, about a kilobyte on x86-64.)
pub const SIGNAL_FRAME_BYTES: u64 = 12 * 8;

/// `sizeof(struct rlimit)`: `rlim_cur` then `rlim_max`, 8 bytes each.
pub const RLIMIT_SIZE: u64 = 16;

/// `sizeof(struct sigaction)`.
pub const SIGACTION_SIZE: u64 = 152;
/// `sa_handler` (and `sa_sigaction`) in `struct sigaction`.
pub const SA_HANDLER: u64 = 0;
/// `sa_mask` in `struct sigaction`.
pub const SA_MASK: u64 = 8;
/// `sa_flags` in `struct sigaction`.
pub const SA_FLAGS: u64 = 136;
/// `sa_restorer` in `struct sigaction`.
pub const SA_RESTORER: u64 = 144;
/// `sizeof(sigset_t)`: 1024 signal bits.
pub const SIGSET_SIZE: u64 = 128;
/// `sizeof(struct dirent)`.
pub const DIRENT_SIZE: u64 = 280;
/// `sizeof(struct stat)`.
pub const STAT_SIZE: u64 = 144;

/// Offset of `errno` in bss.
pub const ERRNO_OFFSET: u64 = 0;
/// Offset of stdout's buffering mode in bss (a byte in errno's padding): 0 until its first
/// write, then 1 for line buffering (a terminal) or 2 for full buffering, as glibc decides
/// once, at the stream's first use.
pub const STDOUT_MODE_OFFSET: u64 = 4;
/// Offset of stdout's buffered length in bss.
pub const STDOUT_LEN_OFFSET: u64 = 8;
/// Offset of stdout's buffer in bss.
pub const STDOUT_BUF_OFFSET: u64 = 16;
/// Bytes in stdout's buffer (glibc's for a pipe; a terminal flushes at each newline).
pub const STDOUT_BUFFER: u64 = 4096;
/// Offset of rand()'s state in bss: a seeded flag, the ring position, and 34 words.
pub const RAND_OFFSET: u64 = STDOUT_BUF_OFFSET + STDOUT_BUFFER;
/// Bytes of rand()'s state.
pub const RAND_STATE: u64 = 8 + 34 * 4;
/// Offset of atexit's state in bss: how many handlers, the pending exit code, the handlers.
pub const ATEXIT_OFFSET: u64 = RAND_OFFSET + RAND_STATE;
/// The most atexit handlers (POSIX requires at least 32).
pub const ATEXIT_MAX: u64 = 32;
/// Bytes of atexit's state.
pub const ATEXIT_STATE: u64 = 16 + 8 * ATEXIT_MAX;
/// Offset of strerror()'s messages in bss: a slot per errno value this kernel reports (as
/// glibc's messages, each at its own address), then one for "Unknown error N" (glibc's
/// buffer for those).
pub const STRERROR_OFFSET: u64 = ATEXIT_OFFSET + ATEXIT_STATE;
/// Bytes of one strerror() slot: the longest message and its NUL fit.
pub const STRERROR_SLOT: u64 = 48;
/// Bytes of strerror()'s slots.
pub const STRERROR_STATE: u64 = STRERROR_SLOT * (super::errno::Errno::ALL.len() as u64 + 1);
/// Offset of `environ` in bss: the environment's array once setenv, unsetenv or putenv has
/// made one; 0 while it is still the one exec put on the stack.
pub const ENVIRON_OFFSET: u64 = STRERROR_OFFSET + STRERROR_STATE;
/// Offset of strsignal()'s messages in bss: a slot for each standard signal's (glibc
/// returns a string of its own for each), and slot 0, the buffer the others share.
pub const STRSIGNAL_OFFSET: u64 = ENVIRON_OFFSET + 8;
/// Bytes of one strsignal() slot.
pub const STRSIGNAL_SLOT: u64 = 32;
/// Bytes of strsignal()'s slots.
pub const STRSIGNAL_STATE: u64 = STRSIGNAL_SLOT * 32;
/// Offset of the list of open streams in bss: the newest FILE that fopen or fdopen made
/// (each links to the one before), which exit() and fflush(NULL) flush.
pub const STREAMS_OFFSET: u64 = STRSIGNAL_OFFSET + STRSIGNAL_STATE;
/// Offset of stdin's FILE in bss (laid out as a FILE below; its descriptor, 0, is bss's
/// zero).
pub const STDIN_FILE_OFFSET: u64 = STREAMS_OFFSET + 8;
/// Bytes of bss the C runtime reserves before the program's own: errno, stdout's buffered
/// length and its buffer, rand()'s state, atexit's handlers, strerror()'s messages,
/// `environ`, strsignal()'s messages, the list of streams, then stdin's FILE.
pub const RUNTIME_BSS: u64 = STDIN_FILE_OFFSET + FILE_SIZE;

/// A FILE, as fopen and fdopen malloc it (and stdin's in bss): its descriptor (4 bytes),
/// its flags (4 bytes), then words for its buffering mode, the bytes waiting to be
/// written, the read window's start and end, the next stream in the list, then its buffer.
pub const FILE_FD: u64 = 0;
/// Offset of a FILE's flags: [`FILE_READ`], [`FILE_WRITE`], [`FILE_EOF`], [`FILE_ERROR`].
pub const FILE_FLAGS: u64 = 4;
/// Offset of a FILE's buffering mode: 0 until its first write, then 1 (by line), 2 (fully)
/// or 3 (unbuffered), as stdout's.
pub const FILE_MODE: u64 = 8;
/// Offset of the count of bytes in a FILE's buffer waiting to be written.
pub const FILE_WLEN: u64 = 16;
/// Offset of where the unread bytes in a FILE's buffer start.
pub const FILE_RPOS: u64 = 24;
/// Offset of where the unread bytes in a FILE's buffer end.
pub const FILE_RLEN: u64 = 32;
/// Offset of the next stream in the list of open streams.
pub const FILE_NEXT: u64 = 40;
/// Offset of a FILE's buffer.
pub const FILE_BUF: u64 = 48;
/// Bytes in a FILE's buffer (glibc's for a file: its block size).
pub const FILE_BUFFER: u64 = 4096;
/// `sizeof` a FILE here.
pub const FILE_SIZE: u64 = FILE_BUF + FILE_BUFFER;
/// A FILE's flag: it was opened for reading.
pub const FILE_READ: u32 = 1;
/// A FILE's flag: it was opened for writing.
pub const FILE_WRITE: u32 = 2;
/// A FILE's flag: a read met the end of the file (feof).
pub const FILE_EOF: u32 = 4;
/// A FILE's flag: a read or write failed (ferror).
pub const FILE_ERROR: u32 = 8;

/// The environment the first process starts with (a login's, for the simulated user), and
/// every process inherits unless exec is given another.
pub const DEFAULT_ENVIRONMENT: &[&str] = &[
    "HOME=/home/student",
    "LOGNAME=student",
    "PATH=/bin",
    "PWD=/home/student",
    "SHELL=/bin/sh",
    "TERM=xterm",
    "USER=student",
];

/// Bytes of malloc's header before each block: its size and whether it is in use.
pub const MALLOC_HEADER: u64 = 16;
/// Where a `DIR` (malloc'd by opendir) keeps its `struct dirent`, after the directory's
/// descriptor.
pub const DIR_DIRENT: u64 = 16;
