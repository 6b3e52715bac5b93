#include <stdio.h>

int main(void) {
    int zero = 0;
    printf("about to divide by zero\n");
    printf("%d\n", 10 / zero);
    return 0;
}
