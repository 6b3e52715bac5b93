//! The flag and option words of the system calls and library functions, with the values of
//! x86-64 Linux's headers.

/// `open()`'s access-mode bits.
pub const O_ACCMODE: u32 = 3;
/// Open for reading only.
pub const O_RDONLY: u32 = 0;
/// Open for writing only.
pub const O_WRONLY: u32 = 1;
/// Open for reading and writing.
pub const O_RDWR: u32 = 2;
/// Create the file if it does not exist.
pub const O_CREAT: u32 = 0o100;
/// With O_CREAT: fail if it exists.
pub const O_EXCL: u32 = 0o200;
/// Empty a regular file opened for writing.
pub const O_TRUNC: u32 = 0o1000;
/// Every write goes to the end of the file.
pub const O_APPEND: u32 = 0o2000;
/// Fail unless the path is a directory.
pub const O_DIRECTORY: u32 = 0o200000;
/// open: fail (ELOOP) if the last component is a symbolic link; ProcLab has none.
pub const O_NOFOLLOW: u32 = 0o400000;
/// Close the descriptor on a successful exec.
pub const O_CLOEXEC: u32 = 0o2000000;

/// fcntl's command: duplicate a descriptor.
pub const F_DUPFD: u64 = 0;
/// fcntl's command: a descriptor's flags (FD_CLOEXEC).
pub const F_GETFD: u64 = 1;
/// fcntl's command: set a descriptor's flags.
pub const F_SETFD: u64 = 2;
/// fcntl's command: the open file description's status flags.
pub const F_GETFL: u64 = 3;
/// fcntl's command: set the status flags (O_APPEND).
pub const F_SETFL: u64 = 4;
/// fcntl's command: resize a pipe's buffer.
pub const F_SETPIPE_SZ: u64 = 1031;
/// fcntl's command: a pipe's buffer size.
pub const F_GETPIPE_SZ: u64 = 1032;
/// A descriptor flag: close on exec.
pub const FD_CLOEXEC: u64 = 1;
/// A status flag: non-blocking I/O.
pub const O_NONBLOCK: u32 = 0o4000;
/// The largest pipe an unprivileged process may ask for (/proc/sys/fs/pipe-max-size).
pub const PIPE_MAX_SIZE: u64 = 1 << 20;

/// lseek's `whence`: from the start of the file.
pub const SEEK_SET: u64 = 0;
/// lseek's `whence`: from the current offset.
pub const SEEK_CUR: u64 = 1;
/// lseek's `whence`: from the end of the file.
pub const SEEK_END: u64 = 2;

/// mmap's `prot`: no access.
pub const PROT_NONE: u64 = 0;
/// mmap's `prot`: readable.
pub const PROT_READ: u64 = 1;
/// mmap's `prot`: writable.
pub const PROT_WRITE: u64 = 2;
/// mmap's `flags`: changes are shared with every process mapping the same object.
pub const MAP_SHARED: u64 = 1;
/// mmap's `flags`: changes are private (copy-on-write).
pub const MAP_PRIVATE: u64 = 2;
/// mmap's `flags`: zero-filled memory backed by no file.
pub const MAP_ANONYMOUS: u64 = 0x20;

/// waitpid's option: return at once if no child has changed.
pub const WNOHANG: u64 = 1;
/// waitpid's option: report stopped children.
pub const WUNTRACED: u64 = 2;
/// waitpid's option: report continued children.
pub const WCONTINUED: u64 = 8;

/// sigprocmask's `how`: add the set to the mask.
pub const SIG_BLOCK: u64 = 0;
/// sigprocmask's `how`: remove the set from the mask.
pub const SIG_UNBLOCK: u64 = 1;
/// sigprocmask's `how`: the set becomes the mask.
pub const SIG_SETMASK: u64 = 2;

/// msgget's key for a queue with no key.
pub const IPC_PRIVATE: i32 = 0;
/// msgctl's command: remove the queue.
pub const IPC_RMID: u64 = 0;
/// msgget's flag: create the queue if the key has none.
pub const IPC_CREAT: u64 = 0o1000;
/// With IPC_CREAT: fail if the key exists.
pub const IPC_EXCL: u64 = 0o2000;
/// Fail with EAGAIN or ENOMSG instead of waiting.
pub const IPC_NOWAIT: u64 = 0o4000;
/// Truncate a message too long for the buffer instead of failing with E2BIG.
pub const MSG_NOERROR: u64 = 0o10000;

/// socketpair's domain: local (Unix) sockets.
pub const AF_UNIX: u64 = 1;
/// socketpair's type: a connected byte stream.
pub const SOCK_STREAM: u64 = 1;

/// sysconf's name: clock ticks per second of `times()` and `/proc`.
pub const SC_CLK_TCK: u64 = 2;
/// sysconf's name: the page size.
pub const SC_PAGESIZE: u64 = 30;
/// access's question: does the file exist?
pub const F_OK: u64 = 0;
/// access's question: may it be read?
pub const R_OK: u64 = 4;
/// access's question: may it be written?
pub const W_OK: u64 = 2;
/// access's question: may it be executed (or a directory searched)?
pub const X_OK: u64 = 1;
/// sysconf's name: the most bytes of arguments and environment exec takes.
pub const SC_ARG_MAX: u64 = 0;
/// sysconf's name: the most processes a user may have.
pub const SC_CHILD_MAX: u64 = 1;
/// sysconf's name: the most atexit handlers.
pub const SC_ATEXIT_MAX: u64 = 87;
/// sysconf's name: processors configured.
pub const SC_NPROCESSORS_CONF: u64 = 83;
/// sysconf's name: processors online.
pub const SC_NPROCESSORS_ONLN: u64 = 84;
/// What `sysconf(_SC_CLK_TCK)` answers on Linux (USER_HZ).
pub const USER_HZ: u64 = 100;

/// `d_type` of a `struct dirent`: unknown.
pub const DT_UNKNOWN: u8 = 0;
/// `d_type`: a FIFO.
pub const DT_FIFO: u8 = 1;
/// `d_type`: a character device.
pub const DT_CHR: u8 = 2;
/// `d_type`: a directory.
pub const DT_DIR: u8 = 4;
/// `d_type`: a regular file.
pub const DT_REG: u8 = 8;
/// `d_type`: a symbolic link.
pub const DT_LNK: u8 = 10;

/// `getrlimit`/`setrlimit`: the stack's size (`ulimit -s`).
pub const RLIMIT_STACK: u64 = 3;
/// `getrlimit`/`setrlimit`: the processes a user may have (`ulimit -u`).
pub const RLIMIT_NPROC: u64 = 6;
/// `RLIM_INFINITY`: no limit (`(rlim_t) -1`).
pub const RLIM_INFINITY: u64 = u64::MAX;

/// The umask every process has (`umask 022`, a login shell's usual one): the permission
/// bits a new file or FIFO does not get whatever mode it is created with.
pub const DEFAULT_UMASK: u32 = 0o022;

/// shmctl/msgctl: set the owner and permissions from the caller's `struct *id_ds`.
pub const IPC_SET: u64 = 1;
/// shmctl/msgctl: copy the object's `struct *id_ds` to the caller.
pub const IPC_STAT: u64 = 2;
/// shmat: attach read-only.
pub const SHM_RDONLY: u64 = 0o10000;
/// shmat: round a given address down to SHMLBA.
pub const SHM_RND: u64 = 0o20000;
/// semop: undo the operation when the process exits.
pub const SEM_UNDO: u64 = 0x1000;
/// semctl: the last process to change a semaphore.
pub const GETPID: u64 = 11;
/// semctl: a semaphore's value.
pub const GETVAL: u64 = 12;
/// semctl: every value of the set, into an array.
pub const GETALL: u64 = 13;
/// semctl: how many processes wait for a semaphore to grow.
pub const GETNCNT: u64 = 14;
/// semctl: how many processes wait for a semaphore to reach zero.
pub const GETZCNT: u64 = 15;
/// semctl: sets a semaphore's value.
pub const SETVAL: u64 = 16;
/// semctl: sets every value of the set from an array.
pub const SETALL: u64 = 17;
/// msync: schedule the write-back and return.
pub const MS_ASYNC: u64 = 1;
/// msync: drop other cached copies of the mapped file.
pub const MS_INVALIDATE: u64 = 2;
/// msync: write back and wait.
pub const MS_SYNC: u64 = 4;
