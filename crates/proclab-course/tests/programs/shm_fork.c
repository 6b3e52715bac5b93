#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <sys/mman.h>

static void stat_of(int id, const char *when) {
    struct shmid_ds ds;
    if (shmctl(id, IPC_STAT, &ds) == -1) { printf("%s: stat: %s\n", when, strerror(errno)); return; }
    printf("%s: size %zu attached %lu mode %o creator is parent %d\n", when, ds.shm_segsz,
           ds.shm_nattch, ds.shm_perm.mode, ds.shm_cpid == getpid());
}

int main(void) {
    int id = shmget(IPC_PRIVATE, 6000, IPC_CREAT | 0600);
    if (id == -1) { perror("shmget"); return 1; }
    stat_of(id, "made");
    int *counter = shmat(id, NULL, 0);
    if (counter == (void *) -1) { perror("shmat"); return 1; }
    counter[0] = 0;
    counter[1500] = 7;
    stat_of(id, "attached");
    pid_t child = fork();
    if (child == 0) {
        stat_of(id, "child sees");
        for (int i = 0; i < 1000; i++) counter[0]++;
        strcpy((char *) (counter + 2), "hello from the child");
        shmdt(counter);
        _exit(0);
    }
    waitpid(child, NULL, 0);
    printf("parent reads %d, %d and \"%s\"\n", counter[0], counter[1500], (char *) (counter + 2));
    stat_of(id, "after the child");
    shmdt(counter);
    stat_of(id, "detached");
    int *again = shmat(id, NULL, SHM_RDONLY);
    printf("again reads %d\n", again[0]);
    if (shmctl(id, IPC_RMID, NULL) == -1) perror("rmid");
    stat_of(id, "removing");
    int r = shmdt((char *) again + 8);
    printf("shmdt of a wrong address: %d %s\n", r, strerror(errno));
    munmap(again, 8192);
    stat_of(id, "after munmap");
    void *gone = shmat(id, NULL, 0);
    printf("shmat of it: %p %s\n", gone, strerror(errno));
    int key = 0x5eed;
    int a = shmget(key, 100, IPC_CREAT | 0644);
    int b = shmget(key, 50, 0);
    printf("same key, same id: %d\n", a == b);
    r = shmget(key, 100, IPC_CREAT | IPC_EXCL | 0644);
    printf("IPC_EXCL: %d %s\n", r, strerror(errno));
    r = shmget(key, 200, 0);
    printf("larger: %d %s\n", r, strerror(errno));
    r = shmget(0x7777, 10, 0);
    printf("no such key: %d %s\n", r, strerror(errno));
    r = shmget(IPC_PRIVATE, 0, IPC_CREAT);
    printf("size 0: %d %s\n", r, strerror(errno));
    r = shmctl(a, 99, NULL);
    printf("bad cmd: %d %s\n", r, strerror(errno));
    r = shmctl(-1, IPC_RMID, NULL);
    printf("bad id: %d %s\n", r, strerror(errno));
    char *ro = shmat(a, NULL, SHM_RDONLY);
    shmctl(a, IPC_RMID, NULL);
    pid_t writer = fork();
    if (writer == 0) {
        ro[0] = 'x';
        _exit(0);
    }
    int status;
    waitpid(writer, &status, 0);
    printf("writing a read-only attachment: %s\n", WIFSIGNALED(status) ? strsignal(WTERMSIG(status)) : "no signal");
    return 0;
}
