// setvbuf and setbuf choose stdout's buffering as glibc does: fully buffered output is
// copied by fork and lost by _exit; unbuffered output is written at each call.
#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
int main(void) {
    setvbuf(stdout, NULL, _IOFBF, BUFSIZ);
    printf("fully buffered, so the child copies this line\n");
    if (fork() == 0) {
        printf("child\n");
        return 0;
    }
    wait(NULL);
    printf("bad mode: %d\n", setvbuf(stdout, NULL, 7, 0));
    setbuf(stdout, NULL);
    printf("unbuffered: ");
    if (fork() == 0) {
        printf("child\n");
        _exit(0);
    }
    wait(NULL);
    printf("kept by _exit");
    _exit(0);
}
