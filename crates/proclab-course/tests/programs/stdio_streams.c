// stdio streams on descriptors: fopen, fprintf/fputs/fputc/fwrite into a FILE's buffer
// (which fork copies, so a line written before fork appears twice), fgets, fgetc, fread,
// feof/ferror/clearerr, fdopen on a pipe, and stdin at end of file.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <errno.h>

int main(void) {
    FILE *out = fopen("notes.txt", "w");
    if (out == NULL) { perror("fopen"); return 1; }
    fprintf(out, "line %d\n", 1);
    fputs("line 2\n", out);
    fputc('3', out);
    fwrite("\nline 4\n", 1, 8, out);
    printf("fileno %d\n", fileno(out) > 2);
    fflush(stdout);
    if (fork() == 0) {
        fprintf(out, "child's line\n");
        exit(0);
    }
    wait(NULL);
    fprintf(out, "parent's last line\n");
    printf("fclose %d\n", fclose(out));

    FILE *in = fopen("notes.txt", "r");
    char line[64];
    int n = 0;
    while (fgets(line, sizeof line, in) != NULL)
        printf("%d: %s", ++n, line);
    printf("feof %d ferror %d\n", feof(in), ferror(in));
    clearerr(in);
    printf("after clearerr %d\n", feof(in));
    fclose(in);

    in = fopen("notes.txt", "r");
    int c, count = 0;
    while ((c = fgetc(in)) != EOF) count++;
    printf("%d bytes, last getc %d\n", count, c);
    fclose(in);

    in = fopen("notes.txt", "r");
    char block[10];
    size_t got = fread(block, 3, 3, in);
    printf("fread %zu: %.9s\n", got, block);
    fclose(in);

    errno = 0;
    FILE *missing = fopen("/no/such/file", "r");
    printf("missing %d %s\n", missing == NULL, strerror(errno));
    printf("bad mode %d %d\n", fopen("notes.txt", "q") == NULL, errno);

    int fds[2];
    pipe(fds);
    if (fork() == 0) {
        close(fds[0]);
        FILE *w = fdopen(fds[1], "w");
        fprintf(w, "through a pipe\nsecond\n");
        fclose(w);
        exit(0);
    }
    close(fds[1]);
    FILE *r = fdopen(fds[0], "r");
    while (fgets(line, sizeof line, r)) printf("got: %s", line);
    fclose(r);
    wait(NULL);
    printf("stdin: %d %d\n", getchar(), fgets(line, 10, stdin) == NULL);
    unlink("notes.txt");
    return 0;
}
