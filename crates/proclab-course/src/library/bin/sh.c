/* sh: a tiny shell. It runs the commands given with -c, or in the file named, or read from
   its standard input: lists separated by ';' or newlines, of pipelines `a | b | c`, each
   command with `< file`, `> file` or `>> file`; a trailing '&' runs a pipeline in the
   background. Built in: cd, wait and exit. For each pipeline it does what every Unix shell
   does: pipe() between neighbours, fork() each command, dup2() its ends onto 0 and 1 in
   the child, execvp() the program, and wait for the foreground ones. Errors are worded as
   dash, Debian's sh, words them. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 64
#define MAX_TEXT 1024

char text[MAX_TEXT];
char *words[MAX_WORDS + 1];
int nwords;
int last_status;
int line_number;

int is_operator(char c) {
    return c == '|' || c == '&' || c == ';' || c == '<' || c == '>' || c == '\n';
}

/* Splits a line into words and operators; quotes group words. Returns -1 if too long. */
int split(char *line) {
    int used = 0;
    int i = 0;
    nwords = 0;
    while (line[i] != 0) {
        if (line[i] == ' ' || line[i] == '\t') {
            i++;
            continue;
        }
        if (nwords == MAX_WORDS || used + 3 > MAX_TEXT) {
            return -1;
        }
        words[nwords++] = &text[used];
        if (is_operator(line[i])) {
            text[used++] = line[i];
            if (line[i] == '>' && line[i + 1] == '>') {
                text[used++] = line[++i];
            }
            i++;
        } else {
            while (line[i] != 0 && line[i] != ' ' && line[i] != '\t' && !is_operator(line[i])) {
                if (line[i] == '"' || line[i] == '\'') {
                    char quote = line[i++];
                    while (line[i] != 0 && line[i] != quote && used + 2 < MAX_TEXT) {
                        text[used++] = line[i++];
                    }
                    if (line[i] == quote) i++;
                } else if (used + 2 < MAX_TEXT) {
                    text[used++] = line[i++];
                } else {
                    return -1;
                }
            }
        }
        text[used++] = 0;
    }
    words[nwords] = NULL;
    return 0;
}

int is(char *word, char *op) {
    return word != NULL && strcmp(word, op) == 0;
}

/* Applies the redirections among words[from..to) in a child, and gathers its argv. */
void redirect_and_exec(int from, int to) {
    char *argv[MAX_WORDS + 1];
    int argc = 0;
    int i;
    for (i = from; i < to; i++) {
        if ((is(words[i], "<") || is(words[i], ">") || is(words[i], ">>")) && i + 1 < to) {
            int fd;
            if (is(words[i], "<")) {
                fd = open(words[i + 1], O_RDONLY);
            } else if (is(words[i], ">")) {
                fd = open(words[i + 1], O_WRONLY | O_CREAT | O_TRUNC, 0644);
            } else {
                fd = open(words[i + 1], O_WRONLY | O_CREAT | O_APPEND, 0644);
            }
            if (fd < 0) {
                fprintf(stderr, "sh: cannot open %s: ", words[i + 1]);
                perror(NULL);
                _exit(2);
            }
            dup2(fd, is(words[i], "<") ? 0 : 1);
            close(fd);
            i++;
        } else {
            argv[argc++] = words[i];
        }
    }
    argv[argc] = NULL;
    if (argc == 0) {
        _exit(0);
    }
    execvp(argv[0], argv);
    fprintf(stderr, "sh: %d: %s: not found\n", line_number, argv[0]);
    _exit(127);
}

/* Runs the built-in command in words[from..to), if it is one; returns 1 if it was. */
int builtin(int from, int to) {
    if (is(words[from], "cd")) {
        char *dir = from + 1 < to ? words[from + 1] : "/home/student";
        if (chdir(dir) < 0) {
            fprintf(stderr, "sh: cd: %s: ", dir);
            perror(NULL);
            last_status = 1;
        } else {
            last_status = 0;
        }
        return 1;
    }
    if (is(words[from], "wait")) {
        while (wait(NULL) > 0) {
        }
        last_status = 0;
        return 1;
    }
    if (is(words[from], "exit")) {
        exit(from + 1 < to ? atoi(words[from + 1]) : last_status);
    }
    return 0;
}

/* Runs the pipeline in words[from..to); waits for it unless it runs in the background. */
void pipeline(int from, int to, int background) {
    pid_t pids[MAX_WORDS];
    int count = 0;
    int input = 0;
    int start = from;
    int i;
    if (from == to) {
        return;
    }
    if (!background && builtin(from, to)) {
        return;
    }
    for (i = from; i <= to; i++) {
        int fd[2];
        int last = i == to;
        if (!last && !is(words[i], "|")) {
            continue;
        }
        if (!last && pipe(fd) < 0) {
            perror("sh: pipe");
            return;
        }
        pids[count] = fork();
        if (pids[count] == 0) {
            if (input != 0) {
                dup2(input, 0);
                close(input);
            }
            if (!last) {
                dup2(fd[1], 1);
                close(fd[0]);
                close(fd[1]);
            }
            redirect_and_exec(start, i);
        }
        if (pids[count] < 0) {
            perror("sh: fork");
            return;
        }
        count++;
        if (input != 0) {
            close(input);
        }
        if (!last) {
            close(fd[1]);
            input = fd[0];
        }
        start = i + 1;
    }
    if (background) {
        return;
    }
    for (i = 0; i < count; i++) {
        int status;
        waitpid(pids[i], &status, 0);
        if (i == count - 1) {
            last_status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        }
    }
}

/* Runs a line: pipelines separated by ';', '&' or newlines. */
void run(char *line) {
    int start = 0;
    int i;
    line_number++;
    if (split(line) < 0) {
        fprintf(stderr, "sh: line too long\n");
        last_status = 2;
        return;
    }
    for (i = 0; i <= nwords; i++) {
        if (i == nwords || is(words[i], ";") || is(words[i], "\n") || is(words[i], "&")) {
            pipeline(start, i, is(words[i], "&"));
            start = i + 1;
        }
    }
}

int main(int argc, char *argv[]) {
    char line[MAX_TEXT];
    int fd = 0;
    int used = 0;
    long n;
    if (argc >= 3 && strcmp(argv[1], "-c") == 0) {
        run(argv[2]);
        return last_status;
    }
    if (argc >= 2) {
        fd = open(argv[1], O_RDONLY);
        if (fd < 0) {
            fprintf(stderr, "sh: cannot open %s: ", argv[1]);
            perror(NULL);
            return 2;
        }
    }
    while ((n = read(fd, &line[used], 1)) > 0) {
        if (line[used] == '\n' || used == MAX_TEXT - 2) {
            line[used + 1] = 0;
            run(line);
            used = 0;
        } else {
            used++;
        }
    }
    if (used > 0) {
        line[used] = 0;
        run(line);
    }
    return last_status;
}
