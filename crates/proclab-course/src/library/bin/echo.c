/* echo: writes its arguments, separated by spaces, then a newline. */
#include <stdio.h>

int main(int argc, char *argv[]) {
    int i;
    for (i = 1; i < argc; i++) {
        if (i > 1) {
            putchar(' ');
        }
        printf("%s", argv[i]);
    }
    putchar('\n');
    return 0;
}
