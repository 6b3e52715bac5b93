#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    if (fork() == 0) {
        printf("this line is lost: _exit does not flush stdio");
        _exit(0);
    }
    wait(NULL);
    printf("buffered, then flushed by exit");
    exit(0);
}
