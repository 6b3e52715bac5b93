//! The library functions a program may call that ProcLab's machine does not simulate
//! (threads, semaphores, the network): they are declared as glibc declares them, so that a
//! textbook's helper library (CS:APP's csapp.c wraps them all) compiles with the program, and
//! a call fails as a Linux call does where the kernel lacks the feature: with ENOSYS,
//! "Function not implemented".

/// How an unsimulated function reports its failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fails {
    /// Returns -1 and sets errno to ENOSYS (system-call style).
    MinusOne,
    /// Returns NULL and sets errno to ENOSYS.
    Null,
    /// Returns the error number ENOSYS itself (the pthread functions' style).
    ErrorNumber,
    /// Returns getaddrinfo's EAI_SYSTEM (-11), with errno ENOSYS.
    SystemError,
    /// Does nothing and returns 0.
    Nothing,
}

/// An unsimulated function: its C name, how many arguments it takes, and how it fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unsimulated {
    /// Its name in C.
    pub name: &'static str,
    /// How many arguments it takes.
    pub arity: usize,
    /// How it fails.
    pub fails: Fails,
}

const fn f(name: &'static str, arity: usize, fails: Fails) -> Unsimulated {
    Unsimulated { name, arity, fails }
}

/// getaddrinfo's EAI_SYSTEM: "System error", the cause in errno.
pub const EAI_SYSTEM: i32 = -11;

/// Every unsimulated function, by the index [`crate::program::LibFn::Unsimulated`] holds.
pub const UNSIMULATED: &[Unsimulated] = &[
    f("socket", 3, Fails::MinusOne),
    f("bind", 3, Fails::MinusOne),
    f("listen", 2, Fails::MinusOne),
    f("accept", 3, Fails::MinusOne),
    f("connect", 3, Fails::MinusOne),
    f("setsockopt", 5, Fails::MinusOne),
    f("getsockopt", 5, Fails::MinusOne),
    f("shutdown", 2, Fails::MinusOne),
    f("send", 4, Fails::MinusOne),
    f("recv", 4, Fails::MinusOne),
    f("sendto", 6, Fails::MinusOne),
    f("recvfrom", 6, Fails::MinusOne),
    f("select", 5, Fails::MinusOne),
    f("poll", 3, Fails::MinusOne),
    f("inet_pton", 3, Fails::MinusOne),
    f("inet_ntop", 4, Fails::Null),
    f("gethostbyname", 1, Fails::Null),
    f("gethostbyaddr", 3, Fails::Null),
    f("gai_strerror", 1, Fails::Null),
    f("getaddrinfo", 4, Fails::SystemError),
    f("getnameinfo", 7, Fails::SystemError),
    f("freeaddrinfo", 1, Fails::Nothing),
    f("pthread_create", 4, Fails::ErrorNumber),
    f("pthread_join", 2, Fails::ErrorNumber),
    f("pthread_detach", 1, Fails::ErrorNumber),
    f("pthread_cancel", 1, Fails::ErrorNumber),
    f("pthread_once", 2, Fails::ErrorNumber),
    f("pthread_mutex_init", 2, Fails::ErrorNumber),
    f("pthread_mutex_lock", 1, Fails::ErrorNumber),
    f("pthread_mutex_unlock", 1, Fails::ErrorNumber),
    f("pthread_mutex_destroy", 1, Fails::ErrorNumber),
    f("pthread_cond_init", 2, Fails::ErrorNumber),
    f("pthread_cond_wait", 2, Fails::ErrorNumber),
    f("pthread_cond_signal", 1, Fails::ErrorNumber),
    f("pthread_cond_broadcast", 1, Fails::ErrorNumber),
    f("pthread_self", 0, Fails::Nothing),
];

/// The unsimulated function called `name`, with its index.
pub fn find(name: &str) -> Option<(u16, &'static Unsimulated)> {
    UNSIMULATED
        .iter()
        .position(|u| u.name == name)
        .and_then(|i| Some((u16::try_from(i).ok()?, &UNSIMULATED[i])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_name_is_listed_once() {
        for (i, u) in UNSIMULATED.iter().enumerate() {
            assert_eq!(
                find(u.name).map(|(at, _)| usize::from(at)),
                Some(i),
                "{}",
                u.name
            );
        }
    }
}
