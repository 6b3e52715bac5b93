/* getrlimit and setrlimit: the stack's limits, a soft limit above the hard one refused,
   and a child whose lowered stack limit ends its deep recursion with SIGSEGV. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int depth(int n) {
    char pad[512];
    pad[0] = (char)n;
    if (n == 0)
        return 0;
    return depth(n - 1) + pad[0] - (char)n;
}

int main(void) {
    struct rlimit r;
    if (getrlimit(RLIMIT_STACK, &r) == 0)
        printf("stack: soft %lu KiB, hard %s\n", r.rlim_cur / 1024,
               r.rlim_max == RLIM_INFINITY ? "unlimited" : "limited");
    struct rlimit bad;
    bad.rlim_cur = 10;
    bad.rlim_max = 5;
    if (setrlimit(RLIMIT_STACK, &bad) < 0)
        printf("soft above hard: %s\n", strerror(errno));
    printf("no buffer: %d\n", getrlimit(RLIMIT_NPROC, NULL));
    if (getrlimit(RLIMIT_STACK, (struct rlimit *)8) < 0)
        printf("bad buffer: %s\n", strerror(errno));
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit small;
        small.rlim_cur = 64 * 1024;
        small.rlim_max = RLIM_INFINITY;
        setrlimit(RLIMIT_STACK, &small);
        getrlimit(RLIMIT_STACK, &r);
        printf("child: soft now %lu KiB\n", r.rlim_cur / 1024);
        fflush(stdout);
        printf("depth %d\n", depth(1000));
        return 0;
    }
    int status;
    waitpid(pid, &status, 0);
    if (WIFSIGNALED(status))
        printf("child killed by signal %d (SIGSEGV is %d)\n", WTERMSIG(status), SIGSEGV);
    else
        printf("child exited %d\n", WEXITSTATUS(status));
    printf("depth %d in the parent\n", depth(1000));
    return 0;
}
