//! The scheduler's view: each CPU and what it runs, the ready queue in order, each device's
//! wait queue, and a Gantt chart of the ticks so far.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::gantt::axis_label;
use crate::ui::palette::colour;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;
use proclab_kernel::timeline::Timeline;

/// The most ticks the Gantt chart shows, up to the current one.
const GANTT_WINDOW: usize = 40;

/// How far the Gantt chart's window moves at a time: it shows the ticks since the start of
/// the previous stretch of this many, so that a step adds one cell rather than shifting
/// every cell (easier to follow on a projector, and cheaper to draw).
const GANTT_STRIDE: usize = GANTT_WINDOW / 2;

/// The first step the Gantt chart shows at `step`: between `GANTT_STRIDE` and
/// `GANTT_WINDOW` steps back once the run is that long.
fn gantt_start(step: usize) -> usize {
    1 + (step.saturating_sub(1) / GANTT_STRIDE).saturating_sub(1) * GANTT_STRIDE
}

/// Properties of [`SchedulerView`].
#[derive(Properties, PartialEq)]
pub struct SchedulerProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The recorded run, for the Gantt chart.
    pub timeline: Rc<Timeline>,
    /// The step shown.
    pub step: usize,
}

fn chip(pid: Pid) -> Html {
    html! {
        <span key={pid} class="chip" style={format!("--proc: {}", colour(pid))}>{ format!("P{pid}") }</span>
    }
}

/// CPUs, queues and the Gantt chart.
#[component]
pub fn SchedulerView(props: &SchedulerProps) -> Html {
    let k = &props.kernel;
    let config = k.settings().scheduler;
    html! {
        <section tabindex="0" class="view scheduler" aria-label="Scheduler">
            <h2>{ "Scheduler" }<span class="policy">{ format!("policy {} · quantum {}", config.policy.name(), config.quantum) }</span></h2>
            <div class="cpus">
                { for k.cpus().iter().enumerate().map(|(i, cpu)| html! {
                    <div class="cpu" aria-label={format!("CPU {i}")}>
                        <div class="cpu-name">{ format!("CPU {i}") }</div>
                        { match (cpu.running, cpu.held_for) {
                            (Some(pid), _) => html! { <>
                                { chip(pid) }
                                <div class="regs">{ format!("pc {:#x} · {:?} mode", cpu.registers.pc, cpu.registers.mode) }</div>
                            </> },
                            (None, Some(pid)) => html! { <div class="idle">{ format!("idle, held for P{pid}") }</div> },
                            (None, None) => html! { <div class="idle">{ "idle" }</div> },
                        } }
                    </div>
                }) }
            </div>
            <div class="queue" aria-label="Ready queue">
                <span class="queue-name">{ "Ready queue" }</span>
                <span class="queue-items">{ for k.ready_queue().pids().iter().map(|&p| chip(p)) }</span>
            </div>
            { for k.devices().iter().map(|d| html! {
                <div class="queue" aria-label={format!("{} wait queue", d.name)}>
                    <span class="queue-name">{ format!("{} queue ({} ticks)", d.name, d.latency) }</span>
                    <span class="queue-items">{ for d.requests.iter().map(|r| html! {
                        <span class="request">{ chip(r.pid) }<small>{ format!("done at {}", r.done_at) }</small></span>
                    }) }</span>
                </div>
            }) }
            { gantt(&props.timeline, props.step, k) }
        </section>
    }
}

/// The Gantt chart of the window that ends at `step`: a row per CPU, a cell per tick in the
/// process's colour, a time axis under them and a legend naming each process shown.
fn gantt(timeline: &Timeline, step: usize, kernel: &Kernel) -> Html {
    let cpus = kernel.cpus().len();
    let first = gantt_start(step);
    let records: Vec<_> = (first..=step).filter_map(|n| timeline.step(n)).collect();
    let now = records.last().map(|r| r.tick);
    let label = match (records.first(), now) {
        (Some(from), Some(to)) => format!("Gantt chart of ticks {} to {to}", from.tick),
        _ => "Gantt chart: no tick has run yet".to_owned(),
    };
    html! {
        <div class="gantt" role="img" aria-label={label}
            style={format!("--gantt-window: {GANTT_WINDOW}")}>
            { for (0..cpus).map(|cpu| html! {
                <div class="gantt-row">
                    <span class="gantt-label">{ format!("CPU {cpu}") }</span>
                    { for records.iter().map(|r| {
                        let ran = r.events.iter().find_map(|e| match e {
                            Event::Execute { cpu: c, pid, .. } if *c == cpu => Some(*pid),
                            _ => None,
                        });
                        let current = (Some(r.tick) == now).then_some("current");
                        match ran {
                            Some(pid) => html! {
                                <span class={classes!("gantt-cell", current)} title={format!("tick {}: P{pid}", r.tick)}
                                    style={format!("background: {}", colour(pid))}>{ pid }</span>
                            },
                            None => html! { <span class={classes!("gantt-cell", "idle", current)} title={format!("tick {}: idle", r.tick)}></span> },
                        }
                    }) }
                </div>
            }) }
            <div class="gantt-row gantt-axis" aria-hidden="true">
                <span class="gantt-label">{ "tick" }</span>
                { for records.iter().map(|r| html! {
                    <span class="gantt-tick">{ axis_label(r.tick).unwrap_or_default() }</span>
                }) }
            </div>
            <p class="gantt-legend">
                { for shown_pids(&records).into_iter().map(|pid| html! {
                    <span class="gantt-name">
                        { chip(pid) }{ " " }
                        { kernel.process(pid).map_or_else(|| "exited".to_owned(), |p| p.name.clone()) }
                    </span>
                }) }
            </p>
        </div>
    }
}

/// The processes that ran in these steps, in the order of their PIDs.
fn shown_pids(records: &[proclab_kernel::timeline::StepView]) -> Vec<Pid> {
    let mut pids: Vec<Pid> = records
        .iter()
        .flat_map(|r| r.events.iter())
        .filter_map(|e| match e {
            Event::Execute { pid, .. } => Some(*pid),
            _ => None,
        })
        .collect();
    pids.sort_unstable();
    pids.dedup();
    pids
}
