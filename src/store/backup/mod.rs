//! Copies of the database file: an online backup while the server runs (SQLite's backup API,
//! a few pages at a time with short pauses, into a temporary file that is checked and then
//! renamed), the check of a file before it is restored, whether another process holds a
//! database, and the restore itself (which always keeps what it replaces).
//!
//! The rule for "held by another process" ([`Store::in_use`]): shuangsui keeps its database in
//! WAL mode, where every open connection keeps a shared lock on the database file and the
//! `-wal`/`-shm` files beside it. We open the file with `locking_mode=EXCLUSIVE` and run
//! `BEGIN EXCLUSIVE` with a busy timeout of [`LIVE_WAIT`]: if that lock cannot be had, some
//! connection (normally the server) has the database open. `-wal`/`-shm` files without anyone
//! holding the lock are left over from an unclean stop; their committed content is folded into
//! the database by that same check, so it is part of what the restore keeps.

use super::{SCHEMA_VERSION, Store};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// Pages copied per step of an online backup (1 MiB at the default 4 KiB page).
const PAGES_PER_STEP: i32 = 256;
/// The pause between two steps, when other connections may write.
const PAUSE: Duration = Duration::from_millis(5);
/// A backup restarts when another connection writes the source between two steps; after
/// this many restarts the rest is copied in one step. In WAL mode that step holds only a read
/// transaction, which does not block writers.
const RESTARTS_BEFORE_ONE_STEP: u32 = 3;
/// How long a backup or restore waits for locks before giving up.
const LOCK_WAIT: Duration = Duration::from_secs(10);
pub use crate::domain::backup::LIVE_WAIT;
/// At most this many lines of a failed integrity check are kept.
const MAX_PROBLEMS: usize = 10;

/// Why a backup, a check or a restore failed.
#[derive(Debug, Error)]
pub enum BackupError {
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} does not exist")]
    Missing(PathBuf),
    #[error("{0} is not an SQLite database (damaged, truncated or another kind of file)")]
    NotADatabase(PathBuf),
    #[error("{path} failed the integrity check: {}", problems.join("; "))]
    Damaged {
        path: PathBuf,
        problems: Vec<String>,
    },
    #[error("{0} is an SQLite database but not a shuangsui one")]
    NotShuangsui(PathBuf),
    #[error(
        "{path} has schema version {found}, newer than this program knows ({known}); use a newer shuangsui"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("{0} is the database itself")]
    SameFile(PathBuf),
    #[error("{0} is open in another process (the server?)")]
    InUse(PathBuf),
    #[error("{0} stayed locked by other connections")]
    Busy(PathBuf),
}

type Result<T> = std::result::Result<T, BackupError>;

pub use crate::domain::backup::FileCheck;

/// Whether a database is held, from [`Store::in_use`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Liveness {
    /// Another connection holds the database: the exclusive lock could not be had.
    pub held: bool,
    /// `-wal` or `-shm` files were beside it when looked at.
    pub sidecars: bool,
}

impl Store {
    /// Writes a consistent copy of the database to `target` while other connections go on
    /// reading and writing: SQLite's online backup into a temporary file beside `target`
    /// (single-file, rollback journal), its integrity checked, then renamed over `target`.
    /// Nothing is left at `target` unless the copy is whole and checked.
    pub fn backup_to(&self, target: &Path) -> Result<FileCheck> {
        if same_file(&self.path, target) {
            return Err(BackupError::SameFile(target.to_path_buf()));
        }
        if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| io(dir, source))?;
        }
        let tmp = Temp::beside(target, "backup");
        {
            let mut dst = Connection::open_with_flags(tmp.path(), rw_create())?;
            dst.busy_timeout(LOCK_WAIT)?;
            copy(&self.conn, &mut dst, &self.path)?;
            // A backup is one self-contained file, readable without `-wal`/`-shm`.
            dst.pragma_update(None, "journal_mode", "DELETE")?;
        }
        let check = Self::check_file(tmp.path())?;
        tmp.rename_to(target)?;
        Ok(check)
    }

    /// Checks a file before it is restored: it must be an SQLite database that passes
    /// `PRAGMA integrity_check`, hold shuangsui's tables (`schema_migrations`, a schema
    /// version of at least 1) and not be newer than this program. Opened read-only.
    pub fn check_file(path: &Path) -> Result<FileCheck> {
        let conn = open_read_only(path)?;
        let not_db = |e: rusqlite::Error| not_a_database(e, path);
        let problems: Vec<String> = conn
            .prepare("PRAGMA integrity_check")
            .and_then(|mut st| {
                st.query_map([], |r| r.get::<_, String>(0))?
                    .collect::<rusqlite::Result<Vec<_>>>()
            })
            .map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::DatabaseCorrupt) => BackupError::Damaged {
                    path: path.to_path_buf(),
                    problems: vec![e.to_string()],
                },
                _ => not_db(e),
            })?;
        if problems != ["ok"] {
            return Err(BackupError::Damaged {
                path: path.to_path_buf(),
                problems: problems.into_iter().take(MAX_PROBLEMS).collect(),
            });
        }
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
               AND name IN ('schema_migrations', 'enterprises', 'audit')",
            [],
            |r| r.get(0),
        )?;
        if tables != 3 || version < 1 {
            return Err(BackupError::NotShuangsui(path.to_path_buf()));
        }
        if version > SCHEMA_VERSION {
            return Err(BackupError::NewerSchema {
                path: path.to_path_buf(),
                found: version,
                known: SCHEMA_VERSION,
            });
        }
        let count = |sql: &str| conn.query_row(sql, [], |r| r.get::<_, i64>(0));
        let enterprises = count("SELECT count(*) FROM enterprises")?;
        let audit_rows = count("SELECT count(*) FROM audit")?;
        let bytes = std::fs::metadata(path)
            .map_err(|source| io(path, source))?
            .len();
        Ok(FileCheck {
            schema_version: version,
            enterprises,
            audit_rows,
            bytes,
        })
    }

    /// Whether another connection holds the database at `path` (see the module's rule). A
    /// missing file, or one that is not (or no longer) a readable database, is not held.
    pub fn in_use(path: &Path) -> Result<Liveness> {
        let sidecars = sidecar(path, "-wal").exists() || sidecar(path, "-shm").exists();
        if !path.exists() {
            return Ok(Liveness {
                held: false,
                sidecars,
            });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(LIVE_WAIT)?;
        conn.pragma_update(None, "locking_mode", "EXCLUSIVE")?;
        let attempt = conn.execute_batch("BEGIN EXCLUSIVE").and_then(|()| {
            conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
                r.get::<_, i64>(0)
            })?;
            conn.execute_batch("COMMIT")
        });
        let held = match attempt {
            Ok(()) => false,
            Err(e) => match e.sqlite_error_code() {
                Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => true,
                Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => false,
                _ => return Err(e.into()),
            },
        };
        Ok(Liveness { held, sidecars })
    }

    /// Replaces the database at `db` by the content of `file` (checked with
    /// [`Store::check_file`] first), keeping what was at `db` as `keep`; returns `keep` when
    /// there was something to keep.
    ///
    /// An existing database is overwritten through the backup API, as one write transaction:
    /// connections that hold it (a server, with `--force`) see the restored content as they
    /// would any other change. The write lock is taken first, then the current content is
    /// copied to `keep`, then the file's content is written; no change can fall between the
    /// two. A file at `db` that is not a database is renamed to `keep` instead.
    pub fn restore_file(db: &Path, file: &Path, keep: &Path) -> Result<Option<PathBuf>> {
        if same_file(db, file) {
            return Err(BackupError::SameFile(file.to_path_buf()));
        }
        let src = open_read_only(file)?;
        if !db.exists() {
            set_aside_sidecars(db, keep)?;
            write_new(&src, file, db)?;
            return Ok(None);
        }
        if !restore_in_place(&src, file, db, keep)? {
            std::fs::rename(db, keep).map_err(|source| io(db, source))?;
            set_aside_sidecars(db, keep)?;
            write_new(&src, file, db)?;
        }
        Ok(Some(keep.to_path_buf()))
    }
}

/// The restore over an existing database; `false`, with nothing changed, when the file at
/// `db` cannot be opened as a database at all.
fn restore_in_place(src: &Connection, file: &Path, db: &Path, keep: &Path) -> Result<bool> {
    let mut dst = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    dst.busy_timeout(LOCK_WAIT)?;
    // WAL, so that the copy below can read while this connection holds the write lock.
    let mode: String = match dst.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
        Ok(m) => m,
        Err(e) => {
            return match not_a_database(e, db) {
                BackupError::NotADatabase(_) | BackupError::Damaged { .. } => Ok(false),
                other => Err(other),
            };
        }
    };
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(BackupError::Busy(db.to_path_buf()));
    }
    let current = Connection::open_with_flags(
        db,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    current.busy_timeout(LOCK_WAIT)?;
    {
        let b = Backup::new(src, &mut dst)?;
        // No pages yet: this only takes the write lock on `db`, held until the end.
        if step_until(&b, 0, db)? != StepResult::Done {
            keep_copy(&current, db, keep)?;
            while step_until(&b, -1, file)? != StepResult::Done {}
        }
    }
    drop(current);
    let problems: Vec<String> = dst
        .prepare("PRAGMA integrity_check")?
        .query_map([], |r| r.get::<_, String>(0))?
        .collect::<rusqlite::Result<_>>()?;
    if problems != ["ok"] {
        return Err(BackupError::Damaged {
            path: db.to_path_buf(),
            problems,
        });
    }
    Ok(true)
}

/// Copies what `current` reads to `keep` (temporary file, renamed when whole). It is not
/// checked: a damaged database is kept as it was, since that is when restores happen.
fn keep_copy(current: &Connection, db: &Path, keep: &Path) -> Result<()> {
    let tmp = Temp::beside(keep, "keep");
    {
        let mut out = Connection::open_with_flags(tmp.path(), rw_create())?;
        copy(current, &mut out, db)?;
        out.pragma_update(None, "journal_mode", "DELETE")?;
    }
    tmp.rename_to(keep)
}

/// Writes `src` as a new database file at `db` (temporary file, checked, renamed).
fn write_new(src: &Connection, file: &Path, db: &Path) -> Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|source| io(dir, source))?;
    }
    let tmp = Temp::beside(db, "restore");
    {
        let mut dst = Connection::open_with_flags(tmp.path(), rw_create())?;
        copy(src, &mut dst, file)?;
    }
    Store::check_file(tmp.path())?;
    tmp.rename_to(db)
}

/// `-wal`/`-shm` files beside a database that is not there (or not a database) would be
/// read as part of the new one: they are renamed beside `keep`.
fn set_aside_sidecars(db: &Path, keep: &Path) -> Result<()> {
    for suffix in ["-wal", "-shm"] {
        let from = sidecar(db, suffix);
        if from.exists() {
            std::fs::rename(&from, sidecar(keep, suffix)).map_err(|source| io(&from, source))?;
        }
    }
    Ok(())
}

/// The whole online backup from `from` to `to`, a few pages at a time; returns how often it
/// started over because another connection wrote the source.
fn copy(from: &Connection, to: &mut Connection, what: &Path) -> Result<u32> {
    let b = Backup::new(from, to)?;
    let mut restarts = 0;
    let mut last_remaining: Option<i32> = None;
    loop {
        let pages = if restarts >= RESTARTS_BEFORE_ONE_STEP {
            -1
        } else {
            PAGES_PER_STEP
        };
        if step_until(&b, pages, what)? == StepResult::Done {
            return Ok(restarts);
        }
        // Started over (or fell behind a growing source).
        let remaining = b.progress().remaining;
        if last_remaining.is_some_and(|l| remaining >= l) {
            restarts += 1;
        }
        last_remaining = Some(remaining);
        std::thread::sleep(PAUSE);
    }
}

/// One step of `pages` (all when negative), retried while the locks are busy, for at most
/// [`LOCK_WAIT`]: `Done` or `More`.
fn step_until(b: &Backup<'_, '_>, pages: i32, what: &Path) -> Result<StepResult> {
    let start = Instant::now();
    loop {
        match b.step(pages) {
            Ok(StepResult::Done) => return Ok(StepResult::Done),
            Ok(StepResult::More) => return Ok(StepResult::More),
            Ok(_) => {
                if start.elapsed() > LOCK_WAIT {
                    return Err(BackupError::Busy(what.to_path_buf()));
                }
                std::thread::sleep(PAUSE);
            }
            Err(e) => return Err(not_a_database(e, what)),
        }
    }
}

/// Opens a file only to read it. Without a `-wal` beside it the file is opened as immutable,
/// so that reading a WAL-mode copy creates no `-wal`/`-shm` files next to it.
fn open_read_only(path: &Path) -> Result<Connection> {
    if !path.is_file() {
        return Err(BackupError::Missing(path.to_path_buf()));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = match file_uri(path).filter(|_| !sidecar(path, "-wal").exists()) {
        Some(uri) => Connection::open_with_flags(
            format!("{uri}?immutable=1"),
            flags | OpenFlags::SQLITE_OPEN_URI,
        )?,
        None => Connection::open_with_flags(path, flags)?,
    };
    conn.busy_timeout(LOCK_WAIT)?;
    Ok(conn)
}

/// `file:` URI of a path (UTF-8 paths only), with the characters URIs reserve escaped.
fn file_uri(path: &Path) -> Option<String> {
    let s = path.to_str()?;
    let mut uri = String::from("file:");
    for c in s.chars() {
        match c {
            '%' | '?' | '#' | '&' | '=' => uri.push_str(&format!("%{:02X}", c as u32)),
            '\\' if cfg!(windows) => uri.push('/'),
            c => uri.push(c),
        }
    }
    Some(uri)
}

/// An SQLite error reading `path`, with "not a database" (and its kin) told apart.
fn not_a_database(e: rusqlite::Error, path: &Path) -> BackupError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => BackupError::NotADatabase(path.to_path_buf()),
        Some(ErrorCode::DatabaseCorrupt) => BackupError::Damaged {
            path: path.to_path_buf(),
            problems: vec![e.to_string()],
        },
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            BackupError::Busy(path.to_path_buf())
        }
        _ => BackupError::Sql(e),
    }
}

fn rw_create() -> OpenFlags {
    OpenFlags::SQLITE_OPEN_READ_WRITE
        | OpenFlags::SQLITE_OPEN_CREATE
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
}

fn io(path: &Path, source: std::io::Error) -> BackupError {
    BackupError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// `path` with `suffix` appended to its name (`x.sqlite3` → `x.sqlite3-wal`).
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Whether two paths name the same existing file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// A temporary file beside a target, removed (with any `-journal`) unless renamed.
struct Temp(PathBuf, bool);

impl Temp {
    fn beside(target: &Path, what: &str) -> Temp {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let path = target.with_file_name(format!(".{name}.{what}-{}.tmp", std::process::id()));
        let t = Temp(path, false);
        t.remove();
        t
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn remove(&self) {
        for p in [
            self.0.clone(),
            sidecar(&self.0, "-journal"),
            sidecar(&self.0, "-wal"),
            sidecar(&self.0, "-shm"),
        ] {
            // Absent files are the usual case.
            let _ = std::fs::remove_file(p);
        }
    }

    fn rename_to(mut self, target: &Path) -> Result<()> {
        std::fs::rename(&self.0, target).map_err(|source| io(target, source))?;
        self.1 = true;
        Ok(())
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.1 {
            self.remove();
        }
    }
}

#[cfg(test)]
mod tests;
