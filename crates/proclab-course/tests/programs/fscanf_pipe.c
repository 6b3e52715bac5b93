// fscanf on a pipe whose numbers arrive in pieces: the reader waits for the byte that ends
// each number, as glibc's does.
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fd[2];
    pipe(fd);
    if (fork() == 0) {
        close(fd[0]);
        write(fd[1], "12", 2);
        sleep(1);
        write(fd[1], "34 5", 4);
        sleep(1);
        write(fd[1], "6\n", 2);
        return 0;
    }
    close(fd[1]);
    FILE *in = fdopen(fd[0], "r");
    int n;
    while (fscanf(in, "%d", &n) == 1) printf("read %d\n", n);
    printf("then %d\n", feof(in) != 0);
    wait(NULL);
    return 0;
}
