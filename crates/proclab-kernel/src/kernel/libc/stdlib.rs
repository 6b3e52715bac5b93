//! `<stdlib.h>`: malloc's heap (block headers in the process's own heap, grown with sbrk),
//! glibc's rand, atexit and the ways out: exit, _exit and abort.

use super::*;
use crate::abi::layout::{ATEXIT_MAX, ATEXIT_OFFSET, MALLOC_HEADER, RAND_OFFSET};
use crate::abi::signal::SIGABRT;
use crate::narrow;

/// malloc(n).
pub(super) fn sys_malloc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(k.malloc(c.pid, c.arg(0), events)?))
}

/// calloc(count, size): zeroed.
pub(super) fn sys_calloc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let Some(n) = c.arg(0).checked_mul(c.arg(1)) else {
        return Err(Errno::ENOMEM.into());
    };
    let p = k.malloc(c.pid, n, events)?;
    if p != 0 {
        k.fill(c.pid, p, 0, n, events)?;
    }
    Ok(Done::Return(p))
}

/// realloc(p, n): a new block holding the old one's bytes; the old one is freed.
pub(super) fn sys_realloc(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(k.realloc(
        c.pid,
        c.arg(0),
        c.arg(1),
        events,
    )?))
}

/// free(p): marks the block unused.
pub(super) fn sys_free(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    if c.arg(0) != 0 {
        k.store(c.pid, c.arg(0).wrapping_sub(8), &0u64.to_le_bytes(), events)?;
    }
    Ok(Done::Continue)
}

/// rand().
pub(super) fn sys_rand(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(k.rand(c.pid, events)?)))
}

/// srand(seed).
pub(super) fn sys_srand(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.srand(c.pid, narrow::low_u32(c.arg(0)), events)?;
    Ok(Done::Continue)
}

/// atexit(handler): registers a handler for exit(); ENOMEM past ATEXIT_MAX.
pub(super) fn sys_atexit(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let base = k.bss_base(c.pid) + ATEXIT_OFFSET;
    let count = k.load_word(c.pid, base, events)?;
    if count >= ATEXIT_MAX {
        return Err(Errno::ENOMEM.into());
    }
    k.store(
        c.pid,
        base + 16 + 8 * count,
        &c.arg(0).to_le_bytes(),
        events,
    )?;
    k.store(c.pid, base, &(count + 1).to_le_bytes(), events)?;
    Ok(Done::Return(0))
}

/// exit(code): keeps the code, then goes on as after an atexit handler.
pub(super) fn sys_exit(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let base = k.bss_base(c.pid) + ATEXIT_OFFSET;
    k.store(c.pid, base + 8, &c.arg(0).to_le_bytes(), events)?;
    sys_exit_resume(k, c, events)
}

/// exit()'s next step, where each atexit handler returns to: call the next handler (last
/// registered first) as a call that returns here again; with none left, flush stdio and
/// end the process.
pub(super) fn sys_exit_resume(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let (cpu, pid) = (c.cpu, c.pid);
    let base = k.bss_base(pid) + ATEXIT_OFFSET;
    let count = k.load_word(pid, base, events)?;
    if count > 0 {
        let handler = k.load_word(pid, base + 8 + 8 * count, events)?;
        k.store(pid, base, &(count - 1).to_le_bytes(), events)?;
        let back = k
            .process(pid)
            .and_then(|p| p.program.exit_resume)
            .unwrap_or(0);
        k.push(cpu, pid, back, events)?;
        k.cpus[cpu].registers.pc = handler;
        events.push(Event::AtexitHandler { pid, handler });
        return Ok(Done::Continue);
    }
    let code = narrow::low_i32(k.load_word(pid, base + 8, events)?);
    Ok(match k.flush_all(pid, events)? {
        // exit() goes on once the pipe has taken the streams' last bytes.
        Some(p) => Done::Retry(WaitChannel::PipeWrite(p)),
        None => Done::Exit(Termination::Exited(code)),
    })
}

/// pthread_exit(retval): the only thread ends, so the process exits with status 0 as if
/// by exit(0) (POSIX), atexit handlers and stdio's flush included.
pub(super) fn sys_pthread_exit(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let base = k.bss_base(c.pid) + ATEXIT_OFFSET;
    k.store(c.pid, base + 8, &0u64.to_le_bytes(), events)?;
    sys_exit_resume(k, c, events)
}

/// _exit(code): ends the process at once, stdio unflushed.
pub(super) fn sys_underscore_exit(_: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Exit(Termination::Exited(c.int(0))))
}

/// __assert_fail(assertion, file, line, function): what a failed assert() calls. As glibc,
/// "prog: file:line: function: Assertion `assertion' failed." on stderr, then abort().
pub(super) fn sys_assert_fail(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let assertion = k.text(c.pid, c.arg(0), events)?;
    let file = k.text(c.pid, c.arg(1), events)?;
    let function = k.text(c.pid, c.arg(3), events)?;
    let program = k.process(c.pid).map(|p| p.name.clone()).unwrap_or_default();
    let message = format!(
        "{program}: {file}:{}: {function}: Assertion `{assertion}' failed.\n",
        narrow::low_u32(c.arg(2))
    );
    k.lib_write(c.pid, 2, message.as_bytes(), events);
    Ok(Done::Exit(Termination::Signaled(SIGABRT)))
}

/// abort(): SIGABRT.
pub(super) fn sys_abort(_: &mut Kernel, _: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Exit(Termination::Signaled(SIGABRT)))
}

impl Kernel {
    /// realloc: a new block of `n` bytes holding the old one's bytes; the old one freed
    /// (kept, with NULL returned, when the heap cannot hold the new one).
    pub(super) fn realloc(
        &mut self,
        pid: Pid,
        old: u64,
        n: u64,
        events: &mut Vec<Event>,
    ) -> Lib<u64> {
        let fresh = self.malloc(pid, n, events)?;
        if old != 0 && fresh != 0 {
            let size = self.load_word(pid, old.wrapping_sub(MALLOC_HEADER), events)?;
            let bytes = self.load(pid, old, size.min(n), events)?;
            self.store(pid, fresh, &bytes, events)?;
            self.store(pid, old.wrapping_sub(8), &0u64.to_le_bytes(), events)?;
        }
        Ok(fresh)
    }

    /// malloc: the first free block big enough (split when much bigger), else a new block
    /// from sbrk; NULL with ENOMEM when the heap cannot grow.
    pub(super) fn malloc(&mut self, pid: Pid, n: u64, events: &mut Vec<Event>) -> Lib<u64> {
        // Like glibc, a size past PTRDIFF_MAX is refused at once.
        if n > i64::MAX as u64 {
            self.set_errno(pid, Errno::ENOMEM, events)?;
            return Ok(0);
        }
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

    /// srand(seed): glibc's TYPE_3 generator, its 34-word ring kept in the process's bss.
    fn srand(&mut self, pid: Pid, seed: u32, events: &mut Vec<Event>) -> Lib<()> {
        let base = self.bss_base(pid) + RAND_OFFSET;
        let mut r = [0i32; 344];
        r[0] = if seed == 0 { 1 } else { seed as i32 };
        for i in 1..31 {
            let word = (16807 * i64::from(r[i - 1])) % 2_147_483_647;
            r[i] = narrow::low_i32((if word < 0 { word + 2_147_483_647 } else { word }) as u64);
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
}
