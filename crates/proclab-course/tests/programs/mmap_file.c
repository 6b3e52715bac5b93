// mmap of a file: a MAP_SHARED mapping is the file itself (a store through it is read back
// with read(), and a child's store is seen by the parent); write() shows up in the
// mapping; a MAP_PRIVATE mapping's stores never reach the file.
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    char buf[32];
    int fd = open("shared.txt", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "hello, mapped file\n", 19);
    char *map = mmap(NULL, 19, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (map == MAP_FAILED) {
        perror("mmap");
        return 1;
    }
    printf("the mapping reads: %.5s\n", map);
    map[0] = 'J';
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 19);
    buf[19] = 0;
    printf("read() after a store: %s", buf);

    if (fork() == 0) {
        memcpy(map + 7, "CHILD", 5);
        exit(0);
    }
    wait(NULL);
    printf("after the child's store: %.19s", map);

    lseek(fd, 7, SEEK_SET);
    write(fd, "write", 5);
    printf("after write(): %.19s", map);

    char *copy = mmap(NULL, 19, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    copy[0] = 'P';
    lseek(fd, 0, SEEK_SET);
    read(fd, buf, 1);
    printf("private copy starts with %c, the file still with %c\n", copy[0], buf[0]);

    int ro = open("shared.txt", O_RDONLY);
    if (mmap(NULL, 19, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0) == MAP_FAILED)
        perror("mmap of a read-only descriptor for writing");
    munmap(map, 19);
    close(fd);
    unlink("shared.txt");
    return 0;
}
