// Functions with variable arguments: va_start, va_arg, va_copy, va_end, and the v*printf
// family that takes a va_list.
#include <stdio.h>
#include <stdarg.h>
#include <string.h>

static int sum(int count, ...) {
    va_list ap;
    int total = 0;
    va_start(ap, count);
    for (int i = 0; i < count; i++)
        total += va_arg(ap, int);
    va_end(ap);
    return total;
}

static void report(const char *who, const char *format, ...) {
    char buf[100];
    va_list ap, again;
    va_start(ap, format);
    va_copy(again, ap);
    int n = vsnprintf(buf, sizeof buf, format, ap);
    printf("[%s] %s (%d)\n", who, buf, n);
    vfprintf(stdout, format, again);
    putchar('\n');
    va_end(again);
    va_end(ap);
}

static long longest(const char *first, ...) {
    va_list ap;
    const char *s = first;
    long best = 0;
    va_start(ap, first);
    while (s != NULL) {
        long n = (long) strlen(s);
        if (n > best) best = n;
        s = va_arg(ap, const char *);
    }
    va_end(ap);
    return best;
}

int main(void) {
    printf("%d %d\n", sum(3, 1, 2, 3), sum(0));
    report("me", "%s=%d %c %5.2s|%ld", "x", -7, 'q', "abcdef", 123456789012L);
    printf("%ld\n", longest("a", "abcd", "ab", (char *) NULL));
    char small[6];
    int n = snprintf(small, sizeof small, "%s", "truncated");
    printf("%s %d\n", small, n);
    return 0;
}
