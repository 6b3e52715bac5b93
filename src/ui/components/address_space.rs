//! The selected process's virtual address space, laid out as in the subject text: kernel at
//! the top, the stack growing down, the gap, the heap growing up, bss, data, rodata, text;
//! each region with its present pages and their page-table bits. Clicking a page shows its
//! page-table entry, who shares its frame, and what lives on it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::signal_frames::SignalFrame;
use crate::model::values::{value_of, words};
use crate::ui::palette::colour;
use proclab_kernel::abi::layout::RUNTIME_BSS;
use proclab_kernel::address_space::{SegmentKind, Vma};
use proclab_kernel::event::Event;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::page_table::Pte;
use proclab_kernel::process::{Pcb, Pid};

/// Properties of [`AddressSpaceView`].
#[derive(Properties, PartialEq)]
pub struct AddressSpaceProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The selected process.
    pub pid: Option<Pid>,
    /// The events of the step shown: an exec replacing the segments, a fork making them.
    pub events: Vec<Event>,
    /// The signal frames on the process's stack (handlers it is running), innermost first.
    pub frames: Vec<SignalFrame>,
    /// The heading's words before the process ("Address space of", or "Before exec, the
    /// address space of").
    #[prop_or(AttrValue::Static("Address space of"))]
    pub caption: AttrValue,
    /// The view's accessible name (a second one beside the first is named apart).
    #[prop_or(AttrValue::Static("Address space"))]
    pub label: AttrValue,
}

/// The regions and pages of one process.
#[component]
pub fn AddressSpaceView(props: &AddressSpaceProps) -> Html {
    let chosen = use_state(|| None::<u64>);
    let Some(p) = props.pid.and_then(|pid| props.kernel.process(pid)) else {
        return html! {
            <section tabindex="0" class="view address-space" aria-label={props.label.clone()}>
                <h2>{ "Address space" }</h2>
                <p class="hint">{ "Select a process to see its address space." }</p>
            </section>
        };
    };
    let space = &p.memory;
    let page = space.page_size;
    let mut regions: Vec<_> = space.vmas.iter().collect();
    regions.reverse();
    // Segments this step made: exec's new image, or fork's copy. They animate in.
    let made = props.events.iter().any(|e| match e {
        Event::Exec { pid, .. } => *pid == p.pid,
        Event::Fork { child, .. } => *child == p.pid,
        _ => false,
    });
    html! {
        <section tabindex="0" class="view address-space" aria-label={props.label.clone()} style={format!("--proc: {}", colour(p.pid))}>
            <h2>{ format!("{} P{} ({})", props.caption, p.pid, p.name) }</h2>
            if regions.is_empty() {
                <p class="hint">{ format!("P{} has released its memory ({}).", p.pid, p.state().label()) }</p>
            }
            <ol class={classes!("regions", made.then_some("made"))}>
                { for regions.iter().map(|vma| {
                    let pages: Vec<(u64, _)> = space.page_table.iter().filter(|(vpn, _)| vma.contains(vpn * page)).collect();
                    let range = if vma.kind == SegmentKind::Kernel {
                        format!("{:#x} and up", vma.start)
                    } else {
                        format!("{:#x}–{:#x}", vma.start, vma.end)
                    };
                    let gap = (vma.kind == SegmentKind::Stack).then(|| html! {
                        <li class="region gap" aria-label="unmapped gap"><span class="region-name">{ "… unmapped …" }</span></li>
                    });
                    html! { <>
                        <li class={classes!("region", format!("seg-{}", vma.kind.label()))}>
                            <span class="region-name">{ space.region_label(vma) }</span>
                            <span class="region-range">{ range }</span>
                            <span class="region-perms">{ vma.perms() }</span>
                            <span class="pages">
                                { for pages.iter().map(|(vpn, pte)| {
                                    let flags = format!("{}{}{}", if pte.writable { "W" } else { "" }, if pte.cow { "C" } else { "" }, if pte.dirty { "D" } else { "" });
                                    let vpn = *vpn;
                                    let pressed = *chosen == Some(vpn);
                                    let onclick = {
                                        let chosen = chosen.clone();
                                        move |_| chosen.set((!pressed).then_some(vpn))
                                    };
                                    html! {
                                        <button type="button" {onclick} aria-pressed={pressed.to_string()}
                                            class={classes!("pte", pte.cow.then_some("cow"), pte.dirty.then_some("dirty"))}
                                            title={format!("page {:#x} → frame {}: present{}{}{}{}", vpn * page, pte.frame,
                                                if pte.writable { ", writable" } else { ", read-only" },
                                                if pte.cow { ", copy-on-write" } else { "" },
                                                if pte.dirty { ", dirty" } else { "" },
                                                if pte.accessed { ", accessed" } else { "" })}>
                                            { format!("→{}", pte.frame) }
                                            if !flags.is_empty() { <small>{ flags }</small> }
                                        </button>
                                    }
                                }) }
                            </span>
                        </li>
                        if vma.kind == SegmentKind::Stack {
                            { for props.frames.iter().map(|f| html! {
                                <li class="region signal-frame">
                                    <span class="region-name">{ "signal frame" }</span>
                                    <span class="region-range">{ format!("{:#x}–{:#x}", f.start, f.end) }</span>
                                    <span class="frame-what">{ format!("{}: the registers, mask and pc saved when it arrived; the handler runs below it", proclab_kernel::abi::signal::name(f.signo)) }</span>
                                </li>
                            }) }
                        }
                        { for gap }
                    </> }
                }) }
            </ol>
            { for (*chosen).and_then(|vpn| page_details(&props.kernel, p, vpn)) }
            <p class="legend">{ "→n: mapped to frame n · W writable · C copy-on-write · D dirty · click a page for its entry" }</p>
        </section>
    }
}

/// One page's page-table entry, the processes that map its frame, and what lives on it.
fn page_details(k: &Kernel, p: &Pcb, vpn: u64) -> Option<Html> {
    let space = &p.memory;
    let pte = space.page_table.get(vpn)?;
    let start = vpn * space.page_size;
    let vma = space.vmas.iter().find(|v| v.contains(start))?;
    let owners: Vec<String> = k
        .frame_owners()
        .get(&pte.frame)
        .map(|o| o.iter().map(|p| format!("P{p}")).collect())
        .unwrap_or_default();
    let refcount = k.frames().frame(pte.frame).refcount;
    let bit = |b: bool| if b { "yes" } else { "no" };
    let fields = [
        (
            "virtual page",
            format!("{start:#x}–{:#x}", start + space.page_size),
        ),
        ("frame", pte.frame.to_string()),
        ("present", "yes".to_owned()),
        ("writable", bit(pte.writable).to_owned()),
        ("user", bit(pte.user).to_owned()),
        ("copy-on-write", bit(pte.cow).to_owned()),
        ("dirty", bit(pte.dirty).to_owned()),
        ("accessed", bit(pte.accessed).to_owned()),
        (
            "frame mapped by",
            format!("{} (refcount {refcount})", owners.join(", ")),
        ),
    ];
    Some(html! {
        <section class="page-details" aria-label={format!("Page {start:#x}")}>
            <h3>{ format!("Page {start:#x} ({})", p.memory.region_label(vma)) }</h3>
            <dl class="pte-fields">
                { for fields.iter().map(|(name, value)| html! { <><dt>{ *name }</dt><dd>{ value.clone() }</dd></> }) }
            </dl>
            <p class="page-contents">{ contents(k, p, vma, pte, start) }</p>
        </section>
    })
}

/// " Non-zero ints here: 0x…000 = 141, …" for a page with no named variables.
fn stored(k: &Kernel, p: &Pcb, start: u64) -> String {
    let found = words(k, p.pid, start, p.memory.page_size);
    if found.is_empty() {
        return " Every byte is 0.".to_owned();
    }
    let listed: Vec<String> = found
        .iter()
        .map(|(at, v)| format!("{at:#x} = {v}"))
        .collect();
    format!(" Non-zero ints here: {}.", listed.join(", "))
}

/// What a page of a segment holds, in words: the program's variables and functions on it,
/// or what the segment is for.
fn contents(k: &Kernel, p: &Pcb, vma: &Vma, pte: &Pte, start: u64) -> String {
    let end = start + p.memory.page_size;
    let debug = p.program.debug.as_ref();
    let named = |items: Vec<String>, what: &str| {
        if items.is_empty() {
            String::new()
        } else {
            format!("{what}: {}. ", items.join(", "))
        }
    };
    let globals: Vec<String> = debug
        .map(|d| {
            d.globals
                .iter()
                .filter(|(_, addr, _)| (start..end).contains(addr))
                .map(|(name, addr, ty)| match value_of(k, p.pid, *addr, ty) {
                    Some(value) => format!("{ty} {name} = {value} at {addr:#x}"),
                    None => format!("{ty} {name} at {addr:#x}"),
                })
                .collect()
        })
        .unwrap_or_default();
    let functions: Vec<String> = debug
        .map(|d| {
            d.functions
                .iter()
                .filter(|(_, addr)| (start..end).contains(addr))
                .map(|(name, _)| format!("{name}()"))
                .collect()
        })
        .unwrap_or_default();
    let runtime = vma.kind == SegmentKind::Bss && start < vma.start + RUNTIME_BSS;
    let what = match vma.kind {
        SegmentKind::Text => format!("{}The program's instructions.", named(functions, "Functions starting here")),
        SegmentKind::Rodata => "String literals and other constants.".to_owned(),
        SegmentKind::Data | SegmentKind::Bss => format!(
            "{}{}",
            named(globals, "Variables"),
            if runtime {
                "The C library's state: errno, stdout's buffer (what printf has not written yet), rand()'s state and atexit's handlers."
            } else {
                ""
            }
        ),
        SegmentKind::Heap => format!("Blocks from malloc, each after a 16-byte header.{}", stored(k, p, start)),
        SegmentKind::Stack => "Call frames: local variables, arguments and return addresses of the functions running now.".to_owned(),
        SegmentKind::Mmap if p.memory.segment_at(vma.start).is_some() => format!("An attached System V shared memory segment: its own frames, the same in every process that attaches it, never copied; they outlive the attachments until the segment is removed.{}", stored(k, p, start)),
        SegmentKind::Mmap if vma.shared => format!("A shared mapping: the same frame in every process that maps it, never copied.{}", stored(k, p, start)),
        SegmentKind::Mmap => format!("A private mapping.{}", stored(k, p, start)),
        SegmentKind::Kernel => "The kernel.".to_owned(),
    };
    if pte.cow {
        format!("{what} Shared copy-on-write: the first write copies this page.")
    } else {
        what
    }
}
