/* strncpy pads with zeros up to n bytes: with n = -1 (SIZE_MAX) it writes past every page
 * the process owns, and the first unmapped one is a segmentation fault. */
#include <stdio.h>
#include <string.h>

int main(void) {
    char small[8];
    strncpy(small, "hi", sizeof small);
    printf("%s fits\n", small);
    fflush(stdout);
    strncpy(small, "hi", -1);
    printf("not reached\n");
    return 0;
}
