#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        pause();
        printf("never printed\n");
        return 0;
    }
    sleep(1);
    kill(pid, SIGTERM);
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status)) {
        printf("child killed by signal %d\n", WTERMSIG(status));
    }
    return 0;
}
