//! The C library's functions that ProcLab writes in C rather than in the machine: those that
//! call back into the program (qsort's comparison) or run other processes (system), which
//! are C code in glibc too. A file is compiled with a program that uses one of its names
//! and does not define it, as a static C library's object is linked when referenced; its
//! code runs as the program's own, so a step shows qsort's lines and system's fork.

use std::collections::BTreeSet;

use proclab_kernel::program::LIBRARY_SOURCES;

/// One file of the library in C: its name and the names it defines.
pub struct RuntimeFile {
    /// Its name, under [`LIBRARY_SOURCES`].
    pub name: &'static str,
    /// The functions and variables it defines.
    pub provides: &'static [&'static str],
    /// Its C text.
    pub text: &'static str,
}

/// Every file of the library in C.
pub const RUNTIME: [RuntimeFile; 12] = [
    RuntimeFile {
        name: "psignal.c",
        provides: &["psignal"],
        text: PSIGNAL,
    },
    RuntimeFile {
        name: "wait4.c",
        provides: &["wait3", "wait4"],
        text: WAIT4,
    },
    RuntimeFile {
        name: "shm_open.c",
        provides: &[
            "shm_open",
            "shm_unlink",
            "sem_open",
            "sem_close",
            "sem_unlink",
        ],
        text: SHM_OPEN,
    },
    RuntimeFile {
        name: "killpg.c",
        provides: &["killpg"],
        text: KILLPG,
    },
    RuntimeFile {
        name: "abs.c",
        provides: &["abs", "labs", "llabs"],
        text: ABS,
    },
    RuntimeFile {
        name: "qsort.c",
        provides: &["qsort", "bsearch"],
        text: QSORT,
    },
    RuntimeFile {
        name: "system.c",
        provides: &["system"],
        text: SYSTEM,
    },
    RuntimeFile {
        name: "getopt.c",
        provides: &["getopt", "optarg", "optind", "opterr", "optopt"],
        text: GETOPT,
    },
    RuntimeFile {
        name: "strtok.c",
        provides: &["strspn", "strcspn", "strpbrk", "strtok", "strtok_r"],
        text: STRTOK,
    },
    RuntimeFile {
        name: "libgen.c",
        provides: &["basename", "dirname"],
        text: LIBGEN,
    },
    RuntimeFile {
        name: "popen.c",
        provides: &["popen", "pclose"],
        text: POPEN,
    },
    RuntimeFile {
        name: "time.c",
        provides: &[
            "gmtime",
            "gmtime_r",
            "localtime",
            "localtime_r",
            "mktime",
            "timegm",
            "asctime",
            "asctime_r",
            "ctime",
            "ctime_r",
            "strftime",
            "difftime",
        ],
        text: TIME,
    },
];

/// The library files a program needs: those providing a name it uses and does not define.
pub fn needed<'a>(used: &BTreeSet<String>, defined: &BTreeSet<String>) -> Vec<&'a RuntimeFile> {
    RUNTIME
        .iter()
        .filter(|f| {
            f.provides
                .iter()
                .any(|n| used.contains(*n) && !defined.contains(*n))
        })
        .collect()
}

/// The path a library file is compiled under.
pub fn path(file: &RuntimeFile) -> String {
    format!("{LIBRARY_SOURCES}{}", file.name)
}

const PSIGNAL: &str = r#"/* psignal as glibc writes it: the message, a colon, and the signal's description on
   standard error. */
#include <stdio.h>
#include <string.h>

void psignal(int sig, const char *s) {
    if (s != NULL && *s != 0)
        fprintf(stderr, "%s: %s\n", s, strsignal(sig));
    else
        fprintf(stderr, "%s\n", strsignal(sig));
}
"#;

const WAIT4: &str = r#"/* wait4 and wait3: waitpid, and the reaped child's resource usage, which is what
   reaping it added to the caller's RUSAGE_CHILDREN. */
#include <sys/resource.h>
#include <sys/wait.h>

pid_t wait4(pid_t pid, int *status, int options, struct rusage *usage) {
    struct rusage before;
    getrusage(RUSAGE_CHILDREN, &before);
    pid_t reaped = waitpid(pid, status, options);
    if (reaped > 0 && usage != NULL) {
        getrusage(RUSAGE_CHILDREN, usage);
        long us = (usage->ru_utime.tv_sec - before.ru_utime.tv_sec) * 1000000
                  + usage->ru_utime.tv_usec - before.ru_utime.tv_usec;
        usage->ru_utime.tv_sec = us / 1000000;
        usage->ru_utime.tv_usec = us % 1000000;
    }
    return reaped;
}

pid_t wait3(int *status, int options, struct rusage *usage) {
    return wait4(-1, status, options, usage);
}
"#;

const SHM_OPEN: &str = r#"/* POSIX shared memory and named semaphores as glibc makes them: files in /dev/shm
   (a tmpfs on Linux), a semaphore being a sem_t in a file called sem.NAME, mapped shared. */
#include <errno.h>
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* "/dev/shm/" + prefix + the name without its leading slashes; EINVAL for an empty name
   or one with another slash, ENAMETOOLONG past NAME_MAX. */
static int shm_path(const char *name, const char *prefix, char *path) {
    while (*name == '/')
        name++;
    size_t n = strlen(name);
    if (n == 0 || strchr(name, '/') != NULL) {
        errno = EINVAL;
        return -1;
    }
    if (n + strlen(prefix) > 255) {
        errno = ENAMETOOLONG;
        return -1;
    }
    strcpy(path, "/dev/shm/");
    strcat(path, prefix);
    strcat(path, name);
    return 0;
}

int shm_open(const char *name, int oflag, mode_t mode) {
    char path[9 + 256];
    if (shm_path(name, "", path) < 0)
        return -1;
    return open(path, oflag | O_NOFOLLOW | O_CLOEXEC, mode);
}

int shm_unlink(const char *name) {
    char path[9 + 256];
    if (shm_path(name, "", path) < 0)
        return -1;
    return unlink(path);
}

sem_t *sem_open(const char *name, int oflag, ...) {
    char path[9 + 256];
    if (shm_path(name, "sem.", path) < 0)
        return SEM_FAILED;
    int fd;
    if (oflag & O_CREAT) {
        va_list ap;
        va_start(ap, oflag);
        mode_t mode = va_arg(ap, mode_t);
        unsigned int value = va_arg(ap, unsigned int);
        va_end(ap);
        if (value > 2147483647u) {
            errno = EINVAL;
            return SEM_FAILED;
        }
        fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
        if (fd >= 0) {
            sem_t initial;
            sem_init(&initial, 1, value);
            write(fd, &initial, sizeof initial);
        } else if (errno == EEXIST && !(oflag & O_EXCL)) {
            fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
        }
    } else {
        fd = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC);
    }
    if (fd < 0)
        return SEM_FAILED;
    sem_t *sem = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    close(fd);
    return sem == MAP_FAILED ? SEM_FAILED : sem;
}

int sem_close(sem_t *sem) {
    return munmap(sem, sizeof(sem_t));
}

int sem_unlink(const char *name) {
    char path[9 + 256];
    if (shm_path(name, "sem.", path) < 0)
        return -1;
    return unlink(path);
}
"#;

const KILLPG: &str = r#"/* killpg as glibc writes it: kill of the negated group, EINVAL for a negative one. */
#include <errno.h>
#include <signal.h>

int killpg(int pgrp, int sig) {
    if (pgrp < 0) {
        errno = EINVAL;
        return -1;
    }
    return kill(-pgrp, sig);
}
"#;

const ABS: &str = r#"/* abs, labs and llabs, as glibc writes them: the most negative value has no
   positive counterpart and comes back unchanged, as the machine's negation gives it. */
int abs(int i) {
    return i < 0 ? -i : i;
}

long labs(long i) {
    return i < 0 ? -i : i;
}

long long llabs(long long i) {
    return i < 0 ? -i : i;
}
"#;

const QSORT: &str = r#"/* qsort and bsearch as glibc 2.36 computes them: a merge sort (so elements that compare
   equal keep their order) calling the comparison in glibc's order, its buffer on the
   stack under 1024 bytes and from malloc above; a binary search. */
#include <stdlib.h>
#include <string.h>

static void swap_bytes(char *a, char *b, size_t n) {
    while (n-- > 0) {
        char t = *a;
        *a++ = *b;
        *b++ = t;
    }
}

static void msort_with_tmp(char *b, size_t n, size_t s,
                           int (*cmp)(const void *, const void *), char *t) {
    if (n <= 1)
        return;
    size_t n1 = n / 2;
    size_t n2 = n - n1;
    char *b1 = b;
    char *b2 = b + n1 * s;
    msort_with_tmp(b1, n1, s, cmp, t);
    msort_with_tmp(b2, n2, s, cmp, t);
    char *tmp = t;
    while (n1 > 0 && n2 > 0) {
        if (cmp(b1, b2) <= 0) {
            memcpy(tmp, b1, s);
            b1 += s;
            --n1;
        } else {
            memcpy(tmp, b2, s);
            b2 += s;
            --n2;
        }
        tmp += s;
    }
    if (n1 > 0)
        memcpy(tmp, b1, n1 * s);
    memcpy(b, t, (n - n2) * s);
}

void qsort(void *base, size_t nmemb, size_t size,
           int (*compar)(const void *, const void *)) {
    size_t total = nmemb * size;
    char small[1024];
    if (total < 1024) {
        msort_with_tmp(base, nmemb, size, compar, small);
        return;
    }
    char *tmp = malloc(total);
    if (tmp == NULL) {
        /* No memory for the buffer: sort in place, as stably, by exchanges. */
        char *b = base;
        for (size_t i = 1; i < nmemb; i++)
            for (size_t j = i; j > 0 && compar(b + (j - 1) * size, b + j * size) > 0; j--)
                swap_bytes(b + (j - 1) * size, b + j * size, size);
        return;
    }
    msort_with_tmp(base, nmemb, size, compar, tmp);
    free(tmp);
}

void *bsearch(const void *key, const void *base, size_t nmemb, size_t size,
              int (*compar)(const void *, const void *)) {
    size_t l = 0;
    size_t u = nmemb;
    while (l < u) {
        size_t idx = (l + u) / 2;
        const char *p = (const char *) base + idx * size;
        int comparison = compar(key, p);
        if (comparison < 0)
            u = idx;
        else if (comparison > 0)
            l = idx + 1;
        else
            return (void *) p;
    }
    return NULL;
}
"#;

const SYSTEM: &str = r#"/* system(command) as glibc runs it: /bin/sh -c command in a child, the caller ignoring
   SIGINT and SIGQUIT and blocking SIGCHLD until the child has ended; the child's wait
   status, 127 as its exit status when the shell cannot run, 1 for NULL (a shell exists). */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

int system(const char *command) {
    if (command == NULL)
        return 1;
    struct sigaction ignore, old_int, old_quit;
    sigset_t block, old_mask;
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ignore.sa_flags = 0;
    sigaction(SIGINT, &ignore, &old_int);
    sigaction(SIGQUIT, &ignore, &old_quit);
    sigemptyset(&block);
    sigaddset(&block, SIGCHLD);
    sigprocmask(SIG_BLOCK, &block, &old_mask);
    int status = -1;
    pid_t pid = fork();
    if (pid == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        sigprocmask(SIG_SETMASK, &old_mask, NULL);
        execl("/bin/sh", "sh", "-c", command, (char *) NULL);
        _exit(127);
    }
    if (pid > 0) {
        while (waitpid(pid, &status, 0) < 0) {
            if (errno != EINTR) {
                status = -1;
                break;
            }
        }
    }
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGQUIT, &old_quit, NULL);
    sigprocmask(SIG_SETMASK, &old_mask, NULL);
    return status;
}
"#;

const GETOPT: &str = r#"/* getopt as glibc's: short options; GNU's order (options after operands are found, and
   the operands moved after them) unless the option string starts with '+' or
   POSIXLY_CORRECT is set; '-' returns operands as option 1; a leading ':' returns ':' for a
   missing argument and prints nothing; glibc's messages on stderr otherwise. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *optarg;
int optind = 1;
int opterr = 1;
int optopt = '?';

enum { REQUIRE_ORDER, PERMUTE, RETURN_IN_ORDER };

static char *nextchar;
static int first_nonopt;
static int last_nonopt;
static int initialized;
static int ordering;

/* Moves the operands skipped so far (first_nonopt to last_nonopt) after the options
   found since (last_nonopt to optind), keeping each group's order. */
static void exchange(char **argv) {
    int bottom = first_nonopt;
    int middle = last_nonopt;
    int top = optind;
    while (top > middle && middle > bottom) {
        if (top - middle > middle - bottom) {
            int len = middle - bottom;
            for (int i = 0; i < len; i++) {
                char *tem = argv[bottom + i];
                argv[bottom + i] = argv[top - (middle - bottom) + i];
                argv[top - (middle - bottom) + i] = tem;
            }
            top -= len;
        } else {
            int len = top - middle;
            for (int i = 0; i < len; i++) {
                char *tem = argv[bottom + i];
                argv[bottom + i] = argv[middle + i];
                argv[middle + i] = tem;
            }
            bottom += len;
        }
    }
    first_nonopt += optind - last_nonopt;
    last_nonopt = optind;
}

int getopt(int argc, char *const argv[], const char *optstring) {
    char **args = (char **) argv;
    if (argc < 1)
        return -1;
    optarg = NULL;
    if (optind == 0 || !initialized) {
        if (optind == 0)
            optind = 1;
        first_nonopt = last_nonopt = optind;
        nextchar = NULL;
        if (optstring[0] == '-') {
            ordering = RETURN_IN_ORDER;
            ++optstring;
        } else if (optstring[0] == '+') {
            ordering = REQUIRE_ORDER;
            ++optstring;
        } else if (getenv("POSIXLY_CORRECT") != NULL) {
            ordering = REQUIRE_ORDER;
        } else {
            ordering = PERMUTE;
        }
        initialized = 1;
    } else if (optstring[0] == '-' || optstring[0] == '+') {
        ++optstring;
    }
    int print_errors = opterr && optstring[0] != ':';
    if (nextchar == NULL || *nextchar == '\0') {
        if (last_nonopt > optind)
            last_nonopt = optind;
        if (first_nonopt > optind)
            first_nonopt = optind;
        if (ordering == PERMUTE) {
            if (first_nonopt != last_nonopt && last_nonopt != optind)
                exchange(args);
            else if (last_nonopt != optind)
                first_nonopt = optind;
            while (optind < argc && (args[optind][0] != '-' || args[optind][1] == '\0'))
                optind++;
            last_nonopt = optind;
        }
        if (optind != argc && strcmp(args[optind], "--") == 0) {
            optind++;
            if (first_nonopt != last_nonopt && last_nonopt != optind)
                exchange(args);
            else if (first_nonopt == last_nonopt)
                first_nonopt = optind;
            last_nonopt = argc;
            optind = argc;
        }
        if (optind == argc) {
            if (first_nonopt != last_nonopt)
                optind = first_nonopt;
            return -1;
        }
        if (args[optind][0] != '-' || args[optind][1] == '\0') {
            if (ordering == REQUIRE_ORDER)
                return -1;
            optarg = args[optind++];
            return 1;
        }
        nextchar = args[optind] + 1;
    }
    char c = *nextchar++;
    const char *temp = strchr(optstring, c);
    if (*nextchar == '\0')
        ++optind;
    if (temp == NULL || c == ':' || c == ';') {
        if (print_errors)
            fprintf(stderr, "%s: invalid option -- '%c'\n", args[0], c);
        optopt = c;
        return '?';
    }
    if (temp[1] == ':') {
        if (temp[2] == ':') {
            if (*nextchar != '\0') {
                optarg = nextchar;
                optind++;
            } else {
                optarg = NULL;
            }
            nextchar = NULL;
        } else {
            if (*nextchar != '\0') {
                optarg = nextchar;
                optind++;
            } else if (optind == argc) {
                if (print_errors)
                    fprintf(stderr, "%s: option requires an argument -- '%c'\n", args[0], c);
                optopt = c;
                c = optstring[0] == ':' ? ':' : '?';
            } else {
                optarg = args[optind++];
            }
            nextchar = NULL;
        }
    }
    return c;
}
"#;

const STRTOK: &str = r#"/* strspn, strcspn, strpbrk, strtok and strtok_r as glibc's: strtok keeps where it
   stopped in a static pointer, so a second string's tokens cannot be read between calls
   for the first (strtok_r keeps it where the caller says). */
#include <string.h>

size_t strspn(const char *s, const char *accept) {
    const char *p = s;
    while (*p != '\0' && strchr(accept, *p) != NULL)
        p++;
    return p - s;
}

size_t strcspn(const char *s, const char *reject) {
    const char *p = s;
    while (*p != '\0' && strchr(reject, *p) == NULL)
        p++;
    return p - s;
}

char *strpbrk(const char *s, const char *accept) {
    s += strcspn(s, accept);
    return *s != '\0' ? (char *) s : NULL;
}

char *strtok_r(char *s, const char *delim, char **save_ptr) {
    if (s == NULL)
        s = *save_ptr;
    if (*s == '\0') {
        *save_ptr = s;
        return NULL;
    }
    s += strspn(s, delim);
    if (*s == '\0') {
        *save_ptr = s;
        return NULL;
    }
    char *end = s + strcspn(s, delim);
    if (*end == '\0') {
        *save_ptr = end;
        return s;
    }
    *end = '\0';
    *save_ptr = end + 1;
    return s;
}

static char *olds;

char *strtok(char *s, const char *delim) {
    return strtok_r(s, delim, &olds);
}
"#;

const LIBGEN: &str = r#"/* basename and dirname of <libgen.h> (POSIX's, as glibc's): both may write a NUL into
   the path they are given, and return "." for an empty path or one without a '/'. */
#include <string.h>

char *basename(char *filename) {
    if (filename == NULL || filename[0] == '\0')
        return (char *) ".";
    char *p = strrchr(filename, '/');
    if (p == NULL)
        return filename;
    if (p[1] == '\0') {
        while (p > filename && p[-1] == '/')
            --p;
        if (p > filename) {
            *p-- = '\0';
            while (p > filename && p[-1] != '/')
                --p;
        } else {
            while (p[1] != '\0')
                ++p;
        }
    } else {
        ++p;
    }
    return p;
}

char *dirname(char *path) {
    char *last_slash = path != NULL ? strrchr(path, '/') : NULL;
    if (last_slash != NULL && last_slash != path && last_slash[1] == '\0') {
        char *runp = last_slash;
        while (runp != path && runp[-1] == '/')
            --runp;
        if (runp != path) {
            last_slash = NULL;
            for (char *q = runp - 1; q >= path; --q) {
                if (*q == '/') {
                    last_slash = q;
                    break;
                }
            }
        }
    }
    if (last_slash == NULL)
        return (char *) ".";
    char *runp = last_slash;
    while (runp != path && runp[-1] == '/')
        --runp;
    if (runp == path) {
        if (last_slash == path + 1)
            ++last_slash;
        else
            last_slash = path + 1;
    } else {
        last_slash = runp;
    }
    last_slash[0] = '\0';
    return path;
}
"#;

const POPEN: &str = r#"/* popen and pclose as glibc's: /bin/sh -c command in a child whose standard output
   ("r") or input ("w") is a pipe to the caller's stream; the child closes the other
   streams popen opened; pclose closes the stream and waits for the child, returning its
   wait status. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define POPEN_MAX 64

static FILE *popen_streams[POPEN_MAX];
static pid_t popen_pids[POPEN_MAX];

FILE *popen(const char *command, const char *mode) {
    if (mode[0] != 'r' && mode[0] != 'w') {
        errno = EINVAL;
        return NULL;
    }
    int reading = mode[0] == 'r';
    int slot = 0;
    while (slot < POPEN_MAX && popen_streams[slot] != NULL)
        slot++;
    if (slot == POPEN_MAX) {
        errno = EMFILE;
        return NULL;
    }
    int fds[2];
    if (pipe(fds) < 0)
        return NULL;
    int parent_end = reading ? fds[0] : fds[1];
    int child_end = reading ? fds[1] : fds[0];
    int target = reading ? 1 : 0;
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        for (int i = 0; i < POPEN_MAX; i++)
            if (popen_streams[i] != NULL)
                close(fileno(popen_streams[i]));
        close(parent_end);
        if (child_end != target) {
            dup2(child_end, target);
            close(child_end);
        }
        execl("/bin/sh", "sh", "-c", command, (char *) NULL);
        _exit(127);
    }
    close(child_end);
    FILE *stream = fdopen(parent_end, reading ? "r" : "w");
    popen_streams[slot] = stream;
    popen_pids[slot] = pid;
    return stream;
}

int pclose(FILE *stream) {
    int slot = 0;
    while (slot < POPEN_MAX && popen_streams[slot] != stream)
        slot++;
    if (slot == POPEN_MAX) {
        errno = ECHILD;
        return -1;
    }
    pid_t pid = popen_pids[slot];
    popen_streams[slot] = NULL;
    fclose(stream);
    int status;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR)
            return -1;
    }
    return status;
}
"#;

const TIME: &str = r#"/* Broken-down time as glibc computes it, on a machine whose time zone is UTC (as this
   one's): gmtime and localtime (zones "GMT" and "UTC"), mktime and timegm, asctime and
   ctime, difftime, and strftime in the C locale. localtime, gmtime, asctime and ctime
   return static storage that the next call overwrites. */
#include <stdio.h>
#include <string.h>
#include <time.h>

static const char *const day_names[] = {"Sunday", "Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday"};
static const char *const month_names[] = {"January", "February", "March", "April", "May",
                                          "June", "July", "August", "September", "October",
                                          "November", "December"};

static struct tm tm_static;
static char asctime_buf[64];

/* Days since 1970-01-01 of a date of the proleptic Gregorian calendar. */
static long days_from_civil(long y, long m, long d) {
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static struct tm *broken_down(const time_t *timer, struct tm *tp, const char *zone) {
    long t = *timer;
    long days = t / 86400;
    long rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    tp->tm_hour = rem / 3600;
    tp->tm_min = rem % 3600 / 60;
    tp->tm_sec = rem % 60;
    long wday = (4 + days) % 7;
    tp->tm_wday = wday < 0 ? wday + 7 : wday;
    long z = days + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long mday = doy - (153 * mp + 2) / 5 + 1;
    long mon = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (mon <= 2);
    tp->tm_mday = mday;
    tp->tm_mon = mon - 1;
    tp->tm_year = year - 1900;
    tp->tm_yday = days - days_from_civil(year, 1, 1);
    tp->tm_isdst = 0;
    tp->tm_gmtoff = 0;
    tp->tm_zone = zone;
    return tp;
}

struct tm *gmtime_r(const time_t *timer, struct tm *tp) {
    return broken_down(timer, tp, "GMT");
}

struct tm *gmtime(const time_t *timer) {
    return gmtime_r(timer, &tm_static);
}

struct tm *localtime_r(const time_t *timer, struct tm *tp) {
    return broken_down(timer, tp, "UTC");
}

struct tm *localtime(const time_t *timer) {
    return localtime_r(timer, &tm_static);
}

time_t timegm(struct tm *tp) {
    long mon = tp->tm_mon;
    long year = tp->tm_year + 1900L + mon / 12;
    mon %= 12;
    if (mon < 0) {
        mon += 12;
        year--;
    }
    time_t t = (days_from_civil(year, mon + 1, 1) + tp->tm_mday - 1) * 86400L
               + tp->tm_hour * 3600L + tp->tm_min * 60L + tp->tm_sec;
    broken_down(&t, tp, "GMT");
    return t;
}

time_t mktime(struct tm *tp) {
    time_t t = timegm(tp);
    tp->tm_zone = "UTC";
    return t;
}

double difftime(time_t end, time_t start) {
    return (double) end - (double) start;
}

char *asctime_r(const struct tm *tp, char *buf) {
    sprintf(buf, "%.3s %.3s%3d %.2d:%.2d:%.2d %d\n", day_names[tp->tm_wday],
            month_names[tp->tm_mon], tp->tm_mday, tp->tm_hour, tp->tm_min, tp->tm_sec,
            1900 + tp->tm_year);
    return buf;
}

char *asctime(const struct tm *tp) {
    return asctime_r(tp, asctime_buf);
}

char *ctime_r(const time_t *timer, char *buf) {
    struct tm tm;
    return asctime_r(localtime_r(timer, &tm), buf);
}

char *ctime(const time_t *timer) {
    return asctime(localtime(timer));
}

/* Appends text to the output if it fits; false when it does not. */
static int put(char *s, size_t max, size_t *at, const char *text) {
    size_t n = strlen(text);
    if (*at + n >= max)
        return 0;
    memcpy(s + *at, text, n);
    *at += n;
    return 1;
}

size_t strftime(char *s, size_t max, const char *format, const struct tm *tp) {
    size_t at = 0;
    char field[64];
    for (const char *f = format; *f != '\0'; f++) {
        if (*f != '%') {
            field[0] = *f;
            field[1] = '\0';
        } else {
            f++;
            if (*f == 'E' || *f == 'O')
                f++;
            int hour12 = tp->tm_hour % 12 == 0 ? 12 : tp->tm_hour % 12;
            switch (*f) {
            case 'a': snprintf(field, sizeof field, "%.3s", day_names[tp->tm_wday]); break;
            case 'A': snprintf(field, sizeof field, "%s", day_names[tp->tm_wday]); break;
            case 'h':
            case 'b': snprintf(field, sizeof field, "%.3s", month_names[tp->tm_mon]); break;
            case 'B': snprintf(field, sizeof field, "%s", month_names[tp->tm_mon]); break;
            case 'c':
                strftime(field, sizeof field, "%a %b %e %H:%M:%S %Y", tp);
                break;
            case 'C': snprintf(field, sizeof field, "%02d", (1900 + tp->tm_year) / 100); break;
            case 'd': snprintf(field, sizeof field, "%02d", tp->tm_mday); break;
            case 'D': strftime(field, sizeof field, "%m/%d/%y", tp); break;
            case 'e': snprintf(field, sizeof field, "%2d", tp->tm_mday); break;
            case 'F': strftime(field, sizeof field, "%Y-%m-%d", tp); break;
            case 'H': snprintf(field, sizeof field, "%02d", tp->tm_hour); break;
            case 'I': snprintf(field, sizeof field, "%02d", hour12); break;
            case 'j': snprintf(field, sizeof field, "%03d", tp->tm_yday + 1); break;
            case 'k': snprintf(field, sizeof field, "%2d", tp->tm_hour); break;
            case 'l': snprintf(field, sizeof field, "%2d", hour12); break;
            case 'm': snprintf(field, sizeof field, "%02d", tp->tm_mon + 1); break;
            case 'M': snprintf(field, sizeof field, "%02d", tp->tm_min); break;
            case 'n': strcpy(field, "\n"); break;
            case 'p': strcpy(field, tp->tm_hour < 12 ? "AM" : "PM"); break;
            case 'P': strcpy(field, tp->tm_hour < 12 ? "am" : "pm"); break;
            case 'r': strftime(field, sizeof field, "%I:%M:%S %p", tp); break;
            case 'R': strftime(field, sizeof field, "%H:%M", tp); break;
            case 's': {
                struct tm copy = *tp;
                snprintf(field, sizeof field, "%ld", (long) timegm(&copy));
                break;
            }
            case 'S': snprintf(field, sizeof field, "%02d", tp->tm_sec); break;
            case 't': strcpy(field, "\t"); break;
            case 'T': strftime(field, sizeof field, "%H:%M:%S", tp); break;
            case 'u': snprintf(field, sizeof field, "%d", tp->tm_wday == 0 ? 7 : tp->tm_wday); break;
            case 'w': snprintf(field, sizeof field, "%d", tp->tm_wday); break;
            case 'x': strftime(field, sizeof field, "%m/%d/%y", tp); break;
            case 'X': strftime(field, sizeof field, "%H:%M:%S", tp); break;
            case 'y': snprintf(field, sizeof field, "%02d", (1900 + tp->tm_year) % 100); break;
            case 'Y': snprintf(field, sizeof field, "%d", 1900 + tp->tm_year); break;
            case 'z': strcpy(field, "+0000"); break;
            case 'Z': snprintf(field, sizeof field, "%s", tp->tm_zone != NULL ? tp->tm_zone : "UTC"); break;
            case '%': strcpy(field, "%"); break;
            case '\0':
                f--;
                strcpy(field, "%");
                break;
            default:
                snprintf(field, sizeof field, "%%%c", *f);
            }
        }
        if (!put(s, max, &at, field))
            return 0;
    }
    if (max == 0)
        return 0;
    s[at] = '\0';
    return at;
}
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_needed_for_a_name_used_and_not_defined() {
        let set = |names: &[&str]| names.iter().map(|n| n.to_string()).collect();
        let names = |files: Vec<&RuntimeFile>| files.iter().map(|f| f.name).collect::<Vec<_>>();
        assert_eq!(
            names(needed(&set(&["qsort", "printf"]), &set(&[]))),
            ["qsort.c"]
        );
        assert!(needed(&set(&["qsort"]), &set(&["qsort"])).is_empty());
        assert!(needed(&set(&["printf"]), &set(&[])).is_empty());
    }
}
