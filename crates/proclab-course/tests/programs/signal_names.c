#include <signal.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    int sigs[] = { SIGHUP, SIGINT, SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGIOT, SIGBUS, SIGFPE,
                   SIGKILL, SIGUSR1, SIGSEGV, SIGUSR2, SIGPIPE, SIGALRM, SIGTERM, SIGSTKFLT,
                   SIGCHLD, SIGCLD, SIGCONT, SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU, SIGURG, SIGXCPU,
                   SIGXFSZ, SIGVTALRM, SIGPROF, SIGWINCH, SIGIO, SIGPOLL, SIGPWR, SIGSYS };
    for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        printf("%d %s\n", sigs[i], strsignal(sigs[i]));
    printf("real-time: %d to %d, %s\n", SIGRTMIN, SIGRTMAX, strsignal(SIGRTMIN + 1));
    return 0;
}
