//! System headers given as C text: the ones for what ProcLab's machine does not simulate
//! (threads, semaphores, sockets, name lookup, select), whose types and constants a program
//! still needs to compile (a textbook's helper library wraps them all), and the constants
//! and classification macros of `<math.h>` and `<float.h>`. Their layouts and values are
//! glibc's on x86-64 Linux; the functions they declare are in the library table (the
//! unsimulated ones failing with ENOSYS).

/// The C text of system header `name`, for the headers given as text.
pub fn header_text(name: &str) -> Option<&'static str> {
    Some(match name {
        "sys/time.h" => SYS_TIME,
        "time.h" => TIME,
        "sys/select.h" => SYS_SELECT,
        "sys/socket.h" => SYS_SOCKET,
        "sys/un.h" => SYS_UN,
        "netinet/in.h" => NETINET_IN,
        "arpa/inet.h" => ARPA_INET,
        "netdb.h" => NETDB,
        "pthread.h" => PTHREAD,
        "semaphore.h" => SEMAPHORE,
        "setjmp.h" => SETJMP,
        "sys/ipc.h" => SYS_IPC,
        "sys/shm.h" => SYS_SHM,
        "sys/sem.h" => SYS_SEM,
        "sys/msg.h" => SYS_MSG,
        "sys/times.h" => SYS_TIMES,
        "sys/resource.h" => SYS_RESOURCE,
        "math.h" => MATH,
        "float.h" => FLOAT,
        _ => return None,
    })
}

const SYS_IPC: &str = "#ifndef __PROCLAB_SYS_IPC_H
#define __PROCLAB_SYS_IPC_H
struct ipc_perm {
    key_t __key;
    unsigned int uid;
    unsigned int gid;
    unsigned int cuid;
    unsigned int cgid;
    unsigned int mode;
    unsigned short __seq;
    unsigned short __pad2;
    unsigned long __glibc_reserved1;
    unsigned long __glibc_reserved2;
};
#endif
";

const SYS_SHM: &str = "#ifndef __PROCLAB_SYS_SHM_H
#define __PROCLAB_SYS_SHM_H
#include <sys/ipc.h>
typedef unsigned long shmatt_t;
struct shmid_ds {
    struct ipc_perm shm_perm;
    size_t shm_segsz;
    long shm_atime;
    long shm_dtime;
    long shm_ctime;
    int shm_cpid;
    int shm_lpid;
    shmatt_t shm_nattch;
    unsigned long __glibc_reserved5;
    unsigned long __glibc_reserved6;
};
#endif
";

const SYS_MSG: &str = "#ifndef __PROCLAB_SYS_MSG_H
#define __PROCLAB_SYS_MSG_H
#include <sys/ipc.h>
typedef unsigned long msgqnum_t;
typedef unsigned long msglen_t;
struct msqid_ds {
    struct ipc_perm msg_perm;
    long msg_stime;
    long msg_rtime;
    long msg_ctime;
    unsigned long __msg_cbytes;
    msgqnum_t msg_qnum;
    msglen_t msg_qbytes;
    int msg_lspid;
    int msg_lrpid;
    unsigned long __glibc_reserved4;
    unsigned long __glibc_reserved5;
};
#define msg_cbytes __msg_cbytes
#endif
";

const SYS_SEM: &str = "#ifndef __PROCLAB_SYS_SEM_H
#define __PROCLAB_SYS_SEM_H
#include <sys/ipc.h>
struct sembuf {
    unsigned short sem_num;
    short sem_op;
    short sem_flg;
};
struct semid_ds {
    struct ipc_perm sem_perm;
    long sem_otime;
    unsigned long __sem_otime_high;
    long sem_ctime;
    unsigned long __sem_ctime_high;
    unsigned long sem_nsems;
    unsigned long __glibc_reserved3;
    unsigned long __glibc_reserved4;
};
#endif
";

const SYS_TIMES: &str = "#ifndef __PROCLAB_SYS_TIMES_H
#define __PROCLAB_SYS_TIMES_H
struct tms {
    clock_t tms_utime;
    clock_t tms_stime;
    clock_t tms_cutime;
    clock_t tms_cstime;
};
#endif
";

const SYS_RESOURCE: &str = "#ifndef __PROCLAB_SYS_RESOURCE_H
#define __PROCLAB_SYS_RESOURCE_H
#include <sys/time.h>
#define RUSAGE_SELF 0
#define RUSAGE_CHILDREN (-1)
#define RUSAGE_THREAD 1
struct rusage {
    struct timeval ru_utime;
    struct timeval ru_stime;
    long ru_maxrss;
    long ru_ixrss;
    long ru_idrss;
    long ru_isrss;
    long ru_minflt;
    long ru_majflt;
    long ru_nswap;
    long ru_inblock;
    long ru_oublock;
    long ru_msgsnd;
    long ru_msgrcv;
    long ru_nsignals;
    long ru_nvcsw;
    long ru_nivcsw;
};
#endif
";

const MATH: &str = "#ifndef __PROCLAB_MATH_H
#define __PROCLAB_MATH_H
#define M_E 2.7182818284590452354
#define M_LOG2E 1.4426950408889634074
#define M_LOG10E 0.43429448190325182765
#define M_LN2 0.69314718055994530942
#define M_LN10 2.30258509299404568402
#define M_PI 3.14159265358979323846
#define M_PI_2 1.57079632679489661923
#define M_PI_4 0.78539816339744830962
#define M_1_PI 0.31830988618379067154
#define M_2_PI 0.63661977236758134308
#define M_2_SQRTPI 1.12837916709551257390
#define M_SQRT2 1.41421356237309504880
#define M_SQRT1_2 0.70710678118654752440
#define HUGE_VAL (1.0 / 0.0)
#define HUGE_VALF (1.0f / 0.0f)
#define INFINITY (1.0f / 0.0f)
#define NAN (-(0.0f / 0.0f))
#define isnan(x) ((x) != (x))
#define isinf(x) ((x) == 1.0 / 0.0 ? 1 : (x) == -1.0 / 0.0 ? -1 : 0)
#define isfinite(x) ((x) - (x) == 0)
#endif
";

const FLOAT: &str = "#ifndef __PROCLAB_FLOAT_H
#define __PROCLAB_FLOAT_H
#define FLT_RADIX 2
#define FLT_MANT_DIG 24
#define DBL_MANT_DIG 53
#define FLT_DIG 6
#define DBL_DIG 15
#define FLT_EPSILON 1.19209289550781250000e-7F
#define DBL_EPSILON 2.22044604925031308085e-16
#define FLT_MIN 1.17549435082228750797e-38F
#define DBL_MIN 2.22507385850720138309e-308
#define FLT_MAX 3.40282346638528859812e+38F
#define DBL_MAX 1.79769313486231570815e+308
#define FLT_MIN_EXP (-125)
#define DBL_MIN_EXP (-1021)
#define FLT_MAX_EXP 128
#define DBL_MAX_EXP 1024
#define FLT_MIN_10_EXP (-37)
#define DBL_MIN_10_EXP (-307)
#define FLT_MAX_10_EXP 38
#define DBL_MAX_10_EXP 308
#define FLT_EVAL_METHOD 0
#define DECIMAL_DIG 21
#endif
";

const SYS_TIME: &str = "#ifndef __PROCLAB_SYS_TIME_H
#define __PROCLAB_SYS_TIME_H
#include <sys/select.h>
struct timezone { int tz_minuteswest; int tz_dsttime; };
#endif
";

const TIME: &str = "#ifndef __PROCLAB_TIME_H
#define __PROCLAB_TIME_H
#ifndef __PROCLAB_TIMESPEC
#define __PROCLAB_TIMESPEC
struct timespec { long tv_sec; long tv_nsec; };
#endif
#define CLOCKS_PER_SEC ((clock_t) 1000000)
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID 3
struct tm {
    int tm_sec;
    int tm_min;
    int tm_hour;
    int tm_mday;
    int tm_mon;
    int tm_year;
    int tm_wday;
    int tm_yday;
    int tm_isdst;
    long tm_gmtoff;
    const char *tm_zone;
};
#endif
";

const SYS_SELECT: &str = "#ifndef __PROCLAB_SYS_SELECT_H
#define __PROCLAB_SYS_SELECT_H
struct timeval { long tv_sec; long tv_usec; };
#ifndef __PROCLAB_TIMESPEC
#define __PROCLAB_TIMESPEC
struct timespec { long tv_sec; long tv_nsec; };
#endif
#define FD_SETSIZE 1024
typedef struct { long fds_bits[FD_SETSIZE / 64]; } fd_set;
#define FD_ZERO(set) ((void) memset((set), 0, sizeof(fd_set)))
#define FD_SET(fd, set) ((void) ((set)->fds_bits[(fd) / 64] |= (1L << ((fd) % 64))))
#define FD_CLR(fd, set) ((void) ((set)->fds_bits[(fd) / 64] &= ~(1L << ((fd) % 64))))
#define FD_ISSET(fd, set) (((set)->fds_bits[(fd) / 64] & (1L << ((fd) % 64))) != 0)
#endif
";

const SYS_SOCKET: &str = "#ifndef __PROCLAB_SYS_SOCKET_H
#define __PROCLAB_SYS_SOCKET_H
typedef unsigned short sa_family_t;
struct sockaddr { sa_family_t sa_family; char sa_data[14]; };
struct sockaddr_storage { sa_family_t ss_family; char __ss_padding[118]; unsigned long __ss_align; };
#define AF_UNSPEC 0
#define PF_UNSPEC 0
#define AF_INET 2
#define PF_INET 2
#define AF_INET6 10
#define PF_INET6 10
#define SOCK_DGRAM 2
#define SOCK_RAW 3
#define SOL_SOCKET 1
#define SO_REUSEADDR 2
#define SO_KEEPALIVE 9
#define SOMAXCONN 4096
#define SHUT_RD 0
#define SHUT_WR 1
#define SHUT_RDWR 2
#define MSG_PEEK 2
#endif
";

const SYS_UN: &str = "#ifndef __PROCLAB_SYS_UN_H
#define __PROCLAB_SYS_UN_H
#include <sys/socket.h>
struct sockaddr_un { sa_family_t sun_family; char sun_path[108]; };
#endif
";

const NETINET_IN: &str = "#ifndef __PROCLAB_NETINET_IN_H
#define __PROCLAB_NETINET_IN_H
#include <sys/socket.h>
typedef unsigned int in_addr_t;
typedef unsigned short in_port_t;
struct in_addr { in_addr_t s_addr; };
struct sockaddr_in { sa_family_t sin_family; in_port_t sin_port; struct in_addr sin_addr; unsigned char sin_zero[8]; };
#define INADDR_ANY ((in_addr_t) 0x00000000)
#define INADDR_LOOPBACK ((in_addr_t) 0x7f000001)
#define IPPROTO_TCP 6
#define IPPROTO_UDP 17
#define htons(x) ((unsigned short) ((((x) & 0xff) << 8) | (((x) >> 8) & 0xff)))
#define ntohs(x) htons(x)
#define htonl(x) ((unsigned int) ((((x) & 0xff) << 24) | (((x) & 0xff00) << 8) | (((x) >> 8) & 0xff00) | (((x) >> 24) & 0xff)))
#define ntohl(x) htonl(x)
#endif
";

const ARPA_INET: &str = "#ifndef __PROCLAB_ARPA_INET_H
#define __PROCLAB_ARPA_INET_H
#include <netinet/in.h>
#define INET_ADDRSTRLEN 16
#define INET6_ADDRSTRLEN 46
#endif
";

const NETDB: &str = "#ifndef __PROCLAB_NETDB_H
#define __PROCLAB_NETDB_H
#include <netinet/in.h>
struct hostent { char *h_name; char **h_aliases; int h_addrtype; int h_length; char **h_addr_list; };
#define h_addr h_addr_list[0]
struct addrinfo {
    int ai_flags;
    int ai_family;
    int ai_socktype;
    int ai_protocol;
    socklen_t ai_addrlen;
    struct sockaddr *ai_addr;
    char *ai_canonname;
    struct addrinfo *ai_next;
};
#define AI_PASSIVE 0x0001
#define AI_CANONNAME 0x0002
#define AI_NUMERICHOST 0x0004
#define AI_V4MAPPED 0x0008
#define AI_ALL 0x0010
#define AI_ADDRCONFIG 0x0020
#define AI_NUMERICSERV 0x0400
#define NI_MAXHOST 1025
#define NI_MAXSERV 32
#define NI_NUMERICHOST 1
#define NI_NUMERICSERV 2
#define EAI_BADFLAGS -1
#define EAI_NONAME -2
#define EAI_AGAIN -3
#define EAI_FAIL -4
#define EAI_FAMILY -6
#define EAI_SOCKTYPE -7
#define EAI_SERVICE -8
#define EAI_MEMORY -10
#define EAI_SYSTEM -11
#endif
";

const PTHREAD: &str = "#ifndef __PROCLAB_PTHREAD_H
#define __PROCLAB_PTHREAD_H
#include <time.h>
typedef unsigned long pthread_t;
typedef struct { long __align[7]; } pthread_attr_t;
typedef struct { long __align[5]; } pthread_mutex_t;
typedef struct { int __align; } pthread_mutexattr_t;
typedef struct { long __align[6]; } pthread_cond_t;
typedef struct { int __align; } pthread_condattr_t;
typedef int pthread_once_t;
#define PTHREAD_ONCE_INIT 0
#define PTHREAD_MUTEX_INITIALIZER { { 0 } }
#define PTHREAD_COND_INITIALIZER { { 0 } }
#define PTHREAD_CANCELED ((void *) -1)
#endif
";

const SETJMP: &str = "#ifndef __PROCLAB_SETJMP_H
#define __PROCLAB_SETJMP_H
typedef long jmp_buf[25];
typedef long sigjmp_buf[25];
#endif
";

const SEMAPHORE: &str = "#ifndef __PROCLAB_SEMAPHORE_H
#define __PROCLAB_SEMAPHORE_H
typedef struct { long __align[4]; } sem_t;
#define SEM_FAILED ((sem_t *) 0)
#endif
";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile;

    #[test]
    fn every_header_given_as_text_compiles_with_the_others() {
        let names = [
            "sys/time.h",
            "time.h",
            "sys/select.h",
            "sys/socket.h",
            "sys/un.h",
            "netinet/in.h",
            "arpa/inet.h",
            "netdb.h",
            "pthread.h",
            "semaphore.h",
            "setjmp.h",
            "sys/ipc.h",
            "sys/shm.h",
            "sys/sem.h",
            "sys/msg.h",
            "sys/times.h",
            "sys/resource.h",
        ];
        let mut source: String = names.iter().map(|n| format!("#include <{n}>\n")).collect();
        source.push_str(&source.clone());
        source.push_str("int main(void) { return sizeof(struct addrinfo) + sizeof(fd_set); }\n");
        assert!(names.iter().all(|n| header_text(n).is_some()));
        compile("t.c", &source, 4096).unwrap_or_else(|e| panic!("{e}"));
    }
}
