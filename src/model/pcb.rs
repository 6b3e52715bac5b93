//! The Process Control Block as the PCB view lists it: every field group of the textbook,
//! each field as text, marked when this step changed it, and a note on a group that a step
//! moved as a whole (registers saved or loaded, a PCB copied by fork, segments replaced by
//! exec).

use proclab_kernel::cpu_context::REGISTER_NAMES;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::{Pcb, Pid};

/// One group of fields, as the view shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// Its heading.
    pub name: &'static str,
    /// Its fields: name, value, and whether this step changed the value.
    pub fields: Vec<(String, String, bool)>,
    /// What this step did to the group as a whole, and the note's class (save, load, copy).
    pub note: Option<(String, &'static str)>,
}

/// The PCB of `pid` at this step, its changes since `previous` marked; None when there is no
/// such process.
pub fn groups(
    kernel: &Kernel,
    previous: &Kernel,
    pid: Pid,
    events: &[Event],
) -> Option<Vec<Group>> {
    let p = kernel.process(pid)?;
    let before = previous
        .process(pid)
        .map(|old| fields(previous, old))
        .unwrap_or_default();
    let changed = |group: &str, name: &str, value: &str| {
        before
            .iter()
            .find(|(g, _)| *g == group)
            .and_then(|(_, fs)| fs.iter().find(|(n, _)| n == name))
            .is_some_and(|(_, old)| old != value)
    };
    Some(
        fields(kernel, p)
            .into_iter()
            .map(|(name, fs)| Group {
                name,
                note: group_note(events, pid, name),
                fields: fs
                    .into_iter()
                    .map(|(field, value)| {
                        let moved = changed(name, &field, &value);
                        (field, value, moved)
                    })
                    .collect(),
            })
            .collect(),
    )
}

/// What this step did to a group of the PCB as a whole, shown as an animated note on it: a
/// context switch saving or loading the registers, a fork copying the PCB, an exec
/// replacing the memory map.
fn group_note(events: &[Event], pid: Pid, group: &str) -> Option<(String, &'static str)> {
    events.iter().find_map(|e| match (e, group) {
        (Event::SaveContext { cpu, pid: p, .. }, "CPU context (saved)") if *p == pid => Some((
            format!("⇐ saved: CPU {cpu}'s registers were copied into this PCB as P{pid} left it"),
            "save",
        )),
        (Event::LoadContext { cpu, pid: p, .. }, "CPU context (saved)") if *p == pid => Some((
            format!("⇒ loaded: these registers were copied into CPU {cpu}, where P{pid} resumes"),
            "load",
        )),
        (Event::Fork { parent, child, .. }, "Identification") if *child == pid => Some((
            format!("copied from P{parent}'s PCB by fork, with a new pid"),
            "copy",
        )),
        (Event::Exec { pid: p, path }, "Memory management") if *p == pid => Some((
            format!("exec {path}: the old segments were replaced"),
            "copy",
        )),
        _ => None,
    })
}

/// A field: its name and value as text.
type Field = (String, String);

/// Every group of a PCB, in the textbook's order.
fn fields(k: &Kernel, p: &Pcb) -> Vec<(&'static str, Vec<Field>)> {
    vec![
        ("Identification", identification(p)),
        ("State", state(p)),
        ("Scheduling", scheduling(p)),
        ("CPU context (saved)", cpu_context(p)),
        ("Memory management", memory(p)),
        ("I/O and file system", files(k, p)),
        ("Accounting", accounting(p)),
        ("IPC", ipc(p)),
    ]
}

/// A field.
fn f(name: &str, value: String) -> Field {
    (name.to_owned(), value)
}

/// A number, or a dash for none.
fn opt(v: Option<u64>) -> String {
    v.map_or("—".to_owned(), |v| v.to_string())
}

fn identification(p: &Pcb) -> Vec<Field> {
    let children = if p.children.is_empty() {
        "—".to_owned()
    } else {
        p.children
            .iter()
            .map(|c| format!("P{c}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    vec![
        f("pid", p.pid.to_string()),
        f("ppid", p.ppid.to_string()),
        f("uid", p.uid.to_string()),
        f("gid", p.gid.to_string()),
        f("process group", p.pgid.to_string()),
        f("session", p.sid.to_string()),
        f("children", children),
    ]
}

fn state(p: &Pcb) -> Vec<Field> {
    vec![
        f("state", p.state().label().to_owned()),
        f(
            "waiting on",
            p.waiting_on
                .as_ref()
                .map_or("—".to_owned(), |w| w.describe()),
        ),
        f(
            "ended",
            p.termination.map_or("—".to_owned(), |t| t.describe()),
        ),
    ]
}

fn scheduling(p: &Pcb) -> Vec<Field> {
    vec![
        f("priority", p.sched.priority.to_string()),
        f("quantum left", p.sched.quantum_left.to_string()),
        f(
            "queue position",
            opt(p.sched.queue_position.map(|q| q as u64)),
        ),
        f("cpu", opt(p.sched.cpu.map(|c| c as u64))),
    ]
}

fn cpu_context(p: &Pcb) -> Vec<Field> {
    let c = &p.context;
    let mut cpu = vec![
        f("program counter", format!("{:#x}", c.pc)),
        f("stack pointer", format!("{:#x}", c.sp)),
    ];
    cpu.extend(
        REGISTER_NAMES
            .iter()
            .zip(c.regs)
            .map(|(name, value)| f(name, value.to_string())),
    );
    cpu.push(f("status flags", format!("{:#06x}", c.flags)));
    cpu.push(f("mode", format!("{:?}", c.mode)));
    cpu
}

fn memory(p: &Pcb) -> Vec<Field> {
    if !p.state().is_alive() {
        return vec![f(
            "address space",
            "released at exit: a zombie keeps its PID, exit status and CPU times, no memory"
                .to_owned(),
        )];
    }
    let m = &p.memory;
    let (low, high) = m.limits();
    let mut fields = vec![
        f("page table base", format!("{:#x}", m.page_table_base)),
        f("limits", format!("{low:#x}–{high:#x}")),
        f("present pages", m.page_table.len().to_string()),
        f("program break", format!("{:#x}", m.brk)),
    ];
    fields.extend(m.vmas.iter().map(|s| {
        let range = if s.end == u64::MAX {
            format!("{:#x} and up", s.start)
        } else {
            format!("{:#x}–{:#x}", s.start, s.end)
        };
        f(&format!("{} {}", m.region_label(s), s.perms()), range)
    }));
    fields
}

fn files(k: &Kernel, p: &Pcb) -> Vec<Field> {
    p.files
        .fds
        .iter()
        .map(|d| {
            let file = k.open_files()[d.open_file].describe();
            f(&format!("fd {}", d.fd), file)
        })
        .chain([
            f("cwd", p.files.cwd.clone()),
            f("umask", format!("{:03o}", p.files.umask)),
            f("root", p.files.root.clone()),
        ])
        .collect()
}

fn accounting(p: &Pcb) -> Vec<Field> {
    let a = &p.accounting;
    vec![
        f("created at tick", a.created_at.to_string()),
        f("cpu time", a.cpu_ticks.to_string()),
        f("time ready", a.ready_ticks.to_string()),
        f("time blocked", a.blocked_ticks.to_string()),
        f("I/O requests", a.io_requests.to_string()),
        f("response time", opt(a.response())),
        f("turnaround", opt(a.turnaround())),
        f("stack limit", limit(p.limits.stack, " bytes")),
        f("process limit", limit(p.limits.nproc, "")),
    ]
}

/// A resource limit as "soft / hard", each a number or "unlimited".
fn limit(l: proclab_kernel::process::Rlimit, unit: &str) -> String {
    let one = |v: u64| {
        if v == proclab_kernel::abi::flags::RLIM_INFINITY {
            "unlimited".to_owned()
        } else {
            format!("{v}{unit}")
        }
    };
    format!("{} / {}", one(l.soft), one(l.hard))
}

fn ipc(p: &Pcb) -> Vec<Field> {
    vec![
        f("signal mask", format!("{:#x}", p.ipc.signal_mask)),
        f("pending signals", format!("{:#x}", p.ipc.pending_signals)),
        f("handlers", handlers(p)),
        f("alarm at tick", opt(p.ipc.alarm_at)),
    ]
}

/// The signals with a disposition other than the default, e.g. "SIGCHLD ignored".
fn handlers(p: &Pcb) -> String {
    let set: Vec<String> = p
        .ipc
        .actions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.handler != 0)
        .map(|(signo, a)| {
            let h = a.handler;
            let what = if h == 1 {
                "ignored".to_owned()
            } else {
                format!("handler {h:#x}")
            };
            format!("{} {what}", proclab_kernel::abi::signal::name(signo as i32))
        })
        .collect();
    if set.is_empty() {
        "all default".to_owned()
    } else {
        set.join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::library::BUILTINS;
    use proclab_kernel::timeline::Timeline;

    /// The fork-exec-wait built-in, recorded.
    fn run() -> Timeline {
        Timeline::record(&(BUILTINS[0].build)().scenario()).expect("boots")
    }

    #[test]
    fn every_group_of_the_textbook_is_listed_in_order() {
        let t = run();
        let k = t.state_at(1);
        let names: Vec<&str> = groups(&k, &k, 2, &[])
            .expect("P2 exists")
            .iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(
            names,
            [
                "Identification",
                "State",
                "Scheduling",
                "CPU context (saved)",
                "Memory management",
                "I/O and file system",
                "Accounting",
                "IPC"
            ]
        );
        assert_eq!(groups(&k, &k, 99, &[]), None);
    }

    #[test]
    fn a_fork_marks_the_childs_identification_as_copied_and_its_changes() {
        let t = run();
        let fork = t
            .next_step_where(0, |s| {
                s.events.iter().any(|e| matches!(e, Event::Fork { .. }))
            })
            .expect("the scenario forks");
        let events = t.step(fork).expect("recorded").events;
        let (before, after) = (t.state_at(fork - 1), t.state_at(fork));
        let parent = groups(&after, &before, 2, events).expect("P2");
        let child = groups(&after, &before, 3, events).expect("P3");
        let identification = &child[0];
        assert_eq!(identification.note.as_ref().map(|n| n.1), Some("copy"));
        let children = parent[0]
            .fields
            .iter()
            .find(|(name, ..)| name == "children")
            .expect("a children field");
        assert_eq!((children.1.as_str(), children.2), ("P3", true));
        assert!(
            child
                .iter()
                .flat_map(|g| &g.fields)
                .all(|(.., changed)| !changed),
            "a new process has no earlier values to differ from"
        );
    }

    #[test]
    fn a_zombies_memory_group_says_its_address_space_is_gone() {
        let t = run();
        let exit = t
            .next_step_where(0, |s| {
                s.events
                    .iter()
                    .any(|e| matches!(e, Event::Exit { pid: 3, .. }))
            })
            .expect("the child exits");
        let k = t.state_at(exit);
        let memory = groups(&k, &k, 3, &[])
            .expect("the zombie P3")
            .into_iter()
            .find(|g| g.name == "Memory management")
            .expect("a memory group");
        assert_eq!(memory.fields.len(), 1);
        assert!(memory.fields[0].1.starts_with("released at exit"));
    }
}
