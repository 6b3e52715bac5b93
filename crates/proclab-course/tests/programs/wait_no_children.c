#include <stdio.h>
#include <sys/wait.h>
#include <errno.h>

int main(void) {
    int result = wait(NULL);
    printf("wait returned %d\n", result);
    if (errno == ECHILD) {
        printf("errno is ECHILD\n");
    }
    perror("wait");
    return 0;
}
