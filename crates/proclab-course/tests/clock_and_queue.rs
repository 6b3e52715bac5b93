//! The machine's clock rate and its ready queue, checked on C programs: sleep and the time
//! of day count the scenario's ticks per second, an idle stretch is one step however many
//! ticks it skips, and a process woken as another exits queues behind those already ready.

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::event::Halt;
use proclab_kernel::scenario::Settings;

/// Runs a C program on a machine with these settings: what it printed and why it stopped.
fn printed(source: &str, settings: Settings) -> (String, Option<Halt>) {
    let scenario = c_scenario("clock.c", source, settings).expect("compiles");
    let result = run(&scenario, |_, _| {}).expect("boots");
    (result.text(), result.halt)
}

const ELAPSED: &str = "#include <stdio.h>\n#include <sys/time.h>\n#include <unistd.h>\n\
    double now(void) { struct timeval t; gettimeofday(&t, NULL); return t.tv_sec + t.tv_usec / 1e6; }\n\
    int main(void) { double start = now(); long n = 0;\n\
      for (int i = 0; i < 200; i++) n += i;\n\
      double computed = now() - start; sleep(2);\n\
      printf(\"%.6f %.6f %ld\\n\", computed, now() - start, n); return 0; }\n";

#[test]
fn the_time_of_day_counts_the_clock_rates_ticks() {
    let (slow, _) = printed(ELAPSED, Settings::default());
    let fast = Settings {
        ticks_per_second: 1_000_000_000,
        ..Settings::default()
    };
    let (fast, _) = printed(ELAPSED, fast);
    let seconds = |text: &str| -> Vec<f64> {
        text.split_whitespace()
            .take(2)
            .map(|w| w.parse().expect("a number"))
            .collect()
    };
    let (slow, fast) = (seconds(&slow), seconds(&fast));
    assert!(
        slow[0] > 1.0,
        "a millisecond a tick: the loop takes seconds ({slow:?})"
    );
    assert!(
        fast[0] < 0.001,
        "a nanosecond a tick: the loop takes microseconds ({fast:?})"
    );
    assert!(
        (fast[1] - 2.0).abs() < 0.001,
        "the sleep takes two seconds ({fast:?})"
    );
}

#[test]
fn a_long_sleep_is_one_step_against_the_step_limit() {
    let source = "#include <stdio.h>\n#include <unistd.h>\n\
        int main(void) { sleep(100); printf(\"awake\\n\"); return 0; }\n";
    let settings = Settings {
        step_limit: 2_000,
        ..Settings::default()
    };
    let (text, halt) = printed(source, settings);
    assert_eq!((text.as_str(), halt), ("awake\n", Some(Halt::AllDone)));
}

#[test]
fn a_process_woken_as_another_exits_waits_behind_the_ready_ones() {
    // The child b sleeps a second and exits as c's sleep (begun a moment later) ends: c is
    // ready first, so c runs before the parent, woken by b's exit, returns from wait.
    let source = "#include <stdio.h>\n#include <stdlib.h>\n#include <unistd.h>\n#include <sys/wait.h>\n\
        int main(void) {\n\
          if (fork() == 0) { sleep(1); long n = 0; for (int i = 0; i < 300; i++) n += i; printf(\"b\\n\"); exit(0); }\n\
          if (fork() == 0) { sleep(1); printf(\"c\\n\"); exit(0); }\n\
          wait(NULL); printf(\"parent\\n\"); wait(NULL); return 0; }\n";
    let mut settings = Settings {
        ticks_per_second: 1_000_000_000,
        ..Settings::default()
    };
    settings.scheduler.quantum = 4_000_000;
    let (text, _) = printed(source, settings);
    assert_eq!(text, "b\nc\nparent\n");
}
