#include <errno.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define SLOTS 4
#define ITEMS 10

struct ring {
    sem_t empty, full, lock;
    int in, out;
    int slot[SLOTS];
};

static void on_alarm(int sig) { (void) sig; }

int main(void) {
    struct ring *r = mmap(NULL, sizeof *r, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    sem_init(&r->empty, 1, SLOTS);
    sem_init(&r->full, 1, 0);
    sem_init(&r->lock, 1, 1);
    r->in = r->out = 0;
    pid_t consumer = fork();
    if (consumer == 0) {
        int sum = 0;
        for (int i = 0; i < ITEMS; i++) {
            sem_wait(&r->full);
            sem_wait(&r->lock);
            sum += r->slot[r->out];
            r->out = (r->out + 1) % SLOTS;
            sem_post(&r->lock);
            sem_post(&r->empty);
        }
        printf("consumer: sum %d\n", sum);
        _exit(0);
    }
    for (int i = 1; i <= ITEMS; i++) {
        sem_wait(&r->empty);
        sem_wait(&r->lock);
        r->slot[r->in] = i * i;
        r->in = (r->in + 1) % SLOTS;
        sem_post(&r->lock);
        sem_post(&r->full);
    }
    waitpid(consumer, NULL, 0);
    int value;
    sem_getvalue(&r->empty, &value);
    printf("producer: done, %d empty slots\n", value);
    int got = sem_trywait(&r->full);
    printf("trywait on an empty one: %d %s\n", got, strerror(errno));
    sem_t big;
    got = sem_init(&big, 0, 3000000000u);
    printf("init past SEM_VALUE_MAX: %d %s\n", got, strerror(errno));
    sem_init(&big, 0, 2147483647);
    got = sem_post(&big);
    printf("post past SEM_VALUE_MAX: %d %s\n", got, strerror(errno));
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    alarm(1);
    got = sem_wait(&r->full);
    printf("sem_wait interrupted by a handler without SA_RESTART: %d %s\n", got, strerror(errno));
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    pid_t poster = fork();
    if (poster == 0) {
        sleep(2);
        sem_post(&r->full);
        _exit(0);
    }
    alarm(1);
    got = sem_wait(&r->full);
    printf("with SA_RESTART it waits on for the post: %d\n", got);
    waitpid(poster, NULL, 0);
    sem_destroy(&r->full);
    return 0;
}
