/* A 16 MiB buffer, allocated and touched page by page, as on Linux: the machine has the
 * memory for it (and the Physical memory view draws it as one run of frames). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    size_t size = 16 << 20;
    char *buffer = malloc(size);
    if (buffer == NULL) {
        perror("malloc");
        return 1;
    }
    memset(buffer, 'x', size);
    long sum = 0;
    for (size_t i = 0; i < size; i += 4096) {
        sum += buffer[i];
    }
    printf("touched %zu pages, sum %ld\n", size / 4096, sum);
    free(buffer);
    return 0;
}
