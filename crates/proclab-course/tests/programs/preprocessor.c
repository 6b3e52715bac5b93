/* The C preprocessor as textbook programs use it: conditional groups, function-like and
 * variadic macros, # and ##, predefined macros, and the <unistd.h> descriptor names. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>

#define DEBUG 1
#define SQUARE(x) ((x) * (x))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#define STR(x) #x
#define XSTR(x) STR(x)
#define CAT(a, b) a##b
#define LOG(fmt, ...) printf("[%s:%d] " fmt "\n", __func__, __LINE__, ##__VA_ARGS__)
#define BUFSIZE 4 * 8

#ifndef BUFSIZE
#error BUFSIZE must be defined
#endif

static int counter;

void bump(void) {
    CAT(coun, ter)++;
#if DEBUG > 0 && defined(SQUARE)
    LOG("counter is now %d", counter);
#else
    printf("quiet\n");
#endif
}

int main(void) {
    int values[] = {3, -4, 5};
    int i;
    for (i = 0; i < 3; i++) {
        printf("%d squared is %d, max with 0 is %d\n", values[i], SQUARE(values[i]),
               MAX(values[i], 0));
    }
    printf("%s = %d; %s\n", STR(BUFSIZE), BUFSIZE, XSTR(BUFSIZE));
    bump();
    bump();
    LOG("no arguments");
#ifdef __linux__
    printf("built for Linux, C %ld\n", __STDC_VERSION__);
#endif
#if defined(_WIN32) || !defined(STDOUT_FILENO)
    printf("unexpected platform\n");
#elif EPIPE == 32
    write(STDOUT_FILENO, "EPIPE is 32\n", 12);
#endif
    errno = ENOENT;
    printf("strerror: %s; %s\n", strerror(errno), strerror(EAGAIN));
    printf("%s\n", strerror(12345));
    return 0;
}
