#include <stdio.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/wait.h>
int main(void) {
    pid_t child = fork();
    if (child == 0) _exit(7);
    int status;
    struct rusage ru;
    pid_t got = wait4(child, &status, 0, &ru);
    printf("wait4 reaped the child: %d, status %d, time not negative: %d\n", got == child,
           WEXITSTATUS(status), ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0);
    if (fork() == 0) _exit(3);
    got = wait3(&status, 0, NULL);
    printf("wait3: %d %d\n", got > 0, WEXITSTATUS(status));
    printf("nothing left: %d\n", wait3(&status, WNOHANG, &ru));
    return 0;
}
