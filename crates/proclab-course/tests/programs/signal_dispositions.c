#include <stdio.h>
#include <signal.h>

void handler(int signo) {
}

int main(void) {
    if (signal(SIGKILL, handler) == SIG_ERR) {
        perror("signal(SIGKILL)");
    }
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    printf("still alive: SIGTERM is ignored\n");
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    printf("never printed\n");
    return 0;
}
