#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/wait.h>

struct note { long mtype; char text[32]; };

int main(void) {
    int q = msgget(IPC_PRIVATE, IPC_CREAT | 0640);
    struct msqid_ds ds;
    msgctl(q, IPC_STAT, &ds);
    printf("new: %lu messages, %lu bytes, room %lu, mode %o, times %d %d %d\n", ds.msg_qnum,
           ds.msg_cbytes, ds.msg_qbytes, ds.msg_perm.mode & 0777, ds.msg_stime != 0,
           ds.msg_rtime != 0, ds.msg_ctime != 0);
    pid_t child = fork();
    if (child == 0) {
        struct note n = { 1, "hello" };
        msgsnd(q, &n, 6, 0);
        n.mtype = 2;
        strcpy(n.text, "another one");
        msgsnd(q, &n, 12, 0);
        _exit(0);
    }
    waitpid(child, NULL, 0);
    msgctl(q, IPC_STAT, &ds);
    printf("sent: %lu messages, %lu bytes, last sender is the child %d, sent at %d\n",
           ds.msg_qnum, ds.msg_cbytes, ds.msg_lspid == child, ds.msg_stime != 0);
    struct note got;
    msgrcv(q, &got, sizeof got.text, 0, 0);
    msgctl(q, IPC_STAT, &ds);
    printf("after a receive: %lu left, %lu bytes, receiver is me %d\n", ds.msg_qnum,
           ds.msg_cbytes, ds.msg_lrpid == getpid());
    msgctl(q, IPC_RMID, NULL);
    printf("after removal: %d\n", msgctl(q, IPC_STAT, &ds));
    return 0;
}
