//! Compile errors a student can act on: where (line:column), what, the source line and a
//! caret under the spot.

use std::fmt;

/// A position in one of a program's source files: line and column, both 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line number.
    pub line: u32,
    /// Column number (in characters).
    pub col: u32,
    /// The file's index among the program's [`crate::sources::Sources`] (0: the first).
    pub file: u16,
}

impl Pos {
    /// Line `line`, column `col` of the first file.
    pub const fn at(line: u32, col: u32) -> Pos {
        Pos { line, col, file: 0 }
    }
}

/// One compile error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file's name.
    pub file: String,
    /// Where.
    pub pos: Pos,
    /// What is wrong, in words a student understands.
    pub message: String,
    /// The source line it is on.
    pub line_text: String,
}

impl Diagnostic {
    /// A diagnostic at `pos` in `source`.
    pub fn new(file: &str, source: &str, pos: Pos, message: impl Into<String>) -> Self {
        let line_text = source
            .lines()
            .nth(pos.line.saturating_sub(1) as usize)
            .unwrap_or("")
            .to_owned();
        Diagnostic {
            file: file.to_owned(),
            pos,
            message: message.into(),
            line_text,
        }
    }
}

impl fmt::Display for Diagnostic {
    /// gcc's layout: `file:line:col: error: message`, the line, and a caret.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let caret_at: String = self
            .line_text
            .chars()
            .take(self.pos.col.saturating_sub(1) as usize)
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        write!(
            f,
            "{}:{}:{}: error: {}\n  {}\n  {}^",
            self.file, self.pos.line, self.pos.col, self.message, self.line_text, caret_at
        )
    }
}

impl std::error::Error for Diagnostic {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_shows_the_place_the_line_and_a_caret() {
        let d = Diagnostic::new(
            "a.c",
            "int main() {\n  retrun 0;\n}",
            Pos::at(2, 3),
            "unknown name 'retrun'",
        );
        assert_eq!(
            d.to_string(),
            "a.c:2:3: error: unknown name 'retrun'\n    retrun 0;\n    ^"
        );
    }
}
