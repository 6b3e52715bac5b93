// <limits.h>, <stdint.h> and <inttypes.h>: the limits and PRI conversions glibc defines, and
// integer constants typed as C types them (UINT_MAX is an unsigned int).
#include <stdio.h>
#include <limits.h>
#include <inttypes.h>
int main(void) {
    printf("%d %d %u %ld %ld %lu\n", INT_MAX, INT_MIN, UINT_MAX, LONG_MAX, LONG_MIN, ULONG_MAX);
    printf("%d %d %d %d\n", CHAR_BIT, SCHAR_MIN, SHRT_MAX, PATH_MAX);
    int64_t big = INT64_MAX;
    uint32_t u = UINT32_MAX;
    printf("%" PRId64 " %" PRIu32 " %" PRIx64 "\n", big, u, (uint64_t) 255);
    printf("%zu %zu %zu\n", sizeof(INT_MAX), sizeof(UINT_MAX), sizeof(LONG_MIN));
    printf("%d\n", INT_MIN < 0);
    printf("%lu\n", SIZE_MAX);
    return 0;
}
