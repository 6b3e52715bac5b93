#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static void on_hup(int sig) {
    char msg[64];
    int n = snprintf(msg, sizeof msg, "child got %s\n", strsignal(sig));
    write(1, msg, n);
}

int main(void) {
    setbuf(stdout, NULL);
    pid_t job = fork();
    if (job == 0) {
        setpgid(0, 0);
        pid_t child = fork();
        if (child == 0) {
            signal(SIGHUP, on_hup);
            raise(SIGSTOP);
            printf("child continues after the stop\n");
            _exit(0);
        }
        waitpid(child, NULL, WUNTRACED);
        printf("the job's leader exits, leaving its stopped child in an orphaned group\n");
        _exit(0);
    }
    waitpid(job, NULL, 0);
    sleep(1);
    printf("the shell-like parent is done\n");
    return 0;
}
