/* Copy-on-write, three times: after fork(), parent and child share every frame, read-only.
   The child then writes a global (data), a heap block (malloc) and a local (stack); each
   first write is a copy-on-write fault that gives the child its own copy of that one page,
   so the parent still sees the old values. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int global = 100;

int main(void) {
    int local = 1;
    int *heap = malloc(sizeof(int));
    *heap = 7;
    if (fork() == 0) {
        global = global + 1;
        *heap = *heap * 6;
        local = 2;
        printf("child:  global %d, heap %d, local %d\n", global, *heap, local);
        return 0;
    }
    wait(NULL);
    printf("parent: global %d, heap %d, local %d\n", global, *heap, local);
    return 0;
}
