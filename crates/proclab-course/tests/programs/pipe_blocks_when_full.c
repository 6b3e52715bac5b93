#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>

int main(void) {
    int fds[2];
    char chunk[100];
    int i;
    long total = 0;
    int in_order = 1;
    pipe(fds);
    if (fork() == 0) {
        char big[3000];
        close(fds[0]);
        for (i = 0; i < 3000; i++) {
            big[i] = 'a' + i % 26;
        }
        write(fds[1], big, 3000);
        close(fds[1]);
        return 0;
    }
    close(fds[1]);
    while (1) {
        long n = read(fds[0], chunk, sizeof(chunk));
        if (n <= 0) {
            break;
        }
        for (i = 0; i < n; i++) {
            if (chunk[i] != 'a' + (total + i) % 26) {
                in_order = 0;
            }
        }
        total += n;
    }
    wait(NULL);
    printf("received %ld bytes, all in order: %s\n", total, in_order ? "yes" : "no");
    return 0;
}
