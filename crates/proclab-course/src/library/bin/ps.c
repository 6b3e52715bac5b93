/* ps: lists every process, as `ps -e -o pid,ppid,s,comm` does: it reads the directory
   /proc, where each process has a directory named by its PID, and each one's stat file,
   "PID (NAME) STATE PPID ...". A zombie is shown with <defunct>. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(void) {
    DIR *proc = opendir("/proc");
    struct dirent *entry;
    char path[64];
    char stat[256];
    if (proc == NULL) {
        perror("ps: /proc");
        return 1;
    }
    printf("%7s %7s S COMMAND\n", "PID", "PPID");
    while ((entry = readdir(proc)) != NULL) {
        int fd;
        long n;
        int open_paren = -1;
        int close_paren = -1;
        int i;
        if (entry->d_name[0] < '0' || entry->d_name[0] > '9') {
            continue;
        }
        snprintf(path, sizeof(path), "/proc/%s/stat", entry->d_name);
        fd = open(path, O_RDONLY);
        if (fd < 0) {
            continue;
        }
        n = read(fd, stat, sizeof(stat) - 1);
        close(fd);
        if (n <= 0) {
            continue;
        }
        stat[n] = 0;
        for (i = 0; i < n; i++) {
            if (stat[i] == '(' && open_paren < 0) open_paren = i;
            if (stat[i] == ')') close_paren = i;
        }
        if (open_paren < 0 || close_paren < 0) {
            continue;
        }
        stat[close_paren] = 0;
        printf("%7d %7d %c %s%s\n", atoi(stat), atoi(&stat[close_paren + 4]),
               stat[close_paren + 2], &stat[open_paren + 1],
               stat[close_paren + 2] == 'Z' ? " <defunct>" : "");
    }
    closedir(proc);
    return 0;
}
