// proclab: lines in any order
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    fork();
    fork();
    fork();
    printf("hello\n");
    while (wait(NULL) > 0) {
    }
    return 0;
}
