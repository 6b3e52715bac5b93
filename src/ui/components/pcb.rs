//! The Process Control Block of the selected process, every field group, with the fields this
//! step changed highlighted.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::pcb::groups;
use crate::ui::palette::colour;
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Properties of [`PcbView`].
#[derive(Properties, PartialEq)]
pub struct PcbProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The machine one step earlier, to highlight what changed.
    pub previous: Rc<Kernel>,
    /// The selected process.
    pub pid: Option<Pid>,
    /// The events of the step shown: register saves and loads, forks, execs.
    pub events: Vec<Event>,
    /// Only this field group (as "Memory management"), when the stage has room for one.
    #[prop_or_default]
    pub only: Option<&'static str>,
}

/// Every field of one PCB, grouped as in the textbook.
#[component]
pub fn PcbView(props: &PcbProps) -> Html {
    let Some((p, groups)) = props.pid.and_then(|pid| {
        let p = props.kernel.process(pid)?;
        Some((
            p,
            groups(&props.kernel, &props.previous, pid, &props.events)?,
        ))
    }) else {
        return html! {
            <section tabindex="0" class="view pcb" aria-label="PCB">
                <h2>{ "PCB" }</h2>
                <p class="hint">{ "Select a process in the process tree to see its PCB." }</p>
            </section>
        };
    };
    html! {
        <section tabindex="0" class="view pcb" aria-label="PCB" style={format!("--proc: {}", colour(p.pid))}>
            <h2>{ format!("PCB of P{} ({})", p.pid, p.name) }</h2>
            <div class="pcb-groups">
                { for groups.into_iter().filter(|g| props.only.is_none_or(|only| g.name == only)).map(|group| html! {
                    <details open=true class={classes!("pcb-group", group.note.as_ref().map(|(_, class)| format!("moved-{class}")))}>
                        <summary>{ group.name }</summary>
                        if let Some((text, class)) = &group.note {
                            <p key={format!("{}-{text}", props.kernel.clock())} class={classes!("group-note", *class)}>{ text }</p>
                        }
                        <dl>
                            { for group.fields.into_iter().map(|(name, value, changed)| {
                                let class = classes!(changed.then_some("changed"));
                                html! { <>
                                    <dt class={class.clone()}>{ name }</dt>
                                    <dd class={class}>{ value }</dd>
                                </> }
                            }) }
                        </dl>
                    </details>
                }) }
            </div>
        </section>
    }
}
