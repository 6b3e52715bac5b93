/* A student's one-line mistakes with sizes and pointers end as on Linux: malloc and
 * calloc refuse huge sizes, system calls answer EFAULT for buffers they cannot use, and
 * memset past the end of memory is a segmentation fault. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <fcntl.h>
int main(void) {
    char buf[16];
    int fds[2];
    void *p = malloc(-1);
    printf("malloc(-1) %s errno %d\n", p ? "non-NULL" : "NULL", errno);
    errno = 0;
    p = calloc(-1, 16);
    printf("calloc(-1,16) %s errno %d\n", p ? "non-NULL" : "NULL", errno);
    errno = 0;
    long n = write(1, "hi\n", -1);
    printf("write(-1) = %ld errno %d\n", n, errno);
    pipe(fds);
    write(fds[1], "abc", 3);
    n = read(fds[0], buf, -1);
    printf("read(-1) = %ld errno %d\n", n, errno);
    errno = 0;
    n = write(1, (char *)16, 4);
    printf("write(bad ptr) = %ld errno %d\n", n, errno);
    errno = 0;
    n = read(fds[0], (char *)16, 4);
    printf("read(bad ptr, empty) = %ld errno %d\n", n, errno);
    write(fds[1], "xyz", 3);
    n = read(fds[0], (char *)16, 4);
    printf("read(bad ptr) = %ld errno %d\n", n, errno);
    printf("%.3s|%5.2s|\n", "abcdef", "xyz");
    fflush(stdout);
    memset(buf, 0, -1);
    printf("not reached\n");
    return 0;
}
