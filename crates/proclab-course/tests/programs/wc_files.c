/* /bin/wc counts the files it is given, as GNU coreutils' wc prints them: columns as wide as the total size needs, a total after two files, a message and status 1 for a missing one. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void run(char *const argv[]) {
    if (fork() == 0) {
        execvp(argv[0], argv);
        perror("execvp");
        _exit(127);
    }
    int status;
    wait(&status);
    printf("[wc exited %d]\n", WEXITSTATUS(status));
    fflush(stdout);
}

int main(void) {
    int fd = open("/tmp/a.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    write(fd, "one two\nthree\n", 14);
    close(fd);
    fd = open("/tmp/b.txt", O_CREAT | O_TRUNC | O_WRONLY, 0644);
    write(fd, "x\n", 2);
    close(fd);
    char *one[] = {"wc", "/tmp/a.txt", NULL};
    char *lines[] = {"wc", "-l", "/tmp/a.txt", NULL};
    char *two[] = {"wc", "/tmp/a.txt", "/tmp/b.txt", NULL};
    char *words[] = {"wc", "-w", "/tmp/b.txt", "/tmp/a.txt", NULL};
    char *missing[] = {"wc", "-lc", "/tmp/a.txt", "/tmp/nope.txt", NULL};
    run(one);
    run(lines);
    run(two);
    run(words);
    run(missing);
    unlink("/tmp/a.txt");
    unlink("/tmp/b.txt");
    return 0;
}
