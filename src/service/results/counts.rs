//! The work waiting, counted for the home screen: results to enter (and how many are late), to
//! review, to publish (late, or due within three working days), and rectification follow-ups
//! open or overdue. Reviewers see everyone's work, so theirs is counted once per change and
//! shared (`service::derived`); an inspector's own is counted when asked.

use super::super::{Actor, Result, Service, WORK_READERS, WorkState};
use crate::domain::followup::Status;
use std::sync::Arc;

/// Counts of the work waiting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WorkCounts {
    pub to_enter: usize,
    pub to_enter_late: usize,
    pub to_review: usize,
    pub to_publish: usize,
    /// Awaiting review or approved past the publication deadline (N3).
    pub publish_late: usize,
    /// … and within 3 working days of it.
    pub publish_soon: usize,
    /// Rectification follow-ups not yet re-checked, and those past their deadline.
    pub followups_open: usize,
    pub followups_overdue: usize,
}

impl Service {
    /// The work waiting for `actor` (everyone's, for reviewers and auditors).
    pub fn work_counts(&mut self, actor: &Actor) -> Result<WorkCounts> {
        if actor.require(WORK_READERS).is_err() {
            return self.count_work(actor);
        }
        let mark = self.mark()?;
        let derived = Arc::clone(&self.derived);
        Ok(*derived.work(mark, || self.count_work(actor))?)
    }

    fn count_work(&mut self, actor: &Actor) -> Result<WorkCounts> {
        let cal = self.calendar()?;
        let today = self.today();
        let mut w = WorkCounts::default();
        for item in self.worklist(actor)? {
            match item.state {
                WorkState::Pending | WorkState::Returned => {
                    w.to_enter += 1;
                    w.to_enter_late += usize::from(item.overdue);
                }
                WorkState::Submitted | WorkState::Approved => {
                    if item.state == WorkState::Submitted {
                        w.to_review += 1;
                    } else {
                        w.to_publish += 1;
                    }
                    w.publish_late += usize::from(item.overdue);
                    let soon = matches!(item.due, Some(Ok(d))
                        if !item.overdue
                            && cal.working_days_between(today, d.date).is_ok_and(|n| n <= 3));
                    w.publish_soon += usize::from(soon);
                }
                WorkState::Published => {}
            }
        }
        for f in self.followups(actor, None, false)? {
            match f.status {
                Status::Open => w.followups_open += 1,
                Status::Overdue => w.followups_overdue += 1,
                Status::Closed => {}
            }
        }
        Ok(w)
    }
}
