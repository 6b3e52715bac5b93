#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

void first(void) {
    printf("registered first, runs last\n");
}

void second(void) {
    printf("registered second, runs first\n");
}

int main(void) {
    atexit(first);
    atexit(second);
    if (fork() == 0) {
        printf("the child leaves with _exit: no handlers, no flush\n");
        _exit(0);
    }
    wait(NULL);
    printf("main returns\n");
    return 0;
}
