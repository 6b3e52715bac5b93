//! The five-state diagram (plus ZOMBIE, and STOPPED for job control): each process is a
//! token in its state's box; the arrows this step used are highlighted and labelled with
//! their reason.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::event::{Event, PreemptReason};
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::{Pid, ProcState, Transition};

/// Properties of [`StatesView`].
#[derive(Properties, PartialEq)]
pub struct StatesProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The events of the step shown.
    pub events: Vec<Event>,
}

const W: f64 = 92.0;
const H: f64 = 42.0;

/// Where each state's box sits (its top-left corner).
fn place(state: ProcState) -> (f64, f64) {
    match state {
        ProcState::New => (4.0, 14.0),
        ProcState::Ready => (118.0, 14.0),
        ProcState::Running => (232.0, 14.0),
        ProcState::Waiting => (175.0, 124.0),
        ProcState::Zombie => (346.0, 14.0),
        ProcState::Terminated => (346.0, 124.0),
        ProcState::Stopped => (4.0, 124.0),
    }
}

/// The arrow of a transition: its path and where its label goes.
fn arrow(t: Transition) -> (String, (f64, f64)) {
    let (fx, fy) = place(t.endpoints().0);
    let (tx, ty) = place(t.endpoints().1);
    match t {
        Transition::Admit | Transition::Exit => (
            format!(
                "M{} {} L{} {}",
                fx + W,
                fy + H / 2.0,
                tx - 4.0,
                ty + H / 2.0
            ),
            ((fx + W + tx) / 2.0, fy + H + 10.0),
        ),
        Transition::Dispatch => (
            format!(
                "M{} {} Q{} {} {} {}",
                fx + W - 10.0,
                fy,
                (fx + tx + W) / 2.0,
                fy - 22.0,
                tx + 10.0,
                ty - 3.0
            ),
            ((fx + tx + W) / 2.0, fy - 14.0),
        ),
        Transition::Preempt => (
            format!(
                "M{} {} Q{} {} {} {}",
                fx + 10.0,
                fy + H,
                (fx + tx + W) / 2.0,
                fy + H + 24.0,
                tx + W - 10.0,
                ty + H + 3.0
            ),
            ((fx + tx + W) / 2.0, fy + H + 26.0),
        ),
        Transition::Block => (
            format!(
                "M{} {} L{} {}",
                fx + W / 2.0,
                fy + H,
                tx + W - 20.0,
                ty - 4.0
            ),
            (fx + W / 2.0 + 40.0, (fy + H + ty) / 2.0 + 14.0),
        ),
        Transition::Wake => (
            format!("M{} {} L{} {}", fx + 20.0, fy, tx + W / 2.0, ty + H + 4.0),
            (fx + 30.0, fy - 12.0),
        ),
        // The job-control arrows are drawn at fixed points around STOPPED (bottom left).
        Transition::StopReady => ("M132 56 L92 120".to_owned(), (150.0, 100.0)),
        Transition::Continue => ("M66 120 L114 52".to_owned(), (42.0, 88.0)),
        Transition::Stop => ("M236 52 Q150 130 100 134".to_owned(), (150.0, 132.0)),
        Transition::StopWaiting => ("M175 148 L100 148".to_owned(), (137.0, 160.0)),
        Transition::ContinueWaiting => ("M50 166 Q120 204 190 170".to_owned(), (120.0, 200.0)),
        Transition::Reap => (
            format!(
                "M{} {} L{} {}",
                fx + W / 2.0,
                fy + H,
                tx + W / 2.0,
                ty - 4.0
            ),
            (fx + W / 2.0 + 26.0, (fy + H + ty) / 2.0 + 4.0),
        ),
    }
}

/// The words on an arrow this step used.
fn reason(event: &Event) -> Option<(Transition, String)> {
    let (_, t) = event.transition()?;
    let text = match event {
        Event::Preempt {
            reason: PreemptReason::Quantum(_),
            ..
        } => "timer interrupt".to_owned(),
        Event::Preempt {
            reason: PreemptReason::IoCompletion(p),
            ..
        } => format!("P{p}'s I/O done"),
        Event::Preempt {
            reason: PreemptReason::HigherPriority(p),
            ..
        } => format!("P{p} more urgent"),
        Event::Preempt {
            reason: PreemptReason::Directed(p),
            ..
        } => format!("P{p} scripted"),
        Event::Block { channel, .. } => match channel {
            proclab_kernel::process::WaitChannel::Device(_) => "I/O request".to_owned(),
            proclab_kernel::process::WaitChannel::Child(_) => "wait()".to_owned(),
            proclab_kernel::process::WaitChannel::Timer(_) => "sleep()".to_owned(),
            proclab_kernel::process::WaitChannel::PipeRead(_) => "read(): pipe empty".to_owned(),
            proclab_kernel::process::WaitChannel::PipeWrite(_) => "write(): pipe full".to_owned(),
            proclab_kernel::process::WaitChannel::Signal => "pause()".to_owned(),
            proclab_kernel::process::WaitChannel::FifoOpen(_) => "open(): FIFO".to_owned(),
            proclab_kernel::process::WaitChannel::MsgSend(_) => "msgsnd(): queue full".to_owned(),
            proclab_kernel::process::WaitChannel::MsgRecv(_) => "msgrcv(): no message".to_owned(),
            proclab_kernel::process::WaitChannel::Semaphore(_) => "sem_wait(): count 0".to_owned(),
            proclab_kernel::process::WaitChannel::SemSet(_) => "semop(): must wait".to_owned(),
        },
        Event::Exit { how, .. } => match how {
            proclab_kernel::wait_status::Termination::Exited(c) => format!("exit({c})"),
            proclab_kernel::wait_status::Termination::Signaled(s) => {
                proclab_kernel::abi::signal::name(*s)
            }
        },
        _ => t.label().to_owned(),
    };
    Some((t, text))
}

const ALL: [Transition; 12] = [
    Transition::Admit,
    Transition::Dispatch,
    Transition::Preempt,
    Transition::Block,
    Transition::Wake,
    Transition::Exit,
    Transition::Reap,
    Transition::Stop,
    Transition::StopReady,
    Transition::StopWaiting,
    Transition::Continue,
    Transition::ContinueWaiting,
];

/// Properties of [`Token`]: only what it draws, so a process that did not move skips
/// rendering.
#[derive(Properties, PartialEq)]
struct TokenProps {
    pid: Pid,
    name: String,
    state: ProcState,
    /// Where its centre is, in the diagram's units.
    at: (i32, i32),
}

/// One process in the state diagram; it slides when its place changes.
#[component]
fn Token(props: &TokenProps) -> Html {
    let (x, y) = props.at;
    html! {
        <g class="token" style={format!("transform: translate({x}px, {y}px); --proc: {}", colour(props.pid))}>
            <title>{ format!("P{} {} ({})", props.pid, props.name, props.state.label()) }</title>
            <circle r="9" />
            <text text-anchor="middle" dy="3.5">{ props.pid }</text>
        </g>
    }
}

/// A label as one line, or as two split at the space nearest its middle when it is long,
/// so it fits between the arrows.
fn two_lines(label: &str) -> Vec<String> {
    let middle = label.len() / 2;
    let split = label
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| i.abs_diff(middle));
    match split {
        Some(at) if label.len() > 14 => vec![label[..at].to_owned(), label[at + 1..].to_owned()],
        _ => vec![label.to_owned()],
    }
}

/// The state diagram with every process's token.
#[component]
pub fn StatesView(props: &StatesProps) -> Html {
    let used: Vec<(Transition, String)> = props.events.iter().filter_map(reason).collect();
    let mut slots = [0usize; 7];
    let tokens: Vec<Html> = props
        .kernel
        .processes()
        .iter()
        .map(|p| {
            let s = ProcState::ALL.iter().position(|s| *s == p.state()).expect("a state");
            let i = slots[s];
            slots[s] += 1;
            let (x, y) = place(p.state());
            let (tx, ty) = (x + 13.0 + (i % 4) as f64 * 21.0, y + H / 2.0 + 7.0 + (i / 4) as f64 * 20.0);
            html! {
                <Token key={p.pid} pid={p.pid} name={p.name.clone()} state={p.state()} at={(tx as i32, ty as i32)} />
            }
        })
        .collect();
    html! {
        <section tabindex="0" class="view states" aria-label="Process states">
            <h2>{ "Process states" }</h2>
            <svg viewBox="0 -24 442 222" role="img" aria-label="State diagram: NEW, READY, RUNNING, WAITING, STOPPED, ZOMBIE, TERMINATED">
                <defs>
                    <marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
                        <path d="M0 0 L10 5 L0 10 z" />
                    </marker>
                </defs>
                { for ALL.iter().map(|&t| {
                    let (d, (lx, ly)) = arrow(t);
                    let active = used.iter().find(|(u, _)| *u == t);
                    // Of the job-control arrows only one each way is labelled at rest.
                    let quiet = matches!(t, Transition::Stop | Transition::StopWaiting | Transition::ContinueWaiting);
                    html! {
                        <g class={classes!("arrow", active.is_some().then_some("active"))}>
                            <path d={d} marker-end="url(#arrowhead)" />
                            if active.is_some() || !quiet {
                                <text x={lx.to_string()} y={ly.to_string()} text-anchor="middle">
                                    { for {
                                        let lines = two_lines(&active.map_or(t.label().to_owned(), |(_, why)| why.clone()));
                                        let first = if lines.len() > 1 { "-0.55em" } else { "0" };
                                        lines.into_iter().enumerate().map(move |(i, line)| html! {
                                            <tspan x={lx.to_string()} dy={if i == 0 { first } else { "1.1em" }}>{ line }</tspan>
                                        })
                                    } }
                                </text>
                            }
                        </g>
                    }
                }) }
                { for ProcState::ALL.iter().map(|&s| {
                    let (x, y) = place(s);
                    html! {
                        <g class={classes!("state-box", format!("box-{}", s.label().to_lowercase()))}>
                            <rect x={x.to_string()} y={y.to_string()} width={W.to_string()} height={H.to_string()} rx="8" />
                            <text x={(x + 8.0).to_string()} y={(y + 14.0).to_string()}>{ s.label() }</text>
                        </g>
                    }
                }) }
                { for tokens }
            </svg>
        </section>
    }
}
