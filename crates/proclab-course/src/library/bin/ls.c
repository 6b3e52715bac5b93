/* ls: lists directories of ProcLab's simulated file system with opendir(), readdir() and
   stat(). Options: -a shows names starting with '.', -l gives each entry's type,
   permissions, links, owner, group and size (without dates: the simulation has no wall
   clock), -1 one name per line (the default when the output is not a terminal). */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int show_all;
int long_format;
int one_per_line;

char *owner(unsigned uid) {
    return uid == 0 ? "root" : "student";
}

void long_line(char *path, char *name) {
    struct stat st;
    char mode[11];
    char *bits = "rwxrwxrwx";
    int i;
    if (stat(path, &st) < 0) {
        fprintf(stderr, "ls: cannot access '%s': ", path);
        perror(NULL);
        return;
    }
    mode[0] = S_ISDIR(st.st_mode) ? 'd' : S_ISFIFO(st.st_mode) ? 'p' : S_ISCHR(st.st_mode) ? 'c' : '-';
    for (i = 0; i < 9; i++) {
        mode[i + 1] = (st.st_mode & (0400 >> i)) ? bits[i] : '-';
    }
    if (st.st_mode & 01000) {
        mode[9] = mode[9] == 'x' ? 't' : 'T';
    }
    mode[10] = 0;
    printf("%s %lu %-7s %-7s %5ld %s\n", mode, st.st_nlink, owner(st.st_uid), owner(st.st_gid),
           st.st_size, name);
}

int list(char *path) {
    DIR *dir = opendir(path);
    struct dirent *entry;
    char full[512];
    int first = 1;
    long blocks = 0;
    struct stat st;
    if (dir == NULL) {
        if (errno == ENOTDIR) {
            if (long_format) {
                long_line(path, path);
            } else {
                printf("%s\n", path);
            }
            return 0;
        }
        fprintf(stderr, "ls: cannot access '%s': ", path);
        perror(NULL);
        return 2;
    }
    if (long_format) {
        while ((entry = readdir(dir)) != NULL) {
            if (entry->d_name[0] == '.' && !show_all) continue;
            snprintf(full, sizeof(full), "%s/%s", path, entry->d_name);
            if (stat(full, &st) == 0) blocks += st.st_blocks / 2;
        }
        closedir(dir);
        dir = opendir(path);
        printf("total %ld\n", blocks);
    }
    while ((entry = readdir(dir)) != NULL) {
        if (entry->d_name[0] == '.' && !show_all) {
            continue;
        }
        if (long_format) {
            snprintf(full, sizeof(full), "%s/%s", path, entry->d_name);
            long_line(full, entry->d_name);
            continue;
        }
        if (!first) {
            printf(one_per_line ? "\n" : "  ");
        }
        printf("%s", entry->d_name);
        first = 0;
    }
    if (!first) {
        printf("\n");
    }
    closedir(dir);
    return 0;
}

int main(int argc, char *argv[]) {
    int paths = 0;
    int status = 0;
    int i;
    int j;
    one_per_line = !isatty(1);
    for (i = 1; i < argc; i++) {
        if (argv[i][0] != '-') {
            paths++;
            continue;
        }
        for (j = 1; argv[i][j] != 0; j++) {
            if (argv[i][j] == 'a') show_all = 1;
            else if (argv[i][j] == 'l') long_format = 1;
            else if (argv[i][j] == '1') one_per_line = 1;
            else {
                fprintf(stderr, "ls: invalid option -- '%c'\n", argv[i][j]);
                return 2;
            }
        }
    }
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            continue;
        }
        if (paths > 1) {
            printf("%s:\n", argv[i]);
        }
        if (list(argv[i]) != 0) {
            status = 2;
        }
    }
    if (paths == 0) {
        status = list(".");
    }
    return status;
}
