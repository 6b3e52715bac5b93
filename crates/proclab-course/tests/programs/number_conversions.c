// Text to numbers as glibc converts it (strtol, strtoul, atol, atoll: bases, prefixes,
// where the number ends, ERANGE and EINVAL), and fputs and fputc.
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
int main(void) {
    int a = fputs("hello ", stdout);
    int b = fputs("", stdout);
    int c = fputc('x', stdout);
    int d = putc('\n', stdout);
    printf("%d %d %d %d\n", a, b, c, d);
    char *end;
    errno = 0;
    long v = strtol("  -0x1fZ", &end, 0);
    printf("%ld [%s] %d\n", v, end, errno);
    v = strtol("99999999999999999999", &end, 10);
    printf("%ld [%s] %d\n", v, end, errno);
    errno = 0;
    unsigned long u = strtoul("-1", &end, 10);
    printf("%lu [%s] %d\n", u, end, errno);
    v = strtol("abc", &end, 10);
    printf("%ld [%s] %d\n", v, end, errno);
    v = strtol("777", NULL, 8);
    printf("%ld %ld %lld\n", v, atol("123abc"), atoll("-9"));
    errno = 0;
    v = strtol("10", &end, 1);
    printf("%ld [%s] %d\n", v, end, errno);
    v = strtol("z", &end, 36);
    printf("%ld [%s]\n", v, end);
    return 0;
}
