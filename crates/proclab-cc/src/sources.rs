//! The files a program is compiled from, by index, so that a position anywhere names its
//! file: the program's `.c` files and the headers they include with `#include "name"`.

use proclab_kernel::program::SourceFile;

use super::diagnostic::{Diagnostic, Pos};

/// The most files one program may be compiled from, headers included.
pub const MAX_FILES: usize = 256;

/// The file index of a system header ProcLab gives as text: not one of the program's files.
pub const SYSTEM_HEADER: u16 = u16::MAX;

/// Where `#include "name"` finds a file of the program's own.
pub trait Includes {
    /// The file `name` as included from the file `from`: its name as the program knows it
    /// (a path when it comes from a directory) and its text; None when there is none.
    fn find(&self, from: &str, name: &str) -> Option<SourceFile>;
}

/// No files to include: a program of one file.
pub struct NoIncludes;

impl Includes for NoIncludes {
    fn find(&self, _from: &str, _name: &str) -> Option<SourceFile> {
        None
    }
}

/// A scenario's files, which have names but no directories: `#include "dir/name.h"` finds
/// the file called `name.h` when no file has the whole path as its name.
impl Includes for Vec<SourceFile> {
    fn find(&self, _from: &str, name: &str) -> Option<SourceFile> {
        let base = name.rsplit('/').next().unwrap_or(name);
        self.iter()
            .find(|f| f.name == name)
            .or_else(|| self.iter().find(|f| f.name == base))
            .cloned()
    }
}

/// The files read so far, each with its index.
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<SourceFile>,
}

impl Sources {
    /// Adds a file (or finds it, if a file of that name is already here) and returns its
    /// index; None past [`MAX_FILES`].
    pub fn add(&mut self, name: &str, text: &str) -> Option<u16> {
        if let Some(i) = self.files.iter().position(|f| f.name == name) {
            return u16::try_from(i).ok();
        }
        if self.files.len() >= MAX_FILES {
            return None;
        }
        self.files.push(SourceFile {
            name: name.to_owned(),
            text: text.to_owned(),
        });
        u16::try_from(self.files.len() - 1).ok()
    }

    /// A file's name.
    pub fn name(&self, file: u16) -> &str {
        if file == SYSTEM_HEADER {
            return "<system header>";
        }
        self.files.get(usize::from(file)).map_or("", |f| &f.name)
    }

    /// A file's text.
    pub fn text(&self, file: u16) -> &str {
        self.files.get(usize::from(file)).map_or("", |f| &f.text)
    }

    /// A compile error at `pos`, naming its file and showing its line.
    pub fn error(&self, pos: Pos, message: impl Into<String>) -> Diagnostic {
        Diagnostic::new(self.name(pos.file), self.text(pos.file), pos, message)
    }

    /// The files, in index order.
    pub fn files(&self) -> &[SourceFile] {
        &self.files
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str) -> SourceFile {
        SourceFile {
            name: name.to_owned(),
            text: format!("// {name}"),
        }
    }

    #[test]
    fn a_file_added_twice_keeps_its_first_index() {
        let mut s = Sources::default();
        assert_eq!(s.add("a.c", "int x;"), Some(0));
        assert_eq!(s.add("b.h", ""), Some(1));
        assert_eq!(s.add("a.c", "int x;"), Some(0));
        assert_eq!(s.name(1), "b.h");
    }

    #[test]
    fn an_error_names_the_file_its_position_is_in() {
        let mut s = Sources::default();
        s.add("a.c", "int x;");
        s.add("b.h", "one\ntwo");
        let e = s.error(
            Pos {
                line: 2,
                col: 1,
                file: 1,
            },
            "bad",
        );
        assert_eq!((e.file.as_str(), e.line_text.as_str()), ("b.h", "two"));
    }

    #[test]
    fn a_scenario_finds_an_included_path_by_its_last_name() {
        let files = vec![file("forks.c"), file("csapp.h")];
        assert_eq!(
            files.find("forks.c", "../include/csapp.h").map(|f| f.name),
            Some("csapp.h".to_owned())
        );
        assert_eq!(files.find("forks.c", "tlpi_hdr.h"), None);
    }
}
