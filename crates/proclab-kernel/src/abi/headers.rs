//! The names the system headers define as constants, with their values from this ABI: what
//! a C program's `O_CREAT`, `WNOHANG`, `SIGCHLD` or `ENOENT` means.

use super::errno::Errno;
use super::flags::*;
use super::signal::{
    self, SA_NOCLDSTOP, SA_NODEFER, SA_RESETHAND, SA_RESTART, SIG_DFL, SIG_ERR, SIG_IGN,
};

/// The C type of a header constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConstantType {
    /// `int`.
    Int,
    /// `void *` (NULL, the standard streams, SIG_DFL, MAP_FAILED, …).
    Pointer,
}

/// Names defined as `int` constants, besides the errno and signal numbers.
const INT_CONSTANTS: &[(&str, u64)] = &[
    ("STDIN_FILENO", 0),
    ("STDOUT_FILENO", 1),
    ("STDERR_FILENO", 2),
    ("EXIT_SUCCESS", 0),
    ("EXIT_FAILURE", 1),
    ("_IOFBF", 0),
    ("_IOLBF", 1),
    ("_IONBF", 2),
    ("BUFSIZ", 8192),
    ("NSIG", 65),
    ("S_IFMT", 0o170000),
    ("S_IFSOCK", 0o140000),
    ("S_IFLNK", 0o120000),
    ("S_IFREG", 0o100000),
    ("S_IFBLK", 0o060000),
    ("S_IFDIR", 0o040000),
    ("S_IFCHR", 0o020000),
    ("S_IFIFO", 0o010000),
    ("_NSIG", 65),
    ("EOF", u64::MAX),
    ("WNOHANG", WNOHANG),
    ("RLIMIT_STACK", RLIMIT_STACK),
    ("RLIMIT_NPROC", RLIMIT_NPROC),
    ("RLIM_INFINITY", RLIM_INFINITY),
    ("WUNTRACED", WUNTRACED),
    ("WCONTINUED", WCONTINUED),
    ("SA_NOCLDSTOP", SA_NOCLDSTOP as u64),
    ("SA_RESTART", SA_RESTART as u64),
    ("SA_NODEFER", SA_NODEFER as u64),
    ("SA_RESETHAND", SA_RESETHAND as u64),
    ("PROT_NONE", PROT_NONE),
    ("PROT_READ", PROT_READ),
    ("PROT_WRITE", PROT_WRITE),
    ("MAP_SHARED", MAP_SHARED),
    ("MAP_PRIVATE", MAP_PRIVATE),
    ("MAP_ANONYMOUS", MAP_ANONYMOUS),
    ("MAP_ANON", MAP_ANONYMOUS),
    ("O_ACCMODE", O_ACCMODE as u64),
    ("O_RDONLY", O_RDONLY as u64),
    ("O_WRONLY", O_WRONLY as u64),
    ("O_RDWR", O_RDWR as u64),
    ("O_CREAT", O_CREAT as u64),
    ("O_EXCL", O_EXCL as u64),
    ("O_TRUNC", O_TRUNC as u64),
    ("O_APPEND", O_APPEND as u64),
    ("O_DIRECTORY", O_DIRECTORY as u64),
    ("O_NOFOLLOW", O_NOFOLLOW as u64),
    ("O_CLOEXEC", O_CLOEXEC as u64),
    ("O_NONBLOCK", O_NONBLOCK as u64),
    ("F_DUPFD", F_DUPFD),
    ("F_GETFD", F_GETFD),
    ("F_SETFD", F_SETFD),
    ("F_GETFL", F_GETFL),
    ("F_SETFL", F_SETFL),
    ("F_SETPIPE_SZ", F_SETPIPE_SZ),
    ("F_GETPIPE_SZ", F_GETPIPE_SZ),
    ("FD_CLOEXEC", FD_CLOEXEC),
    ("PIPE_BUF", crate::pipe::PIPE_BUF as u64),
    ("SEEK_SET", SEEK_SET),
    ("SEEK_CUR", SEEK_CUR),
    ("SEEK_END", SEEK_END),
    ("DT_UNKNOWN", DT_UNKNOWN as u64),
    ("DT_FIFO", DT_FIFO as u64),
    ("DT_CHR", DT_CHR as u64),
    ("DT_DIR", DT_DIR as u64),
    ("DT_REG", DT_REG as u64),
    ("DT_LNK", DT_LNK as u64),
    ("S_IRWXU", 0o700),
    ("S_IRUSR", 0o400),
    ("S_IWUSR", 0o200),
    ("S_IXUSR", 0o100),
    ("S_IRWXG", 0o70),
    ("S_IRGRP", 0o40),
    ("S_IWGRP", 0o20),
    ("S_IXGRP", 0o10),
    ("S_IRWXO", 0o7),
    ("S_IROTH", 0o4),
    ("S_IWOTH", 0o2),
    ("S_IXOTH", 0o1),
    ("AF_UNIX", AF_UNIX),
    ("AF_LOCAL", AF_UNIX),
    ("PF_UNIX", AF_UNIX),
    ("PF_LOCAL", AF_UNIX),
    ("SOCK_STREAM", SOCK_STREAM),
    ("_SC_CLK_TCK", SC_CLK_TCK),
    ("F_OK", F_OK),
    ("R_OK", R_OK),
    ("W_OK", W_OK),
    ("X_OK", X_OK),
    ("_SC_PAGESIZE", SC_PAGESIZE),
    ("_SC_ARG_MAX", SC_ARG_MAX),
    ("_SC_CHILD_MAX", SC_CHILD_MAX),
    ("_SC_ATEXIT_MAX", SC_ATEXIT_MAX),
    ("_SC_PAGE_SIZE", SC_PAGESIZE),
    ("_SC_NPROCESSORS_CONF", SC_NPROCESSORS_CONF),
    ("_SC_NPROCESSORS_ONLN", SC_NPROCESSORS_ONLN),
    ("IPC_PRIVATE", IPC_PRIVATE as u64),
    ("IPC_RMID", IPC_RMID),
    ("IPC_CREAT", IPC_CREAT),
    ("IPC_EXCL", IPC_EXCL),
    ("IPC_NOWAIT", IPC_NOWAIT),
    ("IPC_SET", IPC_SET),
    ("IPC_STAT", IPC_STAT),
    ("SHM_RDONLY", SHM_RDONLY),
    ("SHM_RND", SHM_RND),
    ("SHMLBA", 4096),
    ("SEM_UNDO", SEM_UNDO),
    ("MS_ASYNC", MS_ASYNC),
    ("MS_INVALIDATE", MS_INVALIDATE),
    ("MS_SYNC", MS_SYNC),
    ("GETPID", GETPID),
    ("GETVAL", GETVAL),
    ("GETALL", GETALL),
    ("GETNCNT", GETNCNT),
    ("GETZCNT", GETZCNT),
    ("SETVAL", SETVAL),
    ("SETALL", SETALL),
    ("MSG_NOERROR", MSG_NOERROR),
    ("SIG_BLOCK", SIG_BLOCK),
    ("SIG_UNBLOCK", SIG_UNBLOCK),
    ("SIG_SETMASK", SIG_SETMASK),
];

/// Names defined as `void *` constants. The standard streams are their descriptors' numbers:
/// the library's FILE * is the descriptor.
const POINTER_CONSTANTS: &[(&str, u64)] = &[
    ("NULL", 0),
    ("stdin", 0),
    ("stdout", 1),
    ("stderr", 2),
    ("SIG_DFL", SIG_DFL),
    ("SIG_IGN", SIG_IGN),
    ("SIG_ERR", SIG_ERR),
    ("MAP_FAILED", u64::MAX),
];

/// The value and type of a constant the system headers define: the names above, every
/// errno name and every signal name.
pub fn constant(name: &str) -> Option<(u64, ConstantType)> {
    let find = |table: &[(&str, u64)]| table.iter().find(|(n, _)| *n == name).map(|&(_, v)| v);
    if let Some(value) = find(POINTER_CONSTANTS) {
        return Some((value, ConstantType::Pointer));
    }
    let errno = || {
        Errno::ALL
            .iter()
            .find(|e| e.name() == name)
            .map(|e| e.code() as u64)
    };
    let signo = || signal::by_name(name).map(|s| s as u64);
    find(INT_CONSTANTS)
        .or_else(errno)
        .or_else(signo)
        .map(|value| (value, ConstantType::Int))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_constants_take_linuxs_values() {
        assert_eq!(constant("O_CREAT"), Some((0o100, ConstantType::Int)));
        assert_eq!(constant("ENOENT"), Some((2, ConstantType::Int)));
        assert_eq!(constant("SIGCHLD"), Some((17, ConstantType::Int)));
        assert_eq!(constant("SIG_IGN"), Some((1, ConstantType::Pointer)));
        assert_eq!(constant("MAP_ANON"), constant("MAP_ANONYMOUS"));
        assert_eq!(constant("O_NOSUCH"), None);
    }

    #[test]
    fn no_header_constant_is_named_twice() {
        let mut names: Vec<&str> = INT_CONSTANTS
            .iter()
            .chain(POINTER_CONSTANTS)
            .map(|(n, _)| *n)
            .collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(names.len(), before);
    }
}
