#include <stdio.h>

int sum(int *values, int n) {
    int total = 0;
    int i;
    for (i = 0; i < n; i++) {
        total += values[i];
    }
    return total;
}

int main(void) {
    int a[5] = {3, 1, 4, 1, 5};
    int *p = a;
    int *end = a + 5;
    printf("sum = %d\n", sum(a, 5));
    printf("elements apart: %ld\n", end - p);
    p += 2;
    printf("*p = %d, p[1] = %d\n", *p, p[1]);
    *p = 9;
    printf("a[2] is now %d\n", a[2]);
    printf("sizeof a = %lu, sizeof p = %lu\n", sizeof(a), sizeof(p));
    return 0;
}
