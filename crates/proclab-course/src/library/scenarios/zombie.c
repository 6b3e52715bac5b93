#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    pid_t pid = fork();
    if (pid == 0) {
        printf("child exits at once\n");
        exit(0);
    }
    sleep(1);
    printf("parent slept; the child was a zombie until now\n");
    waitpid(pid, NULL, 0);
    printf("reaped\n");
    return 0;
}
