/* waitpid's targets as Linux reads them: 0 waits for a child in the caller's process group, -N for one in group N; setpgid moves a child into a group of its own. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int status;
    pid_t a = fork();
    if (a == 0) {
        _exit(3);
    }
    pid_t b = fork();
    if (b == 0) {
        setpgid(0, 0);
        sleep(1);
        _exit(4);
    }
    pid_t got = waitpid(0, &status, 0);
    printf("waitpid(0) reaped the first child: %s, status %d\n", got == a ? "yes" : "no", WEXITSTATUS(status));
    got = waitpid(-getpgrp(), &status, WNOHANG);
    printf("waitpid(-pgrp, WNOHANG) = %d\n", got);
    got = waitpid(-1, &status, 0);
    printf("waitpid(-1) reaped the second: %s, status %d\n", got == b ? "yes" : "no", WEXITSTATUS(status));
    return 0;
}
