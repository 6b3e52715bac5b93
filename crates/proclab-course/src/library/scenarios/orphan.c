#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    pid_t middle = fork();
    if (middle == 0) {
        if (fork() == 0) {
            sleep(1);
            printf("orphan adopted by another process: %s\n", getppid() != middle ? "yes" : "no");
            exit(0);
        }
        printf("middle process exits, orphaning its child\n");
        exit(0);
    }
    waitpid(middle, NULL, 0);
    sleep(2);
    printf("original process ends\n");
    return 0;
}
