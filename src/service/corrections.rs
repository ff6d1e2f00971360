//! Corrections and objections (更正 / 异议, issue 18): an administrator files an objection to a
//! published result or starts its correction; a leader decides (维持 / 更正) with a reason; a
//! correction keeps the result's version it replaces and writes the new one, checked like a
//! result. Whoever sees a result sees its cases and versions. Every step is in the audit
//! trail. The correction notice is in `notice.rs`.

use super::results::{checked, clean};
use super::{Actor, Change, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::correction::{self, Changes, Decided, Decision, Filing, Problem, Status};
use crate::domain::fields::FieldIssue;
use crate::domain::quarter::Quarter;
use crate::domain::result::ReviewStatus;
use crate::domain::user::Role;
use crate::store::{AssignmentRow, CaseRow, Replace, ResultRow, VersionRow};
use chrono::NaiveDate;

pub use crate::domain::correction::CorrectionProblem;

impl From<CorrectionProblem> for ServiceError {
    fn from(p: CorrectionProblem) -> Self {
        ServiceError::Correction(p)
    }
}

fn refused(p: Vec<Problem>) -> ServiceError {
    CorrectionProblem::Refused(p).into()
}

/// One case as listed: its row, the result's assignment, and where it stands.
#[derive(Debug, Clone)]
pub struct CaseLine {
    pub row: CaseRow,
    pub assignment: AssignmentRow,
    pub status: Status,
}

/// What a leader decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decide {
    pub decision: Decision,
    pub reason: String,
    /// Changes on top of the proposal (更正 only).
    pub changes: Changes,
}

/// The day a stamp (`2024-05-01T09:00:00+08:00`) falls on.
fn day_of(stamp: &str) -> Option<NaiveDate> {
    chrono::DateTime::parse_from_rfc3339(stamp)
        .ok()
        .map(|t| t.date_naive())
        .or_else(|| stamp.get(..10)?.parse().ok())
}

/// A text field trimmed and checked (no control characters, at most `max` characters).
fn text(field: &'static str, v: &str, max: usize, multi: bool) -> Result<String> {
    let r = if multi {
        crate::domain::text::clean_multiline(v, max)
    } else {
        crate::domain::text::clean_line(v, max)
    };
    r.map_err(|e| {
        ServiceError::Invalid(vec![FieldIssue {
            field,
            value: v.to_string(),
            problem: e.into(),
        }])
    })
}

/// The result of an assignment, or the result is unknown.
fn result_of(a: &AssignmentRow, id: i64) -> Result<&ResultRow> {
    a.result
        .as_ref()
        .ok_or_else(|| CorrectionProblem::UnknownResult(id).into())
}

/// Writes a correction's new version of result `r` (of assignment `a`), checked like a result,
/// keeping the version it replaces, with its audit entry; the new version's number.
fn new_version(
    db: crate::store::Db<'_>,
    actor: &Actor,
    (a, r): (&AssignmentRow, &ResultRow),
    case: i64,
    new: &crate::domain::result::ResultData,
    (today, at): (NaiveDate, &str),
) -> Result<i64> {
    let new = clean(new)?;
    checked(db, a, &new, today)?;
    let v = 1 + db
        .versions()?
        .iter()
        .filter(|v| v.result_id == r.id)
        .count() as i64;
    db.insert_version(&VersionRow {
        result_id: r.id,
        version: v,
        data: r.data.clone(),
        entered_by: r.entered_by.clone(),
        entered_at: r.entered_at.clone(),
        case_id: case,
        superseded_at: at.to_string(),
    })?;
    if !db.replace_result(
        Replace::Correct,
        (r.id, r.revision),
        &new,
        (&actor.name, at),
    )? {
        return Err(ServiceError::Stale);
    }
    audit(
        db,
        at,
        actor,
        Event::new(Action::Correct, Entity::Result)
            .id(r.id)
            .summary(&format!("{} {} v{}", a.draw, a.code, v + 1))
            .before(Some(&json(&r.data)))
            .after(Some(&json(&new))),
    )?;
    Ok(v + 1)
}

impl Service {
    /// The assignment of a result the actor may see; an unknown result says so.
    pub fn result_assignment(&mut self, actor: &Actor, result: i64) -> Result<AssignmentRow> {
        let a = self.visible_result(actor, result).map_err(|e| match e {
            ServiceError::Evidence(_) => CorrectionProblem::UnknownResult(result).into(),
            e => e,
        })?;
        self.assignment(actor, a)
    }

    /// Files an objection to a published result, or starts its correction (administrators).
    /// The proposal, applied to the result, must make a valid result. The case's id.
    pub fn file_case(&mut self, actor: &Actor, result: i64, f: &Filing) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        let a = self.result_assignment(actor, result)?;
        let r = result_of(&a, result)?.clone();
        let mut f = f.clone();
        f.from = text("raised_by", &f.from, 200, false)?;
        f.content = text("content", &f.content, 2000, true)?;
        let published = (r.status == ReviewStatus::Approved)
            .then(|| r.published_at.as_deref().and_then(day_of))
            .flatten();
        let today = self.today();
        let at = self.stamp();
        self.write(Change::Results, |db| {
            let pending = db
                .cases()?
                .iter()
                .any(|c| c.result_id == result && c.case.decided.is_none());
            correction::file(&f, published, pending, today).map_err(refused)?;
            if !f.proposal.is_empty() {
                checked(db, &a, &clean(&f.proposal.apply(&r.data))?, today)?;
            }
            let id = db
                .insert_case(result, &f, &actor.name, &at)?
                .ok_or_else(|| refused(vec![Problem::AlreadyPending]))?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::Objection)
                    .id(id)
                    .summary(&format!("{} {} #{result}", a.draw, a.code))
                    .after(Some(&json(&f))),
            )?;
            Ok(id)
        })
    }

    /// Decides a case (leaders): 维持, or 更正, which keeps the result's version it replaces
    /// and writes the new one (checked like a result). The new version's number, if any.
    pub fn decide_case(&mut self, actor: &Actor, id: i64, d: &Decide) -> Result<Option<i64>> {
        actor.require(&[Role::Leader])?;
        let row = self
            .store
            .read(|db| db.case(id))?
            .ok_or(CorrectionProblem::UnknownCase(id))?;
        let a = self.result_assignment(actor, row.result_id)?;
        let r = result_of(&a, row.result_id)?.clone();
        let decided = Decided {
            decision: d.decision,
            reason: text("reason", &d.reason, 1000, true)?,
            on: self.today(),
            changes: d.changes.clone(),
        };
        let (_, new) = row.case.decide(&decided, &r.data).map_err(refused)?;
        let (today, at) = (self.today(), self.stamp());
        self.write(Change::Results, |db| {
            let version = match &new {
                None => None,
                Some(new) => Some(new_version(db, actor, (&a, &r), id, new, (today, &at))?),
            };
            if !db.decide_case(id, &decided, version, &actor.name, &at)? {
                return Err(refused(vec![Problem::AlreadyDecided]));
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Decide, Entity::Objection)
                    .id(id)
                    .summary(&format!("{} {} {}", a.draw, a.code, d.decision.zh()))
                    .after(Some(&json(&decided))),
            )?;
            Ok(version)
        })
    }

    /// The cases the actor may see (those of the results in their worklist) [of one result]
    /// [of a quarter], awaiting decision first, then newest first.
    pub fn cases(
        &mut self,
        actor: &Actor,
        result: Option<i64>,
        quarter: Option<Quarter>,
    ) -> Result<Vec<CaseLine>> {
        if let Some(id) = result {
            self.result_assignment(actor, id)?;
        }
        let q = quarter.map(|q| q.to_string());
        let work = self.worklist(actor)?;
        let rows = self.store.read(|db| db.cases())?;
        let mut out: Vec<CaseLine> = rows
            .into_iter()
            .filter(|c| result.is_none_or(|id| id == c.result_id))
            .filter_map(|c| {
                let w = work
                    .iter()
                    .find(|w| w.a.result.as_ref().is_some_and(|r| r.id == c.result_id))?;
                if q.as_ref().is_some_and(|q| *q != w.a.quarter) {
                    return None;
                }
                Some(CaseLine {
                    status: c.case.status(),
                    row: c,
                    assignment: w.a.clone(),
                })
            })
            .collect();
        out.sort_by_key(|l| (l.status != Status::Pending, std::cmp::Reverse(l.row.id)));
        Ok(out)
    }

    /// The versions of a result that corrections replaced, oldest first (whoever sees it).
    pub fn result_versions(&mut self, actor: &Actor, result: i64) -> Result<Vec<VersionRow>> {
        self.result_assignment(actor, result)?;
        let all = self.store.read(|db| db.versions())?;
        Ok(all.into_iter().filter(|v| v.result_id == result).collect())
    }
}

mod notice;

#[cfg(test)]
mod tests;
