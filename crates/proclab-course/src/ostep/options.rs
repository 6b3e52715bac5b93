//! A reader for command lines in the style of Python's optparse, which the OSTEP simulators
//! use: `-L 5`, `-L5`, `--iolength 5`, `--iolength=5`, and bundled switches such as `-cp`.

use std::fmt;

use super::python_int::PyInt;

/// One option a simulator accepts.
#[derive(Debug, Clone, Copy)]
pub struct OptionSpec {
    /// The short form's letter, as in `-L`.
    pub short: char,
    /// The long form without dashes, as in `iolength`; empty when there is none.
    pub long: &'static str,
    /// True when the option takes a value; false for a switch.
    pub takes_value: bool,
    /// The text `--help` shows.
    pub help: &'static str,
}

/// A bad command line, reported as optparse reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// The program name to show, e.g. `process-run`.
    pub program: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Usage: {0} [options]\n\n{0}: error: {1}",
            self.program, self.message
        )
    }
}

impl std::error::Error for UsageError {}

/// The options found, in command-line order, each as (short letter, value).
pub type Parsed = Vec<(char, Option<String>)>;

/// Reads `args` against `specs`. `program` names the simulator in error messages.
pub fn parse(program: &str, specs: &[OptionSpec], args: &[String]) -> Result<Parsed, UsageError> {
    let error = |message: String| UsageError {
        program: program.to_owned(),
        message,
    };
    let mut parsed = Vec::new();
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_owned())),
                None => (long, None),
            };
            let spec = specs
                .iter()
                .find(|s| !s.long.is_empty() && s.long == name)
                .ok_or_else(|| error(format!("no such option: --{name}")))?;
            let value = match (spec.takes_value, inline) {
                (true, Some(v)) => Some(v),
                (true, None) => Some(
                    rest.next()
                        .cloned()
                        .ok_or_else(|| error(format!("--{name} option requires an argument")))?,
                ),
                (false, Some(_)) => {
                    return Err(error(format!("--{name} option does not take a value")));
                }
                (false, None) => None,
            };
            parsed.push((spec.short, value));
        } else if let Some(shorts) = arg.strip_prefix('-').filter(|s| !s.is_empty()) {
            for (i, letter) in shorts.char_indices() {
                let spec = specs
                    .iter()
                    .find(|s| s.short == letter)
                    .ok_or_else(|| error(format!("no such option: -{letter}")))?;
                if spec.takes_value {
                    let attached = &shorts[i + letter.len_utf8()..];
                    let value = if attached.is_empty() {
                        rest.next().cloned().ok_or_else(|| {
                            error(format!("-{letter} option requires an argument"))
                        })?
                    } else {
                        attached.to_owned()
                    };
                    parsed.push((letter, Some(value)));
                    break;
                }
                parsed.push((letter, None));
            }
        } else {
            return Err(error(format!("unexpected argument: {arg}")));
        }
    }
    Ok(parsed)
}

/// Reads an optparse `int` option's value of any size (a seed).
pub fn big_int_value(program: &str, letter: char, value: &str) -> Result<PyInt, UsageError> {
    PyInt::optparse(value).ok_or_else(|| UsageError {
        program: program.to_owned(),
        message: format!("option -{letter}: invalid integer value: '{value}'"),
    })
}

/// Reads an optparse `int` option's value that counts something: one past an i64 is a
/// usage error here, where Python would try to make that many.
pub fn int_value(program: &str, letter: char, value: &str) -> Result<i64, UsageError> {
    big_int_value(program, letter, value)?
        .to_i64()
        .ok_or_else(|| UsageError {
            program: program.to_owned(),
            message: format!(
                "option -{letter}: {value} is more than ProcLab can count (at most {})",
                i64::MAX
            ),
        })
}

/// The `--help` text: usage and one line per option.
pub fn help(program: &str, specs: &[OptionSpec]) -> String {
    let mut out = format!(
        "Usage: {program} [options]\n\nOptions:\n  -h, --help            show this help message and exit\n"
    );
    for s in specs {
        let mut flag = format!("-{}", s.short);
        if s.takes_value {
            flag.push_str(&format!(" {}", s.long.to_uppercase()));
        }
        if !s.long.is_empty() {
            flag.push_str(&format!(", --{}", s.long));
            if s.takes_value {
                flag.push_str(&format!("={}", s.long.to_uppercase()));
            }
        }
        out.push_str(&format!("  {flag:<22}{}\n", s.help));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SPECS: &[OptionSpec] = &[
        OptionSpec {
            short: 'L',
            long: "iolength",
            takes_value: true,
            help: "",
        },
        OptionSpec {
            short: 'c',
            long: "",
            takes_value: false,
            help: "",
        },
        OptionSpec {
            short: 'p',
            long: "printstats",
            takes_value: false,
            help: "",
        },
    ];

    fn args(a: &[&str]) -> Vec<String> {
        a.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn every_optparse_spelling_of_a_value_is_read() {
        for form in [
            &["-L", "5"][..],
            &["-L5"],
            &["--iolength", "5"],
            &["--iolength=5"],
        ] {
            let p = parse("x", SPECS, &args(form)).unwrap();
            assert_eq!(p, [('L', Some("5".to_owned()))], "{form:?}");
        }
    }

    #[test]
    fn bundled_switches_are_split() {
        let p = parse("x", SPECS, &args(&["-cpL3"])).unwrap();
        assert_eq!(p, [('c', None), ('p', None), ('L', Some("3".to_owned()))]);
    }

    #[test]
    fn unknown_options_and_missing_values_are_usage_errors() {
        let e = parse("process-run", SPECS, &args(&["-z"])).unwrap_err();
        assert_eq!(
            e.to_string(),
            "Usage: process-run [options]\n\nprocess-run: error: no such option: -z"
        );
        let e = parse("x", SPECS, &args(&["-L"])).unwrap_err();
        assert_eq!(e.message, "-L option requires an argument");
    }

    #[test]
    fn a_non_integer_is_reported_like_optparse() {
        let e = int_value("x", 'L', "five").unwrap_err();
        assert_eq!(e.message, "option -L: invalid integer value: 'five'");
        assert_eq!(int_value("x", 'L', "0x10"), Ok(16));
        let e = int_value("x", 'L', "99999999999999999999").unwrap_err();
        assert!(e.message.contains("more than ProcLab can count"), "{e}");
    }
}
