//! What a lookup did not find, typed: a record of a kind by its row id, an assignment or an
//! audit entry by its number, or a name, code or number as someone typed it. Said in words by
//! `strings::not_found`.

use super::audit::Entity;
use super::forms::Kind;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// A record of this kind with this row id.
    Record(Entity, i64),
    /// An inspection assignment (检查任务) by its number.
    Assignment(i64),
    /// An audit entry by its number.
    AuditEntry(i64),
    /// An account name, credit code or certificate number as typed.
    Typed(String),
    /// A report period without a quarter.
    Quarter,
    /// A kind of record that has no export.
    Export(Kind),
}

/// The words of logs and `ServiceError`'s own text (English, for operators).
impl fmt::Display for Missing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Missing::Record(e, id) => write!(f, "{} {id}", e.name()),
            Missing::Assignment(id) => write!(f, "assignment {id}"),
            Missing::AuditEntry(id) => write!(f, "audit entry {id}"),
            Missing::Typed(s) => f.write_str(s),
            Missing::Quarter => f.write_str("quarter"),
            Missing::Export(k) => write!(f, "export of {k:?}"),
        }
    }
}
