// A call through a pointer that points to no function: SIGSEGV, as on Linux.
#include <stdio.h>
int main(void) {
    void (*f)(void) = (void (*)(void)) 0x1234;
    printf("calling\n");
    fflush(stdout);
    f();
    printf("not reached\n");
    return 0;
}
