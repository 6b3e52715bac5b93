#include <stdio.h>

int main(void) {
    printf("Hello, processes!\n");
    return 0;
}
