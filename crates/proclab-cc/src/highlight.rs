//! C source split into classed pieces for the editor's colours. Every character of the text
//! lands in exactly one piece, in order, so a coloured copy drawn under the text being typed
//! lines up with it whatever state the text is in: an unclosed comment or string colours
//! to its end, as an editor does.

use super::headers::typedefs;

/// What a piece of source is, for its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Punctuation, operators, spaces and names that are none of the below.
    Plain,
    /// A keyword of the language: `if`, `return`, `struct`, `sizeof`…
    Keyword,
    /// A type name: the built-in ones and the system headers' typedefs (`pid_t`…).
    Type,
    /// A number or character constant.
    Number,
    /// A string literal.
    Str,
    /// A comment.
    Comment,
    /// A preprocessor line (`#include <stdio.h>`).
    Preprocessor,
    /// The name of a function being called or defined: `fork` in `fork()`.
    Call,
}

/// A run of source text of one class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece<'a> {
    /// Its class.
    pub class: Class,
    /// Its text, exactly as in the source.
    pub text: &'a str,
}

const KEYWORDS: [&str; 23] = [
    "break", "case", "const", "continue", "default", "do", "else", "enum", "extern", "for", "goto",
    "if", "inline", "register", "return", "sizeof", "static", "struct", "switch", "typedef",
    "union", "volatile", "while",
];

const BUILTIN_TYPES: [&str; 11] = [
    "void", "char", "short", "int", "long", "float", "double", "signed", "unsigned", "_Bool",
    "bool",
];

/// The source's pieces, in order; adjacent plain text is one piece.
pub fn highlight(source: &str) -> Vec<Piece<'_>> {
    let typedef_names: Vec<&str> = typedefs().into_iter().map(|(name, _)| name).collect();
    let bytes = source.as_bytes();
    let mut pieces: Vec<Piece> = Vec::new();
    let mut push = |class: Class, start: usize, end: usize| {
        if start == end {
            return;
        }
        match pieces.last_mut() {
            Some(last) if last.class == class && class == Class::Plain => {
                let from = last.text.as_ptr() as usize - source.as_ptr() as usize;
                last.text = &source[from..end];
            }
            _ => pieces.push(Piece {
                class,
                text: &source[start..end],
            }),
        }
    };
    let line_end = |from: usize| source[from..].find('\n').map_or(source.len(), |n| from + n);
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let class = match c {
            b'\n' => {
                line_start = true;
                i += 1;
                push(Class::Plain, start, i);
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                push(Class::Plain, start, i);
                continue;
            }
            b'#' if line_start => {
                i = line_end(i);
                Class::Preprocessor
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = line_end(i);
                Class::Comment
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                i = source[i + 2..]
                    .find("*/")
                    .map_or(source.len(), |n| i + 2 + n + 2);
                Class::Comment
            }
            b'"' | b'\'' => {
                i = quoted_end(bytes, i);
                if c == b'"' { Class::Str } else { Class::Number }
            }
            b'0'..=b'9' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'.') {
                    i += 1;
                }
                Class::Number
            }
            c if c.is_ascii_alphabetic() || c == b'_' => {
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                let word = &source[start..i];
                let next = source[i..]
                    .trim_start_matches([' ', '\t'])
                    .as_bytes()
                    .first();
                if KEYWORDS.contains(&word) {
                    Class::Keyword
                } else if BUILTIN_TYPES.contains(&word) || typedef_names.contains(&word) {
                    Class::Type
                } else if next == Some(&b'(') {
                    Class::Call
                } else {
                    Class::Plain
                }
            }
            _ => {
                // One character (however many bytes it takes).
                i += source[i..].chars().next().map_or(1, char::len_utf8);
                Class::Plain
            }
        };
        line_start = false;
        push(class, start, i);
    }
    pieces
}

/// Where a string or character literal opened at `open` ends: after its closing quote, or
/// at the end of its line when it is never closed.
fn quoted_end(bytes: &[u8], open: usize) -> usize {
    let quote = bytes[open];
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if i + 1 < bytes.len() && bytes[i + 1] != b'\n' => i += 2,
            b'\n' => return i,
            b if b == quote => return i + 1,
            _ => i += 1,
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn classes(source: &str) -> Vec<(Class, &str)> {
        highlight(source)
            .into_iter()
            .filter(|p| p.class != Class::Plain)
            .map(|p| (p.class, p.text))
            .collect()
    }

    #[test]
    fn a_program_is_coloured_by_what_each_word_is() {
        let source = "#include <stdio.h>\nint main(void) {\n  pid_t pid = fork(); // split\n  if (pid == 0) return 42;\n  printf(\"%d\\n\", 'x');\n}\n";
        assert_eq!(
            classes(source),
            [
                (Class::Preprocessor, "#include <stdio.h>"),
                (Class::Type, "int"),
                (Class::Call, "main"),
                (Class::Type, "void"),
                (Class::Type, "pid_t"),
                (Class::Call, "fork"),
                (Class::Comment, "// split"),
                (Class::Keyword, "if"),
                (Class::Number, "0"),
                (Class::Keyword, "return"),
                (Class::Number, "42"),
                (Class::Call, "printf"),
                (Class::Str, "\"%d\\n\""),
                (Class::Number, "'x'"),
            ]
        );
    }

    #[test]
    fn an_unclosed_comment_or_string_colours_to_its_end_as_typed() {
        assert_eq!(
            classes("int x; /* not yet\nclosed"),
            [(Class::Type, "int"), (Class::Comment, "/* not yet\nclosed")]
        );
        assert_eq!(
            classes("char *s = \"open\nint y;"),
            [
                (Class::Type, "char"),
                (Class::Str, "\"open"),
                (Class::Type, "int")
            ]
        );
    }

    #[test]
    fn a_hash_inside_a_line_is_not_a_preprocessor_line() {
        assert_eq!(classes("x = a # b;"), []);
        assert_eq!(
            classes("  #define N 4"),
            [(Class::Preprocessor, "#define N 4")]
        );
    }

    proptest! {
        #[test]
        fn the_pieces_are_the_source_in_order(source in "\\PC{0,200}") {
            let joined: String = highlight(&source).iter().map(|p| p.text).collect();
            prop_assert_eq!(joined, source);
        }

        #[test]
        fn pieces_of_c_like_text_are_the_source_in_order(
            source in "[a-z_0-9 #/*\"'\\\\\n(){};=+]{0,120}",
        ) {
            let pieces = highlight(&source);
            prop_assert!(pieces.iter().all(|p| !p.text.is_empty()));
            let joined: String = pieces.iter().map(|p| p.text).collect();
            prop_assert_eq!(joined, source);
        }
    }
}
