#include <stdio.h>
#include <stdlib.h>
#include <string.h>
int main(void) {
    int i;
    char buf[64];
    char small[8];
    printf("%d %d %d\n", rand(), rand(), rand());
    srand(42);
    for (i = 0; i < 5; i++) printf("%d ", rand() % 100);
    printf("\n");
    int n = sprintf(buf, "pid=%d name=%s", 42, "init");
    printf("%s (%d)\n", buf, n);
    n = snprintf(small, sizeof(small), "%s", "truncated text");
    printf("%s (%d)\n", small, n);
    strcpy(buf, "fork");
    strcat(buf, "+exec");
    printf("%s\n", buf);
    strncpy(small, "ab", 4);
    printf("%s\n", small);
    int *a = malloc(2 * sizeof(int));
    a[0] = 1; a[1] = 2;
    a = realloc(a, 4 * sizeof(int));
    a[3] = 4;
    printf("%d %d %d\n", a[0], a[1], a[3]);
    memcpy(buf, "xyz", 4);
    printf("%s\n", buf);
    write(1, "raw write\n", 10);
    return 0;
}
