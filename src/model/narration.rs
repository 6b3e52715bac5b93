//! The sentences the narration shows for one step: the C line the step ran, then each
//! event's sentence; at step 0, what the boot did.

use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;

/// What the narration says at step 0.
pub const BOOT: &str = "The kernel has booted: init (P1) sleeps in wait(), and the scenario's \
                        processes are being created (NEW). Press Step forward (→) or Play \
                        (space) to run.";

/// The sentences of `step`, whose events are `events`; `before` is the machine before it
/// (whose programs hold the lines it ran: an exec in the step replaces the program).
pub fn sentences(step: usize, events: &[Event], before: &Kernel) -> Vec<String> {
    if step == 0 {
        return vec![BOOT.to_owned()];
    }
    line_sentence(events, before)
        .into_iter()
        .chain(
            events
                .iter()
                .filter(|e| !matches!(e, Event::Halted(_)))
                .map(Event::narrate),
        )
        .collect()
}

/// "P2 runs line 8 of fork.c: pid_t pid = fork();" for the last C instruction of the step.
fn line_sentence(events: &[Event], kernel: &Kernel) -> Option<String> {
    let (pid, line) = events.iter().rev().find_map(|e| match e {
        Event::Execute {
            pid,
            line: Some(line),
            ..
        } => Some((*pid, *line)),
        _ => None,
    })?;
    let debug = kernel.process(pid)?.program.debug.as_ref()?;
    let text = debug.source.lines().nth(line as usize - 1)?.trim();
    Some(format!("P{pid} runs line {line} of {}: {text}", debug.file))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::runner::c_scenario;
    use proclab_kernel::scenario::Settings;
    use proclab_kernel::timeline::Timeline;

    #[test]
    fn a_step_names_its_c_line_then_says_each_event() {
        let source = "int main(void) {\n  int a = 1;\n  return a;\n}\n";
        let t =
            Timeline::record(&c_scenario("t.c", source, Settings::default()).expect("compiles"))
                .expect("boots");
        assert_eq!(sentences(0, &[], &t.state_at(0)), [BOOT]);
        let on_two = (1..=t.len())
            .find(|&n| t.line_of(n).map(|(_, l)| l) == Some(2))
            .expect("line 2 runs");
        let events = t.step(on_two).expect("recorded").events;
        let said = sentences(on_two, events, &t.state_at(on_two - 1));
        assert_eq!(said[0], "P2 runs line 2 of t.c: int a = 1;");
        assert_eq!(said.len(), 1 + events.len());
        assert_eq!(said[1], events[0].narrate());
    }
}
