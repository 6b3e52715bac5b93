#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <semaphore.h>

/* Operating System Concepts' POSIX shared-memory producer and consumer, one after the
   other as a shell would run them: the child is the producer, the parent the consumer. */
int main(void) {
    const int SIZE = 4096;
    const char *name = "OS";
    if (fork() == 0) {
        const char *message_0 = "Hello";
        const char *message_1 = "World!";
        int fd = shm_open(name, O_CREAT | O_RDWR, 0666);
        ftruncate(fd, SIZE);
        void *ptr = mmap(0, SIZE, PROT_WRITE, MAP_SHARED, fd, 0);
        sprintf(ptr, "%s", message_0);
        ptr += strlen(message_0);
        sprintf(ptr, "%s", message_1);
        ptr += strlen(message_1);
        return 0;
    }
    wait(NULL);
    int fd = shm_open(name, O_RDONLY, 0666);
    void *ptr = mmap(0, SIZE, PROT_READ, MAP_SHARED, fd, 0);
    printf("%s\n", (char *) ptr);
    struct stat st;
    fstat(fd, &st);
    printf("the object holds %ld bytes\n", (long) st.st_size);
    shm_unlink(name);
    int again = shm_open(name, O_RDONLY, 0666);
    printf("after shm_unlink: %d\n", again);
    sem_t *sem = sem_open("/count", O_CREAT | O_EXCL, 0600, 2);
    sem_wait(sem);
    int value;
    sem_getvalue(sem, &value);
    printf("named semaphore: %d\n", value);
    if (fork() == 0) {
        sem_t *same = sem_open("/count", 0);
        sem_post(same);
        sem_post(same);
        sem_close(same);
        _exit(0);
    }
    wait(NULL);
    sem_getvalue(sem, &value);
    printf("after the child's posts: %d\n", value);
    printf("O_EXCL again: %s\n", sem_open("/count", O_CREAT | O_EXCL, 0600, 0) == SEM_FAILED ? "fails" : "opens");
    sem_close(sem);
    sem_unlink("/count");
    printf("bad name: %d\n", shm_open("a/b", O_RDONLY, 0) == -1);
    return 0;
}
