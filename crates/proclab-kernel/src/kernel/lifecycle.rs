//! Process creation and death: fork, exec, exit, wait, reparenting and reaping.

use super::*;
use crate::address_space::Vma;
use crate::scenario::ReparentPolicy;

/// What wait() found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WaitResult {
    /// A zombie child was reaped: its PID and status word.
    Reaped {
        /// The child.
        child: Pid,
        /// Its status word, for the W* macros.
        status: i32,
    },
    /// wait() fails, e.g. ECHILD when there is no such child.
    Failed(Errno),
    /// Matching children exist but none has exited: the caller must sleep.
    MustBlock,
}

impl Kernel {
    /// Processes that still count against the process limit (zombies included, as Linux's
    /// RLIMIT_NPROC counts them).
    fn live_processes(&self) -> usize {
        self.procs
            .iter()
            .filter(|p| p.state() != ProcState::Terminated)
            .count()
    }

    /// True when `pid`'s user already has as many processes as its RLIMIT_NPROC allows
    /// (root is exempt, as Linux exempts CAP_SYS_RESOURCE).
    fn over_nproc(&self, pid: Pid) -> bool {
        let Some(p) = self.process(pid).filter(|p| p.uid != 0) else {
            return false;
        };
        let mine = self
            .procs
            .iter()
            .filter(|q| q.uid == p.uid && q.state() != ProcState::Terminated)
            .count() as u64;
        mine >= p.limits.nproc.soft
    }

    /// fork(): a new process that is a copy of `parent`, sharing every page copy-on-write.
    pub(super) fn fork(&mut self, parent: Pid, events: &mut Vec<Event>) -> Result<Pid, Errno> {
        let fail = |errno: Errno, events: &mut Vec<Event>| {
            events.push(Event::ForkFailed { pid: parent, errno });
            Err(errno)
        };
        if self.live_processes() >= self.settings.max_processes || self.over_nproc(parent) {
            return fail(Errno::EAGAIN, events);
        }
        let child = self.next_pid;
        let Some(root) = self.frames.allocate(FrameUse::PageTable(child)) else {
            return fail(Errno::ENOMEM, events);
        };
        self.next_pid += 1;
        let now = self.clock;
        let cpu = self.cpu_of(parent);
        let i = self.index_of(parent);
        let mut shared = Vec::new();
        let shared_vmas: Vec<Vma> = self.procs[i]
            .memory
            .vmas
            .iter()
            .filter(|v| v.shared)
            .copied()
            .collect();
        let page = self.settings.page_size;
        for (vpn, pte) in self.procs[i].memory.page_table.iter_mut() {
            let is_shared = shared_vmas.iter().any(|v| v.contains(vpn * page));
            if !is_shared && (pte.writable || pte.cow) {
                pte.writable = false;
                pte.cow = true;
            }
            self.frames.share(pte.frame);
            shared.push(pte.frame);
        }
        let p = &self.procs[i];
        let mut context = match cpu {
            Some(cpu) => self.cpus[cpu].registers.clone(),
            None => p.context.clone(),
        };
        context.regs[0] = 0;
        let mut memory = p.memory.clone();
        memory.page_table_base = root as u64 * page;
        let mut pcb = Pcb::new(
            child,
            parent,
            &p.name,
            Rc::clone(&p.program),
            p.sched.priority,
            now,
            memory,
        );
        pcb.context = context;
        (pcb.uid, pcb.gid, pcb.pgid, pcb.sid) = (p.uid, p.gid, p.pgid, p.sid);
        pcb.files = p.files.clone();
        pcb.limits = p.limits;
        let shared_files: Vec<usize> = pcb.files.fds.iter().map(|d| d.open_file).collect();
        pcb.ipc.signal_mask = p.ipc.signal_mask;
        pcb.ipc.actions = p.ipc.actions.clone();
        self.procs.push(pcb);
        self.count_inherited_attachments(child);
        for open_file in shared_files {
            self.retain_file(open_file);
        }
        self.proc_mut(parent).children.push(child);
        events.push(Event::Fork {
            parent,
            child,
            shared,
        });
        Ok(child)
    }

    /// execve(path, argv, env): replaces the process's image with a program from the file
    /// system, its arguments and environment on the new stack. On failure the old image is
    /// untouched.
    pub(super) fn exec(
        &mut self,
        pid: Pid,
        path: &str,
        argv: &[String],
        env: &[String],
        events: &mut Vec<Event>,
    ) -> Result<(), Errno> {
        let fail = |errno: Errno, events: &mut Vec<Event>| {
            events.push(Event::ExecFailed {
                pid,
                path: path.to_owned(),
                errno,
            });
            Err(errno)
        };
        let Some(program) = self.executables.get(path).cloned() else {
            return fail(self.exec_path_error(path), events);
        };
        let name = path.rsplit('/').next().unwrap_or(path).to_owned();
        let (space, sp) = match self.load_image(pid, &program, argv, env) {
            Ok(loaded) => loaded,
            Err(errno) => return fail(errno, events),
        };
        let p = self.proc_mut(pid);
        let mut old = std::mem::replace(&mut p.memory, space);
        p.program = program;
        p.name = name;
        let closing: Vec<i32> = p
            .files
            .fds
            .iter()
            .filter(|d| d.close_on_exec)
            .map(|d| d.fd)
            .collect();
        for fd in closing {
            let _ = self.close_fd(pid, fd, events);
        }
        // exec keeps ignored signals ignored; caught ones return to their default.
        for action in &mut self.proc_mut(pid).ipc.actions {
            if action.handler != crate::abi::signal::SIG_IGN {
                *action = Default::default();
            }
        }
        let context = memory::start_context(sp, argv.len());
        self.proc_mut(pid).context = context.clone();
        if let Some(cpu) = self.cpu_of(pid) {
            self.cpus[cpu].registers = context;
        }
        let (freed, still_shared) = self.release_frames(&mut old);
        events.push(Event::Exec {
            pid,
            path: path.to_owned(),
        });
        events.push(Event::ImageReleased {
            pid,
            freed,
            still_shared,
        });
        self.detach_all(pid, &old.attachments, events);
        Ok(())
    }

    /// Why exec cannot run `path`, walking it as Linux does: a component before the last
    /// that is not a directory is ENOTDIR, a missing one ENOENT; a last one that is an
    /// executable file but no program ENOEXEC (no format the kernel knows), any other
    /// EACCES.
    fn exec_path_error(&self, path: &str) -> Errno {
        let parts: Vec<&str> = path.split('/').filter(|p| !p.is_empty()).collect();
        let mut prefix = String::new();
        for (i, part) in parts.iter().enumerate() {
            prefix.push('/');
            prefix.push_str(part);
            let Some(ino) = self.fs.lookup(&prefix) else {
                return Errno::ENOENT;
            };
            let directory = matches!(
                self.fs.inode(ino).kind,
                NodeKind::Directory | NodeKind::ProcRoot
            );
            if i + 1 < parts.len() && !directory {
                return Errno::ENOTDIR;
            }
            let inode = self.fs.inode(ino);
            if i + 1 == parts.len()
                && matches!(inode.kind, NodeKind::Regular(_))
                && inode.mode & 0o111 != 0
            {
                return Errno::ENOEXEC;
            }
        }
        Errno::EACCES
    }

    /// The process ends: it leaves its CPU, releases its memory, becomes a zombie, its
    /// children are re-parented and its parent is told (SIGCHLD, or an immediate reap).
    pub(super) fn terminate(&mut self, pid: Pid, how: Termination, events: &mut Vec<Event>) {
        if let Some(cpu) = self.cpu_of(pid) {
            self.vacate(cpu, events);
        }
        let now = self.clock;
        let p = self.proc_mut(pid);
        p.apply(Transition::Exit);
        p.termination = Some(how);
        p.accounting.finished_at = Some(now);
        let mut old = p.memory.clone();
        p.memory.page_table = Default::default();
        p.memory.vmas.clear();
        p.memory.attachments.clear();
        events.push(Event::Exit { pid, how });
        self.close_all(pid, events);
        let (freed, still_shared) = self.release_frames(&mut old);
        events.push(Event::ImageReleased {
            pid,
            freed,
            still_shared,
        });
        self.detach_all(pid, &old.attachments, events);
        self.undo_semaphores(pid, events);
        let children = self.proc_mut(pid).children.clone();
        self.reparent_children(pid, events);
        self.signal_orphaned_groups(pid, &children, events);
        self.notify_parent(pid, events);
    }

    /// Hands the children of an exiting process to their new parent, by the scenario's
    /// policy.
    fn reparent_children(&mut self, pid: Pid, events: &mut Vec<Event>) {
        let ppid = self.proc_mut(pid).ppid;
        let children = std::mem::take(&mut self.proc_mut(pid).children);
        let moves: Vec<(Pid, Pid)> = match self.settings.reparent {
            ReparentPolicy::Linux => children.iter().map(|&c| (c, INIT_PID)).collect(),
            ReparentPolicy::Local => children.iter().map(|&c| (c, ppid)).collect(),
            ReparentPolicy::OstepRoot => {
                let root = self.tree_root(pid);
                let mut all = Vec::new();
                let mut stack: Vec<Pid> = children.iter().rev().copied().collect();
                while let Some(c) = stack.pop() {
                    all.push((c, root));
                    let grandchildren = std::mem::take(&mut self.proc_mut(c).children);
                    stack.extend(grandchildren.into_iter().rev());
                }
                all
            }
        };
        for (child, to) in moves {
            let from = self.proc_mut(child).ppid;
            self.proc_mut(child).ppid = to;
            self.proc_mut(child).adopted = true;
            self.proc_mut(to).children.push(child);
            events.push(Event::Reparent {
                pid: child,
                from,
                to,
            });
            if self.proc_mut(child).state() == ProcState::Zombie {
                self.notify_parent(child, events);
            }
        }
    }

    /// The root of a process's tree: its oldest ancestor below init (init itself for a
    /// process that is such a root).
    fn tree_root(&self, pid: Pid) -> Pid {
        let mut root = self.process(pid).map_or(INIT_PID, |p| p.ppid);
        if root == INIT_PID {
            return INIT_PID;
        }
        while let Some(p) = self.process(root).filter(|p| p.ppid != INIT_PID) {
            root = p.ppid;
        }
        root
    }

    /// Tells a zombie's parent: the kernel reaps it at once if the parent ignores SIGCHLD;
    /// otherwise the parent is sent SIGCHLD (whose default action, ignore, discards it) and,
    /// if it sleeps in wait() for this child, wakes.
    fn notify_parent(&mut self, child: Pid, events: &mut Vec<Event>) {
        let ppid = self.proc_mut(child).ppid;
        let disposition = self.disposition(ppid, crate::abi::signal::SIGCHLD);
        if disposition == crate::abi::signal::SIG_IGN {
            self.reap(child, ppid, true, events);
            return;
        }
        events.push(Event::SigChld {
            parent: ppid,
            child,
            caught: disposition != crate::abi::signal::SIG_DFL,
        });
        let parent = self.proc_mut(ppid);
        let waiting_for = match (&parent.waiting_on, parent.state()) {
            (Some(WaitChannel::Child(target)), ProcState::Waiting) => Some(*target),
            _ => None,
        };
        if waiting_for.is_some_and(|t| self.wait_matches(ppid, t, child)) {
            self.wake(ppid, events);
        }
        // A parent with a SIGCHLD handler gets the signal delivered, not discarded.
        if disposition != crate::abi::signal::SIG_DFL {
            self.send_signal(ppid, crate::abi::signal::SIGCHLD, events);
        }
    }

    /// True when `child` is one that `waiter`'s waitpid(target) waits for, as Linux reads
    /// the target: a PID; -1, any child; 0, a child in the waiter's process group; -N, a
    /// child in process group N.
    pub(super) fn wait_matches(&self, waiter: Pid, target: i32, child: Pid) -> bool {
        let group = |pid: Pid| self.process(pid).map(|p| p.pgid);
        match target {
            -1 => true,
            0 => group(child).is_some() && group(child) == group(waiter),
            t if t < -1 => group(child).is_some_and(|g| i64::from(g) == -i64::from(t)),
            t => child as i32 == t,
        }
    }

    /// waitpid(target, &status, 0) for process `pid`; target -1 means any child.
    pub fn wait(&mut self, pid: Pid, target: i32, events: &mut Vec<Event>) -> WaitResult {
        let children = self.proc_mut(pid).children.clone();
        let matching: Vec<Pid> = children
            .into_iter()
            .filter(|&c| self.wait_matches(pid, target, c))
            .collect();
        if matching.is_empty() {
            events.push(Event::WaitFailed {
                pid,
                errno: Errno::ECHILD,
            });
            return WaitResult::Failed(Errno::ECHILD);
        }
        let zombie = matching.into_iter().find(|&c| {
            self.process(c)
                .is_some_and(|p| p.state() == ProcState::Zombie)
        });
        match zombie {
            Some(child) => WaitResult::Reaped {
                child,
                status: self.reap(child, pid, false, events),
            },
            None => WaitResult::MustBlock,
        }
    }

    /// ZOMBIE → TERMINATED: the exit status is collected and the PCB released. Returns the
    /// status word.
    fn reap(&mut self, child: Pid, by: Pid, auto: bool, events: &mut Vec<Event>) -> i32 {
        self.proc_mut(child).apply(Transition::Reap);
        let status = status_of(self.process(child));
        let spent = self
            .process(child)
            .map_or(0, |c| c.accounting.cpu_ticks + c.children_cpu_ticks);
        self.proc_mut(by).children_cpu_ticks += spent;
        self.proc_mut(by).children.retain(|&c| c != child);
        events.push(Event::Reap {
            pid: child,
            by,
            auto,
            status,
        });
        status
    }
}

/// A finished process's status word.
fn status_of(p: Option<&Pcb>) -> i32 {
    p.and_then(|p| p.termination).map_or(0, |t| t.status_word())
}

#[cfg(test)]
mod tests {
    use super::super::test_support::*;
    use super::*;
    use crate::abi::signal::SIGSEGV;
    use crate::wait_status::{wexitstatus, wifexited, wifsignaled, wtermsig};

    fn boot(programs: Vec<Vec<Op>>, tweak: impl Fn(&mut Settings)) -> Kernel {
        let programs = programs.into_iter().map(Program::from_ops).collect();
        boot_programs(Policy::Fcfs, programs, Vec::new(), tweak)
    }

    fn rax(k: &Kernel, pid: Pid) -> i64 {
        match k.cpu_of(pid) {
            Some(cpu) => k.cpus()[cpu].registers.regs[0] as i64,
            None => k.process(pid).unwrap().context.regs[0] as i64,
        }
    }

    #[test]
    fn fork_returns_the_child_pid_in_the_parent_and_zero_in_the_child() {
        let mut k = boot(vec![vec![Op::Fork, Op::Cpu]], |_| {});
        run_until(&mut k, 1);
        assert_eq!(rax(&k, 2), 3);
        let child = k.process(3).unwrap();
        assert_eq!(
            (child.ppid, child.state(), child.context.regs[0]),
            (2, ProcState::New, 0)
        );
        assert_eq!(
            child.context.pc,
            k.cpus()[0].registers.pc,
            "both resume after fork"
        );
        assert_eq!(k.process(2).unwrap().children, [3]);
    }

    #[test]
    fn fork_fails_with_eagain_at_the_process_limit() {
        let mut k = boot(vec![vec![Op::Fork, Op::Cpu]], |s| s.max_processes = 2);
        let events = run_until(&mut k, 1);
        assert!(events.contains(&Event::ForkFailed {
            pid: 2,
            errno: Errno::EAGAIN
        }));
        assert_eq!(rax(&k, 2), -11);
    }

    #[test]
    fn fork_fails_with_enomem_when_no_frame_is_left_for_the_page_table() {
        // 8 kernel + init (2) + P2 (page table, text, stack) = 13 frames: none left.
        let mut k = boot(vec![vec![Op::Fork, Op::Cpu]], |s| s.frames = 13);
        let events = run_until(&mut k, 1);
        assert!(events.contains(&Event::ForkFailed {
            pid: 2,
            errno: Errno::ENOMEM
        }));
        assert_eq!(rax(&k, 2), -12);
    }

    #[test]
    fn exec_replaces_the_image_and_keeps_pid_parent_and_files() {
        let ls = Program {
            data: vec![7],
            ..Program::from_ops(vec![Op::Cpu, Op::Cpu])
        };
        let programs = vec![Program::from_ops(vec![Op::Exec("/bin/ls".into()), Op::Cpu])];
        let mut k = boot_programs(Policy::Fcfs, programs, vec![("/bin/ls", ls)], |_| {});
        let old_frames: Vec<usize> = k
            .process(2)
            .unwrap()
            .memory
            .page_table
            .iter()
            .map(|(_, p)| p.frame)
            .collect();
        let events = run_until(&mut k, 1);
        let p = k.process(2).unwrap();
        assert_eq!((p.pid, p.ppid, p.name.as_str()), (2, 1, "ls"));
        assert_eq!(p.files.fds.len(), 3);
        let regs = &k.cpus()[0].registers;
        assert_eq!(regs.pc, 0x400000, "execution restarts at the new entry");
        assert_eq!(
            (regs.regs[5], regs.regs[4]),
            (1, regs.sp + 8),
            "rdi = argc, rsi = argv"
        );
        assert_eq!(
            k.peek(2, 0x401000),
            Some(7),
            "the new program's data is loaded"
        );
        let released = events.iter().find_map(|e| match e {
            Event::ImageReleased { freed, .. } => Some(freed.clone()),
            _ => None,
        });
        let freed = released.expect("the old image was released");
        assert!(old_frames.iter().all(|f| freed.contains(f)));
    }

    #[test]
    fn exec_of_a_missing_program_fails_with_enoent_and_keeps_the_old_image() {
        let mut k = boot(vec![vec![Op::Exec("/bin/nope".into()), Op::Cpu]], |_| {});
        let before = k.process(2).unwrap().memory.clone();
        let events = run_until(&mut k, 1);
        assert!(events.contains(&Event::ExecFailed {
            pid: 2,
            path: "/bin/nope".into(),
            errno: Errno::ENOENT
        }));
        assert_eq!(rax(&k, 2), -2);
        assert_eq!(k.process(2).unwrap().memory.page_table, before.page_table);
    }

    #[test]
    fn a_parent_blocked_in_wait_wakes_when_its_child_exits_and_reaps_it() {
        // The child resumes after fork, at the Wait: it has no children (ECHILD) and exits.
        let mut k = boot(vec![vec![Op::Fork, Op::Wait(-1), Op::Cpu]], |_| {});
        let events = run_to_end(&mut k);
        assert!(events.contains(&Event::Block {
            pid: 2,
            channel: WaitChannel::Child(-1)
        }));
        assert!(events.contains(&Event::WaitFailed {
            pid: 3,
            errno: Errno::ECHILD
        }));
        let status = events.iter().find_map(|e| match e {
            Event::Reap {
                pid: 3,
                by: 2,
                auto: false,
                status,
            } => Some(*status),
            _ => None,
        });
        let status = status.expect("the parent reaped the child");
        assert!(wifexited(status));
        assert_eq!(wexitstatus(status), 0);
        assert_eq!(k.halted(), Some(Halt::AllDone));
    }

    /// P2 (running) forks P3, which is admitted and dispatched on nothing: the tests drive
    /// the kernel's calls directly, as fork.py's driver does.
    fn parent_and_child() -> (Kernel, Vec<Event>) {
        let mut k = boot(vec![vec![Op::Cpu]], |_| {});
        let mut events = Vec::new();
        k.step();
        let child = k.fork(2, &mut events).unwrap();
        let c = k.proc_mut(child);
        c.apply(Transition::Admit);
        c.apply(Transition::Dispatch);
        (k, events)
    }

    #[test]
    fn an_exited_child_stays_a_zombie_until_its_parent_waits_for_its_status() {
        let (mut k, mut events) = parent_and_child();
        k.terminate(3, Termination::Exited(3), &mut events);
        assert_eq!(state(&k, 3), ProcState::Zombie);
        assert!(events.contains(&Event::SigChld {
            parent: 2,
            child: 3,
            caught: false
        }));
        assert_eq!(
            k.process(3).unwrap().memory.page_table.len(),
            0,
            "its memory is gone"
        );
        let WaitResult::Reaped { child, status } = k.wait(2, -1, &mut events) else {
            panic!("wait should reap the zombie");
        };
        assert_eq!((child, wexitstatus(status)), (3, 3));
        assert_eq!(state(&k, 3), ProcState::Terminated);
        assert_eq!(
            k.wait(2, -1, &mut events),
            WaitResult::Failed(Errno::ECHILD)
        );
        k.check_invariants().unwrap();
    }

    #[test]
    fn waitpid_with_wnohang_returns_zero_instead_of_blocking() {
        let mut k = boot(vec![vec![Op::Fork, Op::WaitNoHang(-1), Op::Cpu]], |_| {});
        run_until(&mut k, 2);
        assert_eq!(rax(&k, 2), 0);
        assert_eq!(state(&k, 2), ProcState::Running);
    }

    #[test]
    fn wait_must_block_while_the_child_lives() {
        let (mut k, mut events) = parent_and_child();
        assert_eq!(k.wait(2, -1, &mut events), WaitResult::MustBlock);
        assert_eq!(k.wait(2, 3, &mut events), WaitResult::MustBlock);
    }

    #[test]
    fn a_child_that_outlives_its_parent_is_adopted_and_reaped_by_init() {
        let mut k = boot(vec![vec![Op::Fork, Op::Exit(3)]], |s| {
            s.scheduler.policy = Policy::RoundRobin;
        });
        let events = run_to_end(&mut k);
        assert!(events.contains(&Event::Reparent {
            pid: 3,
            from: 2,
            to: INIT_PID
        }));
        assert_eq!(k.process(3).unwrap().ppid, INIT_PID);
        assert!(k.process(3).unwrap().adopted);
        assert_eq!(state(&k, 3), ProcState::Terminated);
    }

    #[test]
    fn a_process_killed_by_sigsegv_has_a_status_that_decodes_with_wifsignaled() {
        let mut k = boot(vec![vec![Op::Peek(0)]], |_| {});
        run_to_end(&mut k);
        let status = k.process(2).unwrap().termination.unwrap().status_word();
        assert!(wifsignaled(status) && !wifexited(status));
        assert_eq!(wtermsig(status), SIGSEGV);
    }

    #[test]
    fn wait_with_no_children_fails_with_echild() {
        let mut k = boot(vec![vec![Op::Wait(-1), Op::Cpu]], |_| {});
        run_until(&mut k, 1);
        assert_eq!(rax(&k, 2), -10);
    }

    #[test]
    fn waitpid_for_a_pid_that_is_not_a_child_fails_with_echild() {
        let mut k = boot(vec![vec![Op::Fork, Op::Wait(99), Op::Cpu]], |_| {});
        run_until(&mut k, 2);
        assert_eq!(rax(&k, 2), -10);
    }

    fn parent(k: &Kernel, pid: Pid) -> Pid {
        k.process(pid).unwrap().ppid
    }

    /// init → P2 → P3 → P4 → P5, then P3 exits; returns the new parents of P4 and P5.
    fn reparent_after_middle_exit(policy: ReparentPolicy) -> (Pid, Pid) {
        let mut k = boot(vec![vec![Op::Cpu]], |s| s.reparent = policy);
        let mut events = Vec::new();
        // Build the tree by calling the kernel directly, as fork.py's driver does.
        let p3 = k.fork(2, &mut events).unwrap();
        let p4 = k.fork(p3, &mut events).unwrap();
        let p5 = k.fork(p4, &mut events).unwrap();
        for pid in [p3, p4, p5] {
            k.proc_mut(pid).apply(Transition::Admit);
        }
        k.proc_mut(p3).apply(Transition::Dispatch);
        k.terminate(p3, Termination::Exited(0), &mut events);
        k.check_invariants().unwrap();
        (parent(&k, p4), parent(&k, p5))
    }

    #[test]
    fn each_reparent_policy_moves_orphans_where_its_textbook_says() {
        // Linux: to init, P5 stays under P4. Local: to P3's parent. OSTEP: every descendant
        // to the tree's root, P2, flattened.
        assert_eq!(reparent_after_middle_exit(ReparentPolicy::Linux), (1, 4));
        assert_eq!(reparent_after_middle_exit(ReparentPolicy::Local), (2, 4));
        assert_eq!(
            reparent_after_middle_exit(ReparentPolicy::OstepRoot),
            (2, 2)
        );
    }
}
