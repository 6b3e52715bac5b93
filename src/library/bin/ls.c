/* ls: lists a directory of ProcLab's simulated file system.
   A real ls reads directories with opendir() and readdir(), whose struct dirent this C
   subset cannot express yet; ProcLab's listdir() stands in for them: it fills a buffer
   with the directory's names, one per line. */
#include <stdio.h>
#include <string.h>

int main(int argc, char *argv[]) {
    char names[2048];
    char *path = "/";
    int one_per_line = 0;
    int i;
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            one_per_line = 1;
        } else {
            path = argv[i];
        }
    }
    if (listdir(path, names, sizeof(names)) < 0) {
        fprintf(stderr, "ls: cannot access '%s': ", path);
        perror(NULL);
        return 2;
    }
    for (i = 0; names[i] != 0; i++) {
        if (names[i] == '\n' && !one_per_line && names[i + 1] != 0) {
            printf("  ");
        } else {
            putchar(names[i]);
        }
    }
    return 0;
}
