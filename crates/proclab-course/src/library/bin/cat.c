/* cat: copies each file named (or its standard input, for none or "-") to its standard
   output. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int copy(int fd) {
    char buffer[64];
    long n;
    while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
        write(1, buffer, n);
    }
    return n < 0 ? -1 : 0;
}

int main(int argc, char *argv[]) {
    int status = 0;
    int i;
    if (argc < 2) {
        return copy(0) == 0 ? 0 : 1;
    }
    for (i = 1; i < argc; i++) {
        int fd = strcmp(argv[i], "-") == 0 ? 0 : open(argv[i], O_RDONLY);
        if (fd < 0 || copy(fd) < 0) {
            fprintf(stderr, "cat: %s: ", argv[i]);
            perror(NULL);
            status = 1;
        }
        if (fd > 0) {
            close(fd);
        }
    }
    return status;
}
