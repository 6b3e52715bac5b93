/* Functions defined in K&R C, as older books write them: the parameter names in the
   list, their types declared before the body (an undeclared one is int), an array
   parameter a pointer, and main itself with an implicit int. */
#include <stdio.h>

int add(a, b)
int a;
int b;
{
    return a + b;
}

char *pick(s, n)
    char *s;
    int n;
{
    return s + n;
}

long sum(values, count)
    int values[];
{
    long total = 0;
    int i;
    for (i = 0; i < count; i++)
        total += values[i];
    return total;
}

main(argc, argv)
    char **argv;
{
    int numbers[4] = {1, 2, 3, 4};
    printf("%d %s %ld %d\n", add(2, 3), pick("hello", 1), sum(numbers, 4), argv[argc] == 0);
    return 0;
}
