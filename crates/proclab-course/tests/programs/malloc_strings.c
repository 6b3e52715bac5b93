#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    char *a = malloc(16);
    char *b = calloc(4, 4);
    int i;
    strcpy(a, "heap");
    printf("%s %d\n", a, b[3]);
    free(a);
    char *c = malloc(8);
    printf("reused the freed block: %s\n", c == a ? "yes" : "no");
    int *squares = malloc(10 * sizeof(int));
    for (i = 0; i < 10; i++) {
        squares[i] = i * i;
    }
    printf("%d %d\n", squares[3], squares[9]);
    memset(b, 'z', 3);
    printf("%s\n", b);
    return 0;
}
