//! Key/value settings (ratios, windows, limits; values are JSON text) and each quarterly
//! plan's own ratios.

use super::{Db, Result};
use rusqlite::{OptionalExtension, params};

impl Db<'_> {
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    pub fn set_setting(&self, key: &str, value: &str) -> Result<()> {
        self.0
            .prepare_cached("INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value")?
            .execute([key, value])?;
        Ok(())
    }

    /// A quarter's plan ratios (JSON), if the quarter has its own.
    pub fn plan_ratios(&self, quarter: &str) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT ratios FROM plans WHERE quarter = ?1")?
            .query_row([quarter], |r| r.get(0))
            .optional()?)
    }

    pub fn set_plan_ratios(&self, quarter: &str, ratios: &str, by: &str, at: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO plans (quarter, ratios, updated_by, updated_at) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (quarter) DO UPDATE SET ratios = ?2, updated_by = ?3, updated_at = ?4",
            )?
            .execute(params![quarter, ratios, by, at])?;
        Ok(())
    }
}
