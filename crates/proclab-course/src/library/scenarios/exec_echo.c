#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    if (fork() == 0) {
        execl("/bin/echo", "echo", "hello", "from", "exec", NULL);
        perror("execl");
        return 1;
    }
    wait(NULL);
    if (fork() == 0) {
        char *argv[] = {"echo", "found", "by", "PATH", NULL};
        execvp("echo", argv);
        perror("execvp");
        return 1;
    }
    wait(NULL);
    printf("both children done\n");
    return 0;
}
