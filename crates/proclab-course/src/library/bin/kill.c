/* kill: sends a signal (SIGTERM unless one is named, as -STOP, -SIGSTOP or -19) to each
   process whose PID is given. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *names[] = {"HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1",
                 "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT", "CHLD", "CONT", "STOP",
                 "TSTP", "TTIN", "TTOU"};

int signal_number(char *name) {
    int i;
    if (name[0] >= '0' && name[0] <= '9') {
        return atoi(name);
    }
    if (strncmp(name, "SIG", 3) == 0) {
        name = name + 3;
    }
    for (i = 0; i < 22; i++) {
        if (strcmp(name, names[i]) == 0) {
            return i + 1;
        }
    }
    return -1;
}

int main(int argc, char *argv[]) {
    int signo = SIGTERM;
    int status = 0;
    int i = 1;
    if (argc > 1 && argv[1][0] == '-') {
        signo = signal_number(&argv[1][1]);
        if (signo < 0) {
            fprintf(stderr, "kill: unknown signal %s\n", argv[1]);
            return 1;
        }
        i = 2;
    }
    if (i >= argc) {
        fprintf(stderr, "usage: kill [-SIGNAL] PID...\n");
        return 2;
    }
    for (; i < argc; i++) {
        if (kill(atoi(argv[i]), signo) < 0) {
            fprintf(stderr, "kill: (%s): ", argv[i]);
            perror(NULL);
            status = 1;
        }
    }
    return status;
}
