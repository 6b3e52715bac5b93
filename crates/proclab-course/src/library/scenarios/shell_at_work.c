/* A shell at work. This program starts /bin/sh as a terminal would, and gives it two
   command lines. For `ls /bin | wc -l` the shell makes a pipe, forks one child per
   command, and each child moves its pipe end onto stdin or stdout with dup2 before it
   execs its program; the shell closes its own copies and waits for both. Then `ps` reads
   /proc to list the processes that are left. */
#include <stdio.h>
#include <unistd.h>

int main(void) {
    execl("/bin/sh", "sh", "-c", "ls /bin | wc -l; ps", NULL);
    perror("execl");
    return 1;
}
