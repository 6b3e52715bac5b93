//! Properties of pipes and signals over random workloads, run as C programs on the
//! simulated kernel: bytes written to a pipe come out in order, exactly once, and records
//! that fit in the pipe never interleave; a signal is never delivered twice for one send,
//! and standard signals sent while one is pending merge into it.

use proptest::prelude::*;

mod common;

use proclab_kernel::event::Event;
use proclab_kernel::scenario::Settings;
use proclab_kernel::scheduler::{Policy, SchedulerConfig};

/// A machine with a given pipe size, round-robin quantum and CPU count.
fn machine(pipe_capacity: usize, quantum: u32, cpus: usize) -> Settings {
    Settings {
        pipe_capacity,
        cpus,
        step_limit: 400_000,
        scheduler: SchedulerConfig {
            policy: Policy::RoundRobin,
            quantum,
            ..SchedulerConfig::default()
        },
        ..Settings::default()
    }
}

/// Two writers each send `count` records of `size` bytes (their id, then a sequence
/// number, then filler) with write() calls of the given sizes; the reader reads with
/// `read_size` and checks every byte.
fn pipe_program(size: usize, count: usize, read_size: usize) -> String {
    format!(
        r#"#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {{
    int fd[2];
    pipe(fd);
    int w;
    for (w = 1; w <= 2; w++) {{
        if (fork() == 0) {{
            char record[{size}];
            int i, j;
            close(fd[0]);
            for (i = 0; i < {count}; i++) {{
                record[0] = w;
                for (j = 1; j < {size}; j++) record[j] = i % 100;
                write(fd[1], record, {size});
            }}
            exit(0);
        }}
    }}
    close(fd[1]);
    char buf[{read_size}];
    char record[{size}];
    int used = 0;
    int next[3] = {{0, 0, 0}};
    int total = 0;
    long n;
    while ((n = read(fd[0], buf, {read_size})) > 0) {{
        int k;
        for (k = 0; k < n; k++) {{
            record[used++] = buf[k];
            if (used == {size}) {{
                int j, who = record[0];
                if (who < 1 || who > 2) {{ printf("bad writer %d\n", who); return 1; }}
                for (j = 1; j < {size}; j++)
                    if (record[j] != next[who] % 100) {{ printf("record of %d out of order\n", who); return 1; }}
                next[who]++;
                total++;
                used = 0;
            }}
        }}
    }}
    while (wait(NULL) > 0) {{}}
    printf("%d records, %d left over\n", total, used);
    return 0;
}}
"#
    )
}

/// A child counts SIGUSR1 and SIGUSR2 in handlers (with SIGUSR2 blocked for a while);
/// the parent sends `signals` with `gap` spins between them, then SIGTERM, which the child
/// waits for with sigsuspend (a `while (!done) pause();` loses a SIGTERM that comes
/// between the test and the pause, as it would on Linux).
fn signal_program(signals: &[u8], gap: usize, block_usr2: bool) -> String {
    let sends: String = signals
        .iter()
        .map(|s| {
            let name = if *s == 1 { "SIGUSR1" } else { "SIGUSR2" };
            format!("    kill(pid, {name});\n    for (i = 0; i < {gap}; i++) {{}}\n")
        })
        .collect();
    format!(
        r#"#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
int usr1, usr2, done;
void on_usr1(int s) {{ usr1++; }}
void on_usr2(int s) {{ usr2++; }}
void on_term(int s) {{ done = 1; }}
int main(void) {{
    int i;
    signal(SIGUSR1, on_usr1);
    signal(SIGUSR2, on_usr2);
    signal(SIGTERM, on_term);
    pid_t pid = fork();
    if (pid == 0) {{
        sigset_t set;
        sigemptyset(&set);
        sigaddset(&set, SIGUSR2);
        if ({block}) sigprocmask(SIG_BLOCK, &set, NULL);
        for (i = 0; i < 200; i++) {{}}
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        sigset_t term, old;
        sigemptyset(&term);
        sigaddset(&term, SIGTERM);
        sigprocmask(SIG_BLOCK, &term, &old);
        while (!done) sigsuspend(&old);
        printf("usr1 %d usr2 %d\n", usr1, usr2);
        exit(0);
    }}
{sends}    kill(pid, SIGTERM);
    waitpid(pid, NULL, 0);
    return 0;
}}
"#,
        block = i32::from(block_usr2)
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn pipe_bytes_come_out_in_order_exactly_once_and_records_never_interleave(
        capacity in 8usize..96,
        size_fraction in 1usize..=8,
        count in 1usize..12,
        read_size in 1usize..40,
        quantum in 1u32..20,
        cpus in 1usize..3,
    ) {
        let size = (capacity * size_fraction / 8).max(2);
        let (text, events) = common::run_c(&pipe_program(size, count, read_size), machine(capacity, quantum, cpus));
        prop_assert_eq!(text, format!("{} records, 0 left over\n", 2 * count));
        let written: usize = events.iter().map(|e| match e { Event::PipeWrite { bytes, .. } => *bytes, _ => 0 }).sum();
        let read: usize = events.iter().map(|e| match e { Event::PipeRead { bytes, .. } => *bytes, _ => 0 }).sum();
        prop_assert_eq!(written, 2 * count * size);
        prop_assert_eq!(read, written);
    }

    #[test]
    fn a_signal_is_delivered_at_most_once_per_send_and_pending_ones_merge(
        signals in prop::collection::vec(1u8..=2, 1..8),
        gap in 0usize..60,
        block_usr2 in any::<bool>(),
        quantum in 1u32..30,
    ) {
        let (text, events) = common::run_c(&signal_program(&signals, gap, block_usr2), machine(64, quantum, 1));
        // Between two deliveries of one signal to one process there is at least one send,
        // and a send while it is pending adds nothing.
        let mut pending = std::collections::BTreeSet::new();
        let (mut delivered1, mut delivered2) = (0, 0);
        for e in &events {
            match e {
                Event::SignalSent { pid, signo, already_pending } => {
                    prop_assert_eq!(
                        *already_pending,
                        pending.contains(&(*pid, *signo)),
                        "P{} signal {}: a send says whether it was pending already", pid, signo
                    );
                    pending.insert((*pid, *signo));
                }
                Event::HandlerEntered { pid, signo, .. }
                | Event::SignalIgnored { pid, signo }
                | Event::SignalDelivered { pid, signo } => {
                    prop_assert!(pending.remove(&(*pid, *signo)), "P{pid} got signal {signo} with none pending");
                    if *pid == 3 && *signo == 10 { delivered1 += 1; }
                    if *pid == 3 && *signo == 12 { delivered2 += 1; }
                }
                _ => {}
            }
        }
        let sent = |s: u8| signals.iter().filter(|&&x| x == s).count();
        // None is lost: each kind sent at least once arrives at least once.
        prop_assert_eq!(delivered1 > 0, sent(1) > 0);
        prop_assert_eq!(delivered2 > 0, sent(2) > 0);
        prop_assert!(delivered1 <= sent(1) && delivered2 <= sent(2));
        prop_assert_eq!(text, format!("usr1 {delivered1} usr2 {delivered2}\n"));
    }
}
