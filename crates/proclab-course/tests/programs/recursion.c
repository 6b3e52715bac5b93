#include <stdio.h>

long factorial(int n) {
    if (n <= 1) {
        return 1;
    }
    return n * factorial(n - 1);
}

int fib(int n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

int main(void) {
    int i;
    for (i = 0; i <= 10; i += 5) {
        printf("%d! = %ld\n", i, factorial(i));
    }
    printf("fib(15) = %d\n", fib(15));
    return 0;
}
