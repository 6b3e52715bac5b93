//! The C preprocessor, as C99 defines it: conditional groups (`#if`, `#ifdef`, `#ifndef`,
//! `#elif`, `#else`, `#endif`, with `defined`), object-like and function-like macros (with
//! `#`, `##`, `...` and `__VA_ARGS__`, and GCC's `, ## __VA_ARGS__`), `#undef`, `#error`,
//! the predefined macros gcc gives on x86-64 Linux, and `#include` of the system headers
//! (whose declarations are built in; `<assert.h>` defines `assert`). Adjacent string
//! literals are joined last, after expansion.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::rc::Rc;

use super::diagnostic::{Diagnostic, Pos};
use super::header_text::header_text;
use super::lexer::{Tok, Token, tokenize, tokenize_file};
use super::sources::{Includes, SYSTEM_HEADER, Sources};
use proclab_kernel::abi::headers;

/// The most tokens macro expansion may make in one file, so that no definition (such as
/// one that doubles at every level) can exhaust the machine.
const MAX_EXPANDED: usize = 1_000_000;

/// The most nested conditional groups and macro arguments the preprocessor follows.
const MAX_DEPTH: usize = 200;

/// The most nested `#include`s (gcc's limit): more means a file includes itself.
const MAX_INCLUDE_DEPTH: usize = 200;

/// What gcc predefines for C on x86-64 Linux (with `-std=gnu17`, its default), as
/// directives; and GCC's `__attribute__((...))` and `__extension__`, which change nothing
/// ProcLab's machine does (noreturn, unused, format checks), read as nothing.
const PREDEFINED: &str = "#define __STDC__ 1
#define __STDC_VERSION__ 201710L
#define __STDC_HOSTED__ 1
#define __GNUC__ 12
#define __GNUC_MINOR__ 2
#define __GNUC_PATCHLEVEL__ 0
#define __x86_64__ 1
#define __x86_64 1
#define __amd64__ 1
#define __amd64 1
#define __linux__ 1
#define __linux 1
#define __gnu_linux__ 1
#define linux 1
#define __unix__ 1
#define __unix 1
#define unix 1
#define __ELF__ 1
#define __LP64__ 1
#define _LP64 1
#define __CHAR_BIT__ 8
#define __SIZEOF_INT__ 4
#define __SIZEOF_LONG__ 8
#define __SIZEOF_LONG_LONG__ 8
#define __SIZEOF_SHORT__ 2
#define __SIZEOF_POINTER__ 8
#define __SIZEOF_SIZE_T__ 8
#define __INT_MAX__ 0x7fffffff
#define __LONG_MAX__ 0x7fffffffffffffffL
#define __attribute__(attributes)
#define __extension__
";

/// `assert` as `<assert.h>` defines it, without and with `NDEBUG`.
const ASSERT: &str =
    "#define assert(e) ((e) ? (void) 0 : __assert_fail(#e, __FILE__, __LINE__, __func__))\n";
const ASSERT_OFF: &str = "#define assert(e) ((void) 0)\n";

/// `<limits.h>` as glibc defines it on x86-64 Linux.
const LIMITS: &str = "#define CHAR_BIT 8
#define SCHAR_MIN (-128)
#define SCHAR_MAX 127
#define UCHAR_MAX 255
#define CHAR_MIN SCHAR_MIN
#define CHAR_MAX SCHAR_MAX
#define SHRT_MIN (-32768)
#define SHRT_MAX 32767
#define USHRT_MAX 65535
#define INT_MIN (-INT_MAX - 1)
#define INT_MAX 2147483647
#define UINT_MAX 4294967295U
#define LONG_MAX 9223372036854775807L
#define LONG_MIN (-LONG_MAX - 1L)
#define ULONG_MAX 18446744073709551615UL
#define LLONG_MAX LONG_MAX
#define LLONG_MIN LONG_MIN
#define ULLONG_MAX ULONG_MAX
#define SSIZE_MAX LONG_MAX
#define PATH_MAX 4096
#define NAME_MAX 255
#define ARG_MAX 131072
#define NGROUPS_MAX 65536
#define HOST_NAME_MAX 64
#define LOGIN_NAME_MAX 256
#define IOV_MAX 1024
#define _POSIX_ARG_MAX 4096
#define _POSIX_PATH_MAX 256
";

/// `<stdint.h>`'s limits and `<inttypes.h>`'s printf conversions, as glibc defines them on
/// x86-64 Linux.
/// `<stdbool.h>`: C99's names for `_Bool` and its values.
const STDBOOL: &str = "#define bool _Bool\n#define true 1\n#define false 0\n#define __bool_true_false_are_defined 1\n";

const STDINT: &str = "#define INT8_MIN (-128)
#define INT8_MAX 127
#define UINT8_MAX 255
#define INT16_MIN (-32768)
#define INT16_MAX 32767
#define UINT16_MAX 65535
#define INT32_MIN (-2147483647 - 1)
#define INT32_MAX 2147483647
#define UINT32_MAX 4294967295U
#define INT64_MIN (-9223372036854775807L - 1)
#define INT64_MAX 9223372036854775807L
#define UINT64_MAX 18446744073709551615UL
#define INTMAX_MIN INT64_MIN
#define INTMAX_MAX INT64_MAX
#define UINTMAX_MAX UINT64_MAX
#define INTPTR_MIN INT64_MIN
#define INTPTR_MAX INT64_MAX
#define UINTPTR_MAX UINT64_MAX
#define SIZE_MAX UINT64_MAX
#define PTRDIFF_MIN INT64_MIN
#define PTRDIFF_MAX INT64_MAX
#define INT32_C(c) c
#define INT64_C(c) c ## L
#define UINT32_C(c) c ## U
#define UINT64_C(c) c ## UL
";

/// `<inttypes.h>`'s printf conversions (it includes `<stdint.h>`).
const INTTYPES: &str = "#define PRId8 \"d\"
#define PRId16 \"d\"
#define PRId32 \"d\"
#define PRId64 \"ld\"
#define PRIi32 \"i\"
#define PRIi64 \"li\"
#define PRIu8 \"u\"
#define PRIu16 \"u\"
#define PRIu32 \"u\"
#define PRIu64 \"lu\"
#define PRIx32 \"x\"
#define PRIx64 \"lx\"
#define PRIX32 \"X\"
#define PRIX64 \"lX\"
#define PRIo32 \"o\"
#define PRIo64 \"lo\"
#define PRIdMAX \"ld\"
#define PRIiMAX \"li\"
#define PRIuMAX \"lu\"
#define PRIxMAX \"lx\"
#define PRIdPTR \"ld\"
#define PRIuPTR \"lu\"
#define PRIxPTR \"lx\"
";

/// `<stdarg.h>`'s macros over ProcLab's calling convention: every argument sits in an
/// 8-byte stack slot just above the one before it, so the variable arguments start one slot
/// past the last named parameter, and `va_arg` reads a slot and steps to the next.
const STDARG: &str = "#define va_start(ap, last) ((void) ((ap) = (char *) &(last) + 8))
#define va_arg(ap, type) (*(type *) (((ap) += 8) - 8))
#define va_end(ap) ((void) 0)
#define va_copy(dest, src) ((void) ((dest) = (src)))
#define __va_copy(dest, src) va_copy(dest, src)
";

/// A macro's definition.
#[derive(Debug)]
struct Macro {
    /// The parameters of a function-like macro (None: object-like).
    params: Option<Vec<String>>,
    /// A function-like macro whose last parameter is `...`.
    variadic: bool,
    /// What it expands to.
    body: Vec<Token>,
}

/// A token on its way through expansion, with the macros it came from (its hide set: a
/// macro never expands again inside its own expansion).
#[derive(Debug, Clone)]
struct PpToken {
    token: Token,
    hide: Rc<BTreeSet<String>>,
}

impl PpToken {
    fn is_punct(&self, p: &str) -> bool {
        self.token.tok
            == Tok::Punct(match p {
                "(" => "(",
                ")" => ")",
                "," => ",",
                "#" => "#",
                "##" => "##",
                _ => return false,
            })
    }

    fn ident(&self) -> Option<&str> {
        match &self.token.tok {
            Tok::Ident(name) => Some(name),
            _ => None,
        }
    }
}

/// One open conditional group.
#[derive(Debug)]
struct Group {
    /// Its lines are being kept.
    active: bool,
    /// One of its branches has been kept already (later `#elif`/`#else` are skipped).
    taken: bool,
    /// Its `#else` has been seen.
    in_else: bool,
    /// Where it opened, for an unterminated group's message.
    pos: Pos,
}

/// Preprocesses the program's file number `file` into the tokens the parser reads; its
/// `#include "name"` lines find files through `includes`, which join `sources`.
pub fn preprocess(
    sources: &mut Sources,
    file: u16,
    includes: &dyn Includes,
) -> Result<Vec<Token>, Diagnostic> {
    let tokens = tokenize_file(file, sources.name(file), sources.text(file))?;
    let mut pp = Preprocessor {
        sources,
        includes,
        macros: BTreeMap::new(),
        groups: Vec::new(),
        made: 0,
        include_depth: 0,
        once: BTreeSet::new(),
    };
    pp.run_builtin(PREDEFINED)?;
    let eof = tokens.last().map_or(Pos::at(1, 1), |t| t.pos);
    let mut out = pp.run(tokens)?;
    if let Some(group) = pp.groups.last() {
        return pp.error(
            group.pos,
            "this #if (or #ifdef, #ifndef) has no #endif: add one where its group ends",
        );
    }
    out.push(fresh(Token::made(Tok::Eof, eof, "")));
    Ok(join_strings(out))
}

/// The state of preprocessing one file.
struct Preprocessor<'a> {
    sources: &'a mut Sources,
    includes: &'a dyn Includes,
    macros: BTreeMap<String, Rc<Macro>>,
    groups: Vec<Group>,
    /// Tokens expansion has made so far.
    made: usize,
    /// How many `#include`s deep the line being read is.
    include_depth: usize,
    /// The files that said `#pragma once`.
    once: BTreeSet<u16>,
}

impl Preprocessor<'_> {
    fn error<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T, Diagnostic> {
        Err(self.sources.error(pos, message.into()))
    }

    /// Runs built-in directives (the predefined macros, a header's).
    fn run_builtin(&mut self, text: &str) -> Result<(), Diagnostic> {
        let tokens = tokenize("<built-in>", text)?;
        self.run(tokens).map(drop)
    }

    /// The text of a file's tokens: directives carried out, the rest expanded.
    fn run(&mut self, tokens: Vec<Token>) -> Result<Vec<PpToken>, Diagnostic> {
        let mut out = Vec::new();
        let mut pending = Vec::new();
        for line in logical_lines(&tokens) {
            let directive = line[0].tok == Tok::Punct("#") && line[0].bol;
            if directive || self.active() {
                invalid(line)?;
            }
            if directive {
                let text = std::mem::take(&mut pending);
                out.extend(self.expand(text)?);
                if self.active()
                    && line
                        .get(1)
                        .is_some_and(|t| t.tok == Tok::Ident("include".into()))
                {
                    out.extend(self.include(&line[2..], line[1].pos)?);
                } else {
                    self.directive(line)?;
                }
            } else if self.active() {
                pending.extend(line.iter().cloned().map(fresh));
            }
        }
        out.extend(self.expand(pending)?);
        Ok(out)
    }

    /// True when the lines here are kept (every open group is active).
    fn active(&self) -> bool {
        self.groups.last().is_none_or(|g| g.active)
    }

    /// Carries out a directive line (`line[0]` is its `#`).
    fn directive(&mut self, line: &[Token]) -> Result<(), Diagnostic> {
        let Some(name_token) = line.get(1) else {
            return Ok(());
        };
        let Tok::Ident(name) = &name_token.tok else {
            return if self.active() {
                self.error(
                    name_token.pos,
                    "a directive's name comes after #, as in #define",
                )
            } else {
                Ok(())
            };
        };
        let rest = &line[2..];
        match name.as_str() {
            "if" | "ifdef" | "ifndef" => self.open_group(name, rest, name_token.pos),
            "elif" => self.elif(rest, name_token.pos),
            "else" => self.else_group(name_token.pos),
            "endif" => self
                .groups
                .pop()
                .map(drop)
                .map_or_else(|| self.error(name_token.pos, "#endif without #if"), Ok),
            _ if !self.active() => Ok(()),
            "define" => self.define(rest, name_token.pos),
            "undef" => {
                if let Some(Tok::Ident(name)) = rest.first().map(|t| &t.tok) {
                    self.macros.remove(name);
                }
                Ok(())
            }
            "error" => {
                let text = rest.first().map_or("", |t| &*t.text);
                self.error(name_token.pos, format!("#error {text}"))
            }
            "pragma" => {
                if rest.first().is_some_and(|t| t.text.trim() == "once") {
                    self.once.insert(name_token.pos.file);
                }
                Ok(())
            }
            "warning" | "ident" | "sccs" | "line" => Ok(()),
            other => self.error(
                name_token.pos,
                format!("#{other} is not a preprocessing directive"),
            ),
        }
    }

    /// `#if`, `#ifdef`, `#ifndef`: a new group, kept if its condition holds.
    fn open_group(&mut self, kind: &str, rest: &[Token], pos: Pos) -> Result<(), Diagnostic> {
        if self.groups.len() >= MAX_DEPTH {
            return self.error(
                pos,
                format!("conditional groups nest more than {MAX_DEPTH} deep"),
            );
        }
        let outer = self.active();
        let holds = outer
            && match kind {
                "if" => self.condition(rest, pos)?,
                _ => {
                    let Some(Tok::Ident(name)) = rest.first().map(|t| &t.tok) else {
                        return self.error(pos, format!("#{kind} needs a macro name"));
                    };
                    self.is_defined(name) == (kind == "ifdef")
                }
            };
        self.groups.push(Group {
            active: holds,
            taken: holds || !outer,
            in_else: false,
            pos,
        });
        Ok(())
    }

    /// `#elif`: kept if no branch was yet and its condition holds.
    fn elif(&mut self, rest: &[Token], pos: Pos) -> Result<(), Diagnostic> {
        let Some(group) = self.groups.last() else {
            return self.error(pos, "#elif without #if");
        };
        if group.in_else {
            return self.error(pos, "#elif after #else");
        }
        let holds = !group.taken && self.condition(rest, pos)?;
        let group = self.groups.last_mut().expect("an open group");
        group.active = holds;
        group.taken |= holds;
        Ok(())
    }

    /// `#else`: kept if no branch was.
    fn else_group(&mut self, pos: Pos) -> Result<(), Diagnostic> {
        let Some(group) = self.groups.last_mut() else {
            return self.error(pos, "#else without #if");
        };
        if group.in_else {
            return self.error(pos, "#else after #else");
        }
        group.in_else = true;
        group.active = !group.taken;
        group.taken = true;
        Ok(())
    }

    /// True when `name` is a macro, or a constant the system headers define.
    fn is_defined(&self, name: &str) -> bool {
        self.macros.contains_key(name)
            || matches!(name, "__LINE__" | "__FILE__")
            || headers::constant(name).is_some()
    }

    /// `#define NAME body` or `#define NAME(params) body`.
    fn define(&mut self, rest: &[Token], pos: Pos) -> Result<(), Diagnostic> {
        let Some(Tok::Ident(name)) = rest.first().map(|t| &t.tok) else {
            return self.error(pos, "#define needs a name, as in #define N 10");
        };
        if name == "defined" {
            return self.error(pos, "'defined' cannot be a macro's name");
        }
        let function_like = rest
            .get(1)
            .is_some_and(|t| t.tok == Tok::Punct("(") && !t.space);
        let (params, variadic, body) = if function_like {
            let (params, variadic, used) = self.params(&rest[1..], pos)?;
            (Some(params), variadic, &rest[1 + used..])
        } else {
            (None, false, &rest[1..])
        };
        self.check_body(body, params.as_deref(), variadic, pos)?;
        let mut body = body.to_vec();
        if let Some(first) = body.first_mut() {
            first.space = false;
        }
        self.macros.insert(
            name.clone(),
            Rc::new(Macro {
                params,
                variadic,
                body,
            }),
        );
        Ok(())
    }

    /// A function-like macro's parameter list, from its `(`: the names, whether it ends
    /// with `...`, and how many tokens it took.
    fn params(&self, tokens: &[Token], pos: Pos) -> Result<(Vec<String>, bool, usize), Diagnostic> {
        let mut params = Vec::new();
        let mut i = 1;
        let bad = || "a macro's parameters are names separated by commas, as in #define MAX(a, b)";
        if tokens.get(i).is_some_and(|t| t.tok == Tok::Punct(")")) {
            return Ok((params, false, 2));
        }
        loop {
            match tokens.get(i).map(|t| &t.tok) {
                Some(Tok::Ident(p)) if !params.contains(p) => params.push(p.clone()),
                Some(Tok::Punct("...")) => {
                    return match tokens.get(i + 1).map(|t| &t.tok) {
                        Some(Tok::Punct(")")) => Ok((params, true, i + 2)),
                        _ => self.error(pos, "... must be a macro's last parameter"),
                    };
                }
                _ => return self.error(pos, bad()),
            }
            match tokens.get(i + 1).map(|t| &t.tok) {
                Some(Tok::Punct(",")) => i += 2,
                Some(Tok::Punct(")")) => return Ok((params, false, i + 2)),
                _ => return self.error(pos, bad()),
            }
        }
    }

    /// A macro body's own rules: `##` not at either end, `#` only before a parameter.
    fn check_body(
        &self,
        body: &[Token],
        params: Option<&[String]>,
        variadic: bool,
        pos: Pos,
    ) -> Result<(), Diagnostic> {
        let paste = |t: Option<&Token>| t.is_some_and(|t| t.tok == Tok::Punct("##"));
        if paste(body.first()) || paste(body.last()) {
            return self.error(pos, "'##' cannot be at either end of a macro's body");
        }
        let Some(params) = params else {
            return Ok(());
        };
        for (i, t) in body.iter().enumerate() {
            if t.tok == Tok::Punct("#") {
                let next = body.get(i + 1).and_then(|t| match &t.tok {
                    Tok::Ident(n) => Some(n.as_str()),
                    _ => None,
                });
                let is_param = next.is_some_and(|n| {
                    params.iter().any(|p| p == n) || (variadic && n == "__VA_ARGS__")
                });
                if !is_param {
                    return self.error(t.pos, "'#' is not followed by a macro parameter");
                }
            }
        }
        Ok(())
    }

    /// `#include <header>`: the system headers are built in (`<assert.h>` defines
    /// `assert`); `#include "file"` is not supported yet.
    fn include(&mut self, rest: &[Token], pos: Pos) -> Result<Vec<PpToken>, Diagnostic> {
        match rest.first().map(|t| &t.tok) {
            Some(Tok::Punct("<")) => {
                let header: String = rest[1..]
                    .iter()
                    .take_while(|t| t.tok != Tok::Punct(">"))
                    .map(|t| &*t.text)
                    .collect();
                if header == "assert.h" {
                    let definition = if self.macros.contains_key("NDEBUG") {
                        ASSERT_OFF
                    } else {
                        ASSERT
                    };
                    self.run_builtin(definition)?;
                }
                let definitions: &[&str] = match header.as_str() {
                    "stdarg.h" => &[STDARG],
                    "limits.h" => &[LIMITS],
                    "stdint.h" => &[STDINT],
                    "stdbool.h" => &[STDBOOL],
                    "inttypes.h" => &[STDINT, INTTYPES],
                    _ => &[],
                };
                for text in definitions {
                    self.run_builtin(text)?;
                }
                match header_text(&header) {
                    Some(text) => {
                        let tokens = tokenize_file(SYSTEM_HEADER, &header, text)?;
                        self.run(tokens)
                    }
                    None => Ok(Vec::new()),
                }
            }
            Some(Tok::Str(name)) => self.include_own(&String::from_utf8_lossy(name), pos),
            _ => self.error(pos, "#include names a header, as in #include <stdio.h>"),
        }
    }

    /// `#include "name"`: the program's own file, read here (once, if it says
    /// `#pragma once`), its conditional groups closed within it.
    fn include_own(&mut self, name: &str, pos: Pos) -> Result<Vec<PpToken>, Diagnostic> {
        let from = self.sources.name(pos.file).to_owned();
        let Some(found) = self.includes.find(&from, name) else {
            return self.error(
                pos,
                format!(
                    "#include \"{name}\": this program has no file of that name; add it (a new \
                     file in the editor, or next to {from} for the command line)"
                ),
            );
        };
        if self.include_depth >= MAX_INCLUDE_DEPTH {
            return self.error(
                pos,
                format!(
                    "#include nests more than {MAX_INCLUDE_DEPTH} deep: does {name} include itself?"
                ),
            );
        }
        let Some(index) = self.sources.add(&found.name, &found.text) else {
            return self.error(pos, "this program includes too many files");
        };
        if self.once.contains(&index) {
            return Ok(Vec::new());
        }
        let tokens = tokenize_file(index, &found.name, &found.text)?;
        let open = self.groups.len();
        self.include_depth += 1;
        let out = self.run(tokens)?;
        self.include_depth -= 1;
        if let Some(group) = self.groups.get(open) {
            return self.error(
                group.pos,
                "this #if (or #ifdef, #ifndef) has no #endif in its file: add one where its group ends",
            );
        }
        Ok(out)
    }

    /// Expands macros in `tokens`.
    fn expand(&mut self, tokens: Vec<PpToken>) -> Result<Vec<PpToken>, Diagnostic> {
        let mut work: VecDeque<PpToken> = tokens.into();
        let mut out = Vec::new();
        while let Some(t) = work.pop_front() {
            let Some(name) = t.ident().map(str::to_owned) else {
                out.push(t);
                continue;
            };
            if t.hide.contains(&name) {
                out.push(t);
                continue;
            }
            if let Some(made) = self.dynamic(&name, &t) {
                out.push(made);
                continue;
            }
            let Some(m) = self.macros.get(&name).cloned() else {
                out.push(t);
                continue;
            };
            let expansion = match &m.params {
                None => {
                    let hide = with(&t.hide, &name);
                    m.body.iter().map(|b| at(b, &t, &hide)).collect()
                }
                Some(params) => {
                    if !work.front().is_some_and(|n| n.is_punct("(")) {
                        out.push(t);
                        continue;
                    }
                    let (args, close) = self.arguments(&mut work, &name, &t)?;
                    let args = self.check_arguments(args, params, m.variadic, &name, &t)?;
                    let hide = with(&intersection(&t.hide, &close.hide), &name);
                    self.substitute(&m, params, &args, &t, &hide)?
                }
            };
            self.made += expansion.len();
            if self.made > MAX_EXPANDED {
                return self.error(
                    t.token.pos,
                    format!("expanding the macro '{name}' makes more than {MAX_EXPANDED} tokens"),
                );
            }
            for e in expansion.into_iter().rev() {
                work.push_front(e);
            }
        }
        Ok(out)
    }

    /// `__LINE__` and `__FILE__`, which say where they are used.
    fn dynamic(&self, name: &str, t: &PpToken) -> Option<PpToken> {
        let token = match name {
            "__LINE__" => {
                let line = t.token.pos.line;
                Token::made(
                    Tok::Int {
                        value: u64::from(line),
                        unsigned: false,
                        long: false,
                    },
                    t.token.pos,
                    &line.to_string(),
                )
            }
            "__FILE__" => {
                let file = self.sources.name(t.token.pos.file);
                Token::made(
                    Tok::Str(file.as_bytes().to_vec()),
                    t.token.pos,
                    &format!("{file:?}"),
                )
            }
            _ => return None,
        };
        Some(PpToken {
            token: Token {
                space: t.token.space,
                ..token
            },
            hide: t.hide.clone(),
        })
    }

    /// A function-like macro's arguments, from the `(` at the front of `work`: each
    /// argument's tokens, and the closing `)`.
    fn arguments(
        &self,
        work: &mut VecDeque<PpToken>,
        name: &str,
        call: &PpToken,
    ) -> Result<(Vec<Vec<PpToken>>, PpToken), Diagnostic> {
        work.pop_front();
        let mut args = vec![Vec::new()];
        let mut depth = 0;
        loop {
            let Some(t) = work.pop_front() else {
                return self.error(
                    call.token.pos,
                    format!("the arguments of the macro '{name}' are never closed: add ')'"),
                );
            };
            if t.is_punct("(") {
                depth += 1;
                if depth > MAX_DEPTH {
                    return self.error(t.token.pos, "parentheses nest too deep here");
                }
            } else if t.is_punct(")") {
                if depth == 0 {
                    return Ok((args, t));
                }
                depth -= 1;
            } else if t.is_punct(",") && depth == 0 {
                args.push(Vec::new());
                continue;
            }
            args.last_mut().expect("an argument").push(t);
        }
    }

    /// The arguments matched to the parameters: the variadic ones joined, with their
    /// commas, into `__VA_ARGS__`; an error for the wrong number.
    fn check_arguments(
        &self,
        mut args: Vec<Vec<PpToken>>,
        params: &[String],
        variadic: bool,
        name: &str,
        call: &PpToken,
    ) -> Result<Vec<Vec<PpToken>>, Diagnostic> {
        if params.is_empty() && !variadic && args.len() == 1 && args[0].is_empty() {
            args.clear();
        }
        if variadic {
            if args.len() < params.len() {
                args.resize(params.len(), Vec::new());
            }
            let rest = args.split_off(params.len());
            let mut joined = Vec::new();
            for (i, arg) in rest.into_iter().enumerate() {
                if i > 0 {
                    joined.push(fresh(Token::made(Tok::Punct(","), call.token.pos, ",")));
                }
                joined.extend(arg);
            }
            args.push(joined);
        } else if args.len() != params.len() {
            return self.error(
                call.token.pos,
                format!(
                    "the macro '{name}' takes {} argument(s), but {} were given",
                    params.len(),
                    args.len()
                ),
            );
        }
        Ok(args)
    }

    /// A function-like macro's body with its arguments put in: `#p` stringised, `p` next
    /// to `##` as written, any other `p` fully expanded first; then `##` pastes.
    fn substitute(
        &mut self,
        m: &Macro,
        params: &[String],
        args: &[Vec<PpToken>],
        call: &PpToken,
        hide: &Rc<BTreeSet<String>>,
    ) -> Result<Vec<PpToken>, Diagnostic> {
        let param = |t: &Token| match &t.tok {
            Tok::Ident(n) if m.variadic && n == "__VA_ARGS__" => Some(params.len()),
            Tok::Ident(n) => params.iter().position(|p| p == n),
            _ => None,
        };
        let is_paste = |t: Option<&Token>| t.is_some_and(|t| t.tok == Tok::Punct("##"));
        let mut out: Vec<PpToken> = Vec::new();
        let mut i = 0;
        while i < m.body.len() {
            let b = &m.body[i];
            if b.tok == Tok::Punct("#")
                && let Some(p) = m.body.get(i + 1).and_then(param)
            {
                out.push(at(&stringize(&args[p]), call, hide));
                i += 2;
                continue;
            }
            if b.tok == Tok::Punct("##") {
                i += 1;
                let right = match m.body.get(i).and_then(param) {
                    Some(p) => args[p].clone(),
                    None => vec![at(&m.body[i], call, hide)],
                };
                self.paste(&mut out, right, m, i, call)?;
                i += 1;
                continue;
            }
            match param(b) {
                Some(p)
                    if is_paste(m.body.get(i + 1)) || (i > 0 && is_paste(m.body.get(i - 1))) =>
                {
                    out.extend(args[p].iter().map(|a| at_keeping(a, hide)));
                }
                Some(p) => {
                    let expanded = self.expand(args[p].clone())?;
                    let mut expanded = expanded.into_iter().map(|a| at_keeping(&a, hide));
                    if let Some(first) = expanded.next() {
                        out.push(PpToken {
                            token: Token {
                                space: b.space,
                                ..first.token
                            },
                            ..first
                        });
                    }
                    out.extend(expanded);
                }
                None => out.push(at(b, call, hide)),
            }
            i += 1;
        }
        Ok(out)
    }

    /// `left ## right`: the last token made and the first of `right` become one token,
    /// spelt as both; GCC's `, ## __VA_ARGS__` drops the comma when there are no variadic
    /// arguments.
    fn paste(
        &self,
        out: &mut Vec<PpToken>,
        right: Vec<PpToken>,
        m: &Macro,
        at_body: usize,
        call: &PpToken,
    ) -> Result<(), Diagnostic> {
        let va_args = m.variadic
            && matches!(&m.body.get(at_body).map(|t| &t.tok), Some(Tok::Ident(n)) if n == "__VA_ARGS__");
        let mut right = right.into_iter();
        let Some(first) = right.next() else {
            if va_args && out.last().is_some_and(|l| l.is_punct(",")) {
                out.pop();
            }
            return Ok(());
        };
        let Some(left) = out.pop() else {
            out.push(first);
            out.extend(right);
            return Ok(());
        };
        if va_args && left.is_punct(",") {
            out.push(left);
            out.push(first);
            out.extend(right);
            return Ok(());
        }
        let spelling = format!("{}{}", left.token.text, first.token.text);
        let mut tokens = tokenize("", &spelling).unwrap_or_default();
        tokens.pop();
        if tokens.len() != 1 {
            return self.error(
                call.token.pos,
                format!(
                    "pasting \"{}\" and \"{}\" does not give one token",
                    left.token.text, first.token.text
                ),
            );
        }
        let token = tokens.remove(0);
        out.push(PpToken {
            token: Token {
                pos: left.token.pos,
                space: left.token.space,
                bol: false,
                ..token
            },
            hide: left.hide,
        });
        out.extend(right);
        Ok(())
    }

    /// Evaluates an `#if` or `#elif` condition: `defined` first, then macros, then any
    /// name left (a header constant is its value, any other name 0).
    fn condition(&mut self, rest: &[Token], pos: Pos) -> Result<bool, Diagnostic> {
        let mut tokens = Vec::new();
        let mut i = 0;
        while i < rest.len() {
            if let Tok::Ident(n) = &rest[i].tok
                && n == "defined"
            {
                let (name, used) = match rest.get(i + 1).map(|t| &t.tok) {
                    Some(Tok::Punct("(")) => match (rest.get(i + 2), rest.get(i + 3)) {
                        (Some(t), Some(close)) if close.tok == Tok::Punct(")") => (t, 4),
                        _ => return self.error(pos, "defined( needs a name and ')'"),
                    },
                    Some(_) => (&rest[i + 1], 2),
                    None => return self.error(pos, "defined needs a name"),
                };
                let Tok::Ident(name) = &name.tok else {
                    return self.error(pos, "defined needs a name");
                };
                let value = u64::from(self.is_defined(name));
                tokens.push(fresh(Token::made(
                    Tok::Int {
                        value,
                        unsigned: false,
                        long: false,
                    },
                    rest[i].pos,
                    &value.to_string(),
                )));
                i += used;
                continue;
            }
            tokens.push(fresh(rest[i].clone()));
            i += 1;
        }
        let expanded = self.expand(tokens)?;
        let values: Vec<Token> = expanded.into_iter().map(|t| t.token).collect();
        let mut eval = Eval {
            tokens: &values,
            at: 0,
        };
        let value = eval.ternary().and_then(|v| {
            if eval.at == values.len() {
                Ok(v)
            } else {
                Err("unexpected token".to_owned())
            }
        });
        match value {
            Ok(v) => Ok(v != 0),
            Err(why) => self.error(
                pos,
                format!("this #if condition cannot be evaluated: {why}"),
            ),
        }
    }
}

/// A condition's integer expression, evaluated as the preprocessor does (in 64 bits).
struct Eval<'a> {
    tokens: &'a [Token],
    at: usize,
}

impl Eval<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.at).map(|t| &t.tok)
    }

    fn eat(&mut self, p: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Punct(q)) if *q == p) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.binary(0)?;
        if !self.eat("?") {
            return Ok(c);
        }
        let a = self.ternary()?;
        if !self.eat(":") {
            return Err("'?' without ':'".to_owned());
        }
        let b = self.ternary()?;
        Ok(if c != 0 { a } else { b })
    }

    /// Binary operators from precedence level `level` up.
    fn binary(&mut self, level: usize) -> Result<i64, String> {
        const LEVELS: [&[&str]; 10] = [
            &["||"],
            &["&&"],
            &["|"],
            &["^"],
            &["&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["<<", ">>"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut left = self.binary(level + 1)?;
        while let Some(op) = LEVELS[level].iter().find(|op| self.eat(op)) {
            let right = self.binary(level + 1)?;
            left = apply(op, left, right)?;
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<i64, String> {
        for op in ["-", "+", "~", "!"] {
            if self.eat(op) {
                let v = self.unary()?;
                return Ok(match op {
                    "-" => v.wrapping_neg(),
                    "+" => v,
                    "~" => !v,
                    _ => i64::from(v == 0),
                });
            }
        }
        if self.eat("(") {
            let v = self.ternary()?;
            return if self.eat(")") {
                Ok(v)
            } else {
                Err("a '(' is never closed".to_owned())
            };
        }
        let value = match self.peek() {
            Some(Tok::Int { value, .. }) => *value as i64,
            Some(Tok::Char(c)) => i64::from(*c as i8),
            Some(Tok::Ident(name)) => headers::constant(name).map_or(0, |(v, _)| v as i64),
            Some(other) => return Err(format!("{other:?} is not a number")),
            None => return Err("it ends too soon".to_owned()),
        };
        self.at += 1;
        Ok(value)
    }
}

/// One binary operation of a condition.
fn apply(op: &str, a: i64, b: i64) -> Result<i64, String> {
    Ok(match op {
        "||" => i64::from(a != 0 || b != 0),
        "&&" => i64::from(a != 0 && b != 0),
        "|" => a | b,
        "^" => a ^ b,
        "&" => a & b,
        "==" => i64::from(a == b),
        "!=" => i64::from(a != b),
        "<" => i64::from(a < b),
        ">" => i64::from(a > b),
        "<=" => i64::from(a <= b),
        ">=" => i64::from(a >= b),
        "<<" => a.wrapping_shl(b as u32),
        ">>" => a.wrapping_shr(b as u32),
        "+" => a.wrapping_add(b),
        "-" => a.wrapping_sub(b),
        "*" => a.wrapping_mul(b),
        _ if b == 0 => return Err("division by zero".to_owned()),
        "/" => a.wrapping_div(b),
        _ => a.wrapping_rem(b),
    })
}

/// The error of the first text in `line` that is no token, if there is one.
fn invalid(line: &[Token]) -> Result<(), Diagnostic> {
    match line.iter().find_map(|t| match &t.tok {
        Tok::Invalid(d) => Some(d),
        _ => None,
    }) {
        Some(d) => Err((**d).clone()),
        None => Ok(()),
    }
}

/// The logical lines of a file's tokens (without its end).
fn logical_lines(tokens: &[Token]) -> Vec<&[Token]> {
    let mut lines = Vec::new();
    let mut start = 0;
    let end = tokens
        .iter()
        .position(|t| t.tok == Tok::Eof)
        .unwrap_or(tokens.len());
    for i in 1..=end {
        if i == end || tokens[i].bol {
            if start < i {
                lines.push(&tokens[start..i]);
            }
            start = i;
        }
    }
    lines
}

/// A token from the source, from no macro.
fn fresh(token: Token) -> PpToken {
    PpToken {
        token,
        hide: Rc::default(),
    }
}

/// A macro body's token where the macro was used: at its position, with its hide set.
fn at(body: &Token, call: &PpToken, hide: &Rc<BTreeSet<String>>) -> PpToken {
    PpToken {
        token: Token {
            pos: call.token.pos,
            bol: false,
            ..body.clone()
        },
        hide: hide.clone(),
    }
}

/// An argument's token in an expansion: its own position, the expansion's hide set added.
fn at_keeping(arg: &PpToken, hide: &Rc<BTreeSet<String>>) -> PpToken {
    PpToken {
        token: arg.token.clone(),
        hide: Rc::new(arg.hide.union(hide).cloned().collect()),
    }
}

/// `set` with `name` added.
fn with(set: &BTreeSet<String>, name: &str) -> Rc<BTreeSet<String>> {
    let mut set = set.clone();
    set.insert(name.to_owned());
    Rc::new(set)
}

/// The names in both sets.
fn intersection(a: &BTreeSet<String>, b: &BTreeSet<String>) -> BTreeSet<String> {
    a.intersection(b).cloned().collect()
}

/// `#arg`: the argument's spelling as a string literal, white space between tokens as one
/// space, `"` and `\` in its strings and characters escaped.
fn stringize(arg: &[PpToken]) -> Token {
    let mut text = String::new();
    for (i, t) in arg.iter().enumerate() {
        if i > 0 && t.token.space {
            text.push(' ');
        }
        match t.token.tok {
            Tok::Str(_) | Tok::Char(_) => {
                for c in t.token.text.chars() {
                    if c == '"' || c == '\\' {
                        text.push('\\');
                    }
                    text.push(c);
                }
            }
            _ => text.push_str(&t.token.text),
        }
    }
    let value = unescaped(&text);
    let pos = arg.first().map_or(Pos::at(1, 1), |t| t.token.pos);
    Token::made(Tok::Str(value), pos, &format!("\"{text}\""))
}

/// The bytes a string literal's body means: `\"` and `\\` as one character each (the only
/// escapes stringising makes).
fn unescaped(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        let c = if c == '\\' {
            chars.next().unwrap_or('\\')
        } else {
            c
        };
        let mut buf = [0; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
    out
}

/// The tokens for the parser: adjacent string literals joined into one.
fn join_strings(tokens: Vec<PpToken>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for t in tokens {
        if let (
            Tok::Str(more),
            Some(Token {
                tok: Tok::Str(prev),
                ..
            }),
        ) = (&t.token.tok, out.last_mut())
        {
            prev.extend_from_slice(more);
            continue;
        }
        out.push(t.token);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proclab_kernel::program::SourceFile;

    /// The tokens `source` preprocesses to, spelt and joined by spaces.
    fn pp(source: &str) -> String {
        pp_files(&[("t.c", source)]).expect("preprocesses")
    }

    fn fails(source: &str) -> String {
        pp_files(&[("t.c", source)]).unwrap_err().message
    }

    #[test]
    fn object_and_function_like_macros_expand_and_rescan() {
        assert_eq!(pp("#define N 10\nint a[N];"), "int a [ 10 ] ;");
        assert_eq!(
            pp("#define MAX(a, b) ((a) > (b) ? (a) : (b))\nMAX(x, y+1)"),
            "( ( x ) > ( y + 1 ) ? ( x ) : ( y + 1 ) )"
        );
        assert_eq!(pp("#define F(x) G(x)\n#define G(y) y*2\nF(3)"), "3 * 2");
        assert_eq!(
            pp("#define F (x)\nF"),
            "( x )",
            "a space makes it object-like"
        );
        assert_eq!(pp("#define F(x) x\nF + 1"), "F + 1", "no '(' means no call");
    }

    #[test]
    fn a_macro_never_expands_inside_itself() {
        assert_eq!(pp("#define x x + 1\nx"), "x + 1");
        assert_eq!(pp("#define f(a) a + f(a)\nf(2)"), "2 + f ( 2 )");
        assert_eq!(
            pp("#define a b\n#define b a\na b"),
            "a b",
            "mutual recursion stops at the first repeat"
        );
    }

    #[test]
    fn stringising_and_pasting_follow_c99() {
        assert_eq!(
            pp("#define S(x) #x\nS(a  +  \"b\\n\")"),
            r#""a + \"b\\n\"""#
        );
        assert_eq!(
            pp("#define CAT(a, b) a ## b\nCAT(x, 12) CAT(<, <=)"),
            "x12 <<="
        );
        assert_eq!(
            pp("#define STR(x) #x\n#define XSTR(x) STR(x)\n#define V 3\nXSTR(V), STR(V)"),
            "\"3\" , \"V\""
        );
        assert!(fails("#define CAT(a, b) a ## b\nCAT(+, /)").contains("one token"));
    }

    #[test]
    fn variadic_macros_take_the_rest_and_gcc_drops_a_comma_before_none() {
        assert_eq!(
            pp("#define P(fmt, ...) printf(fmt, __VA_ARGS__)\nP(\"%d %d\", 1, 2)"),
            "printf ( \"%d %d\" , 1 , 2 )"
        );
        assert_eq!(
            pp("#define P(fmt, ...) printf(fmt, ##__VA_ARGS__)\nP(\"x\") P(\"%d\", 1)"),
            "printf ( \"x\" ) printf ( \"%d\" , 1 )"
        );
    }

    #[test]
    fn conditional_groups_keep_one_branch() {
        let source = "#define A 2\n#if A > 3\none\n#elif defined(A) && A == 2\ntwo\n#else\nthree\n#endif\n#ifdef B\nb\n#endif\n#ifndef B\nnot_b\n#endif";
        assert_eq!(pp(source), "two not_b");
        assert_eq!(
            pp("#if 0\n#if 1\nx\n#endif\n#bogus\n#else\ny\n#endif"),
            "y",
            "skipped groups nest and skip what they hold"
        );
        assert_eq!(pp("#undef X\n#define X\n#undef X\n#ifdef X\nx\n#endif"), "");
    }

    #[test]
    fn header_constants_and_predefined_macros_are_known() {
        assert_eq!(
            pp("#ifdef ENOENT\ne\n#endif\n#if EXIT_FAILURE == 1\nf\n#endif"),
            "e f"
        );
        assert_eq!(
            pp("#if defined(__linux__) && __STDC_VERSION__ >= 199901L\nlinux_c99\n#endif"),
            "linux_c99"
        );
        assert_eq!(pp("__LINE__ \n __LINE__ __FILE__"), "1 2 \"t.c\"");
    }

    #[test]
    fn assert_comes_with_its_header_and_goes_with_ndebug() {
        assert_eq!(pp("assert(x)"), "assert ( x )");
        assert_eq!(
            pp("#include <assert.h>\nassert(x > 0);"),
            "( ( x > 0 ) ? ( void ) 0 : __assert_fail ( \"x > 0\" , \"t.c\" , 2 , __func__ ) ) ;"
        );
        assert_eq!(
            pp("#define NDEBUG\n#include <assert.h>\nassert(x);"),
            "( ( void ) 0 ) ;"
        );
    }

    #[test]
    fn adjacent_strings_join_after_expansion() {
        assert_eq!(pp("#define W \"world\"\n\"hello \" W"), "\"hello world\"");
    }

    #[test]
    fn mistakes_are_explained() {
        assert!(fails("#if 1\nx").contains("no #endif"));
        assert!(fails("#endif").contains("without #if"));
        assert!(fails("#else\n").contains("without #if"));
        assert!(fails("#error stop: don't\n").contains("#error stop: don't"));
        assert!(fails("#define F(a, a) a").contains("parameters"));
        assert!(fails("#define F(a) #b").contains("'#' is not followed"));
        assert!(fails("#define F(a) a\nF(1, 2)").contains("takes 1 argument"));
        assert!(fails("#define F(a) a\nF(1").contains("never closed"));
        assert!(fails("#include \"mine.h\"").contains("has no file of that name"));
        assert!(fails("#frobnicate").contains("not a preprocessing directive"));
        assert!(fails("#if 1 / 0\n#endif").contains("division by zero"));
    }

    /// The tokens the first of `files` preprocesses to, the others includable by name.
    fn pp_files(files: &[(&str, &str)]) -> Result<String, Diagnostic> {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(name, text)| SourceFile {
                name: (*name).to_owned(),
                text: (*text).to_owned(),
            })
            .collect();
        let mut sources = Sources::default();
        sources.add(&files[0].name, &files[0].text);
        let tokens = preprocess(&mut sources, 0, &files)?;
        Ok(tokens
            .iter()
            .filter(|t| t.tok != Tok::Eof)
            .map(|t| match &t.tok {
                Tok::Str(b) => format!("{:?}", String::from_utf8_lossy(b)),
                _ => t.text.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" "))
    }

    #[test]
    fn an_included_file_is_read_in_place_with_its_macros() {
        let out = pp_files(&[
            ("main.c", "int a;\n#include \"n.h\"\nint b[N];"),
            ("n.h", "#define N 4\nint h;"),
        ]);
        assert_eq!(out.unwrap(), "int a ; int h ; int b [ 4 ] ;");
    }

    #[test]
    fn include_guards_and_pragma_once_read_a_header_once() {
        let guarded = "#ifndef G_H\n#define G_H\nint g;\n#endif\n";
        let out = pp_files(&[
            (
                "m.c",
                "#include \"g.h\"\n#include \"g.h\"\n#include \"o.h\"\n#include \"o.h\"",
            ),
            ("g.h", guarded),
            ("o.h", "#pragma once\nint o;"),
        ]);
        assert_eq!(out.unwrap(), "int g ; int o ;");
    }

    #[test]
    fn file_names_the_file_a_line_is_in() {
        let out = pp_files(&[
            ("m.c", "#include \"sub/h.h\"\n__FILE__"),
            ("h.h", "__FILE__;"),
        ]);
        assert_eq!(out.unwrap(), "\"h.h\" ; \"m.c\"");
    }

    #[test]
    fn an_include_mistake_names_the_file_it_is_in() {
        let open = pp_files(&[
            ("m.c", "#include \"h.h\"\n#endif"),
            ("h.h", "int x;\n#if 1\n"),
        ]);
        let e = open.unwrap_err();
        assert_eq!((e.file.as_str(), e.pos.line), ("h.h", 2));
        assert!(e.message.contains("no #endif in its file"), "{}", e.message);
        let e = pp_files(&[
            ("m.c", "#include \"self.h\""),
            ("self.h", "#include \"self.h\""),
        ])
        .unwrap_err();
        assert!(e.message.contains("include itself"), "{}", e.message);
        let e = pp_files(&[("m.c", "int x;\n#include \"gone.h\"")]).unwrap_err();
        assert_eq!((e.file.as_str(), e.pos.line), ("m.c", 2));
    }

    #[test]
    fn a_skipped_group_may_hold_any_text() {
        assert_eq!(pp("#if 0\nit's not C: @\n#endif\nx"), "x");
        assert!(fails("it's @").contains("character constant"));
    }

    #[test]
    fn an_exploding_definition_stops_with_a_message() {
        let mut source = String::from("#define A0 x x\n");
        for i in 1..40 {
            source.push_str(&format!("#define A{i} A{p} A{p}\n", p = i - 1));
        }
        source.push_str("A39");
        assert!(fails(&source).contains("more than"));
    }
}
