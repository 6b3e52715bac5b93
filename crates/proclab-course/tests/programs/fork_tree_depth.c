// proclab: lines in any order
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int depth;
    for (depth = 0; depth < 3; depth++) {
        pid_t pid = fork();
        if (pid > 0) {
            waitpid(pid, NULL, 0);
            printf("level %d done\n", depth);
            exit(0);
        }
    }
    printf("deepest child\n");
    return 0;
}
