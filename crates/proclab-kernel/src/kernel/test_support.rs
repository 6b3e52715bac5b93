//! Helpers for the kernel's tests: machines built from short program descriptions.

use super::*;
use crate::scenario::{Executable, ProcessSpec, SCENARIO_VERSION};
use crate::scheduler::SchedulerConfig;

/// A machine under `policy` running processes in OSTEP notation, priorities 0, 1, 2….
pub fn machine(policy: Policy, programs: &[&str]) -> Kernel {
    machine_with(policy, programs, |_| {})
}

/// Like [`machine`], with the settings adjusted first.
pub fn machine_with(policy: Policy, programs: &[&str], tweak: impl Fn(&mut Settings)) -> Kernel {
    let programs: Vec<Program> = programs
        .iter()
        .map(|p| Program::parse_ostep(p).expect("valid test program"))
        .collect();
    boot_programs(policy, programs, Vec::new(), tweak)
}

/// A machine running these programs, with these executables in its file system.
pub fn boot_programs(
    policy: Policy,
    programs: Vec<Program>,
    executables: Vec<(&str, Program)>,
    tweak: impl Fn(&mut Settings),
) -> Kernel {
    let mut settings = Settings {
        scheduler: SchedulerConfig {
            policy,
            ..SchedulerConfig::default()
        },
        ..Settings::default()
    };
    tweak(&mut settings);
    let scenario = Scenario {
        version: SCENARIO_VERSION,
        title: "test".to_owned(),
        settings,
        processes: programs
            .into_iter()
            .enumerate()
            .map(|(i, program)| ProcessSpec {
                name: format!("p{i}"),
                program,
                priority: i32::try_from(i).expect("a few processes"),
                args: Vec::new(),
            })
            .collect(),
        executables: executables
            .into_iter()
            .map(|(path, program)| Executable {
                path: path.to_owned(),
                program,
            })
            .collect(),
        script: Vec::new(),
        stdin: None,
    };
    Kernel::boot(&scenario).expect("valid test scenario")
}

/// A process's state.
pub fn state(k: &Kernel, pid: Pid) -> ProcState {
    k.process(pid).expect("exists").state()
}

/// Steps until the clock reads `tick`, checking the memory invariants after every step;
/// returns all events.
pub fn run_until(k: &mut Kernel, tick: u64) -> Vec<Event> {
    let mut all = Vec::new();
    while k.clock() < tick && k.halted().is_none() {
        all.extend(k.step().events);
        k.check_invariants().expect("memory invariants hold");
    }
    all
}

/// Steps to the end of the run, checking invariants; returns all events.
pub fn run_to_end(k: &mut Kernel) -> Vec<Event> {
    run_until(k, u64::MAX)
}
