#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    setbuf(stdout, NULL);
    pid_t first = fork();
    if (first == 0) {
        setpgid(0, 0);
        pause();
        _exit(0);
    }
    setpgid(first, first);
    for (int i = 0; i < 2; i++) {
        if (fork() == 0) {
            setpgid(0, first);
            pause();
            _exit(0);
        }
    }
    sleep(1);
    printf("killpg: %d\n", killpg(first, SIGTERM));
    int status, killed = 0;
    while (wait(&status) > 0)
        if (WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM) killed++;
    printf("%d processes of the group got SIGTERM\n", killed);
    int r = killpg(-3, SIGTERM);
    printf("negative group: %d %s\n", r, strerror(errno));
    r = killpg(first, SIGTERM);
    printf("an empty group: %d %s\n", r, strerror(errno));
    return 0;
}
