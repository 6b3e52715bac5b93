//! "Copy link" and "Copy embed code": the page's address for the scenario at the step
//! shown, or an iframe snippet of it, put on the clipboard and shown to copy by hand.

use yew::prelude::*;

/// The page's address for the scenario at the step shown (`#...`), given to the share
/// buttons as a context: a step re-renders them, not the editor around them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Place(pub AttrValue);

/// Properties of [`ShareButtons`].
#[derive(Properties, PartialEq)]
pub struct ShareButtonsProps {
    /// The scenario's title, for an embedded copy's iframe.
    pub title: AttrValue,
}

/// An iframe snippet that embeds `link` (the title escaped for an attribute).
fn embed_code(link: &str, title: &str) -> String {
    let title = title
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;");
    format!(
        "<iframe src=\"{link}&embed=1\" title=\"ProcLab: {title}\" width=\"960\" height=\"720\" style=\"border:0\"></iframe>"
    )
}

/// The two buttons, and what the last one copied.
#[component]
pub fn ShareButtons(props: &ShareButtonsProps) -> Html {
    let copied = use_state(|| None::<(String, &'static str)>);
    {
        // Another scenario's link is not this one's: forget what was copied.
        let copied = copied.clone();
        use_effect_with(props.title.clone(), move |_| copied.set(None));
    }
    let place = use_context::<Place>().unwrap_or_default().0;
    let copy = |embed: bool| {
        let (copied, place, title) = (copied.clone(), place.clone(), props.title.clone());
        Callback::from(move |_: MouseEvent| {
            let location = gloo::utils::window().location();
            let link = format!(
                "{}{}{place}",
                location.origin().unwrap_or_default(),
                location.pathname().unwrap_or_default()
            );
            let (text, label) = if embed {
                (embed_code(&link, &title), "Embed code")
            } else {
                (link, "Share link")
            };
            let _ = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&text);
            copied.set(Some((text, label)));
        })
    };
    html! {
        <>
            <button type="button" onclick={copy(false)}>{ "Copy link" }</button>
            <button type="button" onclick={copy(true)}>{ "Copy embed code" }</button>
            if let Some((text, label)) = &*copied {
                <label class="share-link">{ format!("{label} (copied): ") }
                    <input type="text" readonly=true value={text.clone()} aria-label={*label} />
                </label>
            }
        </>
    }
}
