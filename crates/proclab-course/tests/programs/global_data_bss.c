#include <stdio.h>

int initialised = 42;
int zeroed;
char greeting[] = "hi";
static int calls;

int next(void) {
    static int seen = 10;
    seen++;
    calls++;
    return seen;
}

int main(void) {
    printf("%d %d %s\n", initialised, zeroed, greeting);
    next();
    next();
    printf("next() = %d after %d calls\n", next(), calls);
    return 0;
}
