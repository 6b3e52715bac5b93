/* A failed assert: glibc's message on stderr names the program, file, line, function and
 * the expression, then abort() ends the process with SIGABRT (exit status 134). */
#include <assert.h>
#include <stdio.h>

int half(int n) {
    assert(n % 2 == 0);
    return n / 2;
}

int main(void) {
    printf("half of 10 is %d\n", half(10));
    fflush(stdout);
    printf("half of 7 is %d\n", half(7));
    return 0;
}
