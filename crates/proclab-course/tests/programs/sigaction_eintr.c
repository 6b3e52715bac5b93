// sigaction: a handler without SA_RESTART makes a blocked read() fail with EINTR; with
// SA_RESTART, waitpid() is restarted; sleep() returns early; a blocked signal waits until
// sigprocmask() unblocks it; sigaction() reports the old action.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void on_alarm(int sig) {
    write(1, "  (SIGALRM handled)\n", 20);
}

void on_usr1(int sig) {
    write(1, "  (SIGUSR1 handled)\n", 20);
}

int main(void) {
    struct sigaction sa;
    sa.sa_handler = on_alarm;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = 0;
    sigaction(SIGALRM, &sa, NULL);

    int fd[2];
    pipe(fd);
    char c;
    alarm(1);
    long n = read(fd[0], &c, 1);
    printf("read returned %ld: %s\n", n, errno == EINTR ? "EINTR" : "something else");

    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t pid = fork();
    if (pid == 0) {
        sleep(2);
        exit(7);
    }
    alarm(1);
    int status;
    pid_t done = waitpid(pid, &status, 0);
    printf("waitpid restarted and returned the child: %d, status %d\n", done == pid,
           WEXITSTATUS(status));

    alarm(1);
    unsigned left = sleep(5);
    printf("sleep(5) woke early with time left: %d\n", left > 0 && left < 5);

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    printf("SIGUSR1 in set: %d, SIGINT in set: %d\n", sigismember(&set, SIGUSR1),
           sigismember(&set, SIGINT));
    signal(SIGUSR1, on_usr1);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR1);
    printf("SIGUSR1 raised while blocked\n");
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("SIGUSR1 unblocked\n");

    struct sigaction prev;
    sigaction(SIGUSR1, NULL, &prev);
    printf("old action is on_usr1: %d\n", prev.sa_handler == on_usr1);
    if (sigaction(SIGKILL, &sa, NULL) == -1)
        perror("sigaction(SIGKILL)");
    return 0;
}
