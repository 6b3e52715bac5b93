//! The C library and system calls a compiled program calls, run by the kernel for it.
//! Their state lives where glibc keeps it: stdout's buffer and errno in the process's bss,
//! malloc's block headers in its heap, so fork copies them like any other memory.

use super::files::Written;
use super::memory::MapRequest;
use super::messages::Received;
use super::*;
use crate::abi::flags::{
    AF_UNIX, IPC_RMID, SC_CLK_TCK, SC_NPROCESSORS_CONF, SC_NPROCESSORS_ONLN, SC_PAGESIZE,
    SOCK_STREAM, USER_HZ, WNOHANG,
};
use crate::abi::flags::{O_CREAT, O_DIRECTORY, O_TRUNC, O_WRONLY};
use crate::abi::layout::{
    ATEXIT_MAX, ATEXIT_OFFSET, DIR_DIRENT, DIRENT_SIZE, ERRNO_OFFSET, MALLOC_HEADER, RAND_OFFSET,
    SA_FLAGS, SA_MASK, STDOUT_BUF_OFFSET, STDOUT_BUFFER, STDOUT_LEN_OFFSET,
};
use crate::abi::signal::{SA_RESTART, SIGABRT, SigAction};
use crate::address_space::SegmentKind;
use crate::message_queue::Message;
use crate::open_file::FileKind;
use crate::printf;
use crate::program::LibFn;

/// Simulated ticks in one second of sleep() or alarm(): a tick is a millisecond. When every
/// process sleeps, the clock skips ahead to the next timer (tickless idle), so long sleeps
/// cost one step.
pub const TICKS_PER_SECOND: u64 = 1000;
/// The most bytes the terminal keeps; later output is dropped with a notice.
pub const MAX_TERMINAL: usize = 64 * 1024;
/// A terminal-bound stdout is flushed at each newline, and at least this often.
const LINE_BUFFER: u64 = 1024;
/// The longest string a library function reads.
const MAX_STRING: usize = 64 * 1024;

/// What a process wrote to the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Output {
    /// The writer.
    pub pid: Pid,
    /// 1 for stdout, 2 for stderr.
    pub fd: i32,
    /// The bytes.
    pub bytes: Vec<u8>,
}

type Lib<T> = Result<T, Termination>;

impl Kernel {
    fn bss_base(&self, pid: Pid) -> u64 {
        self.process(pid)
            .and_then(|p| p.memory.vma(SegmentKind::Bss))
            .map_or(0, |v| v.start)
    }

    fn args(&mut self, cpu: usize, pid: Pid, argc: u8, events: &mut Vec<Event>) -> Lib<Vec<u64>> {
        let sp = self.cpus[cpu].registers.sp;
        (0..u64::from(argc))
            .map(|i| self.load_word(pid, sp + 8 * i, events))
            .collect()
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

    pub(super) fn set_errno(&mut self, pid: Pid, errno: Errno, events: &mut Vec<Event>) -> Lib<()> {
        let at = self.bss_base(pid) + ERRNO_OFFSET;
        self.store(pid, at, &errno.code().to_le_bytes(), events)
    }

    fn errno(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<i32> {
        let at = self.bss_base(pid) + ERRNO_OFFSET;
        let b = self.load(pid, at, 4, events)?;
        Ok(i32::from_le_bytes(b.try_into().expect("4 bytes")))
    }

    /// The write() system call to the terminal.
    pub(super) fn write_terminal(
        &mut self,
        pid: Pid,
        fd: i32,
        bytes: Vec<u8>,
        events: &mut Vec<Event>,
    ) {
        if bytes.is_empty() {
            return;
        }
        let used: usize = self.terminal.iter().map(|o| o.bytes.len()).sum();
        if used >= MAX_TERMINAL {
            return;
        }
        let mut bytes = bytes;
        bytes.truncate(MAX_TERMINAL - used);
        events.push(Event::Write {
            pid,
            fd,
            text: String::from_utf8_lossy(&bytes).into_owned(),
        });
        Rc::make_mut(&mut self.terminal).push(Output { pid, fd, bytes });
        if used + self.terminal.last().map_or(0, |o| o.bytes.len()) >= MAX_TERMINAL {
            events.push(Event::TerminalFull {
                limit: MAX_TERMINAL,
            });
        }
    }

    fn stdout_is_terminal(&self, pid: Pid) -> bool {
        self.fd_kind(pid, 1) == Some(FileKind::Terminal)
    }

    /// write() on behalf of the C library: Some(pipe) when the caller must sleep until the
    /// rest of the bytes drain into that pipe. A closed descriptor drops the bytes (EBADF).
    fn lib_write(
        &mut self,
        pid: Pid,
        fd: i32,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Option<usize> {
        match self.write_fd(pid, fd, bytes, events) {
            Ok(Written::MustWait(p)) => Some(p),
            Ok(Written::Done) | Err(_) => None,
        }
    }

    /// Appends to stdout's buffer in the process's memory, flushing as glibc does: at each
    /// newline on a terminal, and whenever the buffer fills. Some(pipe) when a flush found
    /// the pipe full: the caller sleeps while the rest (and the unbuffered remainder of
    /// `bytes`) drains into it.
    fn stdout_write(
        &mut self,
        pid: Pid,
        bytes: &[u8],
        events: &mut Vec<Event>,
    ) -> Lib<Option<usize>> {
        let base = self.bss_base(pid);
        let line = self.stdout_is_terminal(pid);
        let capacity = if line { LINE_BUFFER } else { STDOUT_BUFFER };
        let mut len = self.load_word(pid, base + STDOUT_LEN_OFFSET, events)?;
        for (i, &b) in bytes.iter().enumerate() {
            self.store(pid, base + STDOUT_BUF_OFFSET + len, &[b], events)?;
            len += 1;
            self.store(pid, base + STDOUT_LEN_OFFSET, &len.to_le_bytes(), events)?;
            if (line && b == b'\n') || len >= capacity {
                len = 0;
                if let Some(p) = self.fflush(pid, events)? {
                    if let Some((_, pending)) = &mut self.proc_mut(pid).pending_write {
                        pending.extend_from_slice(&bytes[i + 1..]);
                    }
                    return Ok(Some(p));
                }
            }
        }
        Ok(None)
    }

    /// Writes out stdout's buffer to fd 1; Some(pipe) when the pipe could not take it all.
    pub(super) fn fflush(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<Option<usize>> {
        let base = self.bss_base(pid);
        let len = self.load_word(pid, base + STDOUT_LEN_OFFSET, events)?;
        if len == 0 {
            return Ok(None);
        }
        let bytes = self.load(pid, base + STDOUT_BUF_OFFSET, len as usize, events)?;
        self.store(pid, base + STDOUT_LEN_OFFSET, &0u64.to_le_bytes(), events)?;
        Ok(self.lib_write(pid, 1, &bytes, events))
    }

    fn malloc(&mut self, pid: Pid, n: u64, events: &mut Vec<Event>) -> Lib<u64> {
        let n = n.max(1).div_ceil(16) * 16;
        let heap = self
            .process(pid)
            .and_then(|p| p.memory.vma(SegmentKind::Heap))
            .map_or(0, |v| v.start);
        let brk = self.process(pid).map_or(0, |p| p.memory.brk);
        let mut at = heap;
        while at + MALLOC_HEADER <= brk {
            let size = self.load_word(pid, at, events)?;
            let used = self.load_word(pid, at + 8, events)?;
            if used == 0 && size >= n {
                if size >= n + MALLOC_HEADER + 16 {
                    let rest = at + MALLOC_HEADER + n;
                    self.store(pid, rest, &(size - n - MALLOC_HEADER).to_le_bytes(), events)?;
                    self.store(pid, rest + 8, &0u64.to_le_bytes(), events)?;
                    self.store(pid, at, &n.to_le_bytes(), events)?;
                }
                self.store(pid, at + 8, &1u64.to_le_bytes(), events)?;
                return Ok(at + MALLOC_HEADER);
            }
            at += MALLOC_HEADER + size;
        }
        match self.sbrk(pid, (n + MALLOC_HEADER) as i64, events) {
            Ok(block) => {
                self.store(pid, block, &n.to_le_bytes(), events)?;
                self.store(pid, block + 8, &1u64.to_le_bytes(), events)?;
                Ok(block + MALLOC_HEADER)
            }
            Err(_) => {
                self.set_errno(pid, Errno::ENOMEM, events)?;
                Ok(0)
            }
        }
    }

    /// printf's formatting of `args[0]` (the format) with the rest.
    fn format(&mut self, pid: Pid, args: &[u64], events: &mut Vec<Event>) -> Lib<Vec<u8>> {
        let fmt = self.string(pid, args.first().copied().unwrap_or(0), events)?;
        let mut bad = None;
        let text = printf::format(&fmt, args.get(1..).unwrap_or(&[]), |p| {
            match self.string(pid, p, events) {
                Ok(s) => Some(s),
                Err(how) => {
                    bad = Some(how);
                    None
                }
            }
        });
        match bad {
            Some(how) => Err(how),
            None => Ok(text),
        }
    }

    /// srand(seed): glibc's TYPE_3 generator, its 34-word ring kept in the process's bss.
    fn srand(&mut self, pid: Pid, seed: u32, events: &mut Vec<Event>) -> Lib<()> {
        let base = self.bss_base(pid) + RAND_OFFSET;
        let mut r = [0i32; 344];
        r[0] = if seed == 0 { 1 } else { seed as i32 };
        for i in 1..31 {
            let word = (16807 * i64::from(r[i - 1])) % 2_147_483_647;
            r[i] = if word < 0 { word + 2_147_483_647 } else { word } as i32;
        }
        for i in 31..34 {
            r[i] = r[i - 31];
        }
        for i in 34..344 {
            r[i] = r[i - 31].wrapping_add(r[i - 3]);
        }
        let ring: Vec<u8> = r[310..344].iter().flat_map(|w| w.to_le_bytes()).collect();
        self.store(pid, base + 8, &ring, events)?;
        self.store(pid, base, &[1, 0, 0, 0, 0, 0, 0, 0], events)
    }

    /// rand(): the next number of glibc's generator (seeded with 1 if srand was not called).
    fn rand(&mut self, pid: Pid, events: &mut Vec<Event>) -> Lib<u32> {
        let base = self.bss_base(pid) + RAND_OFFSET;
        if self.load(pid, base, 1, events)?[0] == 0 {
            self.srand(pid, 1, events)?;
        }
        let at = self.load(pid, base + 4, 4, events)?;
        let at = u64::from(u32::from_le_bytes(at.try_into().expect("4 bytes")));
        let word = |k: &mut Self, i: u64, events: &mut Vec<Event>| -> Lib<i32> {
            let b = k.load(pid, base + 8 + 4 * (i % 34), 4, events)?;
            Ok(i32::from_le_bytes(b.try_into().expect("4 bytes")))
        };
        // The ring holds the last 34 values, oldest at `at`: r[i] = r[i-31] + r[i-3].
        let next = word(self, at + 3, events)?.wrapping_add(word(self, at + 31, events)?);
        self.store(pid, base + 8 + 4 * (at % 34), &next.to_le_bytes(), events)?;
        self.store(
            pid,
            base + 4,
            &(((at + 1) % 34) as u32).to_le_bytes(),
            events,
        )?;
        Ok((next as u32) >> 1)
    }

    /// Finds a program by name as execvp does: a name with a slash is a path (from the
    /// working directory); any other is looked up in PATH (/bin).
    fn program_path(&self, pid: Pid, name: &str, search: bool) -> String {
        if search && !name.contains('/') {
            format!("/bin/{name}")
        } else {
            self.absolute(pid, name)
        }
    }

    /// The path argument `i` of a call, as text.
    fn path_arg(&mut self, pid: Pid, at: u64, events: &mut Vec<Event>) -> Lib<String> {
        Ok(String::from_utf8_lossy(&self.string(pid, at, events)?).into_owned())
    }

    /// Reads a NULL-terminated array of string pointers (argv).
    fn string_array(
        &mut self,
        pid: Pid,
        mut addr: u64,
        events: &mut Vec<Event>,
    ) -> Lib<Vec<String>> {
        let mut out = Vec::new();
        while out.len() < 256 {
            let p = self.load_word(pid, addr, events)?;
            if p == 0 {
                break;
            }
            out.push(String::from_utf8_lossy(&self.string(pid, p, events)?).into_owned());
            addr += 8;
        }
        Ok(out)
    }

    /// Runs a library function; its result goes to rax.
    pub(super) fn libc(
        &mut self,
        cpu: usize,
        pid: Pid,
        f: LibFn,
        argc: u8,
        events: &mut Vec<Event>,
    ) -> Lib<Outcome> {
        let args = self.args(cpu, pid, argc, events)?;
        let arg = |i: usize| args.get(i).copied().unwrap_or(0);
        let ret = |k: &mut Self, v: u64| k.set_reg(cpu, 0, v);
        let fail = |k: &mut Self, e: Errno, events: &mut Vec<Event>| -> Lib<()> {
            k.set_reg(cpu, 0, u64::MAX);
            k.set_errno(pid, e, events)
        };
        match f {
            LibFn::Sprintf | LibFn::Snprintf => {
                let (limit, rest) = if f == LibFn::Snprintf {
                    (Some(arg(1)), &args[2.min(args.len())..])
                } else {
                    (None, &args[1.min(args.len())..])
                };
                let text = self.format(pid, rest, events)?;
                ret(self, text.len() as u64);
                let mut kept = text;
                if let Some(limit) = limit {
                    if limit == 0 {
                        return Ok(Outcome::Continue);
                    }
                    kept.truncate(limit as usize - 1);
                }
                kept.push(0);
                self.store(pid, arg(0), &kept, events)?;
            }
            LibFn::Memcpy => {
                let bytes = self.load(pid, arg(1), arg(2) as usize, events)?;
                self.store(pid, arg(0), &bytes, events)?;
                ret(self, arg(0));
            }
            LibFn::Strncpy => {
                let mut s = self.string(pid, arg(1), events)?;
                s.resize(arg(2) as usize, 0);
                self.store(pid, arg(0), &s, events)?;
                ret(self, arg(0));
            }
            LibFn::Strcat => {
                let end = arg(0) + self.string(pid, arg(0), events)?.len() as u64;
                let mut s = self.string(pid, arg(1), events)?;
                s.push(0);
                self.store(pid, end, &s, events)?;
                ret(self, arg(0));
            }
            LibFn::Realloc => {
                let old = arg(0);
                let fresh = self.malloc(pid, arg(1), events)?;
                if old != 0 && fresh != 0 {
                    let size = self.load_word(pid, old - MALLOC_HEADER, events)?;
                    let bytes = self.load(pid, old, size.min(arg(1)) as usize, events)?;
                    self.store(pid, fresh, &bytes, events)?;
                    self.store(pid, old - 8, &0u64.to_le_bytes(), events)?;
                }
                ret(self, fresh);
            }
            LibFn::Usleep => {
                let ticks = (arg(0) * TICKS_PER_SECOND).div_ceil(1_000_000);
                ret(self, 0);
                if ticks > 0 {
                    return Ok(Outcome::Block(WaitChannel::Timer(self.clock + ticks)));
                }
            }
            LibFn::Write => {
                let bytes = self.load(pid, arg(1), arg(2) as usize, events)?;
                match self.write_fd(pid, arg(0) as i32, &bytes, events) {
                    Ok(Written::Done) => ret(self, arg(2)),
                    Ok(Written::MustWait(p)) => {
                        ret(self, arg(2));
                        return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Read => match self.read_fd(pid, arg(0) as i32, arg(2) as usize, events) {
                Ok(Some(bytes)) => {
                    self.store(pid, arg(1), &bytes, events)?;
                    ret(self, bytes.len() as u64);
                }
                Ok(None) => {
                    let Some(p) = self
                        .fd_kind(pid, arg(0) as i32)
                        .and_then(FileKind::read_pipe)
                    else {
                        unreachable!("only an empty pipe or socket makes read wait");
                    };
                    self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                    return Ok(Outcome::Block(WaitChannel::PipeRead(p)));
                }
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Signal => {
                // glibc's signal() installs the handler with BSD semantics: interrupted
                // system calls restart.
                let action = SigAction {
                    handler: arg(1),
                    mask: 0,
                    flags: SA_RESTART,
                };
                match self.set_action(pid, arg(0) as i32, Some(action)) {
                    Ok(old) => ret(self, old.handler),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Kill => match self.kill(pid, arg(0) as i32, arg(1) as i32, events) {
                Ok(()) => ret(self, 0),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Raise => match self.kill(pid, pid as i32, arg(0) as i32, events) {
                Ok(()) => ret(self, 0),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Pause => {
                // pause() only ever returns -1 with EINTR, after a handler ran.
                fail(self, Errno::EINTR, events)?;
                return Ok(Outcome::Block(WaitChannel::Signal));
            }
            LibFn::Alarm => {
                let now = self.clock;
                let ipc = &mut self.proc_mut(pid).ipc;
                let left = ipc
                    .alarm_at
                    .map_or(0, |t| (t.saturating_sub(now)).div_ceil(TICKS_PER_SECOND));
                ipc.alarm_at = (arg(0) > 0).then(|| now + arg(0) * TICKS_PER_SECOND);
                ret(self, left);
            }
            LibFn::Sigreturn => self.sigreturn(cpu, pid, events)?,
            LibFn::Open | LibFn::Creat => {
                let path = self.path_arg(pid, arg(0), events)?;
                let flags = if f == LibFn::Creat {
                    O_CREAT | O_WRONLY | O_TRUNC
                } else {
                    arg(1) as u32
                };
                match self.open(pid, &path, flags, events) {
                    Ok((fd, wait)) => {
                        ret(self, fd as u64);
                        if let Some(channel) = wait {
                            return Ok(Outcome::Block(channel));
                        }
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Isatty => match self.fd_kind(pid, arg(0) as i32) {
                Some(FileKind::Terminal) => ret(self, 1),
                Some(_) => {
                    fail(self, Errno::ENOTTY, events)?;
                    ret(self, 0);
                }
                None => {
                    fail(self, Errno::EBADF, events)?;
                    ret(self, 0);
                }
            },
            LibFn::Lseek => match self.lseek(pid, arg(0) as i32, arg(1) as i64, arg(2)) {
                Ok(offset) => ret(self, offset),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Unlink | LibFn::Mkfifo | LibFn::Chdir => {
                let path = self.path_arg(pid, arg(0), events)?;
                let done = match f {
                    LibFn::Unlink => self.unlink(pid, &path, events),
                    LibFn::Mkfifo => self.mkfifo(pid, &path, events),
                    _ => self.chdir(pid, &path),
                };
                match done {
                    Ok(()) => ret(self, 0),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Getcwd => {
                let mut cwd = self
                    .process(pid)
                    .map(|p| p.files.cwd.clone().into_bytes())
                    .unwrap_or_default();
                cwd.push(0);
                if (cwd.len() as u64) > arg(1) {
                    fail(self, Errno::ERANGE, events)?;
                    ret(self, 0);
                } else {
                    self.store(pid, arg(0), &cwd, events)?;
                    ret(self, arg(0));
                }
            }
            LibFn::Sysconf => match arg(0) {
                SC_CLK_TCK => ret(self, USER_HZ),
                SC_PAGESIZE => ret(self, self.settings.page_size),
                SC_NPROCESSORS_CONF | SC_NPROCESSORS_ONLN => ret(self, self.settings.cpus as u64),
                _ => fail(self, Errno::EINVAL, events)?,
            },
            LibFn::Socketpair => {
                // Only connected Unix stream sockets are simulated.
                if arg(0) != AF_UNIX || arg(1) & 0xf != SOCK_STREAM {
                    fail(self, Errno::EOPNOTSUPP, events)?;
                } else {
                    let (a, b) = self.make_socket_pair(pid, events);
                    self.store(pid, arg(3), &a.to_le_bytes(), events)?;
                    self.store(pid, arg(3) + 4, &b.to_le_bytes(), events)?;
                    ret(self, 0);
                }
            }
            LibFn::Msgget => match self.msgget(pid, arg(0) as i32, arg(1), events) {
                Ok(id) => ret(self, id as u64),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Msgsnd => {
                let mtype = self.load_word(pid, arg(1), events)? as i64;
                let text = self.load(pid, arg(1) + 8, arg(2) as usize, events)?;
                match self.msgsnd(pid, arg(0), Message { mtype, text }, arg(3), events) {
                    Ok(None) => ret(self, 0),
                    Ok(Some(queue)) => {
                        self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                        return Ok(Outcome::Block(WaitChannel::MsgSend(queue)));
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Msgrcv => {
                match self.msgrcv(pid, arg(0), arg(2) as usize, arg(3) as i64, arg(4), events) {
                    Ok(Received::Message(m)) => {
                        self.store(pid, arg(1), &m.mtype.to_le_bytes(), events)?;
                        self.store(pid, arg(1) + 8, &m.text, events)?;
                        ret(self, m.text.len() as u64);
                    }
                    Ok(Received::MustWait(queue)) => {
                        self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                        return Ok(Outcome::Block(WaitChannel::MsgRecv(queue)));
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Msgctl => {
                // Only IPC_RMID is simulated; the status calls need struct msqid_ds.
                let done = if arg(1) == IPC_RMID {
                    self.msg_remove(pid, arg(0), events)
                } else {
                    Err(Errno::EINVAL)
                };
                match done {
                    Ok(()) => ret(self, 0),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Ftok => {
                // glibc: the file's inode number, its device and the project id, in bits.
                let path = self.path_arg(pid, arg(0), events)?;
                match self.stat(pid, &path, None) {
                    Ok(st) => ret(self, (st.ino & 0xffff) | ((arg(1) & 0xff) << 24)),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Stat | LibFn::Fstat => {
                let (path, fd) = if f == LibFn::Stat {
                    (self.path_arg(pid, arg(0), events)?, None)
                } else {
                    (String::new(), Some(arg(0) as i32))
                };
                match self.stat(pid, &path, fd) {
                    Ok(status) => {
                        self.store(pid, arg(1), &status.to_struct(), events)?;
                        ret(self, 0);
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Opendir => {
                // glibc's DIR: the directory's descriptor, then room for one struct dirent.
                let path = self.path_arg(pid, arg(0), events)?;
                match self.open(pid, &path, O_DIRECTORY, events) {
                    Ok((fd, _)) => {
                        let dir = self.malloc(pid, DIR_DIRENT + DIRENT_SIZE, events)?;
                        if dir == 0 {
                            let _ = self.close_fd(pid, fd, events);
                            ret(self, 0);
                        } else {
                            self.store(pid, dir, &(fd as u64).to_le_bytes(), events)?;
                            ret(self, dir);
                        }
                    }
                    Err(e) => {
                        fail(self, e, events)?;
                        ret(self, 0);
                    }
                }
            }
            LibFn::Readdir => {
                let fd = self.load_word(pid, arg(0), events)? as i32;
                match self.read_dir(pid, fd) {
                    Ok(Some(entry)) => {
                        let at = arg(0) + DIR_DIRENT;
                        let mut record = Vec::with_capacity(DIRENT_SIZE as usize);
                        record.extend_from_slice(&entry.ino.to_le_bytes());
                        record.extend_from_slice(&entry.next.to_le_bytes());
                        record.extend_from_slice(&(DIRENT_SIZE as u16).to_le_bytes());
                        record.push(entry.kind);
                        record.extend_from_slice(entry.name.as_bytes());
                        record.push(0);
                        self.store(pid, at, &record, events)?;
                        ret(self, at);
                    }
                    Ok(None) => ret(self, 0),
                    Err(e) => {
                        fail(self, e, events)?;
                        ret(self, 0);
                    }
                }
            }
            LibFn::Closedir => {
                let fd = self.load_word(pid, arg(0), events)? as i32;
                self.store(pid, arg(0) - 8, &0u64.to_le_bytes(), events)?;
                match self.close_fd(pid, fd, events) {
                    Ok(()) => ret(self, 0),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Sigaction => {
                let new = if arg(1) == 0 {
                    None
                } else {
                    let flags = self.load(pid, arg(1) + SA_FLAGS, 4, events)?;
                    Some(SigAction {
                        handler: self.load_word(pid, arg(1), events)?,
                        mask: self.load_word(pid, arg(1) + SA_MASK, events)?,
                        flags: u32::from_le_bytes(flags.try_into().expect("4 bytes")),
                    })
                };
                match self.set_action(pid, arg(0) as i32, new) {
                    Ok(old) => {
                        if arg(2) != 0 {
                            self.store(pid, arg(2), &old.handler.to_le_bytes(), events)?;
                            self.store(pid, arg(2) + SA_MASK, &old.mask.to_le_bytes(), events)?;
                            self.store(pid, arg(2) + SA_FLAGS, &old.flags.to_le_bytes(), events)?;
                        }
                        ret(self, 0);
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Sigprocmask => {
                let set = if arg(1) == 0 {
                    None
                } else {
                    Some(self.load_word(pid, arg(1), events)?)
                };
                match self.set_mask(pid, arg(0), set) {
                    Ok(old) => {
                        if arg(2) != 0 {
                            self.store(pid, arg(2), &old.to_le_bytes(), events)?;
                        }
                        ret(self, 0);
                    }
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Sigsuspend => {
                // Waits with a temporary mask; the old one returns once a handler has run.
                let mask = self.load_word(pid, arg(0), events)?;
                let old = self.set_mask(pid, 2, Some(mask)).unwrap_or(0);
                self.proc_mut(pid).ipc.saved_mask = Some(old);
                fail(self, Errno::EINTR, events)?;
                return Ok(Outcome::Block(WaitChannel::Signal));
            }
            LibFn::Sigemptyset | LibFn::Sigfillset => {
                // glibc's full set leaves out the two signals its threads use (32 and 33).
                let word = if f == LibFn::Sigemptyset {
                    0
                } else {
                    !(3u64 << 31)
                };
                self.store(pid, arg(0), &[word.to_le_bytes(); 16].concat(), events)?;
                ret(self, 0);
            }
            LibFn::Sigaddset | LibFn::Sigdelset | LibFn::Sigismember => {
                let signo = arg(1) as i64;
                if !(1..=64).contains(&signo) {
                    fail(self, Errno::EINVAL, events)?;
                    return Ok(Outcome::Continue);
                }
                let bit = 1u64 << (signo - 1);
                let word = self.load_word(pid, arg(0), events)?;
                let (word, result) = match f {
                    LibFn::Sigaddset => (word | bit, 0),
                    LibFn::Sigdelset => (word & !bit, 0),
                    _ => (word, u64::from(word & bit != 0)),
                };
                self.store(pid, arg(0), &word.to_le_bytes(), events)?;
                ret(self, result);
            }
            LibFn::Mmap => match self.mmap(
                pid,
                MapRequest {
                    len: arg(1),
                    prot: arg(2),
                    flags: arg(3),
                    fd: arg(4) as i32,
                    offset: arg(5),
                },
                events,
            ) {
                Ok(addr) => ret(self, addr),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Munmap => match self.munmap(pid, arg(0), arg(1), events) {
                Ok(()) => ret(self, 0),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Pipe => {
                let (r, w) = self.make_pipe(pid, events);
                self.store(pid, arg(0), &r.to_le_bytes(), events)?;
                self.store(pid, arg(0) + 4, &w.to_le_bytes(), events)?;
                ret(self, 0);
            }
            LibFn::Close => match self.close_fd(pid, arg(0) as i32, events) {
                Ok(()) => ret(self, 0),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Dup | LibFn::Dup2 => {
                let to = (f == LibFn::Dup2).then_some(arg(1) as i32);
                match self.dup_fd(pid, arg(0) as i32, to, events) {
                    Ok(fd) => ret(self, fd as u64),
                    Err(e) => fail(self, e, events)?,
                }
            }
            LibFn::Rand => {
                let value = self.rand(pid, events)?;
                ret(self, u64::from(value));
            }
            LibFn::Srand => self.srand(pid, arg(0) as u32, events)?,
            LibFn::Printf | LibFn::Fprintf => {
                let (stream, rest) = if f == LibFn::Fprintf {
                    (arg(0), &args[1.min(args.len())..])
                } else {
                    (1, &args[..])
                };
                let text = self.format(pid, rest, events)?;
                ret(self, text.len() as u64);
                let full = if stream == 2 {
                    self.lib_write(pid, 2, &text, events)
                } else {
                    self.stdout_write(pid, &text, events)?
                };
                if let Some(p) = full {
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
            }
            LibFn::Puts => {
                let mut s = self.string(pid, arg(0), events)?;
                s.push(b'\n');
                ret(self, s.len() as u64);
                if let Some(p) = self.stdout_write(pid, &s, events)? {
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
            }
            LibFn::Putchar => {
                ret(self, arg(0) & 0xff);
                if let Some(p) = self.stdout_write(pid, &[arg(0) as u8], events)? {
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
            }
            LibFn::Fflush => {
                ret(self, 0);
                if let Some(p) = self.fflush(pid, events)? {
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
            }
            LibFn::Perror => {
                let errno = self.errno(pid, events)?;
                let prefix = if arg(0) == 0 {
                    Vec::new()
                } else {
                    self.string(pid, arg(0), events)?
                };
                let mut text = prefix;
                if !text.is_empty() {
                    text.extend_from_slice(b": ");
                }
                text.extend_from_slice(errno_message(errno).as_bytes());
                text.push(b'\n');
                if let Some(p) = self.lib_write(pid, 2, &text, events) {
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
            }
            LibFn::Atexit => {
                let base = self.bss_base(pid) + ATEXIT_OFFSET;
                let count = self.load_word(pid, base, events)?;
                if count >= ATEXIT_MAX {
                    fail(self, Errno::ENOMEM, events)?;
                } else {
                    self.store(pid, base + 16 + 8 * count, &arg(0).to_le_bytes(), events)?;
                    self.store(pid, base, &(count + 1).to_le_bytes(), events)?;
                    ret(self, 0);
                }
            }
            LibFn::Exit | LibFn::ExitResume => {
                // exit() first runs the atexit handlers, last registered first, each as a
                // call that returns into the exit-resume trampoline; then it flushes stdio.
                let base = self.bss_base(pid) + ATEXIT_OFFSET;
                if f == LibFn::Exit {
                    self.store(pid, base + 8, &arg(0).to_le_bytes(), events)?;
                }
                let count = self.load_word(pid, base, events)?;
                if count > 0 {
                    let handler = self.load_word(pid, base + 8 + 8 * count, events)?;
                    self.store(pid, base, &(count - 1).to_le_bytes(), events)?;
                    let back = self
                        .process(pid)
                        .and_then(|p| p.program.exit_resume)
                        .unwrap_or(0);
                    self.push(cpu, pid, back, events)?;
                    self.cpus[cpu].registers.pc = handler;
                    events.push(Event::AtexitHandler { pid, handler });
                    return Ok(Outcome::Continue);
                }
                let code = self.load_word(pid, base + 8, events)? as i32;
                if let Some(p) = self.fflush(pid, events)? {
                    // exit() goes on once the pipe has taken stdout's last bytes.
                    self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                    return Ok(Outcome::Block(WaitChannel::PipeWrite(p)));
                }
                return Ok(Outcome::Terminate(Termination::Exited(code)));
            }
            LibFn::UnderscoreExit => {
                return Ok(Outcome::Terminate(Termination::Exited(arg(0) as i32)));
            }
            LibFn::Abort => return Ok(Outcome::Terminate(Termination::Signaled(SIGABRT))),
            LibFn::Fork => match self.fork(pid, events) {
                Ok(child) => ret(self, u64::from(child)),
                Err(e) => fail(self, e, events)?,
            },
            LibFn::Getpid => ret(self, u64::from(pid)),
            LibFn::Getpgrp => {
                let group = self.process(pid).map_or(0, |p| p.pgid);
                ret(self, u64::from(group));
            }
            LibFn::Getppid => {
                let ppid = self.process(pid).map_or(0, |p| p.ppid);
                ret(self, u64::from(ppid));
            }
            LibFn::Wait | LibFn::Waitpid => {
                let (target, status_at, options) = if f == LibFn::Wait {
                    (-1, arg(0), 0)
                } else {
                    (arg(0) as i32, arg(1), arg(2))
                };
                let nohang = options & WNOHANG != 0;
                let found = match self.wait(pid, target, events) {
                    WaitResult::MustBlock => self
                        .job_change(pid, target, options, events)
                        .map_or(WaitResult::MustBlock, |(child, status)| {
                            WaitResult::Reaped { child, status }
                        }),
                    other => other,
                };
                match found {
                    WaitResult::Reaped { child, status } => {
                        if status_at != 0 {
                            self.store(pid, status_at, &status.to_le_bytes(), events)?;
                        }
                        ret(self, u64::from(child));
                    }
                    WaitResult::Failed(e) => fail(self, e, events)?,
                    WaitResult::MustBlock if nohang => ret(self, 0),
                    WaitResult::MustBlock => {
                        self.cpus[cpu].registers.pc -= INSTRUCTION_SIZE;
                        return Ok(Outcome::Block(WaitChannel::Child(target)));
                    }
                }
            }
            LibFn::Sleep => {
                let until = self.clock + arg(0) * TICKS_PER_SECOND;
                ret(self, 0);
                if arg(0) > 0 {
                    return Ok(Outcome::Block(WaitChannel::Timer(until)));
                }
            }
            LibFn::Malloc => {
                let p = self.malloc(pid, arg(0), events)?;
                ret(self, p);
            }
            LibFn::Calloc => {
                let n = arg(0).saturating_mul(arg(1));
                let p = self.malloc(pid, n, events)?;
                if p != 0 {
                    self.store(pid, p, &vec![0; n as usize], events)?;
                }
                ret(self, p);
            }
            LibFn::Free => {
                if arg(0) != 0 {
                    self.store(pid, arg(0) - 8, &0u64.to_le_bytes(), events)?;
                }
            }
            LibFn::Strlen => {
                let s = self.string(pid, arg(0), events)?;
                ret(self, s.len() as u64);
            }
            LibFn::Strcpy => {
                let mut s = self.string(pid, arg(1), events)?;
                s.push(0);
                self.store(pid, arg(0), &s, events)?;
                ret(self, arg(0));
            }
            LibFn::Strcmp | LibFn::Strncmp => {
                let (mut a, mut b) = (
                    self.string(pid, arg(0), events)?,
                    self.string(pid, arg(1), events)?,
                );
                if f == LibFn::Strncmp {
                    a.truncate(arg(2) as usize);
                    b.truncate(arg(2) as usize);
                }
                let order = a
                    .iter()
                    .zip(&b)
                    .find(|(x, y)| x != y)
                    .map_or(a.len() as i64 - b.len() as i64, |(x, y)| {
                        i64::from(*x) - i64::from(*y)
                    });
                ret(self, order.signum() as u64);
            }
            LibFn::Strchr => {
                // The terminating NUL counts as part of the string, as in C.
                let s = self.string(pid, arg(0), events)?;
                let c = arg(1) as u8;
                let at = if c == 0 {
                    Some(s.len())
                } else {
                    s.iter().position(|&b| b == c)
                };
                ret(self, at.map_or(0, |i| arg(0) + i as u64));
            }
            LibFn::Memset => {
                self.store(pid, arg(0), &vec![arg(1) as u8; arg(2) as usize], events)?;
                ret(self, arg(0));
            }
            LibFn::Atoi => {
                let s = self.string(pid, arg(0), events)?;
                ret(self, atoi(&s) as u64);
            }
            LibFn::Execvp
            | LibFn::Execv
            | LibFn::Execve
            | LibFn::Execl
            | LibFn::Execlp
            | LibFn::Execle => {
                let name = String::from_utf8_lossy(&self.string(pid, arg(0), events)?).into_owned();
                let argv = match f {
                    LibFn::Execvp | LibFn::Execv | LibFn::Execve => {
                        self.string_array(pid, arg(1), events)?
                    }
                    _ => {
                        let mut v = Vec::new();
                        for &p in args.iter().skip(1).take_while(|&&p| p != 0) {
                            v.push(
                                String::from_utf8_lossy(&self.string(pid, p, events)?).into_owned(),
                            );
                        }
                        v
                    }
                };
                let path =
                    self.program_path(pid, &name, matches!(f, LibFn::Execvp | LibFn::Execlp));
                if let Err(e) = self.exec(pid, &path, &argv, events) {
                    fail(self, e, events)?;
                }
            }
        }
        Ok(Outcome::Continue)
    }
}

/// What glibc's strerror says for an errno value.
fn errno_message(errno: i32) -> String {
    Errno::ALL.iter().find(|e| e.code() == errno).map_or_else(
        || {
            if errno == 0 {
                "Success".to_owned()
            } else {
                format!("Unknown error {errno}")
            }
        },
        |e| e.message().to_owned(),
    )
}

/// C's atoi: optional spaces and sign, then digits.
fn atoi(s: &[u8]) -> i32 {
    let s = s
        .iter()
        .skip_while(|c| c.is_ascii_whitespace())
        .copied()
        .collect::<Vec<u8>>();
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, &s[..]),
    };
    let v = digits
        .iter()
        .take_while(|c| c.is_ascii_digit())
        .fold(0i64, |v, d| {
            (v * 10 + i64::from(d - b'0')).min(i64::from(i32::MAX) + 1)
        });
    (if neg { -v } else { v }) as i32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atoi_reads_sign_and_leading_digits() {
        assert_eq!(atoi(b"  -42abc"), -42);
        assert_eq!(atoi(b"+7"), 7);
        assert_eq!(atoi(b"x"), 0);
    }

    #[test]
    fn perror_messages_are_glibcs() {
        assert_eq!(errno_message(10), "No child processes");
        assert_eq!(errno_message(0), "Success");
    }
}
