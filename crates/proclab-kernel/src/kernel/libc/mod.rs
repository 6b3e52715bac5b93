//! The C library and the system calls a compiled program makes, run by the kernel for it:
//! a table ([`entry`]) of one short function per call, named for it (`sys_fork`,
//! `sys_write`, …), as xv6's `syscalls[]`. Each takes the [`Call`] (who called, its
//! arguments) and says how the call ended ([`Done`]), or fails with an errno
//! ([`Failure::Errno`]) that the dispatcher stores in `errno`, returning the call's failure
//! value.
//!
//! The library's state lives where glibc keeps it: stdout's buffer and errno in the
//! process's bss, malloc's block headers in its heap, so fork copies them like any other
//! memory.

mod clock;
mod ctype;
mod environ;
mod getline;
mod ipc;
mod jump;
mod math;
mod process;
mod resource;
mod scan;
mod semaphore;
mod signal;
mod stdio;
mod stdlib;
mod stream_seek;
mod streams;
mod string;
mod strtod;
mod strtol;
mod unistd;
mod unsimulated;

use super::memory::UserFault;
use super::*;
use crate::abi::layout::ERRNO_OFFSET;
use crate::address_space::SegmentKind;
use crate::narrow;
use crate::program::LibFn;

pub use stdio::Output;

/// The longest string a library function reads.
const MAX_STRING: usize = 64 * 1024;
/// The longest path a system call takes, with its NUL (Linux's PATH_MAX).
const PATH_MAX: usize = 4096;
/// The most strings an argv array may hold.
const MAX_ARGV: usize = 256;

/// A library function's memory access ended the process (a fault it could not handle).
type Lib<T> = Result<T, Termination>;

/// A library call as the program made it.
struct Call {
    /// The CPU it runs on.
    cpu: usize,
    /// The caller.
    pid: Pid,
    /// Its arguments, as the words the program pushed.
    args: Vec<u64>,
    /// The function called.
    function: LibFn,
}

impl Call {
    /// Argument `i` (0 when the program passed fewer).
    fn arg(&self, i: usize) -> u64 {
        self.args.get(i).copied().unwrap_or(0)
    }

    /// Argument `i` as a C `int` (a descriptor, a PID, a signal number).
    fn int(&self, i: usize) -> i32 {
        narrow::low_i32(self.arg(i))
    }

    /// The arguments from `i` on (a variadic call's).
    fn rest(&self, i: usize) -> &[u64] {
        &self.args[i.min(self.args.len())..]
    }
}

/// How a call ended, when it did not fail.
enum Done {
    /// rax = the value; the process goes on after the call.
    Return(u64),
    /// The process goes on with rax untouched: a `void` function, or a call that set the
    /// registers itself (exec, sigreturn, exit calling an atexit handler).
    Continue,
    /// rax = the value, then the process sleeps on the channel and, once woken, goes on
    /// after the call (sleep, a write whose rest drains into a full pipe, pause).
    ReturnAndSleep(u64, WaitChannel),
    /// The process sleeps on the channel with rax untouched and goes on after the call once
    /// woken (perror's write into a full pipe).
    Sleep(WaitChannel),
    /// The call could not happen yet: the process sleeps on the channel and, once woken,
    /// makes the same call again (read from an empty pipe, waitpid, msgsnd, msgrcv, exit
    /// waiting for stdout's last bytes to drain).
    Retry(WaitChannel),
    /// The process ends.
    Exit(Termination),
}

/// Why a call did not return normally.
enum Failure {
    /// It failed with this errno: rax = the call's failure value.
    Errno(Errno),
    /// Touching the process's memory ended it (a fault no handler took).
    Fault(Termination),
}

impl From<Errno> for Failure {
    fn from(e: Errno) -> Self {
        Failure::Errno(e)
    }
}

impl From<UserFault> for Failure {
    fn from(fault: UserFault) -> Self {
        match fault {
            UserFault::BadAddress => Failure::Errno(Errno::EFAULT),
            UserFault::Killed(how) => Failure::Fault(how),
        }
    }
}

impl From<Termination> for Failure {
    fn from(how: Termination) -> Self {
        Failure::Fault(how)
    }
}

/// What a call's function gives back.
type Sys = Result<Done, Failure>;

/// A call's function.
type Handler = fn(&mut Kernel, &Call, &mut Vec<Event>) -> Sys;

/// The failure value most calls return: -1 (or MAP_FAILED, SIG_ERR).
const MINUS_ONE: u64 = u64::MAX;
/// EOF, -1 as the int stdio's calls return.
const MINUS_ONE_INT: u64 = u32::MAX as u64;
/// The failure value of calls that return a pointer: NULL (or 0 from isatty).
const NULL: u64 = 0;

/// The system-call table: each library function's handler and the value it returns in rax
/// when it fails with an errno.
fn entry(f: LibFn) -> (Handler, u64) {
    use LibFn::*;
    match f {
        Printf => (stdio::sys_printf, MINUS_ONE),
        Fprintf => (stdio::sys_fprintf, MINUS_ONE),
        Sprintf => (stdio::sys_sprintf, MINUS_ONE),
        Snprintf => (stdio::sys_snprintf, MINUS_ONE),
        Vprintf => (stdio::sys_vprintf, MINUS_ONE),
        Vfprintf => (stdio::sys_vfprintf, MINUS_ONE),
        Vsprintf => (stdio::sys_vsprintf, MINUS_ONE),
        Vsnprintf => (stdio::sys_vsnprintf, MINUS_ONE),
        Puts => (stdio::sys_puts, MINUS_ONE),
        Fputs => (stdio::sys_fputs, MINUS_ONE),
        Fputc => (stdio::sys_fputc, MINUS_ONE),
        Putchar => (stdio::sys_putchar, MINUS_ONE),
        Fflush => (stdio::sys_fflush, MINUS_ONE),
        Setvbuf => (stdio::sys_setvbuf, MINUS_ONE),
        Fopen => (streams::sys_fopen, NULL),
        Time => (clock::sys_time, MINUS_ONE),
        Setjmp => (jump::sys_setjmp, MINUS_ONE),
        Sigsetjmp => (jump::sys_sigsetjmp, MINUS_ONE),
        Longjmp => (jump::sys_longjmp, MINUS_ONE),
        Gettimeofday => (clock::sys_gettimeofday, MINUS_ONE),
        ClockGettime => (clock::sys_clock_gettime, MINUS_ONE),
        Nanosleep => (clock::sys_nanosleep, MINUS_ONE),
        Strsignal => (string::sys_strsignal, NULL),
        PthreadExit => (stdlib::sys_pthread_exit, MINUS_ONE),
        Fdopen => (streams::sys_fdopen, NULL),
        Fclose => (streams::sys_fclose, MINUS_ONE_INT),
        Fileno => (streams::sys_fileno, MINUS_ONE),
        Feof => (streams::sys_feof, 0),
        Ferror => (streams::sys_ferror, 0),
        Clearerr => (streams::sys_clearerr, 0),
        Fgets => (streams::sys_fgets, NULL),
        Fgetc => (streams::sys_fgetc, MINUS_ONE_INT),
        Getchar => (streams::sys_getchar, MINUS_ONE_INT),
        Fread => (streams::sys_fread, 0),
        Fwrite => (streams::sys_fwrite, 0),
        Strrchr => (string::sys_strrchr, NULL),
        Strstr => (string::sys_strstr, NULL),
        Memmove => (string::sys_memmove, NULL),
        Memcmp => (string::sys_memcmp, MINUS_ONE),
        Strncat => (string::sys_strncat, NULL),
        Setbuf => (stdio::sys_setbuf, MINUS_ONE),
        Perror => (stdio::sys_perror, MINUS_ONE),
        AssertFail => (stdlib::sys_assert_fail, MINUS_ONE),
        Strerror => (string::sys_strerror, NULL),
        Strlen => (string::sys_strlen, MINUS_ONE),
        Strcpy => (string::sys_strcpy, NULL),
        Strncpy => (string::sys_strncpy, NULL),
        Strcat => (string::sys_strcat, NULL),
        Strcmp => (string::sys_strcmp, MINUS_ONE),
        Strncmp => (string::sys_strncmp, MINUS_ONE),
        Strchr => (string::sys_strchr, NULL),
        Strdup => (string::sys_strdup, NULL),
        Strndup => (string::sys_strndup, NULL),
        Memset => (string::sys_memset, NULL),
        Memcpy => (string::sys_memcpy, NULL),
        Atoi => (strtol::sys_atoi, MINUS_ONE),
        Atol => (strtol::sys_atol, MINUS_ONE),
        Strtod => (strtod::sys_strtod, 0),
        Scanf => (scan::sys_scanf, MINUS_ONE_INT),
        Ftell => (stream_seek::sys_ftell, MINUS_ONE),
        Fsync => (unistd::sys_fsync, MINUS_ONE),
        Mkdir => (unistd::sys_mkdir, MINUS_ONE),
        Setsid => (process::sys_setsid, MINUS_ONE),
        Getsid => (process::sys_getsid, MINUS_ONE),
        Rmdir => (unistd::sys_rmdir, MINUS_ONE),
        Rename => (unistd::sys_rename, MINUS_ONE),
        Access => (unistd::sys_access, MINUS_ONE),
        Mkstemp => (unistd::sys_mkstemp, MINUS_ONE),
        Fseek => (stream_seek::sys_fseek, MINUS_ONE_INT),
        Rewind => (stream_seek::sys_rewind, 0),
        Ungetc => (stream_seek::sys_ungetc, MINUS_ONE_INT),
        Getline => (getline::sys_getline, MINUS_ONE),
        Getdelim => (getline::sys_getdelim, MINUS_ONE),
        Fscanf => (scan::sys_fscanf, MINUS_ONE_INT),
        Sscanf => (scan::sys_sscanf, MINUS_ONE_INT),
        Atof => (strtod::sys_atof, 0),
        Strtol => (strtol::sys_strtol, MINUS_ONE),
        Strtoul => (strtol::sys_strtoul, MINUS_ONE),
        Isalpha => (ctype::sys_is::<{ ctype::ALPHA }>, MINUS_ONE),
        Isdigit => (ctype::sys_is::<{ ctype::DIGIT }>, MINUS_ONE),
        Isalnum => (ctype::sys_is::<{ ctype::ALNUM }>, MINUS_ONE),
        Isspace => (ctype::sys_is::<{ ctype::SPACE }>, MINUS_ONE),
        Isupper => (ctype::sys_is::<{ ctype::UPPER }>, MINUS_ONE),
        Islower => (ctype::sys_is::<{ ctype::LOWER }>, MINUS_ONE),
        Ispunct => (ctype::sys_is::<{ ctype::PUNCT }>, MINUS_ONE),
        Isprint => (ctype::sys_is::<{ ctype::PRINT }>, MINUS_ONE),
        Isxdigit => (ctype::sys_is::<{ ctype::XDIGIT }>, MINUS_ONE),
        Iscntrl => (ctype::sys_is::<{ ctype::CNTRL }>, MINUS_ONE),
        Isgraph => (ctype::sys_is::<{ ctype::GRAPH }>, MINUS_ONE),
        Isblank => (ctype::sys_is::<{ ctype::BLANK }>, MINUS_ONE),
        Toupper => (ctype::sys_toupper, MINUS_ONE),
        Tolower => (ctype::sys_tolower, MINUS_ONE),
        Malloc => (stdlib::sys_malloc, NULL),
        Calloc => (stdlib::sys_calloc, NULL),
        Realloc => (stdlib::sys_realloc, NULL),
        Free => (stdlib::sys_free, NULL),
        Rand => (stdlib::sys_rand, MINUS_ONE),
        Srand => (stdlib::sys_srand, MINUS_ONE),
        Atexit => (stdlib::sys_atexit, MINUS_ONE),
        Exit => (stdlib::sys_exit, MINUS_ONE),
        ExitResume => (stdlib::sys_exit_resume, MINUS_ONE),
        UnderscoreExit => (stdlib::sys_underscore_exit, MINUS_ONE),
        Abort => (stdlib::sys_abort, MINUS_ONE),
        Fork => (process::sys_fork, MINUS_ONE),
        Execv => (process::sys_execv, MINUS_ONE),
        Execve => (process::sys_execve, MINUS_ONE),
        Execvp => (process::sys_execvp, MINUS_ONE),
        Execl => (process::sys_execl, MINUS_ONE),
        Execle => (process::sys_execle, MINUS_ONE),
        Getenv => (environ::sys_getenv, NULL),
        Setenv => (environ::sys_setenv, MINUS_ONE),
        Unsetenv => (environ::sys_unsetenv, MINUS_ONE),
        Putenv => (environ::sys_putenv, MINUS_ONE),
        Environ => (environ::sys_environ, NULL),
        Math(_) => (math::sys_math, 0),
        Unsimulated(i) => (
            unsimulated::sys_unsimulated,
            match crate::abi::unsimulated::UNSIMULATED
                .get(usize::from(i))
                .map(|u| u.fails)
            {
                Some(crate::abi::unsimulated::Fails::Null) => NULL,
                _ => MINUS_ONE,
            },
        ),
        Execlp => (process::sys_execlp, MINUS_ONE),
        Wait => (process::sys_wait, MINUS_ONE),
        Waitpid => (process::sys_waitpid, MINUS_ONE),
        Getpid => (process::sys_getpid, MINUS_ONE),
        Getuid | Geteuid => (process::sys_getuid, MINUS_ONE),
        Getgid | Getegid => (process::sys_getgid, MINUS_ONE),
        Getppid => (process::sys_getppid, MINUS_ONE),
        Getpgrp => (process::sys_getpgrp, MINUS_ONE),
        Setpgid => (process::sys_setpgid, MINUS_ONE),
        Getpgid => (process::sys_getpgid, MINUS_ONE),
        Getrlimit => (resource::sys_getrlimit, MINUS_ONE),
        Umask => (unistd::sys_umask, MINUS_ONE),
        Chmod => (unistd::sys_chmod, MINUS_ONE),
        Setrlimit => (resource::sys_setrlimit, MINUS_ONE),
        Sleep => (process::sys_sleep, MINUS_ONE),
        Usleep => (process::sys_usleep, MINUS_ONE),
        Sysconf => (process::sys_sysconf, MINUS_ONE),
        Open => (unistd::sys_open, MINUS_ONE),
        Creat => (unistd::sys_creat, MINUS_ONE),
        Read => (unistd::sys_read, MINUS_ONE),
        Write => (unistd::sys_write, MINUS_ONE),
        Close => (unistd::sys_close, MINUS_ONE),
        Dup => (unistd::sys_dup, MINUS_ONE),
        Dup2 => (unistd::sys_dup2, MINUS_ONE),
        Pipe => (unistd::sys_pipe, MINUS_ONE),
        Lseek => (unistd::sys_lseek, MINUS_ONE),
        Fcntl => (unistd::sys_fcntl, MINUS_ONE),
        Isatty => (unistd::sys_isatty, NULL),
        Unlink => (unistd::sys_unlink, MINUS_ONE),
        Mkfifo => (unistd::sys_mkfifo, MINUS_ONE),
        Chdir => (unistd::sys_chdir, MINUS_ONE),
        Getcwd => (unistd::sys_getcwd, NULL),
        Stat => (unistd::sys_stat, MINUS_ONE),
        Fstat => (unistd::sys_fstat, MINUS_ONE),
        Opendir => (unistd::sys_opendir, NULL),
        Readdir => (unistd::sys_readdir, NULL),
        Closedir => (unistd::sys_closedir, MINUS_ONE),
        Signal => (signal::sys_signal, MINUS_ONE),
        Kill => (signal::sys_kill, MINUS_ONE),
        Raise => (signal::sys_raise, MINUS_ONE),
        Pause => (signal::sys_pause, MINUS_ONE),
        Alarm => (signal::sys_alarm, MINUS_ONE),
        Sigreturn => (signal::sys_sigreturn, MINUS_ONE),
        Sigaction => (signal::sys_sigaction, MINUS_ONE),
        Sigprocmask => (signal::sys_sigprocmask, MINUS_ONE),
        Sigsuspend => (signal::sys_sigsuspend, MINUS_ONE),
        Sigpending => (signal::sys_sigpending, MINUS_ONE),
        Sigemptyset => (signal::sys_sigemptyset, MINUS_ONE),
        Sigfillset => (signal::sys_sigfillset, MINUS_ONE),
        Sigaddset => (signal::sys_sigaddset, MINUS_ONE),
        Sigdelset => (signal::sys_sigdelset, MINUS_ONE),
        Sigismember => (signal::sys_sigismember, MINUS_ONE),
        Socketpair => (ipc::sys_socketpair, MINUS_ONE),
        Msgget => (ipc::sys_msgget, MINUS_ONE),
        Msgsnd => (ipc::sys_msgsnd, MINUS_ONE),
        Msgrcv => (ipc::sys_msgrcv, MINUS_ONE),
        Msgctl => (ipc::sys_msgctl, MINUS_ONE),
        Shmget => (ipc::sys_shmget, MINUS_ONE),
        Shmat => (ipc::sys_shmat, MINUS_ONE),
        Shmdt => (ipc::sys_shmdt, MINUS_ONE),
        Shmctl => (ipc::sys_shmctl, MINUS_ONE),
        Pipe2 => (unistd::sys_pipe2, MINUS_ONE),
        Msync => (ipc::sys_msync, MINUS_ONE),
        Clock => (clock::sys_clock, MINUS_ONE),
        Times => (clock::sys_times, MINUS_ONE),
        Getrusage => (clock::sys_getrusage, MINUS_ONE),
        Ftruncate => (unistd::sys_ftruncate, MINUS_ONE),
        Truncate => (unistd::sys_truncate, MINUS_ONE),
        Semget => (ipc::sys_semget, MINUS_ONE),
        Semop => (ipc::sys_semop, MINUS_ONE),
        Semctl => (ipc::sys_semctl, MINUS_ONE),
        SemInit => (semaphore::sys_sem_init, MINUS_ONE),
        SemDestroy => (semaphore::sys_sem_destroy, MINUS_ONE),
        SemWait => (semaphore::sys_sem_wait, MINUS_ONE),
        SemTrywait => (semaphore::sys_sem_trywait, MINUS_ONE),
        SemPost => (semaphore::sys_sem_post, MINUS_ONE),
        SemGetvalue => (semaphore::sys_sem_getvalue, MINUS_ONE),
        Ftok => (ipc::sys_ftok, MINUS_ONE),
        Mmap => (ipc::sys_mmap, MINUS_ONE),
        Munmap => (ipc::sys_munmap, MINUS_ONE),
    }
}

impl Kernel {
    /// Runs a library function for the process on `cpu`: looks it up in the table, runs it
    /// and carries out how it ended.
    pub(super) fn libc(
        &mut self,
        cpu: usize,
        pid: Pid,
        f: LibFn,
        argc: u8,
        events: &mut Vec<Event>,
    ) -> Lib<Outcome> {
        let call = Call {
            cpu,
            pid,
            args: self.args(cpu, pid, argc, events)?,
            function: f,
        };
        let (handler, on_error) = entry(f);
        let done = match handler(self, &call, events) {
            Ok(done) => done,
            Err(Failure::Fault(how)) => return Err(how),
            Err(Failure::Errno(e)) => {
                self.set_reg(cpu, 0, on_error);
                self.set_errno(pid, e, events)?;
                return Ok(Outcome::Continue);
            }
        };
        Ok(match done {
            Done::Return(value) => {
                self.set_reg(cpu, 0, value);
                Outcome::Continue
            }
            Done::Continue => Outcome::Continue,
            Done::ReturnAndSleep(value, channel) => {
                self.set_reg(cpu, 0, value);
                Outcome::Block(channel)
            }
            Done::Sleep(channel) => Outcome::Block(channel),
            Done::Retry(channel) => {
                self.carry_on_later(cpu, pid);
                Outcome::Block(channel)
            }
            Done::Exit(how) => Outcome::Terminate(how),
        })
    }

    /// The call's arguments: the words on top of the caller's stack.
    fn args(&mut self, cpu: usize, pid: Pid, argc: u8, events: &mut Vec<Event>) -> Lib<Vec<u64>> {
        let sp = self.cpus[cpu].registers.sp;
        (0..u64::from(argc))
            .map(|i| self.load_word(pid, sp + 8 * i, events))
            .collect()
    }

    /// Where the process's bss starts: the C runtime's own data (errno, stdout's buffer,
    /// rand's state, atexit's handlers) sits at its start.
    fn bss_base(&self, pid: Pid) -> u64 {
        self.process(pid)
            .and_then(|p| p.memory.vma(SegmentKind::Bss))
            .map_or(0, |v| v.start)
    }

    /// Reads a NUL-terminated string from the process's memory.
    fn string(&mut self, pid: Pid, mut addr: u64, events: &mut Vec<Event>) -> Lib<Vec<u8>> {
        let mut out = Vec::new();
        loop {
            let byte = self.load(pid, addr, 1, events)?[0];
            if byte == 0 || out.len() >= MAX_STRING {
                return Ok(out);
            }
            out.push(byte);
            addr += 1;
        }
    }

    /// A string argument, as text (a path, a program's name).
    fn text(&mut self, pid: Pid, at: u64, events: &mut Vec<Event>) -> Lib<String> {
        Ok(String::from_utf8_lossy(&self.string(pid, at, events)?).into_owned())
    }

    /// A path a system call takes (strncpy_from_user): EFAULT for a bad pointer,
    /// ENAMETOOLONG past PATH_MAX.
    fn user_path(&mut self, pid: Pid, at: u64, events: &mut Vec<Event>) -> Result<String, Failure> {
        let mut bytes = Vec::new();
        loop {
            let byte = self.copy_from_user(pid, at.wrapping_add(bytes.len() as u64), 1, events)?[0];
            if byte == 0 {
                return Ok(String::from_utf8_lossy(&bytes).into_owned());
            }
            bytes.push(byte);
            if bytes.len() >= PATH_MAX {
                return Err(Errno::ENAMETOOLONG.into());
            }
        }
    }

    /// A 64-bit word a system call reads from user memory (a signal set): EFAULT for a
    /// bad pointer.
    fn user_word(&mut self, pid: Pid, at: u64, events: &mut Vec<Event>) -> Result<u64, Failure> {
        let bytes = self.copy_from_user(pid, at, 8, events)?;
        Ok(u64::from_le_bytes(bytes.try_into().expect("8 bytes")))
    }

    /// Reads a NULL-terminated array of string pointers (argv).
    fn string_array(
        &mut self,
        pid: Pid,
        mut addr: u64,
        events: &mut Vec<Event>,
    ) -> Lib<Vec<String>> {
        let mut out = Vec::new();
        while out.len() < MAX_ARGV {
            let p = self.load_word(pid, addr, events)?;
            if p == 0 {
                break;
            }
            out.push(self.text(pid, p, events)?);
            addr += 8;
        }
        Ok(out)
    }

    /// Stores `errno` in the process's C runtime data.
    pub(super) fn set_errno(&mut self, pid: Pid, errno: Errno, events: &mut Vec<Event>) -> Lib<()> {
        let at = self.bss_base(pid) + ERRNO_OFFSET;
        self.store(pid, at, &errno.code().to_le_bytes(), events)
    }

    /// Reads the process's `errno`.
    fn errno(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<i32> {
        let at = self.bss_base(pid) + ERRNO_OFFSET;
        let b = self.load(pid, at, 4, events)?;
        Ok(i32::from_le_bytes(b.try_into().expect("4 bytes")))
    }
}
