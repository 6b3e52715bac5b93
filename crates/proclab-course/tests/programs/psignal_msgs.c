#include <signal.h>
#include <stdio.h>
#include <string.h>
int main(void) {
    psignal(SIGSEGV, "caught");
    psignal(SIGINT, "");
    psignal(SIGCHLD, NULL);
    psignal(99, "odd");
    return 0;
}
