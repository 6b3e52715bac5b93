#include <stdio.h>
#include <unistd.h>
#include <sys/wait.h>
 
int main() {
    printf("Parent process (PID: %d)\n", getpid());
    
    pid_t pid = fork();  // Create child process
    
    if (pid < 0) {
        // Error: fork failed
        perror("fork failed");
        return 1;
    } else if (pid == 0) {
        // Child process: fork() returns 0
        printf("Child process (PID: %d, Parent PID: %d)\n", 
               getpid(), getppid());
        
        // Replace this process with a new program
        char *args[] = {"ls", "-la", NULL};
        execvp("ls", args);
        
        // If exec succeeds, this line never runs
        perror("exec failed");
        return 1;
    } else {
        // Parent process: fork() returns child's PID
        printf("Parent: created child with PID %d\n", pid);
        
        int status;
        waitpid(pid, &status, 0);  // Wait for child to complete
        
        if (WIFEXITED(status)) {
            printf("Parent: child exited with status %d\n", 
                   WEXITSTATUS(status));
        }
    }
    
    return 0;
}
