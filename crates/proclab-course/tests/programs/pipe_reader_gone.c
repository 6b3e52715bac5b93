/* A writer asleep on a full pipe whose reader closes: write() returns the bytes it had
   moved (SIGPIPE ignored), and the next write fails with EPIPE. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
int main(void) {
    int fd[2];
    pipe(fd);
    signal(SIGPIPE, SIG_IGN);
    pid_t pid = fork();
    if (pid == 0) {
        close(fd[1]);
        sleep(1);
        close(fd[0]);
        return 0;
    }
    close(fd[0]);
    static char big[100000];
    ssize_t n = write(fd[1], big, sizeof big);
    printf("write returned %zd (%s)\n", n, n < 0 ? strerror(errno) : "partial");
    n = write(fd[1], big, 10);
    printf("then %zd (%s)\n", n, n < 0 ? strerror(errno) : "?");
    wait(NULL);
    return 0;
}
