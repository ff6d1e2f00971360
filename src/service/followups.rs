//! Rectification follow-up (整改跟踪, issue 18): the follow-ups a user may see (those of the
//! results in their worklist), their state on today's date, and the re-check that closes one
//! (its team or administrators), written with its audit entry.

use super::results::people;
use super::{Actor, Change, Result, Service, ServiceError, WorkItem, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::followup::{self, FollowUp, Recheck, RecheckProblem, Status};
use crate::domain::quarter::Quarter;

pub use crate::domain::followup::FollowUpProblem;

impl From<FollowUpProblem> for ServiceError {
    fn from(p: FollowUpProblem) -> Self {
        ServiceError::FollowUp(p)
    }
}

/// One follow-up as listed.
#[derive(Debug, Clone)]
pub struct FollowUpLine {
    pub result_id: i64,
    pub work: WorkItem,
    pub followup: FollowUp,
    pub status: Status,
}

/// The follow-up a result opens, if any (a problem and a rectification deadline, not returned
/// for rework), with its re-check once made.
pub(super) fn followup_of(
    r: &crate::store::ResultRow,
    cats: &[(crate::domain::result::Category, bool)],
    rechecks: &std::collections::HashMap<i64, Recheck>,
) -> Option<FollowUp> {
    if r.status == crate::domain::result::ReviewStatus::Returned {
        return None;
    }
    let cat = cats.iter().find(|(c, _)| c.code == r.data.category)?;
    Some(FollowUp {
        visited: r.data.inspected_on,
        deadline: followup::opened_by(&cat.0, &r.data)?,
        recheck: rechecks.get(&r.id).cloned(),
    })
}

impl Service {
    /// The follow-ups of the actor's worklist [of a quarter] [overdue only], overdue first,
    /// then by deadline.
    pub fn followups(
        &mut self,
        actor: &Actor,
        quarter: Option<Quarter>,
        overdue_only: bool,
    ) -> Result<Vec<FollowUpLine>> {
        let today = self.today();
        let work = self.worklist(actor)?;
        let (cats, rechecks) = self
            .store
            .read(|db| Ok::<_, ServiceError>((db.categories()?, db.rechecks()?)))?;
        let q = quarter.map(|q| q.to_string());
        let mut out: Vec<FollowUpLine> = work
            .into_iter()
            .filter(|w| q.as_ref().is_none_or(|q| *q == w.a.quarter))
            .filter_map(|w| {
                let r = w.a.result.as_ref()?;
                let f = followup_of(r, &cats, &rechecks)?;
                Some(FollowUpLine {
                    result_id: r.id,
                    status: f.status(today),
                    followup: f,
                    work: w,
                })
            })
            .filter(|l| !overdue_only || l.status == Status::Overdue)
            .collect();
        out.sort_by_key(|l| (l.status, l.followup.deadline, l.result_id));
        Ok(out)
    }

    /// Records the re-check of a follow-up (its team, administrators), which closes it.
    pub fn recheck(&mut self, actor: &Actor, result: i64, r: &Recheck) -> Result<()> {
        self.may_add(actor, result).map_err(|e| match e {
            ServiceError::Evidence(_) => FollowUpProblem::UnknownResult(result).into(),
            e => e,
        })?;
        let line = self
            .followups(actor, None, false)?
            .into_iter()
            .find(|l| l.result_id == result)
            .ok_or(FollowUpProblem::NotFollowedUp(result))?;
        let mut r = r.clone();
        r.case_no = r.case_no.trim().to_string();
        r.remark = crate::domain::text::clean_line(&r.remark, 500)
            .map_err(|_| FollowUpProblem::Recheck(vec![RecheckProblem::RemarkRequired]))?;
        let today = self.today();
        let at = self.stamp();
        let label = format!("{} {}", line.work.a.draw, line.work.a.code);
        self.write(Change::Results, |db| {
            let (officers, _) = people(db)?;
            line.followup
                .close(&r, today, &officers)
                .map_err(FollowUpProblem::Recheck)?;
            if !db.insert_recheck(result, &r, &actor.name, &at)? {
                return Err(FollowUpProblem::Recheck(vec![RecheckProblem::AlreadyClosed]).into());
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Recheck, Entity::Result)
                    .id(result)
                    .summary(&label)
                    .after(Some(&json(&r))),
            )
        })
    }
}

#[cfg(test)]
mod tests;
