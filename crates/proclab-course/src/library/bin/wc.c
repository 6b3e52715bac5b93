/* wc: counts the lines, words and bytes of its standard input; -l, -w and -c choose. */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    char buffer[64];
    long lines = 0;
    long words = 0;
    long bytes = 0;
    int in_word = 0;
    int show_lines = 0;
    int show_words = 0;
    int show_bytes = 0;
    long n;
    int i;
    for (i = 1; i < argc; i++) {
        if (argv[i][0] == '-') {
            int j;
            for (j = 1; argv[i][j] != 0; j++) {
                if (argv[i][j] == 'l') show_lines = 1;
                if (argv[i][j] == 'w') show_words = 1;
                if (argv[i][j] == 'c') show_bytes = 1;
            }
        }
    }
    if (!show_lines && !show_words && !show_bytes) {
        show_lines = show_words = show_bytes = 1;
    }
    while ((n = read(0, buffer, sizeof(buffer))) > 0) {
        for (i = 0; i < n; i++) {
            char c = buffer[i];
            bytes++;
            if (c == '\n') lines++;
            if (c == ' ' || c == '\n' || c == '\t') {
                in_word = 0;
            } else if (!in_word) {
                in_word = 1;
                words++;
            }
        }
    }
    if (show_lines + show_words + show_bytes == 1) {
        printf("%ld\n", show_lines ? lines : show_words ? words : bytes);
    } else {
        if (show_lines) printf("%7ld ", lines);
        if (show_words) printf("%7ld ", words);
        if (show_bytes) printf("%7ld", bytes);
        printf("\n");
    }
    return 0;
}
