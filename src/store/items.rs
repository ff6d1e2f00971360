//! Check items and their versions.

use super::{Db, Result, vocab};
use crate::domain::item::*;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};

const COLS: &str = "id, version, code, name, basis, subject, method, scope, effective_from, effective_until, retired_reason, expertise";

fn row(r: &Row<'_>) -> rusqlite::Result<ItemVersion> {
    Ok(ItemVersion {
        id: r.get(0)?,
        version: r.get(1)?,
        data: ItemData {
            code: r.get(2)?,
            name: r.get(3)?,
            basis: r.get(4)?,
            subject: r.get(5)?,
            method: vocab(&r.get::<_, String>(6)?, Method::from_code)?,
            scope: r.get(7)?,
            expertise: split_codes(&r.get::<_, String>(11)?),
        },
        effective_from: r.get(8)?,
        effective_until: r.get(9)?,
        retired_reason: r.get(10)?,
    })
}

impl Db<'_> {
    /// Every version of every item, by code and version.
    pub fn item_versions(&self) -> Result<Vec<ItemVersion>> {
        let sql = format!("SELECT {COLS} FROM check_items ORDER BY code, version");
        let mut st = self.0.prepare_cached(&sql)?;
        let v = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The newest version of an item (in force or not).
    pub fn latest_item(&self, code: &str) -> Result<Option<ItemVersion>> {
        let sql =
            format!("SELECT {COLS} FROM check_items WHERE code = ?1 ORDER BY version DESC LIMIT 1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([code], row)
            .optional()?)
    }

    pub fn insert_item_version(&self, d: &ItemData, version: i64, from: NaiveDate) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO check_items (code, version, name, basis, subject, method, scope, effective_from, expertise)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![d.code, version, d.name, d.basis, d.subject, d.method.code(), d.scope, from, join_codes(&d.expertise)])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Ends a version's validity on `until` (exclusive); `reason` is kept when retiring.
    pub fn close_item_version(&self, id: i64, until: NaiveDate, reason: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE check_items SET effective_until = ?2, retired_reason = ?3 WHERE id = ?1 AND effective_until IS NULL",
            )?
            .execute(params![id, until, reason])?;
        Ok(n == 1)
    }
}
