// strrchr, strstr, memmove (overlapping), memcmp and strncat.
#include <stdio.h>
#include <string.h>
int main(void) {
    char path[64] = "/usr/local/bin/prog";
    printf("[%s] [%s]\n", strrchr(path, '/') + 1, strrchr(path, 'z') ? "found" : "none");
    printf("[%s] [%s] [%d]\n", strstr(path, "local"), strstr(path, ""), strstr(path, "xyz") == NULL);
    char buf[32] = "abcdefgh";
    memmove(buf + 2, buf, 6);
    printf("[%s]\n", buf);
    memmove(buf, buf + 3, 5);
    printf("[%s]\n", buf);
    printf("%d %d %d\n", memcmp("abc", "abd", 3) < 0, memcmp("abc", "abc", 3), memcmp("\xff", "a", 1) > 0);
    char name[32] = "proc";
    strncat(name, "lab-simulator", 3);
    printf("[%s] [%s]\n", name, strrchr(name, '\0') == name + strlen(name) ? "end" : "?");
    return 0;
}
