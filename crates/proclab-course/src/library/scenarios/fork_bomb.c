/* A fork bomb, stopped by the process limit: the program first lowers its user's process
   limit to 12 with setrlimit(RLIMIT_NPROC), as `ulimit -u 12` would; then every process
   forks in a loop, and so does every child, until the kernel refuses with EAGAIN. Each then
   waits for its children and exits, and the tree winds down. (Root is exempt from
   RLIMIT_NPROC: on Linux, run it only as an ordinary user.) */
#include <errno.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    struct rlimit limit;
    limit.rlim_cur = 12;
    limit.rlim_max = 12;
    if (setrlimit(RLIMIT_NPROC, &limit) < 0) {
        perror("setrlimit");
        return 1;
    }
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
