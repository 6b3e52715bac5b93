// proclab: lines in any order
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    pid_t pid = fork();
    if (pid == 0) {
        printf("child: fork returned 0\n");
    } else {
        printf("parent: fork returned a positive pid: %s\n", pid > 0 ? "yes" : "no");
        wait(NULL);
    }
    return 0;
}
