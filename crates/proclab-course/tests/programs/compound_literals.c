// C99's compound literals and nested designators, as modern textbooks write them.
#include <stdio.h>
#include <string.h>

struct point { int x, y; };
struct rect { struct point min, max; char label[8]; };
struct line { struct point ends[2]; int width; };

int area(struct rect *r) { return (r->max.x - r->min.x) * (r->max.y - r->min.y); }
int sum(int *v, int n) { int s = 0; for (int i = 0; i < n; i++) s += v[i]; return s; }

int main(void) {
    struct rect r = { .min.x = 1, .min.y = 2, .max = { 4, 6 }, .label = "box" };
    printf("%d %d %d %d %s area %d\n", r.min.x, r.min.y, r.max.x, r.max.y, r.label, area(&r));
    struct line l = { .ends[1].y = 9, .ends[0] = { 1, 1 }, .width = 3 };
    printf("%d %d %d %d %d\n", l.ends[0].x, l.ends[0].y, l.ends[1].x, l.ends[1].y, l.width);
    int grid[2][3] = { [1][2] = 7, [0][1] = 5 };
    printf("%d %d %d\n", grid[0][1], grid[1][2], grid[1][0]);
    printf("area %d\n", area(&(struct rect){ .max = { 3, 3 } }));
    printf("sum %d\n", sum((int[]){ 1, 2, 3, 4 }, 4));
    struct point p = (struct point){ .y = 8 };
    printf("%d %d\n", p.x, p.y);
    p = (struct point){ 5, p.y + 1 };
    printf("%d %d %d\n", p.x, p.y, (struct point){ 2, 3 }.y);
    char *s = (char[]){ "hello" };
    s[0] = 'j';
    printf("%s %zu\n", s, sizeof (int[]){ 1, 2, 3 });
    for (int i = 0; i < 2; i++) {
        int *v = (int[3]){ i, i * 2 };
        printf("[%d %d %d]", v[0], v[1], v[2]);
    }
    printf("\n");
    return 0;
}
