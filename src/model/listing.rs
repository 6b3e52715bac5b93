//! How the code view names a file of a program: its name, and where it stands among the
//! program's files (one of several the user wrote, or the C library's own C code).

use proclab_kernel::program::DebugInfo;

/// The caption of file `file` of a program: its name and, when the program has other
/// files, a note saying which of them it is.
pub fn caption(debug: &DebugInfo, file: u16) -> (String, Option<String>) {
    let name = debug.file_name(file);
    let main = &debug.main_file().name;
    let Some(source) = debug.files.get(usize::from(file)) else {
        return (name.to_owned(), None);
    };
    if source.is_library() {
        let short = name.rsplit('/').next().unwrap_or(name);
        return (
            short.to_owned(),
            Some(format!("the C library's, linked into {main}")),
        );
    }
    let own = debug.files.iter().filter(|f| !f.is_library()).count();
    let note = (own > 1).then(|| format!("one of {own} files of {main}"));
    (name.to_owned(), note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::program::{LIBRARY_SOURCES, SourceFile};

    fn debug(names: &[&str]) -> DebugInfo {
        DebugInfo {
            files: names
                .iter()
                .map(|n| SourceFile {
                    name: (*n).to_owned(),
                    text: String::new(),
                })
                .collect(),
            ..DebugInfo::default()
        }
    }

    #[test]
    fn a_library_file_is_named_as_the_c_librarys_and_not_counted_as_the_users() {
        let qsort = format!("{LIBRARY_SOURCES}qsort.c");
        let d = debug(&["sorts.c", &qsort]);
        assert_eq!(caption(&d, 0), ("sorts.c".to_owned(), None));
        assert_eq!(
            caption(&d, 1),
            (
                "qsort.c".to_owned(),
                Some("the C library's, linked into sorts.c".to_owned())
            )
        );
        let d = debug(&["main.c", "helpers.c"]);
        assert_eq!(
            caption(&d, 1).1.as_deref(),
            Some("one of 2 files of main.c")
        );
    }
}
