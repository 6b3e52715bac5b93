//! Programs of several files, as textbooks ship them: a `.c` file with `main` linked with
//! helper `.c` files (as `gcc prog.c helpers.c`), headers included with `#include "name"`;
//! each file compiled on its own, then linked, with gcc's rules for what the files share.

use proclab_course::runner;
use proclab_course::share::{ScenarioDoc, SourceFile};
use proclab_kernel::scenario::Settings;

fn doc(files: &[(&str, &str)]) -> ScenarioDoc {
    ScenarioDoc {
        title: "files".to_owned(),
        files: files
            .iter()
            .map(|(name, text)| SourceFile {
                name: (*name).to_owned(),
                text: (*text).to_owned(),
            })
            .collect(),
        settings: Settings::default(),
        step: 0,
        run: Default::default(),
    }
}

/// What the scenario's first program prints, run to its end.
fn output(files: &[(&str, &str)]) -> String {
    let scenario = doc(files).build().expect("builds");
    runner::run(&scenario, |_, _| {}).expect("runs").text()
}

const HELPERS_H: &str = "#ifndef HELPERS_H
#define HELPERS_H
#define GREETING \"hello from\"
extern int calls;
int twice(int x);
void say(const char *who);
#endif
";

const HELPERS_C: &str = "#include <stdio.h>
#include \"helpers.h\"
int calls = 0;
static int count(void) { return ++calls; }
int twice(int x) { count(); return 2 * x; }
void say(const char *who) { count(); printf(\"%s %s\\n\", GREETING, who); }
";

#[test]
fn a_program_calls_functions_and_shares_globals_of_a_linked_file() {
    let main = "#include <stdio.h>
#include \"helpers.h\"
int main(void) {
    say(\"main\");
    printf(\"%d %d\\n\", twice(4), twice(5));
    printf(\"calls=%d\\n\", calls);
    return 0;
}
";
    let out = output(&[
        ("main.c", main),
        ("helpers.c", HELPERS_C),
        ("helpers.h", HELPERS_H),
    ]);
    assert_eq!(out, "hello from main\n8 10\ncalls=3\n");
}

#[test]
fn static_names_stay_private_to_their_file() {
    let main = "#include <stdio.h>
#include \"helpers.h\"
static int count(void) { return 100; }
static int calls_here = 7;
int main(void) {
    twice(1);
    printf(\"%d %d %d\\n\", count(), calls, calls_here);
    return 0;
}
";
    let out = output(&[
        ("main.c", main),
        ("helpers.c", HELPERS_C),
        ("helpers.h", HELPERS_H),
    ]);
    assert_eq!(out, "100 1 7\n");
}

#[test]
fn every_file_with_main_is_a_program_linked_with_the_helpers() {
    let first = "#include <unistd.h>
#include <sys/wait.h>
#include \"helpers.h\"
int main(void) {
    say(\"first\");
    if (fork() == 0) { execl(\"second\", \"second\", (char *) 0); }
    wait(0);
    return 0;
}
";
    let second = "#include \"helpers.h\"\nint main(void) { say(\"second\"); return 0; }\n";
    let out = output(&[
        ("helpers.h", HELPERS_H),
        ("helpers.c", HELPERS_C),
        ("first.c", first),
        ("second.c", second),
    ]);
    assert_eq!(out, "hello from first\nhello from second\n");
}

#[test]
fn the_debug_information_names_every_file_and_each_line_its_file() {
    let scenario = doc(&[
        (
            "main.c",
            "#include \"helpers.h\"\nint main(void) { say(\"x\"); return 0; }\n",
        ),
        ("helpers.c", HELPERS_C),
        ("helpers.h", HELPERS_H),
    ])
    .build()
    .expect("builds");
    let debug = scenario.processes[0].program.debug.clone().expect("from C");
    let names: Vec<&str> = debug.files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["main.c", "helpers.h", "helpers.c"]);
    assert_eq!(debug.main_file().name, "main.c");
    let at = debug.functions.iter().find(|(n, _)| n == "say").unwrap().1;
    let line = scenario.processes[0].program.line_at(at).expect("a line");
    assert_eq!((debug.file_name(line.file), line.line), ("helpers.c", 6));
}

#[test]
fn link_mistakes_are_explained_with_the_file_and_line() {
    let twice_defined = doc(&[
        (
            "main.c",
            "int twice(int x) { return x; }\nint main(void) { return twice(1); }\n",
        ),
        ("helpers.c", HELPERS_C),
        ("helpers.h", HELPERS_H),
    ])
    .build()
    .unwrap_err();
    assert!(twice_defined.starts_with("helpers.c:5:"), "{twice_defined}");
    assert!(twice_defined.contains("defined twice"), "{twice_defined}");
    let undefined = doc(&[(
        "main.c",
        "extern int total;\nint main(void) { return total; }\n",
    )])
    .build()
    .unwrap_err();
    assert!(undefined.starts_with("main.c:2:"), "{undefined}");
    assert!(
        undefined.contains("no file of this program defines it"),
        "{undefined}"
    );
    let no_body = doc(&[(
        "main.c",
        "int helper(void);\nint main(void) { return helper(); }\n",
    )])
    .build()
    .unwrap_err();
    assert!(
        no_body.contains("declared and used, but no file of this program defines it"),
        "{no_body}"
    );
    let no_main = doc(&[("helpers.c", HELPERS_C), ("helpers.h", HELPERS_H)])
        .build()
        .unwrap_err();
    assert!(
        no_main.contains("no file of this scenario defines main"),
        "{no_main}"
    );
}

#[test]
fn a_missing_header_is_named_where_it_is_included() {
    let e = doc(&[(
        "main.c",
        "#include <stdio.h>\n#include \"csapp.h\"\nint main(void) { return 0; }\n",
    )])
    .build()
    .unwrap_err();
    assert!(e.starts_with("main.c:2:"), "{e}");
    assert!(
        e.contains("#include \"csapp.h\": this program has no file of that name"),
        "{e}"
    );
}

#[test]
fn a_function_a_header_declares_but_no_one_calls_needs_no_definition() {
    let header = "int never_written(int);\nvoid log_it(const char *);\n";
    let out = output(&[
        (
            "main.c",
            "#include <stdio.h>\n#include \"api.h\"\nint main(void) { puts(\"ok\"); return 0; }\n",
        ),
        ("api.h", header),
    ]);
    assert_eq!(out, "ok\n");
}

#[test]
fn the_librarys_c_files_are_linked_when_used_but_are_not_the_users_files() {
    let program = "#include <stdio.h>\n#include <stdlib.h>\n#include <dirent.h>\n\
        int cmp(const void *a, const void *b) { return *(const int *) a - *(const int *) b; }\n\
        int main(void) { int v[] = {3, 1, 2}; qsort(v, 3, sizeof v[0], cmp);\n\
          printf(\"%d%d%d\\n\", v[0], v[1], v[2]);\n\
          DIR *d = opendir(\".\"); struct dirent *e;\n\
          while ((e = readdir(d)) != NULL) if (e->d_name[0] != '.') printf(\"%s\\n\", e->d_name);\n\
          return 0; }\n";
    assert_eq!(output(&[("sorts.c", program)]), "123\nsorts\nsorts.c\n");
    let scenario = doc(&[("sorts.c", program)]).build().expect("builds");
    let files: Vec<String> = scenario.processes[0]
        .program
        .debug
        .as_ref()
        .expect("C")
        .files
        .iter()
        .map(|f| f.name.clone())
        .collect();
    assert_eq!(files, ["sorts.c", "/usr/src/libc/qsort.c"]);
}

#[test]
fn a_program_that_defines_a_library_name_itself_keeps_its_own() {
    let program = "#include <stdio.h>\n\
        void qsort(void *base, unsigned long n, unsigned long size, int (*cmp)(const void *, const void *)) {\n\
          printf(\"my qsort of %lu\\n\", n); }\n\
        int main(void) { int v[2]; qsort(v, 2, sizeof v[0], 0); return 0; }\n";
    assert_eq!(output(&[("mine.c", program)]), "my qsort of 2\n");
}
