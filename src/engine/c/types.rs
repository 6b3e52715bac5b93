//! C's types as this subset knows them, with their sizes on x86-64 Linux.

use std::fmt;

/// A C type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CType {
    /// `void`.
    Void,
    /// An integer type of `size` bytes (1, 2, 4 or 8).
    Int {
        /// Bytes.
        size: u8,
        /// Signed or unsigned.
        signed: bool,
    },
    /// A pointer.
    Ptr(Box<CType>),
    /// An array of a fixed length.
    Array(Box<CType>, u64),
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
/// `unsigned long` (and `size_t`).
pub const ULONG: CType = CType::Int {
    size: 8,
    signed: false,
};

impl CType {
    /// `sizeof` this type.
    pub fn size(&self) -> u64 {
        match self {
            CType::Void => 1,
            CType::Int { size, .. } => u64::from(*size),
            CType::Ptr(_) => 8,
            CType::Array(elem, n) => elem.size() * n,
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

    /// True for integer types.
    pub fn is_integer(&self) -> bool {
        matches!(self, CType::Int { .. })
    }

    /// True for pointers and arrays.
    pub fn is_pointer_like(&self) -> bool {
        matches!(self, CType::Ptr(_) | CType::Array(..))
    }

    /// True for types with a scalar value (integers and pointers).
    pub fn is_scalar(&self) -> bool {
        matches!(self, CType::Int { .. } | CType::Ptr(_))
    }

    /// The type an array decays to in an expression; other types are unchanged.
    pub fn decay(&self) -> CType {
        match self {
            CType::Array(elem, _) => CType::Ptr(elem.clone()),
            other => other.clone(),
        }
    }

    /// The integer promotions: anything narrower than int becomes int.
    pub fn promote(&self) -> CType {
        match self {
            CType::Int { size, .. } if *size < 4 => INT,
            other => other.clone(),
        }
    }

    /// The usual arithmetic conversions of two integer operands.
    pub fn common(a: &CType, b: &CType) -> CType {
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

impl fmt::Display for CType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CType::Void => f.write_str("void"),
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
            CType::Ptr(t) => write!(f, "{t} *"),
            CType::Array(t, n) => write!(f, "{t} [{n}]"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_x86_64_linuxs() {
        assert_eq!(CHAR.size(), 1);
        assert_eq!(INT.size(), 4);
        assert_eq!(LONG.size(), 8);
        assert_eq!(CHAR.ptr_to().size(), 8);
        assert_eq!(CType::Array(Box::new(INT), 10).size(), 40);
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
    }
}
