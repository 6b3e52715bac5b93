/* Ignoring a signal discards it: one pending while blocked is dropped when its action becomes SIG_IGN, and one sent while ignored is never pending; sigpending shows the blocked ones. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

void handler(int signo) {
    printf("handler ran for %d\n", signo);
}

int main(void) {
    sigset_t block, pending;
    signal(SIGUSR1, handler);
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    sigpending(&pending);
    printf("SIGUSR1 pending while blocked: %d\n", sigismember(&pending, SIGUSR1));
    signal(SIGUSR1, SIG_IGN);
    signal(SIGUSR1, handler);
    sigprocmask(SIG_UNBLOCK, &block, NULL);
    printf("after unblocking SIGUSR1\n");
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    signal(SIGUSR2, handler);
    printf("SIGUSR2 was discarded when sent\n");
    raise(SIGUSR2);
    return 0;
}
