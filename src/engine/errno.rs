//! Error numbers a failed system call leaves in `errno`, with Linux's values and names.

use serde::{Deserialize, Serialize};

/// A Linux errno value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Errno {
    /// No such file or directory.
    ENOENT = 2,
    /// No such process.
    ESRCH = 3,
    /// Interrupted system call.
    EINTR = 4,
    /// Bad file descriptor.
    EBADF = 9,
    /// No child processes.
    ECHILD = 10,
    /// Resource temporarily unavailable (e.g. the process limit).
    EAGAIN = 11,
    /// Cannot allocate memory.
    ENOMEM = 12,
    /// Bad address.
    EFAULT = 14,
    /// Invalid argument.
    EINVAL = 22,
    /// Broken pipe: no process reads this pipe.
    EPIPE = 32,
}

impl Errno {
    /// Every errno value this kernel reports.
    pub const ALL: [Errno; 10] = [
        Errno::ENOENT,
        Errno::ESRCH,
        Errno::EINTR,
        Errno::EBADF,
        Errno::ECHILD,
        Errno::EAGAIN,
        Errno::ENOMEM,
        Errno::EFAULT,
        Errno::EINVAL,
        Errno::EPIPE,
    ];

    /// The number a C program sees in `errno`.
    pub fn code(self) -> i32 {
        self as i32
    }

    /// The symbolic name, e.g. `EAGAIN`.
    pub fn name(self) -> &'static str {
        match self {
            Errno::ENOENT => "ENOENT",
            Errno::ESRCH => "ESRCH",
            Errno::EINTR => "EINTR",
            Errno::EBADF => "EBADF",
            Errno::ECHILD => "ECHILD",
            Errno::EAGAIN => "EAGAIN",
            Errno::ENOMEM => "ENOMEM",
            Errno::EFAULT => "EFAULT",
            Errno::EINVAL => "EINVAL",
            Errno::EPIPE => "EPIPE",
        }
    }

    /// What `strerror` (and so `perror`) prints for it, as glibc words it.
    pub fn message(self) -> &'static str {
        match self {
            Errno::ENOENT => "No such file or directory",
            Errno::ESRCH => "No such process",
            Errno::EINTR => "Interrupted system call",
            Errno::EBADF => "Bad file descriptor",
            Errno::ECHILD => "No child processes",
            Errno::EAGAIN => "Resource temporarily unavailable",
            Errno::ENOMEM => "Cannot allocate memory",
            Errno::EFAULT => "Bad address",
            Errno::EINVAL => "Invalid argument",
            Errno::EPIPE => "Broken pipe",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errno_values_are_linuxs() {
        assert_eq!(Errno::ENOENT.code(), 2);
        assert_eq!(Errno::ECHILD.code(), 10);
        assert_eq!(Errno::EAGAIN.code(), 11);
        assert_eq!(Errno::ENOMEM.code(), 12);
        assert_eq!(Errno::EAGAIN.message(), "Resource temporarily unavailable");
    }
}
