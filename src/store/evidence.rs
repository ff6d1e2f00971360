//! Evidence rows (`evidence`): which kept file proves which result, who added it, and its
//! withdrawal. The bytes live in `stored_files` (see `files.rs`); rows are never deleted.

use super::columns::{Table, c, col, param, sql};
use super::{Db, Result};
use rusqlite::{OptionalExtension, Row, params};

pub use crate::domain::evidence::EvidenceRow;

/// The evidence record's columns (the withdrawal is written by its own statement).
const EVIDENCE: Table = Table {
    name: "evidence",
    alias: "",
    read: &[
        c("id"),
        c("result_id"),
        c("sha256"),
        c("name"),
        c("size"),
        c("kind"),
        c("added_by"),
        c("added_at"),
        c("withdrawn_at"),
        c("withdrawn_by"),
        c("withdraw_reason"),
    ],
    write: &[
        "result_id",
        "sha256",
        "name",
        "size",
        "kind",
        "added_by",
        "added_at",
    ],
};

fn row(r: &Row<'_>) -> rusqlite::Result<EvidenceRow> {
    const T: Table = EVIDENCE;
    let at: Option<String> = r.get(col!(T, withdrawn_at))?;
    Ok(EvidenceRow {
        id: r.get(col!(T, id))?,
        result_id: r.get(col!(T, result_id))?,
        sha256: r.get(col!(T, sha256))?,
        name: r.get(col!(T, name))?,
        size: r.get(col!(T, size))?,
        kind: r.get(col!(T, kind))?,
        added_by: r.get(col!(T, added_by))?,
        added_at: r.get(col!(T, added_at))?,
        withdrawn: match at {
            Some(at) => Some((
                at,
                r.get::<_, Option<String>>(col!(T, withdrawn_by))?
                    .unwrap_or_default(),
                r.get::<_, Option<String>>(col!(T, withdraw_reason))?
                    .unwrap_or_default(),
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
        const T: Table = EVIDENCE;
        let mut v = EVIDENCE.values();
        v.set(param!(T, result_id), e.result_id)
            .set(param!(T, sha256), e.sha256.to_string())
            .set(param!(T, name), e.name.to_string())
            .set(param!(T, size), e.size)
            .set(param!(T, kind), e.kind.to_string())
            .set(param!(T, added_by), e.by.to_string())
            .set(param!(T, added_at), e.at.to_string());
        v.execute(&mut self.0.prepare_cached(sql!(EVIDENCE.insert(&[])))?, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    /// The evidence of a result, oldest first (withdrawn ones too).
    pub fn evidence_of(&self, result_id: i64) -> Result<Vec<EvidenceRow>> {
        let sql = sql!(format!(
            "SELECT {} FROM evidence WHERE result_id = ?1 ORDER BY id",
            EVIDENCE.select()
        ));
        self.all(sql, [result_id], row)
    }

    pub fn evidence(&self, id: i64) -> Result<Option<EvidenceRow>> {
        let sql = sql!(format!(
            "SELECT {} FROM evidence WHERE id = ?1",
            EVIDENCE.select()
        ));
        self.one(sql, [id], row)
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
