//! Properties of memory and process creation over random programs that fork, exec, exit,
//! wait, load, store and move their heap: after every step each frame's refcount equals the
//! entries mapping it, no free frame is mapped, no writable private page shares a frame,
//! and when the run ends every frame but init's and the kernel's is free again.

use proptest::prelude::*;

use proclab_kernel::event::Halt;
use proclab_kernel::kernel::{INIT_PID, Kernel};
use proclab_kernel::process::ProcState;
use proclab_kernel::program::{Op, Program};
use proclab_kernel::scenario::{
    Executable, ProcessSpec, ReparentPolicy, SCENARIO_VERSION, Scenario, Settings,
};
use proclab_kernel::scheduler::{Policy, SchedulerConfig};

/// Addresses worth touching: data, bss, heap, just below the stack, text, NULL, kernel.
fn address() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(0x401000u64),
        Just(0x401100),
        Just(0x402010),
        Just(0x403000),
        Just(0x7fff_ffff_e000 - 16),
        Just(0x400000),
        Just(0),
        Just(0xffff_8000_0000_1000),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => Just(Op::Cpu),
        2 => Just(Op::Fork),
        1 => (0..4i32).prop_map(Op::Exit),
        2 => prop_oneof![Just(-1i32), 2..8i32].prop_map(Op::Wait),
        1 => prop_oneof![Just(-1i32), 2..8i32].prop_map(Op::WaitNoHang),
        3 => (address(), any::<u8>()).prop_map(|(addr, value)| Op::Poke { addr, value }),
        2 => address().prop_map(Op::PokeRax),
        2 => address().prop_map(Op::Peek),
        1 => prop_oneof![Just(4096i64), Just(-4096), Just(300)].prop_map(Op::Sbrk),
        1 => prop_oneof![Just("/bin/a"), Just("/bin/missing")].prop_map(|p| Op::Exec(p.into())),
        1 => Just(Op::Io),
    ]
}

fn program() -> impl Strategy<Value = Program> {
    prop::collection::vec(op(), 1..10).prop_map(|ops| {
        let ops = ops
            .into_iter()
            .flat_map(|op| match op {
                Op::Io => vec![Op::Io, Op::IoDone],
                other => vec![other],
            })
            .collect();
        Program {
            data: vec![1, 2, 3],
            bss: 300,
            ..Program::from_ops(ops)
        }
    })
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        prop::collection::vec(program(), 1..3),
        program(),
        prop_oneof![
            Just(Policy::Fcfs),
            Just(Policy::RoundRobin),
            Just(Policy::Priority)
        ],
        prop_oneof![Just(256u64), Just(4096)],
        20..90usize,
        3..12usize,
        prop_oneof![
            Just(ReparentPolicy::Linux),
            Just(ReparentPolicy::Local),
            Just(ReparentPolicy::OstepRoot)
        ],
    )
        .prop_map(
            |(programs, exec_target, policy, page_size, frames, max, reparent)| {
                let processes: Vec<ProcessSpec> = programs
                    .into_iter()
                    .enumerate()
                    .map(|(i, program)| ProcessSpec {
                        name: format!("p{i}"),
                        program,
                        priority: i as i32,
                        args: Vec::new(),
                    })
                    .collect();
                Scenario {
                    version: SCENARIO_VERSION,
                    title: "random".to_owned(),
                    settings: Settings {
                        scheduler: SchedulerConfig {
                            policy,
                            quantum: 2,
                            ..SchedulerConfig::default()
                        },
                        page_size,
                        frames,
                        max_processes: max.max(processes.len() + 1),
                        reparent,
                        step_limit: 20_000,
                        ..Settings::default()
                    },
                    processes,
                    executables: vec![Executable {
                        path: "/bin/a".to_owned(),
                        program: exec_target,
                    }],
                    script: Vec::new(),
                    stdin: None,
                }
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn memory_invariants_hold_after_every_step_and_everything_is_freed_at_the_end(s in scenario()) {
        let Ok(mut k) = Kernel::boot(&s) else {
            // Too few frames to load the scenario: boot refuses it with a message instead.
            return Ok(());
        };
        while k.halted().is_none() {
            k.step();
            if let Err(broken) = k.check_invariants() {
                prop_assert!(false, "tick {}: {}", k.clock(), broken);
            }
            let live = k.processes().iter().filter(|p| p.state() != ProcState::Terminated).count();
            prop_assert!(live <= s.settings.max_processes);
        }
        if k.halted() == Some(Halt::AllDone) {
            for p in k.processes().iter().filter(|p| p.pid != INIT_PID) {
                prop_assert_eq!(p.state(), ProcState::Terminated);
            }
            let init = k.process(INIT_PID).unwrap();
            let in_use = s.settings.frames - k.frames().free_count();
            prop_assert_eq!(in_use, s.settings.kernel_frames + 1 + init.memory.page_table.len());
        }
    }
}
