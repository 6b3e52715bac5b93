//! Permission bits as Linux answers an ordinary user (uid 1000, as ProcLab's processes run):
//! chmod of a file root owns is EPERM. (The rest is checked against gcc's build in
//! tests/programs/file_modes.c; this machine's tests run as root, which may chmod anything,
//! so this is checked here instead.)

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::scenario::Settings;

#[test]
fn an_ordinary_user_cannot_chmod_roots_files_and_stat_shows_them_unchanged() {
    let source = r#"#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
int main(void) {
    int r = chmod("/bin/ls", 0777);
    printf("chmod: %d %s\n", r, strerror(errno));
    struct stat st;
    stat("/bin/ls", &st);
    printf("mode %o\n", st.st_mode & 07777);
    return 0;
}
"#;
    let scenario = c_scenario("perm.c", source, Settings::default()).expect("compiles");
    let out = run(&scenario, |_, _| {}).expect("boots").text();
    assert_eq!(out, "chmod: -1 Operation not permitted\nmode 755\n");
}
