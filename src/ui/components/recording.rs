//! The progress of a long run still being recorded: how far it has got, and a button to
//! stop it and keep what is recorded.

use yew::prelude::*;

/// Properties of [`RecordingProgress`].
#[derive(Properties, PartialEq)]
pub struct RecordingProgressProps {
    /// While a run is being recorded: the steps recorded so far, and the most the run can
    /// take (its step limit). None once the whole run is there: nothing is shown.
    pub progress: Option<(usize, u64)>,
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

/// A progress bar with the steps recorded, and "Cancel recording". (Always mounted, so the
/// controls beside it keep their elements, and their focus, when a recording ends.)
#[component]
pub fn RecordingProgress(props: &RecordingProgressProps) -> Html {
    let Some((recorded, limit)) = props.progress else {
        return html! {};
    };
    let on_cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let limit = limit.max(1);
    html! {
        <section class="recording" aria-label="Recording">
            <label>
                <span>{ format!(
                    "Recording the run: {} of at most {} steps. The steps recorded so far can be explored now.",
                    grouped(recorded as u64), grouped(limit)
                ) }</span>
                <progress max={limit.to_string()} value={recorded.to_string()}></progress>
            </label>
            <button type="button" onclick={on_cancel}>{ "Cancel recording" }</button>
        </section>
    }
}
