// Directories and names: mkdir, rmdir, rename and access, with the errors Linux gives.
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dirent.h>

static void report(const char *what, int rc) {
    printf("%-28s %d %s\n", what, rc, rc < 0 ? strerror(errno) : "");
}

int main(void) {
    report("mkdir work", mkdir("work", 0755));
    report("mkdir work again", mkdir("work", 0755));
    report("mkdir missing/sub", mkdir("missing/sub", 0755));
    int fd = open("work/notes.txt", O_CREAT | O_WRONLY, 0644);
    write(fd, "hello\n", 6);
    close(fd);
    report("rmdir work (not empty)", rmdir("work"));
    report("rename notes -> log", rename("work/notes.txt", "work/log.txt"));
    report("access log F_OK", access("work/log.txt", F_OK));
    report("access notes F_OK", access("work/notes.txt", F_OK));
    report("access log R_OK|W_OK", access("work/log.txt", R_OK | W_OK));
    report("access log X_OK", access("work/log.txt", X_OK));
    report("rename work -> done", rename("work", "done"));
    DIR *d = opendir("done");
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.') printf("  done/%s\n", e->d_name);
    closedir(d);
    report("rename done -> done/x", rename("done", "done/x"));
    report("rmdir done/log.txt", rmdir("done/log.txt"));
    report("unlink done/log.txt", unlink("done/log.txt"));
    report("rmdir done", rmdir("done"));
    report("access done", access("done", F_OK));
    return 0;
}
