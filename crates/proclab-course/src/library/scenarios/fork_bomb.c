/* A fork bomb, stopped by the process limit: every process forks in a loop, and so does
   every child, until the kernel refuses with EAGAIN (this machine allows 12 processes,
   init included). Then each waits for its children and exits, and the tree winds down. */
#include <errno.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int children = 0;
    for (;;) {
        pid_t pid = fork();
        if (pid < 0) {
            printf("P%d: fork failed with %s after %d children\n", getpid(),
                   errno == EAGAIN ? "EAGAIN" : "another error", children);
            break;
        }
        if (pid > 0) {
            children++;
        } else {
            children = 0;
        }
    }
    while (wait(NULL) > 0) {
    }
    return 0;
}
