#include <stdio.h>
#include <signal.h>

int caught = 0;

void on_usr1(int signo) {
    caught = signo;
    printf("handler: caught signal %d\n", signo);
}

int main(void) {
    signal(SIGUSR1, on_usr1);
    printf("raising SIGUSR1\n");
    raise(SIGUSR1);
    printf("back in main, caught = %d\n", caught);
    return 0;
}
