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
    /// A `domain::ceremony::Status` code.
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
    pub room_opened_at: Option<String>,
    pub sealed_at: Option<String>,
    pub released_at: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
}

/// Someone who joined a draw's room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberRow {
    pub login: String,
    pub name: String,
    /// Role codes, comma separated.
    pub roles: String,
    pub joined_at: String,
}

/// A witness's answer to a revealed result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub login: String,
    pub confirmed: bool,
    pub reason: String,
    pub at: String,
}

/// An annotation of a sealed draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    pub by: String,
    pub at: String,
    pub note: String,
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
    public_value, min_witnesses, prepared_by, prepared_at, revealed_at, certificate,
    room_opened_at, sealed_at, released_at, decided_by, decided_at, decision_note";

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
        room_opened_at: r.get(15)?,
        sealed_at: r.get(16)?,
        released_at: r.get(17)?,
        decided_by: r.get(18)?,
        decided_at: r.get(19)?,
        decision_note: r.get(20)?,
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

    /// Every draw, newest first, without the large columns (snapshot, certificate, secret; the
    /// parameters are kept): for lists.
    pub fn draw_heads(&self) -> Result<Vec<DrawRow>> {
        let cols = COLS
            .replace("snapshot", "'' AS snapshot")
            .replace("secret", "x'' AS secret")
            .replace("certificate", "NULL AS certificate");
        let sql = format!("SELECT {cols} FROM draws ORDER BY id DESC");
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

    /// Opens the room of a prepared draw; false when it is not prepared or already open.
    pub fn open_draw_room(&self, id: i64, at: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET room_opened_at = ?2
                 WHERE id = ?1 AND status = 'prepared' AND room_opened_at IS NULL",
            )?
            .execute(params![id, at])?;
        Ok(n == 1)
    }

    /// Moves a draw from status `from` to `to`; false when it was not in `from`. Sealing
    /// stamps `sealed_at`.
    pub fn move_draw(&self, id: i64, from: &str, to: &str, at: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET status = ?3,
                   sealed_at = CASE WHEN ?3 = 'sealed' THEN ?4 ELSE sealed_at END
                 WHERE id = ?1 AND status = ?2",
            )?
            .execute(params![id, from, to, at])?;
        Ok(n == 1)
    }

    /// Records a leader's decision or a cancellation with its note.
    pub fn set_draw_decision(&self, id: i64, by: &str, at: &str, note: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE draws SET decided_by = ?2, decided_at = ?3, decision_note = ?4 WHERE id = ?1",
            )?
            .execute(params![id, by, at, note])?;
        Ok(())
    }

    /// Releases a sealed draw's assignments; false when not sealed or already released.
    pub fn release_draw(&self, id: i64, at: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET released_at = ?2
                 WHERE id = ?1 AND status = 'sealed' AND released_at IS NULL",
            )?
            .execute(params![id, at])?;
        Ok(n == 1)
    }

    /// Replaces the certificate of a draw awaiting confirmation (the recorded sign-offs change,
    /// nothing recomputed does).
    pub fn set_draw_certificate(&self, id: i64, certificate: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET certificate = ?2
                 WHERE id = ?1 AND status IN ('revealed', 'disputed')",
            )?
            .execute(params![id, certificate])?;
        Ok(n == 1)
    }

    /// Adds a member to a draw's room; false when already there.
    pub fn add_draw_member(&self, id: i64, m: &MemberRow) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT INTO draw_members (draw_id, login, name, roles, joined_at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (draw_id, login) DO NOTHING",
            )?
            .execute(params![id, m.login, m.name, m.roles, m.joined_at])?;
        Ok(n == 1)
    }

    pub fn draw_members(&self, id: i64) -> Result<Vec<MemberRow>> {
        let mut st = self.0.prepare_cached(
            "SELECT login, name, roles, joined_at FROM draw_members WHERE draw_id = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([id], |r| {
                Ok(MemberRow {
                    login: r.get(0)?,
                    name: r.get(1)?,
                    roles: r.get(2)?,
                    joined_at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Live draws (prepared with an open room, revealed or disputed) that `login` joined.
    pub fn live_draws_of(&self, login: &str) -> Result<Vec<i64>> {
        let mut st = self.0.prepare_cached(
            "SELECT d.id FROM draws d JOIN draw_members m ON m.draw_id = d.id
             WHERE m.login = ?1 AND d.status IN ('prepared', 'revealed', 'disputed')
             ORDER BY m.id DESC",
        )?;
        let rows = st
            .query_map([login], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn insert_draw_answer(&self, id: i64, a: &AnswerRow) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT INTO draw_answers (draw_id, login, confirmed, reason, at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (draw_id, login) DO NOTHING",
            )?
            .execute(params![id, a.login, a.confirmed, a.reason, a.at])?;
        Ok(n == 1)
    }

    pub fn draw_answers(&self, id: i64) -> Result<Vec<AnswerRow>> {
        let mut st = self.0.prepare_cached(
            "SELECT login, confirmed, reason, at FROM draw_answers WHERE draw_id = ?1 ORDER BY id",
        )?;
        let rows = st
            .query_map([id], |r| {
                Ok(AnswerRow {
                    login: r.get(0)?,
                    confirmed: r.get(1)?,
                    reason: r.get(2)?,
                    at: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    pub fn insert_draw_note(&self, id: i64, n: &NoteRow) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO draw_notes (draw_id, by, at, note) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, n.by, n.at, n.note])?;
        Ok(())
    }

    pub fn draw_notes(&self, id: i64) -> Result<Vec<NoteRow>> {
        let mut st = self
            .0
            .prepare_cached("SELECT by, at, note FROM draw_notes WHERE draw_id = ?1 ORDER BY id")?;
        let rows = st
            .query_map([id], |r| {
                Ok(NoteRow {
                    by: r.get(0)?,
                    at: r.get(1)?,
                    note: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}
