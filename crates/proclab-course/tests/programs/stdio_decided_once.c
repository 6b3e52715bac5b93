/* glibc decides stdout's buffering once, at its first write: line buffered for the terminal here, and it stays so after dup2 points fd 1 at a file, so fork finds nothing buffered to duplicate. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    printf("to the terminal\n");
    int fd = open("/tmp/proclab-stdio-probe", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    int saved = dup(1);
    dup2(fd, 1);
    printf("into the file\n");
    if (fork() == 0) {
        exit(0);
    }
    wait(NULL);
    fflush(stdout);
    dup2(saved, 1);
    char buf[128];
    int in = open("/tmp/proclab-stdio-probe", O_RDONLY);
    int n = read(in, buf, sizeof buf);
    printf("the file holds %d bytes\n", n);
    unlink("/tmp/proclab-stdio-probe");
    return 0;
}
