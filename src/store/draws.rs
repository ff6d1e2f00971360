//! Draws (issue 4): the frozen snapshot and parameters, the server secret, witness entropy,
//! the public value and, once revealed, the certificate. Stored as JSON text; read back typed
//! here (a value that does not read is [`StoreError::Corrupt`]), so no caller parses a draw.
//! The two large texts, snapshot and certificate, live in tables of their own
//! (`draw_snapshots`, `draw_certificates`, migration 0014), so that changing a draw's small
//! columns never rewrites them.

use super::{Db, Result, StoreError};
use crate::domain::ceremony::Status;
use crate::domain::draw::{Certificate, Params, Snapshot};
use rusqlite::{OptionalExtension, Row, params};
use serde::Serialize;

/// A stored draw without its large columns (snapshot, secret, certificate): for lists, status
/// checks and everything that needs no drawn list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawHead {
    pub id: i64,
    pub quarter: String,
    /// The draw's identifier written into its parameters (`2024Q2-1`).
    pub label: String,
    pub status: Status,
    pub params: Params,
    pub commitment: String,
    pub public_source: Option<String>,
    pub public_value: Option<String>,
    pub min_witnesses: i64,
    pub prepared_by: String,
    pub prepared_at: String,
    pub revealed_at: Option<String>,
    pub room_opened_at: Option<String>,
    pub sealed_at: Option<String>,
    pub released_at: Option<String>,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_note: Option<String>,
}

/// A stored certificate: the text as issued (published byte for byte) and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCertificate {
    pub text: String,
    pub value: Certificate,
}

/// One stored draw in full.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawRow {
    pub head: DrawHead,
    pub snapshot: Snapshot,
    pub secret: Vec<u8>,
    pub certificate: Option<StoredCertificate>,
}

/// A draw of a quarter with its certificate once revealed (no snapshot: the certificate
/// carries the one it drew from).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterDraw {
    pub head: DrawHead,
    pub certificate: Option<StoredCertificate>,
}

/// A draw to insert: prepared, not yet revealed.
#[derive(Debug, Clone)]
pub struct NewDraw<'a> {
    pub quarter: &'a str,
    pub label: &'a str,
    pub status: Status,
    pub snapshot: &'a Snapshot,
    pub params: &'a Params,
    pub secret: &'a [u8],
    pub commitment: &'a str,
    pub public_source: Option<&'a str>,
    pub public_value: Option<&'a str>,
    pub min_witnesses: i64,
    pub prepared_by: &'a str,
    pub prepared_at: &'a str,
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

const HEAD_COLS: &str = "id, quarter, label, status, params, commitment, public_source,
    public_value, min_witnesses, prepared_by, prepared_at, revealed_at,
    room_opened_at, sealed_at, released_at, decided_by, decided_at, decision_note";

/// Reads a draw's head: the outer result is the row's, the inner one whether its status and
/// parameters read.
fn head(r: &Row<'_>) -> rusqlite::Result<Result<DrawHead>> {
    let id: i64 = r.get("id")?;
    let status: String = r.get("status")?;
    let params: String = r.get("params")?;
    let Some(status) = Status::from_code(&status) else {
        return Ok(Err(corrupt(id, "status", status)));
    };
    let params = match serde_json::from_str(&params) {
        Ok(p) => p,
        Err(e) => return Ok(Err(corrupt(id, "params", e))),
    };
    Ok(Ok(DrawHead {
        id,
        quarter: r.get("quarter")?,
        label: r.get("label")?,
        status,
        params,
        commitment: r.get("commitment")?,
        public_source: r.get("public_source")?,
        public_value: r.get("public_value")?,
        min_witnesses: r.get("min_witnesses")?,
        prepared_by: r.get("prepared_by")?,
        prepared_at: r.get("prepared_at")?,
        revealed_at: r.get("revealed_at")?,
        room_opened_at: r.get("room_opened_at")?,
        sealed_at: r.get("sealed_at")?,
        released_at: r.get("released_at")?,
        decided_by: r.get("decided_by")?,
        decided_at: r.get("decided_at")?,
        decision_note: r.get("decision_note")?,
    }))
}

fn corrupt(id: i64, what: &str, e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(format!("draw {id} {what}: {e}"))
}

fn certificate(id: i64, text: Option<String>) -> Result<Option<StoredCertificate>> {
    text.map(|text| {
        let value = Certificate::from_json(&text).map_err(|e| corrupt(id, "certificate", e))?;
        Ok(StoredCertificate { text, value })
    })
    .transpose()
}

/// Compact JSON, as every draw column has been written.
fn json<T: Serialize>(what: &str, v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(format!("draw {what}: {e}")))
}

impl Db<'_> {
    pub fn draw(&self, id: i64) -> Result<Option<DrawRow>> {
        let sql = format!(
            "SELECT {HEAD_COLS}, s.snapshot, secret, c.certificate FROM draws
             JOIN draw_snapshots s ON s.draw_id = id
             LEFT JOIN draw_certificates c ON c.draw_id = id
             WHERE id = ?1"
        );
        let raw = self
            .0
            .prepare_cached(&sql)?
            .query_row([id], |r| {
                Ok((
                    head(r)?,
                    r.get::<_, String>("snapshot")?,
                    r.get::<_, Vec<u8>>("secret")?,
                    r.get::<_, Option<String>>("certificate")?,
                ))
            })
            .optional()?;
        let Some((head, snapshot, secret, cert)) = raw else {
            return Ok(None);
        };
        Ok(Some(DrawRow {
            head: head?,
            snapshot: serde_json::from_str(&snapshot).map_err(|e| corrupt(id, "snapshot", e))?,
            secret,
            certificate: certificate(id, cert)?,
        }))
    }

    /// A draw without its large columns.
    pub fn draw_head(&self, id: i64) -> Result<Option<DrawHead>> {
        let sql = format!("SELECT {HEAD_COLS} FROM draws WHERE id = ?1");
        self.0
            .prepare_cached(&sql)?
            .query_row([id], head)
            .optional()?
            .transpose()
    }

    /// The certificate of a draw (`None` before the reveal or for no such draw).
    pub fn draw_certificate(&self, id: i64) -> Result<Option<StoredCertificate>> {
        let text: Option<String> = self
            .0
            .prepare_cached("SELECT certificate FROM draw_certificates WHERE draw_id = ?1")?
            .query_row([id], |r| r.get("certificate"))
            .optional()?;
        certificate(id, text)
    }

    /// Every draw, newest first, without the large columns: for lists.
    pub fn draw_heads(&self) -> Result<Vec<DrawHead>> {
        let sql = format!("SELECT {HEAD_COLS} FROM draws ORDER BY id DESC");
        let mut st = self.0.prepare_cached(&sql)?;
        let rows: Vec<Result<DrawHead>> =
            st.query_map([], head)?.collect::<rusqlite::Result<_>>()?;
        rows.into_iter().collect()
    }

    /// The draws of a quarter, oldest first, with their certificates.
    pub fn draws_of_quarter(&self, quarter: &str) -> Result<Vec<QuarterDraw>> {
        let sql = format!(
            "SELECT {HEAD_COLS}, c.certificate FROM draws
             LEFT JOIN draw_certificates c ON c.draw_id = id
             WHERE quarter = ?1 ORDER BY id"
        );
        let mut st = self.0.prepare_cached(&sql)?;
        let rows: Vec<(Result<DrawHead>, Option<String>)> = st
            .query_map([quarter], |r| Ok((head(r)?, r.get("certificate")?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.into_iter()
            .map(|(h, c)| {
                let head = h?;
                let certificate = certificate(head.id, c)?;
                Ok(QuarterDraw { head, certificate })
            })
            .collect()
    }

    /// How many draws a quarter has (cancelled ones too).
    pub fn count_draws_of_quarter(&self, quarter: &str) -> Result<usize> {
        let n: i64 = self
            .0
            .prepare_cached("SELECT COUNT(*) FROM draws WHERE quarter = ?1")?
            .query_row([quarter], |r| r.get(0))?;
        Ok(usize::try_from(n).unwrap_or(0))
    }

    /// Inserts a prepared draw; the snapshot and parameters are written as compact JSON.
    pub fn insert_draw(&self, d: &NewDraw<'_>) -> Result<i64> {
        let snapshot = json("snapshot", d.snapshot)?;
        let params = json("params", d.params)?;
        self.0
            .prepare_cached(
                "INSERT INTO draws (quarter, label, status, params, secret, commitment,
                 public_source, public_value, min_witnesses, prepared_by, prepared_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?
            .execute(params![
                d.quarter,
                d.label,
                d.status.code(),
                params,
                d.secret,
                d.commitment,
                d.public_source,
                d.public_value,
                d.min_witnesses,
                d.prepared_by,
                d.prepared_at,
            ])?;
        let id = self.0.last_insert_rowid();
        self.0
            .prepare_cached("INSERT INTO draw_snapshots (draw_id, snapshot) VALUES (?1, ?2)")?
            .execute(params![id, snapshot])?;
        Ok(id)
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

    /// Marks a prepared draw revealed with its certificate; false when it was not `prepared`
    /// (and nothing is written).
    pub fn reveal_draw(&self, id: i64, at: &str, certificate: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET status = 'revealed', revealed_at = ?2
                 WHERE id = ?1 AND status = 'prepared'",
            )?
            .execute(params![id, at])?;
        if n != 1 {
            return Ok(false);
        }
        self.0
            .prepare_cached("INSERT INTO draw_certificates (draw_id, certificate) VALUES (?1, ?2)")?
            .execute(params![id, certificate])?;
        Ok(true)
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
                    witness: r.get("witness")?,
                    text: r.get("text")?,
                    at: r.get("at")?,
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
    pub fn move_draw(&self, id: i64, from: Status, to: Status, at: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE draws SET status = ?3,
                   sealed_at = CASE WHEN ?3 = 'sealed' THEN ?4 ELSE sealed_at END
                 WHERE id = ?1 AND status = ?2",
            )?
            .execute(params![id, from.code(), to.code(), at])?;
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
                "UPDATE draw_certificates SET certificate = ?2
                 WHERE draw_id = ?1 AND draw_id IN
                   (SELECT id FROM draws WHERE status IN ('revealed', 'disputed'))",
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
                    login: r.get("login")?,
                    name: r.get("name")?,
                    roles: r.get("roles")?,
                    joined_at: r.get("joined_at")?,
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
                    login: r.get("login")?,
                    confirmed: r.get("confirmed")?,
                    reason: r.get("reason")?,
                    at: r.get("at")?,
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
                    by: r.get("by")?,
                    at: r.get("at")?,
                    note: r.get("note")?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::example;
    use crate::store::Store;

    fn insert(s: &mut Store) -> i64 {
        let (snapshot, params) = (example::snapshot(), example::params());
        s.write(|db| {
            db.insert_draw(&NewDraw {
                quarter: "2024Q2",
                label: "2024Q2-1",
                status: Status::Prepared,
                snapshot: &snapshot,
                params: &params,
                secret: &[7; 32],
                commitment: "c",
                public_source: None,
                public_value: None,
                min_witnesses: 1,
                prepared_by: "admin",
                prepared_at: "2024-04-01T09:00:00+08:00",
            })
        })
        .unwrap()
    }

    #[test]
    fn a_draw_reads_back_typed_and_is_stored_as_compact_json() {
        let mut s = Store::open_in_memory().unwrap();
        let id = insert(&mut s);
        let r = s.read(|db| db.draw(id)).unwrap().unwrap();
        assert_eq!(r.snapshot, example::snapshot());
        assert_eq!(r.head.params, example::params());
        assert_eq!(r.head.status, Status::Prepared);
        assert_eq!(r.certificate, None);
        let stored: (String, String) = s
            .read(|db| {
                Ok::<_, StoreError>(db.0.query_row(
                    "SELECT snapshot, params FROM draws JOIN draw_snapshots ON draw_id = id
                     WHERE id = ?1",
                    [id],
                    |r| Ok((r.get("snapshot")?, r.get("params")?)),
                )?)
            })
            .unwrap();
        let snapshot = serde_json::to_string(&example::snapshot()).unwrap();
        assert_eq!(stored.0, snapshot);
        assert_eq!(stored.1, serde_json::to_string(&example::params()).unwrap());
        assert_eq!(s.read(|db| db.count_draws_of_quarter("2024Q2")).unwrap(), 1);
        assert_eq!(s.read(|db| db.draw_heads()).unwrap(), vec![r.head]);
    }

    #[test]
    fn unreadable_draw_columns_are_corrupt() {
        for (col, value) in [("status", "lost"), ("params", "{}"), ("snapshot", "[")] {
            let mut s = Store::open_in_memory().unwrap();
            let id = insert(&mut s);
            assert!(s.read(|db| db.draw(id)).is_ok());
            s.write(|db| {
                let table = if col == "snapshot" {
                    "draw_snapshots"
                } else {
                    "draws"
                };
                let key = if col == "snapshot" { "draw_id" } else { "id" };
                let sql = format!("UPDATE {table} SET {col} = ?1 WHERE {key} = ?2");
                db.0.execute(&sql, params![value, id])?;
                Ok::<_, StoreError>(())
            })
            .unwrap();
            let e = s.read(|db| db.draw(id)).unwrap_err();
            assert!(
                matches!(e, StoreError::Corrupt(m) if m.contains(col)),
                "{col}"
            );
        }
    }
}
