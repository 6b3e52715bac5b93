//! What the processes wrote to the terminal, each piece in its writer's colour.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::kernel::Kernel;

/// Properties of [`Terminal`].
#[derive(Properties, PartialEq)]
pub struct TerminalProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
}

/// The terminal's contents so far.
#[component]
pub fn Terminal(props: &TerminalProps) -> Html {
    let output = props.kernel.terminal();
    html! {
        <section tabindex="0" class="view terminal" aria-label="Terminal">
            <h2>{ "Terminal" }</h2>
            <pre class="screen">
                { for output.iter().map(|o| html! {
                    <span class={classes!("out", (o.fd == 2).then_some("stderr"))}
                        style={format!("--proc: {}", colour(o.pid))}
                        title={format!("written by P{} to {}", o.pid, if o.fd == 2 { "stderr" } else { "stdout" })}>
                        { String::from_utf8_lossy(&o.bytes).into_owned() }
                    </span>
                }) }
                <span class="cursor" aria-hidden="true">{ "▌" }</span>
            </pre>
        </section>
    }
}
