//! Synthetic programs: a list of CPU and I/O instructions, enough to show scheduling without C.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::abi::layout::TEXT_BASE;
use crate::abi::math::MathFn;
use crate::float::FloatOp;
use crate::narrow;

/// Bytes one synthetic instruction occupies in the text segment.
pub const INSTRUCTION_SIZE: u64 = 4;

/// One synthetic instruction; each takes one tick of CPU. System calls leave their result
/// in rax as the Linux system-call ABI does: a value, or minus the errno.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Compute for one tick (adds one to rbx).
    Cpu,
    /// Start an I/O request (a system call that blocks until the device finishes).
    Io,
    /// Handle the finished I/O: the system call returns to user mode.
    IoDone,
    /// fork(): rax = the child's PID in the parent, 0 in the child.
    Fork,
    /// execve(path): replace the program; on failure rax = -errno and execution goes on.
    Exec(String),
    /// exit(code).
    Exit(i32),
    /// waitpid(target, &status, 0) with target -1 for any child: rax = the reaped child's
    /// PID (its status word in rdx) or -errno. Blocks while matching children all live.
    Wait(i32),
    /// waitpid(target, &status, WNOHANG): like Wait, but rax = 0 instead of blocking.
    WaitNoHang(i32),
    /// Store a byte at a virtual address.
    Poke {
        /// Where.
        addr: u64,
        /// What.
        value: u8,
    },
    /// Store rax's low byte (e.g. fork's result) at a virtual address.
    PokeRax(u64),
    /// Load the byte at a virtual address into rax.
    Peek(u64),
    /// sbrk(delta): move the program break; rax = the old break.
    Sbrk(i64),

    // The C virtual machine: an accumulator machine. rax holds the value being computed,
    // rbp the frame, sp the stack; every operand in memory goes through the page table.
    /// rax = value.
    Imm(u64),
    /// rax = rbp + offset: the address of a local or parameter.
    FrameAddr(i64),
    /// rax = the `size` bytes at address rax, sign- or zero-extended.
    Load {
        /// Bytes.
        size: u8,
        /// Sign-extend.
        signed: bool,
    },
    /// Pops an address and stores rax's low `size` bytes there.
    Store {
        /// Bytes.
        size: u8,
    },
    /// Stores rax's low `size` bytes in the local at rbp + `offset` (how the result of
    /// setjmp, which returns twice, reaches a variable without an address kept on the
    /// stack across the call).
    StoreLocal {
        /// The local's offset from rbp.
        offset: i64,
        /// Bytes.
        size: u8,
    },
    /// Zeroes `n` bytes from address rax.
    Zero(u64),
    /// Pops a destination address and copies `n` bytes there from address rax (struct
    /// assignment); rax gets the destination.
    Copy(u64),
    /// Pushes rax onto the stack.
    Push,
    /// Pushes general register `r` (by [`REGISTER_NAMES`](super::cpu_context::REGISTER_NAMES)
    /// index) onto the stack: how `_start` hands main its argc and argv.
    PushReg(u8),
    /// rax = popped operand (op) rax.
    Bin(VmBin),
    /// rax = -rax.
    Neg,
    /// rax = !rax (1 if zero, else 0).
    Not,
    /// rax = ~rax.
    BitNot,
    /// A floating-point operation on the double in rax.
    Float(FloatOp),
    /// Truncates rax to `size` bytes and extends it back.
    Convert {
        /// Bytes.
        size: u8,
        /// Sign-extend.
        signed: bool,
    },
    /// rax += n.
    AddImm(i64),
    /// rax *= n.
    MulImm(i64),
    /// rax /= n (signed).
    DivImm(i64),
    /// Jump to a text address.
    Jump(u64),
    /// Jump if rax == 0.
    JumpIfZero(u64),
    /// Jump if rax != 0.
    JumpIfNotZero(u64),
    /// Push the return address and jump to a function.
    Call(u64),
    /// Push the return address and jump to the function whose address is in rax (a call
    /// through a function pointer); an address that holds no instruction is a
    /// segmentation fault.
    CallIndirect,
    /// Function prologue: push rbp, rbp = sp, reserve `n` bytes of locals.
    Enter(u64),
    /// Function epilogue: sp = rbp, pop rbp, pop the return address into pc.
    Return,
    /// Drop `n` bytes of arguments from the stack.
    AddSp(u64),
    /// Call the C library or the kernel: `argc` arguments on the stack, first at sp.
    Lib(LibFn, u8),
}

/// A binary operation of the C virtual machine; S and U suffixes are signed and unsigned.
#[allow(missing_docs)] // Each variant is the C operator it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VmBin {
    Add,
    Sub,
    Mul,
    DivS,
    DivU,
    RemS,
    RemU,
    Shl,
    ShrS,
    ShrU,
    And,
    Or,
    Xor,
    Eq,
    Ne,
    LtS,
    LtU,
    LeS,
    LeU,
    GtS,
    GtU,
    GeS,
    GeU,
    /// Double addition (the operands and rax hold doubles' bits).
    FAdd,
    /// Double subtraction.
    FSub,
    /// Double multiplication.
    FMul,
    /// Double division (by zero gives an infinity or a NaN, not a signal).
    FDiv,
    /// Doubles equal (false for a NaN).
    FEq,
    /// Doubles not equal (true for a NaN).
    FNe,
    /// Double less than.
    FLt,
    /// Double less than or equal.
    FLe,
    /// Double greater than.
    FGt,
    /// Double greater than or equal.
    FGe,
}

/// Truncates a value to `size` bytes and sign- or zero-extends it back to 64 bits: what
/// [`Op::Convert`] and [`Op::Load`] do to rax.
pub fn extend(v: u64, size: u8, signed: bool) -> u64 {
    match (size, signed) {
        (1, true) => narrow::low_i8(v) as i64 as u64,
        (1, false) => u64::from(narrow::low_u8(v)),
        (2, true) => narrow::low_i16(v) as i64 as u64,
        (2, false) => u64::from(narrow::low_u16(v)),
        (4, true) => narrow::low_i32(v) as i64 as u64,
        (4, false) => u64::from(narrow::low_u32(v)),
        _ => v,
    }
}

impl LibFn {
    /// The function's name in C.
    pub fn c_name(self) -> String {
        match self {
            LibFn::UnderscoreExit => "_exit".to_owned(),
            LibFn::ClockGettime => "clock_gettime".to_owned(),
            LibFn::SemInit => "sem_init".to_owned(),
            LibFn::SemDestroy => "sem_destroy".to_owned(),
            LibFn::SemWait => "sem_wait".to_owned(),
            LibFn::SemTrywait => "sem_trywait".to_owned(),
            LibFn::SemPost => "sem_post".to_owned(),
            LibFn::SemGetvalue => "sem_getvalue".to_owned(),
            LibFn::Math(f) => f.name().to_owned(),
            LibFn::Unsimulated(i) => crate::abi::unsimulated::UNSIMULATED
                .get(usize::from(i))
                .map_or("?", |u| u.name)
                .to_owned(),
            other => format!("{other:?}").to_lowercase(),
        }
    }
}

/// A C library function or system call the virtual machine provides.
#[allow(missing_docs)] // Each variant is the C function of the same name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum LibFn {
    Printf,
    Fprintf,
    Puts,
    Putchar,
    Fflush,
    Exit,
    UnderscoreExit,
    Fork,
    Wait,
    Waitpid,
    Getpid,
    Getppid,
    Getuid,
    Geteuid,
    Getgid,
    Getegid,
    Malloc,
    Calloc,
    Free,
    Strlen,
    Strcpy,
    Strcmp,
    Memset,
    Atoi,
    Perror,
    Execvp,
    Execv,
    Execl,
    Execlp,
    Sleep,
    Abort,
    Sprintf,
    Snprintf,
    Memcpy,
    Strncpy,
    Strcat,
    Realloc,
    Usleep,
    Write,
    Execve,
    Execle,
    Rand,
    Srand,
    Pipe,
    Read,
    Close,
    Dup,
    Dup2,
    Signal,
    Kill,
    Raise,
    Pause,
    Alarm,
    /// Returns from a signal handler: restores the registers saved in the signal frame.
    Sigreturn,
    Mmap,
    Munmap,
    Atexit,
    /// Where exit() continues after an atexit handler returns: the next handler, or the end.
    ExitResume,
    Open,
    Creat,
    Isatty,
    Lseek,
    Unlink,
    Mkfifo,
    Chdir,
    Getcwd,
    Opendir,
    Readdir,
    Closedir,
    Stat,
    Fstat,
    Socketpair,
    Getpgrp,
    Sysconf,
    Strncmp,
    Strchr,
    Msgget,
    Msgsnd,
    Msgrcv,
    Msgctl,
    Shmget,
    Shmat,
    Shmdt,
    Shmctl,
    Pipe2,
    Msync,
    Clock,
    Times,
    Getrusage,
    Ftruncate,
    Truncate,
    Semget,
    Semop,
    Semctl,
    SemInit,
    SemDestroy,
    SemWait,
    SemTrywait,
    SemPost,
    SemGetvalue,
    Ftok,
    Sigaction,
    Sigprocmask,
    Sigsuspend,
    Sigemptyset,
    Sigfillset,
    Sigaddset,
    Sigdelset,
    Sigismember,
    /// assert's failure: its message on stderr, then abort.
    AssertFail,
    /// strerror(errno): glibc's message, in the C runtime's buffer.
    Strerror,
    /// fcntl(fd, cmd, arg).
    Fcntl,
    /// setpgid(pid, pgid).
    Setpgid,
    /// getpgid(pid).
    Getpgid,
    /// getrlimit(resource, &rlim).
    Getrlimit,
    /// umask(mask).
    Umask,
    /// chmod(path, mode).
    Chmod,
    /// setrlimit(resource, &rlim).
    Setrlimit,
    /// sigpending(&set).
    Sigpending,
    /// strdup(s).
    Strdup,
    /// strndup(s, n).
    Strndup,
    /// isalpha(c).
    Isalpha,
    /// isdigit(c).
    Isdigit,
    /// isalnum(c).
    Isalnum,
    /// isspace(c).
    Isspace,
    /// isupper(c).
    Isupper,
    /// islower(c).
    Islower,
    /// ispunct(c).
    Ispunct,
    /// isprint(c).
    Isprint,
    /// isxdigit(c).
    Isxdigit,
    /// iscntrl(c).
    Iscntrl,
    /// isgraph(c).
    Isgraph,
    /// isblank(c).
    Isblank,
    /// toupper(c).
    Toupper,
    /// tolower(c).
    Tolower,
    /// vprintf(format, ap).
    Vprintf,
    /// vfprintf(stream, format, ap).
    Vfprintf,
    /// vsprintf(buf, format, ap).
    Vsprintf,
    /// vsnprintf(buf, size, format, ap).
    Vsnprintf,
    /// strtol(s, endptr, base), and strtoll.
    Strtol,
    /// strtoul(s, endptr, base), and strtoull.
    Strtoul,
    /// atol(s), and atoll.
    Atol,
    /// fputs(s, stream).
    Fputs,
    /// fputc(c, stream), and putc.
    Fputc,
    /// getenv(name).
    Getenv,
    /// setenv(name, value, overwrite).
    Setenv,
    /// unsetenv(name).
    Unsetenv,
    /// putenv(string).
    Putenv,
    /// A read of the `environ` variable.
    Environ,
    /// strrchr(s, c).
    Strrchr,
    /// strstr(haystack, needle).
    Strstr,
    /// memmove(dst, src, n).
    Memmove,
    /// memcmp(a, b, n).
    Memcmp,
    /// strncat(dst, src, n).
    Strncat,
    /// setvbuf(stream, buf, mode, size).
    Setvbuf,
    /// setbuf(stream, buf).
    Setbuf,
    /// strsignal(sig).
    Strsignal,
    /// time(tloc).
    Time,
    /// setjmp(env).
    Setjmp,
    /// sigsetjmp(env, savemask).
    Sigsetjmp,
    /// longjmp(env, val), and siglongjmp.
    Longjmp,
    /// gettimeofday(tv, tz).
    Gettimeofday,
    /// clock_gettime(clock, ts).
    ClockGettime,
    /// nanosleep(req, rem).
    Nanosleep,
    /// pthread_exit(retval).
    PthreadExit,
    /// fopen(path, mode).
    Fopen,
    /// fdopen(fd, mode).
    Fdopen,
    /// fclose(stream).
    Fclose,
    /// fileno(stream).
    Fileno,
    /// feof(stream).
    Feof,
    /// ferror(stream).
    Ferror,
    /// clearerr(stream).
    Clearerr,
    /// fgets(buf, n, stream).
    Fgets,
    /// fgetc(stream), and getc.
    Fgetc,
    /// getchar().
    Getchar,
    /// fread(ptr, size, n, stream).
    Fread,
    /// fwrite(ptr, size, n, stream).
    Fwrite,
    /// A function ProcLab does not simulate, by its index in
    /// [`UNSIMULATED`](crate::abi::unsimulated::UNSIMULATED).
    Unsimulated(u16),
    /// A function of `<math.h>`.
    Math(MathFn),
    /// strtod(s, endptr).
    Strtod,
    /// atof(s).
    Atof,
    /// scanf(format, ...).
    Scanf,
    /// fscanf(stream, format, ...).
    Fscanf,
    /// sscanf(string, format, ...).
    Sscanf,
    /// ftell(stream).
    Ftell,
    /// fseek(stream, offset, whence).
    Fseek,
    /// rewind(stream).
    Rewind,
    /// ungetc(c, stream).
    Ungetc,
    /// getline(lineptr, n, stream).
    Getline,
    /// getdelim(lineptr, n, delim, stream).
    Getdelim,
    /// fsync(fd), and fdatasync.
    Fsync,
    /// mkstemp(template).
    Mkstemp,
    /// mkdir(path, mode).
    Mkdir,
    /// rmdir(path).
    Rmdir,
    /// rename(from, to).
    Rename,
    /// access(path, how).
    Access,
    /// setsid().
    Setsid,
    /// getsid(pid).
    Getsid,
}

impl Op {
    /// What a C VM instruction does, as a phrase ("pushes rax onto the stack").
    pub fn describe(&self) -> String {
        match self {
            Op::Imm(v) => format!("sets rax to {}", *v as i64),
            Op::FrameAddr(off) => format!("computes the address rbp{off:+}"),
            Op::Load { size, .. } => format!("loads {size} bytes from the address in rax"),
            Op::Store { size } => format!("stores rax's low {size} bytes at the address it pops"),
            Op::StoreLocal { offset, size } => {
                format!("stores rax's low {size} bytes in the local at rbp{offset:+}")
            }
            Op::Zero(n) => format!("zeroes {n} bytes"),
            Op::Copy(n) => format!("copies {n} bytes to the address it pops"),
            Op::Push => "pushes rax onto its stack".to_owned(),
            Op::PushReg(r) => format!(
                "pushes {} onto its stack",
                crate::cpu_context::REGISTER_NAMES[usize::from(*r)]
            ),
            Op::Bin(b) => format!("pops an operand and computes {b:?} with rax"),
            Op::Neg => "negates rax".to_owned(),
            Op::Not => "computes !rax".to_owned(),
            Op::BitNot => "computes ~rax".to_owned(),
            Op::Float(f) => f.describe().to_owned(),
            Op::Convert { size, signed } => format!(
                "converts rax to a {}{}-byte integer",
                if *signed { "signed " } else { "unsigned " },
                size
            ),
            Op::AddImm(n) => format!("adds {n} to rax"),
            Op::MulImm(n) => format!("multiplies rax by {n}"),
            Op::DivImm(n) => format!("divides rax by {n}"),
            Op::Jump(t) => format!("jumps to {t:#x}"),
            Op::JumpIfZero(t) => format!("jumps to {t:#x} if rax is 0"),
            Op::JumpIfNotZero(t) => format!("jumps to {t:#x} unless rax is 0"),
            Op::Call(t) => format!("calls the function at {t:#x}, pushing its return address"),
            Op::CallIndirect => {
                "calls the function whose address is in rax (through a function pointer), \
                 pushing its return address"
                    .to_owned()
            }
            Op::Enter(n) => {
                format!("enters a function: saves rbp and reserves {n} bytes of locals")
            }
            Op::Return => "returns: restores rbp and pops the return address into pc".to_owned(),
            Op::AddSp(n) => format!("drops {n} bytes of arguments from its stack"),
            Op::Lib(LibFn::Environ, _) => {
                "reads environ, the C library's pointer to the environment".to_owned()
            }
            Op::Lib(f, _) => format!("calls {}()", f.c_name()),
            other => other.name().to_owned(),
        }
    }

    /// True for an instruction of the compiled-C machine that stays in user mode (moves,
    /// arithmetic, jumps, calls within the program); false for a library or system call
    /// and for the synthetic programs' instructions.
    pub fn is_machine_code(&self) -> bool {
        self.name() == "instruction"
    }

    /// The instruction's name; for cpu, io and io_done it is OSTEP process-run's.
    pub fn name(&self) -> &'static str {
        match self {
            Op::Cpu => "cpu",
            Op::Io => "io",
            Op::IoDone => "io_done",
            Op::Fork => "fork",
            Op::Exec(_) => "exec",
            Op::Exit(_) => "exit",
            Op::Wait(_) | Op::WaitNoHang(_) => "wait",
            Op::Poke { .. } | Op::PokeRax(_) => "store",
            Op::Peek(_) => "load",
            Op::Sbrk(_) => "sbrk",
            Op::Lib(..) => "call",
            _ => "instruction",
        }
    }
}

/// Where the C library's own C sources are said to be (qsort, system: see
/// `proclab_cc::runtime`): a program's files under it are the library's, compiled with the
/// program but not among the files the user wrote.
pub const LIBRARY_SOURCES: &str = "/usr/src/libc/";

/// One C source file: its name and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFile {
    /// Its name, e.g. `fork.c` or `csapp.h`.
    pub name: String,
    /// Its text.
    pub text: String,
}

impl SourceFile {
    /// True for a file of the C library's own C code (under [`LIBRARY_SOURCES`]).
    pub fn is_library(&self) -> bool {
        self.name.starts_with(LIBRARY_SOURCES)
    }
}

/// A line of a program's C source: which of its files, and the line (1-based).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct SourceLine {
    /// The file's index in [`DebugInfo::files`].
    pub file: u16,
    /// The line.
    pub line: u32,
}

/// Where an instruction came from in C source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DebugInfo {
    /// The source files the program was compiled from: its `.c` files in the order given,
    /// each followed by the files it includes first.
    pub files: Vec<SourceFile>,
    /// The source line and column of each instruction, by index.
    pub lines: Vec<(SourceLine, u32)>,
    /// Each function's name and first instruction's address.
    pub functions: Vec<(String, u64)>,
    /// Each global variable's name, address and C type.
    pub globals: Vec<(String, u64, String)>,
}

impl DebugInfo {
    /// The file that defines `main` (the first, if the program has no `main`; an empty one
    /// for a program without files).
    pub fn main_file(&self) -> &SourceFile {
        let main = self.functions.iter().find(|(name, _)| name == "main");
        let file = main
            .and_then(|(_, at)| at.checked_sub(TEXT_BASE))
            .and_then(|offset| self.lines.get((offset / INSTRUCTION_SIZE) as usize))
            .map_or(0, |(line, _)| line.file);
        static NONE: SourceFile = SourceFile {
            name: String::new(),
            text: String::new(),
        };
        self.files
            .get(usize::from(file))
            .or(self.files.first())
            .unwrap_or(&NONE)
    }

    /// A file's name, by its index.
    pub fn file_name(&self, file: u16) -> &str {
        self.files
            .get(usize::from(file))
            .map_or("", |f| f.name.as_str())
    }

    /// The text of one source line, if the program has it.
    pub fn text_of(&self, at: SourceLine) -> Option<&str> {
        let file = self.files.get(usize::from(at.file))?;
        file.text.lines().nth((at.line as usize).checked_sub(1)?)
    }
}

/// An executable: instructions at consecutive text addresses from [`TEXT_BASE`], then its
/// read-only constants, initialised data and the size of its zeroed data.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Program {
    /// The instructions, in order.
    pub ops: Vec<Op>,
    /// Contents of the rodata segment.
    #[serde(default)]
    pub rodata: Vec<u8>,
    /// Contents of the data segment.
    #[serde(default)]
    pub data: Vec<u8>,
    /// Size of the bss segment in bytes.
    #[serde(default)]
    pub bss: u64,
    /// Source positions, for programs compiled from C.
    #[serde(default)]
    pub debug: Option<DebugInfo>,
    /// Where the sigreturn trampoline is: a signal handler returns there.
    #[serde(default)]
    pub sigreturn: Option<u64>,
    /// Where exit() resumes after an atexit handler returns.
    #[serde(default)]
    pub exit_resume: Option<u64>,
}

/// Why a program description could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramError {
    /// The offending piece of the description.
    pub piece: String,
    /// What is wrong with it and how to fix it.
    pub message: String,
}

impl fmt::Display for ProgramError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (in '{}')", self.message, self.piece)
    }
}

impl std::error::Error for ProgramError {}

impl Program {
    /// Reads OSTEP process-run's notation: `c7,i,c1` is compute 7 ticks, one I/O (with its
    /// completion handler), compute 1 tick.
    pub fn parse_ostep(text: &str) -> Result<Program, ProgramError> {
        let mut ops = Vec::new();
        for piece in text.split(',') {
            let error = |message: &str| ProgramError {
                piece: piece.to_owned(),
                message: message.to_owned(),
            };
            match piece.as_bytes().first() {
                Some(b'c') => {
                    let count: usize = piece[1..].parse().map_err(|_| {
                        error("'c' must be followed by a number of ticks, as in c7")
                    })?;
                    if count > MAX_OPS {
                        return Err(error(&too_long()));
                    }
                    ops.extend(std::iter::repeat_n(Op::Cpu, count));
                }
                Some(b'i') if piece.len() == 1 => ops.extend([Op::Io, Op::IoDone]),
                _ => {
                    return Err(error(
                        "each instruction must be cN (compute N ticks) or i (one I/O)",
                    ));
                }
            }
            if ops.len() > MAX_OPS {
                return Err(error(&too_long()));
            }
        }
        Ok(Program::from_ops(ops))
    }

    /// A program of just these instructions, with no data.
    pub fn from_ops(ops: Vec<Op>) -> Program {
        Program {
            ops,
            ..Program::default()
        }
    }

    /// The instruction at a text address, if the address holds one.
    pub fn op_at(&self, pc: u64) -> Option<&Op> {
        let offset = pc.checked_sub(TEXT_BASE)?;
        if offset % INSTRUCTION_SIZE != 0 {
            return None;
        }
        self.ops.get((offset / INSTRUCTION_SIZE) as usize)
    }

    /// The C source line an instruction came from, for a compiled program.
    pub fn line_at(&self, pc: u64) -> Option<SourceLine> {
        let index = pc.checked_sub(TEXT_BASE)? / INSTRUCTION_SIZE;
        let debug = self.debug.as_ref()?;
        debug.lines.get(index as usize).map(|(line, _)| *line)
    }

    /// The address just past the last instruction.
    pub fn end(&self) -> u64 {
        TEXT_BASE + self.ops.len() as u64 * INSTRUCTION_SIZE
    }
}

/// The longest synthetic program accepted.
pub const MAX_OPS: usize = 100_000;

fn too_long() -> String {
    format!("a program may have at most {MAX_OPS} instructions")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_follows_the_c_type() {
        assert_eq!(extend(0xff, 1, true), u64::MAX);
        assert_eq!(extend(0x1_0000_0005, 4, false), 5);
        assert_eq!(extend(0xffff_ffff, 4, true) as i64, -1);
    }

    #[test]
    fn ostep_notation_expands_compute_runs_and_io_pairs() {
        let p = Program::parse_ostep("c2,i,c1").unwrap();
        assert_eq!(p.ops, [Op::Cpu, Op::Cpu, Op::Io, Op::IoDone, Op::Cpu]);
    }

    #[test]
    fn a_bad_opcode_is_reported_with_the_piece_and_a_fix() {
        let e = Program::parse_ostep("c2,x3").unwrap_err();
        assert_eq!(e.piece, "x3");
        assert!(e.message.contains("cN"));
    }

    #[test]
    fn huge_compute_runs_are_refused_instead_of_exhausting_memory() {
        assert!(Program::parse_ostep("c99999999999").is_err());
    }

    #[test]
    fn op_at_maps_text_addresses_to_instructions() {
        let p = Program::parse_ostep("c1,i").unwrap();
        assert_eq!(p.op_at(TEXT_BASE), Some(&Op::Cpu));
        assert_eq!(p.op_at(TEXT_BASE + 4), Some(&Op::Io));
        assert_eq!(p.op_at(TEXT_BASE + 12), None);
        assert_eq!(p.op_at(TEXT_BASE + 2), None);
        assert_eq!(p.end(), TEXT_BASE + 12);
    }
}
