// scanf's family as course programs use it: numbers and words from standard input until
// EOF, a line parsed with sscanf, a file read back with fscanf.
#include <stdio.h>
#include <string.h>

int main(void) {
    int n, total = 0, count = 0;
    char name[32];
    double price;
    if (scanf("%31s %lf", name, &price) == 2)
        printf("item %s costs %.2f\n", name, price);
    while (scanf("%d", &n) == 1) {
        total += n;
        count++;
    }
    printf("%d numbers, total %d\n", count, total);
    printf("next scanf: %d\n", scanf("%d", &n));

    int h, m, s;
    char rest[16];
    int got = sscanf("12:34:56 pm", "%d:%d:%d %15s", &h, &m, &s, rest);
    printf("%d fields: %02d-%02d-%02d %s\n", got, h, m, s, rest);
    printf("mismatch: %d\n", sscanf("x12", "%d", &n));
    printf("empty: %d\n", sscanf("", "%d", &n));
    unsigned x;
    char c;
    sscanf("ff z", "%x %c", &x, &c);
    printf("%u %c\n", x, c);

    FILE *f = fopen("pairs.txt", "w");
    for (int i = 1; i <= 3; i++) fprintf(f, "%d %d\n", i, i * i);
    fclose(f);
    f = fopen("pairs.txt", "r");
    int a, b;
    while (fscanf(f, "%d %d", &a, &b) == 2) printf("%d^2 = %d\n", a, b);
    fclose(f);
    char line[64];
    int consumed;
    sscanf("  key = value with spaces", " %[^=]= %[^\n]%n", name, line, &consumed);
    printf("[%s] [%s] %d\n", name, line, consumed);
    return 0;
}
