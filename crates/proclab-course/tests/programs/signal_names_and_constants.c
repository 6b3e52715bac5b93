// strsignal's descriptions (one shared buffer for unnumbered ones, as glibc's), header
// constants in array sizes and case labels (NSIG, S_IFREG), and pthread_exit ending the
// only thread as exit(0) does.
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <pthread.h>
#include <stdlib.h>

static int counts[NSIG];
static char name[sizeof("fifo.") + 20];

static void bye(void) { printf("atexit runs after pthread_exit\n"); }

int main(void) {
    printf("%s | %s | %s | %s\n", strsignal(SIGINT), strsignal(SIGSEGV), strsignal(40), strsignal(99));
    printf("%d %zu %zu\n", NSIG, sizeof counts / sizeof counts[0], sizeof name);
    struct stat st;
    stat("/", &st);
    switch (st.st_mode & S_IFMT) {
    case S_IFREG: printf("regular\n"); break;
    case S_IFDIR: printf("directory\n"); break;
    default: printf("other\n");
    }
    atexit(bye);
    printf("exiting the only thread");
    pthread_exit(NULL);
    printf("not reached\n");
    return 3;
}
