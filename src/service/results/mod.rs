//! Inspection results (issue 6): the worklist of released assignments, entering a result
//! (checked against its draw: date, officers present, category rules), review (approve or
//! return with a comment), deadlines on the working-day calendar (N3: publish within 20 working
//! days; S8: record forms 7 working days after quarter end; S11: the quarter's work 5 working
//! days before its end), publication, and the editable categories and calendar.

use super::draws::{DrawProblem, corrupt, snapshot_id};
use super::{Actor, Change, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::calendar::{Calendar, DayKind, Due, MissingYear};
use crate::domain::draw::Certificate;
use crate::domain::enterprise::current;
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::inspection::Visit;
use crate::domain::inspector::InspectorKind;
use crate::domain::missing::Missing;
use crate::domain::quarter::Quarter;
use crate::domain::result::{self, Category, Offsite, ResultData, ReviewStatus};
use crate::domain::user::Role;
use crate::store::{AssignmentRow, Db, ResultRow};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// Who reviews results: section chiefs sit in the leadership group; the office reviews too.
pub const REVIEWERS: &[Role] = &[Role::Admin, Role::Leader];
/// Who sees everyone's assignments and results: the reviewers and auditors (read-only).
pub const WORK_READERS: &[Role] = &[Role::Admin, Role::Leader, Role::Auditor];

pub use crate::domain::result::WorkState;

/// A deadline (provisional when it reaches a year without holiday data), or the year the
/// calendar lacks when even weekends alone cannot give it.
pub type Deadline = std::result::Result<Due, MissingYear>;

/// One line of the worklist.
#[derive(Debug, Clone)]
pub struct WorkItem {
    pub a: AssignmentRow,
    pub state: WorkState,
    /// Pending or returned: the quarter's work deadline (S11); submitted or approved: the
    /// publication deadline (N3).
    pub due: Option<Deadline>,
    pub overdue: bool,
    /// Team members as `name(id)`, the lead first.
    pub team_names: Vec<String>,
    /// The sections of the team.
    pub sections: Vec<String>,
}

/// Who may read the off-site supervision lists.
pub const OFFSITE_READERS: &[Role] = &[Role::Admin, Role::Leader, Role::Auditor, Role::Inspector];

/// A positive-list firm and its off-site records in a quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OffsiteLine {
    pub enterprise_id: i64,
    pub code: String,
    pub name: String,
    pub records: Vec<Offsite>,
}

/// The quarter's deadlines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuarterDeadlines {
    /// S11: draws and visits finished 5 working days before quarter end.
    pub work: Deadline,
    /// S11: the statistics table on the first working day after it.
    pub statistics: Deadline,
    /// S8: record forms handed in within 7 working days after it.
    pub records: Deadline,
}

/// What an inspector studies before the visit (S8).
#[derive(Debug, Clone)]
pub struct PreVisit {
    pub assignment: AssignmentRow,
    pub enterprise: Option<crate::domain::enterprise::Enterprise>,
    pub classification: Option<crate::domain::classify::Classification>,
    pub penalties: Vec<crate::domain::enterprise::Penalty>,
    pub complaints: Vec<crate::domain::enterprise::Complaint>,
    /// Earlier inspections, newest first.
    pub visits: Vec<Visit>,
    /// Results entered for earlier assignments of the target: draw, date, category name,
    /// findings; newest first.
    pub earlier: Vec<(String, NaiveDate, String, String)>,
}

/// An approved result as published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    pub id: i64,
    pub name: String,
    pub code: String,
    pub items: Vec<String>,
    pub date: NaiveDate,
    pub category: String,
    pub department: String,
}

fn invalid(issues: Vec<(&'static str, Problem)>, d: &ResultData) -> ServiceError {
    ServiceError::Invalid(
        issues
            .into_iter()
            .map(|(field, problem)| FieldIssue {
                field,
                value: match field {
                    "inspected_on" => d.inspected_on.to_string(),
                    "case_no" => d.case_no.clone(),
                    "category" => d.category.clone(),
                    _ => String::new(),
                },
                problem,
            })
            .collect(),
    )
}

/// The state of an assignment from its result.
pub fn state_of(a: &AssignmentRow) -> WorkState {
    match &a.result {
        None => WorkState::Pending,
        Some(r) => match (r.status, &r.published_at) {
            (ReviewStatus::Returned, _) => WorkState::Returned,
            (ReviewStatus::Submitted, _) => WorkState::Submitted,
            (ReviewStatus::Approved, None) => WorkState::Approved,
            (ReviewStatus::Approved, Some(_)) => WorkState::Published,
        },
    }
}

/// The quarter's deadlines on `cal`.
pub fn quarter_deadlines(cal: &Calendar, q: Quarter) -> QuarterDeadlines {
    QuarterDeadlines {
        work: cal.due(|c| c.working_days_before(q.end(), 5)),
        statistics: cal.due(|c| c.first_working_day_after(q.end())),
        records: cal.due(|c| c.nth_working_day_after_quarter_end(q, 7)),
    }
}

/// N3: published within 20 working days of the inspection.
pub fn publication_deadline(cal: &Calendar, inspected_on: NaiveDate) -> Deadline {
    cal.due(|c| c.add_working_days(inspected_on, 20))
}

mod counts;
mod reference;

pub use counts::WorkCounts;

impl Service {
    /// The snapshot id of the inspector this user is (none for accounts of no officer).
    pub(super) fn my_inspector_id(&mut self, actor: &Actor) -> Result<Option<String>> {
        let Some(id) = self.user(&actor.name)?.and_then(|u| u.inspector_id) else {
            return Ok(None);
        };
        self.store.read(|db| {
            Ok(db
                .inspectors()?
                .into_iter()
                .find(|i| i.id == id)
                .map(|i| snapshot_id(i.id, &i.data.cert_no)))
        })
    }

    /// Everyone's name by snapshot id (colleagues' names are no secret; for the result form).
    pub fn inspector_names(&mut self) -> Result<HashMap<String, String>> {
        self.store.read(|db| {
            Ok(db
                .inspectors()?
                .into_iter()
                .filter(|i| i.data.active)
                .map(|i| (snapshot_id(i.id, &i.data.cert_no), i.data.name))
                .collect())
        })
    }

    /// The worklist: an inspector's own assignments, or (administrators, leaders, auditors)
    /// everyone's;
    /// the most urgent first (returned, then pending by deadline, then awaiting review).
    pub fn worklist(&mut self, actor: &Actor) -> Result<Vec<WorkItem>> {
        let me = self.my_inspector_id(actor)?;
        let all_of_them = actor.require(WORK_READERS).is_ok();
        if !all_of_them && me.is_none() {
            return Ok(Vec::new());
        }
        let today = self.today();
        let (rows, cal, people) = self.store.read(|db| {
            let people: HashMap<String, (String, String)> = db
                .inspectors()?
                .into_iter()
                .map(|i| {
                    (
                        snapshot_id(i.id, &i.data.cert_no),
                        (i.data.name, i.data.section),
                    )
                })
                .collect();
            Ok::<_, ServiceError>((db.assignments()?, db.calendar()?, people))
        })?;
        let mut out: Vec<WorkItem> = rows
            .into_iter()
            .filter(|a| all_of_them || me.as_ref().is_some_and(|m| a.team.contains(m)))
            .map(|a| {
                let state = state_of(&a);
                let due = match (state, &a.result) {
                    (WorkState::Pending | WorkState::Returned, _) => a
                        .quarter
                        .parse::<Quarter>()
                        .ok()
                        .map(|q| quarter_deadlines(&cal, q).work),
                    (WorkState::Submitted | WorkState::Approved, Some(r)) => {
                        Some(publication_deadline(&cal, r.data.inspected_on))
                    }
                    _ => None,
                };
                let overdue = matches!(due, Some(Ok(d)) if d.date < today);
                let mut ids = vec![a.lead.clone()];
                ids.extend(a.team.iter().filter(|x| **x != a.lead).cloned());
                let team_names = ids
                    .iter()
                    .map(|id| match people.get(id) {
                        Some((n, _)) => format!("{n}({id})"),
                        None => id.clone(),
                    })
                    .collect();
                let mut sections: Vec<String> = ids
                    .iter()
                    .filter_map(|id| people.get(id).map(|p| p.1.clone()))
                    .filter(|s| !s.is_empty())
                    .collect();
                sections.sort();
                sections.dedup();
                WorkItem {
                    a,
                    state,
                    due,
                    overdue,
                    team_names,
                    sections,
                }
            })
            .collect();
        let key = |w: &WorkItem| {
            let d = match w.due {
                Some(Ok(d)) => d.date,
                _ => NaiveDate::MAX,
            };
            (w.state, d, w.a.id)
        };
        out.sort_by_key(key);
        Ok(out)
    }

    /// One assignment, for someone in its team, a reviewer or an auditor.
    pub fn assignment(&mut self, actor: &Actor, id: i64) -> Result<AssignmentRow> {
        let a = self
            .store
            .read(|db| db.assignment(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Assignment(id)))?;
        if actor.require(WORK_READERS).is_err() {
            let me = self.my_inspector_id(actor)?;
            if !me.is_some_and(|m| a.team.contains(&m)) {
                return Err(ServiceError::Forbidden(Role::Inspector));
            }
        }
        Ok(a)
    }

    /// The pre-visit view (S8) of an assignment's target.
    pub fn previsit(&mut self, actor: &Actor, id: i64) -> Result<PreVisit> {
        let a = self.assignment(actor, id)?;
        let quarter: Quarter = a
            .quarter
            .parse()
            .map_err(|_| corrupt("quarter", &a.quarter))?;
        let Some(eid) = a.enterprise_id else {
            return Ok(PreVisit {
                assignment: a,
                enterprise: None,
                classification: None,
                penalties: Vec::new(),
                complaints: Vec::new(),
                visits: Vec::new(),
                earlier: Vec::new(),
            });
        };
        let (e, pens, comps, visits, others, cats) = self.store.read(|db| {
            Ok::<_, ServiceError>((
                db.enterprise(eid)?,
                current(&db.penalties_of(eid)?),
                current(&db.complaints_of(eid)?),
                db.visits_since(NaiveDate::MIN)?
                    .remove(&eid)
                    .unwrap_or_default(),
                db.assignments()?,
                db.categories()?,
            ))
        })?;
        let mut earlier: Vec<(String, NaiveDate, String, String)> = others
            .into_iter()
            .filter(|o| o.enterprise_id == Some(eid) && o.id != a.id)
            .filter_map(|o| {
                let r = o.result?;
                let cat = cats
                    .iter()
                    .find(|(c, _)| c.code == r.data.category)
                    .map_or_else(|| r.data.category.clone(), |(c, _)| c.name.clone());
                Some((o.draw, r.data.inspected_on, cat, r.data.findings))
            })
            .collect();
        earlier.sort_by_key(|e| std::cmp::Reverse(e.1));
        let classification = e
            .as_ref()
            .map(|e| crate::domain::classify::classify(&e.data, &pens, &comps, quarter));
        let mut visits = visits;
        visits.sort_by_key(|v| std::cmp::Reverse(v.date));
        Ok(PreVisit {
            assignment: a,
            enterprise: e,
            classification,
            penalties: pens,
            complaints: comps,
            visits,
            earlier,
        })
    }

    /// Enters the result of an assignment (someone in its team, or an administrator), or
    /// enters it again after it was returned (`revision` of the returned result). Checked in
    /// full before anything is written; a second result for the same target is refused.
    pub fn save_result(
        &mut self,
        actor: &Actor,
        assignment: i64,
        revision: Option<i64>,
        d: &ResultData,
    ) -> Result<i64> {
        let a = self.assignment(actor, assignment)?;
        if actor.require(&[Role::Admin]).is_err() {
            let me = self.my_inspector_id(actor)?;
            if !me.is_some_and(|m| a.team.contains(&m)) {
                return Err(ServiceError::Forbidden(Role::Inspector));
            }
        }
        let today = self.today();
        let at = self.stamp();
        let d = clean(d)?;
        self.write(Change::Results, |db| {
            let draw = checked(db, &a, &d, today)?;
            let (id, action, before) = write_result(db, &a, revision, &d, &actor.name, &at)?;
            if let Some(eid) = a.enterprise_id {
                db.record_result_visit(eid, a.draw_id, &visit_of(&d, &a.lead))?;
            }
            audit(
                db,
                &at,
                actor,
                Event::new(action, Entity::Result)
                    .id(id)
                    .summary(&format!("{} {}", draw.label, a.code))
                    .before(before.as_deref())
                    .after(Some(&json(&d))),
            )?;
            Ok(id)
        })
    }

    /// Approves a submitted result, or returns it to the inspectors with a comment
    /// (administrators, leaders).
    pub fn review(
        &mut self,
        actor: &Actor,
        result: i64,
        revision: i64,
        approve: bool,
        comment: &str,
    ) -> Result<()> {
        actor.require(REVIEWERS)?;
        let comment = comment.trim();
        if !approve && comment.is_empty() {
            return Err(DrawProblem::ReasonRequired.into());
        }
        if comment.chars().any(char::is_control) || comment.chars().count() > 500 {
            return Err(DrawProblem::ReasonRequired.into());
        }
        let at = self.stamp();
        let to = if approve {
            ReviewStatus::Approved
        } else {
            ReviewStatus::Returned
        };
        self.write(Change::Results, |db| {
            if !db.review_result(result, revision, to, &actor.name, &at, comment)? {
                return Err(ServiceError::Stale);
            }
            audit(
                db,
                &at,
                actor,
                Event::new(
                    if approve {
                        Action::Approve
                    } else {
                        Action::Return
                    },
                    Entity::Result,
                )
                .id(result)
                .summary(comment)
                .after(Some(to.code())),
            )
        })
    }
}

/// Officers' and everyone's snapshot ids.
pub(super) fn people(db: Db<'_>) -> Result<(BTreeSet<String>, BTreeSet<String>)> {
    let mut officers = BTreeSet::new();
    let mut all = BTreeSet::new();
    for i in db.inspectors()? {
        let id = snapshot_id(i.id, &i.data.cert_no);
        if i.data.kind == InspectorKind::Officer {
            officers.insert(id.clone());
        }
        all.insert(id);
    }
    Ok((officers, all))
}

/// Text fields trimmed and checked for control characters and length.
pub(super) fn clean(d: &ResultData) -> Result<ResultData> {
    let mut out = d.clone();
    let mut issues = Vec::new();
    let mut fix = |field: &'static str, v: &mut String, max: usize, multi: bool| {
        let r = if multi {
            crate::domain::text::clean_multiline(v, max)
        } else {
            crate::domain::text::clean_line(v, max)
        };
        match r {
            Ok(t) => *v = t,
            Err(e) => issues.push(FieldIssue {
                field,
                value: v.clone(),
                problem: e.into(),
            }),
        }
    };
    fix("findings", &mut out.findings, 2000, true);
    fix("case_no", &mut out.case_no, 64, false);
    fix("mobile_no", &mut out.mobile_no, 64, false);
    fix("signature_reason", &mut out.signature_reason, 200, false);
    fix("evidence", &mut out.evidence, 500, false);
    fix("typical_note", &mut out.typical_note, 500, true);
    if issues.is_empty() {
        Ok(out)
    } else {
        Err(ServiceError::Invalid(issues))
    }
}

/// The visit a result records, for the N4 window and the previous lead.
fn visit_of(d: &ResultData, lead: &str) -> Visit {
    Visit {
        date: d.inspected_on,
        items: d.items.clone(),
        lead: if d.present.contains(lead) {
            lead.to_string()
        } else {
            String::new()
        },
        team: d.present.clone(),
        note: String::new(),
    }
}

/// The assignments of a released draw's certificate.
pub(super) fn release_assignments(
    db: Db<'_>,
    draw: i64,
    quarter: &str,
    at: &str,
    c: &Certificate,
) -> Result<()> {
    let keys = db.enterprise_keys()?;
    for t in &c.outcome.teams {
        let team: Vec<String> = t.officers.iter().chain(&t.auxiliaries).cloned().collect();
        db.insert_assignment(
            draw,
            quarter,
            at,
            &crate::store::NewAssignment {
                code: &t.code,
                enterprise_id: keys.get(t.code.as_str()).map(|k| k.id),
                lead: &t.lead,
                team: &team,
                items: &c.params.items,
            },
        )?;
    }
    Ok(())
}

/// The result checked in full against its assignment's draw (drawn on the reveal's day), the
/// officers and people, the active categories and the items; the draw it belongs to.
pub(super) fn checked(
    db: Db<'_>,
    a: &AssignmentRow,
    d: &ResultData,
    today: NaiveDate,
) -> Result<crate::store::DrawHead> {
    let draw = db
        .draw_head(a.draw_id)?
        .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, a.draw_id)))?;
    let drawn_on = draw
        .revealed_at
        .as_deref()
        .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.date_naive())
        .ok_or_else(|| corrupt("revealed_at", a.draw_id))?;
    let (officers, people) = people(db)?;
    let cats = db.categories()?;
    let items: BTreeSet<String> = db
        .item_versions()?
        .into_iter()
        .map(|v| v.data.code)
        .collect();
    let ctx = result::Context {
        drawn_on,
        today,
        officers: &officers,
        people: &people,
        category: cats
            .iter()
            .find(|(c, active)| *active && c.code == d.category)
            .map(|(c, _)| c),
        items: &items,
    };
    let issues = result::check(d, &ctx);
    if !issues.is_empty() {
        return Err(invalid(issues, d));
    }
    Ok(draw)
}

/// Stores a first result, or a returned one entered again at `revision`: its id, the audit
/// action and the result before.
fn write_result(
    db: Db<'_>,
    a: &AssignmentRow,
    revision: Option<i64>,
    d: &ResultData,
    by: &str,
    at: &str,
) -> Result<(i64, Action, Option<String>)> {
    Ok(match (&a.result, revision) {
        (None, _) => {
            if !db.insert_result(a.id, d, by, at)? {
                return Err(ServiceError::Exists(format!("result {}", a.code)));
            }
            let id = db
                .assignment(a.id)?
                .and_then(|x| x.result)
                .map(|r| r.id)
                .ok_or_else(|| corrupt("result", a.id))?;
            (id, Action::Create, None)
        }
        (Some(r), Some(rev)) if r.status == ReviewStatus::Returned => {
            if !db.replace_result(crate::store::Replace::Resubmit, (r.id, rev), d, (by, at))? {
                return Err(ServiceError::Stale);
            }
            (r.id, Action::Update, Some(json(&r.data)))
        }
        (Some(_), _) => return Err(ServiceError::Exists(format!("result {}", a.code))),
    })
}

#[cfg(test)]
pub(crate) mod tests;
