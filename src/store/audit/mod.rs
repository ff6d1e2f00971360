//! The audit trail: append, read and verify. The table's triggers refuse UPDATE and DELETE, so
//! the trail can only grow; entries are written in the same transaction as the change they
//! record. Each row is a link of a hash chain (`crate::domain::audit`, `docs/audit.md`):
//! appending reads the newest row's hash and stores `prev` and `hash` with the row, inside the
//! caller's immediate write transaction, so two writers can never link to the same row (and the
//! explicit id makes a second row with the same id fail rather than fork the chain; a bulk
//! chunk's rows take the ids SQLite gives, checked to be those their links name). Within one
//! transaction the tip is remembered between appends (see `TIP`), and a bulk import's entries
//! are appended many rows to a statement ([`Db::append_audits`]), which keeps imports fast.

use super::{Db, Result};
use crate::domain::audit::{
    Action, Anchor, COLUMNS, ChainProblem, ChainReport, Checker, Columns, Entity, GENESIS, Value,
    file_digest, imported_file, link,
};
use crate::domain::draw::H256;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, OptionalExtension};
use serde::Serialize;
use std::cell::Cell;

thread_local! {
    /// The chain's tip (connection, id, hash) as the last append of this thread's current
    /// read or write scope left it, so that a bulk import does not query it for every row.
    /// [`TipScope`] empties it when a scope starts and ends, so it never outlives the
    /// transaction that wrote it; within one, only `append_audit` adds audit rows (UPDATE and
    /// DELETE are refused) and the store uses no savepoints, so the cached tip is the table's.
    /// Were it ever stale, the explicit id would collide (an error, the transaction rolls back)
    /// or leave a gap that `audit verify` reports: never a silent fork.
    static TIP: Cell<Option<(usize, i64, H256)>> = const { Cell::new(None) };
}

/// Forgets the cached tip now and when dropped: held by `Store::read` and `Store::write` for
/// the length of their transaction.
pub(super) struct TipScope(());

impl TipScope {
    pub(super) fn begin() -> TipScope {
        TIP.set(None);
        TipScope(())
    }
}

impl Drop for TipScope {
    fn drop(&mut self) {
        TIP.set(None);
    }
}

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
        id: r.get("id")?,
        at: r.get("at")?,
        actor: r.get("actor")?,
        action: r.get("action")?,
        entity: r.get("entity")?,
        entity_id: r.get("entity_id")?,
        summary: r.get("summary")?,
        before: r.get("before")?,
        after: r.get("after")?,
    })
}

/// The nine chained columns of a row (selected by their names, [`COLUMNS`]), as stored.
fn columns<'r>(r: &'r rusqlite::Row<'_>) -> rusqlite::Result<Columns<'r>> {
    let mut cols = [Value::Null; 9];
    for (name, c) in COLUMNS.iter().zip(cols.iter_mut()) {
        *c = match r.get_ref(*name)? {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Integer(n),
            ValueRef::Real(x) => Value::Real(x),
            ValueRef::Text(b) => Value::Text(b),
            ValueRef::Blob(b) => Value::Blob(b),
        };
    }
    Ok(cols)
}

/// A stored `prev` or `hash` (the column `name`): `None` when NULL or not 64 hex digits.
fn hash_at(r: &rusqlite::Row<'_>, name: &str) -> rusqlite::Result<Option<H256>> {
    Ok(match r.get_ref(name)? {
        ValueRef::Text(b) => std::str::from_utf8(b).ok().and_then(H256::from_hex),
        _ => None,
    })
}

/// Rows one statement of [`Db::append_audits`] writes.
const AUDIT_ROWS_PER_INSERT: usize = 64;

/// The columns an appended row is written with, each bound once: the chained [`COLUMNS`],
/// then `prev` and `hash`.
const AUDIT_WRITE: [&str; 11] = {
    let mut cols = ["prev"; 11];
    let mut i = 0;
    while i < COLUMNS.len() {
        cols[i] = COLUMNS[i];
        i += 1;
    }
    cols[10] = "hash";
    cols
};
const AUDIT_PARAMS: usize = AUDIT_WRITE.len();

/// The INSERT of `rows` audit rows: [`AUDIT_WRITE`] numbered `?1`… row after row. A full
/// chunk's rows leave `id` to SQLite (the next one, checked by [`Db::append_audits`]) and a
/// failure rolls back the whole transaction (`OR ROLLBACK`): given ids and a statement that may
/// fail alone would make SQLite keep a statement journal. The statements of one row and of a
/// full chunk are built once.
fn audit_insert(rows: usize) -> std::borrow::Cow<'static, str> {
    fn build(rows: usize, with_id: bool) -> String {
        let cols = if with_id {
            &AUDIT_WRITE[..]
        } else {
            &AUDIT_WRITE[1..]
        };
        let k = cols.len();
        let tuples: Vec<String> = (0..rows)
            .map(|r| {
                let ps: Vec<String> = (1..=k).map(|i| format!("?{}", r * k + i)).collect();
                format!("({})", ps.join(", "))
            })
            .collect();
        let or = if with_id { "" } else { " OR ROLLBACK" };
        format!(
            "INSERT{or} INTO audit ({}) VALUES {}",
            cols.join(", "),
            tuples.join(", ")
        )
    }
    static ONE: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| build(1, true));
    static FULL: std::sync::LazyLock<String> =
        std::sync::LazyLock::new(|| build(AUDIT_ROWS_PER_INSERT, false));
    match rows {
        1 => std::borrow::Cow::Borrowed(ONE.as_str()),
        AUDIT_ROWS_PER_INSERT => std::borrow::Cow::Borrowed(FULL.as_str()),
        n => std::borrow::Cow::Owned(build(n, true)),
    }
}

/// One row to bind: its id (`None` where SQLite gives it), the entry and its link's hex.
type Bound<'a, 'e> = (Option<i64>, &'a AuditEntry<'e>, &'a str, &'a str);

/// Binds one row of [`audit_insert`] after the `skip` parameters of the rows before it.
fn bind_entry(
    st: &mut rusqlite::CachedStatement<'_>,
    skip: usize,
    (id, e, prev, hash): Bound<'_, '_>,
) -> rusqlite::Result<()> {
    let mut at = skip;
    if let Some(id) = id {
        at += 1;
        st.raw_bind_parameter(at, id)?;
    }
    st.raw_bind_parameter(at + 1, e.at)?;
    st.raw_bind_parameter(at + 2, e.actor)?;
    st.raw_bind_parameter(at + 3, e.action)?;
    st.raw_bind_parameter(at + 4, e.entity)?;
    st.raw_bind_parameter(at + 5, e.entity_id)?;
    st.raw_bind_parameter(at + 6, e.summary)?;
    st.raw_bind_parameter(at + 7, e.before)?;
    st.raw_bind_parameter(at + 8, e.after)?;
    st.raw_bind_parameter(at + 9, prev)?;
    st.raw_bind_parameter(at + 10, hash)
}

/// Rows fetched per step of [`chain_existing`].
const BACKFILL_BATCH: i64 = 1000;

/// Migration 0008: chains the rows written before the chain existed, once, in id order, inside
/// the migration's transaction. Filling `prev` and `hash` is an UPDATE, which `audit_no_update`
/// refuses, so the trigger is dropped for the fill and recreated, unchanged, before returning;
/// the transaction commits both or neither, so no committed state lacks the trigger.
pub(super) fn chain_existing(tx: &Connection) -> Result<u64> {
    tx.execute_batch("DROP TRIGGER audit_no_update")?;
    let mut prev = GENESIS;
    let mut after = i64::MIN;
    let mut done = 0u64;
    loop {
        let mut links = Vec::new();
        {
            let mut st = tx.prepare_cached(
                "SELECT id, at, actor, action, entity, entity_id, summary, before, after
                 FROM audit WHERE id > ?1 ORDER BY id LIMIT ?2",
            )?;
            let mut rows = st.query([after, BACKFILL_BATCH])?;
            while let Some(r) = rows.next()? {
                let id: i64 = r.get("id")?;
                let hash = link(&prev, &columns(r)?);
                links.push((id, prev, hash));
                prev = hash;
                after = id;
            }
        }
        if links.is_empty() {
            break;
        }
        let mut up = tx.prepare_cached("UPDATE audit SET prev = ?2, hash = ?3 WHERE id = ?1")?;
        for (id, p, h) in &links {
            up.execute(rusqlite::params![id, p.to_hex(), h.to_hex()])?;
        }
        done += links.len() as u64;
    }
    tx.execute_batch(
        "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
         BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;",
    )?;
    Ok(done)
}

impl Db<'_> {
    /// Appends an entry as the next link of the chain; returns its id.
    pub fn append_audit(&self, e: &AuditEntry<'_>) -> Result<i64> {
        self.append_audits(std::slice::from_ref(e))
    }

    /// Appends entries, in order, as the next links of the chain, in statements of
    /// [`AUDIT_ROWS_PER_INSERT`] rows: the same rows as appending them one by one (a bulk
    /// import's entries for the records it creates). Returns the last one's id (the newest
    /// id when `entries` is empty).
    pub fn append_audits(&self, entries: &[AuditEntry<'_>]) -> Result<i64> {
        let conn = std::ptr::from_ref(self.0) as usize;
        let (mut last, mut prev) = match TIP.get() {
            Some((c, id, hash)) if c == conn => (id, hash),
            _ => self.audit_tip()?,
        };
        // One statement for all the full chunks, not handed back to the statement cache (which
        // clears its bindings) after each.
        let mut full = None;
        let mut prev_hex = prev.to_hex();
        for chunk in entries.chunks(AUDIT_ROWS_PER_INSERT) {
            let given = chunk.len() != AUDIT_ROWS_PER_INSERT;
            let per_row = if given {
                AUDIT_PARAMS
            } else {
                AUDIT_PARAMS - 1
            };
            let mut tail;
            let st = match (chunk.len(), &mut full) {
                (AUDIT_ROWS_PER_INSERT, Some(st)) => st,
                (AUDIT_ROWS_PER_INSERT, full) => full.insert(
                    self.0
                        .prepare_cached(&audit_insert(AUDIT_ROWS_PER_INSERT))?,
                ),
                (n, _) => {
                    tail = self.0.prepare_cached(&audit_insert(n))?;
                    &mut tail
                }
            };
            for (i, e) in chunk.iter().enumerate() {
                let id = last.max(0) + 1;
                let cols: Columns<'_> = [
                    Value::Integer(id),
                    Value::text(e.at),
                    Value::text(e.actor),
                    Value::text(e.action),
                    Value::text(e.entity),
                    Value::opt_int(e.entity_id),
                    Value::text(e.summary),
                    Value::opt_text(e.before),
                    Value::opt_text(e.after),
                ];
                let hash = link(&prev, &cols);
                let hash_hex = hash.to_hex();
                let bound = (given.then_some(id), e, prev_hex.as_str(), hash_hex.as_str());
                bind_entry(st, i * per_row, bound)?;
                (last, prev, prev_hex) = (id, hash, hash_hex);
            }
            st.raw_execute()?;
            if !given && self.0.last_insert_rowid() != last {
                return Err(super::StoreError::Corrupt(format!(
                    "audit: SQLite gave the rows up to {} other ids than their links name (up to {last})",
                    self.0.last_insert_rowid()
                )));
            }
            // Each statement's rows are the tip once written (an error rolls back the
            // transaction, which forgets it).
            TIP.set(Some((conn, last, prev)));
        }
        Ok(last)
    }

    /// The newest id (0 when empty) and the hash the next row links to: the newest row's, or,
    /// when rows were written around the program without a chain, the newest row that has one
    /// (as the check in `domain::audit::Checker` expects).
    fn audit_tip(&self) -> Result<(i64, H256)> {
        let mut st = self
            .0
            .prepare_cached("SELECT id, prev, hash FROM audit ORDER BY id DESC LIMIT 1")?;
        let mut rows = st.query([])?;
        let Some(r) = rows.next()? else {
            return Ok((0, GENESIS));
        };
        let id: i64 = r.get("id")?;
        if id <= 0 {
            return Ok((id, GENESIS));
        }
        if let (Some(_), Some(h)) = (hash_at(r, "prev")?, hash_at(r, "hash")?) {
            return Ok((id, h));
        }
        let mut st = self.0.prepare_cached(
            "SELECT prev, hash FROM audit WHERE id > 0 AND id < ?1 ORDER BY id DESC",
        )?;
        let mut rows = st.query([id])?;
        while let Some(r) = rows.next()? {
            if let (Some(_), Some(h)) = (hash_at(r, "prev")?, hash_at(r, "hash")?) {
                return Ok((id, h));
            }
        }
        Ok((id, GENESIS))
    }

    /// Walks the whole trail in id order, recomputing every link (see `domain::audit`), and
    /// checks `anchor` when given.
    pub fn verify_audit(&self, anchor: Option<Anchor>) -> Result<ChainReport> {
        let mut st = self.0.prepare(
            "SELECT id, at, actor, action, entity, entity_id, summary, before, after, prev, hash
             FROM audit ORDER BY id",
        )?;
        let mut rows = st.query([])?;
        let mut check = Checker::new(anchor);
        let mut named = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get("id")?;
            let cols = columns(r)?;
            check.push(id, &cols, hash_at(r, "prev")?, hash_at(r, "hash")?);
            let action: Option<String> = r.get("action")?;
            let entity: Option<String> = r.get("entity")?;
            // Imports (§5) and evidence files (issue 18) name the file they kept.
            if (action.as_deref() == Some(Action::Import.name())
                || (action.as_deref() == Some(Action::Create.name())
                    && entity.as_deref() == Some(Entity::Evidence.name())))
                && let Some(sha) = r
                    .get::<_, Option<String>>("after")?
                    .as_deref()
                    .and_then(imported_file)
            {
                named.push((id, sha));
            }
        }
        self.verify_files(&mut check, named)?;
        Ok(check.finish())
    }

    /// Every kept file still has its digest, and every file an import named is kept.
    fn verify_files(&self, check: &mut Checker, named: Vec<(i64, String)>) -> Result<()> {
        let mut kept = std::collections::HashSet::new();
        self.each_stored_file(|sha, bytes| {
            if file_digest(bytes) != sha {
                check.problem(ChainProblem::FileAltered {
                    sha256: sha.to_string(),
                });
            }
            kept.insert(sha.to_string());
        })?;
        for (id, sha256) in named {
            if !kept.contains(&sha256) {
                check.problem(ChainProblem::FileMissing { id, sha256 });
            }
        }
        Ok(())
    }

    /// The id of the newest entry that records a change of data (logins and logouts are not
    /// changes); 0 when there is none. Walks back from the newest row: cheap.
    pub fn last_change(&self) -> Result<i64> {
        let mut st = self.0.prepare_cached(
            "SELECT id FROM audit WHERE entity <> 'session' ORDER BY id DESC LIMIT 1",
        )?;
        let mut rows = st.query([])?;
        Ok(match rows.next()? {
            Some(r) => r.get("id")?,
            None => 0,
        })
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

    /// One entry by its id.
    pub fn audit_entry(&self, id: i64) -> Result<Option<AuditRow>> {
        let sql = format!("SELECT {COLS} FROM audit WHERE id = ?1");
        let mut st = self.0.prepare_cached(&sql)?;
        Ok(st.query_row([id], row).optional()?)
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
mod tests;
