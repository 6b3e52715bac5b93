// sigsuspend with a signal already pending that its mask lets through: the handler runs
// at once and sigsuspend returns -1 with EINTR, the old mask back (nothing to wait for).
#include <signal.h>
#include <stdio.h>
#include <errno.h>
#include <string.h>

static volatile sig_atomic_t got;
static void on_term(int sig) { got = sig; }

int main(void) {
    sigset_t term, old;
    signal(SIGTERM, on_term);
    sigemptyset(&term);
    sigaddset(&term, SIGTERM);
    sigprocmask(SIG_BLOCK, &term, &old);
    raise(SIGTERM);
    printf("pending while blocked, got %d\n", got);
    int r = sigsuspend(&old);
    printf("sigsuspend returned %d (%s), got %d\n", r, strerror(errno), got);
    sigset_t now;
    sigprocmask(SIG_SETMASK, NULL, &now);
    printf("SIGTERM blocked again: %d\n", sigismember(&now, SIGTERM));
    return 0;
}
