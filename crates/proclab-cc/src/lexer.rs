//! Splits C source into preprocessing tokens, each with its position, its spelling and
//! where it stands on its line (first on a logical line, after white space), as the
//! preprocessor needs them. A backslash before a newline continues the line.

use std::rc::Rc;

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
    /// A floating constant such as `1.5`, `1e6` or `.5f`, with whether an `f`/`F` suffix
    /// made it a float (its value then rounded to float's precision).
    Float { value: f64, single: bool },
    /// A character constant such as `'a'` or `'\n'`.
    Char(u8),
    /// A string literal's bytes (the preprocessor joins adjacent literals), without the
    /// final NUL.
    Str(Vec<u8>),
    /// An operator or punctuator, e.g. `+=` or `{`.
    Punct(&'static str),
    /// Text that is no token, with what is wrong with it: an error if the preprocessor
    /// keeps it.
    Invalid(Box<Diagnostic>),
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
    /// The first token of its logical line (a `#` here starts a directive).
    pub bol: bool,
    /// White space or a comment stands before it on its line.
    pub space: bool,
    /// Its spelling in the source (for `#` and `##`).
    pub text: Rc<str>,
}

impl Token {
    /// A token made by the preprocessor at `pos`, spelt `text`.
    pub fn made(tok: Tok, pos: Pos, text: &str) -> Token {
        Token {
            tok,
            pos,
            bol: false,
            space: false,
            text: text.into(),
        }
    }
}

const PUNCTS: [&str; 48] = [
    "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+=",
    "-=", "*=", "/=", "%=", "&=", "|=", "^=", "##", "+", "-", "*", "/", "%", "<", ">", "=", "!",
    "~", "&", "|", "^", "?", ":", ";", ",", ".", "(", ")", "[", "]", "{", "}", "#",
];

/// Directives whose rest of line is text, not tokens: it becomes one string token.
const TEXT_DIRECTIVES: [&str; 5] = ["error", "warning", "pragma", "ident", "sccs"];

/// Splits a file into preprocessing tokens, ending with [`Tok::Eof`].
pub fn tokenize(file: &str, source: &str) -> Result<Vec<Token>, Diagnostic> {
    tokenize_file(0, file, source)
}

/// Splits the program's file number `index` into preprocessing tokens, ending with
/// [`Tok::Eof`]; their positions name that file.
pub fn tokenize_file(index: u16, file: &str, source: &str) -> Result<Vec<Token>, Diagnostic> {
    if source.len() > MAX_SOURCE {
        return Err(Diagnostic::new(
            file,
            source,
            Pos {
                line: 1,
                col: 1,
                file: index,
            },
            format!(
                "this file is {} bytes; ProcLab compiles files of up to {MAX_SOURCE} bytes",
                source.len()
            ),
        ));
    }
    let mut lexer = Lexer {
        file,
        index,
        source,
        chars: source.chars().collect(),
        i: 0,
        line: 1,
        col: 1,
        at_line_start: true,
        space: false,
        out: Vec::new(),
    };
    while let Some(c) = lexer.peek(0) {
        lexer.token(c)?;
    }
    let pos = lexer.pos();
    lexer.push(Tok::Eof, pos, 0);
    Ok(lexer.out)
}

/// The state of tokenising one file: where it is and the tokens made.
struct Lexer<'a> {
    file: &'a str,
    /// The file's index among the program's sources.
    index: u16,
    source: &'a str,
    chars: Vec<char>,
    /// The next character's index.
    i: usize,
    line: u32,
    col: u32,
    /// No token yet on this logical line.
    at_line_start: bool,
    /// White space or a comment since the last token on this line.
    space: bool,
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
            file: self.index,
        }
    }

    /// Adds a token starting at `pos` whose spelling is the `len` characters before the
    /// current one.
    fn push(&mut self, tok: Tok, pos: Pos, len: usize) {
        let text: String = self.chars[self.i - len..self.i].iter().collect();
        self.out.push(Token {
            tok,
            pos,
            bol: self.at_line_start,
            space: self.space,
            text: text.into(),
        });
        self.at_line_start = false;
        self.space = false;
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
            self.space = false;
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

    /// Reads what starts with `c`: white space, a comment, or one token.
    fn token(&mut self, c: char) -> Result<(), Diagnostic> {
        let pos = self.pos();
        let start = self.i;
        if c == '\\' && self.peek(1) == Some('\n') {
            // A continued line: the newline is not the end of the logical line.
            let at_line_start = self.at_line_start;
            self.bump_n(2);
            self.at_line_start = at_line_start;
            return Ok(());
        }
        if c.is_whitespace() {
            self.bump();
            self.space |= c != '\n';
            return Ok(());
        }
        if c == '/' && self.peek(1) == Some('/') {
            self.take_while(|c| c != '\n');
            self.space = true;
            return Ok(());
        }
        if c == '/' && self.peek(1) == Some('*') {
            self.block_comment(pos)?;
            self.space = true;
            return Ok(());
        }
        let read = if c.is_ascii_alphabetic() || c == '_' {
            Ok(Tok::Ident(
                self.take_while(|c| c.is_ascii_alphanumeric() || c == '_'),
            ))
        } else if c.is_ascii_digit()
            || (c == '.' && self.peek(1).is_some_and(|d| d.is_ascii_digit()))
        {
            self.number(pos)
        } else if c == '\'' {
            self.char_constant(pos)
        } else if c == '"' {
            self.string(pos)
        } else {
            self.punct(c, pos)
        };
        // What is not a token is reported only if the preprocessor keeps it (a group that
        // `#if 0` skips may hold any text); the rest of its line is passed over.
        let tok = read.unwrap_or_else(|diagnostic| {
            self.take_while(|c| c != '\n');
            Tok::Invalid(Box::new(diagnostic))
        });
        let directive = tok == Tok::Punct("#") && self.at_line_start;
        self.push(tok, pos, self.i - start);
        if directive {
            self.text_directive()?;
        }
        Ok(())
    }

    /// After a directive's `#`: the rest of an `#error`, `#warning` or `#pragma` line, which
    /// is text rather than tokens (it may hold an apostrophe), as its name and one string.
    fn text_directive(&mut self) -> Result<(), Diagnostic> {
        let mut ahead = 0;
        while self.peek(ahead).is_some_and(|c| c == ' ' || c == '\t') {
            ahead += 1;
        }
        let name: String = self.chars[self.i + ahead..]
            .iter()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if !TEXT_DIRECTIVES.contains(&name.as_str()) {
            return Ok(());
        }
        self.bump_n(ahead);
        self.space = ahead > 0;
        let pos = self.pos();
        let start = self.i;
        self.bump_n(name.len());
        self.push(Tok::Ident(name), pos, self.i - start);
        let pos = self.pos();
        let mut text = String::new();
        while let Some(c) = self.peek(0).filter(|&c| c != '\n') {
            if c == '\\' && self.peek(1) == Some('\n') {
                self.bump_n(2);
                continue;
            }
            text.push(c);
            self.bump();
        }
        let text = text.trim().to_owned();
        self.out.push(Token {
            tok: Tok::Str(text.clone().into_bytes()),
            pos,
            bol: false,
            space: true,
            text: text.into(),
        });
        Ok(())
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

    /// A number: C's preprocessing number (digits, letters, points, and a sign after an
    /// exponent's `e` or `p`), read as an integer or a floating constant.
    fn number(&mut self, pos: Pos) -> Result<Tok, Diagnostic> {
        let mut text = String::new();
        while let Some(c) = self.peek(0) {
            let exponent_sign = matches!(c, '+' | '-') && text.ends_with(['e', 'E', 'p', 'P']);
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '.' || exponent_sign) {
                break;
            }
            text.push(c);
            self.bump();
        }
        if text.to_ascii_lowercase().ends_with('l') && is_floating(&text) {
            return Err(self.err(
                pos,
                format!("'{text}' is a long double, which ProcLab does not have; drop the L to make it a double"),
            ));
        }
        number(&text)
            .ok_or_else(|| self.err(pos, format!("'{text}' is not a number C understands")))
    }

    /// A character constant such as `'a'` or `'\n'`.
    fn char_constant(&mut self, pos: Pos) -> Result<Tok, Diagnostic> {
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
        Ok(Tok::Char(byte))
    }

    /// A string literal.
    fn string(&mut self, pos: Pos) -> Result<Tok, Diagnostic> {
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
                Some('\\') if self.peek(1) == Some('\n') => {
                    // A line continued inside the string: the backslash and newline go.
                    self.bump_n(2);
                    self.at_line_start = false;
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
        Ok(Tok::Str(bytes))
    }

    /// An operator or punctuator, the longest that matches.
    fn punct(&mut self, c: char, pos: Pos) -> Result<Tok, Diagnostic> {
        let rest: String = self.chars[self.i..self.chars.len().min(self.i + 3)]
            .iter()
            .collect();
        let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) else {
            return Err(self.err(pos, format!("'{c}' cannot appear in a C program here")));
        };
        self.bump_n(p.len());
        Ok(Tok::Punct(p))
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

/// True for the spelling of a floating constant: a decimal one with a point or an
/// exponent, or a hexadecimal one with a `p` exponent.
fn is_floating(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    match lower.strip_prefix("0x") {
        Some(hex) => hex.contains(['.', 'p']),
        None => lower.contains(['.', 'e']),
    }
}

/// A floating constant's token: decimal ones rounded to nearest as gcc reads them (to float
/// directly for an `f` suffix); hexadecimal ones are not read.
fn floating(text: &str) -> Option<Tok> {
    let lower = text.to_ascii_lowercase();
    if lower.starts_with("0x") {
        return None;
    }
    let (digits, single) = match lower.strip_suffix('f') {
        Some(d) => (d, true),
        None => (lower.as_str(), false),
    };
    if !digits.starts_with(|c: char| c.is_ascii_digit() || c == '.') {
        return None;
    }
    let value = if single {
        f64::from(digits.parse::<f32>().ok()?)
    } else {
        digits.parse::<f64>().ok()?
    };
    Some(Tok::Float { value, single })
}

/// A number's token from its spelling: an integer or a floating constant.
pub(crate) fn number(text: &str) -> Option<Tok> {
    if is_floating(text) {
        return floating(text);
    }
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
        assert_eq!(t[3].pos, Pos::at(2, 3));
    }

    #[test]
    fn tokens_know_their_line_start_spacing_and_spelling_across_continued_lines() {
        let t = tokenize("t.c", "#define N \\\n  0x10\nx=N").unwrap();
        let flags: Vec<(bool, bool, &str)> = t.iter().map(|t| (t.bol, t.space, &*t.text)).collect();
        assert_eq!(
            flags,
            [
                (true, false, "#"),
                (false, false, "define"),
                (false, true, "N"),
                (false, true, "0x10"),
                (true, false, "x"),
                (false, false, "="),
                (false, false, "N"),
                (false, false, "")
            ]
        );
    }

    #[test]
    fn an_error_directive_keeps_its_text_whole() {
        assert_eq!(
            toks("#error don't build this\n")[2],
            Tok::Str(b"don't build this".to_vec())
        );
    }

    #[test]
    fn strings_and_characters_understand_escapes() {
        assert_eq!(
            toks(r#""a\n" "b\x41""#)[..2],
            [Tok::Str(b"a\n".to_vec()), Tok::Str(b"bA".to_vec())]
        );
        assert_eq!(
            toks(r"'\0' '\n' 'z'")[..3],
            [Tok::Char(0), Tok::Char(10), Tok::Char(b'z')]
        );
    }

    #[test]
    fn a_string_continues_past_a_backslash_newline() {
        assert_eq!(
            toks("\"one \\\ntwo\""),
            [Tok::Str(b"one two".to_vec()), Tok::Eof]
        );
    }

    #[test]
    fn floating_constants_in_every_form() {
        let float = |value: f64, single: bool| Tok::Float { value, single };
        assert_eq!(
            toks("1.5 1e6 .5 2. 1.5e-3 0.1f 3E+2"),
            [
                float(1.5, false),
                float(1e6, false),
                float(0.5, false),
                float(2.0, false),
                float(1.5e-3, false),
                float(f64::from(0.1f32), true),
                float(300.0, false),
                Tok::Eof
            ]
        );
        assert_eq!(
            toks("1+2")[1],
            Tok::Punct("+"),
            "a sign only follows an exponent"
        );
        let long = tokenize("t.c", "x = 1.5L;").unwrap();
        assert!(matches!(&long[2].tok, Tok::Invalid(d) if d.message.contains("long double")));
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
    fn what_is_no_token_carries_its_error_to_the_end_of_its_line() {
        let invalid = |s: &str| {
            tokenize("t.c", s)
                .unwrap()
                .into_iter()
                .find_map(|t| match t.tok {
                    Tok::Invalid(d) => Some(*d),
                    _ => None,
                })
                .expect("an invalid token")
        };
        let e = invalid("int x = \"abc;\nint y;");
        assert_eq!(e.pos, Pos::at(1, 9));
        assert!(e.message.contains("never closed"));
        assert_eq!(invalid("int @;").pos.col, 5);
        assert_eq!(toks("don't\nx")[2], Tok::Ident("x".into()));
        let e = tokenize("t.c", "/* open").unwrap_err();
        assert!(e.message.contains("never closed"));
    }
}
