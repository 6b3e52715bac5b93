//! The selected process's virtual address space, laid out as in the subject text: kernel at
//! the top, the stack growing down, the gap, the heap growing up, bss, data, rodata, text;
//! each region with its present pages and their page-table bits.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::address_space::SegmentKind;
use crate::engine::kernel::Kernel;
use crate::engine::process::Pid;
use crate::ui::palette::colour;

/// Properties of [`AddressSpaceView`].
#[derive(Properties, PartialEq)]
pub struct AddressSpaceProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The selected process.
    pub pid: Option<Pid>,
}

/// The regions and pages of one process.
#[component]
pub fn AddressSpaceView(props: &AddressSpaceProps) -> Html {
    let Some(p) = props.pid.and_then(|pid| props.kernel.process(pid)) else {
        return html! {
            <section class="view address-space" aria-label="Address space">
                <h2>{ "Address space" }</h2>
                <p class="hint">{ "Select a process to see its address space." }</p>
            </section>
        };
    };
    let space = &p.memory;
    let page = space.page_size;
    let mut regions: Vec<_> = space.vmas.iter().collect();
    regions.reverse();
    html! {
        <section class="view address-space" aria-label="Address space" style={format!("--proc: {}", colour(p.pid))}>
            <h2>{ format!("Address space of P{} ({})", p.pid, p.name) }</h2>
            if regions.is_empty() {
                <p class="hint">{ format!("P{} has released its memory ({}).", p.pid, p.state().label()) }</p>
            }
            <ol class="regions">
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
                            <span class="region-name">{ vma.kind.label() }</span>
                            <span class="region-range">{ range }</span>
                            <span class="region-perms">{ vma.perms() }</span>
                            <span class="pages">
                                { for pages.iter().map(|(vpn, pte)| {
                                    let flags = format!("{}{}{}", if pte.writable { "W" } else { "" }, if pte.cow { "C" } else { "" }, if pte.dirty { "D" } else { "" });
                                    html! {
                                        <span class={classes!("pte", pte.cow.then_some("cow"), pte.dirty.then_some("dirty"))}
                                            title={format!("page {:#x} → frame {}: present{}{}{}{}", vpn * page, pte.frame,
                                                if pte.writable { ", writable" } else { ", read-only" },
                                                if pte.cow { ", copy-on-write" } else { "" },
                                                if pte.dirty { ", dirty" } else { "" },
                                                if pte.accessed { ", accessed" } else { "" })}>
                                            { format!("→{}", pte.frame) }
                                            if !flags.is_empty() { <small>{ flags }</small> }
                                        </span>
                                    }
                                }) }
                            </span>
                        </li>
                        { for gap }
                    </> }
                }) }
            </ol>
            <p class="legend">{ "→n: mapped to frame n · W writable · C copy-on-write · D dirty" }</p>
        </section>
    }
}
