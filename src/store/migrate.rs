//! Applies `db/migrations/*.sql` in order, each in its own transaction, recording the count in
//! `PRAGMA user_version` and each name and time in `schema_migrations`.

use super::{Db, Result, StoreError};
use rusqlite::Connection;

const MIGRATIONS: &[(&str, &str)] = &[
    (
        "0001_foundation",
        include_str!("../../db/migrations/0001_foundation.sql"),
    ),
    (
        "0002_user_preferences",
        include_str!("../../db/migrations/0002_user_preferences.sql"),
    ),
    (
        "0003_draws",
        include_str!("../../db/migrations/0003_draws.sql"),
    ),
    (
        "0004_plans_inspections",
        include_str!("../../db/migrations/0004_plans_inspections.sql"),
    ),
    (
        "0005_ceremony",
        include_str!("../../db/migrations/0005_ceremony.sql"),
    ),
];

/// The schema version this program writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a database written by a newer version; returns the version found.
pub(super) fn check_version(conn: &Connection) -> Result<i64> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > SCHEMA_VERSION {
        return Err(StoreError::NewerSchema {
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(found)
}

pub(super) fn migrate(conn: &mut Connection) -> Result<()> {
    let found = check_version(conn)?;
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        // Another process may have migrated while we waited for the lock.
        let now: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if now > i as i64 {
            continue;
        }
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (name, applied_at) VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'))",
            [name],
        )?;
        tx.pragma_update(None, "user_version", i as i64 + 1)?;
        tx.commit()?;
    }
    Ok(())
}

impl Db<'_> {
    pub fn user_version(&self) -> Result<i64> {
        Ok(self
            .0
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }
}
