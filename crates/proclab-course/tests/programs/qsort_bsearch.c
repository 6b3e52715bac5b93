// qsort and bsearch with the comparison functions courses write: ints, strings, structs
// by a key (equal keys keep their order), a comparison that counts its calls.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct student { char name[12]; int grade; };

int calls = 0;
int by_int(const void *a, const void *b) {
    calls++;
    int x = *(const int *) a, y = *(const int *) b;
    return (x > y) - (x < y);
}
int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}
int by_grade(const void *a, const void *b) {
    return ((const struct student *) b)->grade - ((const struct student *) a)->grade;
}

int main(void) {
    int v[] = {42, 7, 19, 3, 88, 7, 61, 25, 3, 100};
    int n = sizeof v / sizeof v[0];
    qsort(v, n, sizeof v[0], by_int);
    for (int i = 0; i < n; i++) printf("%d ", v[i]);
    printf("(%d comparisons)\n", calls);
    int key = 61;
    int *found = bsearch(&key, v, n, sizeof v[0], by_int);
    printf("61 at index %ld\n", found - v);
    key = 5;
    printf("5: %s\n", bsearch(&key, v, n, sizeof v[0], by_int) ? "found" : "absent");
    char *words[] = {"pear", "apple", "fig", "banana", "cherry"};
    qsort(words, 5, sizeof words[0], by_name);
    for (int i = 0; i < 5; i++) printf("%s ", words[i]);
    printf("\n");
    struct student class[] = {{"ada", 90}, {"bob", 75}, {"cy", 90}, {"di", 60}, {"ed", 75}};
    qsort(class, 5, sizeof class[0], by_grade);
    for (int i = 0; i < 5; i++) printf("%s:%d ", class[i].name, class[i].grade);
    printf("\n");
    int *big = malloc(2000 * sizeof(int));
    for (int i = 0; i < 2000; i++) big[i] = (i * 7919) % 2003;
    calls = 0;
    qsort(big, 2000, sizeof(int), by_int);
    int sorted = 1;
    for (int i = 1; i < 2000; i++) if (big[i - 1] > big[i]) sorted = 0;
    printf("2000 sorted: %d, %d comparisons\n", sorted, calls);
    return 0;
}
