/* The subject text's worker pool, in C. The parent forks one worker per CPU and sends each
   its chunk of the numbers 1..100 (its first and last number) through a pipe of its own;
   each worker sums the squares of its chunk, on its own CPU while the others do theirs, and
   sends back a small struct through one results pipe that all workers share (a write of
   at most PIPE_BUF bytes is atomic, so results never interleave). The parent adds up what
   comes back, then reaps the workers. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define N 100
#define MAX_WORKERS 8

struct result {
    int worker;
    long sum;
    int pid;
};

int main(void) {
    int workers = sysconf(_SC_NPROCESSORS_ONLN);
    if (workers > MAX_WORKERS) {
        workers = MAX_WORKERS;
    }
    int chunk = (N + workers - 1) / workers;
    int results[2];
    pipe(results);
    int i;
    for (i = 0; i < workers; i++) {
        int work[2];
        pipe(work);
        pid_t pid = fork();
        if (pid == 0) {
            int range[2];
            struct result r;
            close(work[1]);
            close(results[0]);
            r.worker = i;
            r.sum = 0;
            r.pid = getpid();
            if (read(work[0], range, sizeof(range)) == sizeof(range)) {
                int k;
                for (k = range[0]; k <= range[1]; k++) {
                    r.sum += (long)k * k;
                }
            }
            write(results[1], &r, sizeof(r));
            exit(0);
        }
        close(work[0]);
        int range[2];
        range[0] = i * chunk + 1;
        range[1] = (i + 1) * chunk < N ? (i + 1) * chunk : N;
        write(work[1], range, sizeof(range));
        close(work[1]);
    }
    close(results[1]);
    struct result r;
    long total = 0;
    int answered = 0;
    while (read(results[0], &r, sizeof(r)) == sizeof(r)) {
        total += r.sum;
        answered++;
    }
    while (wait(NULL) > 0) {
    }
    printf("every worker answered: %d\n", answered == workers);
    printf("sum of the squares of 1..%d = %ld\n", N, total);
    return 0;
}
