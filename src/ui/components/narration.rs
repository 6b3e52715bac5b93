//! The current step's story in plain English, large, read aloud by screen readers.

use yew::prelude::*;

use crate::engine::event::{Event, Halt};

/// Properties of [`Narration`].
#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// The events of the step shown.
    pub events: Vec<Event>,
    /// The step shown.
    pub step: usize,
    /// Why the run ended, when the last step is shown.
    pub halt: Option<Halt>,
}

/// The sentences of the current step; the machine's boot at step 0.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let sentences: Vec<String> = if props.step == 0 {
        vec![
            "The kernel has booted: init (P1) sleeps in wait(), and the scenario's processes \
             are being created (NEW). Press Step forward (→) to run the first tick."
                .to_owned(),
        ]
    } else {
        props
            .events
            .iter()
            .filter(|e| !matches!(e, Event::Halted(_)))
            .map(Event::narrate)
            .collect()
    };
    html! {
        <section class="narration" aria-label="Narration" aria-live="polite">
            <ol>
                { for sentences.into_iter().map(|s| html! { <li>{ s }</li> }) }
            </ol>
            if let Some(halt) = props.halt {
                <p class="halt">{ Event::Halted(halt).narrate() }</p>
            }
        </section>
    }
}
