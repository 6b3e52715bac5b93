#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int *value = malloc(sizeof(int));
    *value = 7;
    if (fork() == 0) {
        *value = *value * 6;
        printf("child's heap value: %d\n", *value);
        free(value);
        return 0;
    }
    wait(NULL);
    printf("parent's heap value: %d\n", *value);
    free(value);
    return 0;
}
