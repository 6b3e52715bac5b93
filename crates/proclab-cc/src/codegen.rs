//! Turns a parsed unit into VM instructions, checking types on the way: locals live in
//! stack frames, globals in data or bss, string literals in rodata, all at the addresses the
//! loader will map them at.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use super::ast::*;
use super::diagnostic::{Diagnostic, Pos};
use super::headers;
use super::parser::{const_eval, float_eval};
use super::sources::Sources;
use super::types::{CHAR, CType, DOUBLE, INT, LONG, Signature, StructDef, ULONG};
use proclab_kernel::abi::headers::{self as abi_headers, ConstantType};
use proclab_kernel::abi::layout::{ERRNO_OFFSET, RUNTIME_BSS, TEXT_BASE};
use proclab_kernel::abi::math::{MATH_FUNCTIONS, MathFn};
use proclab_kernel::abi::unsimulated::{self, Fails, UNSIMULATED};
use proclab_kernel::float::{self, FloatOp};
use proclab_kernel::program::{DebugInfo, INSTRUCTION_SIZE, LibFn, Op, Program, SourceLine, VmBin};

/// A library function's return type.
#[derive(Debug, Clone, Copy)]
enum Ret {
    Void,
    Int,
    UInt,
    ULong,
    Long,
    VoidPtr,
    CharPtr,
    DirentPtr,
    Double,
}

impl Ret {
    fn ctype(self) -> CType {
        match self {
            Ret::Void => CType::Void,
            Ret::Int => INT,
            Ret::UInt => CType::Int {
                size: 4,
                signed: false,
            },
            Ret::ULong => ULONG,
            Ret::Long => LONG,
            Ret::VoidPtr => CType::Void.ptr_to(),
            Ret::CharPtr => CHAR.ptr_to(),
            Ret::Double => DOUBLE,
            Ret::DirentPtr => headers::structs()
                .into_iter()
                .find(|s| s.tag == "dirent")
                .map_or(CType::Void, CType::Struct)
                .ptr_to(),
        }
    }
}

/// True for a call of setjmp or sigsetjmp, which return twice.
fn is_setjmp_call(e: &Expr) -> bool {
    matches!(&e.kind, ExprKind::Call(name, _) if matches!(name.as_str(), "setjmp" | "_setjmp" | "sigsetjmp"))
}

/// C library functions course programs call that ProcLab does not provide yet: a call is
/// refused with that said, rather than as an unknown name.
const NOT_YET: &[&str] = &[
    "getopt_long",
    "setjmp",
    "longjmp",
    "sigsetjmp",
    "siglongjmp",
    "sbrk",
    "brk",
    "vfork",
    "link",
    "symlink",
    "readlink",
    "tcgetpgrp",
    "tcsetpgrp",
    "waitid",
    "sigaltstack",
    "sigqueue",
    "sigwaitinfo",
    "sigtimedwait",
    "setuid",
    "setgid",
    "getpwnam",
    "getpwuid",
    "mq_open",
    "mq_send",
    "mq_receive",
    "mq_close",
    "mq_unlink",
    "prctl",
    "clone",
];

/// The library functions: their C names, what the machine runs, their return types and
/// their parameters as glibc's prototypes declare them, a letter each (see [`Params`]).
const LIBRARY: &[(&str, LibFn, Ret, &str)] = &[
    ("printf", LibFn::Printf, Ret::Int, "p."),
    ("fprintf", LibFn::Fprintf, Ret::Int, "pp."),
    ("puts", LibFn::Puts, Ret::Int, "p"),
    ("fputs", LibFn::Fputs, Ret::Int, "pp"),
    ("fputc", LibFn::Fputc, Ret::Int, "ip"),
    ("putc", LibFn::Fputc, Ret::Int, "ip"),
    ("putchar", LibFn::Putchar, Ret::Int, "i"),
    ("fflush", LibFn::Fflush, Ret::Int, "p"),
    ("setvbuf", LibFn::Setvbuf, Ret::Int, "ppiz"),
    ("fopen", LibFn::Fopen, Ret::VoidPtr, "pp"),
    ("strsignal", LibFn::Strsignal, Ret::CharPtr, "i"),
    ("time", LibFn::Time, Ret::Long, "p"),
    ("setjmp", LibFn::Setjmp, Ret::Int, "p"),
    ("_setjmp", LibFn::Setjmp, Ret::Int, "p"),
    ("sigsetjmp", LibFn::Sigsetjmp, Ret::Int, "pi"),
    ("longjmp", LibFn::Longjmp, Ret::Void, "pi"),
    ("_longjmp", LibFn::Longjmp, Ret::Void, "pi"),
    ("siglongjmp", LibFn::Longjmp, Ret::Void, "pi"),
    ("gettimeofday", LibFn::Gettimeofday, Ret::Int, "pp"),
    ("clock_gettime", LibFn::ClockGettime, Ret::Int, "ip"),
    ("nanosleep", LibFn::Nanosleep, Ret::Int, "pp"),
    ("pthread_exit", LibFn::PthreadExit, Ret::Void, "p"),
    ("fdopen", LibFn::Fdopen, Ret::VoidPtr, "ip"),
    ("fclose", LibFn::Fclose, Ret::Int, "p"),
    ("fileno", LibFn::Fileno, Ret::Int, "p"),
    ("feof", LibFn::Feof, Ret::Int, "p"),
    ("ferror", LibFn::Ferror, Ret::Int, "p"),
    ("clearerr", LibFn::Clearerr, Ret::Void, "p"),
    ("fgets", LibFn::Fgets, Ret::CharPtr, "pip"),
    ("fgetc", LibFn::Fgetc, Ret::Int, "p"),
    ("getc", LibFn::Fgetc, Ret::Int, "p"),
    ("getchar", LibFn::Getchar, Ret::Int, ""),
    ("fread", LibFn::Fread, Ret::ULong, "pzzp"),
    ("fwrite", LibFn::Fwrite, Ret::ULong, "pzzp"),
    ("strrchr", LibFn::Strrchr, Ret::CharPtr, "pi"),
    ("strstr", LibFn::Strstr, Ret::CharPtr, "pp"),
    ("memmove", LibFn::Memmove, Ret::VoidPtr, "ppz"),
    ("memcmp", LibFn::Memcmp, Ret::Int, "ppz"),
    ("strncat", LibFn::Strncat, Ret::CharPtr, "ppz"),
    ("setbuf", LibFn::Setbuf, Ret::Void, "pp"),
    ("exit", LibFn::Exit, Ret::Void, "i"),
    ("_exit", LibFn::UnderscoreExit, Ret::Void, "i"),
    ("fork", LibFn::Fork, Ret::Int, ""),
    ("wait", LibFn::Wait, Ret::Int, "p"),
    ("waitpid", LibFn::Waitpid, Ret::Int, "ipi"),
    ("getpid", LibFn::Getpid, Ret::Int, ""),
    ("getuid", LibFn::Getuid, Ret::UInt, ""),
    ("geteuid", LibFn::Geteuid, Ret::UInt, ""),
    ("getgid", LibFn::Getgid, Ret::UInt, ""),
    ("getegid", LibFn::Getegid, Ret::UInt, ""),
    ("getppid", LibFn::Getppid, Ret::Int, ""),
    ("getpgrp", LibFn::Getpgrp, Ret::Int, ""),
    ("malloc", LibFn::Malloc, Ret::VoidPtr, "z"),
    ("calloc", LibFn::Calloc, Ret::VoidPtr, "zz"),
    ("free", LibFn::Free, Ret::Void, "p"),
    ("strlen", LibFn::Strlen, Ret::ULong, "p"),
    ("strcpy", LibFn::Strcpy, Ret::CharPtr, "pp"),
    ("strcmp", LibFn::Strcmp, Ret::Int, "pp"),
    ("strncmp", LibFn::Strncmp, Ret::Int, "ppz"),
    ("strchr", LibFn::Strchr, Ret::CharPtr, "pi"),
    ("memset", LibFn::Memset, Ret::VoidPtr, "piz"),
    ("atoi", LibFn::Atoi, Ret::Int, "p"),
    ("getenv", LibFn::Getenv, Ret::CharPtr, "p"),
    ("setenv", LibFn::Setenv, Ret::Int, "ppi"),
    ("unsetenv", LibFn::Unsetenv, Ret::Int, "p"),
    ("putenv", LibFn::Putenv, Ret::Int, "p"),
    ("atol", LibFn::Atol, Ret::Long, "p"),
    ("strtod", LibFn::Strtod, Ret::Double, "pp"),
    ("atof", LibFn::Atof, Ret::Double, "p"),
    ("scanf", LibFn::Scanf, Ret::Int, "p."),
    ("fscanf", LibFn::Fscanf, Ret::Int, "pp."),
    ("sscanf", LibFn::Sscanf, Ret::Int, "pp."),
    ("ftell", LibFn::Ftell, Ret::Long, "p"),
    ("fseek", LibFn::Fseek, Ret::Int, "pli"),
    ("rewind", LibFn::Rewind, Ret::Void, "p"),
    ("ungetc", LibFn::Ungetc, Ret::Int, "ip"),
    ("getline", LibFn::Getline, Ret::Long, "ppp"),
    ("getdelim", LibFn::Getdelim, Ret::Long, "ppip"),
    ("fsync", LibFn::Fsync, Ret::Int, "i"),
    ("fdatasync", LibFn::Fsync, Ret::Int, "i"),
    ("mkstemp", LibFn::Mkstemp, Ret::Int, "p"),
    ("mkdir", LibFn::Mkdir, Ret::Int, "pu"),
    ("rmdir", LibFn::Rmdir, Ret::Int, "p"),
    ("rename", LibFn::Rename, Ret::Int, "pp"),
    ("access", LibFn::Access, Ret::Int, "pi"),
    ("setsid", LibFn::Setsid, Ret::Int, ""),
    ("getsid", LibFn::Getsid, Ret::Int, "i"),
    ("random", LibFn::Rand, Ret::Long, ""),
    ("srandom", LibFn::Srand, Ret::Void, "u"),
    ("atoll", LibFn::Atol, Ret::Long, "p"),
    ("strtol", LibFn::Strtol, Ret::Long, "ppi"),
    ("strtoll", LibFn::Strtol, Ret::Long, "ppi"),
    ("strtoul", LibFn::Strtoul, Ret::ULong, "ppi"),
    ("strtoull", LibFn::Strtoul, Ret::ULong, "ppi"),
    ("perror", LibFn::Perror, Ret::Void, "p"),
    ("execvp", LibFn::Execvp, Ret::Int, "pp"),
    ("execv", LibFn::Execv, Ret::Int, "pp"),
    ("execl", LibFn::Execl, Ret::Int, "pp."),
    ("execlp", LibFn::Execlp, Ret::Int, "pp."),
    ("sleep", LibFn::Sleep, Ret::UInt, "u"),
    ("abort", LibFn::Abort, Ret::Void, ""),
    ("sprintf", LibFn::Sprintf, Ret::Int, "pp."),
    ("snprintf", LibFn::Snprintf, Ret::Int, "pzp."),
    ("vprintf", LibFn::Vprintf, Ret::Int, "pp"),
    ("vfprintf", LibFn::Vfprintf, Ret::Int, "ppp"),
    ("vsprintf", LibFn::Vsprintf, Ret::Int, "ppp"),
    ("vsnprintf", LibFn::Vsnprintf, Ret::Int, "pzpp"),
    ("memcpy", LibFn::Memcpy, Ret::VoidPtr, "ppz"),
    ("strncpy", LibFn::Strncpy, Ret::CharPtr, "ppz"),
    ("strcat", LibFn::Strcat, Ret::CharPtr, "pp"),
    ("realloc", LibFn::Realloc, Ret::VoidPtr, "pz"),
    ("usleep", LibFn::Usleep, Ret::Int, "u"),
    ("write", LibFn::Write, Ret::Long, "ipz"),
    ("execve", LibFn::Execve, Ret::Int, "ppp"),
    ("execle", LibFn::Execle, Ret::Int, "pp."),
    ("rand", LibFn::Rand, Ret::Int, ""),
    ("srand", LibFn::Srand, Ret::Void, "u"),
    ("pipe", LibFn::Pipe, Ret::Int, "p"),
    ("pipe2", LibFn::Pipe2, Ret::Int, "pi"),
    ("msync", LibFn::Msync, Ret::Int, "pzi"),
    ("clock", LibFn::Clock, Ret::Long, ""),
    ("times", LibFn::Times, Ret::Long, "p"),
    ("getrusage", LibFn::Getrusage, Ret::Int, "ip"),
    ("ftruncate", LibFn::Ftruncate, Ret::Int, "il"),
    ("truncate", LibFn::Truncate, Ret::Int, "pl"),
    ("read", LibFn::Read, Ret::Long, "ipz"),
    ("close", LibFn::Close, Ret::Int, "i"),
    ("dup", LibFn::Dup, Ret::Int, "i"),
    ("dup2", LibFn::Dup2, Ret::Int, "ii"),
    ("signal", LibFn::Signal, Ret::VoidPtr, "ip"),
    ("kill", LibFn::Kill, Ret::Int, "ii"),
    ("raise", LibFn::Raise, Ret::Int, "i"),
    ("pause", LibFn::Pause, Ret::Int, ""),
    ("alarm", LibFn::Alarm, Ret::UInt, "u"),
    ("mmap", LibFn::Mmap, Ret::VoidPtr, "pziiil"),
    ("atexit", LibFn::Atexit, Ret::Int, "p"),
    ("munmap", LibFn::Munmap, Ret::Int, "pz"),
    ("open", LibFn::Open, Ret::Int, "pi."),
    ("creat", LibFn::Creat, Ret::Int, "pu"),
    ("isatty", LibFn::Isatty, Ret::Int, "i"),
    ("lseek", LibFn::Lseek, Ret::Long, "ili"),
    ("unlink", LibFn::Unlink, Ret::Int, "p"),
    ("mkfifo", LibFn::Mkfifo, Ret::Int, "pu"),
    ("chdir", LibFn::Chdir, Ret::Int, "p"),
    ("getcwd", LibFn::Getcwd, Ret::CharPtr, "pz"),
    ("opendir", LibFn::Opendir, Ret::VoidPtr, "p"),
    ("readdir", LibFn::Readdir, Ret::DirentPtr, "p"),
    ("closedir", LibFn::Closedir, Ret::Int, "p"),
    ("stat", LibFn::Stat, Ret::Int, "pp"),
    ("lstat", LibFn::Stat, Ret::Int, "pp"),
    ("fstat", LibFn::Fstat, Ret::Int, "ip"),
    ("socketpair", LibFn::Socketpair, Ret::Int, "iiip"),
    ("sysconf", LibFn::Sysconf, Ret::Long, "i"),
    ("msgget", LibFn::Msgget, Ret::Int, "ii"),
    ("msgsnd", LibFn::Msgsnd, Ret::Int, "ipzi"),
    ("msgrcv", LibFn::Msgrcv, Ret::Long, "ipzli"),
    ("msgctl", LibFn::Msgctl, Ret::Int, "iip"),
    ("shmget", LibFn::Shmget, Ret::Int, "izi"),
    ("shmat", LibFn::Shmat, Ret::VoidPtr, "ipi"),
    ("shmdt", LibFn::Shmdt, Ret::Int, "p"),
    ("shmctl", LibFn::Shmctl, Ret::Int, "iip"),
    ("semget", LibFn::Semget, Ret::Int, "iii"),
    ("semop", LibFn::Semop, Ret::Int, "ipz"),
    ("semctl", LibFn::Semctl, Ret::Int, "iii."),
    ("sem_init", LibFn::SemInit, Ret::Int, "piu"),
    ("sem_destroy", LibFn::SemDestroy, Ret::Int, "p"),
    ("sem_wait", LibFn::SemWait, Ret::Int, "p"),
    ("sem_trywait", LibFn::SemTrywait, Ret::Int, "p"),
    ("sem_post", LibFn::SemPost, Ret::Int, "p"),
    ("sem_getvalue", LibFn::SemGetvalue, Ret::Int, "pp"),
    ("ftok", LibFn::Ftok, Ret::Int, "pi"),
    ("sigaction", LibFn::Sigaction, Ret::Int, "ipp"),
    ("sigprocmask", LibFn::Sigprocmask, Ret::Int, "ipp"),
    ("sigsuspend", LibFn::Sigsuspend, Ret::Int, "p"),
    ("sigemptyset", LibFn::Sigemptyset, Ret::Int, "p"),
    ("sigfillset", LibFn::Sigfillset, Ret::Int, "p"),
    ("sigaddset", LibFn::Sigaddset, Ret::Int, "pi"),
    ("sigdelset", LibFn::Sigdelset, Ret::Int, "pi"),
    ("sigismember", LibFn::Sigismember, Ret::Int, "pi"),
    ("__assert_fail", LibFn::AssertFail, Ret::Void, "ppup"),
    ("strerror", LibFn::Strerror, Ret::CharPtr, "i"),
    ("fcntl", LibFn::Fcntl, Ret::Int, "ii."),
    ("setpgid", LibFn::Setpgid, Ret::Int, "ii"),
    ("getpgid", LibFn::Getpgid, Ret::Int, "i"),
    ("getrlimit", LibFn::Getrlimit, Ret::Int, "ip"),
    ("umask", LibFn::Umask, Ret::Int, "u"),
    ("chmod", LibFn::Chmod, Ret::Int, "pu"),
    ("setrlimit", LibFn::Setrlimit, Ret::Int, "ip"),
    ("sigpending", LibFn::Sigpending, Ret::Int, "p"),
    ("strdup", LibFn::Strdup, Ret::CharPtr, "p"),
    ("strndup", LibFn::Strndup, Ret::CharPtr, "pz"),
    ("isalpha", LibFn::Isalpha, Ret::Int, "i"),
    ("isdigit", LibFn::Isdigit, Ret::Int, "i"),
    ("isalnum", LibFn::Isalnum, Ret::Int, "i"),
    ("isspace", LibFn::Isspace, Ret::Int, "i"),
    ("isupper", LibFn::Isupper, Ret::Int, "i"),
    ("islower", LibFn::Islower, Ret::Int, "i"),
    ("ispunct", LibFn::Ispunct, Ret::Int, "i"),
    ("isprint", LibFn::Isprint, Ret::Int, "i"),
    ("isxdigit", LibFn::Isxdigit, Ret::Int, "i"),
    ("iscntrl", LibFn::Iscntrl, Ret::Int, "i"),
    ("isgraph", LibFn::Isgraph, Ret::Int, "i"),
    ("isblank", LibFn::Isblank, Ret::Int, "i"),
    ("toupper", LibFn::Toupper, Ret::Int, "i"),
    ("tolower", LibFn::Tolower, Ret::Int, "i"),
];

/// A library function's parameters.
#[derive(Debug, Clone, Copy)]
enum Params {
    /// As its prototype declares them, a letter each: `i` int, `u` unsigned int, `l` long,
    /// `z` size_t, `d` double, `p` a pointer; a final `.` for more arguments (`...`).
    Typed(&'static str),
    /// This many words, each promoted as an argument without a prototype (the functions
    /// ProcLab declares but does not simulate).
    Words(usize),
}

impl Params {
    /// How many arguments it takes: None for any number from the fixed ones on.
    fn arity(self) -> Option<usize> {
        match self {
            Params::Typed(spec) if spec.ends_with('.') => None,
            Params::Typed(spec) => Some(spec.len()),
            Params::Words(n) => Some(n),
        }
    }

    /// The fixed parameters' count.
    fn fixed(self) -> usize {
        match self {
            Params::Typed(spec) => spec.trim_end_matches('.').len(),
            Params::Words(n) => n,
        }
    }

    /// The type of parameter `i`: None past the fixed ones, or for a word.
    fn param(self, i: usize) -> Option<CType> {
        let Params::Typed(spec) = self else {
            return None;
        };
        Some(match spec.as_bytes().get(i)? {
            b'i' => INT,
            b'u' => CType::Int {
                size: 4,
                signed: false,
            },
            b'l' => LONG,
            b'z' => ULONG,
            b'd' => DOUBLE,
            b'p' => CType::Void.ptr_to(),
            _ => return None,
        })
    }
}

/// The library's functions a C program may call: each name and how many arguments it
/// takes (None: any number, as printf's).
pub fn library_functions() -> impl Iterator<Item = (&'static str, Option<usize>)> {
    let unsimulated = UNSIMULATED.iter().map(|u| (u.name, Some(u.arity)));
    let math = MATH_FUNCTIONS
        .iter()
        .map(|&(name, f)| (name, Some(f.arity())));
    LIBRARY
        .iter()
        .map(|&(name, _, _, spec)| (name, Params::Typed(spec).arity()))
        .chain(unsimulated)
        .chain(math)
}

/// The library function called `name`: what the machine runs for it, its return type and
/// its parameters. The functions ProcLab does not simulate are declared too, and fail with
/// ENOSYS.
fn library_entry(name: &str) -> Option<(LibFn, Ret, Params)> {
    if let Some(&(_, lib, ret, spec)) = LIBRARY.iter().find(|(n, ..)| *n == name) {
        return Some((lib, ret, Params::Typed(spec)));
    }
    let (index, function) = unsimulated::find(name)?;
    let ret = match function.fails {
        Fails::Null => Ret::VoidPtr,
        Fails::Nothing => Ret::Long,
        Fails::MinusOne | Fails::ErrorNumber | Fails::SystemError => Ret::Int,
    };
    Some((
        LibFn::Unsimulated(index),
        ret,
        Params::Words(function.arity),
    ))
}

/// A name the headers define as a constant (NULL, the standard streams, EXIT_*, WNOHANG,
/// Linux's errno and signal numbers, …), typed for C.
fn builtin_constant(name: &str) -> Option<(u64, CType)> {
    let (value, ty) = abi_headers::constant(name)?;
    let ty = match ty {
        ConstantType::Int => INT,
        ConstantType::Pointer => CType::Void.ptr_to(),
    };
    Some((value, ty))
}

/// Where a global's bytes are, before the layout is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Seg {
    Rodata,
    Data,
    Bss,
}

#[derive(Debug, Clone)]
struct Global {
    seg: Seg,
    offset: u64,
    ty: CType,
}

#[derive(Debug, Clone)]
struct FnInfo {
    label: usize,
    ret: CType,
    params: Vec<CType>,
    /// Takes more arguments after `params` (`...`).
    variadic: bool,
    defined: bool,
}

impl FnInfo {
    /// The function's type.
    fn ctype(&self) -> CType {
        CType::Func(Rc::new(Signature {
            ret: self.ret.clone(),
            params: self.params.clone(),
            variadic: self.variadic,
        }))
    }
}

/// A leaf of an initializer: a scalar from an expression, or a string's bytes in a char
/// array, at a byte offset within the object initialised.
enum Piece<'e> {
    Scalar(CType, &'e Expr, u64),
    Bytes(&'e [u8], u64),
}

/// How a binary operation is computed.
struct Plan {
    /// Conversions of the first operand evaluated.
    first: Vec<Op>,
    /// Conversions of the second.
    second: Vec<Op>,
    /// The operation itself.
    ops: Vec<Op>,
    /// The result type.
    result: CType,
    /// Evaluate the right operand first.
    swap: bool,
}

/// A variable a name refers to.
#[derive(Debug, Clone)]
enum Var {
    Local(i64, CType),
    Global(Global),
}

/// Compiles parsed translation units, linked into one program laid out for pages of
/// `page_size` bytes: their external functions and globals are shared (each defined once),
/// their `static` ones private to each.
pub fn generate(sources: &Sources, units: &[Unit], page_size: u64) -> Result<Program, Diagnostic> {
    let no_structs = BTreeMap::new();
    let mut g = Gen {
        sources,
        unit: 0,
        code: Vec::new(),
        lines: Vec::new(),
        labels: Vec::new(),
        jumps: Vec::new(),
        fn_addrs: Vec::new(),
        relocs: Vec::new(),
        data_relocs: Vec::new(),
        data_fn_relocs: Vec::new(),
        rodata: Vec::new(),
        data: Vec::new(),
        bss: RUNTIME_BSS,
        globals: BTreeMap::new(),
        externs: BTreeMap::new(),
        functions: BTreeMap::new(),
        scopes: Vec::new(),
        frame: 0,
        frame_max: 0,
        ret: CType::Void,
        func: String::new(),
        loops: Vec::new(),
        switches: Vec::new(),
        pos: Pos::at(1, 1),
        structs: &no_structs,
        types: BTreeMap::new(),
        goto_labels: BTreeMap::new(),
        gotos: Vec::new(),
    };
    g.globals.insert(
        "errno".to_owned(),
        Global {
            seg: Seg::Bss,
            offset: ERRNO_OFFSET,
            ty: INT,
        },
    );
    for (i, unit) in units.iter().enumerate() {
        g.enter_unit(i, unit);
        for f in &unit.functions {
            g.declare_function(f)?;
        }
    }
    for (i, unit) in units.iter().enumerate() {
        g.enter_unit(i, unit);
        for v in &unit.globals {
            g.global(v)?;
        }
    }
    let Some(main) = g
        .functions
        .get("main")
        .filter(|f| f.defined)
        .map(|f| f.label)
    else {
        return g.error(
            Pos::at(1, 1),
            "this program has no main function; add int main() { ... }",
        );
    };
    // _start: call main(argc, argv), then exit with its return value. Its instructions
    // belong to main's line: it is where the program starts.
    g.pos = units
        .iter()
        .flat_map(|u| &u.functions)
        .find(|f| f.name == "main" && f.body.is_some())
        .map_or(Pos::default(), |f| f.pos);
    // main(argc, argv) or main(argc, argv, envp), as glibc calls it.
    let main_args = g
        .function_named("main")
        .map_or(2, |f| f.params.len().clamp(2, 3));
    if main_args == 3 {
        g.emit(Op::PushReg(3));
    }
    g.emit(Op::PushReg(4));
    g.emit(Op::PushReg(5));
    let call = g.emit(Op::Call(0));
    g.jumps.push((call, main));
    g.emit(Op::AddSp(8 * main_args as u64));
    g.emit(Op::Push);
    g.emit(Op::Lib(LibFn::Exit, 1));
    // The trampoline a signal handler returns to.
    let sigreturn = g.emit(Op::Lib(LibFn::Sigreturn, 0));
    // The trampoline an atexit handler returns to.
    let exit_resume = g.emit(Op::Lib(LibFn::ExitResume, 0));
    let mut functions = Vec::new();
    for (i, unit) in units.iter().enumerate() {
        g.enter_unit(i, unit);
        for f in &unit.functions {
            if let Some(body) = &f.body {
                functions.push((
                    f.name.clone(),
                    TEXT_BASE + g.code.len() as u64 * INSTRUCTION_SIZE,
                ));
                g.function(f, body)?;
            }
        }
    }
    g.check_defined(units)?;
    let mut program = g.link(page_size, functions);
    program.sigreturn = Some(TEXT_BASE + sigreturn as u64 * INSTRUCTION_SIZE);
    program.exit_resume = Some(TEXT_BASE + exit_resume as u64 * INSTRUCTION_SIZE);
    Ok(program)
}

/// The key under which a file-private (`static`) name of unit `unit` is kept, beside the
/// program's external names.
fn private_key(name: &str, unit: usize) -> String {
    format!("{name}@{unit}")
}

/// The name a symbol key stands for (the key without its file or static-local suffix).
fn plain_name(key: &str) -> &str {
    key.split(['@', '.']).next().unwrap_or(key)
}

struct Gen<'a> {
    sources: &'a Sources,
    /// The index of the translation unit being compiled.
    unit: usize,
    code: Vec<Op>,
    lines: Vec<(SourceLine, u32)>,
    labels: Vec<Option<usize>>,
    /// (instruction index, label) pairs whose jump target is the label's address.
    jumps: Vec<(usize, usize)>,
    /// (instruction index, label): Imm instructions that hold a function's address.
    fn_addrs: Vec<(usize, usize)>,
    /// (instruction index, segment, offset): Imm instructions that hold an address.
    relocs: Vec<(usize, Seg, u64)>,
    /// (data offset, segment, offset): pointers stored in initialised data.
    data_relocs: Vec<(u64, Seg, u64)>,
    /// (data offset, label): function addresses stored in initialised data.
    data_fn_relocs: Vec<(u64, usize)>,
    rodata: Vec<u8>,
    data: Vec<u8>,
    bss: u64,
    /// Globals by key: a name, or a [`private_key`] for a file's `static` ones.
    globals: BTreeMap<String, Global>,
    /// Globals declared `extern` (with where), defined or not.
    externs: BTreeMap<String, Pos>,
    /// Functions by key, as globals.
    functions: BTreeMap<String, FnInfo>,
    scopes: Vec<BTreeMap<String, Var>>,
    frame: u64,
    frame_max: u64,
    ret: CType,
    /// The name of the function being compiled (`__func__`).
    func: String,
    /// (break label, continue label) of the enclosing loops and switches.
    loops: Vec<(usize, Option<usize>)>,
    /// Case labels of the enclosing switches, in order, and the default label.
    switches: Vec<(Vec<usize>, usize, Option<usize>)>,
    pos: Pos,
    structs: &'a BTreeMap<String, Rc<StructDef>>,
    /// The types [`Gen::type_of`] has found in the current function, by the expression's
    /// address (the syntax tree does not move while it is compiled).
    types: BTreeMap<usize, CType>,
    /// The current function's `goto` labels, by name.
    goto_labels: BTreeMap<String, usize>,
    /// The current function's gotos: the label each names, and where.
    gotos: Vec<(String, Pos)>,
}

type Res<T> = Result<T, Diagnostic>;

impl<'a> Gen<'a> {
    fn error<T>(&self, pos: Pos, message: impl Into<String>) -> Res<T> {
        Err(self.sources.error(pos, message))
    }

    /// Compiles unit `index` from here on: its private names and its struct tags.
    fn enter_unit(&mut self, index: usize, unit: &'a Unit) {
        self.unit = index;
        self.structs = &unit.structs;
    }

    /// Fails, as a linker would, if a function the program calls (or takes the address of)
    /// is defined by none of its files; one declared and never used needs no definition.
    fn check_defined(&mut self, units: &'a [Unit]) -> Res<()> {
        let used: BTreeSet<usize> = self
            .jumps
            .iter()
            .chain(&self.fn_addrs)
            .map(|&(_, label)| label)
            .collect();
        for (i, unit) in units.iter().enumerate() {
            self.enter_unit(i, unit);
            if let Some(f) = unit.functions.iter().find(|f| {
                self.function_named(&f.name)
                    .is_some_and(|info| !info.defined && used.contains(&info.label))
            }) {
                return self.error(
                    f.pos,
                    format!(
                        "function '{}' is declared and used, but no file of this program \
                         defines it; if another .c file does, make it part of the program",
                        f.name
                    ),
                );
            }
        }
        Ok(())
    }

    /// The key a name declared here at file scope has: private if `is_static`.
    fn file_key(&self, name: &str, is_static: bool) -> String {
        if is_static {
            private_key(name, self.unit)
        } else {
            name.to_owned()
        }
    }

    /// The global a file-scope name refers to in this unit: its own `static` one, else the
    /// program's.
    fn global_named(&self, name: &str) -> Option<&Global> {
        self.globals
            .get(&private_key(name, self.unit))
            .or_else(|| self.globals.get(name))
    }

    /// Why a name has no variable: never declared, or declared `extern` and defined by no
    /// file.
    fn undeclared(&self, name: &str) -> String {
        if self.externs.contains_key(name) {
            format!(
                "'{name}' is declared extern, but no file of this program defines it; define \
                 it in one file (without extern), or make the .c file that does part of the program"
            )
        } else {
            format!("'{name}' is not declared; declare it before using it, or check the spelling")
        }
    }

    /// The function a name refers to in this unit, as [`Gen::global_named`].
    fn function_named(&self, name: &str) -> Option<&FnInfo> {
        self.functions
            .get(&private_key(name, self.unit))
            .or_else(|| self.functions.get(name))
    }

    fn emit(&mut self, op: Op) -> usize {
        self.code.push(op);
        let line = SourceLine {
            file: self.pos.file,
            line: self.pos.line,
        };
        self.lines.push((line, self.pos.col));
        self.code.len() - 1
    }

    fn label(&mut self) -> usize {
        self.labels.push(None);
        self.labels.len() - 1
    }

    fn place(&mut self, label: usize) {
        self.labels[label] = Some(self.code.len());
    }

    fn jump(&mut self, op: fn(u64) -> Op, label: usize) {
        let at = self.emit(op(0));
        self.jumps.push((at, label));
    }

    fn address_of(&mut self, seg: Seg, offset: u64) {
        let at = self.emit(Op::Imm(0));
        self.relocs.push((at, seg, offset));
    }

    fn declare_function(&mut self, f: &Function) -> Res<()> {
        if library_entry(&f.name).is_some() {
            if f.body.is_some() {
                return self.error(
                    f.pos,
                    format!(
                        "'{}' is a C library function; give your function another name",
                        f.name
                    ),
                );
            }
            return Ok(());
        }
        let params: Vec<CType> = f.params.iter().map(|(_, t)| t.clone()).collect();
        if let Some(t) = params
            .iter()
            .chain([&f.ret])
            .find(|t| matches!(t, CType::Struct(_)))
        {
            return self.error(
                f.pos,
                format!(
                    "'{}' passes {t:#} by value, which is not supported yet; pass a pointer to it",
                    f.name
                ),
            );
        }
        let key = self.file_key(&f.name, f.is_static);
        if let Some(existing) = self.functions.get(&key) {
            if existing.params != params || existing.ret != f.ret || existing.variadic != f.variadic
            {
                return self.error(
                    f.pos,
                    format!("'{}' is declared twice with different types", f.name),
                );
            }
            if existing.defined && f.body.is_some() {
                return self.error(f.pos, format!("function '{}' is defined twice", f.name));
            }
        }
        let existing = self.functions.get(&key).map(|e| (e.label, e.defined));
        let label = match existing {
            Some((label, _)) => label,
            None => self.label(),
        };
        let defined = f.body.is_some() || existing.is_some_and(|(_, defined)| defined);
        self.functions.insert(
            key,
            FnInfo {
                label,
                ret: f.ret.clone(),
                params,
                variadic: f.variadic,
                defined,
            },
        );
        Ok(())
    }

    fn global(&mut self, v: &VarDecl) -> Res<()> {
        if v.is_extern {
            self.externs.entry(v.name.clone()).or_insert(v.pos);
            return Ok(());
        }
        let key = self.file_key(&v.name, v.is_static);
        if self.globals.contains_key(&key) || self.function_named(&v.name).is_some() {
            return self.error(v.pos, format!("'{}' is already declared", v.name));
        }
        let size = v.ty.size();
        let align = v.ty.align();
        let global = match &v.init {
            None => {
                self.bss = self.bss.div_ceil(align) * align;
                let g = Global {
                    seg: Seg::Bss,
                    offset: self.bss,
                    ty: v.ty.clone(),
                };
                self.bss += size;
                g
            }
            Some(init) => {
                let offset = (self.data.len() as u64).div_ceil(align) * align;
                self.data.resize((offset + size) as usize, 0);
                self.static_init(&v.ty, init, offset)?;
                Global {
                    seg: Seg::Data,
                    offset,
                    ty: v.ty.clone(),
                }
            }
        };
        self.globals.insert(key, global);
        Ok(())
    }

    /// Checks an initializer against its type and lists its leaves, each at its byte offset
    /// within the object.
    fn pieces<'e>(
        &self,
        ty: &CType,
        init: &'e Init,
        offset: u64,
        out: &mut Vec<Piece<'e>>,
    ) -> Res<()> {
        match (ty, init) {
            (CType::Array(elem, n), Init::List(items, pos)) => {
                self.array_pieces(elem, *n, items, *pos, offset, out)
            }
            (CType::Array(elem, n), Init::Designated(d, _)) => {
                self.array_pieces(elem, *n, std::slice::from_ref(init), d.pos(), offset, out)
            }
            (
                CType::Array(elem, n),
                Init::Expr(Expr {
                    kind: ExprKind::Str(s),
                    pos,
                }),
            ) if **elem == CHAR => {
                if s.len() as u64 > *n {
                    return self.error(*pos, format!("this string does not fit in {n} chars"));
                }
                out.push(Piece::Bytes(s, offset));
                Ok(())
            }
            (CType::Struct(def), Init::List(items, pos)) => {
                self.struct_pieces(ty, def, items, *pos, offset, out)
            }
            (CType::Struct(def), Init::Designated(d, _)) => {
                // A designator chain (.a.b = 1): the inner designator picks within the member.
                self.struct_pieces(ty, def, std::slice::from_ref(init), d.pos(), offset, out)
            }
            (_, Init::Expr(e)) if ty.is_scalar() || matches!(ty, CType::Struct(_)) => {
                out.push(Piece::Scalar(ty.clone(), e, offset));
                Ok(())
            }
            (_, Init::List(_, pos)) => self.error(
                *pos,
                format!("{ty:#} is initialised with a single value, not a list"),
            ),
            (_, Init::Designated(Designator::Member(_, p) | Designator::Index(_, p), _)) => self
                .error(
                    *p,
                    format!("a designator belongs in the list of a struct or array, not {ty:#}"),
                ),
            (_, Init::Expr(e)) => self.error(e.pos, format!("cannot initialise {ty:#} this way")),
        }
    }

    /// The pieces of an array's list of items (each after the one before, or at its
    /// `[index]`).
    fn array_pieces<'e>(
        &self,
        elem: &CType,
        n: u64,
        items: &'e [Init],
        pos: Pos,
        offset: u64,
        out: &mut Vec<Piece<'e>>,
    ) -> Res<()> {
        let mut at = 0u64;
        for item in items {
            let item = match item {
                Init::Designated(Designator::Index(i, _), inner) => {
                    at = *i;
                    &**inner
                }
                Init::Designated(Designator::Member(name, p), _) => {
                    return self.error(
                        *p,
                        format!("an array has no member '{name}'; use [index] = value"),
                    );
                }
                item => item,
            };
            if at >= n {
                return self.error(pos, format!("too many initializers for an array of {n}"));
            }
            self.pieces(elem, item, offset + at * elem.size(), out)?;
            at += 1;
        }
        Ok(())
    }

    /// The pieces of a struct's (or union's) list of items (each member after the one
    /// before, or at its `.name`).
    fn struct_pieces<'e>(
        &self,
        ty: &CType,
        def: &StructDef,
        items: &'e [Init],
        pos: Pos,
        offset: u64,
        out: &mut Vec<Piece<'e>>,
    ) -> Res<()> {
        let fields = def.layout.as_ref().map_or(&[][..], |l| &l.fields[..]);
        if def.is_union && items.len() > 1 {
            return self.error(
                pos,
                format!("{ty:#} holds one member at a time: give one value (or .member = value)"),
            );
        }
        let mut at = 0usize;
        for item in items {
            let item = match item {
                Init::Designated(Designator::Member(name, p), inner) => {
                    let Some(i) = fields.iter().position(|f| f.name == *name) else {
                        let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
                        return self.error(
                            *p,
                            format!(
                                "{ty} has no member '{name}'; its members are {}",
                                names.join(", ")
                            ),
                        );
                    };
                    at = i;
                    &**inner
                }
                Init::Designated(Designator::Index(_, p), _) => {
                    return self.error(*p, format!("{ty} is not an array; use .member = value"));
                }
                item => item,
            };
            let Some(field) = fields.get(at) else {
                return self.error(
                    pos,
                    format!(
                        "too many initializers for {ty}, which has {} members",
                        fields.len()
                    ),
                );
            };
            self.pieces(&field.ty, item, offset + field.offset, out)?;
            at += 1;
        }
        Ok(())
    }

    /// Writes a constant initializer into data at `offset`.
    fn static_init(&mut self, ty: &CType, init: &Init, offset: u64) -> Res<()> {
        let mut pieces = Vec::new();
        self.pieces(ty, init, 0, &mut pieces)?;
        for piece in pieces {
            match piece {
                Piece::Bytes(bytes, at) => {
                    let at = (offset + at) as usize;
                    self.data[at..at + bytes.len()].copy_from_slice(bytes);
                }
                Piece::Scalar(ty, e, at) => {
                    let at = offset + at;
                    let value = match &e.kind {
                        ExprKind::Str(s) if ty.is_pointer_like() => {
                            let literal = self.string_literal(s);
                            self.data_relocs.push((at, Seg::Rodata, literal));
                            continue;
                        }
                        _ if ty.is_pointer_like() && self.function_constant(e).is_some() => {
                            let label = self.function_constant(e).expect("just found");
                            self.data_fn_relocs.push((at, label));
                            continue;
                        }
                        _ if ty.is_pointer_like() && self.address_constant(e).is_some() => {
                            let (seg, target) = self.address_constant(e).expect("just found");
                            self.data_relocs.push((at, seg, target));
                            continue;
                        }
                        ExprKind::Name(n) if builtin_constant(n).is_some() => {
                            builtin_constant(n).map(|c| c.0 as i64)
                        }
                        ExprKind::CompoundLiteral(..) => {
                            return self.error(
                                e.pos,
                                "a compound literal outside a function is not supported yet; \
                                 give the object a name",
                            );
                        }
                        _ if ty.is_arithmetic() => arithmetic_initial(&ty, e),
                        _ => const_eval(e),
                    };
                    let Some(value) = value else {
                        return self.error(
                            e.pos,
                            "a global's initial value must be known before main runs: a constant, \
                             or an address such as &counter, table + 1 or &pair.b",
                        );
                    };
                    let size = ty.size() as usize;
                    let at = at as usize;
                    self.data[at..at + size].copy_from_slice(&value.to_le_bytes()[..size]);
                }
            }
        }
        Ok(())
    }

    /// The function an initializer names (`handler`, `&handler`, or either cast), by its
    /// label.
    fn function_constant(&self, e: &Expr) -> Option<usize> {
        match &e.kind {
            ExprKind::Name(n) if self.global_named(n).is_none() => {
                self.function_named(n).map(|f| f.label)
            }
            ExprKind::AddrOf(inner) | ExprKind::Cast(_, inner) => self.function_constant(inner),
            _ => None,
        }
    }

    /// The address an initializer names, as C allows in a global's initializer: a global
    /// array (its first element), `&global`, `&array[constant]`, `&object.member`, or one of
    /// these plus or minus a constant; its segment and offset there.
    fn address_constant(&self, e: &Expr) -> Option<(Seg, u64)> {
        match &e.kind {
            ExprKind::Name(n) => {
                let g = self.global_named(n)?;
                matches!(g.ty, CType::Array(..)).then_some((g.seg, g.offset))
            }
            ExprKind::AddrOf(inner) => {
                let (seg, at, _) = self.object_constant(inner)?;
                Some((seg, at))
            }
            ExprKind::Cast(_, inner) => self.address_constant(inner),
            ExprKind::Binary(op @ (BinOp::Add | BinOp::Sub), base, n) => {
                let (seg, at) = self.address_constant(base)?;
                let step = i64::try_from(self.pointee_size(base)?).ok()?;
                let n = const_eval(n)?;
                let moved = if matches!(op, BinOp::Add) {
                    n
                } else {
                    n.checked_neg()?
                };
                let at = i64::try_from(at)
                    .ok()?
                    .checked_add(moved.checked_mul(step)?)?;
                Some((seg, u64::try_from(at).ok()?))
            }
            _ => None,
        }
    }

    /// The global object an lvalue names at compile time (a global, an element of a global
    /// array at a constant index, a member of one): its segment, offset and type.
    fn object_constant(&self, e: &Expr) -> Option<(Seg, u64, CType)> {
        match &e.kind {
            ExprKind::Name(n) => {
                let g = self.global_named(n)?;
                Some((g.seg, g.offset, g.ty.clone()))
            }
            ExprKind::Index(base, index) => {
                let (seg, at, ty) = self.object_constant(base)?;
                let CType::Array(elem, count) = ty else {
                    return None;
                };
                let i = u64::try_from(const_eval(index)?)
                    .ok()
                    .filter(|&i| i <= count)?;
                Some((seg, at + i * elem.size(), *elem))
            }
            ExprKind::Member {
                base,
                field,
                arrow: false,
            } => {
                let (seg, at, ty) = self.object_constant(base)?;
                let CType::Struct(def) = ty else {
                    return None;
                };
                let f = def.field(field)?;
                Some((seg, at + f.offset, f.ty.clone()))
            }
            _ => None,
        }
    }

    /// The size of what an address constant points to, for its arithmetic.
    fn pointee_size(&self, e: &Expr) -> Option<u64> {
        match &e.kind {
            ExprKind::Name(n) => self.global_named(n)?.ty.pointee().map(CType::size),
            ExprKind::AddrOf(inner) => Some(self.object_constant(inner)?.2.size()),
            ExprKind::Cast(ty, _) => ty.pointee().map(CType::size),
            ExprKind::Binary(_, base, _) => self.pointee_size(base),
            _ => None,
        }
    }

    /// Puts a string literal (with its NUL) in rodata; returns its offset.
    fn string_literal(&mut self, s: &[u8]) -> u64 {
        let at = self.rodata.len() as u64;
        self.rodata.extend_from_slice(s);
        self.rodata.push(0);
        at
    }

    fn function(&mut self, f: &Function, body: &Stmt) -> Res<()> {
        self.pos = f.pos;
        let info = self
            .function_named(&f.name)
            .expect("every function is declared first")
            .clone();
        self.place(info.label);
        self.ret = f.ret.clone();
        self.func = f.name.clone();
        self.frame = 0;
        self.frame_max = 0;
        self.types.clear();
        let enter = self.emit(Op::Enter(0));
        let mut params = BTreeMap::new();
        for (i, (name, ty)) in f.params.iter().enumerate() {
            if !name.is_empty() {
                params.insert(name.clone(), Var::Local(16 + 8 * i as i64, ty.clone()));
            }
        }
        self.scopes.push(params);
        self.statement(body)?;
        self.scopes.pop();
        self.check_gotos()?;
        // Falling off the end returns 0 (as main must) or garbage-free 0 for others.
        self.emit(Op::Imm(0));
        self.emit(Op::Return);
        self.code[enter] = Op::Enter(self.frame_max.div_ceil(16) * 16);
        Ok(())
    }

    /// The label of `name:` in the current function, made at its first mention (a goto may
    /// jump forward to it).
    fn goto_label(&mut self, name: &str) -> usize {
        if let Some(&label) = self.goto_labels.get(name) {
            return label;
        }
        let label = self.label();
        self.goto_labels.insert(name.to_owned(), label);
        label
    }

    /// Every goto of the function just compiled has its label; the labels are forgotten.
    fn check_gotos(&mut self) -> Res<()> {
        let gotos = std::mem::take(&mut self.gotos);
        let labels = std::mem::take(&mut self.goto_labels);
        for (name, pos) in gotos {
            if self.labels[labels[&name]].is_none() {
                return self.error(
                    pos,
                    format!("goto {name}: this function has no label '{name}:'"),
                );
            }
        }
        Ok(())
    }

    fn lookup(&self, name: &str) -> Option<Var> {
        for scope in self.scopes.iter().rev() {
            if let Some(v) = scope.get(name) {
                return Some(v.clone());
            }
        }
        self.global_named(name).cloned().map(Var::Global)
    }

    fn local(&mut self, v: &VarDecl) -> Res<()> {
        if self.scopes.last().is_some_and(|s| s.contains_key(&v.name)) {
            return self.error(
                v.pos,
                format!("'{}' is already declared in this block", v.name),
            );
        }
        if v.is_extern {
            // Refers to the file-scope variable of that name, defined in some file.
            return Ok(());
        }
        if v.is_static {
            let name = format!("{}.static{}", v.name, self.globals.len());
            self.global(&VarDecl {
                name: name.clone(),
                is_static: false,
                ..v.clone()
            })?;
            let g = self.globals[&name].clone();
            self.scopes
                .last_mut()
                .expect("in a function")
                .insert(v.name.clone(), Var::Global(g));
            return Ok(());
        }
        let align = v.ty.align();
        self.frame = (self.frame + v.ty.size()).div_ceil(align) * align;
        self.frame_max = self.frame_max.max(self.frame);
        let offset = -(self.frame as i64);
        self.scopes
            .last_mut()
            .expect("in a function")
            .insert(v.name.clone(), Var::Local(offset, v.ty.clone()));
        if let Some(init) = &v.init {
            self.pos = v.pos;
            self.local_init(&v.ty, init, offset)?;
        }
        Ok(())
    }

    /// Emits the code that initialises a local at `offset` from rbp: an array is zeroed
    /// first, as C requires for the elements an initializer leaves out.
    fn local_init(&mut self, ty: &CType, init: &Init, offset: i64) -> Res<()> {
        let mut pieces = Vec::new();
        self.pieces(ty, init, 0, &mut pieces)?;
        if matches!(ty, CType::Array(..) | CType::Struct(_)) {
            self.emit(Op::FrameAddr(offset));
            self.emit(Op::Zero(ty.size()));
        }
        for piece in pieces {
            match piece {
                Piece::Bytes(bytes, at) => {
                    for (i, b) in bytes.iter().enumerate() {
                        self.emit(Op::FrameAddr(offset + (at as usize + i) as i64));
                        self.emit(Op::Push);
                        self.emit(Op::Imm(u64::from(*b)));
                        self.emit(Op::Store { size: 1 });
                    }
                }
                Piece::Scalar(ty, e, at) if is_setjmp_call(e) && ty.is_scalar() => {
                    self.store_setjmp(offset + at as i64, &ty, e)?;
                }
                Piece::Scalar(ty, e, at) => {
                    self.emit(Op::FrameAddr(offset + at as i64));
                    self.emit(Op::Push);
                    let from = self.expr(e)?;
                    self.convert_for_assign(&from, &ty, e.pos)?;
                    self.store_value(&ty);
                }
            }
        }
        Ok(())
    }

    fn statement(&mut self, s: &Stmt) -> Res<()> {
        self.pos = s.pos;
        match &s.kind {
            StmtKind::Block(stmts) => {
                self.scopes.push(BTreeMap::new());
                let frame = self.frame;
                for st in stmts {
                    self.statement(st)?;
                }
                self.frame = frame;
                self.scopes.pop();
            }
            StmtKind::Decl(decls) => {
                for d in decls {
                    self.local(d)?;
                }
            }
            StmtKind::Expr(e) => {
                self.expr(e)?;
            }
            StmtKind::If(cond, then, other) => self.if_else(cond, then, other.as_deref())?,
            StmtKind::While(cond, body) => self.while_loop(cond, body)?,
            StmtKind::DoWhile(body, cond) => self.do_while(body, cond)?,
            StmtKind::For(init, cond, step, body) => {
                self.for_loop(s, init.as_deref(), cond.as_ref(), step.as_ref(), body)?
            }
            StmtKind::Switch(value, body) => self.switch(value, body)?,
            StmtKind::Case(_) => {
                let Some((labels, next, _)) = self.switches.last_mut() else {
                    return self.error(s.pos, "'case' is only allowed inside a switch");
                };
                let label = labels[*next];
                *next += 1;
                self.place(label);
            }
            StmtKind::Default => {
                let Some((_, _, Some(label))) = self.switches.last().cloned() else {
                    return self.error(s.pos, "'default' is only allowed inside a switch");
                };
                self.place(label);
            }
            StmtKind::Break => {
                let Some(&(end, _)) = self.loops.last() else {
                    return self.error(s.pos, "'break' is only allowed inside a loop or a switch");
                };
                self.jump(Op::Jump, end);
            }
            StmtKind::Continue => {
                let Some(next) = self.loops.iter().rev().find_map(|(_, c)| *c) else {
                    return self.error(s.pos, "'continue' is only allowed inside a loop");
                };
                self.jump(Op::Jump, next);
            }
            StmtKind::Return(value) => self.return_value(value.as_ref())?,
            StmtKind::Labeled(name, body) => {
                let label = self.goto_label(name);
                if self.labels[label].is_some() {
                    return self.error(
                        s.pos,
                        format!("label '{name}' is defined twice in this function"),
                    );
                }
                self.place(label);
                self.statement(body)?;
            }
            StmtKind::Goto(name) => {
                let label = self.goto_label(name);
                self.gotos.push((name.clone(), s.pos));
                self.jump(Op::Jump, label);
            }
            StmtKind::Empty => {}
        }
        Ok(())
    }

    /// `if (cond) then else other`.
    fn if_else(&mut self, cond: &Expr, then: &Stmt, other: Option<&Stmt>) -> Res<()> {
        let (else_label, end) = (self.label(), self.label());
        self.condition(cond)?;
        self.jump(Op::JumpIfZero, else_label);
        self.statement(then)?;
        self.jump(Op::Jump, end);
        self.place(else_label);
        if let Some(other) = other {
            self.statement(other)?;
        }
        self.place(end);
        Ok(())
    }

    /// `while (cond) body`.
    fn while_loop(&mut self, cond: &Expr, body: &Stmt) -> Res<()> {
        let (top, end) = (self.label(), self.label());
        self.place(top);
        self.condition(cond)?;
        self.jump(Op::JumpIfZero, end);
        self.loops.push((end, Some(top)));
        self.statement(body)?;
        self.loops.pop();
        self.jump(Op::Jump, top);
        self.place(end);
        Ok(())
    }

    /// `do body while (cond);`.
    fn do_while(&mut self, body: &Stmt, cond: &Expr) -> Res<()> {
        let (top, next, end) = (self.label(), self.label(), self.label());
        self.place(top);
        self.loops.push((end, Some(next)));
        self.statement(body)?;
        self.loops.pop();
        self.place(next);
        self.condition(cond)?;
        self.jump(Op::JumpIfNotZero, top);
        self.place(end);
        Ok(())
    }

    /// `for (init; cond; step) body`, in its own scope.
    fn for_loop(
        &mut self,
        s: &Stmt,
        init: Option<&Stmt>,
        cond: Option<&Expr>,
        step: Option<&Expr>,
        body: &Stmt,
    ) -> Res<()> {
        self.scopes.push(BTreeMap::new());
        let frame = self.frame;
        if let Some(init) = init {
            self.statement(init)?;
        }
        let (top, next, end) = (self.label(), self.label(), self.label());
        self.place(top);
        if let Some(cond) = cond {
            self.pos = cond.pos;
            self.condition(cond)?;
            self.jump(Op::JumpIfZero, end);
        }
        self.loops.push((end, Some(next)));
        self.statement(body)?;
        self.loops.pop();
        self.place(next);
        if let Some(step) = step {
            self.pos = step.pos;
            self.expr(step)?;
        }
        // The jump back belongs to the `for` line, as gcc's line table has it, so
        // stepping by line stops there on every turn of the loop.
        self.pos = s.pos;
        self.jump(Op::Jump, top);
        self.place(end);
        self.frame = frame;
        self.scopes.pop();
        Ok(())
    }

    /// `switch (value) body`: the value in a hidden local, compared with each case in turn.
    fn switch(&mut self, value: &Expr, body: &Stmt) -> Res<()> {
        let ty = self.type_of(value)?;
        if !ty.is_integer() {
            return self.error(value.pos, format!("switch needs an integer, not {ty:#}"));
        }
        let ty = ty.promote();
        let convert = Op::Convert {
            size: ty.size() as u8,
            signed: is_signed(&ty),
        };
        // The value is kept in a hidden local while the cases are compared.
        self.frame += 8;
        self.frame_max = self.frame_max.max(self.frame);
        let slot = -(self.frame as i64);
        // Stored by its offset, with nothing kept on the stack across the value's
        // evaluation: `switch (setjmp(env))` comes back here a second time.
        self.expr(value)?;
        self.emit(convert.clone());
        self.emit(Op::StoreLocal {
            offset: slot,
            size: 8,
        });
        let mut cases = Vec::new();
        let mut has_default = false;
        collect_cases(body, &mut cases, &mut has_default);
        let end = self.label();
        let labels: Vec<usize> = cases.iter().map(|_| self.label()).collect();
        let default = has_default.then(|| self.label());
        for (case, label) in cases.iter().zip(&labels) {
            self.emit(Op::FrameAddr(slot));
            self.emit(Op::Load {
                size: 8,
                signed: true,
            });
            self.emit(Op::Push);
            self.emit(Op::Imm(*case as u64));
            self.emit(convert.clone());
            self.emit(Op::Bin(VmBin::Eq));
            self.jump(Op::JumpIfNotZero, *label);
        }
        self.jump(Op::Jump, default.unwrap_or(end));
        self.switches.push((labels, 0, default));
        self.loops.push((end, None));
        self.statement(body)?;
        self.loops.pop();
        self.switches.pop();
        self.place(end);
        Ok(())
    }

    /// `return value;`.
    fn return_value(&mut self, value: Option<&Expr>) -> Res<()> {
        let ret = self.ret.clone();
        match (value, &ret) {
            (Some(e), CType::Void) => {
                return self.error(
                    e.pos,
                    "this function returns void, so it cannot return a value",
                );
            }
            (Some(e), _) => {
                let t = self.expr(e)?;
                self.convert_for_assign(&t, &ret, e.pos)?;
            }
            (None, _) => {
                self.emit(Op::Imm(0));
            }
        }
        self.emit(Op::Return);
        Ok(())
    }

    /// Evaluates a condition into rax (non-zero is true).
    fn condition(&mut self, e: &Expr) -> Res<()> {
        let t = self.expr(e)?;
        if !t.is_scalar() {
            return self.error(
                e.pos,
                format!("a condition must be a number or a pointer, not {t:#}"),
            );
        }
        self.truth(&t);
        Ok(())
    }

    /// Converts the value in rax from `from` to `to` for an assignment, or says why not.
    fn convert_for_assign(&mut self, from: &CType, to: &CType, pos: Pos) -> Res<()> {
        match (from, to) {
            _ if from.is_arithmetic() && to.is_arithmetic() => {
                self.convert(from, to);
                Ok(())
            }
            (CType::Ptr(_), CType::Ptr(_)) => Ok(()),
            // A pointer made a _Bool is whether it is null.
            (CType::Ptr(_), CType::Bool) => {
                self.convert(from, to);
                Ok(())
            }
            (CType::Struct(a), CType::Struct(b)) if a.key() == b.key() => Ok(()),
            (CType::Int { .. }, CType::Ptr(_)) | (CType::Ptr(_), CType::Int { .. }) => Ok(()),
            _ => self.error(pos, format!("cannot use {from:#} where {to:#} is expected")),
        }
    }

    /// Stores the value in rax at the address on the stack: a struct's value is its
    /// address, so it is copied member by member.
    fn store_value(&mut self, ty: &CType) {
        match ty {
            CType::Struct(_) => {
                self.emit(Op::Copy(ty.size()));
            }
            CType::Float { size: 4 } => {
                // A float is stored as its 4 bytes; rax keeps the value as a double.
                self.emit(Op::Float(FloatOp::Narrow));
                self.emit(Op::Store { size: 4 });
                self.emit(Op::Float(FloatOp::Widen));
            }
            _ => {
                self.emit(Op::Store {
                    size: ty.size() as u8,
                });
            }
        }
    }

    /// Emits the instructions that convert an arithmetic value in rax from one type to
    /// another (see [`conversion`]).
    fn convert(&mut self, from: &CType, to: &CType) {
        for op in conversion(from, to) {
            self.emit(op);
        }
    }

    /// Loads the scalar of type `ty` at the address in rax: a float as the double it is.
    fn load_scalar(&mut self, ty: &CType) {
        self.emit(Op::Load {
            size: ty.size() as u8,
            signed: is_signed(ty),
        });
        if *ty == (CType::Float { size: 4 }) {
            self.emit(Op::Float(FloatOp::Widen));
        }
    }

    /// Turns the scalar in rax into 0 or non-zero as a condition tests it: a double is
    /// true when it is not zero (-0.0 is zero), whatever its bits.
    fn truth(&mut self, t: &CType) {
        if t.is_floating() {
            self.emit(Op::Float(FloatOp::IsTrue));
        }
    }

    /// The type with every struct it names completed: a member that points to its own
    /// struct was declared before the struct's body was finished.
    fn complete(&self, ty: &CType) -> CType {
        match ty {
            CType::Struct(def) if def.layout.is_none() => self
                .structs
                .get(&def.key())
                .map_or_else(|| ty.clone(), |d| CType::Struct(d.clone())),
            CType::Ptr(inner) => self.complete(inner).ptr_to(),
            CType::Array(inner, n) => CType::Array(Box::new(self.complete(inner)), *n),
            other => other.clone(),
        }
    }

    /// Leaves the address of an lvalue in rax; returns the object's type.
    fn addr(&mut self, e: &Expr) -> Res<CType> {
        self.pos = e.pos;
        match &e.kind {
            ExprKind::Name(name) => match self.lookup(name) {
                Some(Var::Local(offset, ty)) => {
                    self.emit(Op::FrameAddr(offset));
                    Ok(ty)
                }
                Some(Var::Global(g)) => {
                    self.address_of(g.seg, g.offset);
                    Ok(g.ty)
                }
                None if self.function_named(name).is_some() => {
                    let f = self.function_named(name).cloned().expect("just found");
                    let at = self.emit(Op::Imm(0));
                    self.fn_addrs.push((at, f.label));
                    Ok(f.ctype())
                }
                None if name == "environ" => self.error(
                    e.pos,
                    "ProcLab's environ can be read but not assigned or pointed to; change the \
                     environment with setenv, unsetenv or putenv",
                ),
                None => self.error(e.pos, self.undeclared(name)),
            },
            ExprKind::Deref(p) => {
                let t = self.expr(p)?;
                match t {
                    CType::Ptr(inner) if *inner == CType::Void => self.error(e.pos, "cannot dereference a void pointer; cast it first"),
                    CType::Ptr(inner) => Ok(*inner),
                    other => self.error(e.pos, format!("cannot dereference {other:#}: only pointers can be")),
                }
            }
            ExprKind::Index(base, index) => {
                let (bt, it) = {
                    let bt = self.expr(base)?;
                    self.emit(Op::Push);
                    let it = self.expr(index)?;
                    (bt, it)
                };
                let (ptr, int) = match (&bt, &it) {
                    (CType::Ptr(_), CType::Int { .. }) => (bt.clone(), it.clone()),
                    _ => return self.error(e.pos, format!("cannot index {bt:#} with {it:#}")),
                };
                let elem = ptr.pointee().expect("pointer").clone();
                self.emit(Op::Convert { size: 8, signed: is_signed(&int) });
                self.emit(Op::MulImm(elem.size() as i64));
                self.emit(Op::Bin(VmBin::Add));
                Ok(elem)
            }
            ExprKind::Str(s) => {
                let at = self.string_literal(s);
                self.address_of(Seg::Rodata, at);
                Ok(CType::Array(Box::new(CHAR), s.len() as u64 + 1))
            }
            ExprKind::Member { base, field, arrow } => {
                let t = if *arrow { self.expr(base)? } else { self.addr(base)? };
                let def = match (self.complete(&t), arrow) {
                    (CType::Ptr(inner), true) => match *inner {
                        CType::Struct(def) => def,
                        other => return self.error(e.pos, format!("'->' needs a pointer to a struct, but this points to {other:#}")),
                    },
                    (CType::Struct(def), false) => def,
                    (CType::Struct(_), true) => return self.error(e.pos, format!("this is {t:#}, not a pointer: use '.' instead of '->'")),
                    (CType::Ptr(inner), false) if matches!(*inner, CType::Struct(_)) => return self.error(e.pos, format!("this is {t:#}: use '->' instead of '.'")),
                    (other, _) => return self.error(e.pos, format!("{other:#} has no members; only structs do")),
                };
                let whole = CType::Struct(def.clone());
                if def.layout.is_none() {
                    return self.error(e.pos, format!("{whole} is declared but its members are not; define it first"));
                }
                let Some(f) = def.field(field) else {
                    let names: Vec<&str> = def.layout.iter().flat_map(|l| &l.fields).map(|f| f.name.as_str()).collect();
                    return self.error(e.pos, format!("{whole} has no member '{field}'; its members are {}", names.join(", ")));
                };
                if f.offset != 0 {
                    self.emit(Op::AddImm(f.offset as i64));
                }
                Ok(self.complete(&f.ty))
            }
            ExprKind::CompoundLiteral(ty, init) => self.compound_literal(ty, init, e.pos),
            _ => self.error(e.pos, "this expression is a value, not a variable: it cannot be assigned to or have its address taken"),
        }
    }

    /// `(type){ items }`: a hidden local of the type, initialised as a declared one would
    /// be, its address in rax; it lives until the end of the enclosing block.
    fn compound_literal(&mut self, ty: &CType, init: &Init, pos: Pos) -> Res<CType> {
        if self.scopes.is_empty() {
            return self.error(
                pos,
                "a compound literal outside a function is not supported yet; give the object a name",
            );
        }
        let ty = self.complete(ty);
        if !ty.is_complete() || ty.size() == 0 {
            return self.error(
                pos,
                format!("a compound literal needs a complete type, not {ty}"),
            );
        }
        let align = ty.align();
        self.frame = (self.frame + ty.size()).div_ceil(align) * align;
        self.frame_max = self.frame_max.max(self.frame);
        let offset = -(self.frame as i64);
        self.local_init(&ty, init, offset)?;
        self.emit(Op::FrameAddr(offset));
        Ok(ty)
    }

    /// Loads the object whose address is in rax (arrays decay to their address).
    fn load(&mut self, ty: &CType) -> CType {
        match ty {
            CType::Array(..) | CType::Func(_) => ty.decay(),
            CType::Struct(_) => ty.clone(),
            _ => {
                self.load_scalar(ty);
                ty.clone()
            }
        }
    }

    /// Evaluates an expression into rax; returns its (decayed) type.
    fn expr(&mut self, e: &Expr) -> Res<CType> {
        self.pos = e.pos;
        match &e.kind {
            ExprKind::Int(v, ty) => {
                self.emit(Op::Imm(*v));
                Ok(ty.clone())
            }
            ExprKind::Float(v, ty) => {
                self.emit(Op::Imm(v.to_bits()));
                Ok(ty.clone())
            }
            ExprKind::Name(name) if self.lookup(name).is_none() => self.global_name(name, e.pos),
            ExprKind::Name(_)
            | ExprKind::Index(..)
            | ExprKind::Deref(_)
            | ExprKind::Str(_)
            | ExprKind::Member { .. }
            | ExprKind::CompoundLiteral(..) => {
                let ty = self.addr(e)?;
                Ok(self.load(&ty))
            }
            ExprKind::AddrOf(inner) => {
                let ty = self.addr(inner)?;
                Ok(ty.ptr_to())
            }
            ExprKind::Unary(op, x) => self.unary(*op, x),
            ExprKind::Binary(BinOp::LogAnd | BinOp::LogOr, a, b) => self.logical(e, a, b),
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, e.pos),
            ExprKind::Assign(op, target, value) => self.assign(*op, target, value, e.pos),
            ExprKind::IncDec {
                prefix,
                delta,
                target,
            } => self.inc_dec(*prefix, *delta, target),
            ExprKind::Cond(c, a, b) => self.conditional(c, a, b),
            ExprKind::Call(name, args) => self.call(name, args, e.pos),
            ExprKind::CallThrough(callee, args) => self.call_through(callee, args, e.pos),
            ExprKind::Cast(to, x) => self.cast(to, x, e.pos),
            ExprKind::SizeofType(t) => {
                self.emit(Op::Imm(t.size()));
                Ok(ULONG)
            }
            ExprKind::SizeofExpr(x) => {
                let t = self.type_of(x)?;
                self.emit(Op::Imm(t.size()));
                Ok(ULONG)
            }
            ExprKind::Comma(a, b) => {
                self.expr(a)?;
                self.expr(b)
            }
            ExprKind::Statements(block) => self.statement_expression(block),
        }
    }

    /// `({ ...; value; })`: the block's statements in a scope of their own; the value is
    /// the last one's, when it is an expression (else the whole has type void).
    fn statement_expression(&mut self, block: &Stmt) -> Res<CType> {
        let StmtKind::Block(stmts) = &block.kind else {
            return self.error(
                block.pos,
                "a statement expression is a block in parentheses",
            );
        };
        if self.scopes.is_empty() {
            return self.error(
                block.pos,
                "a statement expression can only be used inside a function",
            );
        }
        self.scopes.push(BTreeMap::new());
        let frame = self.frame;
        let (last, rest) = match stmts.split_last() {
            Some((last, rest)) => (Some(last), rest),
            None => (None, &stmts[..]),
        };
        for st in rest {
            self.statement(st)?;
        }
        let ty = match last {
            Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) => self.expr(e)?,
            Some(st) => {
                self.statement(st)?;
                CType::Void
            }
            None => CType::Void,
        };
        self.frame = frame;
        self.scopes.pop();
        Ok(ty)
    }

    /// A name no variable has: a function's address, or a constant of the headers.
    fn global_name(&mut self, name: &str, pos: Pos) -> Res<CType> {
        if name == "__func__" {
            // C99's predefined identifier: the enclosing function's name.
            let at = self.string_literal(&self.func.clone().into_bytes());
            self.address_of(Seg::Rodata, at);
            return Ok(CHAR.ptr_to());
        }
        if let Some(f) = self.function_named(name).cloned() {
            // A function's name is its address: a pointer to it.
            let at = self.emit(Op::Imm(0));
            self.fn_addrs.push((at, f.label));
            return Ok(f.ctype().ptr_to());
        }
        if name == "environ" {
            // glibc's `char **environ`, kept by the C runtime: read through it.
            self.emit(Op::Lib(LibFn::Environ, 0));
            return Ok(CHAR.ptr_to().ptr_to());
        }
        match builtin_constant(name) {
            Some((v, ty)) => {
                self.emit(Op::Imm(v));
                Ok(ty)
            }
            None => self.error(pos, self.undeclared(name)),
        }
    }

    /// `!x`, `-x`, `~x`, `+x`: with the operand's integer promotion.
    fn unary(&mut self, op: UnOp, x: &Expr) -> Res<CType> {
        let t = self.expr(x)?;
        match op {
            UnOp::Not => {
                self.scalar(&t, x.pos)?;
                self.truth(&t);
                self.emit(Op::Not);
                Ok(INT)
            }
            UnOp::Neg | UnOp::Plus if t.is_floating() => {
                if op == UnOp::Neg {
                    self.emit(Op::Float(FloatOp::Neg));
                }
                Ok(t)
            }
            UnOp::BitNot if t.is_floating() => self.error(
                x.pos,
                format!(
                    "'~' needs an integer, not {t:#}: a floating value has no bits to flip in C"
                ),
            ),
            _ => {
                if !t.is_integer() {
                    return self.error(x.pos, format!("cannot apply this operator to {t:#}"));
                }
                let t = t.promote();
                match op {
                    UnOp::Neg => self.emit(Op::Neg),
                    UnOp::BitNot => self.emit(Op::BitNot),
                    _ => self.code.len(),
                };
                self.emit(Op::Convert {
                    size: t.size() as u8,
                    signed: is_signed(&t),
                });
                Ok(t)
            }
        }
    }

    /// `a && b`, `a || b`: the right side only when the left does not decide.
    fn logical(&mut self, e: &Expr, a: &Expr, b: &Expr) -> Res<CType> {
        let is_and = matches!(e.kind, ExprKind::Binary(BinOp::LogAnd, ..));
        let (short, end) = (self.label(), self.label());
        let ta = self.expr(a)?;
        self.scalar(&ta, a.pos)?;
        self.truth(&ta);
        self.jump(
            if is_and {
                Op::JumpIfZero
            } else {
                Op::JumpIfNotZero
            },
            short,
        );
        let tb = self.expr(b)?;
        self.scalar(&tb, b.pos)?;
        self.truth(&tb);
        self.emit(Op::Not);
        self.emit(Op::Not);
        self.jump(Op::Jump, end);
        self.place(short);
        self.emit(Op::Imm(u64::from(!is_and)));
        self.place(end);
        Ok(INT)
    }

    /// A binary operation, its operands converted as its plan says.
    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, pos: Pos) -> Res<CType> {
        let (ta, tb) = (self.type_of(a)?, self.type_of(b)?);
        let plan = self.plan(op, &ta, &tb, pos)?;
        let (first, second) = if plan.swap { (b, a) } else { (a, b) };
        self.expr(first)?;
        plan.first.iter().for_each(|op| {
            self.emit(op.clone());
        });
        self.emit(Op::Push);
        self.expr(second)?;
        self.finish(plan)
    }

    /// `target = value`, or a compound assignment such as `+=`.
    fn assign(&mut self, op: Option<BinOp>, target: &Expr, value: &Expr, pos: Pos) -> Res<CType> {
        if op.is_none()
            && let Some((offset, ty)) = self.setjmp_into_local(target, value)
        {
            return self.store_setjmp(offset, &ty, value);
        }
        let ty = self.addr(target)?;
        if matches!(ty, CType::Array(..)) {
            return self.error(
                target.pos,
                "an array cannot be assigned to; copy its elements instead",
            );
        }
        self.emit(Op::Push);
        let vt = match op {
            None => self.expr(value)?,
            Some(op) => {
                let rt = self.type_of(value)?;
                let plan = self.plan(op, &ty, &rt, pos)?;
                if plan.swap {
                    return self.error(
                        pos,
                        format!("cannot apply this operator to {ty:#} and {rt:#}"),
                    );
                }
                self.load_scalar(&ty);
                plan.first.iter().for_each(|op| {
                    self.emit(op.clone());
                });
                self.emit(Op::Push);
                self.expr(value)?;
                self.finish(plan)?
            }
        };
        self.convert_for_assign(&vt, &ty, value.pos)?;
        self.store_value(&ty);
        Ok(ty)
    }

    /// The local scalar `target` names, when `value` is a call of setjmp's family: the
    /// result then goes straight into the local, since setjmp returns a second time when
    /// whatever the expression kept on the stack may have been overwritten.
    fn setjmp_into_local(&self, target: &Expr, value: &Expr) -> Option<(i64, CType)> {
        let ExprKind::Name(name) = &target.kind else {
            return None;
        };
        match self.lookup(name)? {
            Var::Local(offset, ty)
                if ty.is_scalar() && !ty.is_floating() && is_setjmp_call(value) =>
            {
                Some((offset, ty))
            }
            _ => None,
        }
    }

    /// `local = setjmp(env)`: the call, then its value stored in the local by its offset.
    fn store_setjmp(&mut self, offset: i64, ty: &CType, value: &Expr) -> Res<CType> {
        let vt = self.expr(value)?;
        self.convert_for_assign(&vt, ty, value.pos)?;
        self.emit(Op::StoreLocal {
            offset,
            size: ty.size() as u8,
        });
        Ok(ty.clone())
    }

    /// `++x`, `x--`, …: pointers step by their target's size.
    fn inc_dec(&mut self, prefix: bool, delta: i64, target: &Expr) -> Res<CType> {
        let ty = self.addr(target)?;
        if !ty.is_scalar() {
            return self.error(target.pos, format!("cannot increment {ty:#}"));
        }
        if ty.is_floating() || ty == CType::Bool {
            self.kept_inc_dec(prefix, delta, &ty);
            return Ok(ty);
        }
        let step = match &ty {
            CType::Ptr(inner) => delta * inner.size() as i64,
            _ => delta,
        };
        self.emit(Op::Push);
        self.emit(Op::Load {
            size: ty.size() as u8,
            signed: is_signed(&ty),
        });
        self.emit(Op::AddImm(step));
        if let CType::Int { size, signed } = ty {
            self.emit(Op::Convert { size, signed });
        }
        self.emit(Op::Store {
            size: ty.size() as u8,
        });
        if !prefix {
            self.emit(Op::AddImm(-step));
            if let CType::Int { size, signed } = ty {
                self.emit(Op::Convert { size, signed });
            }
        }
        Ok(ty)
    }

    /// `++x`, `x--`, … of a floating or _Bool variable (its address in rax): 1 added (1.0
    /// to a double; a _Bool becomes 1 unless that made it 0), the old value kept in a hidden
    /// local for the postfix forms (undoing the step would not give it back).
    fn kept_inc_dec(&mut self, prefix: bool, delta: i64, ty: &CType) {
        self.frame += 8;
        self.frame_max = self.frame_max.max(self.frame);
        let old = -(self.frame as i64);
        self.frame -= 8;
        self.emit(Op::Push);
        self.load_scalar(ty);
        if !prefix {
            self.emit(Op::StoreLocal {
                offset: old,
                size: 8,
            });
        }
        if ty.is_floating() {
            self.emit(Op::Push);
            self.emit(Op::Imm((delta as f64).to_bits()));
            self.emit(Op::Bin(VmBin::FAdd));
            self.convert(&DOUBLE, ty);
        } else {
            self.emit(Op::AddImm(delta));
            self.convert(&INT, ty);
        }
        self.store_value(ty);
        if !prefix {
            self.emit(Op::FrameAddr(old));
            self.emit(Op::Load {
                size: 8,
                signed: false,
            });
        }
    }

    /// `c ? a : b`: when either branch is floating, both are converted to their common
    /// type; the first branch's conversion is placed after the second (it is known only
    /// then), reached by its jump, so each branch is compiled once.
    fn conditional(&mut self, c: &Expr, a: &Expr, b: &Expr) -> Res<CType> {
        let (other, end, convert_a) = (self.label(), self.label(), self.label());
        self.condition(c)?;
        self.jump(Op::JumpIfZero, other);
        let ta = self.expr(a)?;
        self.jump(Op::Jump, convert_a);
        self.place(other);
        let tb = self.expr(b)?;
        let result = if ta.is_arithmetic() && tb.is_arithmetic() {
            CType::common(&ta, &tb)
        } else if ta.is_pointer_like() {
            ta.clone()
        } else {
            tb.clone()
        };
        let floating = result.is_floating();
        if floating {
            self.convert(&tb, &result);
        }
        let a_conversion = if floating {
            conversion(&ta, &result)
        } else {
            vec![]
        };
        if !a_conversion.is_empty() {
            self.jump(Op::Jump, end);
            self.place(convert_a);
            for op in a_conversion {
                self.emit(op);
            }
        } else {
            self.place(convert_a);
        }
        self.place(end);
        Ok(result)
    }

    /// `(to) x`.
    fn cast(&mut self, to: &CType, x: &Expr, pos: Pos) -> Res<CType> {
        let from = self.expr(x)?;
        match to {
            CType::Void => Ok(CType::Void),
            _ if from.is_arithmetic() && to.is_arithmetic() => {
                self.convert(&from, to);
                Ok(to.clone())
            }
            CType::Int { size, signed } if from.is_pointer_like() => {
                self.emit(Op::Convert {
                    size: *size,
                    signed: *signed,
                });
                Ok(to.clone())
            }
            CType::Ptr(_) if from.is_integer() || from.is_pointer_like() => Ok(to.clone()),
            _ => self.error(pos, format!("cannot cast {from:#} to {to:#}")),
        }
    }

    /// The type of an expression without evaluating it (for sizeof, and an operator's
    /// plan), kept for the function so a nest of operators is typed once per node rather
    /// than again at every level.
    fn type_of(&mut self, e: &Expr) -> Res<CType> {
        let key = std::ptr::from_ref(e) as usize;
        if let Some(t) = self.types.get(&key) {
            return Ok(t.clone());
        }
        let (code, lines, relocs, jumps, rodata, fn_addrs) = (
            self.code.len(),
            self.lines.len(),
            self.relocs.len(),
            self.jumps.len(),
            self.rodata.len(),
            self.fn_addrs.len(),
        );
        let t = match &e.kind {
            ExprKind::Name(n) if self.lookup(n).is_none() => self.expr(e)?,
            ExprKind::Name(_)
            | ExprKind::Index(..)
            | ExprKind::Deref(_)
            | ExprKind::Str(_)
            | ExprKind::Member { .. }
            | ExprKind::CompoundLiteral(..) => self.addr(e)?,
            _ => self.expr(e)?,
        };
        self.code.truncate(code);
        self.lines.truncate(lines);
        self.relocs.truncate(relocs);
        self.jumps.truncate(jumps);
        self.rodata.truncate(rodata);
        self.fn_addrs.truncate(fn_addrs);
        // Leaves cost nothing to type again, and a call's callee may be a temporary name.
        let leaf = matches!(
            e.kind,
            ExprKind::Name(_) | ExprKind::Int(..) | ExprKind::Float(..) | ExprKind::Str(_)
        );
        if !leaf {
            self.types.insert(key, t.clone());
        }
        Ok(t)
    }

    fn scalar(&self, t: &CType, pos: Pos) -> Res<()> {
        if t.is_scalar() {
            Ok(())
        } else {
            self.error(pos, format!("expected a number or a pointer, not {t:#}"))
        }
    }

    /// How to compute `a op b`: conversions after each operand, the operation, and the
    /// result type; `swap` evaluates b first (for `n + pointer`).
    fn plan(&self, op: BinOp, a: &CType, b: &CType, pos: Pos) -> Res<Plan> {
        use BinOp::*;
        // A _Bool operand is 0 or 1 in rax: the int it promotes to.
        let operand = |t: &CType| match t.decay() {
            CType::Bool => INT,
            other => other,
        };
        let (a, b) = (operand(a), operand(b));
        let convert = |t: &CType| Op::Convert {
            size: t.size() as u8,
            signed: is_signed(t),
        };
        let scaled = |int: &CType, elem: &CType| {
            vec![
                Op::Convert {
                    size: 8,
                    signed: is_signed(int),
                },
                Op::MulImm(elem.size() as i64),
            ]
        };
        let plan = |first, second, ops, result| Plan {
            first,
            second,
            ops,
            result,
            swap: false,
        };
        Ok(match (op, &a, &b) {
            (Add | Sub, CType::Ptr(elem), CType::Int { .. }) => {
                let vm = if op == Add { VmBin::Add } else { VmBin::Sub };
                plan(vec![], scaled(&b, elem), vec![Op::Bin(vm)], a.clone())
            }
            (Add, CType::Int { .. }, CType::Ptr(elem)) => Plan {
                first: vec![],
                second: scaled(&a, elem),
                ops: vec![Op::Bin(VmBin::Add)],
                result: b.clone(),
                swap: true,
            },
            (Sub, CType::Ptr(x), CType::Ptr(y)) if x == y => plan(
                vec![],
                vec![],
                vec![Op::Bin(VmBin::Sub), Op::DivImm(x.size().max(1) as i64)],
                LONG,
            ),
            (Lt | Gt | Le | Ge | Eq | Ne, CType::Ptr(_), CType::Ptr(_) | CType::Int { .. })
            | (Eq | Ne, CType::Int { .. }, CType::Ptr(_)) => {
                plan(vec![], vec![], vec![Op::Bin(compare(op, false))], INT)
            }
            _ if (a.is_floating() || b.is_floating()) && a.is_arithmetic() && b.is_arithmetic() => {
                return self.floating_plan(op, &a, &b, pos);
            }
            (_, CType::Int { .. }, CType::Int { .. }) => {
                let t = if matches!(op, Shl | Shr) {
                    a.promote()
                } else {
                    CType::common(&a, &b)
                };
                let signed = is_signed(&t);
                let vm = match op {
                    Add => VmBin::Add,
                    Sub => VmBin::Sub,
                    Mul => VmBin::Mul,
                    Div => {
                        if signed {
                            VmBin::DivS
                        } else {
                            VmBin::DivU
                        }
                    }
                    Rem => {
                        if signed {
                            VmBin::RemS
                        } else {
                            VmBin::RemU
                        }
                    }
                    Shl => VmBin::Shl,
                    Shr => {
                        if signed {
                            VmBin::ShrS
                        } else {
                            VmBin::ShrU
                        }
                    }
                    BitAnd => VmBin::And,
                    BitOr => VmBin::Or,
                    BitXor => VmBin::Xor,
                    Lt | Gt | Le | Ge | Eq | Ne => {
                        return Ok(plan(
                            vec![convert(&t)],
                            vec![convert(&t)],
                            vec![Op::Bin(compare(op, signed))],
                            INT,
                        ));
                    }
                    LogAnd | LogOr => unreachable!("handled with jumps"),
                };
                let second = if matches!(op, Shl | Shr) {
                    vec![]
                } else {
                    vec![convert(&t)]
                };
                plan(vec![convert(&t)], second, vec![Op::Bin(vm), convert(&t)], t)
            }
            _ => {
                return self.error(
                    pos,
                    format!("cannot apply this operator to {a:#} and {b:#}"),
                );
            }
        })
    }

    /// How to compute `a op b` when either is floating: both converted to the common
    /// floating type; a float's result rounded to float.
    fn floating_plan(&self, op: BinOp, a: &CType, b: &CType, pos: Pos) -> Res<Plan> {
        use BinOp::*;
        let t = CType::common(a, b);
        let (vm, result) = match op {
            Add => (VmBin::FAdd, t.clone()),
            Sub => (VmBin::FSub, t.clone()),
            Mul => (VmBin::FMul, t.clone()),
            Div => (VmBin::FDiv, t.clone()),
            Lt => (VmBin::FLt, INT),
            Gt => (VmBin::FGt, INT),
            Le => (VmBin::FLe, INT),
            Ge => (VmBin::FGe, INT),
            Eq => (VmBin::FEq, INT),
            Ne => (VmBin::FNe, INT),
            Rem => return self.error(pos, format!("'%' needs integers, not {a:#} and {b:#}; fmod() from <math.h> gives a floating remainder")),
            _ => return self.error(pos, format!("this operator needs integers, not {a:#} and {b:#}")),
        };
        let mut ops = vec![Op::Bin(vm)];
        if result == t {
            ops.extend(conversion(&DOUBLE, &t));
        }
        Ok(Plan {
            first: conversion(a, &t),
            second: conversion(b, &t),
            ops,
            result,
            swap: false,
        })
    }

    /// Emits the second operand's conversions and the operation; returns the result type.
    fn finish(&mut self, plan: Plan) -> Res<CType> {
        for op in plan.second.into_iter().chain(plan.ops) {
            self.emit(op);
        }
        Ok(plan.result)
    }

    /// An argument of type `t` in rax, passed where no parameter type is known (after a
    /// `...`): C's default promotions, in one 8-byte stack slot; a whole struct cannot go.
    fn promote_variadic(&mut self, name: &str, t: &CType, pos: Pos) -> Res<()> {
        // A union of up to eight bytes travels in a register, as its bytes: semctl's
        // `union semun` argument. (A struct is refused: passing one to printf is a mistake.)
        if let (CType::Struct(def), size @ (1 | 2 | 4 | 8)) = (t, t.size())
            && def.is_union
        {
            self.emit(Op::Load {
                size: size as u8,
                signed: false,
            });
            return Ok(());
        }
        if let CType::Struct(_) = t {
            return self.error(
                pos,
                format!(
                    "{name}() takes a pointer here, not a whole {t}; pass its address with '&'"
                ),
            );
        }
        if let CType::Int { .. } = t {
            let t = t.promote();
            self.emit(Op::Convert {
                size: t.size() as u8,
                signed: is_signed(&t),
            });
        }
        Ok(())
    }

    fn call(&mut self, name: &str, args: &[Expr], pos: Pos) -> Res<CType> {
        if self.lookup(name).is_some() {
            let callee = Expr {
                kind: ExprKind::Name(name.to_owned()),
                pos,
            };
            return self.call_through(&callee, args, pos);
        }
        if let Some(ops) = status_macro(name) {
            let [arg] = args else {
                return self.error(
                    pos,
                    format!(
                        "{name}() takes one value: a mode from stat() or a status word from wait()"
                    ),
                );
            };
            let t = self.expr(arg)?;
            if !t.is_integer() {
                return self.error(arg.pos, format!("{name}() needs an integer, not {t:#}"));
            }
            for op in ops {
                self.emit(op);
            }
            return Ok(INT);
        }
        if let Some(f) = MathFn::find(name).filter(|_| !self.defines(name)) {
            return self.call_math(f, args, pos);
        }
        if let Some((lib, ret, params)) = library_entry(name) {
            let counted = match params.arity() {
                Some(n) => n == args.len(),
                None => args.len() >= params.fixed(),
            };
            if !counted {
                let least = if params.arity().is_none() {
                    "at least "
                } else {
                    ""
                };
                return self.error(
                    pos,
                    format!(
                        "{name}() takes {least}{} argument(s), not {}",
                        params.fixed(),
                        args.len()
                    ),
                );
            }
            for (i, a) in args.iter().enumerate().rev() {
                let t = self.expr(a)?;
                match params.param(i) {
                    Some(param) => self.convert_library_argument(name, i, &t, &param, a.pos)?,
                    None => self.promote_variadic(name, &t, a.pos)?,
                }
                self.emit(Op::Push);
            }
            self.pos = pos;
            self.emit(Op::Lib(lib, args.len() as u8));
            self.emit(Op::AddSp(8 * args.len() as u64));
            let ret = ret.ctype();
            if let CType::Int { size, signed } = ret {
                self.emit(Op::Convert { size, signed });
            }
            return Ok(ret);
        }
        let Some(f) = self.function_named(name).cloned() else {
            if NOT_YET.contains(&name) {
                return self.error(
                    pos,
                    format!("{name}() is a C library function ProcLab does not provide yet"),
                );
            }
            return self.error(pos, format!("'{name}' is not a function ProcLab knows; declare it above, or check the spelling"));
        };
        self.push_arguments(name, &f.params, f.variadic, args, pos)?;
        self.pos = pos;
        self.jump(Op::Call, f.label);
        self.emit(Op::AddSp(8 * args.len() as u64));
        Ok(f.ret)
    }

    /// Converts argument `i` of a library call, of type `t`, to its parameter's type as C
    /// converts an argument to a prototype's parameter: numbers to the parameter's number
    /// type (so `memset(p, 0, -1)` passes SIZE_MAX); a pointer parameter takes a pointer
    /// or an integer (gcc warns of the integer, as ProcLab does not), never a floating
    /// value or a struct.
    fn convert_library_argument(
        &mut self,
        name: &str,
        i: usize,
        t: &CType,
        param: &CType,
        pos: Pos,
    ) -> Res<()> {
        let t = t.decay();
        let fits = match param {
            CType::Ptr(_) => t.is_pointer_like() || t.is_integer(),
            _ => t.is_scalar(),
        };
        if !fits {
            let wanted = if param.is_pointer_like() {
                "a pointer".to_owned()
            } else {
                format!("{param:#}")
            };
            return self.error(
                pos,
                format!("argument {} of {name}() is {wanted}, not {t:#}", i + 1),
            );
        }
        match (&t, param) {
            (CType::Ptr(_), CType::Int { size, signed }) => {
                self.emit(Op::Convert {
                    size: *size,
                    signed: *signed,
                });
            }
            _ if t.is_arithmetic() && param.is_arithmetic() => self.convert(&t, param),
            _ => {}
        }
        Ok(())
    }

    /// True when the program defines a function of this name (one of `<math.h>`'s names
    /// may be a program's own, as gcc allows when the header is not included).
    fn defines(&self, name: &str) -> bool {
        self.function_named(name).is_some_and(|f| f.defined)
    }

    /// A call of a `<math.h>` function: its arguments converted to double, a double back.
    fn call_math(&mut self, f: MathFn, args: &[Expr], pos: Pos) -> Res<CType> {
        let name = f.name();
        if args.len() != f.arity() {
            return self.error(
                pos,
                format!(
                    "{name}() takes {} argument(s), not {}",
                    f.arity(),
                    args.len()
                ),
            );
        }
        for a in args.iter().rev() {
            let t = self.expr(a)?;
            if !t.is_arithmetic() {
                return self.error(a.pos, format!("{name}() takes a number, not {t:#}"));
            }
            self.convert(&t, &DOUBLE);
            self.emit(Op::Push);
        }
        self.pos = pos;
        self.emit(Op::Lib(LibFn::Math(f), args.len() as u8));
        self.emit(Op::AddSp(8 * args.len() as u64));
        Ok(DOUBLE)
    }

    /// Pushes a call's arguments, last first, each converted to its parameter's type (the
    /// ones past the parameters of a variadic function promoted); the count must fit.
    fn push_arguments(
        &mut self,
        name: &str,
        params: &[CType],
        variadic: bool,
        args: &[Expr],
        pos: Pos,
    ) -> Res<()> {
        let counted = if variadic {
            args.len() >= params.len()
        } else {
            args.len() == params.len()
        };
        if !counted {
            let least = if variadic { "at least " } else { "" };
            return self.error(
                pos,
                format!(
                    "{name}() takes {least}{} argument(s), not {}",
                    params.len(),
                    args.len()
                ),
            );
        }
        for (i, a) in args.iter().enumerate().rev() {
            let t = self.expr(a)?;
            match params.get(i) {
                Some(param) => {
                    self.convert_for_assign(&t, param, a.pos)?;
                    if *param == (CType::Float { size: 4 }) {
                        // The slot holds the float's 4 bytes, as the callee loads them.
                        self.emit(Op::Float(FloatOp::Narrow));
                    }
                }
                None => self.promote_variadic(name, &t, a.pos)?,
            }
            self.emit(Op::Push);
        }
        Ok(())
    }

    /// A call through a function pointer, or any expression that names a function: the
    /// arguments pushed as its type says, then the callee's address in rax.
    fn call_through(&mut self, callee: &Expr, args: &[Expr], pos: Pos) -> Res<CType> {
        let t = self.type_of(callee)?;
        let Some(sig) = t.signature().cloned() else {
            let hint = if t == CType::Void.ptr_to() {
                "; cast it to a function pointer type first, as in ((void (*)(int)) p)(1)"
            } else {
                ""
            };
            return self.error(
                pos,
                format!("only a function or a pointer to one can be called, not {t:#}{hint}"),
            );
        };
        let name = match &callee.kind {
            ExprKind::Name(n) => n.clone(),
            _ => "this function".to_owned(),
        };
        self.push_arguments(&name, &sig.params, sig.variadic, args, pos)?;
        self.expr(callee)?;
        self.pos = pos;
        self.emit(Op::CallIndirect);
        self.emit(Op::AddSp(8 * args.len() as u64));
        Ok(sig.ret.clone())
    }

    /// Resolves labels and addresses, and lays out rodata, data and bss as the loader will.
    fn link(mut self, page_size: u64, functions: Vec<(String, u64)>) -> Program {
        let up = |v: u64| v.div_ceil(page_size) * page_size;
        let text_end = up(TEXT_BASE + self.code.len() as u64 * INSTRUCTION_SIZE);
        let rodata = text_end;
        let data = up(rodata + self.rodata.len() as u64);
        let bss = up(data + self.data.len() as u64);
        let base = |seg: Seg| match seg {
            Seg::Rodata => rodata,
            Seg::Data => data,
            Seg::Bss => bss,
        };
        for (at, label) in std::mem::take(&mut self.jumps) {
            let target = TEXT_BASE
                + self.labels[label].expect("every label is placed") as u64 * INSTRUCTION_SIZE;
            self.code[at] = match self.code[at] {
                Op::Jump(_) => Op::Jump(target),
                Op::JumpIfZero(_) => Op::JumpIfZero(target),
                Op::JumpIfNotZero(_) => Op::JumpIfNotZero(target),
                Op::Call(_) => Op::Call(target),
                ref other => unreachable!("{other:?} is not a jump"),
            };
        }
        for (at, label) in std::mem::take(&mut self.fn_addrs) {
            let target = self.labels[label].expect("every function is placed") as u64;
            self.code[at] = Op::Imm(TEXT_BASE + target * INSTRUCTION_SIZE);
        }
        for (at, seg, offset) in std::mem::take(&mut self.relocs) {
            self.code[at] = Op::Imm(base(seg) + offset);
        }
        for (at, label) in std::mem::take(&mut self.data_fn_relocs) {
            let target = self.labels[label].expect("every function is placed") as u64;
            let bytes = (TEXT_BASE + target * INSTRUCTION_SIZE).to_le_bytes();
            self.data[at as usize..at as usize + 8].copy_from_slice(&bytes);
        }
        for (at, seg, offset) in std::mem::take(&mut self.data_relocs) {
            let bytes = (base(seg) + offset).to_le_bytes();
            self.data[at as usize..at as usize + 8].copy_from_slice(&bytes);
        }
        let globals = self
            .globals
            .iter()
            .filter(|(n, _)| !n.contains(".static"))
            .map(|(n, g)| {
                (
                    plain_name(n).to_owned(),
                    base(g.seg) + g.offset,
                    g.ty.to_string(),
                )
            })
            .collect();
        Program {
            ops: self.code,
            rodata: self.rodata,
            data: self.data,
            bss: self.bss,
            sigreturn: None,
            exit_resume: None,
            debug: Some(DebugInfo {
                files: self.sources.files().to_vec(),
                lines: self.lines,
                functions,
                globals,
            }),
        }
    }
}

/// The `<sys/stat.h>` file-type tests of a mode, and the `<sys/wait.h>` macros that decode
/// a status word, as instructions on rax (Linux's
/// definitions).
fn status_macro(name: &str) -> Option<Vec<Op>> {
    let low7 = [Op::Push, Op::Imm(0x7f), Op::Bin(VmBin::And)];
    Some(match name {
        "WIFEXITED" => [&low7[..], &[Op::Not]].concat(),
        // The exit code and the stopping signal both sit in the second byte.
        "WEXITSTATUS" | "WSTOPSIG" => vec![
            Op::Push,
            Op::Imm(8),
            Op::Bin(VmBin::ShrS),
            Op::Push,
            Op::Imm(0xff),
            Op::Bin(VmBin::And),
        ],
        "WTERMSIG" => low7.to_vec(),
        "WIFSTOPPED" => vec![
            Op::Push,
            Op::Imm(0xff),
            Op::Bin(VmBin::And),
            Op::Push,
            Op::Imm(0x7f),
            Op::Bin(VmBin::Eq),
        ],
        "WIFCONTINUED" => vec![Op::Push, Op::Imm(0xffff), Op::Bin(VmBin::Eq)],
        // glibc: status & 0x80, the core-dump bit. ProcLab writes no core files, as Linux
        // writes none under the usual `ulimit -c 0`, so it is never set.
        "WCOREDUMP" => vec![Op::Push, Op::Imm(0x80), Op::Bin(VmBin::And)],
        // glibc: ((signed char) ((status & 0x7f) + 1) >> 1) > 0, so neither an exit (0)
        // nor a stop (0x7f) counts.
        "WIFSIGNALED" => [
            &low7[..],
            &[
                Op::AddImm(1),
                Op::Convert {
                    size: 1,
                    signed: true,
                },
                Op::Push,
                Op::Imm(1),
                Op::Bin(VmBin::ShrS),
                Op::Push,
                Op::Imm(0),
                Op::Bin(VmBin::GtS),
            ],
        ]
        .concat(),
        _ => {
            let kind = match name {
                "S_ISDIR" => 0o040000,
                "S_ISREG" => 0o100000,
                "S_ISFIFO" => 0o010000,
                "S_ISCHR" => 0o020000,
                "S_ISLNK" => 0o120000,
                _ => return None,
            };
            vec![
                Op::Push,
                Op::Imm(0o170000),
                Op::Bin(VmBin::And),
                Op::Push,
                Op::Imm(kind),
                Op::Bin(VmBin::Eq),
            ]
        }
    })
}

/// The bytes (as a little-endian word) a global of arithmetic type `ty` starts with when
/// initialised by the constant `e`: a floating value converted as an assignment would.
fn arithmetic_initial(ty: &CType, e: &Expr) -> Option<i64> {
    let integer = const_eval(e).filter(|_| ty.is_integer());
    let word = match integer {
        Some(v) => v as u64,
        None => {
            let bits = float_eval(e)?.to_bits();
            match ty {
                CType::Float { size: 4 } => float::apply(FloatOp::Narrow, bits),
                CType::Float { .. } => bits,
                CType::Int { size, signed } => float::apply(
                    FloatOp::ToInt {
                        size: *size,
                        signed: *signed,
                    },
                    bits,
                ),
                _ => return None,
            }
        }
    };
    Some(word as i64)
}

/// The instructions that convert an arithmetic value in rax from type `from` to type
/// `to`: integers truncated and extended, integers to and from floating types, doubles
/// rounded to float (a float is already a double exactly).
fn conversion(from: &CType, to: &CType) -> Vec<Op> {
    match (from, to) {
        (CType::Bool, CType::Bool) => vec![],
        // Any value that is not zero becomes 1 (C99 6.3.1.2).
        (_, CType::Bool) if from.is_floating() => {
            vec![Op::Float(FloatOp::IsTrue), Op::Not, Op::Not]
        }
        (_, CType::Bool) => vec![Op::Not, Op::Not],
        (_, CType::Int { size, signed }) if from.is_floating() => vec![Op::Float(FloatOp::ToInt {
            size: *size,
            signed: *signed,
        })],
        (_, CType::Int { size, signed }) => vec![Op::Convert {
            size: *size,
            signed: *signed,
        }],
        (CType::Int { .. }, CType::Float { size }) => vec![Op::Float(FloatOp::FromInt {
            signed: is_signed(from),
            single: *size == 4,
        })],
        (CType::Float { size: 8 }, CType::Float { size: 4 }) => {
            vec![Op::Float(FloatOp::RoundSingle)]
        }
        _ => vec![],
    }
}

fn is_signed(t: &CType) -> bool {
    matches!(t, CType::Int { signed: true, .. })
}

fn compare(op: BinOp, signed: bool) -> VmBin {
    match (op, signed) {
        (BinOp::Eq, _) => VmBin::Eq,
        (BinOp::Ne, _) => VmBin::Ne,
        (BinOp::Lt, true) => VmBin::LtS,
        (BinOp::Lt, false) => VmBin::LtU,
        (BinOp::Le, true) => VmBin::LeS,
        (BinOp::Le, false) => VmBin::LeU,
        (BinOp::Gt, true) => VmBin::GtS,
        (BinOp::Gt, false) => VmBin::GtU,
        (BinOp::Ge, true) => VmBin::GeS,
        _ => VmBin::GeU,
    }
}

/// The constants of a switch's case labels, in order, not looking into nested switches.
fn collect_cases(s: &Stmt, cases: &mut Vec<i64>, has_default: &mut bool) {
    match &s.kind {
        StmtKind::Case(v) => cases.push(*v),
        StmtKind::Default => *has_default = true,
        StmtKind::Block(stmts) => stmts
            .iter()
            .for_each(|st| collect_cases(st, cases, has_default)),
        StmtKind::If(_, a, b) => {
            collect_cases(a, cases, has_default);
            if let Some(b) = b {
                collect_cases(b, cases, has_default);
            }
        }
        StmtKind::While(_, b)
        | StmtKind::DoWhile(b, _)
        | StmtKind::For(_, _, _, b)
        | StmtKind::Labeled(_, b) => collect_cases(b, cases, has_default),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::compile;

    fn error(source: &str) -> String {
        compile("t.c", source, 4096).unwrap_err().message
    }

    #[test]
    fn a_long_chain_of_operators_is_typed_once_per_operand() {
        // Typing each operand again at every level of the nest took 2^n steps.
        let sum = vec!["i"; 60].join(" + ");
        let cond = (1..40)
            .map(|k| format!("i == {k} ? {k}.5 : "))
            .collect::<String>();
        let source = format!(
            "int main() {{ int i = 1; long x = {sum}; double d = {cond}0; return x + d; }}"
        );
        assert!(compile("t.c", &source, 4096).is_ok());
    }

    #[test]
    fn member_mistakes_say_which_operator_or_member_was_meant() {
        let point = "struct point { int x; int y; };\n";
        let e = error(&format!(
            "{point}int main() {{ struct point p; return p.z; }}"
        ));
        assert!(e.contains("no member 'z'") && e.contains("x, y"), "{e}");
        let e = error(&format!(
            "{point}int main() {{ struct point p; struct point *q = &p; return q.x; }}"
        ));
        assert!(e.contains("use '->'"), "{e}");
        let e = error(&format!(
            "{point}int main() {{ struct point p; return p->x; }}"
        ));
        assert!(e.contains("use '.'"), "{e}");
        let e = error("int main() { int n; return n.x; }");
        assert!(e.contains("only structs"), "{e}");
    }

    #[test]
    fn what_is_not_supported_yet_is_named() {
        let e = error("int main() { return getopt_long(0, 0, 0, 0, 0); }");
        assert!(
            e.contains("getopt_long() is a C library function ProcLab does not provide yet"),
            "{e}"
        );
        let e =
            error("union u { int a; long b; };\nunion u x = { 1, 2 };\nint main() { return 0; }");
        assert!(e.contains("a union u holds one member at a time"), "{e}");
        let e = error("union u { int a; };\nint main() { union u x; return x.b; }");
        assert!(e.contains("union u has no member 'b'"), "{e}");
        let e = error("int main() { long double d = 1; return 0; }");
        assert!(e.contains("long double is not supported"), "{e}");
    }

    #[test]
    fn library_calls_are_checked_against_their_prototypes() {
        let e = error("int main() { return strlen(1.5); }");
        assert!(
            e.contains("argument 1 of strlen() is a pointer, not a double"),
            "{e}"
        );
        let e = error("struct s { int a; };\nint main() { struct s v; return close(v); }");
        assert!(
            e.contains("argument 1 of close() is an int, not a struct s"),
            "{e}"
        );
        let e = error("int main() { return printf(); }");
        assert!(
            e.contains("printf() takes at least 1 argument(s), not 0"),
            "{e}"
        );
        let e = error("int main() { return write(1, \"x\"); }");
        assert!(e.contains("write() takes 3 argument(s), not 2"), "{e}");
    }

    #[test]
    fn goto_mistakes_name_the_label() {
        let e = error("int main() { goto out; return 1; }");
        assert!(
            e.contains("goto out: this function has no label 'out:'"),
            "{e}"
        );
        let e = error("int main() { a: ; a: return 1; }");
        assert!(e.contains("label 'a' is defined twice"), "{e}");
        let e = error("int main() { goto 5; }");
        assert!(e.contains("goto names a label"), "{e}");
    }

    #[test]
    fn floating_mistakes_say_what_c_allows() {
        let e = error("int main() { double d = 7.5; return d % 2; }");
        assert!(
            e.contains("'%' needs integers, not a double and an int; fmod()"),
            "{e}"
        );
        let e = error("int main() { double d = 1; return ~d; }");
        assert!(e.contains("'~' needs an integer, not a double"), "{e}");
        let e = error("int main() { unsigned double d = 1; return 0; }");
        assert!(e.contains("a double is neither signed nor unsigned"), "{e}");
        let e = error("int main() { char *p = \"x\"; return sqrt(p); }");
        assert!(e.contains("sqrt() takes a number, not a char *"), "{e}");
        let e = error("int main() { double d = 2; int *p = &d + d; return 0; }");
        assert!(
            e.contains("cannot apply this operator to a double * and a double"),
            "{e}"
        );
        let e = error("int main() { double d = 2; switch (d) { } return 0; }");
        assert!(e.contains("switch needs an integer, not a double"), "{e}");
    }

    #[test]
    fn designator_mistakes_name_the_member_or_the_kind() {
        let point = "struct point { int x; int y; };\n";
        let e = error(&format!(
            "{point}struct point p = {{ .w = 1 }};\nint main() {{ return 0; }}"
        ));
        assert!(
            e.contains("struct point has no member 'w'; its members are x, y"),
            "{e}"
        );
        let e = error("int a[2] = { [2] = 1 };\nint main() { return 0; }");
        assert!(e.contains("too many initializers for an array of 2"), "{e}");
        let e = error("int a[2] = { .x = 1 };\nint main() { return 0; }");
        assert!(e.contains("an array has no member 'x'"), "{e}");
        let e = error(&format!(
            "{point}struct point p = {{ [0] = 1 }};\nint main() {{ return 0; }}"
        ));
        assert!(e.contains("is not an array"), "{e}");
        let e = error(&format!(
            "{point}struct point p = {{ .x.y = 1 }};\nint main() {{ return 0; }}"
        ));
        assert!(
            e.contains("a designator belongs in the list of a struct or array, not an int"),
            "{e}"
        );
        let e = error("int *p = (int[]){ 1, 2 };\nint main() { return 0; }");
        assert!(e.contains("a compound literal outside a function"), "{e}");
    }

    #[test]
    fn calls_through_what_is_no_function_are_explained() {
        let e = error("int main() { int n = 3; return n(1); }");
        assert!(
            e.contains("only a function or a pointer to one can be called, not an int"),
            "{e}"
        );
        let e = error("int main() { void *p = 0; p(); return 0; }");
        assert!(
            e.contains("cast it to a function pointer type first"),
            "{e}"
        );
        let e =
            error("int f(int a) { return a; }\nint main() { int (*g)(int) = f; return g(1, 2); }");
        assert!(e.contains("g() takes 1 argument(s), not 2"), "{e}");
        let e = error("int main() { int (*g)(int) = 0; struct s { int x; } v; return g(v); }");
        assert!(
            e.contains("cannot use a struct s where an int is expected"),
            "{e}"
        );
    }

    #[test]
    fn variable_argument_mistakes_are_explained() {
        let e = error("int f(...) { return 0; }\nint main() { return f(1); }");
        assert!(e.contains("after at least one named parameter"), "{e}");
        let e = error("int f(int n, ..., int m);\nint main() { return 0; }");
        assert!(e.contains("it ends the parameter list"), "{e}");
        let e = error("int f(int n, ...) { return n; }\nint main() { return f(); }");
        assert!(e.contains("takes at least 1 argument(s), not 0"), "{e}");
        let e =
            error("int f(int n, ...);\nint f(int n) { return n; }\nint main() { return f(1); }");
        assert!(e.contains("declared twice with different types"), "{e}");
        let e = error(
            "struct p { int x; };\nint f(int n, ...) { return n; }\nint main() { struct p v; return f(1, v); }",
        );
        assert!(e.contains("pass its address"), "{e}");
    }

    #[test]
    fn structs_by_value_across_calls_ask_for_a_pointer() {
        let e = error(
            "struct p { int x; };\nint f(struct p v) { return v.x; }\nint main() { return 0; }",
        );
        assert!(e.contains("pass a pointer"), "{e}");
        let e =
            error("struct p { int x; };\nint main() { struct p v; printf(\"%d\", v); return 0; }");
        assert!(e.contains("pass its address"), "{e}");
    }

    #[test]
    fn a_global_initialised_from_a_variables_value_is_told_what_is_allowed() {
        let e = error("int x;\nint y = 3;\nint *bad = &x + y;\nint main() { return 0; }");
        assert!(
            e.contains("known before main runs") && e.contains("&counter"),
            "{e}"
        );
        let e = error("int x = 1;\nint y = x;\nint main() { return 0; }");
        assert!(e.contains("known before main runs"), "{e}");
    }

    #[test]
    fn a_kr_declaration_of_a_name_not_in_the_list_says_which_are() {
        let e = error("int add(a, b)\nint a;\nint c;\n{ return a; }\nint main() { return 0; }");
        assert!(
            e.contains("'c' is declared before the body") && e.contains("(a, b)"),
            "{e}"
        );
    }

    #[test]
    fn a_program_without_main_is_told_to_add_one() {
        assert!(error("int f() { return 1; }").contains("no main function"));
    }
}
