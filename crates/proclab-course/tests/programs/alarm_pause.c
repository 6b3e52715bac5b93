#include <stdio.h>
#include <signal.h>
#include <unistd.h>

void on_alarm(int signo) {
    printf("the alarm went off (signal %d)\n", signo);
}

int main(void) {
    signal(SIGALRM, on_alarm);
    alarm(1);
    printf("pausing until a signal arrives\n");
    int result = pause();
    printf("pause returned %d\n", result);
    return 0;
}
