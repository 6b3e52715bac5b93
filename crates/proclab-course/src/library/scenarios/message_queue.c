// A System V message queue: the child blocks in msgrcv() until the parent sends; messages
// are taken by type (the child asks for type 2 first), IPC_NOWAIT fails with ENOMSG on an
// empty queue, and IPC_RMID removes the queue.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>
#include <unistd.h>

struct message {
    long mtype;
    char mtext[32];
};

int main(void) {
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
    if (q < 0) {
        perror("msgget");
        return 1;
    }
    pid_t pid = fork();
    if (pid == 0) {
        struct message m;
        long n = msgrcv(q, &m, sizeof(m.mtext), 2, 0);
        printf("child got type %ld (%ld bytes): %s\n", m.mtype, n, m.mtext);
        n = msgrcv(q, &m, sizeof(m.mtext), 0, 0);
        printf("child got type %ld (%ld bytes): %s\n", m.mtype, n, m.mtext);
        if (msgrcv(q, &m, sizeof(m.mtext), 0, IPC_NOWAIT) < 0)
            perror("child: msgrcv with IPC_NOWAIT");
        exit(0);
    }
    struct message out;
    out.mtype = 1;
    strcpy(out.mtext, "routine");
    msgsnd(q, &out, strlen(out.mtext) + 1, 0);
    out.mtype = 2;
    strcpy(out.mtext, "urgent");
    msgsnd(q, &out, strlen(out.mtext) + 1, 0);
    waitpid(pid, NULL, 0);
    if (msgctl(q, IPC_RMID, NULL) == 0)
        printf("parent removed the queue\n");
    if (msgsnd(q, &out, 4, 0) < 0)
        printf("sending to a removed queue fails: %s\n", errno == EINVAL ? "EINVAL" : "other");
    return 0;
}
