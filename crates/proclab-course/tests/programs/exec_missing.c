#include <stdio.h>
#include <unistd.h>

int main(void) {
    char *argv[] = {"no-such-program", NULL};
    execvp("no-such-program", argv);
    perror("execvp");
    printf("still running the old program\n");
    return 3;
}
