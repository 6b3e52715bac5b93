// A Unix socket pair: unlike a pipe it carries bytes both ways. The parent asks, the
// child answers on the same socket; when the parent closes its end, the child reads 0.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int sv[2];
    char buf[64];
    long n;
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        perror("socketpair");
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(sv[0]);
        n = read(sv[1], buf, sizeof(buf) - 1);
        buf[n] = 0;
        printf("child heard: %s\n", buf);
        write(sv[1], "pong", 4);
        n = read(sv[1], buf, sizeof(buf));
        printf("child: read returned %ld once the parent closed its end\n", n);
        exit(0);
    }
    close(sv[1]);
    write(sv[0], "ping", 4);
    n = read(sv[0], buf, sizeof(buf) - 1);
    buf[n] = 0;
    printf("parent heard: %s\n", buf);
    close(sv[0]);
    waitpid(pid, NULL, 0);
    return 0;
}
