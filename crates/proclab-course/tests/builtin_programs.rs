//! The programs of the simulated /bin, run from C as a user would run them: their output
//! is ProcLab's own (there is no gcc build of them to compare with), so these tests pin it.

use proclab_course::runner::{c_scenario, run};
use proclab_kernel::scenario::Settings;

/// Runs a C program that execs the shell with `command`; returns everything it printed.
fn shell(command: &str) -> String {
    let source = format!(
        "#include <unistd.h>\nint main(void) {{ execl(\"/bin/sh\", \"sh\", \"-c\", \"{command}\", NULL); return 1; }}\n"
    );
    let settings = Settings {
        step_limit: 2_000_000,
        ..Settings::default()
    };
    let scenario = c_scenario("demo.c", &source, settings).expect("compiles");
    run(&scenario, |_, _| {}).expect("runs").text()
}

#[test]
fn ps_lists_every_process_and_marks_a_zombie_defunct() {
    let out = shell("sleep 1 & ps");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "    PID    PPID S COMMAND");
    assert!(lines.contains(&"      1       0 S init"), "{out}");
    assert!(lines.contains(&"      2       1 S sh"), "{out}");
    assert!(lines.iter().any(|l| l.ends_with(" R ps")), "{out}");
    let out = shell("true & sleep 1; ps");
    assert!(out.contains(" 2 Z true <defunct>"), "{out}");
}

#[test]
fn ls_lists_directories_and_describes_files_long() {
    assert_eq!(
        shell("ls /"),
        "bin  dev  home  proc  tmp\n",
        "a terminal gets names side by side"
    );
    let piped = shell("ls /bin | wc -l");
    assert_eq!(piped.trim(), "10", "a pipe gets one name per line");
    let long = shell("ls -l /dev");
    assert!(long.starts_with("total 4\n"), "{long}");
    assert!(
        long.contains("drwxrwxrwt 2 root    root     4096 shm"),
        "/dev/shm is root's, open to all, sticky: {long}"
    );
    assert!(
        long.contains("crw--w---- 1 student student     0 tty"),
        "{long}"
    );
    assert!(
        long.contains("crw-rw-rw- 1 root    root        0 null"),
        "{long}"
    );
    assert!(
        shell("ls /nowhere").contains("ls: cannot access '/nowhere': No such file or directory")
    );
}

#[test]
fn proc_shows_a_process_its_own_state_and_memory() {
    let status = shell("cat /proc/self/status");
    assert!(
        status.starts_with("Name:\tcat\nState:\tR (running)\n"),
        "{status}"
    );
    assert!(status.contains("PPid:\t2\n"), "{status}");
    let maps = shell("cat /proc/self/maps");
    assert!(maps.lines().next().unwrap().contains(" r-xp "), "{maps}");
    assert!(
        maps.contains("[heap]") && maps.contains("[stack]"),
        "{maps}"
    );
}

#[test]
fn the_shell_redirects_into_files_that_outlive_the_command() {
    let out = shell("cd /tmp; echo saved > f; cat /tmp/f; ls");
    assert_eq!(out, "saved\nf\n");
    let out = shell("echo x > /bin/x");
    assert!(out.contains("Permission denied"), "{out}");
}

#[test]
fn kill_stops_and_continues_a_job_that_ps_shows_as_t() {
    let out = shell("sleep 5 & kill -STOP 3; ps; kill -CONT 3; wait; echo done");
    assert!(out.contains("      3       2 T sleep"), "{out}");
    assert!(out.ends_with("done\n"), "{out}");
    let out = shell("kill -NOPE 3; kill 99");
    assert!(out.contains("kill: unknown signal -NOPE"), "{out}");
    assert!(out.contains("kill: (99): No such process"), "{out}");
}
