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
    let err = |pos: Pos, message: String| Diagnostic::new(file, source, pos, message);
    if source.len() > MAX_SOURCE {
        return Err(err(
            Pos { line: 1, col: 1 },
            format!(
                "this file is {} bytes; ProcLab compiles files of up to {MAX_SOURCE} bytes",
                source.len()
            ),
        ));
    }
    let mut defines: BTreeMap<String, Vec<Token>> = BTreeMap::new();
    let mut out: Vec<Token> = Vec::new();
    let chars: Vec<char> = source.chars().collect();
    let mut i = 0;
    let (mut line, mut col) = (1u32, 1u32);
    let mut at_line_start = true;
    macro_rules! bump {
        () => {{
            if chars[i] == '\n' {
                line += 1;
                col = 1;
                at_line_start = true;
            } else {
                col += 1;
            }
            i += 1;
        }};
    }
    while i < chars.len() {
        let c = chars[i];
        let pos = Pos { line, col };
        if c == '\n' || c.is_whitespace() {
            bump!();
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'/') {
            while i < chars.len() && chars[i] != '\n' {
                bump!();
            }
            continue;
        }
        if c == '/' && chars.get(i + 1) == Some(&'*') {
            bump!();
            bump!();
            loop {
                if i >= chars.len() {
                    return Err(err(pos, "this comment is never closed: add */".into()));
                }
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    bump!();
                    bump!();
                    break;
                }
                bump!();
            }
            continue;
        }
        if c == '#' && at_line_start {
            let start = i;
            while i < chars.len() && chars[i] != '\n' {
                bump!();
            }
            let text: String = chars[start + 1..i].iter().collect();
            let text = text.trim();
            let (directive, rest) = text.split_once(char::is_whitespace).unwrap_or((text, ""));
            match directive {
                "include" => {
                    let rest = rest.trim();
                    if !(rest.starts_with('<') && rest.ends_with('>')) {
                        return Err(err(
                            pos,
                            format!(
                                "#include {rest}: ProcLab programs are one file; only system \
                                 headers like <stdio.h> can be included"
                            ),
                        ));
                    }
                }
                "define" => {
                    let rest = rest.trim();
                    let name_end = rest
                        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                        .unwrap_or(rest.len());
                    let (name, body) = rest.split_at(name_end);
                    if name.is_empty() {
                        return Err(err(pos, "#define needs a name, as in #define N 10".into()));
                    }
                    if body.starts_with('(') {
                        return Err(err(
                            pos,
                            format!(
                                "#define {name}(...) is a function-like macro, not supported \
                                 yet; write a function instead"
                            ),
                        ));
                    }
                    let body_tokens = tokenize(file, body)
                        .map_err(|d| err(pos, format!("in #define {name}: {}", d.message)))?;
                    let mut body_tokens = body_tokens;
                    body_tokens.pop();
                    for t in &mut body_tokens {
                        t.pos = pos;
                    }
                    defines.insert(name.to_owned(), body_tokens);
                }
                "pragma" | "" => {}
                other => {
                    return Err(err(
                        pos,
                        format!(
                            "#{other} is not supported; ProcLab understands #include and #define"
                        ),
                    ));
                }
            }
            continue;
        }
        at_line_start = false;
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || chars[i] == '_') {
                bump!();
            }
            let name: String = chars[start..i].iter().collect();
            match defines.get(&name) {
                Some(body) => out.extend(body.iter().cloned().map(|mut t| {
                    t.pos = pos;
                    t
                })),
                None => out.push(Token {
                    tok: Tok::Ident(name),
                    pos,
                }),
            }
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric()) {
                bump!();
            }
            let text: String = chars[start..i].iter().collect();
            out.push(Token {
                tok: number(&text)
                    .ok_or_else(|| err(pos, format!("'{text}' is not a number C understands")))?,
                pos,
            });
            continue;
        }
        if c == '\'' {
            bump!();
            let (byte, used) = escape(&chars[i..])
                .ok_or_else(|| err(pos, "this character constant is malformed".into()))?;
            for _ in 0..used {
                bump!();
            }
            if chars.get(i) != Some(&'\'') {
                return Err(err(
                    pos,
                    "a character constant holds one character, as in 'a'; close it with '".into(),
                ));
            }
            bump!();
            out.push(Token {
                tok: Tok::Char(byte),
                pos,
            });
            continue;
        }
        if c == '"' {
            bump!();
            let mut bytes = Vec::new();
            loop {
                match chars.get(i) {
                    None | Some('\n') => {
                        return Err(err(
                            pos,
                            "this string is never closed: add \" before the end of the line".into(),
                        ));
                    }
                    Some('"') => {
                        bump!();
                        break;
                    }
                    Some(_) => {
                        let (byte, used) = escape(&chars[i..]).ok_or_else(|| {
                            err(
                                Pos { line, col },
                                "unknown escape sequence in this string".into(),
                            )
                        })?;
                        bytes.extend(byte_or_utf8(&chars[i..], byte, used));
                        for _ in 0..used {
                            bump!();
                        }
                    }
                }
            }
            if let Some(Token {
                tok: Tok::Str(prev),
                ..
            }) = out.last_mut()
            {
                prev.extend(bytes);
            } else {
                out.push(Token {
                    tok: Tok::Str(bytes),
                    pos,
                });
            }
            continue;
        }
        let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
        let Some(p) = PUNCTS.iter().find(|p| rest.starts_with(**p)) else {
            return Err(err(pos, format!("'{c}' cannot appear in a C program here")));
        };
        for _ in 0..p.len() {
            bump!();
        }
        out.push(Token {
            tok: Tok::Punct(p),
            pos,
        });
    }
    out.push(Token {
        tok: Tok::Eof,
        pos: Pos { line, col },
    });
    Ok(out)
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
