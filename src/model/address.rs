//! The page's address: its fragment (`#scenario=fork-exec-wait&step=12&present=1`) read
//! into what to open, at which step, in which mode and with which exercise, and written
//! back as the place changes.

use proclab_course::exercise::{Kind, MAX_LEVEL};

/// An exercise the page has open: its kind, level and seed.
pub type ExerciseId = (Kind, u8, u64);

/// The value of `key` in a fragment (`#key=value&...`), as written.
pub fn fragment_value<'a>(fragment: &'a str, key: &str) -> Option<&'a str> {
    fragment
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix(key)?.strip_prefix('='))
}

/// What a fragment asks the page to open, most specific first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opening {
    /// A shared scenario's link (`#s=LINK`).
    Link(String),
    /// An OSTEP homework command line (`#ostep=COMMAND`, percent-encoded).
    Ostep(String),
    /// A built-in by its name or old number (`#scenario=NAME`).
    Builtin(String),
    /// Nothing: the user's autosaved work, else the first built-in.
    Default,
}

impl Opening {
    /// Reads what `fragment` asks to open.
    pub fn from_fragment(fragment: &str) -> Opening {
        let value = |key| fragment_value(fragment, key).map(str::to_owned);
        if let Some(link) = value("s") {
            Opening::Link(link)
        } else if let Some(command) = value("ostep") {
            Opening::Ostep(decode_component(&command).unwrap_or(command))
        } else if let Some(name) = value("scenario") {
            Opening::Builtin(name)
        } else {
            Opening::Default
        }
    }
}

/// The step a fragment asks for (`&step=N`), if it asks for one.
pub fn step(fragment: &str) -> Option<usize> {
    fragment_value(fragment, "step")?.parse().ok()
}

/// The exercise a fragment names (`&exercise=KIND&level=L&seed=N`), if it names one.
pub fn exercise(fragment: &str) -> Option<ExerciseId> {
    let kind = Kind::from_slug(fragment_value(fragment, "exercise")?)?;
    let number = |key| fragment_value(fragment, key).and_then(|v| v.parse().ok());
    let level = number("level").map_or(1, |l: u64| l.min(u64::from(MAX_LEVEL)) as u8);
    Some((kind, level.max(1), number("seed").unwrap_or(0)))
}

/// The fragment's suffix that keeps an open exercise.
pub fn exercise_suffix(exercise: Option<ExerciseId>) -> String {
    exercise.map_or(String::new(), |(kind, level, seed)| {
        format!("&exercise={}&level={level}&seed={seed}", kind.slug())
    })
}

/// How the page is laid out: `&embed=1` shows only the simulator and its controls (for an
/// iframe in a course page), `&present=1` is presenter mode (large type, high contrast, no
/// editor).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Mode {
    /// Embedded in another page.
    pub embed: bool,
    /// Presenter mode.
    pub present: bool,
}

impl Mode {
    /// The mode a fragment asks for.
    pub fn from_fragment(fragment: &str) -> Self {
        let on = |key| fragment_value(fragment, key) == Some("1");
        Mode {
            embed: on("embed"),
            present: on("present"),
        }
    }

    /// The fragment's suffix that keeps this mode.
    pub fn suffix(self) -> &'static str {
        match (self.embed, self.present) {
            (true, _) => "&embed=1",
            (false, true) => "&present=1",
            (false, false) => "",
        }
    }
}

/// Percent-encodes `text` as JavaScript's `encodeURIComponent` does: every byte of its
/// UTF-8 but letters, digits and `-_.!~*'()`.
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; None when an escape is malformed or the bytes are not UTF-8 (as
/// `decodeURIComponent` throws).
pub fn decode_component(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_value_is_found_by_its_whole_key() {
        let f = "#scenario=zombie&step=12&s2=x";
        assert_eq!(fragment_value(f, "scenario"), Some("zombie"));
        assert_eq!(fragment_value(f, "step"), Some("12"));
        assert_eq!(fragment_value(f, "s"), None);
        assert_eq!(step(f), Some(12));
        assert_eq!(step("#step=x"), None);
    }

    #[test]
    fn a_link_wins_over_an_ostep_command_and_a_builtin() {
        assert_eq!(
            Opening::from_fragment("#scenario=3&s=abc"),
            Opening::Link("abc".into())
        );
        assert_eq!(
            Opening::from_fragment("#scenario=zombie&ostep=fork.py%20-s%203"),
            Opening::Ostep("fork.py -s 3".into())
        );
        assert_eq!(
            Opening::from_fragment("#scenario=zombie"),
            Opening::Builtin("zombie".into())
        );
        assert_eq!(Opening::from_fragment(""), Opening::Default);
    }

    #[test]
    fn percent_encoding_round_trips_as_javascript_does() {
        let command = "process-run.py -l 5:100,5:0 -S SWITCH_ON_IO é";
        let encoded = encode_component(command);
        assert_eq!(
            encoded,
            "process-run.py%20-l%205%3A100%2C5%3A0%20-S%20SWITCH_ON_IO%20%C3%A9"
        );
        assert_eq!(decode_component(&encoded).as_deref(), Some(command));
        assert_eq!(decode_component("%E"), None);
        assert_eq!(decode_component("%ZZ"), None);
        assert_eq!(decode_component("%FF"), None);
    }

    #[test]
    fn exercises_and_modes_read_back_what_they_write() {
        let id = (Kind::ALL[1], 2, 77);
        let suffix = exercise_suffix(Some(id));
        assert_eq!(exercise(&suffix), Some(id));
        assert_eq!(exercise("#exercise=nope"), None);
        assert_eq!(
            exercise(&format!("#exercise={}&level=99", Kind::ALL[0].slug())),
            Some((Kind::ALL[0], MAX_LEVEL, 0))
        );
        for mode in [
            Mode::default(),
            Mode {
                embed: false,
                present: true,
            },
        ] {
            assert_eq!(Mode::from_fragment(mode.suffix()), mode);
        }
    }
}
