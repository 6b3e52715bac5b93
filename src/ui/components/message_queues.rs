//! Message queues: each queue's messages, oldest first, with their types.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::kernel::Kernel;

/// Properties of [`MessageQueues`].
#[derive(Properties, PartialEq)]
pub struct MessageQueuesProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
}

/// Every message queue made so far; nothing when there is none.
#[component]
pub fn MessageQueues(props: &MessageQueuesProps) -> Html {
    let k = &props.kernel;
    if k.message_queues().is_empty() {
        return html! {};
    }
    html! {
        <section tabindex="0" class="view message-queues" aria-label="Message queues">
            <h2>{ "Message queues" }</h2>
            <ol class="queue-list">
                { for k.message_queues().iter().enumerate().map(|(id, q)| html! {
                    <li key={id} class="queue">
                        <span class="pipe-name">{ format!("queue {id}") }</span>
                        <span class="chip small" style={format!("--proc: {}", colour(q.creator))}>{ format!("made by P{}", q.creator) }</span>
                        if q.removed {
                            <em>{ " removed" }</em>
                        } else if q.messages.is_empty() {
                            <em>{ " empty" }</em>
                        } else {
                            <ol class="messages">
                                { for q.messages.iter().map(|m| {
                                    let text: String = String::from_utf8_lossy(&m.text)
                                        .chars()
                                        .map(|c| if c == '\0' { '·' } else { c })
                                        .collect();
                                    html! {
                                        <li class="message"><span class="mtype">{ format!("type {}", m.mtype) }</span><code>{ text }</code></li>
                                    }
                                }) }
                            </ol>
                        }
                    </li>
                }) }
            </ol>
        </section>
    }
}
