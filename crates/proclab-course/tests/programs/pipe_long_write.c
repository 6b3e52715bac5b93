// One write() of more than PIPE_BUF bytes but less than the pipe holds goes in whole.
#include <stdio.h>
#include <unistd.h>
int main(void) {
    int fd[2];
    static char big[10000];
    pipe(fd);
    printf("wrote %zd\n", write(fd[1], big, sizeof big));
    printf("read %zd\n", read(fd[0], big, sizeof big));
    return 0;
}
