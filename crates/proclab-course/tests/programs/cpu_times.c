#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/times.h>
#include <sys/wait.h>

static volatile long sink;

int main(void) {
    clock_t start = clock();
    for (long i = 0; i < 300000; i++) sink += i;
    clock_t spent = clock() - start;
    printf("clock advanced: %d, CLOCKS_PER_SEC %ld\n", spent > 0, (long) CLOCKS_PER_SEC);
    pid_t child = fork();
    if (child == 0) {
        for (long i = 0; i < 300000; i++) sink += i;
        _exit(0);
    }
    struct tms before, after;
    times(&before);
    waitpid(child, NULL, 0);
    clock_t now = times(&after);
    printf("children's time did not shrink: %d, elapsed ticks positive: %d\n",
           after.tms_cutime >= before.tms_cutime, now > 0);
    struct rusage self, children;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_CHILDREN, &children);
    printf("user time: self %d, children %d; no one's is negative: %d\n",
           self.ru_utime.tv_sec * 1000000 + self.ru_utime.tv_usec >= 0,
           children.ru_utime.tv_sec * 1000000 + children.ru_utime.tv_usec >= 0,
           self.ru_stime.tv_sec >= 0 && self.ru_stime.tv_usec >= 0);
    int r = getrusage(5, &self);
    printf("bad who: %d %s\n", r, strerror(errno));
    return 0;
}
