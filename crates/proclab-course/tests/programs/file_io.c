// Files: open with O_CREAT and O_TRUNC, write, read at the description's offset, lseek,
// an offset shared with a forked child, O_APPEND, stat, errors, dup2 onto a file, unlink.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    char buf[64];
    long n;
    int fd = open("data.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    printf("open gave fd %d\n", fd);
    write(fd, "hello, file\n", 12);
    write(fd, "second line\n", 12);
    close(fd);

    fd = open("data.txt", O_RDONLY);
    n = read(fd, buf, 5);
    buf[n] = 0;
    printf("first %ld bytes: %s\n", n, buf);
    lseek(fd, 7, SEEK_SET);
    n = read(fd, buf, 4);
    buf[n] = 0;
    printf("at offset 7: %s\n", buf);
    printf("the end is at %ld\n", (long)lseek(fd, 0, SEEK_END));

    lseek(fd, 0, SEEK_SET);
    if (fork() == 0) {
        read(fd, buf, 7);
        exit(0);
    }
    wait(NULL);
    n = read(fd, buf, 4);
    buf[n] = 0;
    printf("after the child read 7 bytes, the parent reads: %s\n", buf);
    close(fd);

    fd = open("data.txt", O_WRONLY | O_APPEND);
    write(fd, "third\n", 6);
    close(fd);
    struct stat st;
    stat("data.txt", &st);
    printf("size %ld, regular file %d, directory %d\n", st.st_size, S_ISREG(st.st_mode),
           S_ISDIR(st.st_mode));

    if (open("missing.txt", O_RDONLY) < 0)
        perror("open missing.txt");
    if (open("data.txt", O_WRONLY | O_CREAT | O_EXCL, 0644) < 0)
        perror("open with O_EXCL");
    if (read(42, buf, 1) < 0)
        printf("read(42): errno %d is EBADF: %d\n", errno, errno == EBADF);

    int out = open("out.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int saved = dup(1);
    dup2(out, 1);
    printf("this line goes into out.txt\n");
    fflush(stdout);
    dup2(saved, 1);
    close(out);
    fd = open("out.txt", O_RDONLY);
    n = read(fd, buf, sizeof(buf) - 1);
    buf[n] = 0;
    printf("out.txt holds: %s", buf);
    close(fd);

    unlink("data.txt");
    unlink("out.txt");
    if (open("data.txt", O_RDONLY) < 0)
        perror("open after unlink");
    return 0;
}
