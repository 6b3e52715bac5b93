// GNU C's statement expressions, as macros use them (OSTEP's generator.py writes one):
// locals of their own, the last expression's value, a void one as a statement.
#include <stdio.h>
#include <sys/time.h>

#define MAX(a, b) ({ int _a = (a), _b = (b); _a > _b ? _a : _b; })
#define SECONDS() ({ struct timeval t; gettimeofday(&t, NULL); (double) t.tv_sec + (double) t.tv_usec / 1e6; })

int calls = 0;
int next(void) { return ++calls; }

int main(void) {
    int _a = 100;
    printf("%d %d\n", MAX(3, 7), MAX(next(), next()));
    printf("calls=%d _a=%d\n", calls, _a);
    double start = SECONDS();
    printf("%d\n", SECONDS() - start < 1.0);
    int n = ({ int s = 0; for (int i = 1; i <= 10; i++) s += i; s; });
    ({ printf("sum %d\n", n); });
    return MAX(n, 0) - 55;
}
