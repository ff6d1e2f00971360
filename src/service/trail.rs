//! The audit trail as the interface reads it: [`AuditLine`], one stored entry, so that callers
//! of the service never need the store's row type.

use crate::store::AuditRow;
use serde::Serialize;

/// One entry of the audit trail, as stored (action and entity are the stored names, see
/// `domain::audit::{Action, Entity}`; older or hand-written rows may hold other names).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AuditLine {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub summary: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

impl From<AuditRow> for AuditLine {
    fn from(r: AuditRow) -> AuditLine {
        AuditLine {
            id: r.id,
            at: r.at,
            actor: r.actor,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            summary: r.summary,
            before: r.before,
            after: r.after,
        }
    }
}

/// Every row as a line, in the same order.
pub(super) fn lines(rows: Vec<AuditRow>) -> Vec<AuditLine> {
    rows.into_iter().map(AuditLine::from).collect()
}
