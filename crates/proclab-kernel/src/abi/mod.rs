//! The ABI: every number and layout that the C headers, the C library, the kernel and the
//! views share, as x86-64 Linux and glibc define them. Each value is written here once; the
//! C front end takes its headers' constants from [`headers::constant`], the kernel and the
//! library read the same items by name.
//!
//! - [`errno`]: error numbers and glibc's messages for them.
//! - [`signal`]: signal numbers and names, `sa_flags`, dispositions.
//! - [`flags`]: the flag and option words of the calls (open, mmap, waitpid, sigprocmask,
//!   System V IPC, sysconf, dirent types, lseek).
//! - [`layout`]: where things are: the address-space layout, the structs the library shares
//!   with C (`struct stat`, `struct dirent`, `struct sigaction`) and the C runtime's own data
//!   in bss.
//! - [`ipc_ds`]: the System V IPC status structs (`struct ipc_perm`, `msqid_ds`,
//!   `shmid_ds`, `semid_ds`).
//! - [`headers`]: the names a C program may use for all of these.
//! - [`math`]: `<math.h>`'s functions.
//! - [`unsimulated`]: the functions declared but not simulated (they fail with ENOSYS).

pub mod errno;
pub mod flags;
pub mod headers;
pub mod ipc_ds;
pub mod layout;
pub mod math;
pub mod signal;
pub mod unsimulated;
