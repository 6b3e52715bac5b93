// The environment: main's envp, environ, getenv, setenv, unsetenv, putenv, and execve
// giving a new program its own.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>
#include <errno.h>

extern char **environ;

static void show(const char *name) {
    char *v = getenv(name);
    printf("%s=%s\n", name, v ? v : "(unset)");
}

int main(int argc, char *argv[], char *envp[]) {
    printf("envp is environ: %d\n", envp == environ);
    show("PROCLAB_X");
    printf("setenv: %d\n", setenv("PROCLAB_X", "one", 0));
    show("PROCLAB_X");
    printf("setenv no overwrite: %d\n", setenv("PROCLAB_X", "two", 0));
    show("PROCLAB_X");
    setenv("PROCLAB_X", "three", 1);
    show("PROCLAB_X");
    errno = 0;
    printf("bad name: %d %d\n", setenv("A=B", "x", 1), errno);
    printf("empty name: %d %d\n", unsetenv(""), errno);
    static char entry[] = "PROCLAB_Y=put";
    putenv(entry);
    show("PROCLAB_Y");
    entry[10] = 'P';
    show("PROCLAB_Y");
    unsetenv("PROCLAB_X");
    show("PROCLAB_X");
    int n = 0;
    for (char **e = environ; *e != NULL; e++)
        if (strncmp(*e, "PROCLAB_", 8) == 0) { printf("entry: %s\n", *e); n++; }
    printf("%d entries\n", n);
    fflush(stdout);
    if (fork() == 0) {
        char *args[] = {"sh", "-c", "echo from child", NULL};
        char *env[] = {"ONLY=this", NULL};
        execve("/bin/sh", args, env);
        perror("execve");
        _exit(1);
    }
    wait(NULL);
    return 0;
}
