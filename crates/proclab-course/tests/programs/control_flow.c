#include <stdio.h>

const char *name(int state) {
    switch (state) {
    case 0:
        return "NEW";
    case 1:
        return "READY";
    case 2:
        return "RUNNING";
    default:
        return "OTHER";
    }
}

int main(void) {
    int i = 0;
    do {
        printf("%d:%s ", i, name(i));
        i++;
    } while (i < 4);
    printf("\n");
    for (i = 0; i < 10; i++) {
        if (i % 2 == 0) {
            continue;
        }
        if (i > 7) {
            break;
        }
        printf("%d ", i);
    }
    printf("\n");
    return 0;
}
