//! Assignments of released draws, inspection results with their review and publication, the
//! result categories and the working-day calendar.

use super::columns::{Table, Values, c, col, expr, param, sql};
use super::{Db, Result, code_at, str_at};
use crate::domain::calendar::{Calendar, CalendarEntry, DayKind};
use crate::domain::result::{
    Category, JointInspection, Offsite, OffsiteMethod, ResultData, ReviewStatus, Signature,
};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, params};
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

/// How [`Db::replace_result`] replaces a result's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// A returned result entered again: it goes back to review.
    Resubmit,
    /// A published result corrected (更正).
    Correct,
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

/// An assignment's columns, read with its draw's label and its enterprise's name.
const ASSIGNMENTS: Table = Table {
    name: "assignments",
    alias: "a",
    read: &[
        c("id"),
        c("draw_id"),
        expr("draw_label", "d.label"),
        c("code"),
        c("enterprise_id"),
        expr("enterprise_name", "COALESCE(e.name, '')"),
        c("lead"),
        c("team"),
        c("items"),
        c("quarter"),
        c("released_at"),
    ],
    write: &[
        "draw_id",
        "code",
        "enterprise_id",
        "lead",
        "team",
        "items",
        "quarter",
        "released_at",
    ],
};

/// A result's columns; what an inspector enters (from `inspected_on` to `entered_at`) is
/// written by both the insert and the resubmission.
const RESULTS: Table = Table {
    name: "results",
    alias: "r",
    read: &[
        c("id"),
        c("revision"),
        c("status"),
        c("inspected_on"),
        c("present"),
        c("items"),
        c("category"),
        c("findings"),
        c("rectify_by"),
        c("case_no"),
        c("mobile_no"),
        c("signature"),
        c("signature_reason"),
        c("evidence"),
        c("typical"),
        c("typical_note"),
        c("entered_by"),
        c("entered_at"),
        c("reviewed_by"),
        c("reviewed_at"),
        c("review_comment"),
        c("published_at"),
        c("returns"),
    ],
    write: &[
        "inspected_on",
        "present",
        "items",
        "category",
        "findings",
        "rectify_by",
        "case_no",
        "mobile_no",
        "signature",
        "signature_reason",
        "evidence",
        "typical",
        "typical_note",
        "entered_by",
        "entered_at",
    ],
};

/// Every assignment with its result (if any); a WHERE and ORDER BY follow.
fn assignments_select() -> String {
    format!(
        "SELECT {}, {} FROM assignments a
         JOIN draws d ON d.id = a.draw_id
         LEFT JOIN enterprises e ON e.id = a.enterprise_id
         LEFT JOIN results r ON r.assignment_id = a.id",
        ASSIGNMENTS.select(),
        RESULTS.select()
    )
}

/// The result read after the assignment's columns, if there is one.
fn result_of(r: &Row<'_>) -> rusqlite::Result<Option<ResultRow>> {
    const T: Table = RESULTS;
    let at = |i: usize| ASSIGNMENTS.read.len() + i;
    let Some(id) = r.get::<_, Option<i64>>(at(col!(T, id)))? else {
        return Ok(None);
    };
    Ok(Some(ResultRow {
        id,
        revision: r.get(at(col!(T, revision)))?,
        status: code_at(r, at(col!(T, status)), ReviewStatus::from_code)?,
        data: ResultData {
            inspected_on: r.get(at(col!(T, inspected_on)))?,
            present: set(str_at(r, at(col!(T, present)))?),
            items: set(str_at(r, at(col!(T, items)))?),
            category: r.get(at(col!(T, category)))?,
            findings: r.get(at(col!(T, findings)))?,
            rectify_by: r.get(at(col!(T, rectify_by)))?,
            case_no: r.get(at(col!(T, case_no)))?,
            mobile_no: r.get(at(col!(T, mobile_no)))?,
            signature: code_at(r, at(col!(T, signature)), Signature::from_code)?,
            signature_reason: r.get(at(col!(T, signature_reason)))?,
            evidence: r.get(at(col!(T, evidence)))?,
            typical: r.get(at(col!(T, typical)))?,
            typical_note: r.get(at(col!(T, typical_note)))?,
        },
        entered_by: r.get(at(col!(T, entered_by)))?,
        entered_at: r.get(at(col!(T, entered_at)))?,
        reviewed_by: r.get(at(col!(T, reviewed_by)))?,
        reviewed_at: r.get(at(col!(T, reviewed_at)))?,
        review_comment: r.get(at(col!(T, review_comment)))?,
        published_at: r.get(at(col!(T, published_at)))?,
        returns: r.get(at(col!(T, returns)))?,
    }))
}

/// What an inspector entered, each value set by its column's name.
fn data_values(d: &ResultData, by: &str, at: &str) -> Values<'static> {
    const T: Table = RESULTS;
    let mut v = RESULTS.values();
    v.set(param!(T, inspected_on), d.inspected_on.to_string())
        .set(param!(T, present), join(&d.present))
        .set(param!(T, items), join(&d.items))
        .set(param!(T, category), d.category.clone())
        .set(param!(T, findings), d.findings.clone())
        .set(param!(T, rectify_by), d.rectify_by.map(|r| r.to_string()))
        .set(param!(T, case_no), d.case_no.clone())
        .set(param!(T, mobile_no), d.mobile_no.clone())
        .set(param!(T, signature), d.signature.code().to_string())
        .set(param!(T, signature_reason), d.signature_reason.clone())
        .set(param!(T, evidence), d.evidence.clone())
        .set(param!(T, typical), d.typical)
        .set(param!(T, typical_note), d.typical_note.clone())
        .set(param!(T, entered_by), by.to_string())
        .set(param!(T, entered_at), at.to_string());
    v
}

fn assignment(r: &Row<'_>) -> rusqlite::Result<AssignmentRow> {
    const T: Table = ASSIGNMENTS;
    Ok(AssignmentRow {
        id: r.get(col!(T, id))?,
        draw_id: r.get(col!(T, draw_id))?,
        draw: r.get(col!(T, draw_label))?,
        code: r.get(col!(T, code))?,
        enterprise_id: r.get(col!(T, enterprise_id))?,
        name: r.get(col!(T, enterprise_name))?,
        lead: r.get(col!(T, lead))?,
        team: list(str_at(r, col!(T, team))?),
        items: list(str_at(r, col!(T, items))?),
        quarter: r.get(col!(T, quarter))?,
        released_at: r.get(col!(T, released_at))?,
        result: result_of(r)?,
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
        const T: Table = ASSIGNMENTS;
        let mut st = self.0.prepare_cached(sql!(ASSIGNMENTS.insert(&[])))?;
        let mut v = ASSIGNMENTS.values();
        v.set(param!(T, draw_id), draw)
            .set(param!(T, code), a.code.to_string())
            .set(param!(T, enterprise_id), a.enterprise_id)
            .set(param!(T, lead), a.lead.to_string())
            .set(param!(T, team), join(a.team))
            .set(param!(T, items), join(a.items))
            .set(param!(T, quarter), quarter.to_string())
            .set(param!(T, released_at), at.to_string());
        v.execute(&mut st, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Every assignment with its result, oldest draw first.
    pub fn assignments(&self) -> Result<Vec<AssignmentRow>> {
        let sql = sql!(format!("{} ORDER BY a.id", assignments_select()));
        let mut st = self.0.prepare_cached(sql)?;
        let v = st
            .query_map([], assignment)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The assignments of one quarter with their results.
    pub fn assignments_of(&self, quarter: &str) -> Result<Vec<AssignmentRow>> {
        let sql = sql!(format!(
            "{} WHERE a.quarter = ?1 ORDER BY a.id",
            assignments_select()
        ));
        let mut st = self.0.prepare_cached(sql)?;
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
                    date: r.get("inspected_on")?,
                    departments: r
                        .get_ref("departments")?
                        .as_str()?
                        .split('、')
                        .filter(|s| !s.is_empty())
                        .map(str::to_string)
                        .collect(),
                    lead: r.get("lead")?,
                    subjects: set(r.get_ref("subjects")?.as_str()?),
                    note: r.get("note")?,
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
        let sql = sql!(format!("{} WHERE a.id = ?1", assignments_select()));
        Ok(self
            .0
            .prepare_cached(sql)?
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
        let sql = sql!(format!(
            "{} ON CONFLICT (assignment_id) DO NOTHING",
            RESULTS.insert(&[("assignment_id", ":assignment"), ("status", "'submitted'")])
        ));
        let mut st = self.0.prepare_cached(sql)?;
        let n = data_values(d, by, at).execute(&mut st, &[(":assignment", &assignment)])?;
        Ok(n == 1)
    }

    /// Replaces a result's data: a returned result entered again (it goes back to review), or
    /// a published one corrected (the version it replaces is kept in `result_versions` by the
    /// caller). False when it is not in that state or someone else changed it since
    /// `revision`.
    pub fn replace_result(
        &self,
        how: Replace,
        (id, revision): (i64, i64),
        d: &ResultData,
        (by, at): (&str, &str),
    ) -> Result<bool> {
        let sql = match how {
            Replace::Resubmit => sql!(format!(
                "UPDATE results SET {}, revision = revision + 1, status = 'submitted'
                 WHERE id = :id AND revision = :revision AND status = 'returned'",
                RESULTS.assignments()
            )),
            Replace::Correct => sql!(format!(
                "UPDATE results SET {}, revision = revision + 1
                 WHERE id = :id AND revision = :revision AND status = 'approved'
                   AND published_at IS NOT NULL",
                RESULTS.assignments()
            )),
        };
        let mut st = self.0.prepare_cached(sql)?;
        let n =
            data_values(d, by, at).execute(&mut st, &[(":id", &id), (":revision", &revision)])?;
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
        self.stamp_each(
            "UPDATE results SET published_at = ?2
             WHERE id = ?1 AND status = 'approved' AND published_at IS NULL",
            ids,
            at,
        )
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
                        code: r.get("code")?,
                        name: r.get("name")?,
                        name_en: r.get("name_en")?,
                        problem: r.get("problem")?,
                        needs_case: r.get("needs_case")?,
                        needs_remark: r.get("needs_remark")?,
                    },
                    r.get("active")?,
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
                    r.get("enterprise_id")?,
                    Offsite {
                        method: code_at(r, 1, OffsiteMethod::from_code)?,
                        checked_on: r.get("checked_on")?,
                        result: r.get("result")?,
                        note: r.get("note")?,
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

#[cfg(test)]
mod tests {
    #[test]
    fn every_result_form_field_is_a_written_column_and_back() {
        // Who entered it and when are stamped by the service, not typed.
        let stamped = ["entered_by", "entered_at"];
        let specs = crate::domain::forms::RESULT;
        crate::store::columns::assert_form_writes(&super::RESULTS, specs, |k| k, &stamped);
    }
}
