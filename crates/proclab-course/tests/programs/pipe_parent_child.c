#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fds[2];
    char buffer[64];
    pipe(fds);
    if (fork() == 0) {
        close(fds[1]);
        long n = read(fds[0], buffer, sizeof(buffer) - 1);
        buffer[n] = 0;
        printf("child read %ld bytes: %s\n", n, buffer);
        n = read(fds[0], buffer, sizeof(buffer));
        printf("then read returned %ld: end of file\n", n);
        return 0;
    }
    close(fds[0]);
    char *message = "hello through the pipe";
    write(fds[1], message, strlen(message));
    close(fds[1]);
    wait(NULL);
    printf("parent done\n");
    return 0;
}
