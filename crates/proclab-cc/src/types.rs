//! C's types as this subset knows them, with their sizes on x86-64 Linux.

use std::fmt;
use std::rc::Rc;

/// A C type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CType {
    /// `void`.
    Void,
    /// `_Bool` (`bool` with `<stdbool.h>`): one byte, 0 or 1, since a conversion to it
    /// gives 1 for any value that is not zero.
    Bool,
    /// An integer type of `size` bytes (1, 2, 4 or 8).
    Int {
        /// Bytes.
        size: u8,
        /// Signed or unsigned.
        signed: bool,
    },
    /// A floating type: `float` (4 bytes) or `double` (8), IEEE 754 as on x86-64.
    Float {
        /// Bytes.
        size: u8,
    },
    /// A pointer.
    Ptr(Box<CType>),
    /// An array of a fixed length.
    Array(Box<CType>, u64),
    /// A struct.
    Struct(Rc<StructDef>),
    /// A function type: what a function returns and takes; a value of it is a function,
    /// used through its address (a pointer to it).
    Func(Rc<Signature>),
}

/// What a function returns and takes.
#[derive(Debug, PartialEq, Eq)]
pub struct Signature {
    /// The return type.
    pub ret: CType,
    /// The parameters' types.
    pub params: Vec<CType>,
    /// More arguments may follow them (`...`).
    pub variadic: bool,
}

/// A struct (or union) type: its tag and, once its body has been seen, its members'
/// layout. A struct named before its body (a forward reference, or a pointer to itself
/// among its own members) is incomplete here and completed by its tag where it is used.
#[derive(Debug, PartialEq, Eq)]
pub struct StructDef {
    /// The tag (`point` in `struct point`), or `<anonymous #N>` for the Nth without one.
    pub tag: String,
    /// The members, or None while the struct is incomplete.
    pub layout: Option<Layout>,
    /// A union: every member starts at offset 0.
    pub is_union: bool,
}

/// Where a complete struct's members sit, as gcc lays them out on x86-64.
#[derive(Debug, PartialEq, Eq)]
pub struct Layout {
    /// The members in order.
    pub fields: Vec<Field>,
    /// `sizeof` the struct, padded to its alignment.
    pub size: u64,
    /// Its alignment: its most aligned member's.
    pub align: u64,
}

/// One member of a struct.
#[derive(Debug, PartialEq, Eq)]
pub struct Field {
    /// Its name.
    pub name: String,
    /// Its type.
    pub ty: CType,
    /// Its byte offset from the start of the struct.
    pub offset: u64,
}

impl StructDef {
    /// A struct named but not yet defined.
    pub fn incomplete(tag: &str) -> StructDef {
        StructDef::incomplete_of(tag, false)
    }

    /// A struct or union named but not yet defined.
    pub fn incomplete_of(tag: &str, is_union: bool) -> StructDef {
        StructDef {
            tag: tag.to_owned(),
            layout: None,
            is_union,
        }
    }

    /// The name it is known by among a file's tags: `point`, or `union value` for a union
    /// (so a struct and a union of one tag cannot be taken for each other).
    pub fn key(&self) -> String {
        tag_key(&self.tag, self.is_union)
    }

    /// A union's layout: every member at offset 0, the size the largest member's rounded
    /// to the strictest alignment, as gcc lays it out.
    pub fn complete_union(tag: &str, members: Vec<(String, CType)>) -> Result<StructDef, String> {
        let laid = StructDef::complete(tag, members)?;
        let layout = laid.layout.expect("complete has a layout");
        let size = layout.fields.iter().map(|f| f.ty.size()).max().unwrap_or(0);
        let fields = layout
            .fields
            .into_iter()
            .map(|f| Field { offset: 0, ..f })
            .collect();
        Ok(StructDef {
            is_union: true,
            ..StructDef::with_layout(
                tag,
                fields,
                size.div_ceil(layout.align) * layout.align,
                layout.align,
            )
        })
    }

    /// Lays out members in order, each at the next offset its alignment allows; says which
    /// member is wrong if one is repeated or has no size.
    pub fn complete(tag: &str, members: Vec<(String, CType)>) -> Result<StructDef, String> {
        let (mut fields, mut size, mut align) = (Vec::<Field>::new(), 0u64, 1u64);
        for (name, ty) in members {
            if fields.iter().any(|f| f.name == name) {
                return Err(format!("struct {tag} has two members named '{name}'"));
            }
            if !ty.is_complete() || ty == CType::Void {
                return Err(format!(
                    "member '{name}' of struct {tag} has type {ty}, whose size is unknown"
                ));
            }
            let a = ty.align();
            let offset = size.div_ceil(a) * a;
            size = offset + ty.size();
            align = align.max(a);
            fields.push(Field { name, ty, offset });
        }
        if fields.is_empty() {
            return Err(format!("struct {tag} needs at least one member"));
        }
        Ok(StructDef::with_layout(
            tag,
            fields,
            size.div_ceil(align) * align,
            align,
        ))
    }

    /// A struct whose layout is given member by member, as a system header fixes it.
    pub fn with_layout(tag: &str, fields: Vec<Field>, size: u64, align: u64) -> StructDef {
        StructDef {
            tag: tag.to_owned(),
            layout: Some(Layout {
                fields,
                size,
                align,
            }),
            is_union: false,
        }
    }

    /// A member by name.
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.layout.as_ref()?.fields.iter().find(|f| f.name == name)
    }
}

/// The key of a struct's or union's tag (see [`StructDef::key`]).
pub fn tag_key(tag: &str, is_union: bool) -> String {
    if is_union {
        format!("union {tag}")
    } else {
        tag.to_owned()
    }
}

/// `int`.
pub const INT: CType = CType::Int {
    size: 4,
    signed: true,
};
/// `char`.
pub const CHAR: CType = CType::Int {
    size: 1,
    signed: true,
};
/// `long`.
pub const LONG: CType = CType::Int {
    size: 8,
    signed: true,
};
/// `double`.
pub const DOUBLE: CType = CType::Float { size: 8 };
/// `float`.
pub const FLOAT: CType = CType::Float { size: 4 };
/// `unsigned long` (and `size_t`).
pub const ULONG: CType = CType::Int {
    size: 8,
    signed: false,
};

impl CType {
    /// `sizeof` this type.
    pub fn size(&self) -> u64 {
        match self {
            CType::Void | CType::Bool => 1,
            CType::Int { size, .. } | CType::Float { size } => u64::from(*size),
            CType::Ptr(_) => 8,
            CType::Array(elem, n) => elem.size() * n,
            CType::Struct(def) => def.layout.as_ref().map_or(0, |l| l.size),
            // gcc's extension: pointer arithmetic on functions steps by one byte.
            CType::Func(_) => 1,
        }
    }

    /// The alignment gcc gives this type on x86-64.
    pub fn align(&self) -> u64 {
        match self {
            CType::Array(elem, _) => elem.align(),
            CType::Struct(def) => def.layout.as_ref().map_or(1, |l| l.align),
            other => other.size().clamp(1, 8),
        }
    }

    /// False for a struct whose members are not known yet, arrays of one, and functions
    /// (no object has a function type).
    pub fn is_complete(&self) -> bool {
        match self {
            CType::Struct(def) => def.layout.is_some(),
            CType::Array(elem, _) => elem.is_complete(),
            CType::Func(_) => false,
            _ => true,
        }
    }

    /// The signature of a function, or of the function a pointer points to.
    pub fn signature(&self) -> Option<&Rc<Signature>> {
        match self {
            CType::Func(sig) => Some(sig),
            CType::Ptr(t) => match &**t {
                CType::Func(sig) => Some(sig),
                _ => None,
            },
            _ => None,
        }
    }

    /// A pointer to this type.
    pub fn ptr_to(self) -> CType {
        CType::Ptr(Box::new(self))
    }

    /// What a pointer or array points to.
    pub fn pointee(&self) -> Option<&CType> {
        match self {
            CType::Ptr(t) | CType::Array(t, _) => Some(t),
            _ => None,
        }
    }

    /// True for integer types (`_Bool` among them).
    pub fn is_integer(&self) -> bool {
        matches!(self, CType::Int { .. } | CType::Bool)
    }

    /// True for `float` and `double`.
    pub fn is_floating(&self) -> bool {
        matches!(self, CType::Float { .. })
    }

    /// True for C's arithmetic types: integers and floating types.
    pub fn is_arithmetic(&self) -> bool {
        self.is_integer() || self.is_floating()
    }

    /// True for pointers and arrays.
    pub fn is_pointer_like(&self) -> bool {
        matches!(self, CType::Ptr(_) | CType::Array(..))
    }

    /// True for types with a scalar value (numbers and pointers).
    pub fn is_scalar(&self) -> bool {
        matches!(
            self,
            CType::Int { .. } | CType::Bool | CType::Float { .. } | CType::Ptr(_)
        )
    }

    /// The type an array or a function decays to in an expression (a pointer to its first
    /// element, or to the function); other types are unchanged.
    pub fn decay(&self) -> CType {
        match self {
            CType::Array(elem, _) => CType::Ptr(elem.clone()),
            CType::Func(_) => self.clone().ptr_to(),
            other => other.clone(),
        }
    }

    /// The integer promotions: anything narrower than int becomes int.
    pub fn promote(&self) -> CType {
        match self {
            CType::Int { size, .. } if *size < 4 => INT,
            CType::Bool => INT,
            other => other.clone(),
        }
    }

    /// The usual arithmetic conversions of two arithmetic operands: the wider floating
    /// type if either is one, else by the integers' ranks.
    pub fn common(a: &CType, b: &CType) -> CType {
        if a.is_floating() || b.is_floating() {
            let size = |t: &CType| match t {
                CType::Float { size } => *size,
                _ => 0,
            };
            return CType::Float {
                size: size(a).max(size(b)),
            };
        }
        let (a, b) = (a.promote(), b.promote());
        let rank = |t: &CType| match t {
            CType::Int { size, signed } => (*size, !*signed),
            _ => (8, true),
        };
        let (ra, rb) = (rank(&a), rank(&b));
        let (size, unsigned) = if ra.0 != rb.0 {
            if ra.0 > rb.0 { ra } else { rb }
        } else {
            (ra.0, ra.1 || rb.1)
        };
        CType::Int {
            size,
            signed: !unsigned,
        }
    }
}

impl Signature {
    /// The parameter list as C writes it: `int, char *`, `void` for none, `...` at the end.
    fn params_text(&self) -> String {
        let mut words: Vec<String> = self.params.iter().map(ToString::to_string).collect();
        if self.variadic {
            words.push("...".to_owned());
        }
        if words.is_empty() {
            "void".to_owned()
        } else {
            words.join(", ")
        }
    }
}

impl fmt::Display for CType {
    /// The type as C writes it (`unsigned long`, `char *`, `void (*)(int)`); with `{:#}`,
    /// after its article (`an int`, `a char *`, `a union u`), as a message says it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if f.alternate() {
            let text = Plain(self).to_string();
            let vowel = text.starts_with(['i', 'u']) && !text.starts_with("union");
            return write!(f, "{} {text}", if vowel { "an" } else { "a" });
        }
        Plain(self).fmt(f)
    }
}

/// A type as C writes it, without an article.
struct Plain<'a>(&'a CType);

impl fmt::Display for Plain<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            CType::Void => f.write_str("void"),
            CType::Bool => f.write_str("_Bool"),
            CType::Int { size, signed } => {
                let base = match size {
                    1 => "char",
                    2 => "short",
                    4 => "int",
                    _ => "long",
                };
                if *signed {
                    f.write_str(base)
                } else {
                    write!(f, "unsigned {base}")
                }
            }
            CType::Float { size: 4 } => f.write_str("float"),
            CType::Float { .. } => f.write_str("double"),
            CType::Ptr(t) => match &**t {
                CType::Func(sig) => write!(f, "{} (*)({})", sig.ret, sig.params_text()),
                t => write!(f, "{t} *"),
            },
            CType::Array(t, n) => write!(f, "{t} [{n}]"),
            CType::Struct(def) if def.is_union => write!(f, "union {}", def.tag),
            CType::Struct(def) => write!(f, "struct {}", def.tag),
            CType::Func(sig) => write!(f, "{} ({})", sig.ret, sig.params_text()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_types_print_as_c_writes_them() {
        let handler = CType::Func(Rc::new(Signature {
            ret: CType::Void,
            params: vec![INT],
            variadic: false,
        }));
        assert_eq!(handler.to_string(), "void (int)");
        assert_eq!(
            format!("{INT:#} {LONG:#} {:#}", CHAR.ptr_to()),
            "an int a long a char *"
        );
        assert_eq!(handler.clone().ptr_to().to_string(), "void (*)(int)");
        assert_eq!(handler.decay(), handler.clone().ptr_to());
        assert!(!handler.is_complete());
        let printf = Signature {
            ret: INT,
            params: vec![CHAR.ptr_to()],
            variadic: true,
        };
        assert_eq!(
            CType::Func(Rc::new(printf)).to_string(),
            "int (char *, ...)"
        );
    }

    #[test]
    fn sizes_are_x86_64_linuxs() {
        assert_eq!(CHAR.size(), 1);
        assert_eq!(INT.size(), 4);
        assert_eq!(LONG.size(), 8);
        assert_eq!(CHAR.ptr_to().size(), 8);
        assert_eq!(CType::Array(Box::new(INT), 10).size(), 40);
    }

    #[test]
    fn struct_members_are_padded_to_their_alignment_as_gcc_does() {
        let def = StructDef::complete(
            "mixed",
            vec![
                ("c".to_owned(), CHAR),
                ("n".to_owned(), LONG),
                ("s".to_owned(), CType::Array(Box::new(CHAR), 3)),
            ],
        )
        .unwrap();
        let offsets: Vec<u64> = def
            .layout
            .as_ref()
            .unwrap()
            .fields
            .iter()
            .map(|f| f.offset)
            .collect();
        assert_eq!(offsets, [0, 8, 16]);
        let ty = CType::Struct(Rc::new(def));
        assert_eq!((ty.size(), ty.align()), (24, 8));
    }

    #[test]
    fn a_struct_cannot_hold_an_incomplete_member_or_a_repeated_name() {
        let node = CType::Struct(Rc::new(StructDef::incomplete("node")));
        assert!(StructDef::complete("node", vec![("next".to_owned(), node.clone())]).is_err());
        assert!(StructDef::complete("node", vec![("next".to_owned(), node.ptr_to())]).is_ok());
        let twice = vec![("a".to_owned(), INT), ("a".to_owned(), INT)];
        assert!(
            StructDef::complete("t", twice)
                .unwrap_err()
                .contains("two members")
        );
    }

    #[test]
    fn the_usual_arithmetic_conversions() {
        let uint = CType::Int {
            size: 4,
            signed: false,
        };
        assert_eq!(CType::common(&CHAR, &CHAR), INT);
        assert_eq!(CType::common(&INT, &uint), uint);
        assert_eq!(CType::common(&uint, &LONG), LONG);
        assert_eq!(CType::common(&LONG, &ULONG), ULONG);
        assert_eq!(CType::common(&FLOAT, &LONG), FLOAT);
        assert_eq!(CType::common(&FLOAT, &DOUBLE), DOUBLE);
        assert_eq!(CType::common(&CHAR, &DOUBLE), DOUBLE);
    }
}
