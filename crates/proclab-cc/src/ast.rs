//! The parsed program: declarations, statements and expressions, each with its position.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::diagnostic::Pos;
use super::types::{CType, StructDef};

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Shl,
    Shr,
    Lt,
    Gt,
    Le,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitOr,
    BitXor,
    LogAnd,
    LogOr,
}

/// A unary operator (other than `&`, `*`, `++`, `--`, `sizeof`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnOp {
    Neg,
    Not,
    BitNot,
    Plus,
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it starts.
    pub pos: Pos,
}

/// The kinds of expression.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// An integer or character constant, with its type.
    Int(u64, CType),
    /// A floating constant's value, with its type (`float` for an `f` suffix, else
    /// `double`).
    Float(f64, CType),
    /// A string literal's bytes (without the NUL).
    Str(Vec<u8>),
    /// A variable, function or enumerator name.
    Name(String),
    /// `-x`, `!x`, `~x`, `+x`.
    Unary(UnOp, Box<Expr>),
    /// `a op b`.
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `a = b`, or `a op= b`.
    Assign(Option<BinOp>, Box<Expr>, Box<Expr>),
    /// `++x`, `--x` (prefix) or `x++`, `x--`.
    IncDec {
        /// Prefix form.
        prefix: bool,
        /// +1 or -1.
        delta: i64,
        /// The operand.
        target: Box<Expr>,
    },
    /// `c ? a : b`.
    Cond(Box<Expr>, Box<Expr>, Box<Expr>),
    /// `f(args)`.
    Call(String, Vec<Expr>),
    /// A call through a function pointer (or any expression naming a function):
    /// `(*fp)(x)`, `table[i](x)`, `s->handler(x)`.
    CallThrough(Box<Expr>, Vec<Expr>),
    /// `a[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `*p`.
    Deref(Box<Expr>),
    /// `&x`.
    AddrOf(Box<Expr>),
    /// `(type) x`.
    Cast(CType, Box<Expr>),
    /// `sizeof(type)`.
    SizeofType(CType),
    /// `sizeof x`.
    SizeofExpr(Box<Expr>),
    /// `a, b`.
    Comma(Box<Expr>, Box<Expr>),
    /// C99's compound literal `(type){ items }`: an unnamed object of the type, living
    /// until the end of its block.
    CompoundLiteral(CType, Box<Init>),
    /// GNU C's statement expression `({ ...; value; })`: a block whose last statement, if
    /// an expression, gives the value.
    Statements(Box<Stmt>),
    /// `s.field`, or `p->field` when `arrow`.
    Member {
        /// The struct, or the pointer to it.
        base: Box<Expr>,
        /// The member's name.
        field: String,
        /// Written `->`.
        arrow: bool,
    },
}

/// An initializer.
#[derive(Debug, Clone, PartialEq)]
pub enum Init {
    /// `= expr`.
    Expr(Expr),
    /// `= { a, b, c }`.
    List(Vec<Init>, Pos),
    /// An item of a list that says what it initialises: `.member = x` or `[index] = x`;
    /// the items after it go on from there.
    Designated(Designator, Box<Init>),
}

/// What a designated initializer names.
#[derive(Debug, Clone, PartialEq)]
pub enum Designator {
    /// `.name`: a struct's member.
    Member(String, Pos),
    /// `[index]`: an array's element (the constant already evaluated).
    Index(u64, Pos),
}

impl Designator {
    /// Where it is written.
    pub fn pos(&self) -> Pos {
        match self {
            Designator::Member(_, p) | Designator::Index(_, p) => *p,
        }
    }
}

/// A declared variable.
#[derive(Debug, Clone, PartialEq)]
pub struct VarDecl {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: CType,
    /// Its initializer.
    pub init: Option<Init>,
    /// Declared `static` (for locals: lives in data/bss).
    pub is_static: bool,
    /// Declared `extern` without an initializer: defined in another file (or later).
    pub is_extern: bool,
    /// Where.
    pub pos: Pos,
}

/// The storage-class words of a declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Storage {
    /// `static`: at file scope, private to its file; in a function, lives in data/bss.
    pub is_static: bool,
    /// `extern`: declared here, defined elsewhere.
    pub is_extern: bool,
}

/// A statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    /// What it is.
    pub kind: StmtKind,
    /// Where it starts.
    pub pos: Pos,
}

/// The kinds of statement.
#[derive(Debug, Clone, PartialEq)]
pub enum StmtKind {
    /// `{ ... }`.
    Block(Vec<Stmt>),
    /// Local declarations.
    Decl(Vec<VarDecl>),
    /// `expr;`.
    Expr(Expr),
    /// `if (c) a else b`.
    If(Expr, Box<Stmt>, Option<Box<Stmt>>),
    /// `while (c) body`.
    While(Expr, Box<Stmt>),
    /// `do body while (c);`.
    DoWhile(Box<Stmt>, Expr),
    /// `for (init; cond; step) body`.
    For(Option<Box<Stmt>>, Option<Expr>, Option<Expr>, Box<Stmt>),
    /// `switch (x) body`.
    Switch(Expr, Box<Stmt>),
    /// `case value:` (the constant already evaluated).
    Case(i64),
    /// `default:`.
    Default,
    /// `break;`.
    Break,
    /// `continue;`.
    Continue,
    /// `return x;`.
    Return(Option<Expr>),
    /// `name: statement`: a label `goto` jumps to.
    Labeled(String, Box<Stmt>),
    /// `goto name;`.
    Goto(String),
    /// `;`.
    Empty,
}

/// A function definition or prototype.
#[derive(Debug, Clone, PartialEq)]
pub struct Function {
    /// Its name.
    pub name: String,
    /// Return type.
    pub ret: CType,
    /// Parameters.
    pub params: Vec<(String, CType)>,
    /// The body; None for a prototype.
    pub body: Option<Stmt>,
    /// Its parameters end with `...`: callers may pass more arguments.
    pub variadic: bool,
    /// Declared `static`: private to its file.
    pub is_static: bool,
    /// Where.
    pub pos: Pos,
}

/// A whole file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Unit {
    /// Global variables, in order.
    pub globals: Vec<VarDecl>,
    /// Functions, in order.
    pub functions: Vec<Function>,
    /// Every complete struct, by tag: completes the incomplete ones members point to.
    pub structs: BTreeMap<String, Rc<StructDef>>,
}
