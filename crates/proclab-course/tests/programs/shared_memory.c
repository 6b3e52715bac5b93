#include <stdio.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

int main(void) {
    int *shared = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int *private = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (shared == MAP_FAILED || private == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    *shared = 1;
    *private = 1;
    if (fork() == 0) {
        *shared = 42;
        *private = 42;
        return 0;
    }
    wait(NULL);
    printf("shared mapping: %d (the child's write is visible)\n", *shared);
    printf("private mapping: %d (copy-on-write kept the child's write apart)\n", *private);
    munmap(shared, sizeof(int));
    return 0;
}
