//! Pipes and FIFOs: each one's buffered bytes, and which processes' descriptors point at
//! its ends.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::palette::colour;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::open_file::FileKind;
use proclab_kernel::process::Pid;

/// Properties of [`Pipes`].
#[derive(Properties, PartialEq)]
pub struct PipesProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// Say so when there is no pipe yet (where the stage is about pipes), rather than
    /// draw nothing.
    #[prop_or_default]
    pub say_when_none: bool,
}

/// The descriptors, as (pid, fd), of living processes that refer to `kind`.
fn holders(k: &Kernel, kind: FileKind) -> Vec<(Pid, i32)> {
    k.processes()
        .iter()
        .filter(|p| p.state().is_alive())
        .flat_map(|p| {
            p.files
                .fds
                .iter()
                .filter(|d| k.open_files()[d.open_file].kind == kind)
                .map(move |d| (p.pid, d.fd))
        })
        .collect()
}

fn ends(k: &Kernel, kind: FileKind) -> Html {
    html! { <>
        { for holders(k, kind).into_iter().map(|(pid, fd)| html! {
            <span class="chip small" style={format!("--proc: {}", colour(pid))}>{ format!("P{pid} fd {fd}") }</span>
        }) }
    </> }
}

/// Every pipe made so far; nothing (or a sentence saying so) when there is none.
#[component]
pub fn Pipes(props: &PipesProps) -> Html {
    let k = &props.kernel;
    if k.pipes().is_empty() {
        return if props.say_when_none {
            html! {
                <section tabindex="0" class="view pipes" aria-label="Pipes">
                    <h2>{ "Pipes" }</h2>
                    <p class="hint">{ "No pipe yet: pipe(), mkfifo() then open(), and socketpair() each make one in the kernel." }</p>
                </section>
            }
        } else {
            html! {}
        };
    }
    html! {
        <section tabindex="0" class="view pipes" aria-label="Pipes">
            <h2>{ "Pipes" }</h2>
            <ol class="pipe-list">
                { for k.pipes().iter().enumerate().map(|(i, pipe)| {
                    let text: String = pipe.buffer.iter().map(|&b| match b {
                        b'\n' => '⏎',
                        32..=126 => b as char,
                        _ => '·',
                    }).collect();
                    html! {
                        <li key={i} class="pipe">
                            <div class="pipe-end write">
                                { "write end " }
                                if pipe.write_open { { ends(k, FileKind::PipeWrite(i)) } } else { <em>{ "closed" }</em> }
                            </div>
                            <div class="pipe-buffer" title={format!("pipe {i}: {} of {} bytes", pipe.buffer.len(), pipe.capacity)}>
                                <span class="pipe-name">{ pipe.name.clone().unwrap_or_else(|| format!("pipe {i}")) }</span>
                                <code>{ if text.is_empty() { "(empty)".to_owned() } else { text } }</code>
                                <meter min="0" max={pipe.capacity.to_string()} value={pipe.buffer.len().to_string()}
                                    aria-label={format!("pipe {i} holds {} of {} bytes", pipe.buffer.len(), pipe.capacity)} />
                            </div>
                            <div class="pipe-end read">
                                { "read end " }
                                if pipe.read_open { { ends(k, FileKind::PipeRead(i)) } } else { <em>{ "closed" }</em> }
                            </div>
                        </li>
                    }
                }) }
            </ol>
        </section>
    }
}
