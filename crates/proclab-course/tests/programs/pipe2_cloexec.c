#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    int a[2], b[2];
    pipe2(a, O_CLOEXEC);
    pipe2(b, 0);
    printf("close-on-exec: %d %d, and without: %d %d\n", fcntl(a[0], F_GETFD), fcntl(a[1], F_GETFD),
           fcntl(b[0], F_GETFD), fcntl(b[1], F_GETFD));
    int r = pipe2(b, 0x40000000);
    printf("bad flags: %d %s\n", r, strerror(errno));
    return 0;
}
