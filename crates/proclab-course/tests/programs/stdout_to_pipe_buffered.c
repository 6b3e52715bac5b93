#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fds[2];
    char buffer[256];
    pipe(fds);
    if (fork() == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        printf("A");
        fork();
        printf("B\n");
        return 0;
    }
    close(fds[1]);
    long total = 0;
    long n;
    while ((n = read(fds[0], buffer + total, sizeof(buffer) - 1 - total)) > 0) {
        total += n;
    }
    buffer[total] = 0;
    while (wait(NULL) > 0) {
    }
    printf("through a pipe, stdout is fully buffered, so both copies print A:\n%s", buffer);
    return 0;
}
