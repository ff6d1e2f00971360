//! Backups as data: what a checked database file holds ([`FileCheck`]), what a restore did
//! ([`Restored`]), and the limits the backup commands and their messages share.

use std::path::PathBuf;
use std::time::Duration;

/// How long `store::Store::in_use` tries to take the exclusive lock.
pub const LIVE_WAIT: Duration = Duration::from_millis(300);

/// What a checked file holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    pub schema_version: i64,
    pub enterprises: i64,
    pub audit_rows: i64,
    /// The file's size.
    pub bytes: u64,
}

/// The longest retention accepted, in days (ten years).
pub const MAX_KEEP_DAYS: u32 = 3660;

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// What the restored file holds (schema version before any upgrade).
    pub check: FileCheck,
    /// Where the database that was replaced is kept, when there was one.
    pub kept: Option<PathBuf>,
    /// Another process held the database (the restore was forced).
    pub was_held: bool,
    /// The schema version after opening (upgraded when the file was older).
    pub schema_version: i64,
}
