//! The current step's story in plain English, large, read aloud by screen readers: the line
//! that ran, what the kernel did, and (folded, when stepping by line) the machine's
//! instructions.

use yew::prelude::*;

use crate::model::narration::Told;

/// Properties of [`Narration`].
#[derive(Properties, PartialEq)]
pub struct NarrationProps {
    /// What to tell.
    pub told: Told,
    /// What follows the last recorded step, when it is shown: why the run ended, or that
    /// its recording is still going or was cancelled.
    pub closing: Option<AttrValue>,
}

/// The sentences of the current step or line; the machine's boot at step 0.
#[component]
pub fn Narration(props: &NarrationProps) -> Html {
    let told = &props.told;
    let instructions = told.instructions.len();
    html! {
        <section tabindex="0" class="narration" aria-label="Narration" aria-live="polite">
            if let Some(headline) = &told.headline {
                <p class="headline">
                    { &headline.said }{ " " }<code>{ &headline.code }</code>
                    if let Some(next) = &headline.next {
                        { " " }<span class="next">{ next }</span>
                    }
                </p>
            }
            if told.untold > 0 {
                <p class="untold">{ format!("The line ran {} more steps before these; the event log has them.", told.untold) }</p>
            }
            <ol>
                { for told.kernel.iter().map(|s| html! { <li>{ s }</li> }) }
            </ol>
            if instructions > 0 {
                <details class="instructions">
                    <summary>{ format!("{instructions} machine instruction{} of this line", if instructions == 1 { "" } else { "s" }) }</summary>
                    <ol>{ for told.instructions.iter().map(|s| html! { <li>{ s }</li> }) }</ol>
                </details>
            }
            if let Some(closing) = &props.closing {
                <p class="halt">{ closing }</p>
            }
        </section>
    }
}
