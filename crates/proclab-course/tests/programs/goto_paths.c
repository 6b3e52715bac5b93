// goto as C programs use it: cleanup paths, breaking out of nested loops, a retry loop.
#include <stdio.h>
#include <stdlib.h>

int find(int grid[3][3], int want, int *row, int *col) {
    for (int r = 0; r < 3; r++)
        for (int c = 0; c < 3; c++)
            if (grid[r][c] == want) {
                *row = r;
                *col = c;
                goto found;
            }
    return 0;
found:
    return 1;
}

int setup(int fail_at) {
    char *a = malloc(16), *b = NULL;
    if (fail_at == 1) goto fail_a;
    b = malloc(32);
    if (fail_at == 2) goto fail_b;
    printf("setup complete\n");
    free(b);
    free(a);
    return 0;
fail_b:
    printf("undoing b\n");
    free(b);
fail_a:
    printf("undoing a\n");
    free(a);
    return -1;
}

int main(void) {
    int grid[3][3] = {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}};
    int r, c;
    if (find(grid, 6, &r, &c)) printf("6 at (%d, %d)\n", r, c);
    printf("find 10: %d\n", find(grid, 10, &r, &c));
    for (int i = 0; i <= 2; i++) printf("setup(%d) = %d\n", i, setup(i));
    int tries = 0;
again:
    tries++;
    if (tries < 3) {
        printf("try %d failed, retrying\n", tries);
        goto again;
    }
    switch (tries) {
    case 3:
    done:
        printf("done after %d tries\n", tries);
        break;
    default:
        goto done;
    }
    return 0;
}
