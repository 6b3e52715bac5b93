#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "report.h"

int reports = 0;

/* Private to this file: the program has a function of the same name. */
static int count(void) {
    return ++reports;
}

void report_error(const char *format, ...) {
    char message[200];
    int saved = errno;
    va_list ap;
    va_start(ap, format);
    vsnprintf(message, sizeof message, format, ap);
    va_end(ap);
    fflush(stdout);
    fprintf(stderr, "%s: %s [%s] (report %d)\n", PROGRAM_NAME, message, strerror(saved), count());
    errno = saved;
}

void fail(const char *what) {
    report_error("%s failed", what);
    exit(EXIT_FAILURE);
}

int checked_fork(void) {
    int pid = fork();
    if (pid == -1)
        fail("fork");
    return pid;
}
