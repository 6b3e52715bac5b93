// Unions, as gcc lays them out: members sharing their bytes, a tagged union in a struct,
// a typedef'd anonymous union, initializers of one member.
#include <stdio.h>
#include <string.h>

union value {
    int i;
    char bytes[8];
    long l;
};

struct tagged {
    int kind;
    union { int number; const char *text; } as;
};

typedef union { unsigned int word; unsigned char b[4]; } word_t;

int main(void) {
    union value v;
    memset(&v, 0, sizeof v);
    v.i = 0x41424344;
    printf("%zu %d %c%c%c%c\n", sizeof(union value), v.i, v.bytes[0], v.bytes[1], v.bytes[2], v.bytes[3]);
    v.l = -1;
    printf("%d\n", v.i);
    struct tagged t[2] = { { 0, { .number = 7 } }, { 1, { .text = "seven" } } };
    for (int k = 0; k < 2; k++) {
        if (t[k].kind == 0) printf("number %d\n", t[k].as.number);
        else printf("text %s\n", t[k].as.text);
    }
    word_t w = { 0x01020304 };
    printf("%zu %u %u %u %u\n", sizeof w, w.b[0], w.b[1], w.b[2], w.b[3]);
    union value copy = v;
    printf("%ld %zu\n", copy.l, sizeof(struct tagged));
    return 0;
}
