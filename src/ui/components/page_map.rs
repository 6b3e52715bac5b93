//! Pages to frames: the selected process's present pages on the left, the frames they map
//! in the middle, and the pages of the processes that share frames with it (a fork's
//! parent or child) on the right, joined by lines in each process's colour. Lines and rows
//! are keyed, so when a step changes a mapping the line moves to its new frame (a
//! copy-on-write fault), a new page table's lines draw in (fork) and released frames go
//! (exec, exit), with the step's copies and releases spelled out beneath.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::model::pages::{Page, others, pages_of};
use crate::ui::palette::colour;
use proclab_kernel::event::{Event, FaultKind};
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;

/// Properties of [`PageMap`].
#[derive(Properties, PartialEq)]
pub struct PageMapProps {
    /// The machine at the step shown.
    pub kernel: Rc<Kernel>,
    /// The process whose pages are drawn.
    pub pid: Option<Pid>,
    /// The events of the step shown: its copies and releases.
    pub events: Vec<Event>,
}

/// Height of one row, in the drawing's units.
const ROW: f64 = 20.0;
/// The x of each column's edge the lines meet.
const LEFT_EDGE: f64 = 84.0;
const FRAME_X: f64 = 126.0;
const FRAME_W: f64 = 52.0;
const RIGHT_EDGE: f64 = 220.0;
const WIDTH: f64 = 304.0;

/// A cubic curve from one column's edge to another.
fn curve(x1: f64, y1: f64, x2: f64, y2: f64) -> String {
    let mid = (x1 + x2) / 2.0;
    format!("path(\"M {x1} {y1} C {mid} {y1}, {mid} {y2}, {x2} {y2}\")")
}

/// The drawing of pages, frames and the lines between them.
#[component]
pub fn PageMap(props: &PageMapProps) -> Html {
    let k = &props.kernel;
    let Some(pid) = props.pid.filter(|&p| !pages_of(k, p).is_empty()) else {
        return html! {
            <p class="hint page-map-empty">{ "Select a process with pages to see its page-to-frame lines." }</p>
        };
    };
    let left = pages_of(k, pid);
    let mine: BTreeSet<usize> = left.iter().map(|p| p.frame).collect();
    let right: Vec<Page> = others(k, pid, &mine)
        .into_iter()
        .flat_map(|o| pages_of(k, o))
        .collect();
    // Frames in the order the selected process's pages reach them, then the others', so
    // lines cross only where the mapping does.
    let mut frames: Vec<usize> = Vec::new();
    for page in left.iter().chain(&right) {
        if !frames.contains(&page.frame) {
            frames.push(page.frame);
        }
    }
    let frame_row = |f: usize| frames.iter().position(|&x| x == f).unwrap_or(0);
    let rows = left.len().max(right.len()).max(frames.len());
    let height = rows as f64 * ROW + 4.0;
    let y = |row: usize| row as f64 * ROW + ROW / 2.0 + 2.0;
    let copies: Vec<(usize, usize)> = props
        .events
        .iter()
        .filter_map(|e| match e {
            Event::PageFault {
                kind: FaultKind::CopyOnWrite { from, to, .. },
                ..
            } => Some((*from, *to)),
            _ => None,
        })
        .collect();
    let freed: Vec<usize> = props
        .events
        .iter()
        .filter_map(|e| match e {
            Event::ImageReleased { freed, .. } => Some(freed.clone()),
            _ => None,
        })
        .flatten()
        .collect();
    let table = k.frames();
    let page_row = |page: &Page, row: usize, right_side: bool| {
        let (x, anchor) = if right_side {
            (RIGHT_EDGE + 4.0, "start")
        } else {
            (LEFT_EDGE - 4.0, "end")
        };
        let (x1, x2) = if right_side {
            (RIGHT_EDGE, FRAME_X + FRAME_W)
        } else {
            (LEFT_EDGE, FRAME_X)
        };
        let line = curve(x1, y(row), x2, y(frame_row(page.frame)));
        let key = format!("{}-{}", page.pid, page.vpn);
        html! {
            <g key={key} class="map-page">
                <path class={classes!("map-line", page.cow.then_some("cow"))}
                    style={format!("d: {line}; stroke: {}", colour(page.pid))} />
                <text class="map-label" x={x.to_string()} y={(y(row) + 4.0).to_string()}
                    text-anchor={anchor}>
                    { format!("P{} {}", page.pid, page.label) }
                </text>
            </g>
        }
    };
    html! {
        <figure class="page-map" aria-label="Pages to frames">
            <figcaption>{ format!("Pages of P{pid} → frames (numbered; ×n: refcount; dashed: copy-on-write)") }</figcaption>
            <svg viewBox={format!("0 0 {WIDTH} {height}")} role="img"
                aria-label={format!("Lines from the pages of P{pid} and the processes sharing its frames to their physical frames")}>
                { for frames.iter().enumerate().map(|(row, &f)| {
                    let refcount = if f < table.len() { table.frame(f).refcount } else { 0 };
                    let copied = copies.iter().any(|&(_, to)| to == f);
                    html! {
                        <g key={format!("frame-{f}")} class={classes!("map-frame", copied.then_some("copied"))}
                            style={format!("transform: translateY({}px)", y(row) - ROW / 2.0 + 1.0)}>
                            <rect x={FRAME_X.to_string()} y="0" width={FRAME_W.to_string()} height={(ROW - 2.0).to_string()} rx="3" />
                            <text x={(FRAME_X + FRAME_W / 2.0).to_string()} y="13" text-anchor="middle">
                                { if refcount > 1 { format!("{f} ×{refcount}") } else { f.to_string() } }
                            </text>
                        </g>
                    }
                }) }
                { for left.iter().enumerate().map(|(row, page)| page_row(page, row, false)) }
                { for right.iter().enumerate().map(|(row, page)| page_row(page, row, true)) }
                { for copies.iter().filter(|(from, to)| frames.contains(from) && frames.contains(to)).map(|&(from, to)| {
                    let (a, b) = (y(frame_row(from)), y(frame_row(to)));
                    let x = FRAME_X + FRAME_W + 12.0;
                    html! {
                        <path key={format!("copy-{from}-{to}")} class="map-copy"
                            d={format!("M {} {a} C {x} {a}, {x} {b}, {} {b}", FRAME_X + FRAME_W, FRAME_X + FRAME_W)} />
                    }
                }) }
            </svg>
            if !copies.is_empty() || !freed.is_empty() {
                <p class="map-changes">
                    { for copies.iter().map(|(from, to)| html! {
                        <span>{ format!("copy-on-write: frame {from} copied to frame {to}, and the writer's line moved to it. ") }</span>
                    }) }
                    if !freed.is_empty() {
                        <span>{ format!("released this step: frame{} {}.", if freed.len() > 1 { "s" } else { "" },
                            freed.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")) }</span>
                    }
                </p>
            }
        </figure>
    }
}
