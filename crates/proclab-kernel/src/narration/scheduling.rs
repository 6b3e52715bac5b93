//! The scheduler and the CPU: admission, dispatch, context switches, each instruction, blocking and waking, preemption, idling, and the end of the run.

use crate::event::{Event, Halt, PreemptReason};
use crate::process::{Pid, WaitChannel};
use crate::program::Op;

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
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
        Event::Execute {
            pid,
            pc,
            op,
            resumed: true,
            ..
        } => resumed(*pid, *pc, op),
        Event::Execute { pid, pc, op, .. } => execute(*pid, *pc, op),
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
        Event::Block { pid, channel } => block(*pid, channel),
        Event::IoComplete { pid, device } => {
            format!("Interrupt: the {device} finished P{pid}'s request.")
        }
        Event::Wake { pid } => {
            format!("P{pid} is woken and can run again (WAITING → READY).")
        }
        Event::Preempt { pid, reason, .. } => preempt(*pid, reason),
        Event::QuantumRenewed { pid, quantum } => format!(
            "Timer interrupt: P{pid} used its quantum, but no other process is ready, so \
             it keeps the CPU for another {quantum} ticks."
        ),
        Event::TimerExpired { pid } => format!("P{pid}'s sleep is over: its timer expired."),
        Event::Deadlocked { waits } => format!(
            "Deadlock: {}. Each waits for something only a waiting process could do. \
             (Linux notices nothing: they would sleep forever; ProcLab stops the run and \
             names the cycle.)",
            waits
                .iter()
                .map(|(pid, why)| format!("P{pid} {why}"))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Event::IdleUntil { from, to, tick_ns } => format!(
            "Every process is asleep: the CPU idles from tick {from} to tick {to} ({}), when \
             the next timer expires.",
            duration(to.saturating_sub(*from).saturating_mul(*tick_ns))
        ),
        Event::Halted(Halt::AllDone) => {
            "Every process has finished: the run is complete.".to_owned()
        }
        Event::Halted(Halt::Deadlock) => "Every remaining process is waiting and nothing \
            can wake any of them: the run is deadlocked."
            .to_owned(),
        Event::Halted(Halt::ScriptDone) => "Every action of the list has been carried out: \
             this is the final process tree."
            .to_owned(),
        Event::Halted(Halt::StepLimit(limit)) => format!(
            "The run stopped at the step limit of {limit} steps before every process \
             finished; raise the limit in the settings to see more."
        ),
        other => unreachable!("{other:?} is narrated by another group"),
    }
}

/// A call that slept carrying on once woken.
/// A stretch of simulated time in words: "3 s", "1.5 s", "250 ms", "40 µs".
fn duration(ns: u64) -> String {
    let (unit, name) = match ns {
        n if n >= 1_000_000_000 => (1_000_000_000, "s"),
        n if n >= 1_000_000 => (1_000_000, "ms"),
        n if n >= 1_000 => (1_000, "µs"),
        _ => (1, "ns"),
    };
    let (whole, thousandths) = (ns / unit, ns % unit * 1000 / unit);
    let fraction = format!("{thousandths:03}");
    match fraction.trim_end_matches('0') {
        "" => format!("{whole} {name}"),
        digits => format!("{whole}.{digits} {name}"),
    }
}

fn resumed(pid: Pid, pc: u64, op: &Op) -> String {
    let call = match op {
        Op::Lib(f, _) => format!("{}()", f.c_name()),
        Op::Wait(-1) => "wait()".to_owned(),
        other => other.name().to_owned(),
    };
    format!(
        "P{pid}, woken, carries on its {call} where it slept (instruction at {pc:#x}; \
         ProcLab makes the call again, Linux's call goes on inside the kernel)."
    )
}

/// What an instruction does, in the process's words.
fn execute(pid: Pid, pc: u64, op: &Op) -> String {
    match op {
        Op::Cpu => format!("P{pid} computes for one tick (instruction at {pc:#x})."),
        Op::Io => format!(
            "P{pid} makes a system call to read from the disk: the CPU traps into \
             kernel mode."
        ),
        Op::IoDone => {
            format!("P{pid} finishes its read: the system call returns to user mode.")
        }
        Op::Fork => format!("P{pid} calls fork()."),
        Op::Exec(path) => format!("P{pid} calls execve(\"{path}\")."),
        Op::Exit(code) => format!("P{pid} calls exit({code})."),
        Op::Wait(-1) => format!("P{pid} calls wait() for any child."),
        Op::Wait(target) => format!("P{pid} calls waitpid({target})."),
        Op::WaitNoHang(target) => {
            format!("P{pid} calls waitpid({target}, WNOHANG), which never blocks.")
        }
        Op::Poke { addr, value } => {
            format!("P{pid} stores {value} at virtual address {addr:#x}.")
        }
        Op::PokeRax(addr) => {
            format!("P{pid} stores fork's return value at virtual address {addr:#x}.")
        }
        Op::Peek(addr) => format!("P{pid} loads the byte at virtual address {addr:#x}."),
        Op::Sbrk(delta) => format!("P{pid} calls sbrk({delta}) to move its heap's end."),
        vm => format!("P{pid} {} (instruction at {pc:#x}).", vm.describe()),
    }
}

/// Why a process goes to sleep.
fn block(pid: Pid, channel: &WaitChannel) -> String {
    match channel {
        WaitChannel::Device(_) => format!(
            "P{pid} blocks until its I/O completes (RUNNING → WAITING) and joins the \
             device's wait queue."
        ),
        WaitChannel::Child(-1) => {
            format!("P{pid} blocks in wait() until a child exits (RUNNING → WAITING).")
        }
        WaitChannel::PipeRead(p) => format!(
            "P{pid} blocks in read(): pipe {p} is empty but still has a writer \
             (RUNNING → WAITING)."
        ),
        WaitChannel::PipeWrite(p) => format!(
            "P{pid} blocks in write(): pipe {p} is full; it sleeps until a reader makes \
             room (RUNNING → WAITING)."
        ),
        WaitChannel::Signal => {
            format!("P{pid} pauses until a signal arrives (RUNNING → WAITING).")
        }
        WaitChannel::FifoOpen(_) => format!(
            "P{pid} blocks in open() until another process opens the FIFO's other end \
             (RUNNING → WAITING)."
        ),
        WaitChannel::MsgSend(q) => {
            format!("P{pid} blocks in msgsnd(): message queue {q} is full (RUNNING → WAITING).")
        }
        WaitChannel::MsgRecv(q) => format!(
            "P{pid} blocks in msgrcv(): queue {q} has no message of the type it wants \
             (RUNNING → WAITING)."
        ),
        WaitChannel::SemSet(s) => format!(
            "P{pid} blocks in semop(): semaphore set {s} cannot do all it asks yet, so it \
             sleeps until the set changes, then tries the whole call again (RUNNING → \
             WAITING)."
        ),
        WaitChannel::Semaphore(at) => format!(
            "P{pid} blocks in sem_wait(): the semaphore's count is 0, so it sleeps on the \
             semaphore's physical address {at:#x}, as Linux's futex does, until a sem_post \
             (RUNNING → WAITING)."
        ),
        WaitChannel::Timer(until) => format!(
            "P{pid} sleeps until tick {until} (RUNNING → WAITING): the CPU is free for \
             others."
        ),
        WaitChannel::Child(target) if *target <= 0 => format!(
            "P{pid} blocks in waitpid() until {} (RUNNING → WAITING).",
            channel.describe()
        ),
        WaitChannel::Child(child) => {
            format!("P{pid} blocks in waitpid() until P{child} exits (RUNNING → WAITING).")
        }
    }
}

/// Why a running process loses its CPU.
fn preempt(pid: Pid, reason: &PreemptReason) -> String {
    match reason {
        PreemptReason::Quantum(q) => format!(
            "Timer interrupt: P{pid} used its {q}-tick quantum; the kernel puts it at \
             the back of the ready queue (RUNNING → READY)."
        ),
        PreemptReason::IoCompletion(other) => format!(
            "P{other}'s I/O finished and it runs immediately, so P{pid} is preempted \
             (RUNNING → READY)."
        ),
        PreemptReason::Directed(other) => format!(
            "The scenario's script runs P{other} next, so P{pid} is preempted \
             (RUNNING → READY)."
        ),
        PreemptReason::HigherPriority(other) => format!(
            "P{other} has a more urgent priority, so it preempts P{pid} (RUNNING → \
             READY)."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idle_time_is_said_in_the_unit_that_fits() {
        assert_eq!(duration(5_000_000_000), "5 s");
        assert_eq!(duration(1_500_000_000), "1.5 s");
        assert_eq!(duration(1_000_000_001), "1 s");
        assert_eq!(duration(250_000_000), "250 ms");
        assert_eq!(duration(40_000), "40 µs");
        assert_eq!(duration(7), "7 ns");
    }
}
