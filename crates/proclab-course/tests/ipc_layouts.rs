//! `<sys/msg.h>`, `<sys/shm.h>` and `<sys/sem.h>` (C text in the front end) declare the
//! status structs at the offsets the kernel writes them (`abi::ipc_ds`): a program prints
//! its own offsetof and sizeof, and they must be the ABI's.

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::abi::ipc_ds::{PERM_MODE, PERM_UID, msqid_ds, semid_ds, shmid_ds};
use proclab_kernel::scenario::Settings;

#[test]
fn the_headers_status_structs_sit_where_the_kernel_writes_them() {
    let source = r#"#include <stdio.h>
#include <stddef.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
int main(void) {
    printf("%zu %zu\n", offsetof(struct ipc_perm, uid), offsetof(struct ipc_perm, mode));
    printf("%zu %zu %zu %zu %zu %zu %zu\n", sizeof(struct msqid_ds),
           offsetof(struct msqid_ds, msg_stime), offsetof(struct msqid_ds, msg_cbytes),
           offsetof(struct msqid_ds, msg_qnum), offsetof(struct msqid_ds, msg_qbytes),
           offsetof(struct msqid_ds, msg_lspid), offsetof(struct msqid_ds, msg_lrpid));
    printf("%zu %zu %zu %zu %zu %zu\n", sizeof(struct shmid_ds),
           offsetof(struct shmid_ds, shm_segsz), offsetof(struct shmid_ds, shm_atime),
           offsetof(struct shmid_ds, shm_cpid), offsetof(struct shmid_ds, shm_lpid),
           offsetof(struct shmid_ds, shm_nattch));
    printf("%zu %zu %zu %zu\n", sizeof(struct semid_ds), offsetof(struct semid_ds, sem_otime),
           offsetof(struct semid_ds, sem_ctime), offsetof(struct semid_ds, sem_nsems));
    return 0;
}
"#;
    let scenario = c_scenario("layouts.c", source, Settings::default()).expect("compiles");
    let out = run(&scenario, |_, _| {}).expect("boots").text();
    let expected = format!(
        "{PERM_UID} {PERM_MODE}\n{} {} {} {} {} {} {}\n{} {} {} {} {} {}\n{} {} {} {}\n",
        msqid_ds::SIZE,
        msqid_ds::TIMES,
        msqid_ds::CBYTES,
        msqid_ds::QNUM,
        msqid_ds::QBYTES,
        msqid_ds::LSPID,
        msqid_ds::LRPID,
        shmid_ds::SIZE,
        shmid_ds::SEGSZ,
        shmid_ds::TIMES,
        shmid_ds::CPID,
        shmid_ds::LPID,
        shmid_ds::NATTCH,
        semid_ds::SIZE,
        semid_ds::OTIME,
        semid_ds::CTIME,
        semid_ds::NSEMS,
    );
    assert_eq!(out, expected);
}
