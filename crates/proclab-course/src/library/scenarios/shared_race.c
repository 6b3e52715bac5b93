#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

/* Two processes add 1 to a shared counter 100 times each, with no lock. Each
   *counter = *counter + 1 is a load, an add and a store: when the timer interrupt
   switches processes between the load and the store, an update is lost. */
int main(void) {
    int *counter = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int i;
    *counter = 0;
    pid_t pid = fork();
    for (i = 0; i < 100; i++) {
        *counter = *counter + 1;
    }
    if (pid == 0) {
        return 0;
    }
    wait(NULL);
    printf("counter = %d (200 if no update were lost)\n", *counter);
    return 0;
}
