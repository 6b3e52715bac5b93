//! A recursive-descent parser for the C subset, with C's precedence and associativity.
//! Nesting depth is bounded, so no input can overflow the real stack.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::ast::*;
use super::diagnostic::{Diagnostic, Pos};
use super::headers;
use super::lexer::{Tok, Token};
use super::sources::Sources;
use super::types::{CHAR, CType, DOUBLE, FLOAT, INT, LONG, Signature, StructDef, ULONG, tag_key};
use proclab_kernel::abi::headers::{self as abi_headers, ConstantType};
use proclab_kernel::float::{self, FloatOp};

/// How deeply expressions and statements may nest.
pub const MAX_DEPTH: usize = 120;

/// Parses a file's tokens into a unit.
pub fn parse(sources: &Sources, tokens: Vec<Token>) -> Result<Unit, Diagnostic> {
    let mut p = Parser {
        sources,
        tokens,
        at: 0,
        depth: 0,
        nested_declarators: 0,
        anonymous_structs: 0,
        structs: headers::structs()
            .into_iter()
            .map(|s| (s.key(), s))
            .collect(),
        typedefs: headers::typedefs()
            .into_iter()
            .map(|(name, ty)| (name.to_owned(), ty))
            .collect(),
        enums: BTreeMap::new(),
    };
    let mut unit = Unit::default();
    while !p.check_tok(&Tok::Eof) {
        p.external(&mut unit)?;
    }
    unit.structs = p
        .structs
        .into_iter()
        .filter(|(_, s)| s.layout.is_some())
        .collect();
    Ok(unit)
}

struct Parser<'a> {
    sources: &'a Sources,
    tokens: Vec<Token>,
    at: usize,
    depth: usize,
    /// How many parenthesised declarators the one being read is inside.
    nested_declarators: usize,
    /// How many structs without a tag have been defined.
    anonymous_structs: usize,
    /// Struct tags seen so far: complete once their body has been read.
    structs: BTreeMap<String, Rc<StructDef>>,
    /// Typedef names: the headers' and the program's.
    typedefs: BTreeMap<String, CType>,
    /// Enumeration constants and their values (file scope: ProcLab does not let a local
    /// name hide one).
    enums: BTreeMap<String, i64>,
}

type Res<T> = Result<T, Diagnostic>;

const TYPE_WORDS: [&str; 17] = [
    "void", "char", "short", "int", "long", "unsigned", "signed", "const", "volatile", "static",
    "extern", "struct", "union", "enum", "double", "float", "_Bool",
];

/// Words a declaration may hold that change nothing ProcLab's machine does: qualifiers
/// (ProcLab does not enforce `const`), hints to the compiler, and `auto`, the default.
const NO_EFFECT_WORDS: [&str; 10] = [
    "const",
    "volatile",
    "inline",
    "__inline",
    "__inline__",
    "register",
    "auto",
    "_Noreturn",
    "__const",
    "__volatile__",
];

/// True for a word that starts or continues a declaration's type.
fn is_type_word(word: &str) -> bool {
    TYPE_WORDS.contains(&word) || NO_EFFECT_WORDS.contains(&word)
}

/// Qualifiers that may follow a declarator's `*`.
const POINTER_QUALIFIERS: [&str; 5] = ["const", "volatile", "restrict", "__restrict", "__const"];

impl<'a> Parser<'a> {
    fn peek(&self) -> &Token {
        &self.tokens[self.at.min(self.tokens.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.tokens[(self.at + n).min(self.tokens.len() - 1)].tok
    }

    fn pos(&self) -> Pos {
        self.peek().pos
    }

    fn next(&mut self) -> Token {
        let t = self.peek().clone();
        if self.at < self.tokens.len() - 1 {
            self.at += 1;
        }
        t
    }

    fn error<T>(&self, pos: Pos, message: impl Into<String>) -> Res<T> {
        Err(self.sources.error(pos, message))
    }

    fn check(&self, punct: &str) -> bool {
        self.peek().tok == Tok::Punct(leak(punct))
    }

    fn check_tok(&self, tok: &Tok) -> bool {
        &self.peek().tok == tok
    }

    fn eat(&mut self, punct: &str) -> bool {
        if self.check(punct) {
            self.next();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, punct: &str, context: &str) -> Res<()> {
        if self.eat(punct) {
            return Ok(());
        }
        let found = describe(&self.peek().tok);
        self.error(
            self.pos(),
            format!("expected '{punct}' {context}, found {found}"),
        )
    }

    fn is_keyword(&self, word: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(w) if w == word)
    }

    fn eat_keyword(&mut self, word: &str) -> bool {
        if self.is_keyword(word) {
            self.next();
            true
        } else {
            false
        }
    }

    /// True if a token starts a type: a type word or a typedef name.
    fn is_type_start(&self, tok: &Tok) -> bool {
        matches!(tok, Tok::Ident(w) if is_type_word(w) || self.typedefs.contains_key(w))
    }

    /// True at a function declared without a return type, as `main(void) { … }` in older
    /// books: C89's implicit `int`, which gcc still accepts (with a warning). Its parameter
    /// list must be empty or start with a type, so a stray call at file scope is still
    /// reported at its name.
    fn implicit_int_function(&self) -> bool {
        !self.starts_type()
            && matches!(self.peek().tok, Tok::Ident(_))
            && *self.peek_at(1) == Tok::Punct("(")
            && (*self.peek_at(2) == Tok::Punct(")")
                || self.is_type_start(self.peek_at(2))
                || self.kr_definition_at(2))
    }

    /// True when the tokens from `n` on are a K&R parameter list (names only, then `)`)
    /// followed by what starts a K&R function's body: a parameter's declaration or `{`.
    fn kr_definition_at(&self, mut n: usize) -> bool {
        loop {
            match self.peek_at(n) {
                Tok::Ident(_) if !self.is_type_start(self.peek_at(n)) => {}
                _ => return false,
            }
            match self.peek_at(n + 1) {
                Tok::Punct(",") => n += 2,
                Tok::Punct(")") => {
                    let after = self.peek_at(n + 2);
                    return *after == Tok::Punct("{") || self.is_type_start(after);
                }
                _ => return false,
            }
        }
    }

    fn starts_type(&self) -> bool {
        self.is_type_start(&self.peek().tok)
    }

    fn enter(&mut self) -> Res<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.error(
                self.pos(),
                format!(
                    "this code nests more than {MAX_DEPTH} levels deep; split it into functions"
                ),
            );
        }
        Ok(())
    }

    /// True when the specifiers just read ended with an enum's `}` (so a `;` next ends a
    /// declaration that only defines its constants).
    fn enum_just_defined(&self) -> bool {
        self.at > 0 && self.tokens[self.at - 1].tok == Tok::Punct("}")
    }

    /// After `enum`: an optional tag and an optional list of enumerators, each a name and
    /// an optional constant value (the previous one's plus one by default). An enum is an
    /// `int`.
    fn enum_type(&mut self) -> Res<CType> {
        if let Tok::Ident(_) = self.peek().tok {
            self.next();
        }
        if !self.eat("{") {
            return Ok(INT);
        }
        let mut value = 0i64;
        while !self.eat("}") {
            let pos = self.pos();
            let Tok::Ident(name) = self.next().tok else {
                return self.error(
                    pos,
                    "an enumerator is a name, as in enum color { RED, GREEN }",
                );
            };
            if self.eat("=") {
                let e = self.conditional()?;
                value = const_eval(&e).ok_or_else(|| {
                    self.sources
                        .error(pos, "an enumerator's value must be a constant")
                })?;
            }
            self.enums.insert(name, value);
            value = value.wrapping_add(1);
            if !self.eat(",") {
                self.expect("}", "to close the enum's list")?;
                break;
            }
        }
        Ok(INT)
    }

    /// Reads declaration specifiers: the base type and the storage class.
    fn specifiers(&mut self) -> Res<(CType, Storage)> {
        let pos = self.pos();
        let (mut signed, mut unsigned, mut base, mut longs, mut storage) =
            (false, false, None::<&str>, 0, Storage::default());
        let mut named = None;
        while let Tok::Ident(word) = &self.peek().tok {
            let plain = base.is_none() && longs == 0 && !signed && !unsigned;
            match word.as_str() {
                w if NO_EFFECT_WORDS.contains(&w) => {}
                "extern" => storage.is_extern = true,
                "static" => storage.is_static = true,
                "signed" => signed = true,
                "unsigned" => unsigned = true,
                "long" => longs += 1,
                "void" | "char" | "short" | "int" | "float" | "double" | "_Bool" => {
                    base = Some(leak(word))
                }
                "struct" if named.is_none() && plain => {
                    self.next();
                    named = Some(self.struct_type(false)?);
                    continue;
                }
                "union" if named.is_none() && plain => {
                    self.next();
                    named = Some(self.struct_type(true)?);
                    continue;
                }
                "enum" if named.is_none() && plain => {
                    self.next();
                    named = Some(self.enum_type()?);
                    continue;
                }
                w if named.is_none() && plain && self.typedefs.contains_key(w) => {
                    named = self.typedefs.get(w).cloned();
                }
                _ => break,
            }
            self.next();
        }
        if signed && unsigned {
            return self.error(pos, "a type cannot be both signed and unsigned");
        }
        if let Some(ty) = named {
            if base.is_some() || longs > 0 || signed || unsigned {
                return self.error(
                    pos,
                    format!("{ty:#} cannot be combined with other type words"),
                );
            }
            return Ok((ty, storage));
        }
        if let Some(word @ ("float" | "double")) = base {
            return self
                .floating_type(word, longs, signed || unsigned, pos)
                .map(|t| (t, storage));
        }
        if base == Some("_Bool") {
            if longs > 0 || signed || unsigned {
                return self.error(pos, "_Bool takes no other type words");
            }
            return Ok((CType::Bool, storage));
        }
        let size = match (base, longs) {
            (Some("void"), 0) => return Ok((CType::Void, storage)),
            (Some("char"), 0) => 1,
            (Some("short"), 0) => 2,
            (Some("int") | None, 0) => 4,
            (Some("int") | Some("long") | None, _) => 8,
            _ => return self.error(pos, "this combination of type words is not a C type"),
        };
        if base.is_none() && longs == 0 && !signed && !unsigned {
            return self.error(
                pos,
                format!("expected a type, found {}", describe(&self.peek().tok)),
            );
        }
        Ok((
            CType::Int {
                size,
                signed: !unsigned,
            },
            storage,
        ))
    }

    /// `float` or `double`, unless other type words make it a type ProcLab lacks or none.
    fn floating_type(&self, word: &str, longs: usize, signedness: bool, pos: Pos) -> Res<CType> {
        match (word, longs, signedness) {
            (_, _, true) => self.error(pos, format!("a {word} is neither signed nor unsigned; drop that word")),
            ("double", 1, _) => self.error(
                pos,
                "long double is not supported: ProcLab's floating types are float and double; use double",
            ),
            (_, 0, _) if word == "float" => Ok(FLOAT),
            ("double", 0, _) => Ok(DOUBLE),
            _ => self.error(pos, "this combination of type words is not a C type"),
        }
    }

    /// Reads what follows `struct`: a tag, a body in braces, or both. A tag without a body
    /// names the struct defined elsewhere (or to be defined later).
    fn struct_type(&mut self, is_union: bool) -> Res<CType> {
        let pos = self.pos();
        let tag = match &self.peek().tok {
            Tok::Ident(t) if !is_type_word(t) => {
                let t = t.clone();
                self.next();
                Some(t)
            }
            _ => None,
        };
        if !self.eat("{") {
            let Some(tag) = tag else {
                return self.error(pos, "expected a struct's name or its members in '{ }'");
            };
            let def = self
                .structs
                .entry(tag_key(&tag, is_union))
                .or_insert_with(|| Rc::new(StructDef::incomplete_of(&tag, is_union)));
            return Ok(CType::Struct(def.clone()));
        }
        let tag = tag.unwrap_or_else(|| {
            // Each struct without a tag is a type of its own.
            self.anonymous_structs += 1;
            format!("<anonymous #{}>", self.anonymous_structs)
        });
        let kind = if is_union { "union" } else { "struct" };
        let key = tag_key(&tag, is_union);
        if self.structs.get(&key).is_some_and(|s| s.layout.is_some()) {
            return self.error(pos, format!("{kind} {tag} is already defined"));
        }
        self.structs.insert(
            key.clone(),
            Rc::new(StructDef::incomplete_of(&tag, is_union)),
        );
        self.enter()?;
        let mut members = Vec::new();
        while !self.eat("}") {
            if self.check_tok(&Tok::Eof) {
                return self.error(
                    pos,
                    format!("{kind} {tag}'s '{{' is never closed: add '}};'"),
                );
            }
            let (base, _) = self.specifiers()?;
            loop {
                let (name, ty, at) = self.declarator(base.clone(), false)?;
                if !ty.is_complete() || ty == CType::Void {
                    return self.error(
                        at,
                        format!("a member cannot have type {ty}, whose size is not known here; use a pointer"),
                    );
                }
                members.push((name.expect("named"), ty));
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(";", "after the struct member")?;
        }
        self.depth -= 1;
        let laid = if is_union {
            StructDef::complete_union(&tag, members)
        } else {
            StructDef::complete(&tag, members)
        };
        let def = Rc::new(laid.or_else(|message| self.error(pos, message))?);
        self.structs.insert(key, def.clone());
        Ok(CType::Struct(def))
    }

    /// Reads a declarator: `*`s (with their qualifiers), a name (optional when
    /// `abstract_ok`) or a declarator in parentheses, then array and function suffixes. C
    /// reads it inside out: in `void (*fp)(int)` the suffix `(int)` applies to `void` first,
    /// making a function type, and the inner `*fp` makes `fp` a pointer to that. The
    /// parameter list right after a function's own name is left to the caller (a definition
    /// needs the parameters' names), except inside parentheses.
    fn declarator(&mut self, base: CType, abstract_ok: bool) -> Res<(Option<String>, CType, Pos)> {
        let mut ty = base;
        while self.eat("*") {
            while POINTER_QUALIFIERS.iter().any(|q| self.eat_keyword(q)) {}
            ty = ty.ptr_to();
        }
        if self.nested_declarator_follows() {
            return self.nested_declarator(ty, abstract_ok);
        }
        let pos = self.pos();
        let name = match &self.peek().tok {
            Tok::Ident(n) if self.enums.contains_key(n) => {
                let message = format!(
                    "{n} is an enum constant; ProcLab does not let a declaration hide one: rename it"
                );
                return self.error(pos, message);
            }
            Tok::Ident(n) if !is_type_word(n) => {
                let n = n.clone();
                self.next();
                Some(n)
            }
            _ if abstract_ok => None,
            other => return self.error(pos, format!("expected a name, found {}", describe(other))),
        };
        let functions = self.nested_declarators > 0 || name.is_none();
        Ok((name, self.suffixes(ty, functions)?, pos))
    }

    /// True at a `(` that opens a declarator rather than a parameter list: one that starts
    /// with `*` or another `(`.
    fn nested_declarator_follows(&self) -> bool {
        self.check("(") && matches!(self.peek_at(1), Tok::Punct("*" | "("))
    }

    /// `( declarator ) suffixes`: the suffixes after the parentheses apply to `ty` first,
    /// then the declarator inside to the result.
    fn nested_declarator(
        &mut self,
        ty: CType,
        abstract_ok: bool,
    ) -> Res<(Option<String>, CType, Pos)> {
        let open = self.at;
        self.skip_parenthesised()?;
        let outer = self.suffixes(ty, true)?;
        let end = self.at;
        self.at = open + 1;
        self.enter()?;
        self.nested_declarators += 1;
        let inner = self.declarator(outer, abstract_ok);
        self.nested_declarators -= 1;
        self.depth -= 1;
        let inner = inner?;
        self.expect(")", "to close the declarator in parentheses")?;
        self.at = end;
        Ok(inner)
    }

    /// Steps past a parenthesised group and everything in it.
    fn skip_parenthesised(&mut self) -> Res<()> {
        let pos = self.pos();
        let mut open = 0usize;
        loop {
            match self.next().tok {
                Tok::Punct("(") => open += 1,
                Tok::Punct(")") => {
                    open -= 1;
                    if open == 0 {
                        return Ok(());
                    }
                }
                Tok::Eof => return self.error(pos, "this '(' is never closed"),
                _ => {}
            }
        }
    }

    /// Array suffixes `[N]` (and `(parameters)` when `functions`), applied to `ty` as C
    /// reads them: `int a[2][3]` is an array of 2 arrays of 3 ints.
    fn suffixes(&mut self, mut ty: CType, functions: bool) -> Res<CType> {
        let mut dims = Vec::new();
        while self.eat("[") {
            if self.eat("]") {
                dims.push(None);
                continue;
            }
            let size_pos = self.pos();
            let e = self.assignment()?;
            let n = const_eval(&e).filter(|&n| n > 0).ok_or_else(|| {
                self.sources
                    .error(size_pos, "an array's size must be a positive constant")
            })?;
            dims.push(Some(n as u64));
            self.expect("]", "to close the array size")?;
        }
        for dim in dims.into_iter().rev() {
            ty = CType::Array(Box::new(ty), dim.unwrap_or(0));
        }
        if functions && self.check("(") {
            ty = self.function_type(ty)?;
        }
        Ok(ty)
    }

    /// A parameter list after its `(`'s position, as a function type returning `ret`; `()`
    /// takes any arguments, as C's unprototyped declarations do.
    fn function_type(&mut self, ret: CType) -> Res<CType> {
        let pos = self.pos();
        self.expect("(", "to start the parameter list")?;
        let (params, variadic) = if self.eat(")") {
            (Vec::new(), true)
        } else {
            self.params()?
        };
        if matches!(ret, CType::Func(_) | CType::Array(..)) {
            return self.error(
                pos,
                format!("a function cannot return {ret:#}; return a pointer"),
            );
        }
        Ok(CType::Func(Rc::new(Signature {
            ret,
            params: params.into_iter().map(|(_, t)| t).collect(),
            variadic,
        })))
    }

    fn external(&mut self, unit: &mut Unit) -> Res<()> {
        if self.eat_keyword("typedef") {
            return self.typedef();
        }
        let (base, storage) = if self.implicit_int_function() {
            (INT, Storage::default())
        } else {
            self.specifiers()?
        };
        if (matches!(base, CType::Struct(_)) || self.enum_just_defined()) && self.eat(";") {
            return Ok(());
        }
        let mut decls = Vec::new();
        let mut first = true;
        loop {
            let (name, ty, pos) = self.declarator(base.clone(), false)?;
            let name = name.expect("named");
            if self.eat("(") {
                let (params, variadic) = if self.kr_definition_at(0) {
                    (self.kr_params()?, false)
                } else {
                    self.params()?
                };
                // A definition is the declaration's only declarator; prototypes may share
                // one, as in `void foo(void), bar(void);`.
                let body = if first && self.check("{") {
                    Some(self.block()?)
                } else if self.check(";") || self.check(",") {
                    None
                } else {
                    return self.error(
                        self.pos(),
                        "expected '{' to start the function's body, or ';'",
                    );
                };
                let defined = body.is_some();
                unit.functions.push(Function {
                    name,
                    ret: ty,
                    params,
                    body,
                    variadic,
                    is_static: storage.is_static,
                    pos,
                });
                if defined {
                    unit.globals.extend(decls);
                    return Ok(());
                }
            } else {
                decls.push(self.finish_var(name, ty, pos, storage)?);
            }
            first = false;
            if !self.eat(",") {
                break;
            }
        }
        self.expect(";", "after the declaration")?;
        unit.globals.extend(decls);
        Ok(())
    }

    /// `typedef TYPE NAME, ...;` at file scope.
    fn typedef(&mut self) -> Res<()> {
        let (base, _) = self.specifiers()?;
        loop {
            let (name, ty, _) = self.declarator(base.clone(), false)?;
            // `typedef void handler_t(int);` names a function type.
            let ty = if self.check("(") {
                self.function_type(ty)?
            } else {
                ty
            };
            self.typedefs.insert(name.expect("named"), ty);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(";", "after the typedef")
    }

    /// K&R C's parameters, as older books define functions: `int add(a, b) int a; int b;
    /// { … }`, the names first, then a declaration for each (an undeclared one is `int`).
    fn kr_params(&mut self) -> Res<Vec<(String, CType)>> {
        let mut names = Vec::new();
        loop {
            let token = self.next();
            match token.tok {
                Tok::Ident(name) => names.push(name),
                other => {
                    return self.error(
                        token.pos,
                        format!("expected a parameter name, found {}", describe(&other)),
                    );
                }
            }
            if self.eat(")") {
                break;
            }
            self.expect(",", "between parameter names")?;
        }
        let mut types: Vec<Option<CType>> = vec![None; names.len()];
        while !self.check("{") {
            let (base, _) = self.specifiers()?;
            loop {
                let (name, ty, pos) = self.declarator(base.clone(), false)?;
                let name = name.expect("named");
                let Some(i) = names.iter().position(|n| *n == name) else {
                    return self.error(
                        pos,
                        format!(
                            "'{name}' is declared before the body but is not one of the \
                             parameters ({})",
                            names.join(", ")
                        ),
                    );
                };
                types[i] = Some(ty.decay());
                if !self.eat(",") {
                    break;
                }
            }
            self.expect(";", "after a parameter's declaration")?;
        }
        Ok(names
            .into_iter()
            .zip(types)
            .map(|(name, ty)| (name, ty.unwrap_or(INT)))
            .collect())
    }

    /// A prototype's parameter list, after its `(`: the parameters, and whether it ends
    /// with `...` (variable arguments follow them).
    fn params(&mut self) -> Res<(Vec<(String, CType)>, bool)> {
        let mut params = Vec::new();
        if self.eat(")") {
            return Ok((params, false));
        }
        if self.is_keyword("void") && self.peek_at(1) == &Tok::Punct(")") {
            self.next();
            self.next();
            return Ok((params, false));
        }
        loop {
            if self.eat("...") {
                if params.is_empty() {
                    return self.error(
                        self.pos(),
                        "'...' comes after at least one named parameter, as in int f(const char *fmt, ...)",
                    );
                }
                self.expect(")", "after '...': it ends the parameter list")?;
                return Ok((params, true));
            }
            let (base, _) = self.specifiers()?;
            let (name, ty, pos) = self.declarator(base, true)?;
            // A parameter declared as a function, `int compar(const void *, const void *)`,
            // is a pointer to one.
            let ty = if self.check("(") {
                self.function_type(ty)?
            } else {
                ty
            };
            let ty = ty.decay();
            if ty == CType::Void {
                return self.error(pos, "a parameter cannot have type void");
            }
            params.push((name.unwrap_or_default(), ty));
            if self.eat(")") {
                return Ok((params, false));
            }
            self.expect(",", "between parameters")?;
        }
    }

    fn finish_var(
        &mut self,
        name: String,
        mut ty: CType,
        pos: Pos,
        storage: Storage,
    ) -> Res<VarDecl> {
        if ty == CType::Void {
            return self.error(pos, format!("variable '{name}' cannot have type void"));
        }
        if !ty.is_complete() {
            return self.error(
                pos,
                format!("variable '{name}' has type {ty}, whose members are not known here; define the struct first, or declare a pointer to it"),
            );
        }
        let init = if self.eat("=") {
            Some(unbrace_string(&ty, self.initializer()?))
        } else {
            None
        };
        if let CType::Array(elem, 0) = &ty {
            let n = match &init {
                Some(Init::List(items, _)) => list_length(items),
                Some(Init::Expr(Expr {
                    kind: ExprKind::Str(s),
                    ..
                })) => s.len() as u64 + 1,
                _ => {
                    return self.error(
                        pos,
                        format!("array '{name}' needs a size or an initializer"),
                    );
                }
            };
            ty = CType::Array(elem.clone(), n);
        }
        Ok(VarDecl {
            name,
            ty,
            is_extern: storage.is_extern && init.is_none(),
            init,
            is_static: storage.is_static,
            pos,
        })
    }

    /// A designator starting a list item, `.member` or `[index]`, if one does; one level
    /// only (`.a.b = 1` is refused with a message).
    /// The designators before an item's `=`: one, or a chain into nested members and
    /// elements (`.a.b`, `[2].x`), outermost first; empty for an item without one.
    fn designators(&mut self) -> Res<Vec<Designator>> {
        let mut chain = Vec::new();
        while let Some(d) = self.designator()? {
            chain.push(d);
        }
        Ok(chain)
    }

    fn designator(&mut self) -> Res<Option<Designator>> {
        let pos = self.pos();
        let designator = if self.eat(".") {
            let Tok::Ident(name) = self.next().tok else {
                return self.error(pos, "a designator names a member after '.', as in .x = 1");
            };
            Designator::Member(name, pos)
        } else if self.eat("[") {
            let e = self.conditional()?;
            let index = const_eval(&e)
                .and_then(|i| u64::try_from(i).ok())
                .ok_or_else(|| {
                    self.sources.error(
                        pos,
                        "an array designator's index must be a constant of 0 or more",
                    )
                })?;
            self.expect("]", "to close the array designator")?;
            Designator::Index(index, pos)
        } else {
            return Ok(None);
        };
        Ok(Some(designator))
    }

    fn initializer(&mut self) -> Res<Init> {
        let pos = self.pos();
        if self.eat("{") {
            self.enter()?;
            let mut items = Vec::new();
            while !self.check("}") {
                let chain = self.designators()?;
                let item = if chain.is_empty() {
                    self.initializer()?
                } else {
                    self.expect("=", "after the designator, as in .x = 1")?;
                    let value = self.initializer()?;
                    chain
                        .into_iter()
                        .rev()
                        .fold(value, |inner, d| Init::Designated(d, Box::new(inner)))
                };
                items.push(item);
                if !self.eat(",") {
                    break;
                }
            }
            self.expect("}", "to close the initializer list")?;
            self.depth -= 1;
            return Ok(Init::List(items, pos));
        }
        Ok(Init::Expr(self.assignment()?))
    }

    fn block(&mut self) -> Res<Stmt> {
        let pos = self.pos();
        self.expect("{", "to open a block")?;
        self.enter()?;
        let mut stmts = Vec::new();
        while !self.check("}") {
            if self.check_tok(&Tok::Eof) {
                return self.error(pos, "this '{' is never closed: add '}'");
            }
            stmts.push(self.statement()?);
        }
        self.next();
        self.depth -= 1;
        Ok(Stmt {
            kind: StmtKind::Block(stmts),
            pos,
        })
    }

    fn statement(&mut self) -> Res<Stmt> {
        let pos = self.pos();
        self.enter()?;
        let kind = self.statement_kind(pos)?;
        self.depth -= 1;
        Ok(Stmt { kind, pos })
    }

    fn statement_kind(&mut self, pos: Pos) -> Res<StmtKind> {
        if self.check("{") {
            return Ok(self.block()?.kind);
        }
        if self.eat(";") {
            return Ok(StmtKind::Empty);
        }
        if self.is_keyword("typedef") {
            return self.error(
                pos,
                "put typedefs outside functions, at the top of the file",
            );
        }
        if self.starts_type() {
            return self.declaration();
        }
        let Tok::Ident(word) = self.peek().tok.clone() else {
            return self.expression_statement();
        };
        let label = word != "default" && self.peek_at(1) == &Tok::Punct(":");
        if label {
            self.next();
            self.next();
            return Ok(StmtKind::Labeled(word, Box::new(self.statement()?)));
        }
        match word.as_str() {
            "if" => self.if_statement(),
            "while" => {
                self.next();
                self.expect("(", "after while")?;
                let cond = self.expression()?;
                self.expect(")", "to close the while condition")?;
                Ok(StmtKind::While(cond, Box::new(self.statement()?)))
            }
            "do" => self.do_while(),
            "for" => self.for_statement(),
            "switch" => {
                self.next();
                self.expect("(", "after switch")?;
                let value = self.expression()?;
                self.expect(")", "to close the switch value")?;
                Ok(StmtKind::Switch(value, Box::new(self.statement()?)))
            }
            "case" => self.case_label(),
            "default" => {
                self.next();
                self.expect(":", "after default")?;
                Ok(StmtKind::Default)
            }
            "break" => {
                self.next();
                self.expect(";", "after break")?;
                Ok(StmtKind::Break)
            }
            "continue" => {
                self.next();
                self.expect(";", "after continue")?;
                Ok(StmtKind::Continue)
            }
            "return" => self.return_statement(),
            "goto" => {
                self.next();
                let Tok::Ident(target) = self.next().tok else {
                    return self.error(pos, "goto names a label, as in goto done;");
                };
                self.expect(";", "after goto's label")?;
                Ok(StmtKind::Goto(target))
            }
            _ => self.expression_statement(),
        }
    }

    /// `if (cond) statement [else statement]`.
    fn if_statement(&mut self) -> Res<StmtKind> {
        self.next();
        self.expect("(", "after if")?;
        let cond = self.expression()?;
        self.expect(")", "to close the if condition")?;
        let then = Box::new(self.statement()?);
        let other = if self.eat_keyword("else") {
            Some(Box::new(self.statement()?))
        } else {
            None
        };
        Ok(StmtKind::If(cond, then, other))
    }

    /// `do statement while (cond);`.
    fn do_while(&mut self) -> Res<StmtKind> {
        self.next();
        let body = Box::new(self.statement()?);
        if !self.eat_keyword("while") {
            return self.error(self.pos(), "expected 'while' after the do loop's body");
        }
        self.expect("(", "after while")?;
        let cond = self.expression()?;
        self.expect(")", "to close the condition")?;
        self.expect(";", "after do ... while (...)")?;
        Ok(StmtKind::DoWhile(body, cond))
    }

    /// `for (init; cond; step) statement`.
    fn for_statement(&mut self) -> Res<StmtKind> {
        self.next();
        self.expect("(", "after for")?;
        let init = if self.eat(";") {
            None
        } else {
            let s = self.statement()?;
            if !matches!(s.kind, StmtKind::Decl(_) | StmtKind::Expr(_)) {
                return self.error(
                    s.pos,
                    "a for loop starts with a declaration or an expression",
                );
            }
            Some(Box::new(s))
        };
        let cond = if self.check(";") {
            None
        } else {
            Some(self.expression()?)
        };
        self.expect(";", "after the for condition")?;
        let step = if self.check(")") {
            None
        } else {
            Some(self.expression()?)
        };
        self.expect(")", "to close the for header")?;
        Ok(StmtKind::For(init, cond, step, Box::new(self.statement()?)))
    }

    /// `case constant:`.
    fn case_label(&mut self) -> Res<StmtKind> {
        self.next();
        let p = self.pos();
        let e = self.conditional()?;
        let v = const_eval(&e)
            .ok_or_else(|| self.sources.error(p, "a case label must be a constant"))?;
        self.expect(":", "after the case label")?;
        Ok(StmtKind::Case(v))
    }

    /// `return [value];`.
    fn return_statement(&mut self) -> Res<StmtKind> {
        self.next();
        let value = if self.check(";") {
            None
        } else {
            Some(self.expression()?)
        };
        self.expect(";", "after the return value")?;
        Ok(StmtKind::Return(value))
    }

    /// A declaration of local variables: `int a = 1, *p;`.
    fn declaration(&mut self) -> Res<StmtKind> {
        let (base, storage) = self.specifiers()?;
        if (matches!(base, CType::Struct(_)) || self.enum_just_defined()) && self.eat(";") {
            return Ok(StmtKind::Decl(Vec::new()));
        }
        let mut decls = Vec::new();
        loop {
            let (name, ty, p) = self.declarator(base.clone(), false)?;
            decls.push(self.finish_var(name.expect("named"), ty, p, storage)?);
            if !self.eat(",") {
                break;
            }
        }
        self.expect(";", "after the declaration")?;
        Ok(StmtKind::Decl(decls))
    }

    fn expression_statement(&mut self) -> Res<StmtKind> {
        let e = self.expression()?;
        self.expect(";", "at the end of the statement")?;
        Ok(StmtKind::Expr(e))
    }

    /// expression: assignment (',' assignment)*
    fn expression(&mut self) -> Res<Expr> {
        let mut e = self.assignment()?;
        while self.check(",") {
            let pos = self.pos();
            self.next();
            let rhs = self.assignment()?;
            e = Expr {
                kind: ExprKind::Comma(Box::new(e), Box::new(rhs)),
                pos,
            };
        }
        Ok(e)
    }

    fn assignment(&mut self) -> Res<Expr> {
        self.enter()?;
        let lhs = self.conditional()?;
        let op = match &self.peek().tok {
            Tok::Punct("=") => Some(None),
            Tok::Punct(p) => compound(p).map(Some),
            _ => None,
        };
        let result = match op {
            Some(op) => {
                let pos = self.pos();
                self.next();
                let rhs = self.assignment()?;
                Expr {
                    kind: ExprKind::Assign(op, Box::new(lhs), Box::new(rhs)),
                    pos,
                }
            }
            None => lhs,
        };
        self.depth -= 1;
        Ok(result)
    }

    fn conditional(&mut self) -> Res<Expr> {
        let cond = self.binary(0)?;
        if !self.check("?") {
            return Ok(cond);
        }
        let pos = self.pos();
        self.next();
        self.enter()?;
        let then = self.expression()?;
        self.expect(":", "in the conditional expression ?:")?;
        let other = self.conditional()?;
        self.depth -= 1;
        Ok(Expr {
            kind: ExprKind::Cond(Box::new(cond), Box::new(then), Box::new(other)),
            pos,
        })
    }

    /// Binary operators by precedence climbing; level 0 is `||`.
    fn binary(&mut self, level: usize) -> Res<Expr> {
        const LEVELS: [&[(&str, BinOp)]; 10] = [
            &[("||", BinOp::LogOr)],
            &[("&&", BinOp::LogAnd)],
            &[("|", BinOp::BitOr)],
            &[("^", BinOp::BitXor)],
            &[("&", BinOp::BitAnd)],
            &[("==", BinOp::Eq), ("!=", BinOp::Ne)],
            &[
                ("<", BinOp::Lt),
                (">", BinOp::Gt),
                ("<=", BinOp::Le),
                (">=", BinOp::Ge),
            ],
            &[("<<", BinOp::Shl), (">>", BinOp::Shr)],
            &[("+", BinOp::Add), ("-", BinOp::Sub)],
            &[("*", BinOp::Mul), ("/", BinOp::Div), ("%", BinOp::Rem)],
        ];
        if level == LEVELS.len() {
            return self.unary();
        }
        let mut lhs = self.binary(level + 1)?;
        while let Tok::Punct(p) = self.peek().tok {
            let Some(&(_, op)) = LEVELS[level].iter().find(|(s, _)| *s == p) else {
                break;
            };
            let pos = self.pos();
            self.next();
            self.enter()?;
            let rhs = self.binary(level + 1)?;
            self.depth -= 1;
            lhs = Expr {
                kind: ExprKind::Binary(op, Box::new(lhs), Box::new(rhs)),
                pos,
            };
        }
        Ok(lhs)
    }

    fn type_name_follows(&self) -> bool {
        self.check("(") && self.is_type_start(self.peek_at(1))
    }

    fn type_name(&mut self) -> Res<CType> {
        self.expect("(", "before the type")?;
        let (base, _) = self.specifiers()?;
        let (_, ty, _) = self.declarator(base, true)?;
        self.expect(")", "after the type")?;
        Ok(ty)
    }

    fn unary(&mut self) -> Res<Expr> {
        let pos = self.pos();
        self.enter()?;
        let boxed = |p: &mut Self| -> Res<Box<Expr>> { Ok(Box::new(p.unary()?)) };
        let kind = match self.peek().tok {
            Tok::Punct("-") => {
                self.next();
                ExprKind::Unary(UnOp::Neg, boxed(self)?)
            }
            Tok::Punct("+") => {
                self.next();
                ExprKind::Unary(UnOp::Plus, boxed(self)?)
            }
            Tok::Punct("!") => {
                self.next();
                ExprKind::Unary(UnOp::Not, boxed(self)?)
            }
            Tok::Punct("~") => {
                self.next();
                ExprKind::Unary(UnOp::BitNot, boxed(self)?)
            }
            Tok::Punct("*") => {
                self.next();
                ExprKind::Deref(boxed(self)?)
            }
            Tok::Punct("&") => {
                self.next();
                ExprKind::AddrOf(boxed(self)?)
            }
            Tok::Punct("++") => {
                self.next();
                ExprKind::IncDec {
                    prefix: true,
                    delta: 1,
                    target: boxed(self)?,
                }
            }
            Tok::Punct("--") => {
                self.next();
                ExprKind::IncDec {
                    prefix: true,
                    delta: -1,
                    target: boxed(self)?,
                }
            }
            Tok::Ident(ref w) if w == "sizeof" => {
                self.next();
                if self.type_name_follows() {
                    let ty = self.type_name()?;
                    if self.check("{") {
                        // sizeof of a compound literal: the literal's type.
                        let literal = self.compound_literal(ty, pos)?;
                        ExprKind::SizeofExpr(Box::new(literal))
                    } else {
                        ExprKind::SizeofType(ty)
                    }
                } else {
                    ExprKind::SizeofExpr(boxed(self)?)
                }
            }
            _ if self.type_name_follows() => {
                let ty = self.type_name()?;
                if self.check("{") {
                    let literal = self.compound_literal(ty, pos)?;
                    let e = self.postfix_of(literal)?;
                    self.depth -= 1;
                    return Ok(e);
                }
                ExprKind::Cast(ty, boxed(self)?)
            }
            _ => {
                let e = self.postfix()?;
                self.depth -= 1;
                return Ok(e);
            }
        };
        self.depth -= 1;
        Ok(Expr { kind, pos })
    }

    /// C99's compound literal after its `(type)`: an unnamed object of the type, as
    /// `(int[]){1, 2}` (an array without a size takes its initializer's).
    fn compound_literal(&mut self, ty: CType, pos: Pos) -> Res<Expr> {
        let init = unbrace_string(&ty, self.initializer()?);
        let ty = match (&ty, &init) {
            (CType::Array(elem, 0), Init::List(items, _)) => {
                CType::Array(elem.clone(), list_length(items))
            }
            (
                CType::Array(elem, 0),
                Init::Expr(Expr {
                    kind: ExprKind::Str(s),
                    ..
                }),
            ) => CType::Array(elem.clone(), s.len() as u64 + 1),
            _ => ty,
        };
        Ok(Expr {
            kind: ExprKind::CompoundLiteral(ty, Box::new(init)),
            pos,
        })
    }

    /// `<stddef.h>`'s `offsetof(type, member)`: the member's byte offset in the struct, a
    /// `size_t` constant; the member may be a path into nested members and elements
    /// (`a.b`, `items[2]`).
    fn offsetof(&mut self, pos: Pos) -> Res<ExprKind> {
        self.expect("(", "after offsetof")?;
        let (base, _) = self.specifiers()?;
        let (_, mut ty, _) = self.declarator(base, true)?;
        self.expect(",", "between offsetof's type and its member")?;
        let mut offset = 0u64;
        loop {
            let Tok::Ident(name) = self.next().tok else {
                return self.error(
                    pos,
                    "offsetof names a member after its type, as in offsetof(struct point, y)",
                );
            };
            let def = match &ty {
                CType::Struct(def) => self
                    .structs
                    .get(&def.key())
                    .cloned()
                    .unwrap_or_else(|| def.clone()),
                other => return self.error(pos, format!("offsetof needs a struct, not {other:#}")),
            };
            let Some(field) = def.field(&name) else {
                return self.error(
                    pos,
                    format!("{} has no member '{name}'", CType::Struct(def.clone())),
                );
            };
            offset += field.offset;
            ty = field.ty.clone();
            while self.eat("[") {
                let e = self.conditional()?;
                let (Some(i), CType::Array(elem, _)) = (const_eval(&e), &ty) else {
                    return self.error(pos, "offsetof's [index] needs an array and a constant");
                };
                offset = offset.wrapping_add((i as u64).wrapping_mul(elem.size()));
                ty = (**elem).clone();
                self.expect("]", "to close the index")?;
            }
            if !self.eat(".") {
                break;
            }
        }
        self.expect(")", "to close offsetof")?;
        Ok(ExprKind::Int(offset, ULONG))
    }

    fn postfix(&mut self) -> Res<Expr> {
        let e = self.primary()?;
        self.postfix_of(e)
    }

    /// The postfix operators (`[i]`, calls, `.`, `->`, `++`, `--`) applied to `e`.
    fn postfix_of(&mut self, mut e: Expr) -> Res<Expr> {
        loop {
            let pos = self.pos();
            if self.eat("[") {
                let index = self.expression()?;
                self.expect("]", "to close the index")?;
                e = Expr {
                    kind: ExprKind::Index(Box::new(e), Box::new(index)),
                    pos,
                };
            } else if self.check("(") {
                self.next();
                let mut args = Vec::new();
                if !self.eat(")") {
                    loop {
                        args.push(self.assignment()?);
                        if self.eat(")") {
                            break;
                        }
                        self.expect(",", "between arguments")?;
                    }
                }
                let pos = e.pos;
                let kind = match e.kind {
                    ExprKind::Name(name) => ExprKind::Call(name, args),
                    callee => ExprKind::CallThrough(Box::new(Expr { kind: callee, pos }), args),
                };
                e = Expr { kind, pos };
            } else if self.eat("++") {
                e = Expr {
                    kind: ExprKind::IncDec {
                        prefix: false,
                        delta: 1,
                        target: Box::new(e),
                    },
                    pos,
                };
            } else if self.eat("--") {
                e = Expr {
                    kind: ExprKind::IncDec {
                        prefix: false,
                        delta: -1,
                        target: Box::new(e),
                    },
                    pos,
                };
            } else if self.check(".") || self.check("->") {
                let arrow = self.check("->");
                self.next();
                let Tok::Ident(field) = self.next().tok else {
                    return self.error(self.pos(), "expected a member's name after '.' or '->'");
                };
                e = Expr {
                    kind: ExprKind::Member {
                        base: Box::new(e),
                        field,
                        arrow,
                    },
                    pos,
                };
            } else {
                return Ok(e);
            }
        }
    }

    fn primary(&mut self) -> Res<Expr> {
        let t = self.next();
        let kind = match t.tok {
            Tok::Int {
                value,
                unsigned,
                long,
            } => {
                let decimal = !(t.text.len() > 1 && t.text.starts_with('0'));
                ExprKind::Int(value, constant_type(value, unsigned, long, decimal))
            }
            Tok::Float { value, single } => {
                ExprKind::Float(value, if single { FLOAT } else { DOUBLE })
            }
            Tok::Char(c) => ExprKind::Int(c as i8 as i64 as u64, INT),
            Tok::Str(s) => ExprKind::Str(s),
            Tok::Ident(name)
                if matches!(name.as_str(), "offsetof" | "__builtin_offsetof")
                    && self.check("(") =>
            {
                self.offsetof(t.pos)?
            }
            Tok::Ident(name) => match self.enums.get(&name) {
                Some(&value) => ExprKind::Int(value as u64, INT),
                None => ExprKind::Name(name),
            },
            Tok::Punct("(") if self.check("{") => {
                // GNU C's statement expression, as in `({ int t = f(); t * 2; })`.
                self.enter()?;
                let block = self.block()?;
                self.expect(")", "to close the statement expression")?;
                self.depth -= 1;
                ExprKind::Statements(Box::new(block))
            }
            Tok::Punct("(") => {
                self.enter()?;
                let e = self.expression()?;
                self.expect(")", "to close the parenthesis")?;
                self.depth -= 1;
                return Ok(e);
            }
            other => {
                return self.error(
                    t.pos,
                    format!("expected an expression, found {}", describe(&other)),
                );
            }
        };
        Ok(Expr { kind, pos: t.pos })
    }
}

/// A compound assignment's operator.
fn compound(p: &str) -> Option<BinOp> {
    Some(match p {
        "+=" => BinOp::Add,
        "-=" => BinOp::Sub,
        "*=" => BinOp::Mul,
        "/=" => BinOp::Div,
        "%=" => BinOp::Rem,
        "<<=" => BinOp::Shl,
        ">>=" => BinOp::Shr,
        "&=" => BinOp::BitAnd,
        "|=" => BinOp::BitOr,
        "^=" => BinOp::BitXor,
        _ => return None,
    })
}

/// A constant's value with its kind of type.
#[derive(Clone, Copy)]
enum Constant {
    Integer(i64),
    /// A floating value, and whether its type is `float` (else `double`).
    Floating(f64, bool),
}

impl Constant {
    fn value(self) -> f64 {
        match self {
            Constant::Integer(v) => v as f64,
            Constant::Floating(v, _) => v,
        }
    }
}

/// The value of a constant arithmetic expression (as a global's initializer allows): a
/// floating one computed as the program would, in double, or in float when every floating
/// operand is a float; an integer one as [`const_eval`] computes it.
pub fn float_eval(e: &Expr) -> Option<f64> {
    arithmetic_constant(e).map(Constant::value)
}

fn arithmetic_constant(e: &Expr) -> Option<Constant> {
    let single = |v: f64, is_float: bool| {
        let bits = v.to_bits();
        let bits = if is_float {
            float::apply(FloatOp::RoundSingle, bits)
        } else {
            bits
        };
        Constant::Floating(f64::from_bits(bits), is_float)
    };
    match &e.kind {
        ExprKind::Float(v, t) => Some(Constant::Floating(*v, *t == FLOAT)),
        ExprKind::Unary(UnOp::Neg, x) => match arithmetic_constant(x)? {
            Constant::Floating(v, f) => Some(Constant::Floating(-v, f)),
            Constant::Integer(_) => const_eval(e).map(Constant::Integer),
        },
        ExprKind::Unary(UnOp::Plus, x) => arithmetic_constant(x),
        ExprKind::Cast(t, x) if t.is_floating() => {
            Some(single(arithmetic_constant(x)?.value(), *t == FLOAT))
        }
        ExprKind::Binary(op @ (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div), a, b) => {
            match (arithmetic_constant(a)?, arithmetic_constant(b)?) {
                (Constant::Integer(_), Constant::Integer(_)) => {
                    const_eval(e).map(Constant::Integer)
                }
                (x, y) => {
                    let is_float = |c: Constant| {
                        matches!(c, Constant::Floating(_, true) | Constant::Integer(_))
                    };
                    let (x, y, f) = (x.value(), y.value(), is_float(x) && is_float(y));
                    let op: fn(f64, f64) -> f64 = match op {
                        BinOp::Add => |a, b| a + b,
                        BinOp::Sub => |a, b| a - b,
                        BinOp::Mul => |a, b| a * b,
                        _ => |a, b| a / b,
                    };
                    let v = float::arithmetic(op, x.to_bits(), y.to_bits());
                    Some(single(f64::from_bits(v), f))
                }
            }
        }
        _ => const_eval(e).map(Constant::Integer),
    }
}

/// The value of a constant integer expression, if it is one.
pub fn const_eval(e: &Expr) -> Option<i64> {
    Some(match &e.kind {
        ExprKind::Int(v, _) => *v as i64,
        ExprKind::Unary(UnOp::Neg, x) => const_eval(x)?.wrapping_neg(),
        ExprKind::Unary(UnOp::Plus, x) => const_eval(x)?,
        ExprKind::Unary(UnOp::Not, x) => i64::from(const_eval(x)? == 0),
        ExprKind::Unary(UnOp::BitNot, x) => !const_eval(x)?,
        ExprKind::SizeofType(t) => t.size() as i64,
        ExprKind::SizeofExpr(x) => match &x.kind {
            ExprKind::Str(s) => s.len() as i64 + 1,
            _ => return None,
        },
        // A constant the system headers define as an int (S_IFREG, NSIG, SIGINT, …).
        ExprKind::Name(n) => match abi_headers::constant(n)? {
            (v, ConstantType::Int) => v as i64,
            _ => return None,
        },
        ExprKind::Cond(c, a, b) => {
            if const_eval(c)? != 0 {
                const_eval(a)?
            } else {
                const_eval(b)?
            }
        }
        ExprKind::Cast(_, x) => const_eval(x)?,
        ExprKind::Binary(op, a, b) => {
            let (a, b) = (const_eval(a)?, const_eval(b)?);
            match op {
                BinOp::Add => a.wrapping_add(b),
                BinOp::Sub => a.wrapping_sub(b),
                BinOp::Mul => a.wrapping_mul(b),
                BinOp::Div => a.checked_div(b)?,
                BinOp::Rem => a.checked_rem(b)?,
                BinOp::Shl => a.checked_shl(b as u32)?,
                BinOp::Shr => a.checked_shr(b as u32)?,
                BinOp::Lt => i64::from(a < b),
                BinOp::Gt => i64::from(a > b),
                BinOp::Le => i64::from(a <= b),
                BinOp::Ge => i64::from(a >= b),
                BinOp::Eq => i64::from(a == b),
                BinOp::Ne => i64::from(a != b),
                BinOp::BitAnd => a & b,
                BinOp::BitOr => a | b,
                BinOp::BitXor => a ^ b,
                BinOp::LogAnd => i64::from(a != 0 && b != 0),
                BinOp::LogOr => i64::from(a != 0 || b != 0),
            }
        }
        _ => return None,
    })
}

/// The static string for a punctuator (tokens only ever hold these).
fn leak(p: &str) -> &'static str {
    const ALL: [&str; 55] = [
        "<<=", ">>=", "...", "->", "++", "--", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||",
        "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "+", "-", "*", "/", "%", "<", ">", "=",
        "!", "~", "&", "|", "^", "?", ":", ";", ",", ".", "(", ")", "[", "]", "{", "}", "#",
        "void", "char", "short", "int", "long", "float", "double", "_Bool",
    ];
    ALL.iter().find(|a| **a == p).copied().unwrap_or("")
}

/// How an error message names a token.
fn describe(t: &Tok) -> String {
    match t {
        Tok::Ident(n) => format!("'{n}'"),
        Tok::Int { value, .. } => format!("the number {value}"),
        Tok::Float { value, .. } => format!("the number {value}"),
        Tok::Char(_) => "a character constant".to_owned(),
        Tok::Str(_) => "a string".to_owned(),
        Tok::Punct(p) => format!("'{p}'"),
        Tok::Invalid(_) => "text that is no token".to_owned(),
        Tok::Eof => "the end of the file".to_owned(),
    }
}

/// A char array's initializer: a string in braces (`{"hi"}`) is the string, as C allows.
fn unbrace_string(ty: &CType, init: Init) -> Init {
    match (ty, init) {
        (CType::Array(elem, _), Init::List(mut items, pos)) if **elem == CHAR => {
            if let [
                Init::Expr(Expr {
                    kind: ExprKind::Str(_),
                    ..
                }),
            ] = items.as_slice()
            {
                items.pop().expect("one item")
            } else {
                Init::List(items, pos)
            }
        }
        (_, init) => init,
    }
}

/// How many elements an array initialised by `items` has: one past the last one set, each
/// item after the one before or at its `[index]`.
fn list_length(items: &[Init]) -> u64 {
    let mut next = 0u64;
    let mut length = 0u64;
    for item in items {
        if let Init::Designated(Designator::Index(i, _), _) = item {
            next = *i;
        }
        next = next.saturating_add(1);
        length = length.max(next);
    }
    length
}

/// An integer constant's type, C's first of the candidates its value fits (C11 6.4.4.1):
/// int, then long, for a decimal without suffix; unsigned ones too for hex and octal; only
/// unsigned ones with `U`; long and wider with `L`.
fn constant_type(value: u64, unsigned: bool, long: bool, decimal: bool) -> CType {
    let uint = CType::Int {
        size: 4,
        signed: false,
    };
    let fits_int = value <= i32::MAX as u64;
    let fits_uint = value <= u64::from(u32::MAX);
    let fits_long = value <= i64::MAX as u64;
    match (unsigned, long) {
        (false, false) if fits_int => INT,
        (false, false) if fits_uint && !decimal => uint,
        (true, false) if fits_uint => uint,
        (false, _) if fits_long => LONG,
        _ => ULONG,
    }
}

#[cfg(test)]
mod tests {
    use super::super::preprocess::preprocess;
    use super::super::sources::NoIncludes;
    use super::super::types::CHAR;
    use super::*;

    #[test]
    fn declarators_read_inside_out_as_c_reads_them() {
        let u = unit(
            "typedef void handler_t(int);\n\
             void (*fp)(int);\n\
             int (*table[3])(int, char *);\n\
             handler_t *h;\n\
             int (*(*getter)(void))(long);\n\
             int (*unspecified)();\n\
             int grid[2][3];\n",
        )
        .unwrap();
        let types: Vec<String> = u.globals.iter().map(|g| g.ty.to_string()).collect();
        assert_eq!(
            types,
            [
                "void (*)(int)",
                "int (*)(int, char *) [3]",
                "void (*)(int)",
                "int (*)(long) (*)(void)",
                "int (*)(...)",
                "int [3] [2]",
            ]
        );
    }

    #[test]
    fn a_parameter_declared_as_a_function_is_a_pointer_to_one() {
        let u = unit("int sort(int compar(const void *, const void *), int (*)(int));").unwrap();
        let params: Vec<String> = u.functions[0]
            .params
            .iter()
            .map(|(_, t)| t.to_string())
            .collect();
        assert_eq!(params, ["int (*)(void *, void *)", "int (*)(int)"]);
    }

    #[test]
    fn an_integer_constant_has_the_first_type_its_value_fits() {
        let uint = CType::Int {
            size: 4,
            signed: false,
        };
        assert_eq!(constant_type(7, false, false, true), INT);
        assert_eq!(constant_type(4294967295, false, false, true), LONG);
        assert_eq!(constant_type(4294967295, false, false, false), uint);
        assert_eq!(constant_type(4294967295, true, false, true), uint);
        assert_eq!(constant_type(4294967296, true, false, true), ULONG);
        assert_eq!(constant_type(1, false, true, true), LONG);
        assert_eq!(constant_type(u64::MAX, false, true, false), ULONG);
    }

    fn unit(src: &str) -> Res<Unit> {
        let mut sources = Sources::default();
        sources.add("t.c", src);
        let tokens = preprocess(&mut sources, 0, &NoIncludes)?;
        parse(&sources, tokens)
    }

    fn expr(src: &str) -> Expr {
        let u = unit(&format!("int f() {{ return {src}; }}")).unwrap();
        let Some(Stmt {
            kind: StmtKind::Block(stmts),
            ..
        }) = &u.functions[0].body
        else {
            panic!()
        };
        let StmtKind::Return(Some(e)) = &stmts[0].kind else {
            panic!()
        };
        e.clone()
    }

    #[test]
    fn precedence_and_associativity_follow_c() {
        assert_eq!(const_eval(&expr("1 + 2 * 3")), Some(7));
        assert_eq!(const_eval(&expr("10 - 4 - 3")), Some(3));
        assert_eq!(const_eval(&expr("1 << 2 + 1")), Some(8));
        assert_eq!(const_eval(&expr("1 | 2 & 3 ^ 1")), Some(3));
        assert_eq!(const_eval(&expr("!0 + ~0")), Some(0));
        assert!(
            matches!(expr("a = b = c").kind, ExprKind::Assign(None, _, ref r) if matches!(r.kind, ExprKind::Assign(..)))
        );
        assert!(
            matches!(expr("a ? b : c ? d : e").kind, ExprKind::Cond(_, _, ref r) if matches!(r.kind, ExprKind::Cond(..)))
        );
    }

    #[test]
    fn the_subject_texts_declarations_parse() {
        let u = unit("int main() { char *args[] = {\"ls\", \"-la\", NULL}; pid_t pid = fork(); int status; return 0; }").unwrap();
        let Some(Stmt {
            kind: StmtKind::Block(stmts),
            ..
        }) = &u.functions[0].body
        else {
            panic!()
        };
        let StmtKind::Decl(d) = &stmts[0].kind else {
            panic!()
        };
        assert_eq!(d[0].ty, CType::Array(Box::new(CHAR.ptr_to()), 3));
    }

    #[test]
    fn casts_and_sizeof_types_are_told_from_parenthesised_expressions() {
        assert!(matches!(expr("(long) x").kind, ExprKind::Cast(ref t, _) if *t == LONG));
        assert_eq!(const_eval(&expr("sizeof(int *)")), Some(8));
        assert!(matches!(
            expr("(x) + 1").kind,
            ExprKind::Binary(BinOp::Add, ..)
        ));
    }

    #[test]
    fn a_union_lays_every_member_at_offset_zero_and_keeps_its_own_tag() {
        let u = unit("struct u { int a; };\nunion u { char c; long l; int i; } x;\nstruct u y;")
            .unwrap();
        let (x, y) = (&u.globals[0].ty, &u.globals[1].ty);
        assert_eq!(
            (x.to_string(), x.size(), x.align()),
            ("union u".to_owned(), 8, 8)
        );
        assert_eq!((y.to_string(), y.size()), ("struct u".to_owned(), 4));
        let CType::Struct(def) = x else {
            panic!("a union is laid out as a struct is")
        };
        assert!(
            def.layout
                .as_ref()
                .unwrap()
                .fields
                .iter()
                .all(|f| f.offset == 0)
        );
    }

    #[test]
    fn a_function_without_a_return_type_returns_int() {
        let u = unit("main(int argc, char **argv) { return argc; }").unwrap();
        assert_eq!(u.functions[0].ret, INT);
        assert_eq!(unit("main() { return 0; }").unwrap().functions[0].ret, INT);
        let e = unit("printf(\"hi\");").unwrap_err();
        assert!(e.message.contains("found 'printf'"), "{}", e.message);
    }

    #[test]
    fn enum_constants_count_on_from_the_last_value_given() {
        let u = unit("enum e { A, B = 5, C, D = B * 2 }; int x = C + D;").unwrap();
        let Some(Init::Expr(init)) = &u.globals[0].init else {
            panic!("x has no initializer")
        };
        assert_eq!(const_eval(init), Some(6 + 10));
    }

    #[test]
    fn a_declaration_that_would_hide_an_enum_constant_is_refused_by_name() {
        let e = unit("enum e { RED }; int main() { int RED = 1; return RED; }").unwrap_err();
        assert!(
            e.message.contains("RED is an enum constant"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_struct_may_point_to_itself_and_be_named_through_a_typedef() {
        let u = unit(
            "struct node { int value; struct node *next; };\n\
             typedef struct node Node;\n\
             Node head;",
        )
        .unwrap();
        assert_eq!(u.globals[0].ty.size(), 16);
        assert_eq!(u.structs["node"].field("next").map(|f| f.offset), Some(8));
    }

    #[test]
    fn a_variable_of_a_struct_whose_members_are_unknown_is_an_error() {
        let e = unit("struct later; struct later x;").unwrap_err();
        assert!(e.message.contains("members are not known"), "{}", e.message);
        assert!(unit("struct later; struct later *p;").is_ok());
        let e = unit("DIR d;").unwrap_err();
        assert!(e.message.contains("declare a pointer"), "{}", e.message);
    }

    #[test]
    fn a_missing_semicolon_is_reported_where_it_should_be() {
        let e = unit("int main() {\n  int x = 1\n  return x;\n}").unwrap_err();
        assert_eq!(e.pos, Pos::at(3, 3));
        assert_eq!(
            e.message,
            "expected ';' after the declaration, found 'return'"
        );
    }

    #[test]
    fn nesting_just_inside_the_limit_still_parses() {
        let src = format!(
            "int f() {{ return {}1{}; }}",
            "(".repeat(35),
            ")".repeat(35)
        );
        assert!(unit(&src).is_ok());
        let blocks = format!(
            "int f() {{ {} return 1; {} }}",
            "{".repeat(50),
            "}".repeat(50)
        );
        assert!(unit(&blocks).is_ok());
    }

    #[test]
    fn absurdly_deep_nesting_is_an_error_not_a_crash() {
        let src = format!(
            "int f() {{ return {}1{}; }}",
            "(".repeat(5000),
            ")".repeat(5000)
        );
        let e = unit(&src).unwrap_err();
        assert!(e.message.contains("nests more than"));
    }
}
