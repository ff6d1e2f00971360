//! Files kept by the system, once each, named by the SHA-256 of their bytes (`stored_files`,
//! append-only): the files imports read. Their integrity is part of `audit verify`.

use super::{Db, Result};
use rusqlite::OptionalExtension;

impl Db<'_> {
    /// Keeps `bytes` under `sha256` (its digest, lowercase hex) unless already kept; true when
    /// written now.
    pub fn put_file(&self, sha256: &str, bytes: &[u8], at: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT OR IGNORE INTO stored_files (sha256, size, bytes, stored_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(rusqlite::params![sha256, bytes.len() as i64, bytes, at])?;
        Ok(n == 1)
    }

    /// The bytes kept under `sha256`.
    pub fn stored_file(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .0
            .prepare_cached("SELECT bytes FROM stored_files WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    /// Calls `f` with the name and bytes of every kept file, in name order.
    pub fn each_stored_file(&self, mut f: impl FnMut(&str, &[u8])) -> Result<()> {
        let mut st = self
            .0
            .prepare("SELECT sha256, bytes FROM stored_files ORDER BY sha256")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            let name: String = r.get(0)?;
            let bytes: Vec<u8> = r.get(1)?;
            f(&name, &bytes);
        }
        Ok(())
    }
}
