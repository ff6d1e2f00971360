//! Re-checks (`rechecks`) of rectification follow-ups: one per result, never changed.

use super::columns::{Table, c, col, param, sql};
use super::{Db, Result};
use crate::domain::followup::{Outcome, Recheck};
use std::collections::HashMap;

/// A re-check's columns.
const RECHECKS: Table = Table {
    name: "rechecks",
    alias: "",
    read: &[
        c("result_id"),
        c("checked_on"),
        c("officers"),
        c("outcome"),
        c("case_no"),
        c("remark"),
    ],
    write: &[
        "result_id",
        "checked_on",
        "officers",
        "outcome",
        "case_no",
        "remark",
        "entered_by",
        "entered_at",
    ],
};

impl Db<'_> {
    /// Records a re-check; false when the result already has one.
    pub fn insert_recheck(&self, result_id: i64, r: &Recheck, by: &str, at: &str) -> Result<bool> {
        let officers: Vec<&str> = r.officers.iter().map(String::as_str).collect();
        const T: Table = RECHECKS;
        let mut v = RECHECKS.values();
        v.set(param!(T, result_id), result_id)
            .set(param!(T, checked_on), r.date.to_string())
            .set(param!(T, officers), officers.join(","))
            .set(param!(T, outcome), r.outcome.code().to_string())
            .set(param!(T, case_no), r.case_no.clone())
            .set(param!(T, remark), r.remark.clone())
            .set(param!(T, entered_by), by.to_string())
            .set(param!(T, entered_at), at.to_string());
        let sql = sql!(
            RECHECKS
                .insert(&[])
                .replacen("INSERT", "INSERT OR IGNORE", 1)
        );
        let n = v.execute(&mut self.0.prepare_cached(sql)?, &[])?;
        Ok(n == 1)
    }

    /// Every re-check, by result.
    pub fn rechecks(&self) -> Result<HashMap<i64, Recheck>> {
        let sql = sql!(format!("SELECT {} FROM rechecks", RECHECKS.select()));
        let mut st = self.0.prepare_cached(sql)?;
        let mut rows = st.query([])?;
        let mut out = HashMap::new();
        while let Some(r) = rows.next()? {
            let code: String = r.get(col!(RECHECKS, outcome))?;
            let outcome = Outcome::ALL
                .into_iter()
                .find(|o| o.code() == code)
                .ok_or_else(|| super::StoreError::Corrupt(format!("recheck outcome {code}")))?;
            let officers: String = r.get(col!(RECHECKS, officers))?;
            out.insert(
                r.get(col!(RECHECKS, result_id))?,
                Recheck {
                    date: r.get(col!(RECHECKS, checked_on))?,
                    officers: officers
                        .split(',')
                        .filter(|x| !x.is_empty())
                        .map(str::to_string)
                        .collect(),
                    outcome,
                    case_no: r.get(col!(RECHECKS, case_no))?,
                    remark: r.get(col!(RECHECKS, remark))?,
                },
            );
        }
        Ok(out)
    }
}
