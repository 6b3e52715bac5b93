#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fds[2];
    int status;
    pipe(fds);
    if (fork() == 0) {
        close(fds[0]);
        sleep(1);
        write(fds[1], "x", 1);
        printf("never printed: SIGPIPE ends the writer\n");
        return 0;
    }
    close(fds[0]);
    close(fds[1]);
    wait(&status);
    if (WIFSIGNALED(status)) {
        printf("child killed by signal %d\n", WTERMSIG(status));
    }
    return 0;
}
