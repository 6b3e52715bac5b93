/* Address constants in global initializers: a global array, &global, &array[i],
   &object.member, and an address plus or minus a constant, in data and pointing into bss. */
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int counter = 5;
int later;
int table[4] = {10, 20, 30, 40};
char name[8] = "ada";
struct pair {
    int a;
    int b;
} pair = {7, 8};

int *to_counter = &counter;
int *to_later = &later;
char *first = name;
char *second = name + 1;
int *third = &table[2];
int *last = table + 3;
int *before_last = &table[3] - 1;
int *to_b = &pair.b;
int *all[3] = {&counter, table + 1, &pair.a};
struct holder {
    const char *label;
    int *value;
} holders[2] = {{"counter", &counter}, {"later", &later}};

int main(void) {
    later = 99;
    printf("%d %d %s %s %d %d %d %d\n", *to_counter, *to_later, first, second, *third, *last,
           *before_last, *to_b);
    printf("%d %d %d\n", *all[0], *all[1], *all[2]);
    if (fork() == 0) {
        *to_counter = 6;
        printf("child: %s = %d, %s = %d\n", holders[0].label, *holders[0].value,
               holders[1].label, *holders[1].value);
        return 0;
    }
    wait(NULL);
    printf("parent: counter = %d\n", counter);
    return 0;
}
