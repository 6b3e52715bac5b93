#include <stdio.h>

int main(void) {
    int *p = NULL;
    printf("about to write through NULL\n");
    *p = 1;
    printf("never printed\n");
    return 0;
}
