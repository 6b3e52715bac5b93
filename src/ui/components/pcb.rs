//! The Process Control Block of the selected process, every field group, with the fields this
//! step changed highlighted.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::cpu_context::REGISTER_NAMES;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::{Pcb, Pid};

/// Properties of [`PcbView`].
#[derive(Properties, PartialEq)]
pub struct PcbProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The machine one step earlier, to highlight what changed.
    pub previous: Rc<Kernel>,
    /// The selected process.
    pub pid: Option<Pid>,
    /// The events of the step shown: register saves and loads, forks, execs.
    pub events: Vec<Event>,
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

fn fields(k: &Kernel, p: &Pcb) -> Vec<(&'static str, Vec<Field>)> {
    let f = |name: &str, value: String| (name.to_owned(), value);
    let opt = |v: Option<u64>| v.map_or("—".to_owned(), |v| v.to_string());
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
    vec![
        (
            "Identification",
            vec![
                f("pid", p.pid.to_string()),
                f("ppid", p.ppid.to_string()),
                f("uid", p.uid.to_string()),
                f("gid", p.gid.to_string()),
                f("process group", p.pgid.to_string()),
                f(
                    "children",
                    if p.children.is_empty() {
                        "—".to_owned()
                    } else {
                        p.children
                            .iter()
                            .map(|c| format!("P{c}"))
                            .collect::<Vec<_>>()
                            .join(" ")
                    },
                ),
            ],
        ),
        (
            "State",
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
            ],
        ),
        (
            "Scheduling",
            vec![
                f("priority", p.sched.priority.to_string()),
                f("quantum left", p.sched.quantum_left.to_string()),
                f(
                    "queue position",
                    opt(p.sched.queue_position.map(|q| q as u64)),
                ),
                f("cpu", opt(p.sched.cpu.map(|c| c as u64))),
            ],
        ),
        ("CPU context (saved)", cpu),
        (
            "Memory management",
            std::iter::once(f(
                "page table base",
                format!("{:#x}", p.memory.page_table_base),
            ))
            .chain([
                f(
                    "limits",
                    format!("{:#x}–{:#x}", p.memory.limits().0, p.memory.limits().1),
                ),
                f("present pages", p.memory.page_table.len().to_string()),
                f("program break", format!("{:#x}", p.memory.brk)),
            ])
            .chain(p.memory.vmas.iter().map(|s| {
                let range = if s.end == u64::MAX {
                    format!("{:#x} and up", s.start)
                } else {
                    format!("{:#x}–{:#x}", s.start, s.end)
                };
                f(&format!("{} {}", s.kind.label(), s.perms()), range)
            }))
            .collect(),
        ),
        (
            "I/O and file system",
            p.files
                .fds
                .iter()
                .map(|d| {
                    let file = k.open_files()[d.open_file].describe();
                    f(&format!("fd {}", d.fd), file)
                })
                .chain([
                    f("cwd", p.files.cwd.clone()),
                    f("root", p.files.root.clone()),
                ])
                .collect(),
        ),
        (
            "Accounting",
            vec![
                f("created at tick", p.accounting.created_at.to_string()),
                f("cpu time", p.accounting.cpu_ticks.to_string()),
                f("time ready", p.accounting.ready_ticks.to_string()),
                f("time blocked", p.accounting.blocked_ticks.to_string()),
                f("I/O requests", p.accounting.io_requests.to_string()),
                f("response time", opt(p.accounting.response())),
                f("turnaround", opt(p.accounting.turnaround())),
            ],
        ),
        (
            "IPC",
            vec![
                f("signal mask", format!("{:#x}", p.ipc.signal_mask)),
                f("pending signals", format!("{:#x}", p.ipc.pending_signals)),
                f("handlers", handlers(p)),
                f(
                    "alarm at tick",
                    p.ipc.alarm_at.map_or("—".to_owned(), |t| t.to_string()),
                ),
            ],
        ),
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

/// Every field of one PCB, grouped as in the textbook.
#[component]
pub fn PcbView(props: &PcbProps) -> Html {
    let Some(p) = props.pid.and_then(|pid| props.kernel.process(pid)) else {
        return html! {
            <section class="view pcb" aria-label="PCB">
                <h2>{ "PCB" }</h2>
                <p class="hint">{ "Select a process in the process tree to see its PCB." }</p>
            </section>
        };
    };
    let before = props
        .previous
        .process(p.pid)
        .map(|old| fields(&props.previous, old))
        .unwrap_or_default();
    let changed = |group: &str, name: &str, value: &str| {
        before
            .iter()
            .find(|(g, _)| *g == group)
            .and_then(|(_, fs)| fs.iter().find(|(n, _)| n == name))
            .is_some_and(|(_, old)| old != value)
    };
    html! {
        <section class="view pcb" aria-label="PCB" style={format!("--proc: {}", colour(p.pid))}>
            <h2>{ format!("PCB of P{} ({})", p.pid, p.name) }</h2>
            <div class="pcb-groups">
                { for fields(&props.kernel, p).into_iter().map(|(group, fs)| {
                    let note = group_note(&props.events, p.pid, group);
                    html! {
                    <details open=true class={classes!("pcb-group", note.as_ref().map(|(_, class)| format!("moved-{class}")))}>
                        <summary>{ group }</summary>
                        if let Some((text, class)) = &note {
                            <p key={format!("{}-{text}", props.kernel.clock())} class={classes!("group-note", *class)}>{ text }</p>
                        }
                        <dl>
                            { for fs.into_iter().map(|(name, value)| {
                                let class = classes!(changed(group, &name, &value).then_some("changed"));
                                html! { <>
                                    <dt class={class.clone()}>{ name }</dt>
                                    <dd class={class}>{ value }</dd>
                                </> }
                            }) }
                        </dl>
                    </details>
                }}) }
            </div>
        </section>
    }
}
