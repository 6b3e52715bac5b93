// Designated initializers: .member = value and [index] = value in structs, arrays and
// nested lists, the items after one going on from it, an array sized by its last index.
#include <stdio.h>
#include <signal.h>
#include <string.h>

struct point { int x, y, z; };
struct config { const char *name; int level; struct point origin; int flags[4]; };

static struct config global = { .level = 3, .name = "global", .flags = { [2] = 7 } };
static int squares[] = { [4] = 16, [1] = 1, 4, [0] = 0 };
static const char *names[] = { [SIGINT] = "INT", [SIGTERM] = "TERM" };

static void handler(int sig) { printf("caught %s\n", names[sig]); }

int main(void) {
    struct point p = { .z = 3, .x = 1 };
    struct point q = { 9, .z = 8 };
    printf("%d %d %d | %d %d %d\n", p.x, p.y, p.z, q.x, q.y, q.z);
    printf("%s %d %d %d %d\n", global.name, global.level, global.origin.x, global.flags[2], global.flags[3]);
    printf("%zu:", sizeof squares / sizeof squares[0]);
    for (int i = 0; i < 5; i++) printf(" %d", squares[i]);
    printf("\n%zu %s %s\n", sizeof names / sizeof names[0], names[SIGINT], names[SIGTERM]);
    struct sigaction sa = { .sa_handler = handler, .sa_flags = 0 };
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    raise(SIGINT);
    struct config local = { .origin = { .y = 5 }, .name = "local" };
    printf("%s %d %d\n", local.name, local.origin.y, local.level);
    return 0;
}
