//! SQLite storage: opening the database (WAL, foreign keys, busy timeout), applying the
//! migrations in `db/migrations/`, and one file per aggregate mapping rows to domain types.
//! Each record's columns are declared once (`columns::Table`), its statements derived from the
//! declaration and its rows read by column name. This is the only module that names
//! `rusqlite`; SQL is never built with `format!` from data (only from the declarations).

mod audit;
mod backup;
mod columns;
mod corrections;
mod draws;
mod enterprises;
mod evaluations;
mod events;
mod evidence;
mod files;
mod followups;
mod inspections;
mod inspectors;
mod items;
mod migrate;
mod results;
mod settings;
mod users;

pub use audit::{AuditEntry, AuditRow};
pub use backup::{BackupError, FileCheck, LIVE_WAIT, Liveness};
pub use corrections::{CaseRow, VersionRow};
pub use draws::{
    AnswerRow, DrawHead, DrawRow, EntropyRow, MemberRow, NewDraw, NoteRow, QuarterDraw,
    StoredCertificate,
};
pub use enterprises::EnterpriseKey;
pub use evidence::{EvidenceRow, NewEvidence};
pub use inspections::SOURCE_IMPORT;
pub use migrate::SCHEMA_VERSION;
pub use results::{AssignmentRow, NewAssignment, Replace, ResultRow};

use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;
use thiserror::Error;

/// Storage failures.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error(
        "the database has schema version {found}, newer than this program knows ({known}); use a newer shuangsui"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("stored value cannot be read: {0}")]
    Corrupt(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

/// A connection inside a read or write scope; all queries live on it.
#[derive(Clone, Copy)]
pub struct Db<'a>(&'a Connection);

impl Store {
    /// Opens (creating if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        Self::configure(conn, path.to_path_buf())
    }

    /// An in-memory database, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Self> {
        Self::configure(Connection::open_in_memory()?, PathBuf::from(":memory:"))
    }

    fn configure(mut conn: Connection, path: PathBuf) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5))?;
        // Refuse a newer database before changing anything about it (even its journal mode).
        migrate::check_version(&conn)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // 16 MiB of page cache (the default is 2 MiB): bulk imports touch many pages.
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        migrate::migrate(&mut conn)?;
        Ok(Store { conn, path })
    }

    /// Reads the database file through a memory map from now on, instead of a system call
    /// and a copy per page: reading the whole registry (classification, a draw's snapshot) is
    /// dominated by page reads. For one-shot processes (the command line): the pages a long
    /// running server touched would stay mapped and count in its resident memory.
    pub fn map_reads(&mut self) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
        Ok(())
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Runs `f` in a deferred (read) transaction, so it sees one consistent state.
    pub fn read<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(Db<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self.conn.transaction().map_err(StoreError::from)?;
        let _tip = audit::TipScope::begin();
        let out = f(Db(&tx))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }

    /// Runs `f` in an immediate write transaction: committed when `f` returns `Ok`, rolled
    /// back otherwise (also on panic, when the transaction is dropped).
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(Db<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(StoreError::from)?;
        let _tip = audit::TipScope::begin();
        let out = f(Db(&tx))?;
        tx.commit().map_err(StoreError::from)?;
        Ok(out)
    }
}

impl Db<'_> {
    /// Sets this connection's page cache in KiB (bulk writes avoid spilling pages early).
    pub fn set_cache_kib(&self, kib: i64) -> Result<()> {
        self.0.pragma_update(None, "cache_size", -kib)?;
        Ok(())
    }
}

/// The page cache of every connection, in KiB.
pub const CACHE_KIB: i64 = 16 * 1024;

/// The most of the database file each connection reads through a memory map, in bytes.
pub const MMAP_BYTES: i64 = 1 << 30;

/// Reads the vocabulary code in column `i` without copying it.
fn code_at<T>(
    r: &rusqlite::Row<'_>,
    i: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    let v = r.get_ref(i)?;
    let s = v
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), e.into()))?;
    vocab(s, parse)
}

/// As [`code_at`] for a nullable column.
fn opt_code_at<T>(
    r: &rusqlite::Row<'_>,
    i: usize,
    parse: fn(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    let v = r.get_ref(i)?;
    match v
        .as_str_or_null()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), e.into()))?
    {
        Some(s) => vocab(s, parse).map(Some),
        None => Ok(None),
    }
}

/// Reads the text in column `i` without copying it.
fn str_at<'r>(r: &'r rusqlite::Row<'_>, i: usize) -> rusqlite::Result<&'r str> {
    let v = r.get_ref(i)?;
    v.as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(i, v.data_type(), e.into()))
}

/// Maps a stored vocabulary code back to its enum.
fn vocab<T>(code: &str, parse: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    parse(code).ok_or_else(|| corrupt(format!("unknown code {code:?}")))
}

fn opt_vocab<T>(code: Option<String>, parse: fn(&str) -> Option<T>) -> rusqlite::Result<Option<T>> {
    code.map(|c| vocab(&c, parse)).transpose()
}

fn corrupt(msg: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, msg.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_twice_and_keeps_version() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/x.sqlite3");
        drop(Store::open(&p).unwrap());
        let mut s = Store::open(&p).unwrap();
        let v: i64 = s.read(|db| db.user_version()).unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn refuses_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.sqlite3");
        drop(Store::open(&p).unwrap());
        let c = Connection::open(&p).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        drop(c);
        match Store::open(&p) {
            Err(StoreError::NewerSchema { found, .. }) => assert_eq!(found, SCHEMA_VERSION + 1),
            Err(e) => panic!("{e}"),
            Ok(_) => panic!("opened a newer database"),
        }
    }
}
