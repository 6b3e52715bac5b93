/* exec's errors as Linux walks the path: a component that is no directory is ENOTDIR, a missing one ENOENT, a directory or a file that is not executable EACCES. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
    const char *paths[] = {"/dev/null/ls", "/no/such/program", "/tmp", "/dev/null"};
    for (int i = 0; i < 4; i++) {
        execl(paths[i], paths[i], (char *) NULL);
        printf("%s: %s\n", paths[i], strerror(errno));
    }
    return 0;
}
