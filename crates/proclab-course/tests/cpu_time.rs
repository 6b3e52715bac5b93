//! clock, times and getrusage on ProcLab's clock: a process's CPU ticks, and its reaped
//! children's in `tms_cutime` and RUSAGE_CHILDREN. (Against gcc's build only the relations
//! hold, in tests/programs/cpu_times.c: the machines' speeds differ.)

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::scenario::Settings;

#[test]
fn a_reaped_childs_cpu_time_is_counted_for_its_parent_and_clock_counts_the_callers() {
    let source = r#"#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>
int main(void) {
    struct tms t;
    if (fork() == 0) {
        for (int i = 0; i < 500; i++) {}
        _exit(0);
    }
    times(&t);
    printf("before the wait: %ld\n", (long) t.tms_cutime);
    wait(NULL);
    times(&t);
    struct rusage r;
    getrusage(RUSAGE_CHILDREN, &r);
    printf("after: %ld ticks, %ld us\n", (long) t.tms_cutime, r.ru_utime.tv_usec);
    printf("clock: %ld\n", (long) clock());
    return 0;
}
"#;
    let settings = Settings {
        ticks_per_second: 100_000,
        ..Settings::default()
    };
    let scenario = c_scenario("t.c", source, settings).expect("compiles");
    let out = run(&scenario, |_, _| {}).expect("boots").text();
    let number = |line: usize, word: usize| -> i64 {
        out.lines()
            .nth(line)
            .expect(&out)
            .split_whitespace()
            .nth(word)
            .expect(&out)
            .trim_end_matches(',')
            .parse()
            .expect(&out)
    };
    assert_eq!(number(0, 3), 0, "{out}");
    let (ticks, micros) = (number(1, 1), number(1, 3));
    assert!(ticks > 0 && micros > 0, "{out}");
    assert_eq!(ticks, micros / 10_000, "the same time in both units: {out}");
    assert!(number(2, 1) > 0, "{out}");
}
