// setsid as a daemon uses it: the process a shell started leads its process group, so its
// setsid fails (EPERM); a forked child is no leader and starts a new session.
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    pid_t me = getpid();
    printf("leader of its group: %d\n", getpgrp() == me);
    int rc = setsid();
    printf("setsid in the leader: %d (%s)\n", rc, strerror(errno));
    fflush(stdout);
    pid_t child = fork();
    if (child == 0) {
        pid_t s = setsid();
        printf("child: setsid gave its pid %d, session %d, group %d\n", s == getpid(),
               getsid(0) == getpid(), getpgrp() == getpid());
        printf("child: parent's session differs: %d\n", getsid(getppid()) != getsid(0));
        return 0;
    }
    wait(NULL);
    rc = getsid(99999);
    printf("getsid(no such pid): %d (%s)\n", rc, strerror(errno));
    return 0;
}
