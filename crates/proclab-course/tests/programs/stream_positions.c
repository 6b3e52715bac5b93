// Moving in streams: ftell and fseek around reads and writes, rewind, ungetc pushing a
// byte back, and getline reading lines of any length into a buffer it grows.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

int main(void) {
    FILE *f = fopen("data.txt", "w+");
    fprintf(f, "first line\nsecond, longer line\n42 apples\n");
    printf("after writing: %ld\n", ftell(f));
    rewind(f);
    char buf[32];
    fgets(buf, sizeof buf, f);
    printf("read [%.*s], at %ld\n", (int) strlen(buf) - 1, buf, ftell(f));
    fseek(f, -10, SEEK_END);
    int c = fgetc(f);
    printf("10 before the end: '%c', at %ld\n", c, ftell(f));
    ungetc(c, f);
    printf("after ungetc: %ld, then '%c'\n", ftell(f), fgetc(f));
    fseek(f, 0, SEEK_SET);
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) != -1)
        printf("%zd: %s", len, line);
    printf("cap %zu, feof %d\n", cap, feof(f));
    fseek(f, 0, SEEK_CUR);
    printf("fseek clears EOF: %d\n", feof(f));
    fclose(f);
    f = fopen("data.txt", "r");
    int n = 0;
    while ((c = fgetc(f)) != EOF) {
        if (isdigit(c)) {
            ungetc(c, f);
            fscanf(f, "%d", &n);
        }
    }
    printf("number %d\n", n);
    fclose(f);
    free(line);
    printf("ftell(stdout): %ld\n", ftell(stdout));
    return 0;
}
