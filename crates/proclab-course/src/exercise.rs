//! Predict, then reveal: seeded exercises in the spirit of OSTEP's `-s` and `-c`. Each is
//! made from its kind, difficulty and seed alone (so a link reproduces it), and its answer
//! is computed by running it on this kernel, never written by hand: the process tree after
//! fork.py's actions, how many lines a forking C program prints, and which state a
//! process-run process is in after a given tick.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use crate::ostep::fork;
use crate::ostep::import::import;
use crate::runner::{c_scenario, run};
use crate::share::{ScenarioDoc, SourceFile};
use proclab_kernel::address_space::SegmentKind;
use proclab_kernel::event::{Event, FaultKind};
use proclab_kernel::kernel::INIT_PID;
use proclab_kernel::process::{Pid, ProcState};
use proclab_kernel::scenario::Settings;
use proclab_kernel::timeline::Timeline;

/// What an exercise asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "Draw the process tree after these actions."
    ProcessTree,
    /// "How many lines does this program print?"
    PrintCount,
    /// "Which state is this process in after tick T?"
    StateAtTick,
    /// "Which of these outputs can this program print?"
    PossibleOrders,
    /// "Which pages do parent and child still share after this write?"
    SharedPages,
}

impl Kind {
    /// Every kind, in the order the page offers them.
    pub const ALL: [Kind; 5] = [
        Kind::ProcessTree,
        Kind::PrintCount,
        Kind::StateAtTick,
        Kind::PossibleOrders,
        Kind::SharedPages,
    ];

    /// Its short name, as in a link (`#exercise=tree`).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::ProcessTree => "tree",
            Kind::PrintCount => "count",
            Kind::StateAtTick => "state",
            Kind::PossibleOrders => "orders",
            Kind::SharedPages => "frames",
        }
    }

    /// The kind a link names.
    pub fn from_slug(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.slug() == slug)
    }

    /// What it asks, for a menu.
    pub fn title(self) -> &'static str {
        match self {
            Kind::ProcessTree => "the process tree after fork.py's actions",
            Kind::PrintCount => "how many lines a forking program prints",
            Kind::StateAtTick => "a process's state at a given tick",
            Kind::PossibleOrders => "the orders a program's output can come in",
            Kind::SharedPages => "the frames still shared after a write",
        }
    }
}

/// The hardest difficulty (1 is the easiest).
pub const MAX_LEVEL: u8 = 3;

/// The right answer to an exercise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// Every process the actions made, in order of creation, with its parent at the end
    /// (None: it has exited).
    Tree(Vec<(String, Option<String>)>),
    /// The number of lines printed.
    Count(usize),
    /// The process's state.
    State(ProcState),
    /// For each candidate output, whether the program can print it.
    Possible(Vec<(String, bool)>),
    /// For each region named, whether parent and child still share its frames.
    Shared(Vec<(SegmentKind, bool)>),
}

impl Answer {
    /// Whether a student's answer, one value per field, is this one: for a tree, each
    /// process's parent's name or "exited", in the tree's order; for a count, the number;
    /// for a state, its label.
    pub fn accepts(&self, given: &[String]) -> bool {
        match self {
            Answer::Tree(tree) => {
                tree.len() == given.len()
                    && tree.iter().zip(given).all(|((_, parent), g)| match parent {
                        Some(p) => g == p,
                        None => g == "exited",
                    })
            }
            Answer::Count(n) => given.first().and_then(|g| g.trim().parse().ok()) == Some(*n),
            Answer::State(state) => given.first().map(String::as_str) == Some(state.label()),
            Answer::Possible(marks) => yes_no(marks.iter().map(|(_, b)| *b), given),
            Answer::Shared(marks) => yes_no(marks.iter().map(|(_, b)| *b), given),
        }
    }

    /// The answer in words, for the reveal.
    pub fn explain(&self) -> String {
        match self {
            Answer::Tree(tree) => tree
                .iter()
                .map(|(name, parent)| match parent {
                    Some(parent) => format!("{name}'s parent is {parent}"),
                    None => format!("{name} has exited"),
                })
                .collect::<Vec<_>>()
                .join("; "),
            Answer::Count(n) => format!("{n} lines"),
            Answer::State(state) => state.label().to_owned(),
            Answer::Possible(marks) => marks
                .iter()
                .enumerate()
                .map(|(i, (_, possible))| {
                    let can = if *possible { "can" } else { "cannot" };
                    format!("output {} {can} happen", i + 1)
                })
                .collect::<Vec<_>>()
                .join("; "),
            Answer::Shared(marks) => marks
                .iter()
                .map(|(kind, shared)| {
                    let is = if *shared { "still shared" } else { "copied" };
                    format!("{} {is}", kind.label())
                })
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// Whether `given` ticks ("yes", one per mark in order; anything else or nothing is no)
/// exactly the marks that are true.
fn yes_no(marks: impl Iterator<Item = bool>, given: &[String]) -> bool {
    marks
        .enumerate()
        .all(|(i, m)| given.get(i).is_some_and(|g| g == "yes") == m)
}

/// How to animate an exercise's answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Reveal {
    /// An OSTEP command line, shown at the end of the tick given (None: at the end).
    Ostep {
        /// The command line.
        command: String,
        /// The tick to stop at.
        tick: Option<u64>,
    },
    /// A C program, shown at its end.
    Program(ScenarioDoc),
    /// A C program, shown at a given step.
    ProgramAt(ScenarioDoc, usize),
}

/// One exercise: its question, what it shows, its answer and how to reveal it.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    /// Its kind.
    pub kind: Kind,
    /// Its difficulty, 1 to [`MAX_LEVEL`].
    pub level: u8,
    /// The seed it was made from.
    pub seed: u64,
    /// The question.
    pub question: String,
    /// The program or command line the question is about.
    pub shown: String,
    /// The right answer.
    pub answer: Answer,
    /// How to animate the answer.
    pub reveal: Reveal,
}

/// The exercise of this kind, difficulty (clamped to 1 to [`MAX_LEVEL`]) and seed.
pub fn generate(kind: Kind, level: u8, seed: u64) -> Exercise {
    let level = level.clamp(1, MAX_LEVEL);
    let mut rng = Pcg32::seed_from_u64(seed ^ (u64::from(level) << 48) ^ ((kind as u64) << 56));
    let (question, shown, answer, reveal) = match kind {
        Kind::ProcessTree => process_tree(level, &mut rng),
        Kind::PrintCount => print_count(level, &mut rng),
        Kind::StateAtTick => state_at_tick(level, &mut rng),
        Kind::PossibleOrders => possible_orders(level, &mut rng),
        Kind::SharedPages => shared_pages(level, &mut rng),
    };
    Exercise {
        kind,
        level,
        seed,
        question,
        shown,
        answer,
        reveal,
    }
}

type Parts = (String, String, Answer, Reveal);

/// A number in `low..=high`.
fn between(rng: &mut Pcg32, low: u32, high: u32) -> u32 {
    low + rng.next_u32() % (high - low + 1)
}

fn process_tree(level: u8, rng: &mut Pcg32) -> Parts {
    let count = [4, 6, 9][usize::from(level - 1)];
    let seed = rng.next_u32() % 10_000;
    let args: Vec<String> = [
        "-s",
        &seed.to_string(),
        "-a",
        &count.to_string(),
        "-f",
        "0.7",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    let opts = fork::parse_args(&args).expect("the exercise's options are valid");
    let list = fork::actions(&opts).join(",");
    let command = format!("fork.py -A {list}");
    let scenario = import(&command).expect("random fork.py actions always animate");
    let timeline = Timeline::record(&scenario).expect("the scenario boots");
    let end = timeline.state_at(timeline.len());
    let name = |pid: Pid| end.process(pid).map_or("?".to_owned(), |p| p.name.clone());
    let tree = end
        .processes()
        .iter()
        .filter(|p| p.pid > INIT_PID + 1)
        .map(|p| (p.name.clone(), p.state().is_alive().then(|| name(p.ppid))))
        .collect();
    (
        "Process a runs these fork.py actions (X+Y: X forks Y; X-: X exits; an orphan goes to a, \
         the root). Afterwards, who is each process's parent, or has it exited?"
            .to_owned(),
        list.replace(',', ", "),
        Answer::Tree(tree),
        Reveal::Ostep {
            command,
            tick: None,
        },
    )
}

/// Statements a forking program is made of, by difficulty.
const FORKING: [&[&str]; 3] = [
    &["fork();"],
    &[
        "fork();",
        "for (int i = 0; i < 2; i++)\n        fork();",
        "if (fork() == 0)\n        fork();",
    ],
    &[
        "fork();",
        "fork() && fork();",
        "fork() || fork();",
        "for (int i = 0; i < 3; i++)\n        if (fork() == 0)\n            break;",
        "if (fork() > 0)\n        fork();",
    ],
];

fn print_count(level: u8, rng: &mut Pcg32) -> Parts {
    let pool = FORKING[usize::from(level - 1)];
    let statements = between(rng, 1 + u32::from(level > 1), 2 + u32::from(level > 2));
    let body: Vec<&str> = (0..statements)
        .map(|_| pool[rng.next_u32() as usize % pool.len()])
        .collect();
    let source = format!(
        "#include <stdio.h>\n#include <unistd.h>\n\nint main(void) {{\n    {}\n    printf(\"hello\\n\");\n    return 0;\n}}\n",
        body.join("\n    ")
    );
    let settings = Settings {
        step_limit: 200_000,
        ..Settings::default()
    };
    let scenario = c_scenario("count.c", &source, settings.clone()).expect("templates compile");
    let printed = run(&scenario, |_, _| {}).expect("it boots").text();
    let doc = ScenarioDoc {
        run: Default::default(),
        title: "count.c".to_owned(),
        files: vec![SourceFile {
            name: "count.c".to_owned(),
            text: source.clone(),
        }],
        settings,
        step: 0,
    };
    (
        "How many lines does this program print?".to_owned(),
        source,
        Answer::Count(printed.lines().count()),
        Reveal::Program(doc),
    )
}

fn state_at_tick(level: u8, rng: &mut Pcg32) -> Parts {
    let (processes, length, flags) = match level {
        1 => (2, 3, ""),
        2 => (2, 4, " -S SWITCH_ON_IO"),
        _ => (3, 4, " -S SWITCH_ON_IO -I IO_RUN_IMMEDIATE"),
    };
    let io_chance = [50, 40, 50][usize::from(level - 1)];
    let list: Vec<String> = (0..processes)
        .map(|_| format!("{length}:{}", between(rng, io_chance / 2, io_chance)))
        .collect();
    let seed = rng.next_u32() % 10_000;
    let command = format!("process-run.py -s {seed} -l {} -L 3{flags}", list.join(","));
    let scenario = import(&command).expect("the exercise's command line animates");
    let timeline = Timeline::record(&scenario).expect("the scenario boots");
    let last_tick = timeline.step(timeline.len()).map_or(1, |s| s.tick);
    let tick = u64::from(between(rng, 1, last_tick.max(1) as u32));
    let pid = INIT_PID + 1 + Pid::from(rng.next_u32() % processes);
    let state = timeline
        .state_at(timeline.step_at_tick(tick))
        .process(pid)
        .map_or(ProcState::Terminated, |p| p.state());
    (
        format!(
            "These processes run under process-run.py's rules (c: compute for a tick; i: start \
             an I/O of 3 ticks). In which state is proc{} (P{pid}) at the end of tick {tick}?",
            pid - INIT_PID - 1
        ),
        command.clone(),
        Answer::State(state),
        Reveal::Ostep {
            command,
            tick: Some(tick),
        },
    )
}

/// One C file as a scenario document with the default machine.
fn program_doc(name: &str, source: String) -> ScenarioDoc {
    ScenarioDoc {
        run: Default::default(),
        title: name.to_owned(),
        files: vec![SourceFile {
            name: name.to_owned(),
            text: source,
        }],
        settings: Settings {
            step_limit: 200_000,
            ..Settings::default()
        },
        step: 0,
    }
}

/// What a parent does, in order, in a possible-orders program.
enum Act {
    /// printf a line.
    Print(&'static str),
    /// fork a child that prints these lines and exits.
    Fork(&'static [&'static str]),
    /// waitpid for the n-th child forked.
    Wait(usize),
}

/// The programs of the possible-orders exercise, by difficulty.
const ORDER_PROGRAMS: [&[&[Act]]; 3] = [
    &[
        &[Act::Fork(&["child"]), Act::Print("parent")],
        &[Act::Fork(&["child"]), Act::Wait(0), Act::Print("parent")],
    ],
    &[
        &[
            Act::Print("start"),
            Act::Fork(&["child 1", "child 2"]),
            Act::Print("parent"),
        ],
        &[
            Act::Fork(&["child 1", "child 2"]),
            Act::Print("parent"),
            Act::Wait(0),
            Act::Print("done"),
        ],
    ],
    &[
        &[
            Act::Fork(&["A"]),
            Act::Fork(&["B"]),
            Act::Print("parent"),
            Act::Wait(0),
            Act::Print("done"),
        ],
        &[
            Act::Fork(&["A"]),
            Act::Wait(0),
            Act::Fork(&["B"]),
            Act::Print("parent"),
        ],
        &[
            Act::Print("start"),
            Act::Fork(&["A 1", "A 2"]),
            Act::Fork(&["B"]),
            Act::Wait(1),
            Act::Print("done"),
        ],
    ],
];

/// The C program a list of acts describes.
fn order_source(acts: &[Act]) -> String {
    let mut body = String::new();
    let mut children = 0;
    for act in acts {
        match act {
            Act::Print(line) => body.push_str(&format!("    printf(\"{line}\\n\");\n")),
            Act::Fork(lines) => {
                body.push_str(&format!(
                    "    pid_t c{children} = fork();\n    if (c{children} == 0) {{\n"
                ));
                for line in *lines {
                    body.push_str(&format!("        printf(\"{line}\\n\");\n"));
                }
                body.push_str("        exit(0);\n    }\n");
                children += 1;
            }
            Act::Wait(child) => body.push_str(&format!("    waitpid(c{child}, NULL, 0);\n")),
        }
    }
    format!(
        "#include <stdio.h>\n#include <stdlib.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\nint main(void) {{\n{body}    return 0;\n}}\n"
    )
}

/// Every order the program's lines can come out in: each line is one write to the
/// terminal (line-buffered), a process prints in program order, a child prints after what
/// its parent printed before the fork, and after waitpid the parent prints after the
/// child's last line. These are exactly the orders those rules allow.
fn possible_outputs(acts: &[Act]) -> Vec<Vec<&'static str>> {
    // Lines with the lines that must come before them.
    let mut lines: Vec<(&'static str, Vec<usize>)> = Vec::new();
    let mut before_parent: Vec<usize> = Vec::new();
    let mut last_of_child: Vec<Option<usize>> = Vec::new();
    for act in acts {
        match act {
            Act::Print(text) => {
                lines.push((text, before_parent.clone()));
                before_parent = vec![lines.len() - 1];
            }
            Act::Fork(texts) => {
                let mut prev = before_parent.clone();
                for text in *texts {
                    lines.push((text, prev));
                    prev = vec![lines.len() - 1];
                }
                last_of_child.push(prev.first().copied());
            }
            Act::Wait(child) => before_parent.extend(last_of_child[*child]),
        }
    }
    let mut orders = Vec::new();
    let mut order = Vec::new();
    let mut placed = vec![false; lines.len()];
    fn extend(
        lines: &[(&'static str, Vec<usize>)],
        placed: &mut Vec<bool>,
        order: &mut Vec<&'static str>,
        orders: &mut Vec<Vec<&'static str>>,
    ) {
        if order.len() == lines.len() {
            orders.push(order.clone());
            return;
        }
        for i in 0..lines.len() {
            if !placed[i] && lines[i].1.iter().all(|&p| placed[p]) {
                placed[i] = true;
                order.push(lines[i].0);
                extend(lines, placed, order, orders);
                order.pop();
                placed[i] = false;
            }
        }
    }
    extend(&lines, &mut placed, &mut order, &mut orders);
    orders
}

/// Every ordering of `items` (few enough to list).
fn permutations(items: &[&'static str]) -> Vec<Vec<&'static str>> {
    if items.len() <= 1 {
        return vec![items.to_vec()];
    }
    let mut all = Vec::new();
    for i in 0..items.len() {
        let mut rest = items.to_vec();
        let first = rest.remove(i);
        for mut tail in permutations(&rest) {
            tail.insert(0, first);
            all.push(tail);
        }
    }
    all
}

fn possible_orders(level: u8, rng: &mut Pcg32) -> Parts {
    let programs = ORDER_PROGRAMS[usize::from(level - 1)];
    let acts = programs[rng.next_u32() as usize % programs.len()];
    let source = order_source(acts);
    let possible = possible_outputs(acts);
    let mut lines = possible[0].clone();
    lines.sort_unstable();
    let mut all = permutations(&lines);
    // Up to four candidates, as many possible as impossible where both exist, shuffled.
    let mut pick = |from: Vec<Vec<&'static str>>, n: usize| -> Vec<Vec<&'static str>> {
        let mut from = from;
        let mut chosen = Vec::new();
        while chosen.len() < n && !from.is_empty() {
            chosen.push(from.remove(rng.next_u32() as usize % from.len()));
        }
        chosen
    };
    all.retain(|o| !possible.contains(o));
    let can = possible.len().min(4 - all.len().min(2));
    let cannot = all.len().min(4 - can);
    let mut candidates: Vec<(Vec<&'static str>, bool)> = pick(possible.clone(), can)
        .into_iter()
        .map(|o| (o, true))
        .chain(pick(all, cannot).into_iter().map(|o| (o, false)))
        .collect();
    for i in (1..candidates.len()).rev() {
        candidates.swap(i, rng.next_u32() as usize % (i + 1));
    }
    let shown = candidates
        .iter()
        .enumerate()
        .map(|(i, (o, _))| format!("output {}: {}", i + 1, o.join(" / ")))
        .collect::<Vec<_>>()
        .join("\n");
    (
        "Each line this program prints is one write to the terminal. Which of these outputs \
         can it print (lines separated by /)? Tick every one that can happen."
            .to_owned(),
        format!("{source}\n{shown}"),
        Answer::Possible(
            candidates
                .into_iter()
                .map(|(o, can)| (o.join(" / "), can))
                .collect(),
        ),
        Reveal::Program(program_doc("orders.c", source)),
    )
}

/// What the child writes in a shared-pages program, by difficulty: the statements, and
/// the regions they write.
const WRITES: [&[(&str, &[SegmentKind])]; 3] = [
    &[("counter = 2;", &[SegmentKind::Data])],
    &[
        ("counter = 2;", &[SegmentKind::Data]),
        ("*cell = 2;", &[SegmentKind::Heap]),
    ],
    &[
        (
            "counter = 2;\n        *cell = 2;",
            &[SegmentKind::Data, SegmentKind::Heap],
        ),
        ("*cell = 2;", &[SegmentKind::Heap]),
        ("counter = 2;", &[SegmentKind::Data]),
    ],
];

/// The regions the shared-pages exercise asks about.
const ASKED: [SegmentKind; 4] = [
    SegmentKind::Text,
    SegmentKind::Data,
    SegmentKind::Heap,
    SegmentKind::Stack,
];

fn shared_pages(level: u8, rng: &mut Pcg32) -> Parts {
    let writes = WRITES[usize::from(level - 1)];
    let (statement, written) = writes[rng.next_u32() as usize % writes.len()];
    let source = format!(
        "#include <stdlib.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\nint counter = 1;\n\nint main(void) {{\n    int *cell = malloc(sizeof(int));\n    *cell = 1;\n    if (fork() == 0) {{\n        {statement}\n        exit(0);\n    }}\n    wait(NULL);\n    return 0;\n}}\n"
    );
    let doc = program_doc("cow.c", source.clone());
    let timeline =
        Timeline::record(&doc.build().expect("the template compiles")).expect("the scenario boots");
    let child = INIT_PID + 2;
    // The step after the child's write to the last region it writes.
    let last = *written.last().expect("a write");
    let step = (1..=timeline.len())
        .find(|&n| {
            let before = timeline.state_at(n - 1);
            let range = before
                .process(child)
                .and_then(|p| p.memory.vma(last).map(|v| v.start..v.end));
            timeline.step(n).is_some_and(|s| {
                s.events.iter().any(|e| match e {
                    Event::PageFault {
                        pid,
                        addr,
                        kind: FaultKind::CopyOnWrite { .. } | FaultKind::CowReuse { .. },
                    } => *pid == child && range.as_ref().is_some_and(|r| r.contains(addr)),
                    _ => false,
                })
            })
        })
        .expect("the child's write faults");
    let at = timeline.state_at(step);
    let (parent, kid) = (
        at.process(INIT_PID + 1).expect("the parent"),
        at.process(child).expect("the child"),
    );
    let marks = ASKED
        .iter()
        .map(|&kind| {
            let pages = kid
                .memory
                .vma(kind)
                .map(|v| (kid.memory.vpn(v.start), kid.memory.vpn(v.end - 1) + 1))
                .unwrap_or((0, 0));
            let shared = (pages.0..pages.1).all(|vpn| {
                match (
                    kid.memory.page_table.get(vpn),
                    parent.memory.page_table.get(vpn),
                ) {
                    (Some(a), Some(b)) => a.frame == b.frame,
                    (None, None) => true,
                    _ => false,
                }
            });
            (kind, shared)
        })
        .collect();
    (
        "After fork, the child runs the write marked in its branch. Just after that write, \
         which regions do parent and child still share (every page on the same frame)? \
         Tick every one still shared."
            .to_owned(),
        source,
        Answer::Shared(marks),
        Reveal::ProgramAt(doc, step),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_kind_level_and_seed_give_the_same_exercise() {
        for kind in Kind::ALL {
            for level in 1..=MAX_LEVEL {
                assert_eq!(generate(kind, level, 7), generate(kind, level, 7));
            }
        }
    }

    #[test]
    fn seeds_give_different_exercises() {
        for kind in Kind::ALL {
            let shown: std::collections::BTreeSet<String> =
                (0..12).map(|seed| generate(kind, 2, seed).shown).collect();
            assert!(shown.len() >= 2, "{kind:?}: {shown:?}");
        }
    }

    #[test]
    fn every_print_count_template_compiles_and_its_count_is_the_programs_output() {
        for level in 1..=MAX_LEVEL {
            for seed in 0..25 {
                let e = generate(Kind::PrintCount, level, seed);
                let Answer::Count(n) = e.answer else {
                    panic!("a count")
                };
                assert!(n >= 2, "every program forks at least once: {}", e.shown);
            }
        }
        let one_fork = "#include <stdio.h>\n#include <unistd.h>\n\nint main(void) {\n    fork();\n    printf(\"hello\\n\");\n    return 0;\n}\n";
        let easy: Vec<Exercise> = (0..25).map(|s| generate(Kind::PrintCount, 1, s)).collect();
        let single = easy
            .iter()
            .find(|e| e.shown == one_fork)
            .expect("a one-fork program");
        assert_eq!(single.answer, Answer::Count(2));
    }

    #[test]
    fn a_tree_answer_names_every_process_the_actions_made() {
        for seed in 0..10 {
            let e = generate(Kind::ProcessTree, 2, seed);
            let Answer::Tree(tree) = &e.answer else {
                panic!("a tree")
            };
            let forks = e.shown.matches('+').count();
            assert_eq!(tree.len(), forks, "{}", e.shown);
            let exits = e.shown.matches('-').count();
            assert_eq!(tree.iter().filter(|(_, p)| p.is_none()).count(), exits);
        }
    }

    #[test]
    fn a_state_answer_is_the_state_the_timeline_shows_at_that_tick() {
        for seed in 0..10 {
            let e = generate(Kind::StateAtTick, 3, seed);
            let Reveal::Ostep {
                command,
                tick: Some(tick),
            } = &e.reveal
            else {
                panic!("an OSTEP reveal at a tick")
            };
            let timeline = Timeline::record(&import(command).unwrap()).unwrap();
            let at = timeline.state_at(timeline.step_at_tick(*tick));
            assert!(at.clock() <= *tick);
            assert!(matches!(e.answer, Answer::State(_)));
        }
    }

    #[test]
    fn the_possible_orders_are_the_outputs_the_kernel_prints_under_any_scheduler() {
        use proclab_kernel::scheduler::Policy;
        for programs in ORDER_PROGRAMS {
            for acts in programs {
                let source = order_source(acts);
                let possible = possible_outputs(acts);
                for (policy, quantum, cpus) in [
                    (Policy::Fcfs, 1, 1),
                    (Policy::RoundRobin, 1, 1),
                    (Policy::RoundRobin, 7, 1),
                    (Policy::RoundRobin, 3, 2),
                ] {
                    let mut settings = Settings::default();
                    settings.scheduler.policy = policy;
                    settings.scheduler.quantum = quantum;
                    settings.cpus = cpus;
                    let scenario = c_scenario("o.c", &source, settings).unwrap();
                    let text = run(&scenario, |_, _| {}).unwrap().text();
                    let printed: Vec<&str> = text.lines().collect();
                    assert!(
                        possible.contains(&printed),
                        "{printed:?} is not among {possible:?} for\n{source}"
                    );
                }
            }
        }
        let [first, ..] = ORDER_PROGRAMS[0] else {
            unreachable!()
        };
        assert_eq!(
            possible_outputs(first).len(),
            2,
            "without wait, either may print first"
        );
    }

    #[test]
    fn shared_pages_answers_follow_copy_on_write() {
        for level in 1..=MAX_LEVEL {
            for seed in 0..6 {
                let e = generate(Kind::SharedPages, level, seed);
                let Answer::Shared(marks) = &e.answer else {
                    panic!("shared marks")
                };
                let shared = |kind| marks.iter().any(|(k, s)| *k == kind && *s);
                assert!(shared(SegmentKind::Text), "text is never copied");
                assert!(
                    !shared(SegmentKind::Stack),
                    "the child's stack is its own at once"
                );
                assert_eq!(shared(SegmentKind::Data), !e.shown.contains("counter = 2"));
                assert_eq!(shared(SegmentKind::Heap), !e.shown.contains("*cell = 2"));
            }
        }
    }

    /// What a student who knows the answer types or ticks.
    fn answered(answer: &Answer) -> Vec<String> {
        let yes = |b: &bool| if *b { "yes" } else { "no" }.to_owned();
        match answer {
            Answer::Tree(tree) => tree
                .iter()
                .map(|(_, parent)| parent.clone().unwrap_or_else(|| "exited".to_owned()))
                .collect(),
            Answer::Count(n) => vec![n.to_string()],
            Answer::State(state) => vec![state.label().to_owned()],
            Answer::Possible(marks) => marks.iter().map(|(_, b)| yes(b)).collect(),
            Answer::Shared(marks) => marks.iter().map(|(_, b)| yes(b)).collect(),
        }
    }

    /// The run of a revealed C program, which must build and halt.
    fn revealed_run(doc: &ScenarioDoc) -> crate::runner::RunResult {
        let scenario = doc.build().expect("a revealed program builds");
        run(&scenario, |_, _| {}).expect("a revealed program boots")
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        /// A link may carry any level and seed: each makes an exercise whose answer, as
        /// typed back, is accepted, and whose reveal opens and shows that answer.
        #[test]
        fn any_level_and_seed_make_an_exercise_whose_reveal_shows_its_answer(
            kind in proptest::sample::select(Kind::ALL.to_vec()),
            level in proptest::prelude::any::<u8>(),
            seed in proptest::prelude::any::<u64>(),
        ) {
            let e = generate(kind, level, seed);
            proptest::prop_assert!((1..=MAX_LEVEL).contains(&e.level));
            proptest::prop_assert!(e.answer.accepts(&answered(&e.answer)), "{}", e.shown);
            match &e.reveal {
                Reveal::Ostep { command, tick } => {
                    let timeline = Timeline::record(&import(command).expect("imports"))
                        .expect("records");
                    if let Some(tick) = tick {
                        proptest::prop_assert!(timeline.step_at_tick(*tick) <= timeline.len());
                    }
                }
                Reveal::Program(doc) => {
                    let result = revealed_run(doc);
                    proptest::prop_assert!(result.halt.is_some());
                    if let Answer::Count(n) = e.answer {
                        proptest::prop_assert_eq!(result.text().lines().count(), n);
                    }
                }
                Reveal::ProgramAt(doc, step) => {
                    let timeline = Timeline::record(&doc.build().expect("builds"))
                        .expect("records");
                    proptest::prop_assert!(*step <= timeline.len(), "{}", e.shown);
                }
            }
        }
    }

    #[test]
    fn only_the_right_answer_is_accepted() {
        let given = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let tree = Answer::Tree(vec![("b".into(), Some("a".into())), ("c".into(), None)]);
        assert!(tree.accepts(&given(&["a", "exited"])));
        assert!(!tree.accepts(&given(&["a", "b"])));
        assert!(!tree.accepts(&given(&["a"])));
        assert!(Answer::Count(4).accepts(&given(&[" 4 "])));
        assert!(!Answer::Count(4).accepts(&given(&["5"])));
        assert!(!Answer::Count(4).accepts(&given(&[])));
        let marks = Answer::Shared(vec![(SegmentKind::Text, true), (SegmentKind::Stack, false)]);
        assert!(marks.accepts(&given(&["yes", "no"])));
        assert!(marks.accepts(&given(&["yes"])), "an unticked box is a no");
        assert!(!marks.accepts(&given(&["yes", "yes"])));
        assert!(!marks.accepts(&given(&[])));
        assert!(Answer::Possible(vec![("a".into(), false)]).accepts(&given(&[])));
        assert!(Answer::State(ProcState::Waiting).accepts(&given(&["WAITING"])));
        assert!(!Answer::State(ProcState::Waiting).accepts(&given(&["READY"])));
    }

    #[test]
    fn kinds_travel_in_links_by_their_slugs() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_slug(kind.slug()), Some(kind));
        }
        assert_eq!(Kind::from_slug("nope"), None);
    }
}
