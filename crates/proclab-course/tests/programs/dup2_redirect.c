#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fds[2];
    char buffer[128];
    pipe(fds);
    if (fork() == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execlp("echo", "echo", "one", "two", "three", NULL);
        return 1;
    }
    close(fds[1]);
    long total = 0;
    long n;
    while ((n = read(fds[0], buffer + total, sizeof(buffer) - 1 - total)) > 0) {
        total += n;
    }
    buffer[total] = 0;
    wait(NULL);
    printf("the parent read from the pipe: %s", buffer);
    return 0;
}
