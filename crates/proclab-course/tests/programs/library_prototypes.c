// Library calls convert their arguments to the parameters' types, as glibc's prototypes
// make gcc convert them: doubles to ints and sizes, negative ints to huge sizes.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <ctype.h>

int main(void) {
    double seconds = 1.75;
    printf("sleep(1.75) left %u\n", sleep(seconds));
    char *p = malloc(10.9);
    memset(p, 'x', 3.99);
    p[3] = '\0';
    printf("[%s] %zu\n", p, strlen(p));
    char buf[8] = "abcdefg";
    strncpy(buf, "XY", 2.5);
    printf("%s %c\n", buf, toupper(98.6));
    printf("%s\n", strerror(2.0));
    char *nothing = malloc(-1);
    printf("%s\n", nothing == NULL ? "malloc(-1) is NULL" : "?");
    write(1, "done\n", 5.0);
    exit(3.7);
}
