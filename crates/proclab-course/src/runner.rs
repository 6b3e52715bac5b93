//! Running a C program from start to finish, for the CLI and the tests: compile it, boot a
//! machine with it as the first user process and `/bin`'s programs in its file system, step
//! until the run ends.

use proclab_cc::compile_program;
use proclab_cc::diagnostic::Diagnostic;
use proclab_cc::sources::{Includes, NoIncludes};
use proclab_kernel::event::Halt;
use proclab_kernel::kernel::{Kernel, StepRecord};
use proclab_kernel::program::SourceFile;
use proclab_kernel::scenario::{ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
use proclab_kernel::wait_status::Termination;

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunResult {
    /// Everything written to the terminal, as (fd, bytes), in order.
    pub output: Vec<(i32, Vec<u8>)>,
    /// How the first process ended.
    pub status: Option<Termination>,
    /// Why the run stopped.
    pub halt: Option<Halt>,
}

impl RunResult {
    /// The terminal's text, stdout and stderr interleaved as a terminal shows them.
    pub fn text(&self) -> String {
        self.output
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b))
            .collect()
    }
}

/// A scenario running one C file as its only initial process, named after the file.
pub fn c_scenario(path: &str, source: &str, settings: Settings) -> Result<Scenario, Diagnostic> {
    let file = SourceFile {
        name: path.to_owned(),
        text: source.to_owned(),
    };
    c_program_scenario(&[file], &NoIncludes, settings)
}

/// A scenario running a program of one or more C files (linked together; `#include
/// "name"` finds files through `includes`) as its only initial process, named after the
/// first file.
pub fn c_program_scenario(
    units: &[SourceFile],
    includes: &dyn Includes,
    settings: Settings,
) -> Result<Scenario, Diagnostic> {
    let program = compile_program(units, includes, settings.page_size)?;
    let path = units.first().map_or("a.out", |f| f.name.as_str());
    let name = path
        .rsplit('/')
        .next()
        .and_then(|f| f.split('.').next())
        .filter(|n| !n.is_empty())
        .unwrap_or("a.out")
        .to_owned();
    Ok(Scenario {
        version: SCENARIO_VERSION,
        title: name.clone(),
        executables: crate::library::standard_bin(settings.page_size),
        script: Vec::new(),
        stdin: None,
        settings,
        processes: vec![ProcessSpec {
            name,
            program,
            priority: 0,
            args: Vec::new(),
        }],
    })
}

/// Runs a scenario to its end; `each` sees every step and the kernel after it.
pub fn run(
    scenario: &Scenario,
    mut each: impl FnMut(&StepRecord, &Kernel),
) -> Result<RunResult, String> {
    let mut kernel = Kernel::boot(scenario).map_err(|e| e.to_string())?;
    while kernel.halted().is_none() {
        let record = kernel.step();
        each(&record, &kernel);
    }
    Ok(RunResult {
        output: kernel
            .terminal()
            .iter()
            .map(|o| (o.fd, o.bytes.clone()))
            .collect(),
        status: kernel.process(2).and_then(|p| p.termination),
        halt: kernel.halted(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_program_gets_its_path_and_arguments_as_a_shell_passes_them() {
        let source = "#include <stdio.h>\n\
            int main(int argc, char *argv[]) {\n\
            for (int i = 0; i < argc; i++) printf(\"[%s]\", argv[i]);\n\
            return argc;\n}\n";
        let mut scenario = c_scenario("args.c", source, Settings::default()).unwrap();
        scenario.processes[0].args = vec!["one".to_owned(), "two words".to_owned()];
        let result = run(&scenario, |_, _| {}).unwrap();
        assert_eq!(result.text(), "[./args][one][two words]");
        assert_eq!(result.status, Some(Termination::Exited(3)));
    }
}
