// Small library calls textbook programs use: random/srandom (glibc's rand is random),
// fsync on a file and on a pipe, mkstemp's unique file, sysconf's limits.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/types.h>

int main(void) {
    srandom(7);
    long a = random();
    srand(7);
    printf("random is rand: %d\n", a == rand());
    char name[] = "/tmp/demoXXXXXX";
    int fd = mkstemp(name);
    printf("mkstemp: fd %d, name keeps its prefix: %d, length %zu\n", fd, strncmp(name, "/tmp/demo", 9) == 0, strlen(name));
    write(fd, "hi\n", 3);
    printf("fsync file: %d\n", fsync(fd));
    int p[2];
    pipe(p);
    errno = 0;
    printf("fsync pipe: %d (%s)\n", fsync(p[0]), strerror(errno));
    printf("fsync closed: %d (%s)\n", fdatasync(99), strerror(errno));
    printf("unlink: %d\n", unlink(name));
    printf("ATEXIT_MAX %ld, ARG_MAX %ld\n", sysconf(_SC_ATEXIT_MAX), sysconf(_SC_ARG_MAX));
    ushort s = 65535;
    u_int u = 4000000000u;
    printf("%u %u\n", s, u);
    return 0;
}
