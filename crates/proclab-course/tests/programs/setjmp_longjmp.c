// setjmp/longjmp and sigsetjmp/siglongjmp: a jump out of nested calls, longjmp(env, 0)
// returning 1, and a handler that jumps back with the signal mask restored.
#include <stdio.h>
#include <setjmp.h>
#include <signal.h>
#include <unistd.h>
#include <stdlib.h>

static jmp_buf env;
static sigjmp_buf senv;
static int depth;

static void dive(int n) {
    depth = n;
    if (n == 3) longjmp(env, 42);
    dive(n + 1);
    printf("not reached\n");
}

static void on_int(int sig) {
    siglongjmp(senv, sig);
}

int main(void) {
    volatile int tries = 0;
    int r = setjmp(env);
    printf("setjmp returned %d (tries %d)\n", r, tries);
    if (r == 0) {
        tries++;
        dive(0);
    }
    printf("came back from depth %d\n", depth);
    if (setjmp(env) == 0) longjmp(env, 0);
    printf("longjmp with 0 gives 1\n");

    signal(SIGINT, on_int);
    int s = sigsetjmp(senv, 1);
    if (s == 0) {
        printf("raising SIGINT\n");
        fflush(stdout);
        raise(SIGINT);
        printf("not reached either\n");
    }
    printf("restarted by signal %d\n", s);
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("SIGINT blocked after siglongjmp: %d\n", sigismember(&now, SIGINT));
    if (tries < 2) {
        tries++;
        raise(SIGINT);
    }
    switch (setjmp(env)) {
    case 0:
        dive(0);
        break;
    case 42:
        printf("switch (setjmp(env)) saw 42\n");
        break;
    }
    printf("done after %d tries\n", tries);
    return 0;
}
