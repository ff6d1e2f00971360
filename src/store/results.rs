//! Assignments of released draws, inspection results with their review and publication, the
//! result categories and the working-day calendar.

use super::{Db, Result, code_at, str_at};
use crate::domain::calendar::{Calendar, CalendarEntry, DayKind};
use crate::domain::result::{
    Category, JointInspection, Offsite, OffsiteMethod, ResultData, ReviewStatus, Signature,
};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use std::collections::BTreeSet;

/// One assignment: a drawn target and its team, once the draw is released.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssignmentRow {
    pub id: i64,
    pub draw_id: i64,
    pub draw: String,
    pub code: String,
    pub enterprise_id: Option<i64>,
    pub name: String,
    /// Snapshot ids.
    pub lead: String,
    pub team: Vec<String>,
    pub items: Vec<String>,
    pub quarter: String,
    pub released_at: String,
    pub result: Option<ResultRow>,
}

/// A stored result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultRow {
    pub id: i64,
    pub revision: i64,
    pub status: ReviewStatus,
    pub data: ResultData,
    pub entered_by: String,
    pub entered_at: String,
    pub reviewed_by: Option<String>,
    pub reviewed_at: Option<String>,
    pub review_comment: String,
    pub published_at: Option<String>,
    /// Times it was returned for rework.
    pub returns: i64,
}

/// A new assignment.
pub struct NewAssignment<'a> {
    pub code: &'a str,
    pub enterprise_id: Option<i64>,
    pub lead: &'a str,
    pub team: &'a [String],
    pub items: &'a [String],
}

fn list(s: &str) -> Vec<String> {
    s.split(',')
        .filter(|x| !x.is_empty())
        .map(str::to_string)
        .collect()
}

fn set(s: &str) -> BTreeSet<String> {
    list(s).into_iter().collect()
}

fn join<'a>(it: impl IntoIterator<Item = &'a String>) -> String {
    it.into_iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(",")
}

const A_COLS: &str = "a.id, a.draw_id, d.label, a.code, a.enterprise_id, COALESCE(e.name, ''),
    a.lead, a.team, a.items, a.quarter, a.released_at";
const R_COLS: &str = "r.id, r.revision, r.status, r.inspected_on, r.present, r.items, r.category,
    r.findings, r.rectify_by, r.case_no, r.mobile_no, r.signature, r.signature_reason,
    r.evidence, r.typical, r.typical_note, r.entered_by, r.entered_at, r.reviewed_by,
    r.reviewed_at, r.review_comment, r.published_at, r.returns";

fn result_at(r: &Row<'_>, i: usize) -> rusqlite::Result<Option<ResultRow>> {
    let Some(id) = r.get::<_, Option<i64>>(i)? else {
        return Ok(None);
    };
    Ok(Some(ResultRow {
        id,
        revision: r.get(i + 1)?,
        status: code_at(r, i + 2, ReviewStatus::from_code)?,
        data: ResultData {
            inspected_on: r.get(i + 3)?,
            present: set(str_at(r, i + 4)?),
            items: set(str_at(r, i + 5)?),
            category: r.get(i + 6)?,
            findings: r.get(i + 7)?,
            rectify_by: r.get(i + 8)?,
            case_no: r.get(i + 9)?,
            mobile_no: r.get(i + 10)?,
            signature: code_at(r, i + 11, Signature::from_code)?,
            signature_reason: r.get(i + 12)?,
            evidence: r.get(i + 13)?,
            typical: r.get(i + 14)?,
            typical_note: r.get(i + 15)?,
        },
        entered_by: r.get(i + 16)?,
        entered_at: r.get(i + 17)?,
        reviewed_by: r.get(i + 18)?,
        reviewed_at: r.get(i + 19)?,
        review_comment: r.get(i + 20)?,
        published_at: r.get(i + 21)?,
        returns: r.get(i + 22)?,
    }))
}

/// A result's columns from `inspected_on` to `entered_at`, in the order both the insert and the
/// resubmission name them.
fn data_values(d: &ResultData, by: &str, at: &str) -> [Value; 15] {
    let t = |s: &str| Value::Text(s.to_string());
    [
        t(&d.inspected_on.to_string()),
        t(&join(&d.present)),
        t(&join(&d.items)),
        t(&d.category),
        t(&d.findings),
        d.rectify_by.map_or(Value::Null, |r| t(&r.to_string())),
        t(&d.case_no),
        t(&d.mobile_no),
        t(d.signature.code()),
        t(&d.signature_reason),
        t(&d.evidence),
        Value::Integer(d.typical.into()),
        t(&d.typical_note),
        t(by),
        t(at),
    ]
}

fn assignment(r: &Row<'_>) -> rusqlite::Result<AssignmentRow> {
    Ok(AssignmentRow {
        id: r.get(0)?,
        draw_id: r.get(1)?,
        draw: r.get(2)?,
        code: r.get(3)?,
        enterprise_id: r.get(4)?,
        name: r.get(5)?,
        lead: r.get(6)?,
        team: list(str_at(r, 7)?),
        items: list(str_at(r, 8)?),
        quarter: r.get(9)?,
        released_at: r.get(10)?,
        result: result_at(r, 11)?,
    })
}

impl Db<'_> {
    pub fn insert_assignment(
        &self,
        draw: i64,
        quarter: &str,
        at: &str,
        a: &NewAssignment<'_>,
    ) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO assignments (draw_id, code, enterprise_id, lead, team, items, quarter, released_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?
            .execute(params![
                draw,
                a.code,
                a.enterprise_id,
                a.lead,
                join(a.team),
                join(a.items),
                quarter,
                at
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Every assignment with its result, oldest draw first.
    pub fn assignments(&self) -> Result<Vec<AssignmentRow>> {
        let sql = format!(
            "SELECT {A_COLS}, {R_COLS} FROM assignments a
             JOIN draws d ON d.id = a.draw_id
             LEFT JOIN enterprises e ON e.id = a.enterprise_id
             LEFT JOIN results r ON r.assignment_id = a.id
             ORDER BY a.id"
        );
        let mut st = self.0.prepare_cached(&sql)?;
        let v = st
            .query_map([], assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The assignments of one quarter with their results.
    pub fn assignments_of(&self, quarter: &str) -> Result<Vec<AssignmentRow>> {
        let sql = format!(
            "SELECT {A_COLS}, {R_COLS} FROM assignments a
             JOIN draws d ON d.id = a.draw_id
             LEFT JOIN enterprises e ON e.id = a.enterprise_id
             LEFT JOIN results r ON r.assignment_id = a.id
             WHERE a.quarter = ?1
             ORDER BY a.id"
        );
        let mut st = self.0.prepare_cached(&sql)?;
        let v = st
            .query_map([quarter], assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Records a department-joint inspection.
    pub fn insert_joint(&self, j: &JointInspection, by: &str, at: &str) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO joint_inspections (inspected_on, departments, lead, subjects, note, entered_by, entered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )?
            .execute(params![
                j.date,
                j.departments.join("、"),
                j.lead,
                join(&j.subjects),
                j.note,
                by,
                at
            ])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Department-joint inspections dated in `[from, to]`.
    pub fn joints_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<JointInspection>> {
        let mut st = self.0.prepare_cached(
            "SELECT inspected_on, departments, lead, subjects, note FROM joint_inspections
             WHERE inspected_on BETWEEN ?1 AND ?2 ORDER BY inspected_on, id",
        )?;
        let v = st
            .query_map(params![from, to], |r| {
                Ok(JointInspection {
                    date: r.get(0)?,
                    departments: str_at(r, 1)?
                        .split('、')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    lead: r.get(2)?,
                    subjects: set(str_at(r, 3)?),
                    note: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The year's department-joint targets: inspections, subjects.
    pub fn joint_targets(&self, year: i32) -> Result<Option<(u32, u32)>> {
        Ok(self
            .0
            .prepare_cached("SELECT inspections, subjects FROM joint_targets WHERE year = ?1")?
            .query_row([year], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    pub fn set_joint_targets(&self, year: i32, inspections: u32, subjects: u32) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO joint_targets (year, inspections, subjects) VALUES (?1, ?2, ?3)
                 ON CONFLICT (year) DO UPDATE SET inspections = ?2, subjects = ?3",
            )?
            .execute(params![year, inspections, subjects])?;
        Ok(())
    }

    pub fn assignment(&self, id: i64) -> Result<Option<AssignmentRow>> {
        let sql = format!(
            "SELECT {A_COLS}, {R_COLS} FROM assignments a
             JOIN draws d ON d.id = a.draw_id
             LEFT JOIN enterprises e ON e.id = a.enterprise_id
             LEFT JOIN results r ON r.assignment_id = a.id
             WHERE a.id = ?1"
        );
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([id], assignment)
            .optional()?)
    }

    /// Inserts a result; false when the assignment already has one.
    pub fn insert_result(
        &self,
        assignment: i64,
        d: &ResultData,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "INSERT INTO results (assignment_id, status, inspected_on, present, items, category,
                   findings, rectify_by, case_no, mobile_no, signature, signature_reason, evidence,
                   typical, typical_note, entered_by, entered_at)
                 VALUES (?1, 'submitted', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
                 ON CONFLICT (assignment_id) DO NOTHING",
            )?
            .execute(params_from_iter(
                [Value::Integer(assignment)]
                    .into_iter()
                    .chain(data_values(d, by, at)),
            ))?;
        Ok(n == 1)
    }

    /// Replaces a returned result (it goes back to review); false when it is not returned or
    /// someone else changed it since `revision`.
    pub fn resubmit_result(
        &self,
        id: i64,
        revision: i64,
        d: &ResultData,
        by: &str,
        at: &str,
    ) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE results SET revision = revision + 1, status = 'submitted', inspected_on = ?3,
                   present = ?4, items = ?5, category = ?6, findings = ?7, rectify_by = ?8,
                   case_no = ?9, mobile_no = ?10, signature = ?11, signature_reason = ?12,
                   evidence = ?13, typical = ?14, typical_note = ?15, entered_by = ?16,
                   entered_at = ?17
                 WHERE id = ?1 AND revision = ?2 AND status = 'returned'",
            )?
            .execute(params_from_iter(
                [Value::Integer(id), Value::Integer(revision)]
                    .into_iter()
                    .chain(data_values(d, by, at)),
            ))?;
        Ok(n == 1)
    }

    /// Approves or returns a submitted result; false when it was not awaiting review at
    /// `revision`.
    pub fn review_result(
        &self,
        id: i64,
        revision: i64,
        to: ReviewStatus,
        by: &str,
        at: &str,
        comment: &str,
    ) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE results SET status = ?3, reviewed_by = ?4, reviewed_at = ?5,
                   review_comment = ?6, revision = revision + 1,
                   returns = returns + (CASE WHEN ?3 = 'returned' THEN 1 ELSE 0 END)
                 WHERE id = ?1 AND revision = ?2 AND status = 'submitted'",
            )?
            .execute(params![id, revision, to.code(), by, at, comment])?;
        Ok(n == 1)
    }

    /// Marks approved results as published (those not yet published); returns how many.
    pub fn mark_published(&self, ids: &[i64], at: &str) -> Result<usize> {
        let mut st = self.0.prepare_cached(
            "UPDATE results SET published_at = ?2
             WHERE id = ?1 AND status = 'approved' AND published_at IS NULL",
        )?;
        let mut n = 0;
        for id in ids {
            n += st.execute(params![id, at])?;
        }
        Ok(n)
    }

    /// The result categories, in their order, with whether each is in use.
    pub fn categories(&self) -> Result<Vec<(Category, bool)>> {
        let mut st = self.0.prepare_cached(
            "SELECT code, name, name_en, problem, needs_case, needs_remark, active
             FROM result_categories ORDER BY position, code",
        )?;
        let v = st
            .query_map([], |r| {
                Ok((
                    Category {
                        code: r.get(0)?,
                        name: r.get(1)?,
                        name_en: r.get(2)?,
                        problem: r.get(3)?,
                        needs_case: r.get(4)?,
                        needs_remark: r.get(5)?,
                    },
                    r.get(6)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Adds or changes a category (kept at its place; a new one goes last).
    pub fn put_category(&self, c: &Category, active: bool) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO result_categories (code, name, name_en, problem, needs_case, needs_remark, active, position)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, (SELECT COALESCE(MAX(position), 0) + 1 FROM result_categories))
                 ON CONFLICT (code) DO UPDATE SET name = ?2, name_en = ?3, problem = ?4,
                   needs_case = ?5, needs_remark = ?6, active = ?7",
            )?
            .execute(params![
                c.code,
                c.name,
                c.name_en,
                c.problem,
                c.needs_case,
                c.needs_remark,
                active
            ])?;
        Ok(())
    }

    /// Adds or replaces the off-site record of a firm for a quarter and method.
    pub fn put_offsite(
        &self,
        enterprise: i64,
        quarter: &str,
        o: &Offsite,
        by: &str,
        at: &str,
    ) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO offsite_records (enterprise_id, quarter, method, checked_on, result, note, entered_by, entered_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT (enterprise_id, quarter, method) DO UPDATE SET checked_on = ?4,
                   result = ?5, note = ?6, entered_by = ?7, entered_at = ?8",
            )?
            .execute(params![
                enterprise,
                quarter,
                o.method.code(),
                o.checked_on,
                o.result,
                o.note,
                by,
                at
            ])?;
        Ok(())
    }

    /// The off-site records of a quarter: enterprise id and record, by enterprise.
    pub fn offsite_of(&self, quarter: &str) -> Result<Vec<(i64, Offsite)>> {
        let mut st = self.0.prepare_cached(
            "SELECT enterprise_id, method, checked_on, result, note FROM offsite_records
             WHERE quarter = ?1 ORDER BY enterprise_id, method",
        )?;
        let v = st
            .query_map([quarter], |r| {
                Ok((
                    r.get(0)?,
                    Offsite {
                        method: code_at(r, 1, OffsiteMethod::from_code)?,
                        checked_on: r.get(2)?,
                        result: r.get(3)?,
                        note: r.get(4)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The working-day calendar as stored.
    pub fn calendar(&self) -> Result<Calendar> {
        let mut st = self
            .0
            .prepare_cached("SELECT day, kind, note FROM calendar_days ORDER BY day")?;
        let entries: Vec<CalendarEntry> = st
            .query_map([], |r| {
                Ok(CalendarEntry::new(
                    r.get(0)?,
                    code_at(r, 1, DayKind::from_code)?,
                    r.get::<_, String>(2)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut st = self
            .0
            .prepare_cached("SELECT year FROM calendar_years ORDER BY year")?;
        let years: BTreeSet<i32> = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Calendar::with_years(entries, years)
            .map_err(|e| super::StoreError::Corrupt(format!("calendar: {e}")))
    }

    /// Sets one day's kind (a holiday on a weekday, a make-up working day on a weekend) and
    /// marks its year as entered.
    pub fn set_calendar_day(&self, day: NaiveDate, kind: DayKind, note: &str) -> Result<()> {
        self.0
            .prepare_cached(
                "INSERT INTO calendar_days (day, kind, note) VALUES (?1, ?2, ?3)
                 ON CONFLICT (day) DO UPDATE SET kind = ?2, note = ?3",
            )?
            .execute(params![day, kind.code(), note])?;
        self.add_calendar_year(chrono::Datelike::year(&day))
    }

    /// Removes a day's entry (it becomes an ordinary day); false when there was none.
    pub fn remove_calendar_day(&self, day: NaiveDate) -> Result<bool> {
        let n = self
            .0
            .prepare_cached("DELETE FROM calendar_days WHERE day = ?1")?
            .execute([day])?;
        Ok(n == 1)
    }

    /// Marks a year's schedule as entered (even one with no entries).
    pub fn add_calendar_year(&self, year: i32) -> Result<()> {
        self.0
            .prepare_cached("INSERT INTO calendar_years (year) VALUES (?1) ON CONFLICT DO NOTHING")?
            .execute([year])?;
        Ok(())
    }
}
