#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int local = 1;
    if (fork() == 0) {
        local = 2;
        printf("child's local: %d\n", local);
        return 0;
    }
    wait(NULL);
    printf("parent's local: %d\n", local);
    return 0;
}
