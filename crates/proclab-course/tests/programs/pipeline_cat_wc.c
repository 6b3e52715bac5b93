#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

/* printf "a b\nc\n" | cat | wc: three processes, two pipes. */
int main(void) {
    int first[2];
    int second[2];
    pipe(first);
    pipe(second);
    if (fork() == 0) {
        dup2(first[0], 0);
        dup2(second[1], 1);
        close(first[0]); close(first[1]); close(second[0]); close(second[1]);
        execlp("cat", "cat", NULL);
        return 1;
    }
    if (fork() == 0) {
        dup2(second[0], 0);
        close(first[0]); close(first[1]); close(second[0]); close(second[1]);
        execlp("wc", "wc", NULL);
        return 1;
    }
    close(first[0]); close(second[0]); close(second[1]);
    write(first[1], "a b\nc\n", 6);
    close(first[1]);
    while (wait(NULL) > 0) {
    }
    return 0;
}
