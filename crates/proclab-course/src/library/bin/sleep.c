/* sleep: waits for the given number of seconds. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    if (argc < 2) {
        fprintf(stderr, "sleep: missing operand\n");
        return 1;
    }
    sleep(atoi(argv[1]));
    return 0;
}
