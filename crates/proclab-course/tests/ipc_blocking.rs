//! Each IPC mechanism's blocking rules, one test per rule: small C programs run on the
//! simulated kernel, checked by the events the kernel reported.

mod common;

use proclab_kernel::event::Event;
use proclab_kernel::process::WaitChannel;
use proclab_kernel::scenario::Settings;

/// Runs `main`'s body (with the usual headers) to its end: what it printed, and its events.
fn run(body: &str) -> (String, Vec<Event>) {
    let source = format!(
        "#include <fcntl.h>\n#include <signal.h>\n#include <stdio.h>\n#include <stdlib.h>\n\
         #include <string.h>\n#include <sys/msg.h>\n#include <sys/socket.h>\n\
         #include <sys/wait.h>\n#include <unistd.h>\n\
         struct message {{ long mtype; char mtext[8192]; }};\n\
         void ignore(int s) {{}}\n\
         int main(void) {{\n{body}\n    return 0;\n}}\n"
    );
    let settings = Settings {
        step_limit: 200_000,
        ..Settings::default()
    };
    common::run_c(&source, settings)
}

/// True if some process blocked on a channel `matches` accepts.
fn blocked(events: &[Event], matches: impl Fn(&WaitChannel) -> bool) -> bool {
    events
        .iter()
        .any(|e| matches!(e, Event::Block { channel, .. } if matches(channel)))
}

#[test]
fn reading_an_empty_pipe_blocks_until_a_writer_writes() {
    let (out, events) = run(r#"
    int fd[2]; char c;
    pipe(fd);
    if (fork() == 0) { sleep(1); write(fd[1], "x", 1); exit(0); }
    read(fd[0], &c, 1);
    printf("read %c\n", c);"#);
    assert_eq!(out, "read x\n");
    assert!(blocked(&events, |c| matches!(c, WaitChannel::PipeRead(0))));
}

#[test]
fn writing_a_full_pipe_blocks_until_a_reader_makes_room() {
    let (out, events) = run(r#"
    int fd[2]; static char buf[6000];
    pipe(fd);
    fcntl(fd[1], F_SETPIPE_SZ, 4096);
    if (fork() == 0) { sleep(1); printf("child read %ld\n", read(fd[0], buf, 6000)); exit(0); }
    memset(buf, 'a', 5000);
    printf("wrote %ld\n", write(fd[1], buf, 5000));
    wait(NULL);"#);
    assert!(blocked(&events, |c| matches!(c, WaitChannel::PipeWrite(0))));
    assert!(out.contains("wrote 5000\n"), "{out}");
}

#[test]
fn a_pipe_whose_writers_all_closed_reads_as_end_of_file() {
    let (out, _) = run(r#"
    int fd[2]; char c;
    pipe(fd);
    if (fork() == 0) { close(fd[0]); exit(0); }
    close(fd[1]);
    printf("read returned %ld\n", read(fd[0], &c, 1));"#);
    assert_eq!(out, "read returned 0\n");
}

#[test]
fn writing_a_pipe_nobody_reads_raises_sigpipe_or_fails_with_epipe() {
    let (out, events) = run(r#"
    int fd[2];
    pipe(fd);
    close(fd[0]);
    signal(SIGPIPE, SIG_IGN);
    if (write(fd[1], "x", 1) < 0) perror("write");"#);
    assert_eq!(out, "write: Broken pipe\n");
    assert!(
        events
            .iter()
            .any(|e| matches!(e, Event::SignalIgnored { signo: 13, .. })),
        "an ignored SIGPIPE is discarded as it is sent, never pending"
    );
}

#[test]
fn opening_a_fifo_blocks_until_its_other_end_is_opened() {
    let (out, events) = run(r#"
    char buf[8];
    mkfifo("/tmp/f", 0644);
    if (fork() == 0) { sleep(1); int w = open("/tmp/f", O_WRONLY); write(w, "hi", 2); exit(0); }
    int r = open("/tmp/f", O_RDONLY);
    long n = read(r, buf, 8);
    printf("%ld %.2s\n", n, buf);"#);
    assert_eq!(out, "2 hi\n");
    assert!(blocked(&events, |c| matches!(c, WaitChannel::FifoOpen(_))));
}

#[test]
fn msgrcv_blocks_until_a_message_of_the_wanted_type_arrives() {
    let (out, events) = run(r#"
    struct message m;
    int q = msgget(IPC_PRIVATE, 0600);
    if (fork() == 0) {
        sleep(1);
        m.mtype = 1; strcpy(m.mtext, "one"); msgsnd(q, &m, 4, 0);
        m.mtype = 2; strcpy(m.mtext, "two"); msgsnd(q, &m, 4, 0);
        exit(0);
    }
    msgrcv(q, &m, sizeof(m.mtext), 2, 0);
    printf("got %s\n", m.mtext);
    wait(NULL);
    msgctl(q, IPC_RMID, NULL);"#);
    assert_eq!(out, "got two\n");
    assert!(blocked(&events, |c| matches!(c, WaitChannel::MsgRecv(0))));
}

#[test]
fn msgsnd_blocks_while_the_queue_is_full_and_ipc_nowait_fails_instead() {
    let (out, events) = run(r#"
    struct message m;
    int q = msgget(IPC_PRIVATE, 0600);
    m.mtype = 1;
    msgsnd(q, &m, 8192, 0);
    msgsnd(q, &m, 8192, 0);
    if (msgsnd(q, &m, 1, IPC_NOWAIT) < 0) perror("msgsnd");
    if (fork() == 0) { sleep(1); msgrcv(q, &m, 8192, 0, 0); exit(0); }
    msgsnd(q, &m, 8192, 0);
    printf("sent after the child made room\n");
    wait(NULL);
    msgctl(q, IPC_RMID, NULL);"#);
    assert_eq!(
        out,
        "msgsnd: Resource temporarily unavailable\nsent after the child made room\n"
    );
    assert!(blocked(&events, |c| matches!(c, WaitChannel::MsgSend(0))));
}

#[test]
fn removing_a_queue_fails_its_waiters_with_eidrm() {
    let (out, _) = run(r#"
    struct message m;
    int q = msgget(IPC_PRIVATE, 0600);
    if (fork() == 0) {
        if (msgrcv(q, &m, 8, 0, 0) < 0) perror("msgrcv");
        exit(0);
    }
    sleep(1);
    msgctl(q, IPC_RMID, NULL);
    wait(NULL);"#);
    assert_eq!(out, "msgrcv: Identifier removed\n");
}

#[test]
fn reading_a_socket_blocks_until_the_other_end_writes() {
    let (out, events) = run(r#"
    int sv[2]; char buf[8];
    socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
    if (fork() == 0) { sleep(1); write(sv[1], "yo", 2); exit(0); }
    long n = read(sv[0], buf, 8);
    printf("%ld %.2s\n", n, buf);"#);
    assert_eq!(out, "2 yo\n");
    assert!(blocked(&events, |c| matches!(c, WaitChannel::PipeRead(_))));
}

#[test]
fn pause_blocks_until_a_caught_signal_and_then_fails_with_eintr() {
    let (out, events) = run(r#"
    signal(SIGUSR1, ignore);
    if (fork() == 0) { sleep(1); kill(getppid(), SIGUSR1); exit(0); }
    if (pause() < 0) perror("pause");
    wait(NULL);"#);
    assert_eq!(out, "pause: Interrupted system call\n");
    assert!(blocked(&events, |c| matches!(c, WaitChannel::Signal)));
}

#[test]
fn sigkill_and_sigstop_cannot_be_caught_blocked_or_ignored() {
    let (out, _) = run(r#"
    sigset_t all;
    if (signal(SIGKILL, ignore) == SIG_ERR) perror("signal(SIGKILL)");
    if (signal(SIGSTOP, SIG_IGN) == SIG_ERR) perror("signal(SIGSTOP)");
    sigfillset(&all);
    sigprocmask(SIG_BLOCK, &all, NULL);
    pid_t pid = fork();
    if (pid == 0) { for (;;) {} }
    int status;
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    printf("child killed by %d\n", WTERMSIG(status));"#);
    assert_eq!(
        out,
        "signal(SIGKILL): Invalid argument\nsignal(SIGSTOP): Invalid argument\nchild killed by 9\n"
    );
}

#[test]
fn kill_reaches_groups_and_everyone_but_spares_init_from_a_user() {
    let (out, _) = run(r#"
    if (kill(1, SIGTERM) < 0) perror("kill(1)");
    pid_t child = fork();
    if (child == 0) { for (;;) pause(); }
    sleep(1);
    kill(-1, SIGTERM);
    int status;
    wait(&status);
    printf("the child got %d; the caller is spared\n", WTERMSIG(status));
    if (kill(-9999, SIGTERM) < 0) perror("kill(-9999)");"#);
    assert_eq!(
        out,
        "kill(1): Operation not permitted\nthe child got 15; the caller is spared\n\
         kill(-9999): No such process\n"
    );
}
