/* cat: copies its standard input to its standard output. */
#include <unistd.h>

int main(void) {
    char buffer[64];
    long n;
    while ((n = read(0, buffer, sizeof(buffer))) > 0) {
        write(1, buffer, n);
    }
    return 0;
}
