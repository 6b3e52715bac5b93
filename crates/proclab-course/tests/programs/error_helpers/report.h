// The helpers a textbook ships beside its programs (as TLPI's error_functions.h or
// CS:APP's csapp.h): declared here, defined in report.c, linked with the program.
#ifndef REPORT_H
#define REPORT_H

#include <errno.h>

#define PROGRAM_NAME "error_helpers"

extern int reports;

void report_error(const char *format, ...) __attribute__((format(printf, 1, 2)));
void fail(const char *what) __attribute__((noreturn));
int checked_fork(void);

#endif
