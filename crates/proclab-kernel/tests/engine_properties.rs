//! Properties of the kernel over random process mixes, policies and machines: only legal
//! transitions, one process per CPU, no idle CPU while work waits, exact CPU accounting,
//! every process finished and reaped, determinism, and seeking that matches a straight run.

use proptest::prelude::*;

use proclab_kernel::event::{Event, Halt};
use proclab_kernel::kernel::{INIT_PID, Kernel};
use proclab_kernel::process::ProcState;
use proclab_kernel::program::{Op, Program};
use proclab_kernel::scenario::{ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
use proclab_kernel::scheduler::{IoDone, Policy, SchedulerConfig, SwitchOn};
use proclab_kernel::timeline::Timeline;

fn op() -> impl Strategy<Value = Vec<Op>> {
    prop_oneof![Just(vec![Op::Cpu]), Just(vec![Op::Io, Op::IoDone])]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    let process = (prop::collection::vec(op(), 1..8), 0..4i32)
        .prop_map(|(ops, priority)| (ops.into_iter().flatten().collect::<Vec<Op>>(), priority));
    (
        prop::collection::vec(process, 1..6),
        prop_oneof![
            Just(Policy::Fcfs),
            Just(Policy::RoundRobin),
            Just(Policy::Priority),
            Just(Policy::Cyclic)
        ],
        1..5u32,
        prop_oneof![Just(SwitchOn::Io), Just(SwitchOn::End)],
        prop_oneof![Just(IoDone::RunLater), Just(IoDone::RunImmediate)],
        1..4usize,
        0..6u64,
    )
        .prop_map(
            |(procs, policy, quantum, switch_on, io_done, cpus, io_latency)| Scenario {
                version: SCENARIO_VERSION,
                title: "random".to_owned(),
                settings: Settings {
                    scheduler: SchedulerConfig {
                        policy,
                        quantum,
                        switch_on,
                        io_done,
                    },
                    cpus,
                    io_latency,
                    ..Settings::default()
                },
                processes: procs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (ops, priority))| ProcessSpec {
                        name: format!("p{i}"),
                        program: Program::from_ops(ops),
                        priority,
                        args: Vec::new(),
                    })
                    .collect(),
                executables: Vec::new(),
                script: Vec::new(),
                stdin: None,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn the_kernel_keeps_its_scheduling_invariants_on_every_step(s in scenario()) {
        let mut k = Kernel::boot(&s).unwrap();
        let cpus = s.settings.cpus;
        let mut busy = 0u64;
        let mut idle = 0u64;
        while k.halted().is_none() {
            let before = k.clone();
            let record = k.step();
            // Only legal transitions: each event's source state is the state it had.
            let mut states: Vec<ProcState> = before.processes().iter().map(|p| p.state()).collect();
            for e in &record.events {
                if let Some((pid, t)) = e.transition() {
                    let slot = &mut states[(pid - 1) as usize];
                    prop_assert_eq!(*slot, t.endpoints().0, "{:?} from {:?}", t, slot);
                    *slot = t.endpoints().1;
                }
                match e {
                    Event::Execute { .. } => busy += 1,
                    Event::Idle { .. } => idle += 1,
                    _ => {}
                }
            }
            prop_assert_eq!(k.check_invariants(), Ok(()));
            let now: Vec<ProcState> = k.processes().iter().map(|p| p.state()).collect();
            prop_assert_eq!(&states, &now);
            // At most one RUNNING process per CPU, and the CPUs agree with the PCBs.
            let running = now.iter().filter(|s| **s == ProcState::Running).count();
            let occupied = k.cpus().iter().filter(|c| c.running.is_some()).count();
            prop_assert!(running <= cpus);
            prop_assert_eq!(running, occupied);
            // Work-conserving: nobody waits READY while a CPU is free, unless the CPU is
            // held for a process doing I/O (switch-on-end), by design.
            let ready = now.contains(&ProcState::Ready);
            let free = k.cpus().iter().any(|c| c.running.is_none() && c.held_for.is_none());
            if k.halted().is_none() {
                prop_assert!(!(ready && free), "a CPU idles while a process is ready");
            }
        }
        // CPU busy + idle = total ticks (on every CPU).
        prop_assert_eq!(busy + idle, k.clock() * cpus as u64);
        prop_assert_eq!(k.stats().cpu_busy.iter().sum::<u64>(), busy);
        // Every process ends TERMINATED (reaped), and every page-table frame came back.
        prop_assert_eq!(k.halted(), Some(Halt::AllDone));
        for p in k.processes().iter().filter(|p| p.pid != INIT_PID) {
            prop_assert_eq!(p.state(), ProcState::Terminated);
            prop_assert!(p.accounting.turnaround().is_some());
        }
        let init = k.process(INIT_PID).unwrap();
        let init_frames = 1 + init.memory.page_table.len();
        let in_use = s.settings.frames - k.frames().free_count();
        prop_assert_eq!(in_use, s.settings.kernel_frames + init_frames);
    }

    #[test]
    fn the_same_scenario_always_gives_the_same_event_stream(s in scenario()) {
        let a = Timeline::record(&s).unwrap();
        let b = Timeline::record(&s).unwrap();
        prop_assert!(a.steps().eq(b.steps()), "two runs of one scenario told different stories");
    }

    #[test]
    fn seeking_back_and_forth_equals_the_straight_run(s in scenario(), picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6)) {
        let timeline = Timeline::record(&s).unwrap();
        let mut straight = vec![Kernel::boot(&s).unwrap()];
        while straight.last().unwrap().halted().is_none() {
            let mut next = straight.last().unwrap().clone();
            next.step();
            straight.push(next);
        }
        prop_assert_eq!(straight.len(), timeline.len() + 1);
        for pick in picks {
            let n = pick.index(straight.len());
            prop_assert_eq!(&timeline.state_at(n), &straight[n]);
        }
        prop_assert_eq!(&timeline.state_at(0), &straight[0]);
    }
}
