/* The parent sends a line down one pipe; the child raises its letters with toupper and
 * sends it back up another, counting its classes with <ctype.h>. Written in the older
 * style many course handouts keep: main without a return type (C89's implicit int). */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

main(void)
{
    int down[2], up[2];
    char buf[64];
    const char *line = "fork() returns twice, 0 in the child!";
    if (pipe(down) == -1 || pipe(up) == -1) {
        perror("pipe");
        return 1;
    }
    if (fork() == 0) {
        int n, i, letters = 0, digits = 0, spaces = 0, punct = 0;
        close(down[1]);
        close(up[0]);
        n = read(down[0], buf, sizeof buf);
        for (i = 0; i < n; i++) {
            letters += isalpha(buf[i]) != 0;
            digits += isdigit(buf[i]) != 0;
            spaces += isspace(buf[i]) != 0;
            punct += ispunct(buf[i]) != 0;
            buf[i] = toupper((unsigned char) buf[i]);
        }
        printf("child: %d letters, %d digits, %d spaces, %d punctuation\n", letters, digits, spaces, punct);
        write(up[1], buf, n);
        return 0;
    }
    close(down[0]);
    close(up[1]);
    write(down[1], line, strlen(line) + 1);
    wait(NULL);
    read(up[0], buf, sizeof buf);
    printf("parent: %s\n", buf);
    printf("isalpha('q') = %d, isupper('Q') = %d, tolower('Q') = %c\n", isalpha('q'), isupper('Q'), tolower('Q'));
    return 0;
}
