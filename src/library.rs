//! Built-in scenarios, as plain data, shared by the page and the CLI.

use crate::engine::program::Program;
use crate::engine::scenario::{ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
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
    fn the_default_scenario_runs_to_completion() {
        let t = Timeline::record(&default_scenario()).unwrap();
        assert_eq!(t.halt(), Some(Halt::AllDone));
        assert!(t.len() > 10);
    }
}
