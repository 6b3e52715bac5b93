/* A handler for a division by zero runs: the CPU's divide error becomes SIGFPE, caught. */
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
    volatile int zero = 0;
    printf("%d\n", 5 / zero);
    printf("not reached\n");
    return 0;
}
