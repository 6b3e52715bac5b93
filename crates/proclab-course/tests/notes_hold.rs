//! Every built-in's teaching note is checked against its run: each claim the note makes is
//! found at the step where it happens (the copy that is made, the frame that is shared, the
//! order of events, the output), so a note can never promise what the run does not show.

use proclab_course::library::{BUILTINS, find_builtin};
use proclab_kernel::abi::errno::Errno;
use proclab_kernel::event::{Event, FaultKind, Halt};
use proclab_kernel::kernel::{INIT_PID, Kernel};
use proclab_kernel::process::{Pid, ProcState, WaitChannel};
use proclab_kernel::timeline::Timeline;

/// A built-in's whole run.
fn run(slug: &str) -> Timeline {
    let index = find_builtin(slug).unwrap_or_else(|| panic!("no built-in {slug}"));
    Timeline::record(&(BUILTINS[index].build)().scenario()).expect("a built-in boots")
}

/// Every event with the step it happened in.
fn events(t: &Timeline) -> Vec<(usize, &Event)> {
    (1..=t.len())
        .flat_map(|n| {
            t.step(n)
                .expect("recorded")
                .events
                .iter()
                .map(move |e| (n, e))
        })
        .collect()
}

/// The first step with an event that `wanted` picks.
fn first(t: &Timeline, wanted: impl Fn(&Event) -> bool) -> usize {
    events(t)
        .into_iter()
        .find(|(_, e)| wanted(e))
        .map(|(n, _)| n)
        .expect("the run has such an event")
}

/// What the processes wrote to the terminal.
fn output(t: &Timeline) -> String {
    events(t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::Write { text, .. } => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

/// The frames a process's pages map, in page order.
fn frames(k: &Kernel, pid: Pid) -> Vec<usize> {
    let p = k.process(pid).expect("the process exists");
    p.memory
        .page_table
        .iter()
        .map(|(_, pte)| pte.frame)
        .collect()
}

fn state(k: &Kernel, pid: Pid) -> Option<ProcState> {
    k.process(pid).map(|p| p.state())
}

#[test]
fn every_builtin_has_its_note_checked_here() {
    let source = include_str!("notes_hold.rs");
    for entry in BUILTINS {
        assert!(
            source.contains(&format!("run(\"{}\")", entry.slug)),
            "{} has no test of its note",
            entry.slug
        );
    }
}

#[test]
fn fork_exec_wait_shares_frames_then_execs_keeping_the_pid_and_the_child_waits_as_a_zombie() {
    let t = run("fork-exec-wait");
    let fork = first(&t, |e| matches!(e, Event::Fork { .. }));
    let k = t.state_at(fork);
    let (parent, child) = (frames(&k, 2), frames(&k, 3));
    assert!(
        child.iter().all(|f| parent.contains(f)),
        "every frame shared"
    );
    assert!(child.iter().all(|&f| k.frames().frame(f).refcount == 2));
    let exec = first(&t, |e| matches!(e, Event::Exec { pid: 3, .. }));
    let (before, after) = (t.state_at(exec - 1), t.state_at(exec));
    let child_before = before.process(3).expect("P3");
    let child_after = after.process(3).expect("P3 after exec");
    assert_eq!(child_after.ppid, 2, "same PID, same parent");
    assert_eq!(
        child_after.files.fds, child_before.files.fds,
        "same open files"
    );
    assert!(
        frames(&after, 3).iter().all(|f| !parent.contains(f)),
        "a new image"
    );
    let blocked = first(&t, |e| {
        matches!(
            e,
            Event::Block {
                pid: 2,
                channel: WaitChannel::Child(3)
            }
        )
    });
    let exit = first(&t, |e| matches!(e, Event::Exit { pid: 3, .. }));
    let reap = first(&t, |e| matches!(e, Event::Reap { pid: 3, by: 2, .. }));
    assert!(blocked < exit && exit < reap);
    assert_eq!(state(&t.state_at(exit), 3), Some(ProcState::Zombie));
    assert_eq!(state(&t.state_at(exit - 1), 2), Some(ProcState::Waiting));
}

#[test]
fn fork_loop_makes_sixty_four_processes_in_six_rounds() {
    let t = run("fork-loop");
    let forks = events(&t)
        .iter()
        .filter(|(_, e)| matches!(e, Event::Fork { .. }))
        .count();
    assert_eq!(forks + 1, 64);
}

#[test]
fn wait_order_reaps_by_pid_in_reverse_with_codes_ten_to_twelve() {
    let t = run("wait-order");
    let reaped: Vec<(Pid, i32)> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::Reap {
                pid, by: 2, status, ..
            } => Some((*pid, (status >> 8) & 0xff)),
            _ => None,
        })
        .collect();
    assert_eq!(reaped, [(5, 12), (4, 11), (3, 10)]);
    let first_exit = first(&t, |e| matches!(e, Event::Exit { .. }));
    let first_reap = first(&t, |e| matches!(e, Event::Reap { .. }));
    assert!(first_exit < first_reap, "a child waits as a zombie first");
}

#[test]
fn exec_family_keeps_pid_and_parent_across_each_exec() {
    let t = run("exec-family");
    let execs: Vec<(usize, Pid)> = events(&t)
        .into_iter()
        .filter_map(|(n, e)| match e {
            Event::Exec { pid, .. } => Some((n, *pid)),
            _ => None,
        })
        .collect();
    assert!(execs.len() >= 2, "execl and execvp: {execs:?}");
    for (n, pid) in execs {
        let before = t.state_at(n - 1).process(pid).map(|p| p.ppid);
        assert_eq!(t.state_at(n).process(pid).map(|p| p.ppid), before);
    }
}

#[test]
fn copy_on_write_copies_each_page_for_its_first_writer_and_the_parent_keeps_its_values() {
    let t = run("copy-on-write");
    let copies: Vec<(Pid, u64)> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::PageFault {
                pid,
                addr,
                kind: FaultKind::CopyOnWrite { .. },
            } => Some((*pid, *addr)),
            _ => None,
        })
        .collect();
    let k = t.state_at(first(&t, |e| matches!(e, Event::Fork { .. })));
    let child = k.process(3).expect("the child");
    let segment = |addr: u64| child.memory.vma_at(addr).map(|v| v.kind.label());
    let by = |pid: Pid| -> Vec<_> {
        copies
            .iter()
            .filter(|(p, _)| *p == pid)
            .map(|(_, a)| segment(*a))
            .collect()
    };
    assert_eq!(
        by(2),
        [Some("stack")],
        "the parent's store of fork's result"
    );
    assert_eq!(by(3), [Some("data"), Some("heap")]);
    let parents_copy = first(&t, |e| {
        matches!(
            e,
            Event::PageFault {
                pid: 2,
                kind: FaultKind::CopyOnWrite { .. },
                ..
            }
        )
    });
    let childs_reuse = first(&t, |e| {
        matches!(
            e,
            Event::PageFault {
                pid: 3,
                kind: FaultKind::CowReuse { .. },
                ..
            }
        )
    });
    assert!(
        parents_copy < childs_reuse,
        "the child's stack page is its own once the parent has copied it"
    );
    assert!(output(&t).contains("parent: global 100, heap 7, local 1"));
}

#[test]
fn stdio_buffer_prints_ab_twice() {
    let t = run("stdio-buffer");
    assert_eq!(output(&t).matches("AB").count(), 2, "{}", output(&t));
}

#[test]
fn zombie_frees_its_memory_and_waits_for_its_parent_to_reap_it() {
    let t = run("zombie");
    let exit = first(&t, |e| matches!(e, Event::Exit { pid: 3, .. }));
    let reap = first(&t, |e| matches!(e, Event::Reap { pid: 3, by: 2, .. }));
    assert!(reap > exit + 1);
    let k = t.state_at(exit);
    assert_eq!(state(&k, 3), Some(ProcState::Zombie));
    assert!(frames(&k, 3).is_empty(), "its memory is freed");
}

#[test]
fn orphan_is_adopted_by_init_which_reaps_it() {
    let t = run("orphan");
    let adopted = first(&t, |e| {
        matches!(
            e,
            Event::Reparent {
                pid: 4,
                to: INIT_PID,
                ..
            }
        )
    });
    let reaped = first(&t, |e| {
        matches!(
            e,
            Event::Reap {
                pid: 4,
                by: INIT_PID,
                ..
            }
        )
    });
    assert!(adopted < reaped);
    assert!(output(&t).contains("orphan adopted by another process: yes"));
}

#[test]
fn fork_bomb_stops_at_twelve_processes_of_its_user_with_eagain_and_winds_down() {
    let t = run("fork-bomb");
    let users = |k: &Kernel| {
        k.processes()
            .iter()
            .filter(|p| p.uid != 0 && p.state() != ProcState::Terminated)
            .count()
    };
    let most = (0..=t.len()).map(|n| users(&t.state_at(n))).max();
    assert_eq!(most, Some(12));
    first(&t, |e| {
        matches!(
            e,
            Event::ForkFailed {
                errno: Errno::EAGAIN,
                ..
            }
        )
    });
    assert_eq!(t.halt(), Some(Halt::AllDone));
}

#[test]
fn pipeline_wires_both_ends_with_dup2_and_wc_sees_end_of_file_after_the_last_writer() {
    let t = run("pipeline");
    let dups: Vec<(i32, i32)> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::Dup { from, to, .. } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    assert!(dups.iter().any(|&(_, to)| to == 0) && dups.iter().any(|&(_, to)| to == 1));
    let last_write_end = events(&t)
        .into_iter()
        .filter(|(_, e)| {
            matches!(
                e,
                Event::PipeEndClosed {
                    write_end: true,
                    ..
                }
            )
        })
        .map(|(n, _)| n)
        .max()
        .expect("the write end closes");
    let wc = events(&t)
        .into_iter()
        .find_map(|(_, e)| match e {
            Event::Exec { pid, path } if path == "/bin/wc" => Some(*pid),
            _ => None,
        })
        .expect("a child execs wc");
    let wc_exits = first(&t, |e| matches!(e, Event::Exit { pid, .. } if *pid == wc));
    assert!(
        last_write_end < wc_exits,
        "wc sees end of file, and finishes, only once every write end is closed"
    );
    assert!(output(&t).starts_with("3\n"), "{}", output(&t));
}

#[test]
fn shell_forks_ls_and_wc_wires_them_and_ps_reads_proc() {
    let t = run("shell");
    let execs: Vec<String> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::Exec { path, .. } => Some(path.clone()),
            _ => None,
        })
        .collect();
    for program in ["/bin/ls", "/bin/wc", "/bin/ps"] {
        assert!(execs.iter().any(|p| p == program), "{execs:?}");
    }
    first(&t, |e| matches!(e, Event::Dup { to: 1, .. }));
    first(
        &t,
        |e| matches!(e, Event::Opened { path, .. } if path.starts_with("/proc")),
    );
}

#[test]
fn worker_pool_runs_two_workers_at_the_same_tick_and_sums_their_answers() {
    let t = run("worker-pool");
    let together = (1..=t.len())
        .filter(|&n| {
            let mut running: Vec<Pid> = t
                .step(n)
                .expect("recorded")
                .events
                .iter()
                .filter_map(|e| match e {
                    Event::Execute { pid, .. } if *pid > 2 => Some(*pid),
                    _ => None,
                })
                .collect();
            running.dedup();
            running.len() == 2
        })
        .count();
    assert!(
        together > 500,
        "{together} ticks with both workers computing"
    );
    assert!(output(&t).contains("sum of the squares of 1..100 = 338350"));
}

#[test]
fn signals_handler_runs_on_a_signal_frame_and_sigreturn_resumes_where_it_was() {
    let t = run("signals");
    let (entered, handler_resume) = events(&t)
        .into_iter()
        .find_map(|(n, e)| match e {
            Event::HandlerEntered { resume, .. } => Some((n, *resume)),
            _ => None,
        })
        .expect("the handler runs");
    let sp = |n: usize| t.state_at(n).cpus()[0].registers.sp;
    assert!(
        sp(entered) < sp(entered - 1),
        "the signal frame is pushed below"
    );
    let returned = first(
        &t,
        |e| matches!(e, Event::HandlerReturned { resume, .. } if *resume == handler_resume),
    );
    assert!(returned > entered);
    assert!(output(&t).contains("handler: caught signal 10"));
}

#[test]
fn stop_continue_stops_and_continues_the_child_and_tells_the_parent_both() {
    let t = run("stop-continue");
    let stopped = first(&t, |e| matches!(e, Event::Stopped { .. }));
    let continued = first(&t, |e| matches!(e, Event::Continued { .. }));
    assert!(stopped < continued);
    let reports = events(&t)
        .iter()
        .filter(|(_, e)| matches!(e, Event::JobChangeReported { .. }))
        .count();
    assert_eq!(reports, 2);
}

#[test]
fn fifo_reader_blocks_in_open_until_a_writer_opens() {
    let t = run("fifo");
    let made = first(&t, |e| matches!(e, Event::FifoMade { .. }));
    let waits = first(&t, |e| matches!(e, Event::FifoWaits { .. }));
    let writer = first(
        &t,
        |e| matches!(e, Event::Opened { pid, path, .. } if *pid != 2 && path.ends_with("/channel")),
    );
    assert!(made < waits && waits < writer);
    let woken = first(&t, |e| matches!(e, Event::Wake { pid: 2 }));
    assert!(woken >= writer, "the reader wakes once the writer opens");
}

#[test]
fn message_queue_gives_urgent_before_the_older_routine_and_removes_the_queue() {
    let t = run("message-queue");
    let received: Vec<i64> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::MsgReceived { mtype, .. } => Some(*mtype),
            _ => None,
        })
        .collect();
    assert_eq!(received, [2, 1]);
    first(&t, |e| matches!(e, Event::MsgQueueRemoved { .. }));
}

#[test]
fn socketpair_carries_bytes_both_ways_and_closing_gives_end_of_file() {
    let t = run("socketpair");
    let writers: Vec<Pid> = events(&t)
        .into_iter()
        .filter_map(|(_, e)| match e {
            Event::PipeWrite { pid, .. } => Some(*pid),
            _ => None,
        })
        .collect();
    assert!(writers.contains(&2) && writers.contains(&3), "{writers:?}");
    first(&t, |e| matches!(e, Event::SocketPairMade { .. }));
    first(&t, |e| matches!(e, Event::PipeEndClosed { .. }));
}

#[test]
fn shared_race_counts_in_one_frame_never_copied_and_loses_updates() {
    let t = run("shared-race");
    let shared = events(&t)
        .into_iter()
        .find_map(|(_, e)| match e {
            Event::Mmap {
                shared: true,
                frames,
                ..
            } => Some(frames.clone()),
            _ => None,
        })
        .expect("a shared mapping");
    let copied = events(&t).into_iter().any(|(_, e)| {
        matches!(e, Event::PageFault { kind: FaultKind::CopyOnWrite { from, .. }, .. } if shared.contains(from))
    });
    assert!(!copied, "the shared frame is never copied");
    let out = output(&t);
    let count: u32 = out
        .split("counter = ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|s| s.parse().ok())
        .expect("the count is printed");
    assert!(count < 200, "{out}");
}

#[test]
fn deadlock_ends_with_both_blocked_and_the_cycle_named() {
    let t = run("deadlock");
    assert_eq!(t.halt(), Some(Halt::Deadlock));
    let waits = events(&t)
        .into_iter()
        .find_map(|(_, e)| match e {
            Event::Deadlocked { waits } => Some(waits.len()),
            _ => None,
        })
        .expect("the kernel names the cycle");
    assert_eq!(waits, 2);
}

#[test]
fn cpu_and_io_runs_another_process_while_one_waits_for_the_disk() {
    let t = run("cpu-and-io");
    let overlapped = (1..=t.len()).any(|n| {
        let k = t.state_at(n);
        let waiting = k
            .processes()
            .iter()
            .any(|p| matches!(p.waiting_on, Some(WaitChannel::Device(_))));
        waiting && k.cpus()[0].running.is_some()
    });
    assert!(overlapped);
    let note = BUILTINS[find_builtin("cpu-and-io").expect("a built-in")].note;
    let command = note
        .split("import ")
        .nth(1)
        .and_then(|rest| rest.split(" (Import").next())
        .expect("the note names a command line");
    let fcfs = proclab_course::ostep::import::import(command).expect("the command imports");
    assert_eq!(fcfs.processes.len(), 3);
}
