//! Built-in scenarios and the programs of the simulated `/bin`, as plain data, shared by the
//! page and the CLI.

use crate::engine::c::compile;
use crate::engine::program::Program;
use crate::engine::scenario::{Executable, ProcessSpec, SCENARIO_VERSION, Scenario, Settings};

/// The C sources of `/bin`, by name.
pub const BIN_SOURCES: [(&str, &str); 5] = [
    ("echo", include_str!("bin/echo.c")),
    ("false", include_str!("bin/false.c")),
    ("ls", include_str!("bin/ls.c")),
    ("sleep", include_str!("bin/sleep.c")),
    ("true", include_str!("bin/true.c")),
];

/// `/bin`'s programs, compiled for pages of `page_size` bytes.
pub fn standard_bin(page_size: u64) -> Vec<Executable> {
    BIN_SOURCES
        .iter()
        .map(|(name, source)| Executable {
            path: format!("/bin/{name}"),
            program: compile(&format!("{name}.c"), source, page_size)
                .unwrap_or_else(|d| panic!("/bin/{name} must compile:\n{d}")),
        })
        .collect()
}
use crate::engine::scheduler::{Policy, SchedulerConfig};

/// The scenario the page opens with: three processes, two of them doing disk I/O, under
/// round robin, so dispatch, timer preemption, blocking, waking and exit all happen early.
pub fn default_scenario() -> Scenario {
    let process = |name: &str, code: &str, priority| ProcessSpec {
        name: name.to_owned(),
        program: Program::parse_ostep(code).expect("built-in programs are valid"),
        priority,
    };
    Scenario {
        version: SCENARIO_VERSION,
        title: "Round robin with I/O".to_owned(),
        settings: Settings {
            scheduler: SchedulerConfig {
                policy: Policy::RoundRobin,
                quantum: 3,
                ..SchedulerConfig::default()
            },
            io_latency: 4,
            ..Settings::default()
        },
        processes: vec![
            process("editor", "c2,i,c3,i,c1", 0),
            process("compiler", "c8", 0),
            process("backup", "i,c2,i,c2", 0),
        ],
        executables: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::event::Halt;
    use crate::engine::timeline::Timeline;

    #[test]
    fn every_bin_program_compiles_at_both_page_sizes() {
        assert_eq!(standard_bin(4096).len(), BIN_SOURCES.len());
        assert_eq!(standard_bin(256).len(), BIN_SOURCES.len());
    }

    #[test]
    fn the_default_scenario_runs_to_completion() {
        let t = Timeline::record(&default_scenario()).unwrap();
        assert_eq!(t.halt(), Some(Halt::AllDone));
        assert!(t.len() > 10);
    }
}
