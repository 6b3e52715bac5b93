#include <stdio.h>

int depth(int n) {
    char padding[4000];
    padding[0] = n;
    return depth(n + 1) + padding[0];
}

int main(void) {
    printf("recursing without end\n");
    return depth(0);
}
