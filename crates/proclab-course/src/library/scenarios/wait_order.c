#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    pid_t kids[3];
    int i;
    for (i = 0; i < 3; i++) {
        kids[i] = fork();
        if (kids[i] == 0) {
            exit(10 + i);
        }
    }
    for (i = 2; i >= 0; i--) {
        int status;
        waitpid(kids[i], &status, 0);
        printf("child %d exited with %d\n", i, WEXITSTATUS(status));
    }
    return 0;
}
