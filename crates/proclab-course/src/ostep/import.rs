//! An OSTEP homework command line, as a student pastes it, turned into a scenario to
//! animate: `process-run.py -l 5:100,5:0 -S SWITCH_ON_IO`, `fork.py -A a+b,b+c,c-` or
//! `generator.py -s 3` (its C program, run). The options go through the same parsers as
//! `proclab-cli ostep`, so one command means the same thing in the terminal and in the page.

use super::{fork, generator, process_run};
use proclab_kernel::scenario::Scenario;

/// The most characters of a command line the page takes.
pub const MAX_COMMAND_LINE: usize = 4096;

/// The simulators a command line can name, with the program names it may use.
const SIMULATORS: [(&str, &[&str]); 3] = [
    (
        "process-run.py",
        &["process-run.py", "process-run", "./process-run.py"],
    ),
    ("fork.py", &["fork.py", "fork", "./fork.py"]),
    (
        "generator.py",
        &["generator.py", "generator", "./generator.py"],
    ),
];

/// The scenario a command line describes, titled with the command itself; or what is wrong
/// with it and how to fix it.
pub fn import(command_line: &str) -> Result<Scenario, String> {
    if command_line.len() > MAX_COMMAND_LINE {
        return Err(format!(
            "this command line is {} characters long; ProcLab takes up to {MAX_COMMAND_LINE}",
            command_line.len()
        ));
    }
    let words = split_words(command_line)?;
    let mut words = words.iter().map(String::as_str).peekable();
    if words.peek().is_some_and(|w| w.starts_with("python")) {
        words.next();
    }
    let program = words.next().ok_or_else(|| {
        "type a simulator's command line, such as process-run.py -l 5:100,5:0 or fork.py -A a+b,b+c".to_owned()
    })?;
    let args: Vec<String> = words.map(str::to_owned).collect();
    let title = command_line
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let simulator = SIMULATORS
        .iter()
        .find(|(_, names)| names.contains(&program))
        .map(|(name, _)| *name)
        .ok_or_else(|| {
            format!("'{program}' is not an OSTEP simulator ProcLab knows: start with process-run.py, fork.py or generator.py")
        })?;
    let with_program = |e: &dyn std::fmt::Display| format!("{simulator}: {e}");
    if simulator == "fork.py" {
        let opts = fork::parse_args(&args).map_err(|e| with_program(&e))?;
        fork::scenario(&opts, &title).map_err(|e| with_program(&e))
    } else if simulator == "generator.py" {
        generator::scenario(&args, &title).map_err(|e| with_program(&e))
    } else {
        let opts = process_run::parse_args(&args).map_err(|e| with_program(&e))?;
        let scenario = process_run::scenario(&opts).map_err(|e| with_program(&e))?;
        Ok(Scenario { title, ..scenario })
    }
}

/// Splits a command line into words as a shell would for these simulators: at spaces,
/// with '…' and "…" quoting.
fn split_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    if let Some(q) = quote {
        return Err(format!(
            "a quote ({q}) is never closed: add the closing {q}"
        ));
    }
    words.extend(word);
    Ok(words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::event::Halt;
    use proclab_kernel::timeline::Timeline;

    #[test]
    fn a_process_run_command_line_becomes_its_scheduling_scenario() {
        let s = import("./process-run.py -l 5:100,5:0 -S SWITCH_ON_IO").unwrap();
        assert_eq!(s.title, "./process-run.py -l 5:100,5:0 -S SWITCH_ON_IO");
        assert_eq!(s.processes.len(), 2);
        let t = Timeline::record(&s).unwrap();
        assert_eq!(t.halt(), Some(Halt::AllDone));
    }

    #[test]
    fn a_fork_command_line_with_python_and_quotes_becomes_its_scripted_scenario() {
        let s = import("python3 fork.py -A 'a+b,b+c' -R").unwrap();
        assert_eq!(s.script.len(), 2);
        assert_eq!(s.title, "python3 fork.py -A 'a+b,b+c' -R");
    }

    #[test]
    fn a_generator_command_line_runs_its_c_program_as_dash_c_would() {
        let s = import("python3 generator.py -s 1").unwrap();
        assert_eq!(s.title, "python3 generator.py -s 1");
        assert_eq!(s.processes[0].name, "run");
        let t = Timeline::record(&s).unwrap();
        assert_eq!(t.halt(), Some(Halt::AllDone));
        let printed: String = t
            .state_at(t.len())
            .terminal()
            .iter()
            .map(|o| String::from_utf8_lossy(&o.bytes).into_owned())
            .collect();
        assert!(printed.starts_with("  0 a+\n  0 a->b\n"), "{printed}");
        assert!(printed.ends_with(" 11 a<-f\n"), "{printed}");
        assert!(
            import("generator.py -S 0")
                .unwrap_err()
                .starts_with("generator.py: ")
        );
    }

    #[test]
    fn a_wrong_command_line_says_what_is_wrong_and_how_to_fix_it() {
        let fails = |line: &str| import(line).unwrap_err();
        assert!(fails("").contains("such as process-run.py"));
        assert!(fails("ls -l").contains("'ls' is not an OSTEP simulator"));
        assert!(fails("fork.py -A 'a+b").contains("never closed"));
        assert!(fails("process-run.py -l x").starts_with("process-run.py: "));
        assert!(fails("fork.py -Q").starts_with("fork.py: "));
        assert!(fails(&"x".repeat(MAX_COMMAND_LINE + 1)).contains("up to 4096"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Python takes a seed of any size in any radix optparse reads: so does the import,
        /// and each simulator's scenario then runs to its end.
        #[test]
        fn any_seed_python_takes_imports_and_runs(
            seed in "[-+]?(0[xX][0-9a-f]{1,30}|0[bB][01]{1,90}|0[oO]?[0-7]{1,30}|[1-9][0-9]{0,60})",
            simulator in proptest::sample::select(vec![
                "fork.py -a 4",
                "process-run.py -l 3:50,2:50",
                "generator.py -n 3",
            ]),
        ) {
            let command = format!("{simulator} -s {seed}");
            match import(&command) {
                Ok(scenario) => {
                    let timeline = Timeline::record(&scenario).expect("records");
                    proptest::prop_assert!(timeline.halt().is_some(), "{}", command);
                }
                // optparse refuses a sign before a prefix, as here.
                Err(why) => proptest::prop_assert!(
                    why.contains("invalid integer value")
                        && seed.len() > 2
                        && matches!(&seed[1..3], "0x" | "0X" | "0b" | "0B" | "0o" | "0O"),
                    "{command}: {why}"
                ),
            }
        }
    }
}
