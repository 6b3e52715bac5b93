// Function pointers as courses use them: CS:APP's handler_t and Signal wrapper, tables of
// operations, struct members, parameters, return values, atexit with a pointer variable.
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
#include <stdlib.h>

typedef void handler_t(int);
typedef int (*binop)(int, int);

static int add(int a, int b) { return a + b; }
static int mul(int a, int b) { return a * b; }
static int sub(int a, int b) { return a - b; }

struct command {
    const char *name;
    int (*run)(int, int);
};

static struct command commands[] = {
    {"add", add},
    {"mul", &mul},
    {"sub", sub},
};

static binop table[3] = {add, mul, sub};
static void (*later)(void);

static void bye(void) { printf("bye from atexit\n"); }

static volatile sig_atomic_t got = 0;
static void on_usr1(int sig) { got = sig; }

handler_t *Signal(int signum, handler_t *handler) {
    struct sigaction action, old_action;
    action.sa_handler = handler;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(signum, &action, &old_action) < 0)
        perror("Signal error");
    return old_action.sa_handler;
}

static int apply(int (*f)(int, int), int x, int y) { return f(x, y); }
static int twice(binop f, int x) { return (*f)(x, x); }
static binop pick(int i) { return table[i]; }

int main(void) {
    for (int i = 0; i < 3; i++)
        printf("%s: %d\n", commands[i].name, commands[i].run(6, 3));
    printf("%d %d %d\n", apply(add, 1, 2), twice(mul, 5), pick(2)(10, 4));
    struct command *c = &commands[1];
    printf("%d\n", c->run(7, 7));
    int (*local)(int, int) = sub;
    printf("%d %d\n", local(1, 2), (*local)(5, 2));
    printf("%d\n", table[0] == add);
    printf("%d\n", later == NULL);
    later = bye;
    atexit(later);
    handler_t *old = Signal(SIGUSR1, on_usr1);
    printf("old is default: %d\n", old == SIG_DFL);
    kill(getpid(), SIGUSR1);
    printf("got %d\n", got);
    printf("%zu %zu\n", sizeof(binop), sizeof(commands[0]));
    return 0;
}
