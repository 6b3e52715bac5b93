#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
static void report(const char *what, int r) { printf("%s: %d %s\n", what, r, r ? strerror(errno) : ""); }
int main(void) {
    int fd = open("/tmp/msync_probe", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 8192);
    char *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    strcpy(p, "synced");
    report("MS_SYNC", msync(p, 8192, MS_SYNC));
    report("MS_ASYNC part", msync(p + 4096, 100, MS_ASYNC | MS_INVALIDATE));
    report("both", msync(p, 8192, MS_SYNC | MS_ASYNC));
    report("unaligned", msync(p + 1, 10, MS_SYNC));
    report("past the mapping", msync(p, 3 * 4096 * 1000, MS_SYNC));
    char buf[8] = {0};
    munmap(p, 8192);
    close(fd);
    fd = open("/tmp/msync_probe", O_RDONLY);
    read(fd, buf, 6);
    printf("the file says %s\n", buf);
    unlink("/tmp/msync_probe");
    return 0;
}
