#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int counter = 100;

int main(void) {
    pid_t pid = fork();
    if (pid == 0) {
        counter = counter + 1;
        printf("child sees %d\n", counter);
        return 0;
    }
    wait(NULL);
    printf("parent sees %d\n", counter);
    return 0;
}
