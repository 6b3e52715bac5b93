/* Pipes of Linux's size: a child's 200-byte message waits in the 64 KiB pipe while the
 * parent waits for the child; fcntl reads and changes a pipe's size (rounded up to a power
 * of two pages) and a descriptor's close-on-exec flag. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int fd[2];
    char buf[512];
    pipe(fd);
    if (fork() == 0) {
        memset(buf, 'x', 200);
        write(fd[1], buf, 200);
        _exit(0);
    }
    wait(NULL);
    printf("parent read %ld bytes\n", (long) read(fd[0], buf, sizeof buf));
    printf("pipe size %d\n", fcntl(fd[1], F_GETPIPE_SZ));
    printf("set to %d\n", fcntl(fd[1], F_SETPIPE_SZ, 5000));
    printf("now %d\n", fcntl(fd[0], F_GETPIPE_SZ));
    printf("too big: %d (errno %d)\n", fcntl(fd[1], F_SETPIPE_SZ, 1 << 30), errno);
    printf("not a pipe: %d (errno %d)\n", fcntl(1, F_GETPIPE_SZ), errno);
    printf("cloexec %d", fcntl(fd[0], F_GETFD));
    fcntl(fd[0], F_SETFD, FD_CLOEXEC);
    printf(" then %d\n", fcntl(fd[0], F_GETFD));
    printf("write end flags %o, access mode %d\n", fcntl(fd[1], F_GETFL), fcntl(fd[1], F_GETFL) & O_ACCMODE);
    printf("PIPE_BUF %d\n", PIPE_BUF);
    return 0;
}
