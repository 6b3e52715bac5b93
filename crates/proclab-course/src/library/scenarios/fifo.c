// A FIFO: mkfifo makes a named pipe; the reader's open() waits for a writer; what the
// writer writes comes out in order, then end of file once it closes.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    if (mkfifo("channel", 0644) < 0) {
        perror("mkfifo");
        return 1;
    }
    if (mkfifo("channel", 0644) < 0)
        perror("mkfifo again");
    pid_t pid = fork();
    if (pid == 0) {
        int out = open("channel", O_WRONLY);
        write(out, "through the fifo\n", 17);
        close(out);
        exit(0);
    }
    int in = open("channel", O_RDONLY);
    char buf[64];
    long n = read(in, buf, sizeof(buf) - 1);
    buf[n] = 0;
    printf("reader got %ld bytes: %s", n, buf);
    waitpid(pid, NULL, 0);
    n = read(in, buf, sizeof(buf));
    printf("after the writer closed, read returns %ld\n", n);
    close(in);
    struct stat st;
    stat("channel", &st);
    printf("channel is a FIFO: %d\n", S_ISFIFO(st.st_mode));
    unlink("channel");
    return 0;
}
