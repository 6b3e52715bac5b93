#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int status;
    if (fork() == 0) {
        execlp("false", "false", NULL);
        return 99;
    }
    wait(&status);
    printf("false exited with %d\n", WEXITSTATUS(status));
    if (fork() == 0) {
        execlp("true", "true", NULL);
        return 99;
    }
    wait(&status);
    printf("true exited with %d\n", WEXITSTATUS(status));
    return 0;
}
