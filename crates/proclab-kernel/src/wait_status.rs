//! The status word `wait()` fills in, encoded as Linux encodes it, so the `W*` macros decode
//! it exactly as glibc's do.

use serde::{Deserialize, Serialize};

use crate::narrow;

/// How a process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Termination {
    /// It called exit() or returned from main with this code.
    Exited(i32),
    /// A signal with this number killed it.
    Signaled(i32),
}

impl Termination {
    /// The status word: exit code in bits 8–15, or the signal number in bits 0–6.
    pub fn status_word(self) -> i32 {
        match self {
            Termination::Exited(code) => (code & 0xff) << 8,
            Termination::Signaled(signo) => signo & 0x7f,
        }
    }

    /// What a teacher says: "exited with status 3" or "killed by SIGSEGV".
    pub fn describe(self) -> String {
        match self {
            Termination::Exited(code) => format!("exited with status {}", code & 0xff),
            Termination::Signaled(signo) => {
                format!(
                    "killed by {} (signal {signo})",
                    crate::abi::signal::name(signo)
                )
            }
        }
    }
}

/// `WIFEXITED(status)`.
pub fn wifexited(status: i32) -> bool {
    status & 0x7f == 0
}

/// `WEXITSTATUS(status)`.
pub fn wexitstatus(status: i32) -> i32 {
    (status >> 8) & 0xff
}

/// `WIFSIGNALED(status)`.
pub fn wifsignaled(status: i32) -> bool {
    narrow::low_i8(((status & 0x7f) + 1) as u64) >> 1 > 0
}

/// `WTERMSIG(status)`.
pub fn wtermsig(status: i32) -> i32 {
    status & 0x7f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_exit_code_round_trips_through_the_w_macros() {
        let s = Termination::Exited(3).status_word();
        assert_eq!(s, 0x300);
        assert!(wifexited(s) && !wifsignaled(s));
        assert_eq!(wexitstatus(s), 3);
    }

    #[test]
    fn exit_codes_keep_only_their_low_eight_bits() {
        assert_eq!(wexitstatus(Termination::Exited(257).status_word()), 1);
        assert_eq!(wexitstatus(Termination::Exited(-1).status_word()), 255);
    }

    #[test]
    fn a_killing_signal_is_reported_by_wifsignaled_and_wtermsig() {
        let s = Termination::Signaled(11).status_word();
        assert!(wifsignaled(s) && !wifexited(s));
        assert_eq!(wtermsig(s), 11);
    }
}
