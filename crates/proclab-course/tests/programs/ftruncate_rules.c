#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
static void report(const char *what, int r) { printf("%s: %d %s\n", what, r, r ? strerror(errno) : ""); }
int main(void) {
    int fd = open("/tmp/ft_probe", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "hello world", 11);
    report("shrink", ftruncate(fd, 5));
    struct stat st;
    fstat(fd, &st);
    printf("size %ld\n", (long) st.st_size);
    report("grow", ftruncate(fd, 8192));
    fstat(fd, &st);
    char buf[16] = {0};
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 8);
    printf("size %ld, first bytes \"%s\"\n", (long) st.st_size, buf);
    report("negative", ftruncate(fd, -1));
    int ro = open("/tmp/ft_probe", O_RDONLY);
    report("read-only descriptor", ftruncate(ro, 1));
    report("closed descriptor", ftruncate(99, 1));
    int p[2];
    pipe(p);
    report("a pipe", ftruncate(p[1], 1));
    report("truncate by path", truncate("/tmp/ft_probe", 3));
    stat("/tmp/ft_probe", &st);
    printf("size %ld\n", (long) st.st_size);
    report("a directory", truncate("/tmp", 0));
    report("no such file", truncate("/tmp/nope/x", 0));
    unlink("/tmp/ft_probe");
    return 0;
}
