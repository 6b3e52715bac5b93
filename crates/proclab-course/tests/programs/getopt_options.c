// getopt as TLPI's and the man page's examples use it: flags, options with arguments,
// unknown options and missing arguments reported on stderr, operands after the options
// (GNU's getopt finds options after operands too, moving the operands to the end).
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char *argv[]) {
    int flags = 0, opt;
    int nsecs = 0, tfnd = 0;
    while ((opt = getopt(argc, argv, "nt:v")) != -1) {
        switch (opt) {
        case 'n':
            flags = 1;
            break;
        case 't':
            nsecs = atoi(optarg);
            tfnd = 1;
            break;
        case 'v':
            printf("verbose\n");
            break;
        default:
            fprintf(stderr, "Usage: %s [-t nsecs] [-n] name\n", argv[0]);
            printf("optopt=%c\n", optopt);
        }
    }
    printf("flags=%d; tfnd=%d; nsecs=%d; optind=%d\n", flags, tfnd, nsecs, optind);
    for (int i = optind; i < argc; i++) printf("operand: %s\n", argv[i]);
    for (int i = 0; i < argc; i++) printf("%s ", argv[i]);
    printf("\n");
    return 0;
}
