// The time of day on the simulated clock: time, gettimeofday, clock_gettime and nanosleep
// (the run's times are fixed, so this prints only what the real machine's would too).
#include <stdio.h>
#include <time.h>
#include <sys/time.h>
#include <unistd.h>
#include <errno.h>

int main(void) {
    time_t start = time(NULL), again;
    struct timeval tv0, tv1;
    struct timespec ts0, ts1, nap = { 0, 250000000 };
    gettimeofday(&tv0, NULL);
    clock_gettime(CLOCK_MONOTONIC, &ts0);
    sleep(2);
    nanosleep(&nap, NULL);
    gettimeofday(&tv1, NULL);
    clock_gettime(CLOCK_MONOTONIC, &ts1);
    time(&again);
    long ms = (tv1.tv_sec - tv0.tv_sec) * 1000 + (tv1.tv_usec - tv0.tv_usec) / 1000;
    long ms2 = (ts1.tv_sec - ts0.tv_sec) * 1000 + (ts1.tv_nsec - ts0.tv_nsec) / 1000000;
    printf("slept about %ld ms (%d) and %ld ms (%d); time moved %d\n", ms / 100 * 100, ms >= 2250, ms2 / 100 * 100, ms2 >= 2250, again - start >= 2);
    struct timespec bad = { 0, 1000000000 };
    printf("%d %d\n", nanosleep(&bad, NULL), errno);
    printf("%d\n", start > 1600000000);
    return 0;
}
