#include <stdbool.h>
#include <stdio.h>

struct flags { bool ready; _Bool done; int n; };

static bool is_even(int n) { return n % 2 == 0; }

int main(void) {
    bool b = 5;
    _Bool c = 0.25;
    bool d = (void *) &b;
    bool arr[4] = { 0, 7, -1, 0 };
    struct flags f = { 2, false, 3 };
    printf("%d %d %d %zu %zu\n", b, c, d, sizeof(bool), sizeof f);
    printf("%d %d %d %d\n", arr[0], arr[1], arr[2], arr[3]);
    printf("%d %d %d\n", f.ready, f.done, f.n);
    b = 0;
    b += 3;
    printf("compound: %d\n", b);
    b = false;
    b = !b;
    printf("not: %d, true + true = %d\n", b, true + true);
    int count = 0;
    for (int i = 0; i < 10; i++) count += is_even(i);
    printf("evens %d, is_even(3) %d\n", count, is_even(3));
    bool big = 256;
    unsigned char uc = 256;
    printf("256 as bool %d, as unsigned char %d\n", big, uc);
    bool flag = false;
    flag++;
    flag++;
    printf("incremented twice: %d; ", flag);
    bool old = flag--;
    printf("decremented: %d (it was %d)\n", flag, old);
    return 0;
}
