//! The progress of a long run still being recorded: how far it has got, and a button to
//! stop it and keep what is recorded.

use yew::prelude::*;

/// Properties of [`RecordingProgress`].
#[derive(Properties, PartialEq)]
pub struct RecordingProgressProps {
    /// The steps recorded so far.
    pub recorded: usize,
    /// The most steps the run can take (its step limit).
    pub limit: u64,
    /// Stops recording.
    pub on_cancel: Callback<()>,
}

/// A number with thousands separators, as a teacher reads it: 1,000,000.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A progress bar with the steps recorded, and "Cancel recording".
#[component]
pub fn RecordingProgress(props: &RecordingProgressProps) -> Html {
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let limit = props.limit.max(1);
    html! {
        <section class="recording" aria-label="Recording">
            <label>
                <span>{ format!(
                    "Recording the run: {} of at most {} steps. The steps recorded so far can be explored now.",
                    grouped(props.recorded as u64), grouped(limit)
                ) }</span>
                <progress max={limit.to_string()} value={props.recorded.to_string()}></progress>
            </label>
            <button type="button" onclick={on_cancel}>{ "Cancel recording" }</button>
        </section>
    }
}
