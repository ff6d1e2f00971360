//! The audit trail: append and read. The table's triggers refuse UPDATE and DELETE, so the
//! trail can only grow; entries are written in the same transaction as the change they record.

use super::{Db, Result};
use serde::Serialize;

/// An entry to append.
#[derive(Debug, Clone)]
pub struct AuditEntry<'a> {
    pub at: &'a str,
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub summary: &'a str,
    pub before: Option<&'a str>,
    pub after: Option<&'a str>,
}

/// A stored entry.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AuditRow {
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

const COLS: &str = "id, at, actor, action, entity, entity_id, summary, before, after";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<AuditRow> {
    Ok(AuditRow {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        summary: r.get(6)?,
        before: r.get(7)?,
        after: r.get(8)?,
    })
}

impl Db<'_> {
    pub fn append_audit(&self, e: &AuditEntry<'_>) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO audit (at, actor, action, entity, entity_id, summary, before, after)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(rusqlite::params![
                e.at,
                e.actor,
                e.action,
                e.entity,
                e.entity_id,
                e.summary,
                e.before,
                e.after
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    /// The history of one record, oldest first.
    pub fn audit_of(&self, entity: &str, id: i64) -> Result<Vec<AuditRow>> {
        let sql =
            format!("SELECT {COLS} FROM audit WHERE entity = ?1 AND entity_id = ?2 ORDER BY id");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows = st
            .query_map(rusqlite::params![entity, id], row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The newest `limit` entries, newest first.
    pub fn audit_recent(&self, limit: u32) -> Result<Vec<AuditRow>> {
        let sql = format!("SELECT {COLS} FROM audit ORDER BY id DESC LIMIT ?1");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows = st
            .query_map([limit], row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Tries to rewrite an entry; used by tests to prove the trail is append-only.
    #[cfg(test)]
    pub fn tamper_audit(&self, id: i64) -> Result<usize> {
        Ok(self
            .0
            .execute("UPDATE audit SET actor = 'x' WHERE id = ?1", [id])?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Store, StoreError};

    #[test]
    fn append_only() {
        let mut s = Store::open_in_memory().unwrap();
        let id = s
            .write(|db| {
                db.append_audit(&AuditEntry {
                    at: "2024-04-01T09:00:00+08:00",
                    actor: "admin",
                    action: "create",
                    entity: "enterprise",
                    entity_id: Some(1),
                    summary: "",
                    before: None,
                    after: Some("{}"),
                })
            })
            .unwrap();
        let err = s.write(|db| db.tamper_audit(id)).unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        let err = s
            .write(|db| -> Result<usize, StoreError> { Ok(db.0.execute("DELETE FROM audit", [])?) })
            .unwrap_err();
        assert!(err.to_string().contains("append-only"), "{err}");
        assert_eq!(s.read(|db| db.audit_of("enterprise", 1)).unwrap().len(), 1);
    }
}
