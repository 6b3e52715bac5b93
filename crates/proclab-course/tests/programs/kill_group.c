// kill(0, sig) signals the caller's whole process group: the parent catches SIGUSR1,
// its two children (in the same group, inherited through fork) die of it.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

void caught(int sig) {
    write(1, "parent caught SIGUSR1\n", 22);
}

int main(void) {
    int i;
    signal(SIGUSR1, caught);
    for (i = 0; i < 2; i++) {
        if (fork() == 0) {
            signal(SIGUSR1, SIG_DFL);
            for (;;) {
                pause();
            }
        }
    }
    sleep(1);
    kill(0, SIGUSR1);
    for (i = 0; i < 2; i++) {
        int status;
        wait(&status);
        printf("a child was killed by signal %d\n", WTERMSIG(status));
    }
    if (kill(-getpgrp(), 0) == 0)
        printf("the group still has a member: the parent\n");
    return 0;
}
