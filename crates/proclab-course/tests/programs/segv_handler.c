/* A handler for a real fault runs: the kernel sends SIGSEGV for the bad store, and the
 * handler, which does not return, ends the process its own way. */
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

void on_fault(int signo) {
    char msg[64];
    int n = snprintf(msg, sizeof msg, "caught signal %d\n", signo);
    write(1, msg, n);
    _exit(40 + signo);
}

int main(void) {
    signal(SIGSEGV, on_fault);
    signal(SIGFPE, on_fault);
    printf("before\n");
    fflush(stdout);
    int *p = (int *) 16;
    *p = 1;
    printf("not reached\n");
    return 0;
}
