// Job control: SIGSTOP stops a child (waitpid with WUNTRACED sees it), SIGCONT lets it go
// on (WCONTINUED sees that), and a stopped process cannot catch SIGSTOP.
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int status;
    pid_t pid = fork();
    if (pid == 0) {
        int i;
        for (i = 0; i < 3; i++) {
            sleep(1);
        }
        printf("child: finished its three seconds of sleep\n");
        exit(5);
    }
    if (signal(SIGSTOP, SIG_IGN) == SIG_ERR)
        perror("signal(SIGSTOP)");
    kill(pid, SIGSTOP);
    waitpid(pid, &status, WUNTRACED);
    printf("stopped: %d, by signal %d, exited: %d, signaled: %d\n", WIFSTOPPED(status),
           WSTOPSIG(status), WIFEXITED(status), WIFSIGNALED(status));
    kill(pid, SIGCONT);
    waitpid(pid, &status, WCONTINUED);
    printf("continued: %d\n", WIFCONTINUED(status));
    waitpid(pid, &status, 0);
    printf("exited: %d, status %d\n", WIFEXITED(status), WEXITSTATUS(status));
    return 0;
}
