// system() runs a command through /bin/sh and returns its wait status.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

int main(void) {
    printf("shell available: %d\n", system(NULL) != 0);
    fflush(stdout);
    int status = system("echo hello from the shell");
    printf("status %d, exited %d with %d\n", status, WIFEXITED(status), WEXITSTATUS(status));
    fflush(stdout);
    status = system("false");
    printf("false: exit %d\n", WEXITSTATUS(status));
    fflush(stdout);
    status = system("no-such-command-here");
    printf("missing: exit %d\n", WEXITSTATUS(status));
    return 0;
}
