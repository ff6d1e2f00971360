//! Draws (issue 4): the frozen snapshot and parameters, the server secret, witness entropy,
//! the public value and, once revealed, the certificate. Stored as JSON text.

use super::{Db, Result};
use rusqlite::{OptionalExtension, Row, params};

/// One stored draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRow {
    pub id: i64,
    pub quarter: String,
    /// The draw's identifier written into its parameters (`2024Q2-1`).
    pub label: String,
    /// `prepared` or `revealed`.
    pub status: String,
    pub snapshot: String,
    pub params: String,
    pub secret: Vec<u8>,
    pub commitment: String,
    pub public_source: Option<String>,
    pub public_value: Option<String>,
    pub min_witnesses: i64,
    pub prepared_by: String,
    pub prepared_at: String,
    pub revealed_at: Option<String>,
    pub certificate: Option<String>,
}

/// One witness's entropy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntropyRow {
    pub witness: String,
    pub text: String,
    pub at: String,
}

const COLS: &str =
    "id, quarter, label, status, snapshot, params, secret, commitment, public_source,
    public_value, min_witnesses, prepared_by, prepared_at, revealed_at, certificate";

fn row(r: &Row<'_>) -> rusqlite::Result<DrawRow> {
    Ok(DrawRow {
        id: r.get(0)?,
        quarter: r.get(1)?,
        label: r.get(2)?,
        status: r.get(3)?,
        snapshot: r.get(4)?,
        params: r.get(5)?,
        secret: r.get(6)?,
        commitment: r.get(7)?,
        public_source: r.get(8)?,
        public_value: r.get(9)?,
        min_witnesses: r.get(10)?,
        prepared_by: r.get(11)?,
        prepared_at: r.get(12)?,
        revealed_at: r.get(13)?,
        certificate: r.get(14)?,
    })
}

impl Db<'_> {
    pub fn draw(&self, id: i64) -> Result<Option<DrawRow>> {
        let sql = format!("SELECT {COLS} FROM draws WHERE id = ?1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([id], row)
            .optional()?)
    }

    /// Every draw, newest first.
    pub fn draws(&self) -> Result<Vec<DrawRow>> {
        let sql = format!("SELECT {COLS} FROM draws ORDER BY id DESC");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// The draws of a quarter, oldest first.
    pub fn draws_of_quarter(&self, quarter: &str) -> Result<Vec<DrawRow>> {
        let sql = format!("SELECT {COLS} FROM draws WHERE quarter = ?1 ORDER BY id");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows = st
            .query_map([quarter], row)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Inserts a prepared draw (`id`, `revealed_at` and `certificate` are ignored).
    pub fn insert_draw(&self, d: &DrawRow) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO draws (quarter, label, status, snapshot, params, secret, commitment,
                 public_source, public_value, min_witnesses, prepared_by, prepared_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?
            .execute(params![
                d.quarter,
                d.label,
                d.status,
                d.snapshot,
                d.params,
                d.secret,
                d.commitment,
                d.public_source,
                d.public_value,
                d.min_witnesses,
                d.prepared_by,
                d.prepared_at,
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn set_draw_public_value(&self, id: i64, value: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET public_value = ?2 WHERE id = ?1 AND status = 'prepared'",
            )?
            .execute(params![id, value])?;
        Ok(n == 1)
    }

    /// Marks a prepared draw revealed with its certificate; false when it was not `prepared`.
    pub fn reveal_draw(&self, id: i64, at: &str, certificate: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET status = 'revealed', revealed_at = ?2, certificate = ?3
                 WHERE id = ?1 AND status = 'prepared'",
            )?
            .execute(params![id, at, certificate])?;
        Ok(n == 1)
    }

    pub fn insert_entropy(&self, draw: i64, e: &EntropyRow) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO draw_entropy (draw_id, witness, text, at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![draw, e.witness, e.text, e.at])?;
        Ok(self.0.last_insert_rowid())
    }

    /// A draw's entropy in the order entered.
    pub fn entropy_of(&self, draw: i64) -> Result<Vec<EntropyRow>> {
        let mut st = self.0.prepare_cached(
            "SELECT witness, text, at FROM draw_entropy WHERE draw_id = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([draw], |r| {
                Ok(EntropyRow {
                    witness: r.get(0)?,
                    text: r.get(1)?,
                    at: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
