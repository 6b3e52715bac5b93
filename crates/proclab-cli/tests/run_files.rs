//! `proclab-cli run` of a program of several files on disk: the `.c` files given are
//! linked, and `#include "name"` looks beside the including file, then in each `-I`
//! directory, as gcc does.

use std::path::Path;
use std::process::Command;

/// Writes `files` under a new directory named for the test, and returns it.
fn lay_out(test: &str, files: &[(&str, &str)]) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(test);
    let _ = std::fs::remove_dir_all(&dir);
    for (name, text) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().expect("in a directory")).expect("mkdir");
        std::fs::write(path, text).expect("write");
    }
    dir
}

fn run(dir: &Path, args: &[&str]) -> (String, String, Option<i32>) {
    let out = Command::new(env!("CARGO_BIN_EXE_proclab-cli"))
        .current_dir(dir)
        .arg("run")
        .args(args)
        .output()
        .expect("runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (text(&out.stdout), text(&out.stderr), out.status.code())
}

#[test]
fn the_files_given_are_linked_and_headers_found_in_the_include_directories() {
    let dir = lay_out(
        "linked",
        &[
            (
                "src/main.c",
                "#include \"lib.h\"\nint main(void) { return answer() - 40; }\n",
            ),
            (
                "src/lib.c",
                "#include \"lib.h\"\nint answer(void) { return 45; }\n",
            ),
            ("include/lib.h", "int answer(void);\n"),
        ],
    );
    let (_, err, code) = run(&dir, &["src/main.c", "src/lib.c", "-I", "include"]);
    assert_eq!(code, Some(5), "{err}");
    let (_, err, code) = run(&dir, &["src/main.c", "src/lib.c"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("src/main.c:1:2: error: #include \"lib.h\""),
        "{err}"
    );
    let (_, err, code) = run(&dir, &["src/main.c", "-Iinclude"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("'answer' is declared and used, but no file of this program defines it"),
        "{err}"
    );
}
