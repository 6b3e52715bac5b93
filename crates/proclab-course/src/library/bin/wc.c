/* wc: counts the lines, words and bytes of each file named (or of its standard input, for
   none or "-"), as GNU coreutils' wc prints them: -l, -w and -c choose the counts; columns
   are as wide as the files' total size needs (at least 7 when one is not a regular file);
   a total follows two or more files. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int show_lines;
int show_words;
int show_bytes;
long total_lines;
long total_words;
long total_bytes;

/* Counts what `fd` holds into the three counters. */
void count(int fd, long *lines, long *words, long *bytes) {
    char buffer[512];
    int in_word = 0;
    long n;
    long i;
    while ((n = read(fd, buffer, sizeof(buffer))) > 0) {
        for (i = 0; i < n; i++) {
            char c = buffer[i];
            *bytes = *bytes + 1;
            if (c == '\n') *lines = *lines + 1;
            if (c == ' ' || c == '\n' || c == '\t') {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                *words = *words + 1;
            }
        }
    }
}

/* Prints the chosen counts in columns `width` wide, then the name if there is one. */
void report(long lines, long words, long bytes, int width, char *name) {
    int first = 1;
    if (show_lines) {
        printf("%*ld", width, lines);
        first = 0;
    }
    if (show_words) {
        printf(first ? "%*ld" : " %*ld", width, words);
        first = 0;
    }
    if (show_bytes) {
        printf(first ? "%*ld" : " %*ld", width, bytes);
    }
    if (name != NULL) {
        printf(" %s", name);
    }
    printf("\n");
}

/* The column width coreutils' wc uses: the digits of the regular files' total size, at
   least 7 if an input is not a regular file (a pipe, the terminal). */
int column_width(char **names, int count) {
    struct stat st;
    long size = 0;
    int minimum = 1;
    int width = 1;
    int i;
    for (i = 0; i < count; i++) {
        int ok = strcmp(names[i], "-") == 0 ? fstat(0, &st) : stat(names[i], &st);
        if (ok == 0) {
            if ((st.st_mode & 0170000) == 0100000) {
                size += st.st_size;
            } else {
                minimum = 7;
            }
        }
    }
    for (; size >= 10; size /= 10) {
        width++;
    }
    return width < minimum ? minimum : width;
}

int main(int argc, char *argv[]) {
    char *stdin_name[1];
    char **names = argv + 1;
    int count_files = 0;
    int status = 0;
    int width;
    int i;
    int j;
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-' && argv[i][1] != 0) {
            for (j = 1; argv[i][j] != 0; j++) {
                if (argv[i][j] == 'l') show_lines = 1;
                if (argv[i][j] == 'w') show_words = 1;
                if (argv[i][j] == 'c') show_bytes = 1;
            }
        } else {
            names[count_files] = argv[i];
            count_files++;
        }
    }
    if (!show_lines && !show_words && !show_bytes) {
        show_lines = show_words = show_bytes = 1;
    }
    if (count_files == 0) {
        stdin_name[0] = "-";
        width = show_lines + show_words + show_bytes == 1 ? 1 : column_width(stdin_name, 1);
        long lines = 0;
        long words = 0;
        long bytes = 0;
        count(0, &lines, &words, &bytes);
        report(lines, words, bytes, width, NULL);
        return 0;
    }
    if (count_files == 1 && show_lines + show_words + show_bytes == 1) {
        width = 1;
    } else {
        width = column_width(names, count_files);
    }
    for (i = 0; i < count_files; i++) {
        int fd = strcmp(names[i], "-") == 0 ? 0 : open(names[i], O_RDONLY);
        long lines = 0;
        long words = 0;
        long bytes = 0;
        if (fd < 0) {
            fprintf(stderr, "wc: %s: ", names[i]);
            perror(NULL);
            status = 1;
            continue;
        }
        count(fd, &lines, &words, &bytes);
        if (fd > 0) {
            close(fd);
        }
        report(lines, words, bytes, width, names[i]);
        total_lines += lines;
        total_words += words;
        total_bytes += bytes;
    }
    if (count_files > 1) {
        report(total_lines, total_words, total_bytes, width, "total");
    }
    return status;
}
