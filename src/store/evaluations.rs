//! The leaders' evaluations of inspectors per quarter (S9), and the reason recorded when a
//! leader prepared a draw for a quarter that had already ended (migration 0009).

use super::{Db, Result, StoreError};
use crate::domain::stats::{Evaluation, Grade};
use rusqlite::{OptionalExtension, params};

impl Db<'_> {
    /// Records (or replaces) an inspector's evaluation for a quarter.
    pub fn put_evaluation(&self, e: &Evaluation) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO evaluations (inspector, quarter, grade, remark, by_user, at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (inspector, quarter)
                 DO UPDATE SET grade = ?3, remark = ?4, by_user = ?5, at = ?6",
            )?
            .execute(params![
                e.inspector,
                e.quarter.to_string(),
                e.grade.code(),
                e.remark,
                e.by,
                e.at
            ])?;
        Ok(())
    }

    /// The evaluations of a quarter, by inspector.
    pub fn evaluations_of(&self, quarter: &str) -> Result<Vec<Evaluation>> {
        let mut st = self.0.prepare_cached(
            "SELECT inspector, quarter, grade, remark, by_user, at FROM evaluations
             WHERE quarter = ?1 ORDER BY inspector",
        )?;
        let rows = st
            .query_map([quarter], |r| {
                Ok((
                    r.get::<_, String>("inspector")?,
                    r.get::<_, String>("quarter")?,
                    r.get::<_, String>("grade")?,
                    r.get::<_, String>("remark")?,
                    r.get::<_, String>("by_user")?,
                    r.get::<_, String>("at")?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        rows.into_iter()
            .map(|(inspector, q, grade, remark, by, at)| {
                let bad = || StoreError::Corrupt(format!("evaluation {inspector} {q}"));
                Ok(Evaluation {
                    quarter: q.parse().map_err(|_| bad())?,
                    grade: Grade::from_code(&grade).ok_or_else(bad)?,
                    inspector,
                    remark,
                    by,
                    at,
                })
            })
            .collect()
    }

    /// Records why a leader prepared a draw for an ended quarter.
    pub fn set_late_reason(&self, draw: i64, reason: &str) -> Result<()> {
        self.0
            .prepare_cached("UPDATE draws SET late_reason = ?2 WHERE id = ?1")?
            .execute(params![draw, reason])?;
        Ok(())
    }

    /// The reason given for preparing a draw for an ended quarter, if any.
    pub fn late_reason(&self, draw: i64) -> Result<Option<String>> {
        Ok(self
            .0
            .prepare_cached("SELECT late_reason FROM draws WHERE id = ?1")?
            .query_row([draw], |r| r.get::<_, Option<String>>(0))
            .optional()?
            .flatten())
    }
}
