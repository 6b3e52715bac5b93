//! Share links: a scenario as its C sources, settings and step, packed into a URL
//! fragment: a version byte, then the postcard encoding deflated, all in base64url. A link
//! needs no server, and one that is cut short, damaged, too large or from a newer ProcLab
//! is refused with a message that says which.

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::{Deserialize, Serialize};

use proclab_cc::{compile_program, defines_main};
use proclab_kernel::file_system::HOME;
use proclab_kernel::program::Program;
use proclab_kernel::scenario::{
    Executable, ProcessSpec, ReparentPolicy, SCENARIO_VERSION, Scenario, Settings,
};
use proclab_kernel::scheduler::SchedulerConfig;

/// The format of the links this ProcLab writes; it reads this one and older ones (1: no
/// command line or standard input; 1 and 2: no clock rate).
pub const LINK_VERSION: u8 = 3;
/// The longest link text accepted (characters of the fragment).
pub const MAX_LINK_CHARS: usize = 64 * 1024;
/// The most bytes a link may inflate to.
const MAX_INFLATED: usize = 256 * 1024;
/// The most C files a scenario may have.
pub const MAX_FILES: usize = 16;
/// The most steps a shared scenario may ask the page to record.
pub const MAX_SHARED_STEPS: u64 = 1_000_000;

/// One file of a scenario: a `.c` file, or a header its programs include.
pub use proclab_kernel::program::SourceFile;

/// What a user writes and shares: the files (each `.c` file that defines `main` is a
/// program, linked with the `.c` files that do not, as `gcc prog.c helpers.c` links them;
/// the first program runs as the first process, all are in the home directory, runnable by
/// name; any file can be included with `#include "name"`), the machine's settings, and
/// where to open.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioDoc {
    /// Its title.
    pub title: String,
    /// The C files.
    pub files: Vec<SourceFile>,
    /// The simulated machine.
    pub settings: Settings,
    /// The step to open at.
    pub step: u64,
    /// How the first program is started: its arguments and standard input.
    pub run: CommandLine,
}

/// How a scenario's first program is started, as a shell would: `./prog ARG... < input.txt`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandLine {
    /// The arguments after argv[0] (which is `./NAME`).
    pub args: Vec<String>,
    /// What it reads on its standard input (from the file input.txt in its home
    /// directory); None: stdin is the terminal, where a read sees end of file.
    pub stdin: Option<String>,
}

/// A link of format 1, read as it was written.
#[derive(Deserialize)]
struct ScenarioDocV1 {
    title: String,
    files: Vec<SourceFile>,
    settings: SettingsV2,
    step: u64,
}

/// A link of format 2, read as it was written.
#[derive(Deserialize)]
struct ScenarioDocV2 {
    title: String,
    files: Vec<SourceFile>,
    settings: SettingsV2,
    step: u64,
    run: CommandLine,
}

impl From<ScenarioDocV1> for ScenarioDoc {
    fn from(old: ScenarioDocV1) -> ScenarioDoc {
        ScenarioDocV2 {
            title: old.title,
            files: old.files,
            settings: old.settings,
            step: old.step,
            run: CommandLine::default(),
        }
        .into()
    }
}

impl From<ScenarioDocV2> for ScenarioDoc {
    fn from(old: ScenarioDocV2) -> ScenarioDoc {
        ScenarioDoc {
            title: old.title,
            files: old.files,
            settings: old.settings.into(),
            step: old.step,
            run: old.run,
        }
    }
}

/// The machine's settings as links of formats 1 and 2 hold them: without the clock rate,
/// which is then the default.
#[derive(Deserialize)]
#[cfg_attr(test, derive(Serialize))]
struct SettingsV2 {
    scheduler: SchedulerConfig,
    cpus: usize,
    io_latency: u64,
    frames: usize,
    kernel_frames: usize,
    page_size: u64,
    step_limit: u64,
    seed: u64,
    max_processes: usize,
    reparent: ReparentPolicy,
    stack_limit: u64,
    pipe_capacity: usize,
}

impl From<SettingsV2> for Settings {
    fn from(old: SettingsV2) -> Settings {
        Settings {
            scheduler: old.scheduler,
            cpus: old.cpus,
            io_latency: old.io_latency,
            frames: old.frames,
            kernel_frames: old.kernel_frames,
            page_size: old.page_size,
            step_limit: old.step_limit,
            seed: old.seed,
            max_processes: old.max_processes,
            reparent: old.reparent,
            stack_limit: old.stack_limit,
            pipe_capacity: old.pipe_capacity,
            ..Settings::default()
        }
    }
}

/// Why a link cannot be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Longer than [`MAX_LINK_CHARS`].
    TooLong(usize),
    /// Not base64url, or it does not inflate or decode: cut short or changed on the way.
    Damaged,
    /// Written by a newer ProcLab, in this format version.
    Newer(u8),
    /// Decoded, but asks for something this ProcLab will not do.
    Invalid(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::TooLong(n) => write!(
                f,
                "This link is too long to be a ProcLab scenario ({n} characters; at most \
                 {MAX_LINK_CHARS}). Check that it was copied whole and from ProcLab."
            ),
            LinkError::Damaged => f.write_str(
                "This link is damaged or cut short, so its scenario cannot be read. Ask for \
                 the link again, or copy all of it (chat apps sometimes cut long links).",
            ),
            LinkError::Newer(v) => write!(
                f,
                "This link was made by a newer ProcLab (link format {v}; this page reads up \
                 to {LINK_VERSION}). Open it in the newer ProcLab."
            ),
            LinkError::Invalid(why) => write!(f, "This link's scenario cannot be opened: {why}."),
        }
    }
}

impl ScenarioDoc {
    /// The link fragment for this scenario.
    pub fn encode(&self) -> String {
        let bytes = postcard::to_allocvec(self).expect("a scenario always serializes");
        let mut packed = vec![LINK_VERSION];
        packed.extend(miniz_oxide::deflate::compress_to_vec(&bytes, 9));
        URL_SAFE_NO_PAD.encode(packed)
    }

    /// Reads a link fragment back.
    pub fn decode(link: &str) -> Result<ScenarioDoc, LinkError> {
        let link = link.trim();
        if link.len() > MAX_LINK_CHARS {
            return Err(LinkError::TooLong(link.len()));
        }
        let packed = URL_SAFE_NO_PAD
            .decode(link)
            .map_err(|_| LinkError::Damaged)?;
        let (&version, deflated) = packed.split_first().ok_or(LinkError::Damaged)?;
        if version > LINK_VERSION {
            return Err(LinkError::Newer(version));
        }
        if version == 0 {
            return Err(LinkError::Damaged);
        }
        let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_INFLATED)
            .map_err(|_| LinkError::Damaged)?;
        let damaged = |_| LinkError::Damaged;
        let doc: ScenarioDoc = match version {
            1 => postcard::from_bytes::<ScenarioDocV1>(&bytes)
                .map_err(damaged)?
                .into(),
            2 => postcard::from_bytes::<ScenarioDocV2>(&bytes)
                .map_err(damaged)?
                .into(),
            _ => postcard::from_bytes(&bytes).map_err(damaged)?,
        };
        doc.check().map_err(LinkError::Invalid)?;
        Ok(doc)
    }

    /// What a shared scenario may not ask for.
    fn check(&self) -> Result<(), String> {
        if self.files.is_empty() {
            return Err("it has no program".to_owned());
        }
        if self.files.len() > MAX_FILES {
            return Err(format!(
                "it has {} files, and a scenario holds at most {MAX_FILES}",
                self.files.len()
            ));
        }
        if self.settings.step_limit > MAX_SHARED_STEPS {
            return Err(format!(
                "it asks for {} steps, and a page records at most {MAX_SHARED_STEPS}",
                self.settings.step_limit
            ));
        }
        if let Some(f) = self
            .files
            .iter()
            .find(|f| f.name.is_empty() || f.name.contains('/'))
        {
            return Err(format!("'{}' is not a file name", f.name));
        }
        Ok(())
    }

    /// Compiles each program (a `.c` file that defines `main`, linked with the `.c` files
    /// that do not), named after its file without `.c`. A compile error names the file,
    /// line and column.
    pub fn programs(&self) -> Result<Vec<(String, Program)>, String> {
        let page = self.settings.page_size;
        let mut mains = Vec::new();
        let mut linked = Vec::new();
        for f in self.files.iter().filter(|f| f.name.ends_with(".c")) {
            if defines_main(f, &self.files).map_err(|d| d.to_string())? {
                mains.push(f);
            } else {
                linked.push(f.clone());
            }
        }
        if mains.is_empty() {
            return Err(
                "no file of this scenario defines main: a program needs one, as in \
                        int main(void) { ... }"
                    .to_owned(),
            );
        }
        mains
            .into_iter()
            .map(|f| {
                let units: Vec<SourceFile> = std::iter::once(f.clone())
                    .chain(linked.iter().cloned())
                    .collect();
                let program =
                    compile_program(&units, &self.files, page).map_err(|d| d.to_string())?;
                Ok((stem(&f.name), program))
            })
            .collect()
    }

    /// Compiles the files into a runnable scenario: the first program runs as the first
    /// process; every program is also in the home directory under its name without `.c`.
    /// A compile error names the file, line and column.
    pub fn build(&self) -> Result<Scenario, String> {
        self.check()?;
        let page = self.settings.page_size;
        let mut programs = self.programs()?;
        let mut executables = crate::library::standard_bin(page);
        executables.extend(programs.iter().skip(1).map(|(name, program)| Executable {
            path: format!("{HOME}/{name}"),
            program: program.clone(),
        }));
        let (name, program) = programs.swap_remove(0);
        let scenario = Scenario {
            version: SCENARIO_VERSION,
            title: self.title.clone(),
            settings: self.settings.clone(),
            processes: vec![ProcessSpec {
                name,
                program,
                priority: 0,
                args: self.run.args.clone(),
            }],
            executables,
            script: Vec::new(),
            stdin: self.run.stdin.as_ref().map(|s| s.clone().into_bytes()),
        };
        scenario.validate().map_err(|e| e.to_string())?;
        Ok(scenario)
    }
}

/// A file's name without its extension.
fn stem(name: &str) -> String {
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() { "a.out" } else { stem }.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> ScenarioDoc {
        ScenarioDoc {
            title: "t".to_owned(),
            files: vec![SourceFile {
                name: "t.c".to_owned(),
                text: text.to_owned(),
            }],
            settings: Settings::default(),
            step: 7,
            run: CommandLine::default(),
        }
    }

    #[test]
    fn a_link_round_trips_and_builds() {
        let d = doc("int main(void) { return 3; }");
        let back = ScenarioDoc::decode(&d.encode()).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.build().unwrap().processes[0].name, "t");
    }

    #[test]
    fn the_subject_texts_example_fits_in_a_short_link() {
        let d = doc(crate::library::FORK_EXEC_WAIT);
        assert!(d.encode().len() < 1000, "{}", d.encode().len());
    }

    #[test]
    fn damaged_truncated_newer_and_oversized_links_are_refused_with_a_reason() {
        let link = doc("int main(void) { return 0; }").encode();
        assert_eq!(
            ScenarioDoc::decode(&link[..link.len() / 2]),
            Err(LinkError::Damaged)
        );
        assert_eq!(ScenarioDoc::decode("!!!"), Err(LinkError::Damaged));
        assert_eq!(ScenarioDoc::decode(""), Err(LinkError::Damaged));
        let newer = URL_SAFE_NO_PAD.encode([LINK_VERSION + 1, 1, 2, 3]);
        assert_eq!(
            ScenarioDoc::decode(&newer),
            Err(LinkError::Newer(LINK_VERSION + 1))
        );
        let long = "A".repeat(MAX_LINK_CHARS + 1);
        assert!(matches!(
            ScenarioDoc::decode(&long),
            Err(LinkError::TooLong(_))
        ));
        let mut crowded = doc("int main(void) { return 0; }");
        crowded.files = vec![crowded.files[0].clone(); MAX_FILES + 1];
        assert!(matches!(
            ScenarioDoc::decode(&crowded.encode()),
            Err(LinkError::Invalid(_))
        ));
        let mut greedy = doc("int main(void) { return 0; }");
        greedy.settings.step_limit = MAX_SHARED_STEPS + 1;
        assert!(matches!(
            ScenarioDoc::decode(&greedy.encode()),
            Err(LinkError::Invalid(_))
        ));
    }

    /// The machine's settings as formats 1 and 2 wrote them.
    fn old_settings(s: &Settings) -> SettingsV2 {
        SettingsV2 {
            scheduler: s.scheduler,
            cpus: s.cpus,
            io_latency: s.io_latency,
            frames: s.frames,
            kernel_frames: s.kernel_frames,
            page_size: s.page_size,
            step_limit: s.step_limit,
            seed: s.seed,
            max_processes: s.max_processes,
            reparent: s.reparent,
            stack_limit: s.stack_limit,
            pipe_capacity: s.pipe_capacity,
        }
    }

    /// A link of an older format, `version`, holding these bytes.
    fn old_link(version: u8, bytes: &[u8]) -> String {
        let mut packed = vec![version];
        packed.extend(miniz_oxide::deflate::compress_to_vec(bytes, 9));
        URL_SAFE_NO_PAD.encode(packed)
    }

    #[test]
    fn a_link_of_format_1_opens_without_a_command_line() {
        #[derive(Serialize)]
        struct V1<'a>(&'a str, &'a [SourceFile], SettingsV2, u64);
        let mut d = doc("int main(void) { return 0; }");
        d.settings.pipe_capacity = 512;
        let v1 = V1(&d.title, &d.files, old_settings(&d.settings), d.step);
        let back = ScenarioDoc::decode(&old_link(1, &postcard::to_allocvec(&v1).unwrap())).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn a_link_of_format_2_opens_with_the_default_clock() {
        #[derive(Serialize)]
        struct V2<'a>(&'a str, &'a [SourceFile], SettingsV2, u64, &'a CommandLine);
        let mut d = doc("int main(void) { return 0; }");
        d.run.args = vec!["x".to_owned()];
        let v2 = V2(
            &d.title,
            &d.files,
            old_settings(&d.settings),
            d.step,
            &d.run,
        );
        let back = ScenarioDoc::decode(&old_link(2, &postcard::to_allocvec(&v2).unwrap())).unwrap();
        assert_eq!(back, d);
        assert_eq!(back.settings.ticks_per_second, 1000);
        let mut fast = d.clone();
        fast.settings.ticks_per_second = 1_000_000_000;
        assert_eq!(ScenarioDoc::decode(&fast.encode()).unwrap(), fast);
    }

    #[test]
    fn the_command_line_and_standard_input_travel_in_the_link_and_reach_the_program() {
        let mut d = doc("#include <stdio.h>\n#include <unistd.h>\n\
             int main(int argc, char *argv[]) {\n  char line[32];\n\
             while (fgets(line, sizeof line, stdin)) printf(\"%s: %s\", argv[1], line);\n\
             printf(\"%d %d\\n\", argc, isatty(0));\n  return 0;\n}\n");
        d.run = CommandLine {
            args: vec!["tag".to_owned()],
            stdin: Some("one\ntwo\n".to_owned()),
        };
        let back = ScenarioDoc::decode(&d.encode()).unwrap();
        assert_eq!(back, d);
        let scenario = back.build().unwrap();
        let out = crate::runner::run(&scenario, |_, _| {}).unwrap().text();
        assert_eq!(out, "tag: one\ntag: two\n2 0\n");
    }

    #[test]
    fn a_compile_error_names_the_file_line_and_column() {
        let e = doc("int main(void) {\n  return x;\n}").build().unwrap_err();
        assert!(e.contains("t.c:2:10"), "{e}");
    }
}
