//! What the narration tells at a step: the C line that ran, what the kernel did meanwhile
//! (system calls, faults, signals, switches), and the machine's instructions, which stepping
//! by line folds away. At step 0, what the boot did.

use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;
use proclab_kernel::program::{DebugInfo, SourceLine};
use proclab_kernel::timeline::Timeline;

/// What the narration says at step 0.
pub const BOOT: &str = "The kernel has booted: init (P1) sleeps in wait(), and the scenario's \
                        processes are being created (NEW). Press Step forward (→) or Play \
                        (space) to run.";

/// The most steps of one line the narration tells; a line that ran longer (a tight loop
/// on one line) is told from its last steps.
pub const MOST_STEPS_TOLD: usize = 4096;

/// Which C line ran, in three parts the page sets apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Headline {
    /// "P2 ran line 8 of fork.c:" (or "P2 is in line 8 of fork.c:" partway through it).
    pub said: String,
    /// The line's source text.
    pub code: String,
    /// "Next it runs line 9.", once the line is done and the process still runs C.
    pub next: Option<String>,
}

/// The narration of one step (by instruction) or one line (by line).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Told {
    /// Which C line ran, and which line its process runs next.
    pub headline: Option<Headline>,
    /// The kernel's sentences in order, a sentence repeated in a row said once with its
    /// count; stepping by instruction, every sentence.
    pub kernel: Vec<String>,
    /// The machine's own instructions (stepping by line; empty by instruction).
    pub instructions: Vec<String>,
    /// Steps of the line before the first one told.
    pub untold: usize,
}

/// What the narration tells at `step`: by line, everything since the previous line stop;
/// by instruction, the step alone. `before` is the machine before `step` (whose programs
/// hold the line it ran: an exec replaces the program) and `after` the machine at it.
pub fn tell(
    timeline: &Timeline,
    step: usize,
    by_line: bool,
    before: &Kernel,
    after: &Kernel,
) -> Told {
    if step == 0 {
        return Told {
            kernel: vec![BOOT.to_owned()],
            ..Told::default()
        };
    }
    let first = if by_line {
        timeline.previous_line_step(step) + 1
    } else {
        step
    };
    let told_from = first.max(step.saturating_sub(MOST_STEPS_TOLD - 1));
    let events = (told_from..=step)
        .filter_map(|n| timeline.step(n))
        .flat_map(|s| s.events.iter())
        .filter(|e| !matches!(e, Event::Halted(_)));
    let (kernel, instructions): (Vec<&Event>, Vec<&Event>) =
        events.partition(|e| !by_line || !e.is_machine_code());
    Told {
        headline: headline(timeline, step, by_line, before, after),
        kernel: said_once(kernel.iter().map(|e| e.narrate())),
        instructions: instructions.iter().map(|e| e.narrate()).collect(),
        untold: told_from - first,
    }
}

/// The sentences with each run of equal ones said once: "… (3 times)".
fn said_once(sentences: impl Iterator<Item = String>) -> Vec<String> {
    let mut said: Vec<(String, usize)> = Vec::new();
    for s in sentences {
        match said.last_mut() {
            Some((last, count)) if *last == s => *count += 1,
            _ => said.push((s, 1)),
        }
    }
    said.into_iter()
        .map(|(s, n)| {
            if n == 1 {
                s
            } else {
                format!("{s} ({n} times)")
            }
        })
        .collect()
}

/// "P2 ran line 8 of fork.c:", its text, "Next it runs line 9." for the process of the
/// step's last C instruction; "is in line 8" when the step is partway through the line (by
/// instruction, or at a moment inside it); "ran part of line 8" when the process left the
/// CPU before finishing it.
fn headline(
    timeline: &Timeline,
    step: usize,
    by_line: bool,
    before: &Kernel,
    after: &Kernel,
) -> Option<Headline> {
    let (pid, at) = timeline.line_of(step)?;
    let debug = before.process(pid)?.program.debug.as_ref()?;
    let code = debug.text_of(at)?.trim().to_owned();
    let file = &debug.file_name(at.file).to_owned();
    let line = at.line;
    if in_runtime(timeline, step, debug) {
        return Some(Headline {
            said: format!(
                "P{pid} ran the C runtime's code that calls main and then exit, which ProcLab \
                 files under main's line {line} of {file}:"
            ),
            code,
            next: None,
        });
    }
    if !by_line || !timeline.is_line_stop(step) {
        return Some(Headline {
            said: format!("P{pid} is in line {line} of {file}:"),
            code,
            next: None,
        });
    }
    let next = next_line_of(after, pid);
    if next.as_ref() == Some(&(file.clone(), line)) {
        // Interrupted (or looping on one line): the process goes on with this line later.
        return Some(Headline {
            said: format!("P{pid} ran part of line {line} of {file}:"),
            code,
            next: None,
        });
    }
    let next = next.map(|(next_file, next)| {
        if next_file == *file {
            format!("Next it runs line {next}.")
        } else {
            format!("Next it runs line {next} of {next_file}.")
        }
    });
    Some(Headline {
        said: format!("P{pid} ran line {line} of {file}:"),
        code,
        next,
    })
}

/// True when the step's last C instruction is in the C runtime's code before the program's
/// first function (the `_start` that calls main, then exit).
fn in_runtime(timeline: &Timeline, step: usize, debug: &DebugInfo) -> bool {
    let pc = timeline.step(step).and_then(|s| {
        s.events.iter().rev().find_map(|e| match e {
            Event::Execute {
                pc, line: Some(_), ..
            } => Some(*pc),
            _ => None,
        })
    });
    let first_function = debug.functions.iter().map(|(_, at)| *at).min();
    matches!((pc, first_function), (Some(pc), Some(first)) if pc < first)
}

/// The C line a live process executes next, if its program came from C.
pub fn next_line(kernel: &Kernel, pid: Pid) -> Option<SourceLine> {
    let p = kernel.process(pid).filter(|p| p.state().is_alive())?;
    let pc = match kernel.cpus().iter().find(|c| c.running == Some(pid)) {
        Some(cpu) => cpu.registers.pc,
        None => p.context.pc,
    };
    p.program.line_at(pc)
}

/// The file and line a live process executes next.
fn next_line_of(kernel: &Kernel, pid: Pid) -> Option<(String, u32)> {
    let at = next_line(kernel, pid)?;
    let debug = kernel.process(pid)?.program.debug.as_ref()?;
    Some((debug.file_name(at.file).to_owned(), at.line))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_course::runner::c_scenario;
    use proclab_kernel::scenario::Settings;

    fn record(source: &str) -> Timeline {
        Timeline::record(&c_scenario("t.c", source, Settings::default()).expect("compiles"))
            .expect("boots")
    }

    fn told(t: &Timeline, step: usize, by_line: bool) -> Told {
        tell(
            t,
            step,
            by_line,
            &t.state_at(step.saturating_sub(1)),
            &t.state_at(step),
        )
    }

    fn stop_after_line(t: &Timeline, line: u32) -> usize {
        (1..=t.len())
            .find(|&n| t.is_line_stop(n) && t.line_of(n).map(|(_, l)| l.line) == Some(line))
            .expect("the line runs")
    }

    #[test]
    fn step_zero_tells_the_boot() {
        let t = record("int main(void) {\n  return 0;\n}\n");
        assert_eq!(told(&t, 0, true).kernel, [BOOT]);
    }

    #[test]
    fn a_line_step_names_the_line_that_ran_and_the_line_that_runs_next() {
        let t = record("int main(void) {\n  int a = 1;\n  return a;\n}\n");
        let said = told(&t, stop_after_line(&t, 2), true);
        assert_eq!(
            said.headline,
            Some(Headline {
                said: "P2 ran line 2 of t.c:".into(),
                code: "int a = 1;".into(),
                next: Some("Next it runs line 3.".into()),
            })
        );
        assert!(
            said.kernel.iter().all(|s| s.starts_with("Timer interrupt")),
            "only the timer interrupts the line: {:?}",
            said.kernel
        );
        assert!(!said.instructions.is_empty());
    }

    #[test]
    fn a_line_step_tells_every_system_call_of_the_line_not_only_its_last_step() {
        let t = record(
            "#include <unistd.h>\nint main(void) {\n  int fd[2];\n  pipe(fd);\n  \
             dup2(fd[1], 5);\n  return 0;\n}\n",
        );
        let said = told(&t, stop_after_line(&t, 5), true);
        assert!(
            said.kernel.iter().any(|s| s.contains("calls dup2()")),
            "{said:?}"
        );
        assert!(
            said.kernel.iter().any(|s| s.contains("fd 5 now refers to")),
            "{said:?}"
        );
        assert!(
            said.instructions
                .iter()
                .all(|s| !s.contains("dup2") && s.contains("instruction at")),
            "{said:?}"
        );
    }

    #[test]
    fn stepping_by_instruction_tells_every_event_of_the_step_in_order() {
        let t = record("int main(void) {\n  int a = 1;\n  return a;\n}\n");
        let n = stop_after_line(&t, 2);
        let said = told(&t, n, false);
        let events = t.step(n).expect("recorded").events;
        assert_eq!(
            said.kernel,
            events.iter().map(Event::narrate).collect::<Vec<_>>()
        );
        assert!(said.instructions.is_empty());
        let headline = said.headline.expect("a C line ran");
        assert_eq!(
            (headline.said.as_str(), headline.next),
            ("P2 is in line 2 of t.c:", None)
        );
    }

    #[test]
    fn a_step_partway_through_a_line_says_the_line_is_still_running() {
        let t = record("int main(void) {\n  int a = 1;\n  return a;\n}\n");
        let inside = stop_after_line(&t, 2) - 1;
        assert_eq!(t.line_of(inside).map(|(_, l)| l.line), Some(2));
        let headline = told(&t, inside, true).headline.expect("a C line ran");
        assert_eq!(
            (headline.said.as_str(), headline.next),
            ("P2 is in line 2 of t.c:", None)
        );
    }

    #[test]
    fn a_line_cut_short_by_a_switch_is_told_as_part_of_the_line() {
        let t = record(
            "#include <unistd.h>\nint main(void) {\n  if (fork() == 0) return 0;\n  \
             long n = 0; while (n < 200) n++;\n  return 0;\n}\n",
        );
        let cut = (1..t.len())
            .find(|&n| {
                t.is_line_stop(n)
                    && t.line_of(n).is_some_and(|(pid, _)| pid == 2)
                    && t.line_of(n + 1).is_some_and(|(pid, _)| pid == 3)
            })
            .expect("the parent is switched out for the child");
        let headline = told(&t, cut, true).headline.expect("a C line ran");
        assert!(
            headline.said.starts_with("P2 ran part of line"),
            "{headline:?}"
        );
        assert_eq!(headline.next, None);
    }

    #[test]
    fn stepping_by_line_through_any_builtin_tells_every_kernel_event_of_its_run() {
        for entry in proclab_course::library::BUILTINS {
            let t = Timeline::record(&(entry.build)().scenario()).expect("boots");
            let mut said = std::collections::HashSet::new();
            let mut n = 0;
            while n < t.len() {
                n = t.next_line_step(n);
                let told = told(&t, n, true);
                assert_eq!(told.untold, 0, "{} at step {n}", entry.title);
                for s in told.kernel {
                    let once = s
                        .rsplit_once(" (")
                        .filter(|(_, count)| count.ends_with(" times)"));
                    said.insert(once.map_or(s.clone(), |(s, _)| s.to_owned()));
                }
            }
            for event in t.steps().flat_map(|s| s.events.iter()) {
                if !event.is_machine_code() && !matches!(event, Event::Halted(_)) {
                    assert!(
                        said.contains(&event.narrate()),
                        "{}: never told: {}",
                        entry.title,
                        event.narrate()
                    );
                }
            }
        }
    }

    #[test]
    fn the_runtimes_exit_call_is_said_to_be_the_runtimes_not_mains_first_line() {
        let t = record("int main(void) {\n  return 0;\n}\n");
        let exit = (1..=t.len())
            .find(|&n| {
                t.step(n)
                    .is_some_and(|s| s.events.iter().any(|e| matches!(e, Event::Exit { .. })))
            })
            .expect("P2 exits");
        let headline = told(&t, exit, true).headline.expect("a C line ran");
        assert!(
            headline
                .said
                .starts_with("P2 ran the C runtime's code that calls main and then exit"),
            "{headline:?}"
        );
    }

    #[test]
    fn repeated_sentences_in_a_row_are_said_once_with_their_count() {
        let said = said_once(["a", "b", "b", "b", "a"].into_iter().map(String::from));
        assert_eq!(said, ["a", "b (3 times)", "a"]);
    }

    #[test]
    fn a_line_that_ran_longer_than_the_told_steps_says_how_many_are_left_out() {
        let t = record("int main(void) {\n  long n = 0;\n  while (n < 500) n++;\n  return 0;\n}\n");
        let n = stop_after_line(&t, 3);
        let first = t.previous_line_step(n) + 1;
        let said = told(&t, n, true);
        assert_eq!(said.untold, (n + 1 - first).saturating_sub(MOST_STEPS_TOLD));
        assert!(
            said.untold > 0,
            "the loop runs one line for {} steps",
            n + 1 - first
        );
    }
}
