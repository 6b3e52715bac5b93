#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/shm.h>
int main(void) {
    int id = shmget(0x2a, 100, IPC_CREAT | 0600);
    char *p = shmat(id, NULL, 0);
    FILE *f = fopen("/proc/self/maps", "r");
    char line[256];
    while (fgets(line, sizeof line, f))
        if (strstr(line, "SYSV")) printf("%s", strchr(line, '/'));
    fclose(f);
    shmdt(p);
    shmctl(id, IPC_RMID, NULL);
    return 0;
}
