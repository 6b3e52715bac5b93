/* Recursion 20,000 calls deep fits in Linux's 8 MiB stack. */
#include <stdio.h>

long depth(long n) {
    if (n == 0) {
        return 0;
    }
    return 1 + depth(n - 1);
}

int main(void) {
    printf("depth %ld\n", depth(20000));
    return 0;
}
