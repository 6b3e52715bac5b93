#include <stdio.h>
#include <unistd.h>

/* Two processes each read the other's empty pipe first. */
int main(void) {
    int to_child[2];
    int to_parent[2];
    char c;
    pipe(to_child);
    pipe(to_parent);
    if (fork() == 0) {
        read(to_child[0], &c, 1);
        write(to_parent[1], "x", 1);
        return 0;
    }
    read(to_parent[0], &c, 1);
    write(to_child[1], "y", 1);
    return 0;
}
