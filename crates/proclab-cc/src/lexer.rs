//! Splits C source into tokens, each with its position; handles the preprocessor lines this
//! subset supports (`#include` of system headers, object-like `#define`).

use std::collections::BTreeMap;

use super::diagnostic::{Diagnostic, Pos};

/// The most bytes a source file may have.
pub const MAX_SOURCE: usize = 256 * 1024;

/// What a token is.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    /// A name or keyword.
    Ident(String),
    /// An integer constant, with whether a `u`/`U` suffix or size made it unsigned, and
    /// whether an `l`/`L` suffix made it long.
    Int {
        value: u64,
        unsigned: bool,
        long: bool,
    },
    /// A character constant such as `'a'` or `'\n'`.
    Char(u8),
    /// A string literal's bytes (adjacent literals are joined), without the final NUL.
    Str(Vec<u8>),
    /// An operator or punctuator, e.g. `+=` or `{`.
    Punct(&'static str),
    /// The end of the file.
    Eof,
}

/// A token and where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Its position.
    pub pos: Pos,
}

const PUNCTS: [&str; 47] = [
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=", "!", "~",
    "&", "|", "^", "?", ":", ";", ",", ".", "(", ")", "[", "]", "{", "}", "#",
];

/// Tokenises a file, applying its `#define`s; `#include` lines are accepted and skipped
/// (the library is built in).
pub fn tokenize(file: &str, source: &str) -> Result<Vec<Token>, Diagnostic> {
    if source.len() > MAX_SOURCE {
        return Err(Diagnostic::new(
            file,
            source,
            Pos { line: 1, col: 1 },
            format!(
                "this file is {} bytes; ProcLab compiles files of up to {MAX_SOURCE} bytes",
                source.len()
            ),
        ));
    }
    let mut lexer = Lexer {
        file,
        source,
        chars: source.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        at_line_start: true,
        defines: BTreeMap::new(),
        out: Vec::new(),
    };
    while let Some(c) = lexer.peek(0) {
        lexer.token(c)?;
    }
    let pos = lexer.pos();
    lexer.out.push(Token { tok: Tok::Eof, pos });
    Ok(lexer.out)
}

/// The state of tokenising one file: where it is, the macros defined so far and the tokens
/// made.
struct Lexer<'a> {
    file: &'a str,
    source: &'a str,
    chars: Vec<char>,
    /// The next character's index.
    i: usize,
    line: u32,
    col: u32,
    /// Nothing but white space since the last newline (a `#` here starts a directive).
    at_line_start: bool,
    /// Object-like macros: each name's tokens.
    defines: BTreeMap<String, Vec<Token>>,
    out: Vec<Token>,
}

impl Lexer<'_> {
    fn err(&self, pos: Pos, message: String) -> Diagnostic {
        Diagnostic::new(self.file, self.source, pos, message)
    }

    fn pos(&self) -> Pos {
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    /// The character `ahead` places after the next one.
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.i + ahead).copied()
    }

    /// Moves past one character, keeping the line and column.
    fn bump(&mut self) {
        if self.chars[self.i] == '\n' {
            self.line += 1;
            self.col = 1;
            self.at_line_start = true;
        } else {
            self.col += 1;
        }
        self.i += 1;
    }

    /// Moves past `n` characters.
    fn bump_n(&mut self, n: usize) {
        for _ in 0..n {
            self.bump();
        }
    }

    /// Moves past characters while `keep` holds; returns them.
    fn take_while(&mut self, keep: impl Fn(char) -> bool) -> String {
        let start = self.i;
        while self.peek(0).is_some_and(&keep) {
            self.bump();
        }
        self.chars[start..self.i].iter().collect()
    }

    /// Reads what starts with `c`: white space, a comment or a directive, or one token.
    fn token(&mut self, c: char) -> Result<(), Diagnostic> {
        let pos = self.pos();
        if c.is_whitespace() {
            self.bump();
            return Ok(());
        }
        if c == '/' && self.peek(1) == Some('/') {
            self.take_while(|c| c != '\n');
            return Ok(());
        }
        if c == '/' && self.peek(1) == Some('*') {
            return self.block_comment(pos);
        }
        if c == '#' && self.at_line_start {
            return self.directive(pos);
        }
        self.at_line_start = false;
        if c.is_ascii_alphabetic() || c == '_' {
            self.identifier(pos);
            Ok(())
        } else if c.is_ascii_digit() {
            self.number(pos)
        } else if c == '\'' {
            self.char_constant(pos)
        } else if c == '"' {
            self.string(pos)
        } else {
            self.punct(c, pos)
        }
    }

    /// Skips a `/* … */` comment.
    fn block_comment(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        self.bump_n(2);
        loop {
            match self.peek(0) {
                None => return Err(self.err(pos, "this comment is never closed: add */".into())),
                Some('*') if self.peek(1) == Some('/') => {
                    self.bump_n(2);
                    return Ok(());
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// A preprocessor line: `#include <…>`, `#define NAME tokens`, `#pragma`.
    fn directive(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        self.bump();
        let text = self.take_while(|c| c != '\n');
        let text = text.trim();
        let (directive, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
        match directive {
            "include" => self.include(rest.trim(), pos),
            "define" => self.define(rest.trim(), pos),
            "pragma" | "" => Ok(()),
            other => Err(self.err(
                pos,
                format!("#{other} is not supported; ProcLab understands #include and #define"),
            )),
        }
    }

    /// `#include`: only system headers, whose declarations are built in.
    fn include(&self, header: &str, pos: Pos) -> Result<(), Diagnostic> {
        if header.starts_with('<') && header.ends_with('>') {
            return Ok(());
        }
        Err(self.err(
            pos,
            format!(
                "#include {header}: ProcLab programs are one file; only system headers like \
                 <stdio.h> can be included"
            ),
        ))
    }

    /// `#define NAME tokens`: an object-like macro.
    fn define(&mut self, rest: &str, pos: Pos) -> Result<(), Diagnostic> {
        let name_end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let (name, body) = rest.split_at(name_end);
        if name.is_empty() {
            return Err(self.err(pos, "#define needs a name, as in #define N 10".into()));
        }
        if body.starts_with('(') {
            return Err(self.err(
                pos,
                format!(
                    "#define {name}(...) is a function-like macro, not supported yet; write a \
                     function instead"
                ),
            ));
        }
        let mut body_tokens = tokenize(self.file, body)
            .map_err(|d| self.err(pos, format!("in #define {name}: {}", d.message)))?;
        body_tokens.pop();
        for t in &mut body_tokens {
            t.pos = pos;
        }
        self.defines.insert(name.to_owned(), body_tokens);
        Ok(())
    }

    /// A name or keyword, or the tokens of the macro it names.
    fn identifier(&mut self, pos: Pos) {
        let name = self.take_while(|c| c.is_ascii_alphanumeric() || c == '_');
        match self.defines.get(&name) {
            Some(body) => self.out.extend(body.iter().cloned().map(|mut t| {
                t.pos = pos;
                t
            })),
            None => self.out.push(Token {
                tok: Tok::Ident(name),
                pos,
            }),
        }
    }

    /// An integer constant.
    fn number(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        let text = self.take_while(|c| c.is_ascii_alphanumeric());
        let tok = number(&text)
            .ok_or_else(|| self.err(pos, format!("'{text}' is not a number C understands")))?;
        self.out.push(Token { tok, pos });
        Ok(())
    }

    /// A character constant such as `'a'` or `'\n'`.
    fn char_constant(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        self.bump();
        let (byte, used) = escape(&self.chars[self.i..])
            .ok_or_else(|| self.err(pos, "this character constant is malformed".into()))?;
        self.bump_n(used);
        if self.peek(0) != Some('\'') {
            return Err(self.err(
                pos,
                "a character constant holds one character, as in 'a'; close it with '".into(),
            ));
        }
        self.bump();
        self.out.push(Token {
            tok: Tok::Char(byte),
            pos,
        });
        Ok(())
    }

    /// A string literal; one right after another is joined to it.
    fn string(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        self.bump();
        let mut bytes = Vec::new();
        loop {
            match self.peek(0) {
                None | Some('\n') => {
                    return Err(self.err(
                        pos,
                        "this string is never closed: add \" before the end of the line".into(),
                    ));
                }
                Some('"') => {
                    self.bump();
                    break;
                }
                Some(_) => {
                    let rest = &self.chars[self.i..];
                    let (byte, used) = escape(rest).ok_or_else(|| {
                        self.err(self.pos(), "unknown escape sequence in this string".into())
                    })?;
                    bytes.extend(byte_or_utf8(rest, byte, used));
                    self.bump_n(used);
                }
            }
        }
        if let Some(Token {
            tok: Tok::Str(prev),
            ..
        }) = self.out.last_mut()
        {
            prev.extend(bytes);
        } else {
            self.out.push(Token {
                tok: Tok::Str(bytes),
                pos,
            });
        }
        Ok(())
    }

    /// An operator or punctuator, the longest that matches.
    fn punct(&mut self, c: char, pos: Pos) -> Result<(), Diagnostic> {
        let rest: String = self.chars[self.i..self.chars.len().min(self.i + 3)]
            .iter()
            .collect();
        let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) else {
            return Err(self.err(pos, format!("'{c}' cannot appear in a C program here")));
        };
        self.bump_n(p.len());
        self.out.push(Token {
            tok: Tok::Punct(p),
            pos,
        });
        Ok(())
    }
}

/// A character of a string: a non-ASCII character keeps its UTF-8 bytes.
fn byte_or_utf8(chars: &[char], byte: u8, used: usize) -> Vec<u8> {
    if used == 1 && !chars[0].is_ascii() {
        chars[0].to_string().into_bytes()
    } else {
        vec![byte]
    }
}

/// Reads one possibly escaped character; returns its byte and how many chars it used.
fn escape(chars: &[char]) -> Option<(u8, usize)> {
    match *chars.first()? {
        '\\' => {
            let e = *chars.get(1)?;
            let simple = match e {
                'n' => Some(b'\n'),
                't' => Some(b'\t'),
                'r' => Some(b'\r'),
                '0'..='7' => None,
                '\\' => Some(b'\\'),
                '\'' => Some(b'\''),
                '"' => Some(b'"'),
                'a' => Some(7),
                'b' => Some(8),
                'f' => Some(12),
                'v' => Some(11),
                '?' => Some(b'?'),
                'x' => None,
                _ => return None,
            };
            if let Some(b) = simple {
                return Some((b, 2));
            }
            if e == 'x' {
                let digits: String = chars[2..]
                    .iter()
                    .take_while(|c| c.is_ascii_hexdigit())
                    .take(2)
                    .collect();
                let v = u8::from_str_radix(&digits, 16).ok()?;
                return Some((v, 2 + digits.len()));
            }
            let digits: String = chars[1..]
                .iter()
                .take_while(|c| ('0'..='7').contains(c))
                .take(3)
                .collect();
            let v = u32::from_str_radix(&digits, 8).ok()?;
            Some((v as u8, 1 + digits.len()))
        }
        c if c.is_ascii() => Some((c as u8, 1)),
        _ => Some((b'?', 1)),
    }
}

fn number(text: &str) -> Option<Tok> {
    let lower = text.to_ascii_lowercase();
    let digits = lower.trim_end_matches(['u', 'l']);
    let suffix = &lower[digits.len()..];
    if suffix.len() > 3 || suffix.chars().filter(|&c| c == 'u').count() > 1 {
        return None;
    }
    let (radix, body) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits)
    };
    let value = u64::from_str_radix(body, radix).ok()?;
    let unsigned = suffix.contains('u');
    let long = suffix.contains('l');
    Some(Tok::Int {
        value,
        unsigned,
        long,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize("t.c", s)
            .unwrap()
            .into_iter()
            .map(|t| t.tok)
            .collect()
    }

    #[test]
    fn operators_take_the_longest_match_and_positions_are_kept() {
        let t = tokenize("t.c", "a <<= b\n  ->c").unwrap();
        assert_eq!(t[1].tok, Tok::Punct("<<="));
        assert_eq!(t[3].tok, Tok::Punct("->"));
        assert_eq!(t[3].pos, Pos { line: 2, col: 3 });
    }

    #[test]
    fn includes_are_skipped_and_defines_substituted() {
        assert_eq!(
            toks("#include <stdio.h>\n#define N 10\nx = N;"),
            [
                Tok::Ident("x".into()),
                Tok::Punct("="),
                Tok::Int {
                    value: 10,
                    unsigned: false,
                    long: false
                },
                Tok::Punct(";"),
                Tok::Eof
            ]
        );
    }

    #[test]
    fn strings_and_characters_understand_escapes_and_adjacent_strings_join() {
        assert_eq!(toks(r#""a\n" "b\x41""#)[0], Tok::Str(b"a\nbA".to_vec()));
        assert_eq!(
            toks(r"'\0' '\n' 'z'")[..3],
            [Tok::Char(0), Tok::Char(10), Tok::Char(b'z')]
        );
    }

    #[test]
    fn numbers_in_every_base_with_suffixes() {
        assert_eq!(
            toks("0x1F 017 42UL")[..3],
            [
                Tok::Int {
                    value: 31,
                    unsigned: false,
                    long: false
                },
                Tok::Int {
                    value: 15,
                    unsigned: false,
                    long: false
                },
                Tok::Int {
                    value: 42,
                    unsigned: true,
                    long: true
                },
            ]
        );
    }

    #[test]
    fn errors_say_where_and_how_to_fix() {
        let e = tokenize("t.c", "int x = \"abc;\n").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 9 });
        assert!(e.message.contains("never closed"));
        let e = tokenize("t.c", "#include \"mine.h\"\n").unwrap_err();
        assert!(e.message.contains("one file"));
        let e = tokenize("t.c", "int @;").unwrap_err();
        assert_eq!(e.pos.col, 5);
    }
}
