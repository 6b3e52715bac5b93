#include <stdio.h>
#include <stdlib.h>
#include <limits.h>
int main(void) {
    printf("%d %d %d\n", abs(-7), abs(7), abs(0));
    printf("%ld %ld\n", labs(-70000000000L), labs(LONG_MIN + 1));
    printf("%lld\n", llabs(-5LL));
    printf("%d\n", abs(INT_MIN) == INT_MIN);
    double d = abs(-3) / 2.0;
    printf("%.1f\n", d);
    return 0;
}
