#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stddef.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

union semun { int val; struct semid_ds *buf; unsigned short *array; };

static int op(int id, int num, int delta, int flags) {
    struct sembuf b = { num, delta, flags };
    return semop(id, &b, 1);
}

int main(void) {
    printf("sizes %zu %zu, nsems at %zu\n", sizeof(struct sembuf), sizeof(struct semid_ds),
           offsetof(struct semid_ds, sem_nsems));
    int id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0600);
    union semun arg;
    arg.val = 1;
    semctl(id, 0, SETVAL, arg);
    unsigned short all[3] = { 1, 5, 0 };
    arg.array = all;
    semctl(id, 0, SETALL, arg);
    unsigned short got[3];
    arg.array = got;
    semctl(id, 0, GETALL, arg);
    printf("values %d %d %d; GETVAL of 1: %d\n", got[0], got[1], got[2], semctl(id, 1, GETVAL));
    struct semid_ds ds;
    arg.buf = &ds;
    semctl(id, 0, IPC_STAT, arg);
    printf("nsems %lu mode %o\n", ds.sem_nsems, ds.sem_perm.mode & 0777);

    for (int i = 0; i < 3; i++) {
        if (fork() == 0) {
            op(id, 0, -1, SEM_UNDO);
            printf("child %d in the critical section\n", i);
            fflush(stdout);
            usleep(1000);
            op(id, 0, 1, SEM_UNDO);
            _exit(0);
        }
    }
    while (wait(NULL) > 0) {}
    printf("after the children: %d\n", semctl(id, 0, GETVAL));

    if (fork() == 0) {
        op(id, 1, -2, SEM_UNDO);
        _exit(0);
    }
    wait(NULL);
    printf("SEM_UNDO at exit gave back: %d\n", semctl(id, 1, GETVAL));
    printf("GETPID is a child: %d\n", semctl(id, 1, GETPID) != getpid());

    int r = op(id, 2, -1, IPC_NOWAIT);
    printf("IPC_NOWAIT: %d %s\n", r, strerror(errno));
    r = op(id, 7, 1, 0);
    printf("no such semaphore: %d %s\n", r, strerror(errno));
    r = op(id, 1, 32767, 0);
    printf("past SEMVMX: %d %s\n", r, strerror(errno));
    arg.val = -1;
    r = semctl(id, 0, SETVAL, arg);
    printf("SETVAL -1: %d %s\n", r, strerror(errno));

    struct sembuf two[2] = { { 0, -1, 0 }, { 2, -1, IPC_NOWAIT } };
    r = semop(id, two, 2);
    printf("all or nothing: %d %s, semaphore 0 still %d\n", r, strerror(errno), semctl(id, 0, GETVAL));

    pid_t sleeper = fork();
    if (sleeper == 0) {
        r = op(id, 2, -1, 0);
        printf("the sleeper wakes: %d %s\n", r, strerror(errno));
        _exit(0);
    }
    sleep(1);
    printf("waiting for semaphore 2 to grow: %d\n", semctl(id, 2, GETNCNT));
    semctl(id, 0, IPC_RMID);
    waitpid(sleeper, NULL, 0);
    r = semctl(id, 0, GETVAL);
    printf("after IPC_RMID: %d %s\n", r, strerror(errno));
    return 0;
}
