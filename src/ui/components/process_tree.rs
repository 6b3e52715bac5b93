//! The fork hierarchy: every process under its parent, with its PID, name and state.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::kernel::{INIT_PID, Kernel};
use proclab_kernel::process::{Pcb, Pid, ProcState};

/// Properties of [`ProcessTree`].
#[derive(Properties, PartialEq)]
pub struct ProcessTreeProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The process whose details are shown.
    pub selected: Option<Pid>,
    /// True when the user pinned it; false when the details follow the process that acts.
    pub pinned: bool,
    /// Called when a process is clicked (to pin it).
    pub on_select: Callback<Pid>,
    /// Called to unpin: the details follow the process that acts again.
    pub on_follow: Callback<()>,
}

/// The process tree, rooted at init.
#[component]
pub fn ProcessTree(props: &ProcessTreeProps) -> Html {
    let root = props.kernel.process(INIT_PID);
    html! {
        <section tabindex="0" class="view process-tree" aria-label="Process tree">
            <h2>{ "Process tree" }</h2>
            { following(props) }
            <ul class="tree" role="tree">
                { for root.map(|p| node(props, p)) }
            </ul>
        </section>
    }
}

/// Whose details the page shows, and the way to pin or unpin.
fn following(props: &ProcessTreeProps) -> Html {
    let Some(pid) = props.selected else {
        return html! {};
    };
    if !props.pinned {
        return html! {
            <p class="following">{ format!("Details show P{pid}, the process acting now. Click a process to pin it.") }</p>
        };
    }
    let on_follow = props.on_follow.clone();
    html! {
        <p class="following">
            { format!("Details pinned to P{pid}. ") }
            <button type="button" class="link-button" onclick={move |_| on_follow.emit(())}>
                { "Follow the acting process" }
            </button>
        </p>
    }
}

fn node(props: &ProcessTreeProps, p: &Pcb) -> Html {
    let children: Vec<&Pcb> = props
        .kernel
        .processes()
        .iter()
        .filter(|c| c.ppid == p.pid && c.pid != p.pid)
        .collect();
    let pid = p.pid;
    let selected = props.selected == Some(pid);
    html! {
        <li key={pid} role="treeitem" aria-selected={selected.to_string()}>
            <ProcButton {pid} name={p.name.clone()} state={p.state()} orphan={p.adopted.then_some(p.ppid)}
                {selected} on_select={props.on_select.clone()} />
            if !children.is_empty() {
                <ul role="group">{ for children.into_iter().map(|c| node(props, c)) }</ul>
            }
        </li>
    }
}

/// Properties of [`ProcButton`]: only what it draws, so an unchanged node skips rendering.
#[derive(Properties, PartialEq)]
struct ProcButtonProps {
    pid: Pid,
    name: String,
    state: ProcState,
    /// The adoptive parent, for a process orphaned by its parent's exit.
    orphan: Option<Pid>,
    selected: bool,
    on_select: Callback<Pid>,
}

/// One process of the tree: a button that selects it.
#[component]
fn ProcButton(props: &ProcButtonProps) -> Html {
    let (pid, state) = (props.pid, props.state);
    let on_select = props.on_select.clone();
    html! {
        <button type="button"
            class={classes!("proc-node", format!("state-{}", state.label().to_lowercase()), props.selected.then_some("selected"))}
            style={format!("--proc: {}", colour(pid))}
            onclick={move |_| on_select.emit(pid)}>
            <span class="pid-badge">{ format!("P{pid}") }</span>{ " " }
            <span class="proc-name">{ &props.name }</span>{ " " }
            if let Some(parent) = props.orphan.filter(|_| state.is_alive()) {
                <span class="orphan" title={format!("orphaned, adopted by P{parent}")}>{ "orphan" }</span>{ " " }
            }
            <span class="state-label">{ state.label() }</span>
        </button>
    }
}
