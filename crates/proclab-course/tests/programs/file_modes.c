/* Permission bits: open(O_CREAT) and mkfifo take a mode, the umask (022) takes bits out,
   stat reports what is left, umask() changes it (and a child inherits it), chmod sets the
   bits of a file one owns; exec of an
   executable file that is no program is ENOEXEC, of one without the execute bits EACCES. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static void show(const char *path) {
    struct stat st;
    if (stat(path, &st) == 0)
        printf("%-10s %o\n", path, st.st_mode & 07777);
}

int main(void) {
    close(open("private", O_WRONLY | O_CREAT, 0600));
    close(open("script", O_WRONLY | O_CREAT, 0777));
    close(creat("made", 0664));
    mkfifo("pipe", 0666);
    show("private");
    show("script");
    show("made");
    show("pipe");
    char *argv[] = {"script", NULL};
    execv("./script", argv);
    printf("exec script: %s\n", strerror(errno));
    execv("./private", argv);
    printf("exec private: %s\n", strerror(errno));
    chmod("private", 0750);
    show("private");
    execv("./private", argv);
    printf("exec private after chmod: %s\n", strerror(errno));
    if (chmod("missing", 0777) < 0)
        printf("chmod missing: %s\n", strerror(errno));
    printf("old umask %o\n", umask(0));
    if (fork() == 0) {
        close(open("open", O_WRONLY | O_CREAT, 0666));
        show("open");
        return 0;
    }
    wait(NULL);
    printf("umask now %o\n", umask(022));
    unlink("private");
    unlink("script");
    unlink("made");
    unlink("pipe");
    unlink("open");
    return 0;
}
