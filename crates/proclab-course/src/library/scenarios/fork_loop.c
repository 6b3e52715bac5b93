/* fork() in a loop: every process that exists when fork() runs makes one more, so six
   rounds make 2 x 2 x 2 x 2 x 2 x 2 = 64 processes, each printing its round-by-round
   answer. Parents wait for their children, so every one is reaped; copy-on-write keeps
   the 64 address spaces cheap: they share frames until they write. */
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
    int i;
    int path = 0;
    for (i = 0; i < 6; i++) {
        if (fork() == 0) {
            path = path | (1 << i);
        }
    }
    printf("process with fork path %d\n", path);
    while (wait(NULL) > 0) {
    }
    return 0;
}
