//! The current step's story in plain English, large, read aloud by screen readers.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::narration::sentences;
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

/// The sentences of the current step; the machine's boot at step 0.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let sentences = sentences(props.step, &props.events, &props.before);
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
