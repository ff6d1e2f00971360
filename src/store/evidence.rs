//! Evidence rows (`evidence`): which kept file proves which result, who added it, and its
//! withdrawal. The bytes live in `stored_files` (see `files.rs`); rows are never deleted.

use super::{Db, Result};
use rusqlite::{OptionalExtension, Row, params};

pub use crate::domain::evidence::EvidenceRow;

const COLS: &str = "id, result_id, sha256, name, size, kind, added_by, added_at, withdrawn_at,
    withdrawn_by, withdraw_reason";

fn row(r: &Row<'_>) -> rusqlite::Result<EvidenceRow> {
    let at: Option<String> = r.get(8)?;
    Ok(EvidenceRow {
        id: r.get(0)?,
        result_id: r.get(1)?,
        sha256: r.get(2)?,
        name: r.get(3)?,
        size: r.get(4)?,
        kind: r.get(5)?,
        added_by: r.get(6)?,
        added_at: r.get(7)?,
        withdrawn: match at {
            Some(at) => Some((
                at,
                r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                r.get::<_, Option<String>>(10)?.unwrap_or_default(),
            )),
            None => None,
        },
    })
}

/// A new evidence row (its file already kept).
pub struct NewEvidence<'a> {
    pub result_id: i64,
    pub sha256: &'a str,
    pub name: &'a str,
    pub size: i64,
    pub kind: &'a str,
    pub by: &'a str,
    pub at: &'a str,
}

impl Db<'_> {
    /// Adds an evidence row; its id.
    pub fn insert_evidence(&self, e: &NewEvidence<'_>) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO evidence (result_id, sha256, name, size, kind, added_by, added_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                e.result_id,
                e.sha256,
                e.name,
                e.size,
                e.kind,
                e.by,
                e.at
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    /// The evidence of a result, oldest first (withdrawn ones too).
    pub fn evidence_of(&self, result_id: i64) -> Result<Vec<EvidenceRow>> {
        let sql = format!("SELECT {COLS} FROM evidence WHERE result_id = ?1 ORDER BY id");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows = st
            .query_map([result_id], row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn evidence(&self, id: i64) -> Result<Option<EvidenceRow>> {
        let sql = format!("SELECT {COLS} FROM evidence WHERE id = ?1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([id], row)
            .optional()?)
    }

    /// Withdraws an evidence row not yet withdrawn; false when there is none such.
    pub fn withdraw_evidence(&self, id: i64, by: &str, at: &str, reason: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE evidence SET withdrawn_at = ?2, withdrawn_by = ?3, withdraw_reason = ?4
                 WHERE id = ?1 AND withdrawn_at IS NULL",
            )?
            .execute(params![id, at, by, reason])?;
        Ok(n == 1)
    }

    /// The assignment a result belongs to.
    pub fn result_assignment(&self, result_id: i64) -> Result<Option<i64>> {
        Ok(self
            .0
            .prepare_cached("SELECT assignment_id FROM results WHERE id = ?1")?
            .query_row([result_id], |r| r.get(0))
            .optional()?)
    }
}
