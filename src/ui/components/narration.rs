//! The current step's story in plain English, large, read aloud by screen readers.

use std::rc::Rc;

use yew::prelude::*;

use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;

/// Properties of [`Narration`].
#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// The events of the step shown.
    pub events: Vec<Event>,
    /// The step shown.
    pub step: usize,
    /// What follows the last recorded step, when it is shown: why the run ended, or that
    /// its recording is still going or was cancelled.
    pub closing: Option<AttrValue>,
    /// The machine before the step shown: the programs whose lines it ran (an exec in the
    /// step replaces the program afterwards).
    pub before: Rc<Kernel>,
}

/// "P2 runs line 8: pid_t pid = fork();" for the last C instruction of the step.
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

/// The sentences of the current step; the machine's boot at step 0.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let sentences: Vec<String> = if props.step == 0 {
        vec![
            "The kernel has booted: init (P1) sleeps in wait(), and the scenario's processes \
             are being created (NEW). Press Step forward (→) or Play (space) to run."
                .to_owned(),
        ]
    } else {
        line_sentence(&props.events, &props.before)
            .into_iter()
            .chain(
                props
                    .events
                    .iter()
                    .filter(|e| !matches!(e, Event::Halted(_)))
                    .map(Event::narrate),
            )
            .collect()
    };
    html! {
        <section class="narration" aria-label="Narration" aria-live="polite">
            <ol>
                { for sentences.into_iter().map(|s| html! { <li>{ s }</li> }) }
            </ol>
            if let Some(closing) = &props.closing {
                <p class="halt">{ closing }</p>
            }
        </section>
    }
}
