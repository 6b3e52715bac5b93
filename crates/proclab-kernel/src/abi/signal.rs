//! Signal numbers, as Linux on x86-64 numbers them, and what a process says a signal
//! should do (its `struct sigaction`).

use serde::{Deserialize, Serialize};

/// `sa_flags` of SIGCHLD: no SIGCHLD when a child stops or continues.
pub const SA_NOCLDSTOP: u32 = 1;
/// `sa_flags`: restart a slow system call the handler interrupted instead of failing it
/// with EINTR (what `signal()` asks for).
pub const SA_RESTART: u32 = 0x1000_0000;
/// `sa_flags`: do not block the signal while its own handler runs.
pub const SA_NODEFER: u32 = 0x4000_0000;
/// `sa_flags`: reset the disposition to the default once the handler is entered.
pub const SA_RESETHAND: u32 = 0x8000_0000;

/// Disposition value meaning "the default action".
pub const SIG_DFL: u64 = 0;
/// Disposition value meaning "ignore".
pub const SIG_IGN: u64 = 1;
/// What signal() returns on failure.
pub const SIG_ERR: u64 = u64::MAX;

/// A process's disposition for one signal, as `sigaction` sets it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SigAction {
    /// 0 for the default action, 1 to ignore, else the handler's address.
    pub handler: u64,
    /// Signals blocked while the handler runs, besides the signal itself.
    pub mask: u64,
    /// `SA_*` flags.
    pub flags: u32,
}

/// Hangup: the terminal went away, or the process group was orphaned while stopped.
pub const SIGHUP: i32 = 1;
/// Illegal instruction.
pub const SIGILL: i32 = 4;
/// Abort.
pub const SIGABRT: i32 = 6;
/// Arithmetic error, e.g. division by zero.
pub const SIGFPE: i32 = 8;
/// Kill (cannot be caught or ignored).
pub const SIGKILL: i32 = 9;
/// Invalid memory reference.
pub const SIGSEGV: i32 = 11;
/// Write to a pipe with no readers.
pub const SIGPIPE: i32 = 13;
/// Timer from alarm().
pub const SIGALRM: i32 = 14;
/// Continue a stopped process.
pub const SIGCONT: i32 = 18;
/// Stop (cannot be caught or ignored).
pub const SIGSTOP: i32 = 19;
/// Stop, from the terminal (Ctrl-Z).
pub const SIGTSTP: i32 = 20;
/// Polite termination request.
pub const SIGTERM: i32 = 15;
/// A child stopped or terminated.
pub const SIGCHLD: i32 = 17;

/// The bit of signal `signo` in a signal set (a mask or a pending set).
pub const fn bit(signo: i32) -> u64 {
    1 << (signo - 1)
}

/// What glibc's strsignal says of a signal, e.g. "Segmentation fault" for 11.
pub fn description(signo: i32) -> String {
    const DESCRIPTIONS: [&str; 31] = [
        "Hangup",
        "Interrupt",
        "Quit",
        "Illegal instruction",
        "Trace/breakpoint trap",
        "Aborted",
        "Bus error",
        "Floating point exception",
        "Killed",
        "User defined signal 1",
        "Segmentation fault",
        "User defined signal 2",
        "Broken pipe",
        "Alarm clock",
        "Terminated",
        "Stack fault",
        "Child exited",
        "Continued",
        "Stopped (signal)",
        "Stopped",
        "Stopped (tty input)",
        "Stopped (tty output)",
        "Urgent I/O condition",
        "CPU time limit exceeded",
        "File size limit exceeded",
        "Virtual timer expired",
        "Profiling timer expired",
        "Window changed",
        "I/O possible",
        "Power failure",
        "Bad system call",
    ];
    match signo {
        1..=31 => DESCRIPTIONS[(signo - 1) as usize].to_owned(),
        34..=64 => format!("Real-time signal {}", signo - 34),
        _ => format!("Unknown signal {signo}"),
    }
}

/// Stop, from a background read of the terminal.
pub const SIGTTIN: i32 = 21;
/// Stop, from a background write to the terminal (with TOSTOP).
pub const SIGTTOU: i32 = 22;
/// Urgent data on a socket (ignored by default).
pub const SIGURG: i32 = 23;
/// The terminal's window changed size (ignored by default).
pub const SIGWINCH: i32 = 28;

/// The number of a signal by its name, e.g. 11 for `SIGSEGV`, including glibc's other
/// names (`SIGIOT`, `SIGCLD`, `SIGPOLL`); `SIGRTMIN` and `SIGRTMAX` are glibc's 34 and 64.
pub fn by_name(name: &str) -> Option<i32> {
    let alias = match name {
        "SIGIOT" => Some(SIGABRT),
        "SIGCLD" => Some(SIGCHLD),
        "SIGPOLL" => Some(29),
        "SIGRTMIN" => Some(34),
        "SIGRTMAX" => Some(64),
        _ => None,
    };
    alias.or_else(|| (1..32).find(|&n| self::name(n) == name))
}

/// The signal's name, e.g. `SIGSEGV`.
pub fn name(signo: i32) -> String {
    let known = [
        (1, "SIGHUP"),
        (2, "SIGINT"),
        (3, "SIGQUIT"),
        (SIGILL, "SIGILL"),
        (5, "SIGTRAP"),
        (SIGABRT, "SIGABRT"),
        (7, "SIGBUS"),
        (SIGFPE, "SIGFPE"),
        (SIGKILL, "SIGKILL"),
        (10, "SIGUSR1"),
        (SIGSEGV, "SIGSEGV"),
        (12, "SIGUSR2"),
        (SIGPIPE, "SIGPIPE"),
        (SIGALRM, "SIGALRM"),
        (SIGTERM, "SIGTERM"),
        (SIGCHLD, "SIGCHLD"),
        (SIGCONT, "SIGCONT"),
        (SIGSTOP, "SIGSTOP"),
        (SIGTSTP, "SIGTSTP"),
        (16, "SIGSTKFLT"),
        (SIGTTIN, "SIGTTIN"),
        (SIGTTOU, "SIGTTOU"),
        (SIGURG, "SIGURG"),
        (24, "SIGXCPU"),
        (25, "SIGXFSZ"),
        (26, "SIGVTALRM"),
        (27, "SIGPROF"),
        (SIGWINCH, "SIGWINCH"),
        (29, "SIGIO"),
        (30, "SIGPWR"),
        (31, "SIGSYS"),
    ];
    known
        .iter()
        .find(|(n, _)| *n == signo)
        .map_or_else(|| format!("signal {signo}"), |(_, name)| (*name).to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_numbers_and_bits_follow_linux() {
        assert_eq!((SIGSEGV, SIGCHLD, SIGKILL), (11, 17, 9));
        assert_eq!(bit(SIGCHLD), 1 << 16);
        assert_eq!(name(SIGSEGV), "SIGSEGV");
        assert_eq!(name(40), "signal 40");
        assert_eq!(by_name("SIGCHLD"), Some(17));
        let names: Vec<String> = (1..32).map(name).collect();
        assert!(names.iter().all(|n| !n.starts_with("signal ")), "{names:?}");
        assert_eq!(by_name("SIGWINCH"), Some(28));
        assert_eq!(
            (by_name("SIGIOT"), by_name("SIGRTMAX")),
            (Some(6), Some(64))
        );
    }
}
