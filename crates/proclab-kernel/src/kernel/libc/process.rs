//! The process calls: fork, the exec family, wait and waitpid, the ids, sleep and usleep,
//! and sysconf.

use super::*;
use crate::abi::flags::{
    SC_ARG_MAX, SC_ATEXIT_MAX, SC_CHILD_MAX, SC_CLK_TCK, SC_NPROCESSORS_CONF, SC_NPROCESSORS_ONLN,
    SC_PAGESIZE, USER_HZ, WNOHANG,
};
use crate::narrow;

/// fork(): the child's PID to the parent (the child gets 0).
pub(super) fn sys_fork(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let child = k.fork(c.pid, events)?;
    Ok(Done::Return(u64::from(child)))
}

/// execv(path, argv) and execve(path, argv, envp).
pub(super) fn sys_execv(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.string_array(c.pid, c.arg(1), events)?;
    let env = k.environment(c.pid, events)?;
    k.exec_call(c.pid, &name, &argv, &env, false, events)
}

/// execve(path, argv, envp): execv with the environment given.
pub(super) fn sys_execve(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.string_array(c.pid, c.arg(1), events)?;
    let env = k.string_array(c.pid, c.arg(2), events)?;
    k.exec_call(c.pid, &name, &argv, &env, false, events)
}

/// execvp(file, argv): a name without a slash is looked up in PATH.
pub(super) fn sys_execvp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.string_array(c.pid, c.arg(1), events)?;
    let env = k.environment(c.pid, events)?;
    k.exec_call(c.pid, &name, &argv, &env, true, events)
}

/// execl(path, arg0, ..., NULL).
pub(super) fn sys_execl(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.listed_args(c, events)?;
    let env = k.environment(c.pid, events)?;
    k.exec_call(c.pid, &name, &argv, &env, false, events)
}

/// execle(path, arg0, ..., NULL, envp): execl with the environment after the NULL.
pub(super) fn sys_execle(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.listed_args(c, events)?;
    let envp = c.arg(argv.len() + 2);
    let env = k.string_array(c.pid, envp, events)?;
    k.exec_call(c.pid, &name, &argv, &env, false, events)
}

/// execlp(file, arg0, ..., NULL): execl with execvp's PATH lookup.
pub(super) fn sys_execlp(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let name = k.text(c.pid, c.arg(0), events)?;
    let argv = k.listed_args(c, events)?;
    let env = k.environment(c.pid, events)?;
    k.exec_call(c.pid, &name, &argv, &env, true, events)
}

/// wait(&status): waitpid(-1, &status, 0).
pub(super) fn sys_wait(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.wait_call(c.pid, -1, c.arg(0), 0, events)
}

/// waitpid(pid, &status, options).
pub(super) fn sys_waitpid(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    k.wait_call(c.pid, c.int(0), c.arg(1), c.arg(2), events)
}

/// getpid().
pub(super) fn sys_getpid(_: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(c.pid)))
}

/// getuid() and geteuid(): the caller's user (ProcLab has no set-user-ID programs, so the
/// real and effective ids are one).
pub(super) fn sys_getuid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(
        k.process(c.pid).map_or(0, |p| p.uid),
    )))
}

/// getgid() and getegid(): the caller's group, likewise one.
pub(super) fn sys_getgid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(
        k.process(c.pid).map_or(0, |p| p.gid),
    )))
}

/// getppid().
pub(super) fn sys_getppid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(
        k.process(c.pid).map_or(0, |p| p.ppid),
    )))
}

/// getpgrp(): the caller's process group.
pub(super) fn sys_getpgrp(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(u64::from(
        k.process(c.pid).map_or(0, |p| p.pgid),
    )))
}

/// setpgid(pid, pgid): moves the caller or one of its children (pid 0: the caller) into
/// process group `pgid` (0: a new group named after it). ESRCH for another process, EINVAL
/// for a negative group. (ProcLab has one session, so Linux's session checks never fail.)
pub(super) fn sys_setpgid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let target = match c.int(0) {
        0 => c.pid,
        p if p < 0 => return Err(Errno::EINVAL.into()),
        p => p as Pid,
    };
    let group = match c.int(1) {
        0 => target,
        g if g < 0 => return Err(Errno::EINVAL.into()),
        g => g as Pid,
    };
    let related = target == c.pid || k.process(target).is_some_and(|p| p.ppid == c.pid);
    if !related
        || k.process(target)
            .is_none_or(|p| p.state() == ProcState::Zombie)
    {
        return Err(Errno::ESRCH.into());
    }
    k.proc_mut(target).pgid = group;
    Ok(Done::Return(0))
}

/// getpgid(pid): the process group of `pid` (0: the caller); ESRCH when there is none.
pub(super) fn sys_getpgid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    id_of(k, c, |p| p.pgid)
}

/// A process's group or session (`id`) by the PID in argument 0 (0: the caller); ESRCH
/// when there is no such process.
fn id_of(k: &Kernel, c: &Call, id: fn(&Pcb) -> Pid) -> Sys {
    let target = if c.int(0) == 0 {
        c.pid
    } else {
        c.int(0) as Pid
    };
    let found = k
        .process(target)
        .filter(|p| p.state() != ProcState::Terminated)
        .map(id)
        .ok_or(Errno::ESRCH)?;
    Ok(Done::Return(u64::from(found)))
}

/// setsid(): a new session and process group, both numbered by the caller's PID, the
/// caller alone in them and without a controlling terminal; EPERM for a process group
/// leader (as a program a shell started is: it forks first, and the child calls setsid).
pub(super) fn sys_setsid(k: &mut Kernel, c: &Call, events: &mut Vec<Event>) -> Sys {
    let leads = k
        .procs
        .iter()
        .any(|p| p.pgid == c.pid && p.state() != ProcState::Terminated);
    if leads {
        return Err(Errno::EPERM.into());
    }
    let p = k.proc_mut(c.pid);
    (p.sid, p.pgid) = (c.pid, c.pid);
    events.push(Event::SessionCreated { pid: c.pid });
    Ok(Done::Return(u64::from(c.pid)))
}

/// getsid(pid): the session of `pid` (0: the caller); ESRCH when there is none.
pub(super) fn sys_getsid(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    id_of(k, c, |p| p.sid)
}

/// sleep(seconds): 0, after the time has passed (or earlier, if a handler interrupts it).
pub(super) fn sys_sleep(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let seconds = u64::from(narrow::low_u32(c.arg(0)));
    let until = k.clock + seconds * k.ticks_per_second();
    Ok(sleep_until(seconds > 0, until))
}

/// usleep(microseconds), rounded up to whole ticks.
pub(super) fn sys_usleep(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    let ticks = (u64::from(narrow::low_u32(c.arg(0))) * k.ticks_per_second()).div_ceil(1_000_000);
    Ok(sleep_until(ticks > 0, k.clock + ticks))
}

/// sysconf(name): the machine's page size and CPUs, and USER_HZ.
pub(super) fn sys_sysconf(k: &mut Kernel, c: &Call, _: &mut Vec<Event>) -> Sys {
    Ok(Done::Return(match c.arg(0) {
        SC_CLK_TCK => USER_HZ,
        SC_PAGESIZE => k.settings.page_size,
        SC_NPROCESSORS_CONF | SC_NPROCESSORS_ONLN => k.settings.cpus as u64,
        // glibc: a quarter of the stack limit, the process limit, and no atexit limit.
        SC_ARG_MAX => k.process(c.pid).map_or(0, |p| p.limits.stack.soft / 4),
        SC_CHILD_MAX => k.process(c.pid).map_or(0, |p| p.limits.nproc.soft),
        SC_ATEXIT_MAX => i32::MAX as u64,
        _ => return Err(Errno::EINVAL.into()),
    }))
}

/// Returns 0, first sleeping until the tick `until` if there is time to wait.
pub(super) fn sleep_until(wait: bool, until: u64) -> Done {
    if wait {
        Done::ReturnAndSleep(0, WaitChannel::Timer(until))
    } else {
        Done::Return(0)
    }
}

impl Kernel {
    /// execl's argument list: the strings after the path, up to the NULL.
    fn listed_args(&mut self, c: &Call, events: &mut Vec<Event>) -> Lib<Vec<String>> {
        let mut argv = Vec::new();
        for &p in c.rest(1).iter().take_while(|&&p| p != 0) {
            argv.push(self.text(c.pid, p, events)?);
        }
        Ok(argv)
    }

    /// Execs the program `name` with `argv` and `env`; `search` looks the name up as
    /// execvp does. Only a failed exec returns to the caller's code.
    fn exec_call(
        &mut self,
        pid: Pid,
        name: &str,
        argv: &[String],
        env: &[String],
        search: bool,
        events: &mut Vec<Event>,
    ) -> Sys {
        let path = self.program_path(pid, name, search);
        self.exec(pid, &path, argv, env, events)?;
        Ok(Done::Continue)
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

    /// waitpid(target, status_at, options): reaps a child that has ended, or reports one that
    /// stopped or continued (WUNTRACED, WCONTINUED); with none, 0 under WNOHANG, else the
    /// caller sleeps and waits again when woken.
    fn wait_call(
        &mut self,
        pid: Pid,
        target: i32,
        status_at: u64,
        options: u64,
        events: &mut Vec<Event>,
    ) -> Sys {
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
                    self.copy_to_user(pid, status_at, &status.to_le_bytes(), events)?;
                }
                Ok(Done::Return(u64::from(child)))
            }
            WaitResult::Failed(e) => Err(e.into()),
            WaitResult::MustBlock if options & WNOHANG != 0 => Ok(Done::Return(0)),
            WaitResult::MustBlock => Ok(Done::Retry(WaitChannel::Child(target))),
        }
    }
}
