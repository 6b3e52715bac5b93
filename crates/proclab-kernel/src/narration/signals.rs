//! Signals: marked pending, ignored, caught by a handler (its frame and sigreturn), or ending the process.

use crate::abi::layout::SIGNAL_FRAME_BYTES;
use crate::abi::signal;
use crate::event::Event;

/// The sentence for one of this group's events.
pub(super) fn narrate(event: &Event) -> String {
    match event {
        Event::SignalSent {
            pid,
            signo,
            already_pending: true,
        } => format!(
            "{} is already pending for P{pid}: a standard signal is not queued, so this one \
             changes nothing: it will be delivered once.",
            signal::name(*signo)
        ),
        Event::SignalSent { pid, signo, .. } => format!(
            "The kernel marks {} (signal {signo}) pending for P{pid}.",
            signal::name(*signo)
        ),
        Event::SignalIgnored { pid, signo } => format!(
            "The kernel discards {} for P{pid}, which ignores it.",
            signal::name(*signo)
        ),
        Event::HandlerEntered {
            pid,
            signo,
            handler,
            resume,
            frame,
        } => format!(
            "P{pid} catches {}: the kernel saves its registers in a signal frame on P{pid}'s \
             stack ({frame:#x}–{:#x}) and jumps to the handler at {handler:#x}; it will resume \
             at {resume:#x}.",
            signal::name(*signo),
            frame + SIGNAL_FRAME_BYTES
        ),
        Event::HandlerReturned { pid, resume } => format!(
            "P{pid}'s handler returns into the sigreturn trampoline: the kernel restores the \
             saved registers and P{pid} resumes at {resume:#x}."
        ),
        Event::SignalDelivered { pid, signo } => format!(
            "P{pid} returns to user mode with {} pending; its default action ends the \
             process.",
            signal::name(*signo)
        ),
        other => unreachable!("{other:?} is narrated by another group"),
    }
}
