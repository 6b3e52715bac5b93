//! Engine benchmarks: recording a long run, and seeking anywhere in it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::event::Halt;
use proclab_kernel::program::{Op, Program};
use proclab_kernel::scenario::{ProcessSpec, SCENARIO_VERSION, Scenario, Settings};
use proclab_kernel::timeline::Timeline;

/// The system allocator, counting the bytes currently allocated so a benchmark can report
/// how much memory a structure holds.
struct Counting;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; only a counter is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller upholds alloc's contract, which we pass on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: ptr came from System.alloc with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Eight processes mixing CPU bursts and I/O, long enough to run 10,000 ticks.
fn ten_thousand_steps() -> Scenario {
    let processes = (0..8)
        .map(|i| ProcessSpec {
            name: format!("p{i}"),
            program: Program::parse_ostep("c40,i,c7,i,".repeat(30).trim_end_matches(','))
                .expect("valid"),
            priority: i % 3,
            args: Vec::new(),
        })
        .collect();
    Scenario {
        version: SCENARIO_VERSION,
        title: "bench".to_owned(),
        settings: Settings {
            step_limit: 10_000,
            ..Settings::default()
        },
        processes,
        executables: Vec::new(),
        script: Vec::new(),
        stdin: None,
    }
}

fn record(c: &mut Criterion) {
    let scenario = ten_thousand_steps();
    c.bench_function("record a 10,000-step run", |b| {
        b.iter(|| Timeline::record(black_box(&scenario)).expect("valid"))
    });
}

fn seek(c: &mut Criterion) {
    let scenario = ten_thousand_steps();
    let before = LIVE_BYTES.load(Ordering::Relaxed);
    let timeline = Timeline::record(&scenario).expect("valid");
    let held = LIVE_BYTES.load(Ordering::Relaxed) - before;
    println!(
        "memory: a 10,000-step timeline holds {:.2} MiB",
        held as f64 / (1024.0 * 1024.0)
    );
    assert_eq!(timeline.len(), 10_000);
    let worst = proclab_kernel::timeline::KEYFRAME_INTERVAL * 100 - 1;
    c.bench_function("seek to the worst step of a 10,000-step run", |b| {
        b.iter(|| timeline.state_at(black_box(worst)))
    });
    c.bench_function("seek back and forth across a 10,000-step run", |b| {
        let mut n = 0usize;
        b.iter(|| {
            n = (n + 7_919) % 10_000;
            timeline.state_at(black_box(n))
        })
    });
}

/// One process forks ten times; every process (1,024 in all) then writes one byte of its
/// data page, so each write takes a copy-on-write fault, and exits.
fn fork_tree() -> Scenario {
    let mut ops = vec![Op::Fork; 10];
    ops.push(Op::PokeRax(0x401000));
    let program = Program {
        data: vec![0; 8],
        ..Program::from_ops(ops)
    };
    Scenario {
        version: SCENARIO_VERSION,
        title: "fork tree".to_owned(),
        settings: Settings {
            frames: 4096,
            max_processes: 1100,
            step_limit: 1_000_000,
            ..Settings::default()
        },
        processes: vec![ProcessSpec {
            name: "root".to_owned(),
            program,
            priority: 0,
            args: Vec::new(),
        }],
        executables: Vec::new(),
        script: Vec::new(),
        stdin: None,
    }
}

fn fork_tree_run(c: &mut Criterion) {
    let scenario = fork_tree();
    let timeline = Timeline::record(&scenario).expect("valid");
    assert_eq!(timeline.halt(), Some(Halt::AllDone));
    assert_eq!(timeline.state_at(timeline.len()).processes().len(), 1025);
    c.bench_function(
        "fork tree of 1,024 processes, each writing a page (whole run)",
        |b| b.iter(|| Timeline::record(black_box(&scenario)).expect("valid")),
    );
}

/// A CPU-bound C loop: simulated instructions per second, natively.
fn c_loop(c: &mut Criterion) {
    let source = "#include <stdio.h>\nint main(void) { long sum = 0; int i;\n\
                  for (i = 0; i < 20000; i++) { sum += i; }\n\
                  printf(\"%ld\\n\", sum); return 0; }\n";
    let settings = Settings {
        step_limit: 10_000_000,
        ..Settings::default()
    };
    let scenario = c_scenario("loop.c", source, settings).expect("compiles");
    let mut steps = 0;
    let result = run(&scenario, |_, _| steps += 1).expect("runs");
    assert_eq!(result.text(), "199990000\n");
    let mut group = c.benchmark_group("C virtual machine");
    group.sample_size(20);
    group.throughput(Throughput::Elements(steps));
    group.bench_function("CPU-bound loop, simulated instructions", |b| {
        b.iter(|| run(black_box(&scenario), |_, _| {}).expect("runs"))
    });
    group.bench_function(
        "CPU-bound loop, recorded into a timeline as the page does",
        |b| b.iter(|| Timeline::record(black_box(&scenario)).expect("runs")),
    );
    group.finish();
}

/// The subject text's fork/exec/wait example, compiled and run to its end (the child
/// execs /bin/ls, which lists the home directory with stat).
fn subject_example(c: &mut Criterion) {
    let source = proclab_course::library::FORK_EXEC_WAIT;
    c.bench_function("compile and run the subject text's example", |b| {
        b.iter(|| {
            let scenario = c_scenario("fork_exec_wait.c", black_box(source), Settings::default())
                .expect("compiles");
            run(&scenario, |_, _| {}).expect("runs")
        })
    });
}

criterion_group!(
    benches,
    record,
    seek,
    fork_tree_run,
    c_loop,
    subject_example
);
criterion_main!(benches);
