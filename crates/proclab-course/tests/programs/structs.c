// Structs: members at gcc's offsets, a linked list on the heap, struct copies, typedef,
// and a global struct that fork's copy-on-write gives each process its own copy of.
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

struct point {
    int x;
    int y;
};

struct node {
    int value;
    struct node *next;
};

typedef struct {
    char tag;
    long count;
    char name[5];
} record;

struct point origin = {0, 0};
record totals = {'t', 100, "sum"};

struct node *push(struct node *head, int value) {
    struct node *n = malloc(sizeof(struct node));
    n->value = value;
    n->next = head;
    return n;
}

int sum(struct node *list) {
    int total = 0;
    for (; list != NULL; list = list->next)
        total += list->value;
    return total;
}

void move(struct point *p, int dx, int dy) {
    p->x += dx;
    (*p).y += dy;
}

int main(void) {
    printf("sizeof point %lu, node %lu, record %lu\n", sizeof(struct point),
           sizeof(struct node), sizeof(record));
    struct point a = {3, 4};
    struct point b = a;
    move(&b, 10, 20);
    printf("a = (%d, %d), b = (%d, %d)\n", a.x, a.y, b.x, b.y);

    struct point path[3] = {{1, 1}, {2, 4}, {3, 9}};
    struct point *p = path;
    p++;
    printf("second point (%d, %d), last y %d\n", p->x, p->y, path[2].y);

    struct node *list = NULL;
    for (int i = 1; i <= 4; i++)
        list = push(list, i * i);
    printf("list sum %d, head %d, then %d\n", sum(list), list->value, list->next->value);

    printf("totals: %c %ld %s\n", totals.tag, totals.count, totals.name);
    pid_t pid = fork();
    if (pid == 0) {
        origin.x = 42;
        totals.count++;
        printf("child: origin.x = %d, count = %ld\n", origin.x, totals.count);
        exit(0);
    }
    wait(NULL);
    printf("parent: origin.x = %d, count = %ld\n", origin.x, totals.count);
    return 0;
}
