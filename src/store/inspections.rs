//! The record of inspections (检查记录).

use super::{Db, Result};
use crate::domain::inspection::Visit;
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
use std::collections::{BTreeSet, HashMap};

/// Where a stored inspection came from.
pub const SOURCE_IMPORT: &str = "import";

fn join(set: &BTreeSet<String>) -> String {
    set.iter().map(String::as_str).collect::<Vec<_>>().join(",")
}

fn split(s: &str) -> BTreeSet<String> {
    s.split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

fn visit(r: &Row<'_>) -> rusqlite::Result<Visit> {
    Ok(Visit {
        date: r.get("inspected_on")?,
        items: split(r.get_ref("items")?.as_str()?),
        lead: r.get("lead")?,
        team: split(r.get_ref("team")?.as_str()?),
        note: r.get("note")?,
    })
}

impl Db<'_> {
    /// The inspection of an enterprise on a date (the natural key), with its id.
    pub fn inspection_on(&self, enterprise: i64, date: NaiveDate) -> Result<Option<(i64, Visit)>> {
        Ok(self
            .0
            .prepare_cached(
                "SELECT id, inspected_on, items, lead, team, note FROM inspections
                 WHERE enterprise_id = ?1 AND inspected_on = ?2",
            )?
            .query_row(params![enterprise, date], |r| Ok((r.get(0)?, visit(r)?)))
            .optional()?)
    }

    pub fn insert_inspection(
        &self,
        enterprise: i64,
        v: &Visit,
        source: &str,
        by: &str,
        at: &str,
    ) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO inspections (enterprise_id, inspected_on, items, lead, team, note,
                   source, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?
            .execute(params![
                enterprise,
                v.date,
                join(&v.items),
                v.lead,
                join(&v.team),
                v.note,
                source,
                by,
                at
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn update_inspection(&self, id: i64, v: &Visit) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE inspections SET items = ?2, lead = ?3, team = ?4, note = ?5 WHERE id = ?1",
            )?
            .execute(params![id, join(&v.items), v.lead, join(&v.team), v.note])?;
        Ok(())
    }

    /// Records the visit of a result entered in the system (replacing the visit an earlier
    /// version of that result recorded).
    pub fn record_result_visit(&self, enterprise: i64, draw: i64, v: &Visit) -> Result<()> {
        self.0
            .prepare_cached(
                "DELETE FROM inspections WHERE enterprise_id = ?1 AND draw_id = ?2 AND source = 'result'",
            )?
            .execute(params![enterprise, draw])?;
        self.0
            .prepare_cached(
                "INSERT INTO inspections (enterprise_id, inspected_on, items, lead, team, note,
                   draw_id, source, recorded_by, recorded_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, 'result', '', '')
                 ON CONFLICT (enterprise_id, inspected_on) DO UPDATE SET items = ?3, lead = ?4,
                   team = ?5, draw_id = ?6, source = 'result'",
            )?
            .execute(params![
                enterprise,
                v.date,
                join(&v.items),
                v.lead,
                join(&v.team),
                draw
            ])?;
        Ok(())
    }

    /// Every inspection on or after `from`, by enterprise id.
    pub fn visits_since(&self, from: NaiveDate) -> Result<HashMap<i64, Vec<Visit>>> {
        let mut st = self.0.prepare_cached(
            "SELECT enterprise_id, inspected_on, items, lead, team, note FROM inspections
             WHERE inspected_on >= ?1",
        )?;
        let mut out: HashMap<i64, Vec<Visit>> = HashMap::new();
        for r in st.query_map([from], |r| Ok((r.get::<_, i64>(0)?, visit(r)?)))? {
            let (id, v) = r?;
            out.entry(id).or_default().push(v);
        }
        Ok(out)
    }

    /// The latest inspection naming a lead, per enterprise: its lead's certificate number.
    pub fn latest_leads(&self) -> Result<HashMap<i64, String>> {
        let mut st = self.0.prepare_cached(
            "SELECT enterprise_id, lead FROM inspections i WHERE lead <> '' AND inspected_on =
               (SELECT MAX(inspected_on) FROM inspections j
                WHERE j.enterprise_id = i.enterprise_id AND j.lead <> '')",
        )?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Enterprises inspected in `[from, to]`.
    pub fn inspected_between(&self, from: NaiveDate, to: NaiveDate) -> Result<BTreeSet<i64>> {
        let mut st = self.0.prepare_cached(
            "SELECT DISTINCT enterprise_id FROM inspections WHERE inspected_on BETWEEN ?1 AND ?2",
        )?;
        let v = st
            .query_map(params![from, to], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}
