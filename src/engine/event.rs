//! What happens in a step, as data, and the sentence a teacher reads aloud for each event.

use serde::{Deserialize, Serialize};

use super::cpu_context::CpuContext;
use super::process::{Pid, Transition, WaitChannel};
use super::program::Op;

/// Why a running process lost its CPU without blocking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PreemptReason {
    /// The timer interrupt found its quantum used up.
    Quantum(u32),
    /// This process's I/O finished and the policy runs it immediately.
    IoCompletion(Pid),
    /// This more urgent process became ready.
    HigherPriority(Pid),
}

/// Why the run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Halt {
    /// Every user process has exited and been reaped.
    AllDone,
    /// The scenario's step limit was reached first.
    StepLimit(u64),
}

/// One thing the kernel did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// NEW → READY.
    Admit { pid: Pid },
    /// READY → RUNNING on a CPU.
    Dispatch { cpu: usize, pid: Pid },
    /// The CPU's registers are stored into the PCB of the process leaving it.
    SaveContext {
        cpu: usize,
        pid: Pid,
        context: CpuContext,
    },
    /// The PCB's saved registers are loaded into the CPU for the process arriving.
    LoadContext {
        cpu: usize,
        pid: Pid,
        context: CpuContext,
    },
    /// The running process executed one instruction at `pc`.
    Execute {
        cpu: usize,
        pid: Pid,
        pc: u64,
        op: Op,
    },
    /// The CPU had nothing to run; `held_for` names the process it waits for under
    /// switch-on-end.
    Idle { cpu: usize, held_for: Option<Pid> },
    /// An I/O request went to a device.
    IoStart {
        pid: Pid,
        device: String,
        done_at: u64,
    },
    /// RUNNING → WAITING.
    Block { pid: Pid, channel: WaitChannel },
    /// A device raised its completion interrupt for this process's request.
    IoComplete { pid: Pid, device: String },
    /// WAITING → READY.
    Wake { pid: Pid },
    /// RUNNING → READY.
    Preempt {
        cpu: usize,
        pid: Pid,
        reason: PreemptReason,
    },
    /// The timer fired but nobody else was ready, so the process keeps the CPU.
    QuantumRenewed { pid: Pid, quantum: u32 },
    /// RUNNING → ZOMBIE.
    Exit { pid: Pid, status: i32 },
    /// ZOMBIE → TERMINATED; `by` collected the status (the kernel itself when `auto`).
    Reap {
        pid: Pid,
        by: Pid,
        auto: bool,
        frame: usize,
    },
    /// The run is over.
    Halted(Halt),
}

impl Event {
    /// The lifecycle transition this event performs, if any.
    pub fn transition(&self) -> Option<(Pid, Transition)> {
        match *self {
            Event::Admit { pid } => Some((pid, Transition::Admit)),
            Event::Dispatch { pid, .. } => Some((pid, Transition::Dispatch)),
            Event::Block { pid, .. } => Some((pid, Transition::Block)),
            Event::Wake { pid } => Some((pid, Transition::Wake)),
            Event::Preempt { pid, .. } => Some((pid, Transition::Preempt)),
            Event::Exit { pid, .. } => Some((pid, Transition::Exit)),
            Event::Reap { pid, .. } => Some((pid, Transition::Reap)),
            _ => None,
        }
    }

    /// The process the event is about, if one.
    pub fn pid(&self) -> Option<Pid> {
        match *self {
            Event::Admit { pid }
            | Event::Dispatch { pid, .. }
            | Event::SaveContext { pid, .. }
            | Event::LoadContext { pid, .. }
            | Event::Execute { pid, .. }
            | Event::IoStart { pid, .. }
            | Event::Block { pid, .. }
            | Event::IoComplete { pid, .. }
            | Event::Wake { pid }
            | Event::Preempt { pid, .. }
            | Event::QuantumRenewed { pid, .. }
            | Event::Exit { pid, .. }
            | Event::Reap { pid, .. } => Some(pid),
            Event::Idle { held_for, .. } => held_for,
            Event::Halted(_) => None,
        }
    }

    /// A short, exact, plain-English sentence describing the event.
    pub fn narrate(&self) -> String {
        match self {
            Event::Admit { pid } => format!(
                "P{pid} is admitted: its PCB is complete, so the kernel puts it on the ready \
                 queue (NEW → READY)."
            ),
            Event::Dispatch { cpu, pid } => {
                format!("The scheduler dispatches P{pid} on CPU {cpu} (READY → RUNNING).")
            }
            Event::SaveContext { pid, context, .. } => format!(
                "Context switch: the kernel saves P{pid}'s registers (pc {:#x}, sp {:#x}) \
                 into its PCB.",
                context.pc, context.sp
            ),
            Event::LoadContext { pid, context, .. } => format!(
                "The kernel loads P{pid}'s saved registers from its PCB; it resumes at pc \
                 {:#x}.",
                context.pc
            ),
            Event::Execute { pid, pc, op, .. } => match op {
                Op::Cpu => format!("P{pid} computes for one tick (instruction at {pc:#x})."),
                Op::Io => format!(
                    "P{pid} makes a system call to read from the disk: the CPU traps into \
                     kernel mode."
                ),
                Op::IoDone => {
                    format!("P{pid} finishes its read: the system call returns to user mode.")
                }
            },
            Event::Idle { held_for: None, .. } => {
                "The CPU is idle: no process is ready to run.".to_owned()
            }
            Event::Idle {
                held_for: Some(pid),
                ..
            } => format!(
                "The CPU stays idle: the kernel switches only when a process ends, and P{pid} \
                 is waiting for its I/O."
            ),
            Event::IoStart {
                pid,
                device,
                done_at,
            } => format!(
                "The kernel sends P{pid}'s request to the {device}; it will finish at tick \
                 {done_at}."
            ),
            Event::Block { pid, channel } => match channel {
                WaitChannel::Device(_) => format!(
                    "P{pid} blocks until its I/O completes (RUNNING → WAITING) and joins the \
                     device's wait queue."
                ),
                WaitChannel::Child => {
                    format!("P{pid} blocks in wait() until a child exits (RUNNING → WAITING).")
                }
            },
            Event::IoComplete { pid, device } => {
                format!("Interrupt: the {device} finished P{pid}'s request.")
            }
            Event::Wake { pid } => {
                format!("P{pid} is woken: the event it waited for happened (WAITING → READY).")
            }
            Event::Preempt { pid, reason, .. } => match reason {
                PreemptReason::Quantum(q) => format!(
                    "Timer interrupt: P{pid} used its {q}-tick quantum; the kernel puts it at \
                     the back of the ready queue (RUNNING → READY)."
                ),
                PreemptReason::IoCompletion(other) => format!(
                    "P{other}'s I/O finished and it runs immediately, so P{pid} is preempted \
                     (RUNNING → READY)."
                ),
                PreemptReason::HigherPriority(other) => format!(
                    "P{other} has a more urgent priority, so it preempts P{pid} (RUNNING → \
                     READY)."
                ),
            },
            Event::QuantumRenewed { pid, quantum } => format!(
                "Timer interrupt: P{pid} used its quantum, but no other process is ready, so \
                 it keeps the CPU for another {quantum} ticks."
            ),
            Event::Exit { pid, status } => format!(
                "P{pid} calls exit({status}): it releases its resources and becomes a zombie \
                 holding its exit status (RUNNING → ZOMBIE)."
            ),
            Event::Reap {
                pid,
                by,
                auto: true,
                frame,
            } => format!(
                "P{pid}'s parent P{by} ignores SIGCHLD, so the kernel reaps P{pid} at once and \
                 frees its page-table frame {frame} (ZOMBIE → TERMINATED)."
            ),
            Event::Reap { pid, by, frame, .. } => format!(
                "P{by} collects P{pid}'s exit status; the kernel frees P{pid}'s PCB and \
                 page-table frame {frame} (ZOMBIE → TERMINATED)."
            ),
            Event::Halted(Halt::AllDone) => {
                "Every process has finished: the run is complete.".to_owned()
            }
            Event::Halted(Halt::StepLimit(limit)) => format!(
                "The run stopped at the step limit of {limit} steps before every process \
                 finished; raise the limit in the settings to see more."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_timer_preemption_narration_names_the_process_and_the_quantum() {
        let e = Event::Preempt {
            cpu: 0,
            pid: 2,
            reason: PreemptReason::Quantum(3),
        };
        assert_eq!(
            e.narrate(),
            "Timer interrupt: P2 used its 3-tick quantum; the kernel puts it at the back of \
             the ready queue (RUNNING → READY)."
        );
        assert_eq!(e.transition(), Some((2, Transition::Preempt)));
    }

    #[test]
    fn register_moves_are_not_state_transitions() {
        let e = Event::LoadContext {
            cpu: 0,
            pid: 3,
            context: CpuContext::at_entry(0x400000, 0x7000),
        };
        assert_eq!(e.transition(), None);
        assert_eq!(e.pid(), Some(3));
        assert!(e.narrate().contains("0x400000"));
    }
}
