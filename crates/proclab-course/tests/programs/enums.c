/* Enumerations as C has them: constants numbered on from the last value given, a typedef'd enum, enum constants as case labels, and an enum's size (an int). */
#include <stdio.h>

enum state { NEW, READY, RUNNING = 5, WAITING, ZOMBIE = RUNNING * 2 };

typedef enum { LOW = -1, MID, HIGH } level_t;

const char *name(enum state s) {
    switch (s) {
    case NEW: return "new";
    case READY: return "ready";
    case RUNNING: return "running";
    case WAITING: return "waiting";
    case ZOMBIE: return "zombie";
    }
    return "?";
}

int main(void) {
    enum state s = WAITING;
    level_t l = HIGH;
    int i;
    printf("%d %d %d %d %d, sizeof %zu\n", NEW, READY, RUNNING, WAITING, ZOMBIE, sizeof(enum state));
    printf("%s, level %d\n", name(s), l);
    for (i = NEW; i <= ZOMBIE; i++) {
        printf("%d:%s ", i, name((enum state) i));
    }
    printf("\n");
    return LOW + 1;
}
