#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        sleep(1);
        exit(4);
    }
    printf("still running: %s\n", waitpid(pid, &status, WNOHANG) == 0 ? "yes" : "no");
    waitpid(pid, &status, 0);
    printf("exited with %d\n", WEXITSTATUS(status));
    return 0;
}
