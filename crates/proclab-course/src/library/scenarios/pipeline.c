#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

/* The shell pipeline `echo one two three | wc -w`, built by hand. */
int main(void) {
    int fds[2];
    pipe(fds);
    if (fork() == 0) {
        dup2(fds[1], 1);
        close(fds[0]);
        close(fds[1]);
        execlp("echo", "echo", "one", "two", "three", NULL);
        perror("exec echo");
        return 1;
    }
    if (fork() == 0) {
        dup2(fds[0], 0);
        close(fds[0]);
        close(fds[1]);
        execlp("wc", "wc", "-w", NULL);
        perror("exec wc");
        return 1;
    }
    close(fds[0]);
    close(fds[1]);
    while (wait(NULL) > 0) {
    }
    printf("pipeline done\n");
    return 0;
}
