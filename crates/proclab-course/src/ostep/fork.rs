//! OSTEP's fork.py, driven by this engine: each `a+b` action is a real fork() by the
//! process named a, each `b-` a real exit(), and the trees printed are the kernel's own
//! process tree. The output matches fork.py's byte for byte for any `-A` action list.
//! Random action lists (`-s`, `-a`, `-f`) are drawn from Python's random, seeded as fork.py
//! seeds it, so a seed gives the original's actions.

use std::fmt::Write as _;

use super::options::{self, OptionSpec, UsageError};
use super::process_run::Outcome;
use super::python_int::PyInt;
use super::python_random::PythonRandom;
use proclab_kernel::kernel::Kernel;
use proclab_kernel::process::Pid;
use proclab_kernel::program::{Op, Program};
use proclab_kernel::scenario::{
    ProcessSpec, ReparentPolicy, SCENARIO_VERSION, Scenario, ScriptedTick, Settings,
};

const NAME: &str = "fork";

const SPECS: &[OptionSpec] = &[
    OptionSpec {
        short: 's',
        long: "seed",
        takes_value: true,
        help: "the random seed",
    },
    OptionSpec {
        short: 'f',
        long: "forks",
        takes_value: true,
        help: "percent of actions that are forks (not exits)",
    },
    OptionSpec {
        short: 'A',
        long: "action_list",
        takes_value: true,
        help: "action list, instead of randomly generated ones (format: a+b,b+c,b- means a \
               fork b, b fork c, b exit)",
    },
    OptionSpec {
        short: 'a',
        long: "actions",
        takes_value: true,
        help: "number of forks/exits to do",
    },
    OptionSpec {
        short: 't',
        long: "show_tree",
        takes_value: false,
        help: "show tree (not actions)",
    },
    OptionSpec {
        short: 'P',
        long: "print_style",
        takes_value: true,
        help: "tree print style (basic, line1, line2, fancy)",
    },
    OptionSpec {
        short: 'F',
        long: "final_only",
        takes_value: false,
        help: "just show final state",
    },
    OptionSpec {
        short: 'L',
        long: "leaf_only",
        takes_value: false,
        help: "only leaf processes exit",
    },
    OptionSpec {
        short: 'R',
        long: "local_reparent",
        takes_value: false,
        help: "reparent to local parent",
    },
    OptionSpec {
        short: 'c',
        long: "compute",
        takes_value: false,
        help: "compute answers for me",
    },
];

/// The most actions a random list may have, and the most processes a tree may reach.
const MAX_ACTIONS: i64 = 10_000;

/// fork.py's settings, read from its flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// `-s`: seeds the random action list. -1 leaves fork.py's generator unseeded (its
    /// actions then differ at every run); ProcLab, whose runs reproduce, uses seed 0.
    pub seed: PyInt,
    /// `-f`: the chance that a random action is a fork.
    pub fork_percentage: f64,
    /// `-A`: the actions, e.g. `a+b,b+c,c-`.
    pub action_list: String,
    /// `-a`: how many random actions.
    pub actions: i64,
    /// `-t`: show trees and ask for the actions.
    pub show_tree: bool,
    /// `-P`: basic, line1, line2 or fancy.
    pub print_style: String,
    /// `-F`: only the final tree.
    pub just_final: bool,
    /// `-L`: only processes without children may exit.
    pub leaf_only: bool,
    /// `-R`: orphans go to their grandparent instead of the root.
    pub local_reparent: bool,
    /// `-c`: show the answers.
    pub solve: bool,
}

/// Runs fork.py with these command-line arguments (without the program name).
pub fn main(args: &[String]) -> Outcome {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Outcome::Print(options::help(NAME, SPECS));
    }
    let opts = match parse_args(args) {
        Ok(o) => o,
        Err(e) => return Outcome::Fail(e.to_string(), 2),
    };
    if opts.fork_percentage <= 0.001 {
        return Outcome::Fail("fork_percentage must be > 0.001".to_owned(), 1);
    }
    let Some(chars) = style_chars(&opts.print_style) else {
        return Outcome::Fail(format!("bad style {}", opts.print_style), 1);
    };
    let mut out = arg_lines(&opts);
    match Forker::new(&opts, chars).and_then(|mut f| f.run(&opts, &mut out)) {
        Ok(()) => Outcome::Print(out),
        Err(message) => Outcome::Fail(message, 1),
    }
}

/// Reads fork.py's flags.
pub fn parse_args(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options {
        seed: PyInt::from(-1),
        fork_percentage: 0.7,
        action_list: String::new(),
        actions: 5,
        show_tree: false,
        print_style: "fancy".to_owned(),
        just_final: false,
        leaf_only: false,
        local_reparent: false,
        solve: false,
    };
    for (letter, value) in options::parse(NAME, SPECS, args)? {
        let value = value.unwrap_or_default();
        match letter {
            's' => o.seed = options::big_int_value(NAME, 's', &value)?,
            'f' => {
                o.fork_percentage = value.trim().parse().map_err(|_| UsageError {
                    program: NAME.to_owned(),
                    message: format!("option -f: invalid floating-point value: '{value}'"),
                })?
            }
            'A' => o.action_list = value,
            'a' => {
                o.actions = options::int_value(NAME, 'a', &value)?;
                if o.actions > MAX_ACTIONS {
                    return Err(UsageError {
                        program: NAME.to_owned(),
                        message: format!("option -a: at most {MAX_ACTIONS} actions"),
                    });
                }
            }
            't' => o.show_tree = true,
            'P' => o.print_style = value,
            'F' => o.just_final = true,
            'L' => o.leaf_only = true,
            'R' => o.local_reparent = true,
            'c' => o.solve = true,
            _ => unreachable!("options::parse only returns letters from SPECS"),
        }
    }
    Ok(o)
}

/// Python's `str()` of a bool.
fn py_bool(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

/// Python's `str()` of a float, for ordinary magnitudes.
fn py_float(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn arg_lines(o: &Options) -> String {
    format!(
        "\nARG seed {}\nARG fork_percentage {}\nARG actions {}\nARG action_list {}\nARG show_tree {}\nARG just_final {}\nARG leaf_only {}\nARG local_reparent {}\nARG print_style {}\nARG solve {}\n\n",
        o.seed,
        py_float(o.fork_percentage),
        o.actions,
        o.action_list,
        py_bool(o.show_tree),
        py_bool(o.just_final),
        py_bool(o.leaf_only),
        py_bool(o.local_reparent),
        o.print_style,
        py_bool(o.solve)
    )
}

/// Vertical, horizontal, tee and corner characters of a line style; None for basic.
type Chars = Option<[&'static str; 4]>;

fn style_chars(style: &str) -> Option<Chars> {
    match style {
        "basic" => Some(None),
        "line1" => Some(Some(["|", "-", "+", "|"])),
        "line2" => Some(Some(["|", "_", "|", "|"])),
        "fancy" => Some(Some(["\u{2502}", "\u{2500}", "\u{251c}", "\u{2514}"])),
        _ => None,
    }
}

/// The kernel, plus the letters fork.py names processes by.
struct Forker {
    kernel: Kernel,
    names: Vec<(String, Pid)>,
    root: Pid,
    chars: Chars,
    /// The machine it booted, and the ticks its actions took: together, a scripted
    /// scenario that replays them.
    booted: Scenario,
    script: Vec<ScriptedTick>,
}

impl Forker {
    fn new(opts: &Options, chars: Chars) -> Result<Self, String> {
        let actions = if opts.action_list.is_empty() {
            opts.actions.max(0) as usize
        } else {
            opts.action_list.split(',').count()
        };
        let settings = Settings {
            reparent: if opts.local_reparent {
                ReparentPolicy::Local
            } else {
                ReparentPolicy::OstepRoot
            },
            max_processes: actions + 2,
            frames: 16 + 2 * (actions + 2),
            step_limit: u64::MAX,
            ..Settings::default()
        };
        let scenario = Scenario {
            version: SCENARIO_VERSION,
            title: "OSTEP fork".to_owned(),
            settings,
            processes: vec![ProcessSpec {
                name: "a".to_owned(),
                program: Program::default(),
                priority: 0,
                args: Vec::new(),
            }],
            executables: Vec::new(),
            script: Vec::new(),
            stdin: None,
        };
        let kernel = Kernel::boot(&scenario).map_err(|e| e.to_string())?;
        let root = kernel.processes()[1].pid;
        Ok(Forker {
            kernel,
            names: vec![("a".to_owned(), root)],
            root,
            chars,
            booted: scenario,
            script: Vec::new(),
        })
    }

    fn pid(&self, name: &str) -> Option<Pid> {
        self.names
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| *p)
            .filter(|&p| self.alive(p))
    }

    fn name(&self, pid: Pid) -> &str {
        self.names
            .iter()
            .find(|(_, p)| *p == pid)
            .map_or("?", |(n, _)| n.as_str())
    }

    fn alive(&self, pid: Pid) -> bool {
        self.kernel
            .process(pid)
            .is_some_and(|p| p.state().is_alive())
    }

    /// Living children, in the kernel's order.
    fn children(&self, pid: Pid) -> Vec<Pid> {
        self.kernel
            .process(pid)
            .map(|p| {
                p.children
                    .iter()
                    .copied()
                    .filter(|&c| self.alive(c))
                    .collect()
            })
            .unwrap_or_default()
    }

    fn run(&mut self, opts: &Options, out: &mut String) -> Result<(), String> {
        out.push_str("                           Process Tree:\n");
        self.print_tree(out);
        out.push('\n');
        for action in actions(opts) {
            let text = self.act(&action, opts.leaf_only)?;
            if opts.show_tree {
                if opts.solve {
                    let _ = writeln!(out, "Action: {text}");
                } else {
                    out.push_str("Action?\n");
                }
                if !opts.just_final {
                    self.print_tree(out);
                }
            } else {
                let _ = writeln!(out, "Action: {text}");
                if !opts.just_final {
                    if opts.solve {
                        self.print_tree(out);
                    } else {
                        out.push_str("Process Tree?\n");
                    }
                }
            }
        }
        if opts.just_final {
            if opts.show_tree || opts.solve {
                out.push_str("\n                        Final Process Tree:\n");
                self.print_tree(out);
                out.push('\n');
            } else {
                out.push_str("\n                        Final Process Tree?\n\n");
            }
        }
        Ok(())
    }

    /// Carries out one action through the kernel; returns fork.py's description of it.
    fn act(&mut self, action: &str, leaf_only: bool) -> Result<String, String> {
        let bad =
            || format!("bad action ({action}), must be X+Y or X- where X and Y are processes");
        if action.contains('+') {
            let parts: Vec<&str> = action.split('+').collect();
            let [parent, child] = parts[..] else {
                return Err(bad());
            };
            let pid = self.pid(parent).ok_or_else(bad)?;
            if child.is_empty() || self.names.iter().any(|(n, _)| n == child) {
                return Err(format!("{}: process {child} already exists", bad()));
            }
            let record = self.kernel.run_now(pid, &Op::Fork)?;
            self.script.push(ScriptedTick {
                pid,
                op: Op::Fork,
                child_name: Some(child.to_owned()),
            });
            let forked = record.events.iter().find_map(|e| match e {
                proclab_kernel::event::Event::Fork { child, .. } => Some(*child),
                _ => None,
            });
            let new = forked.ok_or_else(|| format!("{parent} could not fork {child}"))?;
            self.names.push((child.to_owned(), new));
            Ok(format!("{parent} forks {child}"))
        } else if action.contains('-') {
            let parts: Vec<&str> = action.split('-').collect();
            let [name, ""] = parts[..] else {
                return Err(bad());
            };
            let pid = self.pid(name).ok_or_else(bad)?;
            if pid == self.root {
                return Err(format!(
                    "bad action ({action}): the root process {name} cannot exit"
                ));
            }
            if leaf_only && !self.children(pid).is_empty() {
                return Ok(format!("{name} EXITS (failed: has children)"));
            }
            self.kernel.run_now(pid, &Op::Exit(0))?;
            self.script.push(ScriptedTick {
                pid,
                op: Op::Exit(0),
                child_name: None,
            });
            Ok(format!("{name} EXITS"))
        } else {
            Err(bad())
        }
    }

    fn print_tree(&self, out: &mut String) {
        let mut pmask = Vec::new();
        self.walk(self.root, 0, &mut pmask, false, out);
    }

    /// fork.py's tree walk: `pmask[i]` says whether level i still draws a vertical line.
    fn walk(&self, pid: Pid, level: usize, pmask: &mut Vec<bool>, is_last: bool, out: &mut String) {
        out.push_str("                               ");
        let Some(chars) = self.chars else {
            out.push_str(&"   ".repeat(level));
            let _ = writeln!(out, "{:>2}", self.name(pid));
            for child in self.children(pid) {
                self.walk(child, level + 1, &mut Vec::new(), false, out);
            }
            return;
        };
        let [vertical, horizontal, tee, corner] = chars;
        if level > 0 {
            for &on in &pmask[..level - 1] {
                out.push_str(if on { vertical } else { " " });
                out.push_str("   ");
            }
            if pmask[level - 1] {
                out.push_str(if is_last { corner } else { tee });
                out.push_str(horizontal);
                out.push_str(horizontal);
                out.push(' ');
            } else {
                let _ = write!(out, " {horizontal}{horizontal}{horizontal} ");
            }
        }
        out.push_str(self.name(pid));
        out.push('\n');
        if is_last {
            pmask[level - 1] = false;
        }
        if pmask.len() <= level {
            pmask.resize(level + 1, false);
        }
        pmask[level] = true;
        let children = self.children(pid);
        let count = children.len();
        for (i, child) in children.into_iter().enumerate() {
            self.walk(child, level + 1, pmask, i + 1 == count, out);
        }
    }
}

/// fork.py's random action list, drawn from this engine's seeded generator.
/// The actions to carry out: the `-A` list, or the random one `-s` and `-a` give.
pub fn actions(opts: &Options) -> Vec<String> {
    if opts.action_list.is_empty() {
        random_actions(opts)
    } else {
        opts.action_list.split(',').map(str::to_owned).collect()
    }
}

/// The scenario that animates these options' actions, titled `title`: the root process
/// `a`, then one tick per action, each a real fork (the child named by its letter) or exit
/// by the process that fork.py names; the run ends with the last action.
pub fn scenario(opts: &Options, title: &str) -> Result<Scenario, String> {
    if opts.fork_percentage <= 0.001 {
        return Err("fork_percentage must be > 0.001".to_owned());
    }
    let mut forker = Forker::new(opts, None)?;
    for action in actions(opts) {
        forker.act(&action, opts.leaf_only)?;
    }
    if forker.script.is_empty() {
        return Err(
            "there is nothing to animate: give actions with -A (such as -A a+b,b+c) \
                    or a number of random ones with -a"
                .to_owned(),
        );
    }
    Ok(Scenario {
        title: title.to_owned(),
        script: forker.script,
        stdin: None,
        ..forker.booted
    })
}

fn random_actions(opts: &Options) -> Vec<String> {
    let mut rng = PythonRandom::for_script_seed(&opts.seed);
    let mut live = vec!["a".to_owned()];
    let mut names = Names::default();
    let mut actions = Vec::new();
    while (actions.len() as i64) < opts.actions {
        if rng.random() < opts.fork_percentage {
            let parent = live[rng.choice(live.len())].clone();
            let child = names.next();
            actions.push(format!("{parent}+{child}"));
            live.push(child);
        } else {
            let i = rng.choice(live.len());
            if i == 0 {
                continue;
            }
            actions.push(format!("{}-", live.remove(i)));
        }
    }
    actions
}

/// fork.py's process names: b, c, … Z, then aa, ab, ….
#[derive(Default)]
struct Names {
    issued: usize,
}

impl Names {
    fn next(&mut self) -> String {
        const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        self.issued += 1;
        let mut n = self.issued;
        if n < LETTERS.len() {
            return (LETTERS[n] as char).to_string();
        }
        n -= LETTERS.len();
        let mut len = 2;
        let mut block = LETTERS.len().pow(2);
        while n >= block {
            n -= block;
            len += 1;
            block *= LETTERS.len();
        }
        let mut name = vec![0u8; len];
        for slot in name.iter_mut().rev() {
            *slot = LETTERS[n % LETTERS.len()];
            n /= LETTERS.len();
        }
        String::from_utf8(name).expect("ASCII letters")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::event::Halt;
    use proclab_kernel::timeline::Timeline;

    fn options(args: &[&str]) -> Options {
        parse_args(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>()).unwrap()
    }

    /// Living processes at the end as (name, parent's name), init left out.
    fn final_tree(scenario: &Scenario) -> Vec<(String, String)> {
        let timeline = Timeline::record(scenario).unwrap();
        assert_eq!(timeline.halt(), Some(Halt::ScriptDone));
        let end = timeline.state_at(timeline.len());
        let name = |pid| end.process(pid).map_or("?".to_owned(), |p| p.name.clone());
        end.processes()
            .iter()
            .filter(|p| p.pid != 1 && p.state().is_alive())
            .map(|p| (p.name.clone(), name(p.ppid)))
            .collect()
    }

    #[test]
    fn an_action_list_animates_as_one_tick_per_action_ending_with_fork_pys_final_tree() {
        let opts = options(&["-A", "a+b,b+c,c+d,c-,a+e"]);
        let scenario = scenario(&opts, "fork.py -A a+b,b+c,c+d,c-,a+e").unwrap();
        assert_eq!(scenario.script.len(), 5);
        let pairs = |v: &[(&str, &str)]| -> Vec<(String, String)> {
            v.iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        // c exits: its child d is an orphan, re-parented to the root as fork.py does.
        assert_eq!(
            final_tree(&scenario),
            pairs(&[("a", "init"), ("b", "a"), ("d", "a"), ("e", "a")])
        );
        let local = options(&["-A", "a+b,b+c,c+d,c-", "-R"]);
        assert_eq!(
            final_tree(&scenario_of(&local)),
            pairs(&[("a", "init"), ("b", "a"), ("d", "b")])
        );
    }

    #[test]
    fn each_action_is_a_tick_of_cpu_time_for_the_process_that_acts() {
        let scenario = scenario_of(&options(&["-A", "a+b,b+c,a+d,b-"]));
        let timeline = proclab_kernel::timeline::Timeline::record(&scenario).unwrap();
        let end = timeline.state_at(timeline.len());
        let cpu = |name: &str| {
            let p = end.processes().iter().find(|p| p.name == name).unwrap();
            (p.accounting.cpu_ticks, p.accounting.first_run_at.is_some())
        };
        assert_eq!(
            (cpu("a"), cpu("b"), cpu("c")),
            ((2, true), (2, true), (0, false))
        );
        assert_eq!(end.stats().cpu_busy.iter().sum::<u64>(), 4);
    }

    fn scenario_of(opts: &Options) -> Scenario {
        scenario(opts, "t").unwrap()
    }

    #[test]
    fn random_actions_animate_too_and_bad_lists_are_explained() {
        let random = scenario_of(&options(&["-s", "3", "-a", "6"]));
        assert_eq!(random.script.len(), 6);
        final_tree(&random);
        let bad = scenario(&options(&["-A", "a+b,x-"]), "t").unwrap_err();
        assert!(bad.contains("bad action (x-)"), "{bad}");
        let nothing = scenario(&options(&["-a", "0"]), "t").unwrap_err();
        assert!(nothing.contains("nothing to animate"), "{nothing}");
    }

    #[test]
    fn names_run_b_to_capital_z_then_two_letters() {
        let mut n = Names::default();
        let first: Vec<String> = (0..3).map(|_| n.next()).collect();
        assert_eq!(first, ["b", "c", "d"]);
        let mut n = Names { issued: 50 };
        assert_eq!(n.next(), "Z");
        assert_eq!(n.next(), "aa");
        assert_eq!(n.next(), "ab");
    }

    #[test]
    fn python_prints_whole_floats_with_a_decimal_point() {
        assert_eq!(py_float(100.0), "100.0");
        assert_eq!(py_float(0.7), "0.7");
    }

    #[test]
    fn the_root_cannot_exit_and_unknown_processes_cannot_act() {
        let args = |a: &str| ["-A", a, "-c"].map(String::from);
        assert!(matches!(main(&args("a-")), Outcome::Fail(m, 1) if m.contains("cannot exit")));
        assert!(
            matches!(main(&args("z+b")), Outcome::Fail(m, 1) if m.starts_with("bad action (z+b)"))
        );
        assert!(matches!(main(&args("a+b,b+c,b-,c-")), Outcome::Print(_)));
    }

    #[test]
    fn random_action_lists_are_reproducible_from_the_seed() {
        let args = ["-s", "7", "-a", "12", "-c"].map(String::from);
        assert_eq!(main(&args), main(&args));
    }
}
