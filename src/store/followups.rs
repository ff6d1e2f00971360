//! Re-checks (`rechecks`) of rectification follow-ups: one per result, never changed.

use super::{Db, Result};
use crate::domain::followup::{Outcome, Recheck};
use rusqlite::params;
use std::collections::HashMap;

impl Db<'_> {
    /// Records a re-check; false when the result already has one.
    pub fn insert_recheck(&self, result_id: i64, r: &Recheck, by: &str, at: &str) -> Result<bool> {
        let officers: Vec<&str> = r.officers.iter().map(String::as_str).collect();
        let n = self
            .0
            .prepare_cached(
                "INSERT OR IGNORE INTO rechecks
                 (result_id, checked_on, officers, outcome, case_no, remark, entered_by, entered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                result_id,
                r.date,
                officers.join(","),
                r.outcome.code(),
                r.case_no,
                r.remark,
                by,
                at
            ])?;
        Ok(n == 1)
    }

    /// Every re-check, by result.
    pub fn rechecks(&self) -> Result<HashMap<i64, Recheck>> {
        let mut st = self.0.prepare_cached(
            "SELECT result_id, checked_on, officers, outcome, case_no, remark FROM rechecks",
        )?;
        let mut rows = st.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let code: String = r.get("outcome")?;
            let outcome = Outcome::ALL
                .into_iter()
                .find(|o| o.code() == code)
                .ok_or_else(|| super::StoreError::Corrupt(format!("recheck outcome {code}")))?;
            let officers: String = r.get("officers")?;
            out.insert(
                r.get("result_id")?,
                Recheck {
                    date: r.get("checked_on")?,
                    officers: officers
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect(),
                    outcome,
                    case_no: r.get("case_no")?,
                    remark: r.get("remark")?,
                },
            );
        }
        Ok(out)
    }
}
