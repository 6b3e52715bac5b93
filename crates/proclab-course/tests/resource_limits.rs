//! getrlimit and setrlimit as Linux answers an ordinary user (uid 1000, as ProcLab's
//! processes run): RLIMIT_NPROC counts the user's processes, zombies included, and fork
//! fails with EAGAIN at the limit; a hard limit can be lowered but not raised again; a limit
//! is inherited by fork. (The stack limit is checked against gcc's build in
//! tests/programs/rlimit_stack.c; this machine's tests run as root, which RLIMIT_NPROC
//! exempts, so these are checked here instead.)

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::scenario::Settings;

fn output_of(source: &str) -> String {
    let scenario = c_scenario("limits.c", source, Settings::default()).expect("compiles");
    run(&scenario, |_, _| {}).expect("boots").text()
}

#[test]
fn the_process_limit_counts_the_users_processes_and_zombies_and_fork_then_fails_with_eagain() {
    let out = output_of(
        r#"#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    struct rlimit r = { 3, 3 };
    setrlimit(RLIMIT_NPROC, &r);
    int made = 0;
    for (;;) {
        pid_t pid = fork();
        if (pid == 0) _exit(0);
        if (pid < 0) { printf("fork %d: %s\n", made + 1, strerror(errno)); break; }
        made++;
    }
    while (wait(NULL) > 0) {}
    printf("made %d; after reaping: %s\n", made, fork() == 0 ? "child" : "forked again");
    return 0;
}
"#,
    );
    assert!(
        out.contains("fork 3: Resource temporarily unavailable\n"),
        "{out}"
    );
    assert!(
        out.contains("made 2; after reaping: forked again\n"),
        "{out}"
    );
}

#[test]
fn a_hard_limit_is_lowered_but_never_raised_and_fork_inherits_the_limits() {
    let out = output_of(
        r#"#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    struct rlimit r;
    getrlimit(RLIMIT_NPROC, &r);
    printf("nproc: %s\n", r.rlim_cur == RLIM_INFINITY ? "unlimited" : "limited");
    r.rlim_cur = 20;
    r.rlim_max = 30;
    printf("lower: %d\n", setrlimit(RLIMIT_NPROC, &r));
    r.rlim_max = 40;
    int raised = setrlimit(RLIMIT_NPROC, &r);
    printf("raise: %d %s\n", raised, strerror(errno));
    int other = getrlimit(RLIMIT_NPROC + 100, &r);
    printf("other resource: %d %s\n", other, strerror(errno));
    if (fork() == 0) {
        getrlimit(RLIMIT_NPROC, &r);
        printf("child: %lu %lu\n", r.rlim_cur, r.rlim_max);
        return 0;
    }
    wait(NULL);
    return 0;
}
"#,
    );
    assert_eq!(
        out,
        "nproc: unlimited\nlower: 0\nraise: -1 Operation not permitted\nother resource: -1 \
         Invalid argument\nchild: 20 30\n"
    );
}

#[test]
fn the_processes_run_as_user_and_group_1000_with_one_real_and_effective_id() {
    let out = output_of(
        r#"#include <stdio.h>
#include <unistd.h>
int main(void) {
    printf("%u %u %u %u\n", getuid(), geteuid(), getgid(), getegid());
    if (fork() == 0) printf("child %u\n", getuid());
    return 0;
}
"#,
    );
    assert!(out.starts_with("1000 1000 1000 1000\n"), "{out}");
    assert!(out.contains("child 1000\n"), "{out}");
}
