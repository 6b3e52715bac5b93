//! The machine's own guarantees, checked on C programs and the built-in scenarios (which the
//! machine's crate cannot compile itself): quiet ticks change no run, every instruction is a
//! busy tick, and the timeline steps by line, records in slices and seeks as the straight run.

use proclab_course::library::BUILTINS;
use proclab_course::runner::c_scenario;
use proclab_kernel::event::{Event, Moment};
use proclab_kernel::kernel::Kernel;
use proclab_kernel::program::{LibFn, Op};
use proclab_kernel::scenario::Settings;
use proclab_kernel::timeline::{KEYFRAME_INTERVAL, MAX_KEYFRAMES, Recorder, Timeline};

#[test]
fn skipping_the_interrupt_and_trap_phases_of_quiet_ticks_changes_no_run() {
    let timers = "#include <stdio.h>\n#include <unistd.h>\n#include <signal.h>\n\
        void on_alarm(int s) { printf(\"alarm %d\\n\", s); }\n\
        int main(void) { long n = 0; int i;\n\
          signal(SIGALRM, on_alarm);\n\
          if (fork() == 0) { sleep(2); printf(\"child woke\\n\"); return 0; }\n\
          alarm(1);\n\
          for (i = 0; i < 3000; i++) { n += i; }\n\
          printf(\"%ld\\n\", n); return 0; }\n";
    let endless = "int main(void) { long n = 0; for (;;) { n++; } }\n";
    let c = |name: &'static str, source: &str| {
        let settings = Settings {
            step_limit: 20_000,
            ..Settings::default()
        };
        (name, c_scenario(name, source, settings).unwrap())
    };
    let builtins = BUILTINS.map(|b| (b.title, (b.build)().scenario()));
    let others = [c("timers.c", timers), c("endless.c", endless)];
    for (title, scenario) in builtins.into_iter().chain(others) {
        let mut fast = Kernel::boot(&scenario).unwrap();
        let mut general = fast.clone();
        while fast.halted().is_none() {
            let tick = fast.clock();
            assert_eq!(
                fast.step(),
                general.step_every_phase(),
                "{title}: tick {tick}"
            );
            assert!(
                fast == general,
                "{title}: the machines differ after tick {}",
                fast.clock()
            );
        }
    }
}

#[test]
fn every_instruction_executed_is_a_busy_cpu_tick_in_every_builtin_run() {
    for entry in BUILTINS {
        let (title, build) = (entry.title, entry.build);
        let mut k = Kernel::boot(&build().scenario()).unwrap();
        let mut executed = 0;
        while k.halted().is_none() {
            let step = k.step();
            executed += step
                .events
                .iter()
                .filter(|e| matches!(e, Event::Execute { .. }))
                .count() as u64;
        }
        assert_eq!(k.stats().cpu_busy.iter().sum::<u64>(), executed, "{title}");
    }
}

fn timeline() -> Timeline {
    let source = "int main(void) {\n  int a = 1;\n  int b = a + 2;\n  return b;\n}\n";
    Timeline::record(&c_scenario("t.c", source, Settings::default()).unwrap()).unwrap()
}

#[test]
fn stepping_by_line_stops_after_each_line_in_turn_and_back() {
    let t = timeline();
    let mut lines = Vec::new();
    let mut n = 0;
    while n < t.len() {
        n = t.next_line_step(n);
        lines.push(t.line_of(n).map(|(_, l)| l.line));
    }
    let body: Vec<u32> = lines.iter().flatten().copied().filter(|&l| l > 1).collect();
    assert_eq!(
        body,
        [2, 3, 4],
        "each line of main's body once, in order: {lines:?}"
    );
    let after_three = (1..=t.len())
        .find(|&n| t.line_of(n).map(|(_, l)| l.line) == Some(3) && t.is_line_stop(n))
        .unwrap();
    let back = t.previous_line_step(after_three);
    assert_eq!(t.line_of(back).map(|(_, l)| l.line), Some(2));
    assert_eq!(
        t.line_of(back + 1).map(|(_, l)| l.line),
        Some(3),
        "it stops where line 3 is about to run"
    );
}

#[test]
fn stepping_back_by_line_retraces_stepping_forward_in_every_builtin() {
    for entry in BUILTINS {
        let t = Timeline::record(&(entry.build)().scenario()).expect("boots");
        let mut forward = vec![0];
        while *forward.last().unwrap() < t.len() {
            forward.push(t.next_line_step(*forward.last().unwrap()));
        }
        let mut back = vec![t.len()];
        while *back.last().unwrap() > 0 {
            back.push(t.previous_line_step(*back.last().unwrap()));
        }
        back.reverse();
        assert_eq!(forward, back, "{}", entry.title);
    }
}

#[test]
fn the_moments_index_lists_every_step_with_such_an_event_and_finds_them_both_ways() {
    for entry in BUILTINS {
        let t = Timeline::record(&(entry.build)().scenario()).expect("boots");
        for moment in Moment::ALL {
            let scanned: Vec<u32> = (1..=t.len())
                .filter(|&n| {
                    t.step(n)
                        .unwrap()
                        .events
                        .iter()
                        .any(|e| e.moment() == Some(moment))
                })
                .map(|n| n as u32)
                .collect();
            assert_eq!(t.moments(moment), scanned, "{} {moment:?}", entry.title);
            if let (Some(&first), Some(&last)) = (scanned.first(), scanned.last()) {
                assert_eq!(t.next_moment(moment, 0), Some(first as usize));
                assert_eq!(t.next_moment(moment, last as usize), None);
                assert_eq!(
                    t.previous_moment(moment, last as usize + 1),
                    Some(last as usize)
                );
                assert_eq!(t.previous_moment(moment, first as usize), None);
            }
        }
    }
}

#[test]
fn a_call_that_slept_is_carried_on_once_woken_and_says_so() {
    let t = Timeline::record(&(BUILTINS[0].build)().scenario()).expect("boots");
    let calls: Vec<(usize, bool)> = (1..=t.len())
        .flat_map(|n| {
            t.step(n)
                .unwrap()
                .events
                .iter()
                .filter_map(move |e| match e {
                    Event::Execute {
                        pid: 2,
                        op: Op::Lib(LibFn::Waitpid, _),
                        resumed,
                        ..
                    } => Some((n, *resumed)),
                    _ => None,
                })
        })
        .collect();
    assert_eq!(
        calls.iter().map(|c| c.1).collect::<Vec<_>>(),
        [false, true],
        "called once, carried on once: {calls:?}"
    );
    let reaped = t
        .step(calls[1].0)
        .unwrap()
        .events
        .iter()
        .any(|e| matches!(e, Event::Reap { pid: 3, by: 2, .. }));
    assert!(reaped, "the carried-on call reaps the child");
}

#[test]
fn recording_in_slices_gives_the_same_run_as_recording_at_once() {
    let source = "int main(void) {\n  int a = 1;\n  int b = a + 2;\n  return b;\n}\n";
    let scenario = c_scenario("t.c", source, Settings::default()).unwrap();
    let mut recorder = Recorder::new(&scenario).unwrap();
    while !recorder.advance(3) {}
    assert_eq!(recorder.finish(), timeline());
}

#[test]
fn a_recording_cut_short_has_no_halt_and_ends_where_it_stopped() {
    let source = "int main(void) {\n  for (;;) {}\n}\n";
    let scenario = c_scenario("t.c", source, Settings::default()).unwrap();
    let mut recorder = Recorder::new(&scenario).unwrap();
    assert!(!recorder.advance(100));
    assert_eq!((recorder.recorded(), recorder.step_limit()), (100, 10_000));
    let cut = recorder.finish();
    assert_eq!((cut.len(), cut.halt()), (100, None));
    let mut straight = Kernel::boot(&scenario).unwrap();
    for _ in 0..100 {
        straight.step();
    }
    assert_eq!(cut.state_at(100), straight);
}

#[test]
fn a_long_run_keeps_at_most_max_keyframes_and_seeks_still_match_the_straight_run() {
    let settings = Settings {
        step_limit: (KEYFRAME_INTERVAL * MAX_KEYFRAMES + 5_000) as u64,
        ..Settings::default()
    };
    let source = "int main(void) {\n  int i = 0;\n  for (;;) { i++; }\n}\n";
    let scenario = c_scenario("t.c", source, settings).unwrap();
    let t = Timeline::record(&scenario).unwrap();
    let storage = t.storage();
    assert!(
        storage.keyframes <= MAX_KEYFRAMES,
        "{} keyframes",
        storage.keyframes
    );
    assert_eq!(storage.keyframe_interval, 2 * KEYFRAME_INTERVAL);
    assert!(
        storage.event_chunks > 1,
        "the run's events span several chunks"
    );
    let mut replay = Kernel::boot(&scenario).unwrap();
    for n in 1..=t.len() {
        let record = replay.step();
        let view = t.step(n).unwrap();
        assert_eq!(
            (view.tick, view.events, view.execution_starts_at),
            (record.tick, &record.events[..], record.execution_starts_at),
            "step {n}"
        );
    }
    let mut straight = Kernel::boot(&scenario).unwrap();
    let mut at = 0;
    for n in [1, 127, 128, 40_000, 40_255, 65_535, 70_000] {
        while at < n {
            straight.step();
            at += 1;
        }
        assert_eq!(t.state_at(n), straight, "step {n}");
    }
}

#[test]
fn stepping_by_line_through_an_endless_loop_stops_on_every_turn() {
    let source = "int main(void) {\n  long n = 0;\n  for (;;) {\n    n++;\n  }\n}\n";
    let t = Timeline::record(&c_scenario("t.c", source, Settings::default()).unwrap()).unwrap();
    let mut lines = Vec::new();
    let mut n = 0;
    while lines.len() < 12 {
        n = t.next_line_step(n);
        lines.push(t.line_of(n).map(|(_, l)| l.line));
    }
    let body: Vec<u32> = lines
        .iter()
        .flatten()
        .copied()
        .skip_while(|&l| l != 4)
        .collect();
    assert_eq!(&body[..6], [4, 3, 4, 3, 4, 3], "{lines:?}");
}

#[test]
fn line_steps_stay_within_the_run() {
    let t = timeline();
    assert_eq!(t.next_line_step(t.len()), t.len());
    assert_eq!(t.previous_line_step(0), 0);
}

#[test]
fn no_narration_of_a_builtin_run_leaves_a_placeholder_unfilled() {
    for entry in BUILTINS {
        let t = Timeline::record(&(entry.build)().scenario()).expect("boots");
        for step in t.steps() {
            for event in step.events {
                if matches!(event, Event::Write { .. }) {
                    continue;
                }
                let sentence = event.narrate();
                let unfilled = sentence.split('{').skip(1).any(|rest| {
                    rest.split_once('}').is_some_and(|(name, _)| {
                        !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
                    })
                });
                assert!(!unfilled, "{}: {sentence}", entry.title);
            }
        }
    }
}
