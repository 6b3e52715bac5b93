#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

int children_done = 0;

void on_child(int signo) {
    children_done++;
}

int main(void) {
    int status;
    signal(SIGCHLD, on_child);
    if (fork() == 0) {
        exit(3);
    }
    wait(&status);
    printf("SIGCHLD handled %d time(s); the child exited with %d\n", children_done, WEXITSTATUS(status));
    return 0;
}
