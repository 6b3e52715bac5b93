#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    printf("A");
    fork();
    printf("B\n");
    wait(NULL);
    return 0;
}
