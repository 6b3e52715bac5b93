#include <signal.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    if (fork() == 0) {
        int *p = NULL;
        *p = 1;
    }
    int status;
    wait(&status);
    printf("signaled %d by %d, core dumped %d\n", WIFSIGNALED(status), WTERMSIG(status), WCOREDUMP(status) != 0);
    return 0;
}
