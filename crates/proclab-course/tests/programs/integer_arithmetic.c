#include <stdio.h>

int main(void) {
    unsigned int u = 0;
    int x = -7;
    char c = 200;
    unsigned char uc = 200;
    long big = 1L << 40;
    u = u - 1;
    printf("%u %d %d\n", u, x / 2, x % 2);
    printf("%d %d\n", c, uc);
    printf("%ld %lx\n", big, big);
    printf("%d\n", -1 < (int)u);
    printf("%x %X %o %#x\n", 255, 255, 8, 255);
    printf("%d %d %d\n", 7 >> 1, -8 >> 1, 1 << 4);
    printf("%d\n", (3 > 2) + (2 > 3) + !0 + ~0);
    return 0;
}
