// A program of three files: it calls helpers from report.c through report.h, as textbook
// programs call their book's helper library.
#include <fcntl.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>
#include "report.h"

static int count(void) {
    return 100;
}

int main(void) {
    int status;
    if (open("/no/such/file", O_RDONLY) == -1)
        report_error("open of %s with flags %d", "/no/such/file", O_RDONLY);
    if (close(42) == -1)
        report_error("close(%d)", 42);
    printf("reports so far: %d, count here: %d\n", reports, count());
    if (checked_fork() == 0) {
        if (chdir("/nowhere") == -1)
            fail("chdir");
        return 0;
    }
    wait(&status);
    printf("child exited with %d; the parent made %d reports\n", WEXITSTATUS(status), reports);
    return 0;
}
