// Splitting a command line into words as a shell assignment does (strtok, strtok_r,
// strspn, strcspn, strpbrk), paths cut by basename and dirname, and popen reading a
// command's output and writing to another's input.
#include <stdio.h>
#include <string.h>
#include <libgen.h>
#include <sys/wait.h>

int main(void) {
    char line[] = "  ls -l   /tmp | wc -l  ";
    char *argv[16];
    int argc = 0;
    for (char *w = strtok(line, " \t"); w != NULL; w = strtok(NULL, " \t"))
        argv[argc++] = w;
    for (int i = 0; i < argc; i++) printf("[%s]", argv[i]);
    printf(" %d words\n", argc);
    char csv[] = "a=1,b=2;c=3";
    char *outer, *inner;
    for (char *pair = strtok_r(csv, ",;", &outer); pair; pair = strtok_r(NULL, ",;", &outer)) {
        char *key = strtok_r(pair, "=", &inner);
        char *value = strtok_r(NULL, "=", &inner);
        printf("%s -> %s\n", key, value);
    }
    printf("%zu %zu %s\n", strspn("aabbc", "ab"), strcspn("hello, world", ",!"), strpbrk("find a vowel", "aeiou"));
    const char *paths[] = {"/usr/lib", "/usr/", "usr", "/", ".", "..", "a/b/c.txt", "//x", ""};
    for (int i = 0; i < 9; i++) {
        char b[32], d[32];
        strcpy(b, paths[i]);
        strcpy(d, paths[i]);
        printf("'%s': basename '%s' dirname '%s'\n", paths[i], basename(b), dirname(d));
    }
    fflush(stdout);
    FILE *in = popen("echo one; echo two", "r");
    char buf[64];
    while (fgets(buf, sizeof buf, in)) printf("got: %s", buf);
    int status = pclose(in);
    printf("pclose: exited %d with %d\n", WIFEXITED(status), WEXITSTATUS(status));
    FILE *out = popen("wc -c", "w");
    fprintf(out, "twelve bytes");
    status = pclose(out);
    printf("wc's status %d\n", WEXITSTATUS(status));
    return 0;
}
