// Declarations as older C writes them: several prototypes in one declaration, a variable
// and a prototype together, offsetof from <stddef.h>, and a string continued with a
// backslash at the end of a line.
#include <stdio.h>
#include <stddef.h>

void foo(void), bar(int n);
int counter = 3, twice(int x);

struct record { char tag; long id; struct { int x, y; } at[4]; char name[10]; };

int main(void) {
    foo();
    bar(twice(counter));
    printf("%zu %zu %zu %zu %zu\n", offsetof(struct record, tag), offsetof(struct record, id),
           offsetof(struct record, at), offsetof(struct record, at[2].y),
           offsetof(struct record, name));
    printf("one long \
string\n");
    return 0;
}

void foo(void) { printf("foo\n"); }
void bar(int n) { printf("bar %d\n", n); }
int twice(int x) { return 2 * x; }
