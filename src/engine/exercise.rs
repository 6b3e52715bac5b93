//! Predict, then reveal: seeded exercises in the spirit of OSTEP's `-s` and `-c`. Each is
//! made from its kind, difficulty and seed alone (so a link reproduces it), and its answer
//! is computed by running it on this kernel, never written by hand: the process tree after
//! fork.py's actions, how many lines a forking C program prints, and which state a
//! process-run process is in after a given tick.

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg32;

use super::kernel::INIT_PID;
use super::ostep::fork;
use super::ostep::import::import;
use super::process::{Pid, ProcState};
use super::runner::{c_scenario, run};
use super::scenario::Settings;
use super::share::{ScenarioDoc, SourceFile};
use super::timeline::Timeline;

/// What an exercise asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// "Draw the process tree after these actions."
    ProcessTree,
    /// "How many lines does this program print?"
    PrintCount,
    /// "Which state is this process in after tick T?"
    StateAtTick,
}

impl Kind {
    /// Every kind, in the order the page offers them.
    pub const ALL: [Kind; 3] = [Kind::ProcessTree, Kind::PrintCount, Kind::StateAtTick];

    /// Its short name, as in a link (`#exercise=tree`).
    pub fn slug(self) -> &'static str {
        match self {
            Kind::ProcessTree => "tree",
            Kind::PrintCount => "count",
            Kind::StateAtTick => "state",
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
        }
    }
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
            assert!(shown.len() > 4, "{kind:?}: {shown:?}");
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
    fn only_the_right_answer_is_accepted() {
        let given = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let tree = Answer::Tree(vec![("b".into(), Some("a".into())), ("c".into(), None)]);
        assert!(tree.accepts(&given(&["a", "exited"])));
        assert!(!tree.accepts(&given(&["a", "b"])));
        assert!(!tree.accepts(&given(&["a"])));
        assert!(Answer::Count(4).accepts(&given(&[" 4 "])));
        assert!(!Answer::Count(4).accepts(&given(&["5"])));
        assert!(!Answer::Count(4).accepts(&given(&[])));
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
