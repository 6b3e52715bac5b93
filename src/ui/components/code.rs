//! The source of each program that a live process runs, with every process's current line
//! marked in its colour and the running one emphasised; of a program of several files, the
//! files its processes are in.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::listing;
use crate::model::narration::next_line;
use crate::ui::palette::colour;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::{Pid, ProcState};
use proclab_kernel::program::{DebugInfo, Program, SourceLine};

/// Properties of [`CodeView`].
#[derive(Properties, PartialEq)]
pub struct CodeProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The process and line the step (or line step) ran, which the narration names.
    pub ran: Option<(Pid, SourceLine)>,
}

/// Each C program with its processes' current lines.
#[component]
pub fn CodeView(props: &CodeProps) -> Html {
    let k = &props.kernel;
    let running: Vec<Pid> = k.cpus().iter().filter_map(|c| c.running).collect();
    // One listing per program, in order of the first live process running it.
    let mut listings: Vec<(Rc<Program>, Vec<Pid>)> = Vec::new();
    for p in k
        .processes()
        .iter()
        .filter(|p| p.state().is_alive() && p.program.debug.is_some())
    {
        match listings
            .iter_mut()
            .find(|(prog, _)| Rc::ptr_eq(prog, &p.program))
        {
            Some((_, pids)) => pids.push(p.pid),
            None => listings.push((Rc::clone(&p.program), vec![p.pid])),
        }
    }
    html! {
        <section tabindex="0" class="view code" aria-label="Code">
            <h2>{ "Code" }</h2>
            if listings.is_empty() {
                <p class="hint">{ "No process is running C code at this step." }</p>
            } else {
                <p class="legend" aria-hidden="true">
                    <span class="legend-next">{ "P2 ▸" }</span>{ " runs next · " }
                    <span class="legend-ran">{ "ran" }</span>{ " just ran" }
                </p>
            }
            { for listings.into_iter().map(|(program, pids)| {
                let marks: Vec<(Pid, SourceLine)> = pids.iter().filter_map(|&pid| Some((pid, next_line(k, pid)?))).collect();
                let running: Vec<Pid> = pids.iter().copied().filter(|p| running.contains(p)).collect();
                let key = program.debug.as_ref().map(|d| d.main_file().name.clone()).unwrap_or_default();
                let ran = props.ran.filter(|(pid, _)| pids.contains(pid));
                html! { <Listing {key} {program} {pids} {marks} {running} {ran} /> }
            }) }
            if k.processes().iter().any(|p| p.state() == ProcState::Running && p.program.debug.is_none() && p.pid != 1) {
                <p class="hint">{ "A process runs a synthetic program (no C source)." }</p>
            }
        </section>
    }
}

/// Properties of [`Listing`].
#[derive(Properties, PartialEq)]
struct ListingProps {
    /// A C program (with its debug information).
    program: Rc<Program>,
    /// The live processes running it.
    pids: Vec<Pid>,
    /// The line each of them executes next.
    marks: Vec<(Pid, SourceLine)>,
    /// Those of them on a CPU.
    running: Vec<Pid>,
    /// The process and line the step just ran, when it is one of these processes.
    ran: Option<(Pid, SourceLine)>,
}

/// Scrolls each file's listing in `listings`, if need be, so that its running line (else
/// its first marked line) is in sight: a third of the way down its box.
fn keep_current_line_in_sight(listings: &web_sys::HtmlElement) {
    let Ok(sources) = listings.query_selector_all("ol.source") else {
        return;
    };
    for i in 0..sources.length() {
        let Some(listing) = sources
            .item(i)
            .and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let line = listing
            .query_selector("li.running")
            .ok()
            .flatten()
            .or_else(|| listing.query_selector("li.at").ok().flatten());
        let Some(line) = line.and_then(|l| l.dyn_into::<web_sys::HtmlElement>().ok()) else {
            continue;
        };
        let (top, height) = (line.offset_top(), line.offset_height());
        let (shown_from, shown_height) = (listing.scroll_top(), listing.client_height());
        if top < shown_from || top + height > shown_from + shown_height {
            listing.set_scroll_top(top - shown_height / 3);
        }
    }
}

/// One program's source with its processes' current lines, scrolled to keep the current
/// one in sight. A step that stays on the same lines (most instructions do) leaves it as it
/// was.
#[component]
fn Listing(props: &ListingProps) -> Html {
    let listing = use_node_ref();
    {
        let listing = listing.clone();
        use_effect_with((props.marks.clone(), props.running.clone()), move |_| {
            if let Some(listing) = listing.cast::<web_sys::HtmlElement>() {
                keep_current_line_in_sight(&listing);
            }
        });
    }
    let Some(debug) = props.program.debug.as_ref() else {
        return html! {};
    };
    html! {
        <div class="listings" ref={listing}>
            { for files_shown(debug, props).into_iter().map(|file| file_listing(debug, file, props)) }
        </div>
    }
}

/// The files of a program to show: those its processes are in or just ran a line of, in
/// the program's order; the file of `main` when there is none.
fn files_shown(debug: &DebugInfo, props: &ListingProps) -> Vec<u16> {
    let mut files: Vec<u16> = props
        .marks
        .iter()
        .chain(&props.ran)
        .map(|(_, at)| at.file)
        .collect();
    files.sort_unstable();
    files.dedup();
    if files.is_empty() {
        let main = debug.main_file();
        files.extend(
            debug
                .files
                .iter()
                .position(|f| f.name == main.name)
                .and_then(|i| u16::try_from(i).ok()),
        );
    }
    files
}

/// One file of a program, with the lines its processes are at marked.
fn file_listing(debug: &DebugInfo, file: u16, props: &ListingProps) -> Html {
    let name = debug.file_name(file);
    let (caption, note) = listing::caption(debug, file);
    let Some(source) = debug.files.get(usize::from(file)) else {
        return html! {};
    };
    let marked_here = |p: &Pid| props.marks.iter().any(|(q, at)| q == p && at.file == file);
    let pids: Vec<Pid> = if props.marks.is_empty() {
        props.pids.clone()
    } else {
        props.pids.iter().copied().filter(marked_here).collect()
    };
    html! {
        <figure class="listing" key={name.to_owned()}>
            <figcaption>
                { caption.clone() }
                if let Some(note) = note {
                    <span class="listing-of">{ format!(" ({note})") }</span>
                }
                { for pids.iter().map(|&pid| html! {
                    <span class="chip" style={format!("--proc: {}", colour(pid))}>{ format!("P{pid}") }</span>
                }) }
            </figcaption>
            <ol class="source" tabindex="0" aria-label={format!("listing of {name}")}>
                { for source.text.lines().enumerate().map(|(i, text)| {
                    let line = SourceLine { file, line: i as u32 + 1 };
                    let here: Vec<Pid> = props.marks.iter().filter(|(_, l)| *l == line).map(|(p, _)| *p).collect();
                    let active = here.iter().any(|p| props.running.contains(p));
                    let ran = props.ran.filter(|(_, l)| *l == line).map(|(p, _)| p);
                    let style = here.first().or(ran.as_ref()).map(|p| format!("--proc: {}", colour(*p))).unwrap_or_default();
                    html! {
                        <li class={classes!(
                            (!here.is_empty()).then_some("at"),
                            active.then_some("running"),
                            ran.is_some().then_some("ran"),
                        )} {style}>
                            <span class="gutter">
                                { for here.iter().map(|p| html! { <span class="chip small" style={format!("--proc: {}", colour(*p))} title={format!("P{p} runs this line next")}>{ format!("P{p} ▸") }</span> }) }
                                if let Some(p) = ran.filter(|_| here.is_empty()) {
                                    <span class="ran-mark" title={format!("P{p} just ran this line")}>{ "ran" }</span>
                                }
                            </span>
                            <code>{ if text.is_empty() { " " } else { text } }</code>
                        </li>
                    }
                }) }
            </ol>
        </figure>
    }
}
