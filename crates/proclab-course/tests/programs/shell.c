// The shell: pipelines, redirections to and from files, a missing command, a background
// job and the wait built-in, run by /bin/sh -c.
#include <stdio.h>
#include <unistd.h>

int main(void) {
    execl("/bin/sh", "sh", "-c",
          "echo one two three | wc -w; echo hello > notes.txt; echo again >> notes.txt; "
          "wc -l < notes.txt; cat notes.txt | wc -c; cat missing.txt; nosuchcommand; "
          "echo in the background & wait; echo done",
          NULL);
    perror("execl");
    return 1;
}
