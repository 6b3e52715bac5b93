#include <stdio.h>
#include <string.h>
#include <stdlib.h>

int main(void) {
    char buffer[32];
    char *word = "process";
    strcpy(buffer, word);
    printf("%s has %lu letters\n", buffer, strlen(buffer));
    printf("compare: %d %d %d\n", strcmp("a", "b") < 0, strcmp("b", "a") > 0, strcmp("x", "x"));
    printf("atoi: %d\n", atoi("  -123abc"));
    printf("[%5s][%-5s][%.3s]\n", "ab", "ab", "abcdef");
    printf("%c%c%c\n", word[0], word[1], 'c' + 1);
    return 0;
}
