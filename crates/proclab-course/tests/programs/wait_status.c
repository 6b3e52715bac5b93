#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        exit(5);
    }
    pid_t reaped = wait(&status);
    printf("reaped the child: %s\n", reaped == pid ? "yes" : "no");
    if (WIFEXITED(status)) {
        printf("exit status %d\n", WEXITSTATUS(status));
    }
    return 0;
}
