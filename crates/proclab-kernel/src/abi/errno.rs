//! Error numbers a failed system call leaves in `errno`, with Linux's values and names.

use serde::{Deserialize, Serialize};

/// Declares the errno values: each variant with its number and glibc's message.
macro_rules! errnos {
    ($($name:ident = $code:literal, $message:literal;)*) => {
        /// A Linux errno value.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
        pub enum Errno {
            $(#[doc = $message] $name = $code,)*
        }

        impl Errno {
            /// Every errno value this kernel reports.
            pub const ALL: &[Errno] = &[$(Errno::$name),*];

            /// The symbolic name, e.g. `EAGAIN`.
            pub fn name(self) -> &'static str {
                match self {
                    $(Errno::$name => stringify!($name),)*
                }
            }

            /// What `strerror` (and so `perror`) prints for it, as glibc words it.
            pub fn message(self) -> &'static str {
                match self {
                    $(Errno::$name => $message,)*
                }
            }
        }
    };
}

errnos! {
    EPERM = 1, "Operation not permitted";
    ENOENT = 2, "No such file or directory";
    ESRCH = 3, "No such process";
    EINTR = 4, "Interrupted system call";
    EBADF = 9, "Bad file descriptor";
    E2BIG = 7, "Argument list too long";
    ENOEXEC = 8, "Exec format error";
    ECHILD = 10, "No child processes";
    EAGAIN = 11, "Resource temporarily unavailable";
    ENOMEM = 12, "Cannot allocate memory";
    EACCES = 13, "Permission denied";
    EFAULT = 14, "Bad address";
    EBUSY = 16, "Device or resource busy";
    EEXIST = 17, "File exists";
    ENOTDIR = 20, "Not a directory";
    EISDIR = 21, "Is a directory";
    EINVAL = 22, "Invalid argument";
    ENODEV = 19, "No such device";
    EMFILE = 24, "Too many open files";
    ENOTTY = 25, "Inappropriate ioctl for device";
    EFBIG = 27, "File too large";
    ESPIPE = 29, "Illegal seek";
    EPIPE = 32, "Broken pipe";
    EDOM = 33, "Numerical argument out of domain";
    ERANGE = 34, "Numerical result out of range";
    ENAMETOOLONG = 36, "File name too long";
    ENOTEMPTY = 39, "Directory not empty";
    ENOMSG = 42, "No message of desired type";
    EOVERFLOW = 75, "Value too large for defined data type";
    EIDRM = 43, "Identifier removed";
    EOPNOTSUPP = 95, "Operation not supported";
    ENOSYS = 38, "Function not implemented";
}

impl Errno {
    /// The number a C program sees in `errno`.
    pub fn code(self) -> i32 {
        self as i32
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
        assert_eq!((Errno::EISDIR.code(), Errno::EISDIR.name()), (21, "EISDIR"));
    }
}
