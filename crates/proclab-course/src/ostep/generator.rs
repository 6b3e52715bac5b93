//! OSTEP's generator.py (the cpu-api homework): a random (or `-A`-described) tree of
//! processes that fork, sleep, wait and exit, written as two C programs: a readable one
//! (`read.c`, which it prints) and a runnable one (`run.c`, which prints a timeline as it
//! runs). The same flags, the same random draws (Python's, seeded as generator.py seeds
//! it) and the same text, byte for byte.

use super::options::{self, OptionSpec, UsageError};
use super::process_run::Outcome;
use super::python_int::PyInt;
use super::python_random::PythonRandom;
use crate::runner;
use crate::share::MAX_SHARED_STEPS;
use proclab_kernel::scenario::{Scenario, Settings};

const NAME: &str = "generator";

const SPECS: &[OptionSpec] = &[
    spec('s', "seed", "random seed"),
    spec(
        'r',
        "readable",
        "file to read (e.g., \"read\", to produce read.c)",
    ),
    spec(
        'R',
        "runnable",
        "file to run (e.g., \"run\", to produce run.c)",
    ),
    spec('n', "num_actions", "num actions"),
    spec('f', "fork_chance", "chances that a program will fork"),
    spec('w', "wait_chance", "chances that a program will wait"),
    spec('e', "exit_chance", "chances that a program will exit"),
    spec('S', "sleep_time", "max sleep time for a process"),
    spec(
        'A',
        "action_list",
        "action list, instead of randomly generated ones (simple example: \"fork b,10 {} \
         wait\" is a program that runs a process (called a) which then forks process b which \
         runs for 10 seconds, and then a waits for b to complete; see README for details",
    ),
    OptionSpec {
        short: 'c',
        long: "compute",
        takes_value: false,
        help: "compute answers for me",
    },
];

/// An option that takes a value.
const fn spec(short: char, long: &'static str, help: &'static str) -> OptionSpec {
    OptionSpec {
        short,
        long,
        takes_value: true,
        help,
    }
}

/// The most actions a random program may have (generator.py runs out of process names
/// first when most of them fork).
const MAX_ACTIONS: i64 = 10_000;

/// generator.py's settings, read from its flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// `-s`: seeds the random program (-1: unseeded in generator.py; seed 0 here).
    pub seed: PyInt,
    /// `-r`: the readable program's file name, without `.c`.
    pub readable: String,
    /// `-R`: the runnable program's file name, without `.c`.
    pub runnable: String,
    /// `-n`: how many actions a random program has.
    pub num_actions: i64,
    /// `-f`, `-w`, `-e`: the percent chances of a fork, a wait and an exit.
    pub chances: [i64; 3],
    /// `-S`: the longest a forked process sleeps, in seconds.
    pub max_sleep_time: i64,
    /// `-A`: the program, instead of a random one (`none` for random).
    pub action_list: String,
    /// `-c`: run the runnable program to show what it prints.
    pub solve: bool,
}

/// What a generator run makes: the two C files (name and text) and what it prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// `read.c` (or `-r`'s name): the program with its processes' structure.
    pub readable: (String, String),
    /// `run.c` (or `-R`'s name): the same program printing a timeline as it runs.
    pub runnable: (String, String),
    /// What generator.py prints without `-c`: the readable program.
    pub printed: String,
}

/// Runs generator.py with these arguments (without the program name): what it prints.
pub fn main(args: &[String]) -> Outcome {
    match run(args) {
        Ok(generated) => Outcome::Print(generated.printed),
        Err(outcome) => outcome,
    }
}

/// Runs generator.py with these arguments: the files it makes and what it prints, or how
/// it stops (its message, as generator.py prints it, and exit status).
pub fn run(args: &[String]) -> Result<Generated, Outcome> {
    if args.iter().any(|a| a == "-h" || a == "--help") {
        return Err(Outcome::Print(options::help(NAME, SPECS)));
    }
    let opts = parse_args(args).map_err(|e| Outcome::Fail(e.to_string(), 2))?;
    let fail = |message: String| Outcome::Fail(message, 1);
    let (readable, runnable) = programs(&opts)?;
    let printed = if opts.solve {
        let scenario = runnable_scenario(&opts.runnable, &runnable).map_err(fail)?;
        runner::run(&scenario, |_, _| {}).map_err(fail)?.text()
    } else {
        format!("{readable}\n")
    };
    Ok(Generated {
        printed,
        readable: (format!("{}.c", opts.readable), readable),
        runnable: (format!("{}.c", opts.runnable), runnable),
    })
}

/// The clock `-c` runs the runnable program on: a tick is a nanosecond, so its instructions
/// take about the time a real CPU takes (microseconds) and only its sleeps move the
/// seconds it prints, as on Linux.
pub const RUNNABLE_TICKS_PER_SECOND: u64 = 1_000_000_000;

/// The time slice `-c` runs the runnable program with: 4 ms of its nanosecond ticks.
const RUNNABLE_QUANTUM: u32 = 4_000_000;

/// The readable and the runnable program generator.py writes for these settings (after
/// checking them as it does).
fn programs(opts: &Options) -> Result<(String, String), Outcome> {
    let fail = |message: String| Outcome::Fail(message, 1);
    check(opts).map_err(fail)?;
    let actions = if opts.action_list == "none" {
        random_actions(opts)?
    } else {
        parse_program(&opts.action_list).map_err(fail)?
    };
    Ok((readable(&actions), runnable(&actions).map_err(fail)?))
}

/// The runnable program (`NAME.c`) as a scenario on the clock `-c` runs it on: what `-c`
/// runs to its end where generator.py builds it with gcc and runs it on Linux.
fn runnable_scenario(name: &str, source: &str) -> Result<Scenario, String> {
    let mut settings = Settings {
        ticks_per_second: RUNNABLE_TICKS_PER_SECOND,
        step_limit: 100_000_000,
        ..Settings::default()
    };
    // A Linux time slice (4 ms, CONFIG_HZ=250): a process that wakes prints its lines
    // before another takes the CPU, as on Linux, rather than three instructions at a time.
    settings.scheduler.quantum = RUNNABLE_QUANTUM;
    runner::c_scenario(&format!("{name}.c"), source, settings).map_err(|d| d.to_string())
}

/// The scenario the page animates for a generator.py command line (its arguments after
/// the program's name): the runnable program it writes, titled with the command, so the
/// class sees the tree grow as `-c` would print it.
pub fn scenario(args: &[String], title: &str) -> Result<Scenario, String> {
    let opts = parse_args(args).map_err(|e| e.to_string())?;
    let (_, runnable) = programs(&opts).map_err(|outcome| match outcome {
        Outcome::Fail(message, _) | Outcome::Print(message) => message,
    })?;
    let mut scenario = runnable_scenario(&opts.runnable, &runnable)?;
    scenario.settings.step_limit = MAX_SHARED_STEPS;
    scenario.title = title.to_owned();
    Ok(scenario)
}

/// Reads generator.py's flags.
pub fn parse_args(args: &[String]) -> Result<Options, UsageError> {
    let mut o = Options {
        seed: PyInt::from(-1),
        readable: "read".to_owned(),
        runnable: "run".to_owned(),
        num_actions: 10,
        chances: [30, 40, 30],
        max_sleep_time: 10,
        action_list: "none".to_owned(),
        solve: false,
    };
    for (letter, value) in options::parse(NAME, SPECS, args)? {
        let value = value.unwrap_or_default();
        let int = || options::int_value(NAME, letter, &value);
        match letter {
            's' => o.seed = options::big_int_value(NAME, 's', &value)?,
            'r' => o.readable = value,
            'R' => o.runnable = value,
            'n' => o.num_actions = int()?.min(MAX_ACTIONS),
            'f' => o.chances[0] = int()?,
            'w' => o.chances[1] = int()?,
            'e' => o.chances[2] = int()?,
            'S' => o.max_sleep_time = int()?,
            'A' => o.action_list = value,
            'c' => o.solve = true,
            _ => unreachable!("options::parse only returns letters from SPECS"),
        }
    }
    Ok(o)
}

/// generator.py's checks of its settings, in its order.
fn check(opts: &Options) -> Result<(), String> {
    if opts.max_sleep_time < 1 {
        return Err("max sleep time must be >= 1".to_owned());
    }
    for (chance, what) in opts.chances.iter().zip(["fork", "wait", "exit"]) {
        if !(1..=99).contains(chance) {
            return Err(format!("{what} chance must be between 1 and 99"));
        }
    }
    Ok(())
}

/// One step of a generated program.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Action {
    /// Fork a child with this name, which first sleeps this long (as written).
    Fork(String, String),
    /// Wait for a child.
    Wait,
    /// The current process exits.
    Exit,
}

/// generator.py's ProgramGenerator: random forks (each child sleeping 1 to `-S` seconds),
/// waits for children not yet waited for, and exits that first wait for them all.
fn random_actions(opts: &Options) -> Result<Vec<Action>, Outcome> {
    let [fork, wait, exit] = opts.chances;
    let total = fork + wait + exit;
    if total != 100 {
        return Err(Outcome::Fail(
            format!("fork/wait/exit chance must sum to 100, but sums to {total}"),
            1,
        ));
    }
    let mut rng = PythonRandom::for_script_seed(&opts.seed);
    let (fork_chance, wait_chance) = (fork as f64 / 100.0, (fork + wait) as f64 / 100.0);
    let mut g = ProgramGenerator::default();
    let mut n = 0;
    while n < opts.num_actions {
        let r = rng.random();
        if r < fork_chance {
            let sleep = rng.randint(1, opts.max_sleep_time);
            g.fork(sleep)?;
            n += 1;
        } else if r < wait_chance {
            if g.need_wait[g.level] > 0 {
                g.wait();
                n += 1;
            }
        } else if g.level > 0 {
            n += g.clean_up();
            g.level -= 1;
        }
    }
    loop {
        g.clean_up();
        if g.level == 0 {
            return Ok(g.actions);
        }
        g.level -= 1;
    }
}

/// The state of generator.py's ProgramGenerator.
struct ProgramGenerator {
    actions: Vec<Action>,
    /// How deep in forks the current process is (`a` is 0).
    level: usize,
    /// Per level, the children forked and not yet waited for.
    need_wait: Vec<i64>,
    /// The next process name's index in a…zA…Z.
    name_index: usize,
}

impl Default for ProgramGenerator {
    fn default() -> Self {
        ProgramGenerator {
            actions: Vec::new(),
            level: 0,
            need_wait: vec![0],
            name_index: 1,
        }
    }
}

impl ProgramGenerator {
    /// A fork of the next named child that sleeps `sleep` seconds; it becomes current.
    fn fork(&mut self, sleep: i64) -> Result<(), Outcome> {
        const NAMES: &[u8] = b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
        let Some(&name) = NAMES.get(self.name_index) else {
            return Err(Outcome::Fail(
                "program generator: out of names (too many processes)".to_owned(),
                1,
            ));
        };
        self.name_index += 1;
        self.actions.push(Action::Fork(
            char::from(name).to_string(),
            sleep.to_string(),
        ));
        self.need_wait[self.level] += 1;
        self.level += 1;
        self.need_wait.truncate(self.level);
        self.need_wait.push(0);
        Ok(())
    }

    fn wait(&mut self) {
        self.actions.push(Action::Wait);
        self.need_wait[self.level] -= 1;
    }

    /// The current process waits for every child it has not waited for, then exits (the
    /// root does not exit): the actions it took, plus one.
    fn clean_up(&mut self) -> i64 {
        let n = self.need_wait[self.level];
        self.actions
            .extend(std::iter::repeat_n(Action::Wait, n.max(0) as usize));
        if self.level > 0 {
            self.actions.push(Action::Exit);
        }
        n + 1
    }
}

/// generator.py's Parser: `-A` programs such as `fork b,10 { wait } wait`, with its error
/// messages.
fn parse_program(program: &str) -> Result<Vec<Action>, String> {
    let bad = |message: &str| format!("bad program: [{program}]\n{message}");
    let spaced = collapse_commas(program)
        .replace('{', " { ")
        .replace('}', " } ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut actions = Vec::new();
    let mut wait_count = vec![0i64];
    let mut braces = 0;
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "fork" => {
                *wait_count.last_mut().expect("a level") += 1;
                wait_count.push(0);
                if tokens.len() < i + 2 {
                    return Err(bad(
                        "malformed program: fork needs process name,sleep length plus {description} of what the forked process should do",
                    ));
                }
                let args: Vec<&str> = tokens[i + 1].split(',').collect();
                let [name, sleep] = args[..] else {
                    return Err(bad("not enough args to fork (process name, sleep time)"));
                };
                if tokens.get(i + 2) != Some(&"{") {
                    return Err(bad("must have {} following fork"));
                }
                actions.push(Action::Fork(name.to_owned(), sleep.to_owned()));
                i += 2;
                braces += 1;
            }
            "}" => {
                if wait_count.len() == 1 {
                    return Err(bad("extra close brace"));
                }
                actions.push(Action::Exit);
                if wait_count.pop() != Some(0) {
                    return Err(bad("#waits does not match #forks"));
                }
                braces -= 1;
            }
            "wait" => {
                *wait_count.last_mut().expect("a level") -= 1;
                actions.push(Action::Wait);
            }
            other => return Err(bad(&format!("unrecognized token {other}"))),
        }
        i += 1;
    }
    if wait_count[0] != 0 {
        return Err(bad("#waits does not match #forks"));
    }
    if braces != 0 {
        return Err(bad("unbalanced braces"));
    }
    Ok(actions)
}

/// The program with the white space around each comma removed, as generator.py's parser
/// first does.
fn collapse_commas(program: &str) -> String {
    let mut out = String::with_capacity(program.len());
    for (i, piece) in program.split(',').enumerate() {
        if i == 0 {
            out.push_str(piece);
        } else {
            out.truncate(out.trim_end().len());
            out.push(',');
            out.push_str(piece.trim_start());
        }
    }
    out
}

/// The includes and helpers both programs start with.
const BOILERPLATE: &str = "#include <assert.h>\n#include <stdio.h>\n#include <stdlib.h>\n\
#include <string.h>\n#include <sys/time.h>\n#include <sys/wait.h>\n#include <unistd.h>\n\n\
void wait_or_die() {\n    int rc = wait(NULL);\n    assert(rc > 0);\n}\n\n\
int fork_or_die() {\n    int rc = fork();\n    assert(rc >= 0);\n    return rc;\n}\n\n";

/// What the runnable program adds: its clock, the names of its children, and the helpers
/// that print each event with the second it happened.
const RUNNABLE_BOILERPLATE: &str = r#"#define Time_GetSeconds() ({ struct timeval t; int rc = gettimeofday(&t, NULL); assert(rc == 0); (double) t.tv_sec + (double) t.tv_usec/1e6; })

double t_start;

struct pid_map {
    int pid;
    char name[10];
    struct pid_map *next;
};

struct pid_map *head = NULL;

void Space(char c) {
    int i;
    for (i = 0; i < 5 * (c - 'a'); i++) {
        printf(" "); 
    }
}

char *Lookup(int pid) {
    struct pid_map *curr = head;
    while (curr) {
        if (curr->pid == pid) 
	           return(curr->name);
	       curr = curr->next;
    }
    return NULL;
}

void Record(int pid, char *m) {
    struct pid_map *n = malloc(sizeof(struct pid_map));
    assert(n);
    n->pid = pid;
    strcpy(n->name, m);
    n->next = head;
    head = n;
}

void Wait(char *m) {
    int rc = wait(NULL);
    assert(rc > 0);
    double t = Time_GetSeconds() - t_start;
    printf("%3d ", (int)t);
    Space(m[0]);
    char *n = Lookup(rc);
    assert(n != NULL);
    printf("%s<-%s\n", m, n);
}

void Sleep(int s, char *m) {
    sleep(s);
    double t = Time_GetSeconds() - t_start;
    printf("%3d %s\n", (int)t, m);
}

void Fork(char *p, char *c) {
    double t = Time_GetSeconds() - t_start;
    printf("%3d ", (int)t);
    Space(p[0]);
    printf("%s->%s\n", p, c);
}

void __Begin(char *m) {
    double t = Time_GetSeconds() - t_start;
    printf("%3d ", (int)t);
    Space(m[0]);
    printf("%s+\n", m);
}

void __End(char *m) {
    double t = Time_GetSeconds() - t_start;
    printf("%3d ", (int)t);
    Space(m[0]);
    printf("%s-\n", m);
}

#define Begin(m) { __Begin(m); }
#define End(m)   { __End(m); exit(0); }

"#;

/// The end of `main`.
const FINI: &str = "    return 0;\n}\n\n";

/// The readable program: each process's forks, sleeps, waits and exit as plain C.
fn readable(actions: &[Action]) -> String {
    let mut out = format!("{BOILERPLATE}int main(int argc, char *argv[]) {{\n");
    let mut level = 1;
    let tab = |level: usize| "    ".repeat(level);
    out.push_str(&format!("{}// process a\n", tab(level)));
    for action in actions {
        match action {
            Action::Fork(name, sleep) => {
                out.push_str(&format!("{}if (fork_or_die() == 0) {{\n", tab(level)));
                level += 1;
                out.push_str(&format!("{}sleep({sleep});\n", tab(level)));
                out.push_str(&format!("{}// process {name}\n", tab(level)));
            }
            Action::Exit => {
                out.push_str(&format!("{}exit(0);\n", tab(level)));
                level = level.saturating_sub(1);
                out.push_str(&format!("{}}}\n", tab(level)));
            }
            Action::Wait => out.push_str(&format!("{}wait_or_die();\n", tab(level))),
        }
    }
    out.push_str(FINI);
    out
}

/// The runnable program: the same structure, printing each fork, wait, sleep and exit with
/// the second it happened; or generator.py's error for a process that exits before
/// waiting for all its children.
fn runnable(actions: &[Action]) -> Result<String, String> {
    let mut out = format!(
        "{BOILERPLATE}{RUNNABLE_BOILERPLATE}int main(int argc, char *argv[]) {{\n    int rc;\n    \
         t_start = Time_GetSeconds();\n"
    );
    let tab = |level: usize| "    ".repeat(level);
    // Each process on the path from `a`, with the children it has not waited for.
    let mut stack: Vec<(String, Vec<String>)> = vec![("a".to_owned(), Vec::new())];
    out.push_str(&format!("{}Begin(\"a\");\n", tab(1)));
    for action in actions {
        let level = stack.len();
        let current = stack
            .last()
            .map(|(name, _)| name.clone())
            .unwrap_or_default();
        match action {
            Action::Fork(name, sleep) => {
                if let Some((_, children)) = stack.last_mut() {
                    children.push(name.clone());
                }
                out.push_str(&format!("{}Fork(\"{current}\", \"{name}\");\n", tab(level)));
                out.push_str(&format!(
                    "{}if ((rc = fork_or_die()) == 0) {{\n",
                    tab(level)
                ));
                out.push_str(&format!("{}sleep({sleep});\n", tab(level + 1)));
                out.push_str(&format!("{}Begin(\"{name}\");\n", tab(level + 1)));
                stack.push((name.clone(), Vec::new()));
            }
            Action::Exit => {
                let (name, children) = stack.pop().unwrap_or_default();
                if !children.is_empty() {
                    let list = children
                        .iter()
                        .map(|c| format!("'{c}'"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    return Err(format!(
                        "error: thread cannot exit without performing all needed waits\n  \
                         thread {name} has outstanding children: [{list}]"
                    ));
                }
                out.push_str(&format!("{}End(\"{name}\");\n", tab(level)));
                out.push_str(&format!("{}}}\n", tab(level - 1)));
                out.push_str(&format!("{}Record(rc, \"{name}\");\n", tab(level - 1)));
            }
            Action::Wait => {
                if let Some((_, children)) = stack.last_mut()
                    && !children.is_empty()
                {
                    children.remove(0);
                }
                out.push_str(&format!("{}Wait(\"{current}\");\n", tab(level)));
            }
        }
    }
    out.push_str(FINI);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Arguments split at spaces, except a `-A` program, which is one argument.
    fn args(line: &str) -> Vec<String> {
        match line.split_once("-A ") {
            Some((before, program)) => before
                .split_whitespace()
                .map(str::to_owned)
                .chain(["-A".to_owned(), program.to_owned()])
                .collect(),
            None => line.split_whitespace().map(str::to_owned).collect(),
        }
    }

    #[test]
    fn a_described_program_is_written_with_its_forks_sleeps_and_waits() {
        let generated = run(&args("-A fork b,10 {} wait")).expect("a valid program");
        let read = &generated.readable.1;
        assert!(read.contains(
            "    if (fork_or_die() == 0) {\n        sleep(10);\n        // process b\n        \
             exit(0);\n    }\n    wait_or_die();\n"
        ));
        assert_eq!(generated.printed, format!("{read}\n"));
        assert!(generated.runnable.1.contains("Record(rc, \"b\");"));
    }

    #[test]
    fn bad_programs_and_settings_stop_with_generator_pys_messages() {
        let fails = |line: &str| match run(&args(line)) {
            Err(Outcome::Fail(message, code)) => (message, code),
            other => panic!("{line}: {other:?}"),
        };
        assert_eq!(
            fails("-A fork b,10 {"),
            (
                "bad program: [fork b,10 {]\n#waits does not match #forks".to_owned(),
                1
            )
        );
        assert_eq!(
            fails("-A fork b,10 { fork c,3 {} }").0,
            "bad program: [fork b,10 { fork c,3 {} }]\n#waits does not match #forks"
        );
        assert_eq!(fails("-S 0").0, "max sleep time must be >= 1");
        assert_eq!(
            fails("-f 50 -w 40 -e 30").0,
            "fork/wait/exit chance must sum to 100, but sums to 120"
        );
        assert_eq!(
            fails("-A fork b,10 {} wait }").0,
            "bad program: [fork b,10 {} wait }]\nextra close brace"
        );
        assert_eq!(fails("-x").1, 2);
    }

    #[test]
    fn compute_runs_the_runnable_program_and_prints_its_timeline() {
        let generated = run(&args("-c -A fork b,2 { fork c,1 {} wait } wait")).expect("valid");
        assert_eq!(
            generated.printed,
            "  0 a+\n  0 a->b\n  2      b+\n  2      b->c\n  3           c+\n  3           \
             c-\n  3      b<-c\n  3      b-\n  3 a<-b\n"
        );
    }

    #[test]
    fn commas_lose_the_space_around_them() {
        assert_eq!(collapse_commas("fork b , 10 {}"), "fork b,10 {}");
        assert_eq!(collapse_commas("a,b"), "a,b");
    }
}
