//! Penalties (行政处罚) and complaints (信访举报) of an enterprise one at a time, as a form in
//! the UI enters them (issue 17): built by the import's own row builders
//! (`domain::forms::{penalty, complaint}`) and keyed as the import keys them — a penalty by
//! credit code and document number, a complaint by credit code, date received and reference.
//! A new record is refused when one is on record under its key; a correction changes the
//! record under its key, as an import row that updates it does: the values it replaces stay
//! in the audit entry (before and after). Administrators only.

use super::{Actor, Change, READERS, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::credit_code::CreditCode;
use crate::domain::enterprise::{Complaint, Penalty};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::user::Role;
use crate::store::Db;
use serde::Serialize;

/// Whether a form adds a record or corrects the one on record under the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    New,
    Correction,
}

/// An enterprise's penalties and complaints with their ids, oldest first.
pub type Records = (Vec<(i64, Penalty)>, Vec<(i64, Complaint)>);

fn issue(field: &'static str, value: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldIssue {
        field,
        value: value.to_string(),
        problem,
    }])
}

impl Service {
    /// An enterprise's penalties and complaints with their ids.
    pub fn enterprise_records(&mut self, actor: &Actor, id: i64) -> Result<Records> {
        actor.require(READERS)?;
        self.store
            .read(|db| Ok::<_, ServiceError>((db.penalties_of(id)?, db.complaints_of(id)?)))
    }

    /// Adds or corrects a penalty of the enterprise with credit code `code`; its row id.
    pub fn record_penalty(
        &mut self,
        actor: &Actor,
        code: &CreditCode,
        p: &Penalty,
        entry: Entry,
    ) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        if p.date > self.today() {
            return Err(issue("date", &p.date.to_string(), Problem::FutureDate));
        }
        let at = self.stamp();
        self.write(Change::Enterprises, |db| {
            let ent = enterprise_of(db, code)?;
            let old = db.penalty_by_doc(ent, &p.doc_no)?;
            let (id, before) = keyed(entry, old, p, ("doc_no", &p.doc_no))?;
            let id = match id {
                Some(id) => db.update_penalty(id, p).map(|()| id)?,
                None => db.insert_penalty(ent, p)?,
            };
            let e = Event::new(Action::upsert(&before), Entity::Penalty).summary(&p.doc_no);
            let after = json(p);
            let e = e.id(ent).before(before.as_deref()).after(Some(&after));
            audit(db, &at, actor, e).map(|()| id)
        })
    }

    /// Adds or corrects a complaint of the enterprise with credit code `code`; its row id.
    pub fn record_complaint(
        &mut self,
        actor: &Actor,
        code: &CreditCode,
        c: &Complaint,
        entry: Entry,
    ) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        let received = c.received.to_string();
        if c.received > self.today() {
            return Err(issue("received", &received, Problem::FutureDate));
        }
        (c.check()).map_err(|e| issue("verified_on", &received, e.into()))?;
        let at = self.stamp();
        self.write(Change::Enterprises, |db| {
            let ent = enterprise_of(db, code)?;
            let old = db.complaint_by_key(ent, c.received, &c.ref_no)?;
            let (id, before) = keyed(entry, old, c, ("ref_no", &c.ref_no))?;
            let id = match id {
                Some(id) => db.update_complaint(id, c).map(|()| id)?,
                None => db.insert_complaint(ent, c)?,
            };
            let summary = format!("{received} {}", c.ref_no);
            let e = Event::new(Action::upsert(&before), Entity::Complaint).summary(&summary);
            let after = json(c);
            let e = e.id(ent).before(before.as_deref()).after(Some(&after));
            audit(db, &at, actor, e).map(|()| id)
        })
    }
}

/// The id of the enterprise with this credit code (an issue on the code when there is none).
fn enterprise_of(db: Db<'_>, code: &CreditCode) -> Result<i64> {
    match db.enterprise_by_code(code.as_str())? {
        Some(e) => Ok(e.id),
        None => Err(issue(
            "credit_code",
            code.as_str(),
            Problem::UnknownEnterprise,
        )),
    }
}

/// The record on record under the key to change (its id and values as JSON), or none for a
/// new one. Refused: adding one that is on record, correcting one that is not, a correction
/// that changes nothing. `(field, value)` names the key's field for the message.
fn keyed<T: PartialEq + Serialize>(
    entry: Entry,
    old: Option<(i64, T)>,
    new: &T,
    (field, value): (&'static str, &str),
) -> Result<(Option<i64>, Option<String>)> {
    match (entry, old) {
        (Entry::New, None) => Ok((None, None)),
        (Entry::New, Some(_)) => Err(issue(field, value, Problem::AlreadyRecorded)),
        (Entry::Correction, None) => Err(issue(field, value, Problem::NotOnRecord)),
        (Entry::Correction, Some((_, o))) if o == *new => {
            Err(issue(field, value, Problem::Unchanged))
        }
        (Entry::Correction, Some((id, o))) => Ok((Some(id), Some(json(&o)))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{admin, inspector, service};
    use super::*;
    use crate::domain::enterprise::tests::sample;
    use chrono::NaiveDate;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn problem(r: Result<i64>) -> Problem {
        match r {
            Err(ServiceError::Invalid(i)) => i[0].problem.clone(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_penalty_is_added_once_and_corrected_under_its_key() {
        let mut s = service();
        let e = sample("91130273MA0A1B2C3");
        let id = s.create_enterprise(&admin(), &e).unwrap();
        let code = &e.credit_code;
        let mut p = Penalty {
            date: d(3, 5),
            doc_no: "唐环罚〔2024〕7号".into(),
            summary: "超标排放".into(),
        };
        let forbidden = s.record_penalty(&inspector(), code, &p, Entry::New);
        assert!(matches!(forbidden, Err(ServiceError::Forbidden(_))));
        let fix = s.record_penalty(&admin(), code, &p, Entry::Correction);
        assert_eq!(problem(fix), Problem::NotOnRecord);
        let pid = s.record_penalty(&admin(), code, &p, Entry::New).unwrap();
        let again = s.record_penalty(&admin(), code, &p, Entry::New);
        assert_eq!(problem(again), Problem::AlreadyRecorded);
        let same = s.record_penalty(&admin(), code, &p, Entry::Correction);
        assert_eq!(problem(same), Problem::Unchanged);
        p.date = d(3, 6);
        assert_eq!(
            s.record_penalty(&admin(), code, &p, Entry::Correction)
                .unwrap(),
            pid
        );
        let (pens, _) = s.enterprise_records(&admin(), id).unwrap();
        assert_eq!(pens, vec![(pid, p.clone())]);
        let a = s.audit_recent(&admin(), 1).unwrap().remove(0);
        assert_eq!(
            (a.action.as_str(), a.entity.as_str()),
            ("update", "penalty")
        );
        assert!(a.before.unwrap().contains("2024-03-05"));
        p.date = d(5, 1);
        let future = s.record_penalty(&admin(), code, &p, Entry::Correction);
        assert_eq!(problem(future), Problem::FutureDate);
    }

    #[test]
    fn a_complaint_is_keyed_by_date_and_reference() {
        let mut s = service();
        let e = sample("91130273MA0A1B2C3");
        let id = s.create_enterprise(&admin(), &e).unwrap();
        let code = &e.credit_code;
        let mut c = Complaint {
            received: d(2, 1),
            ref_no: "XF-1".into(),
            verified: false,
            verified_on: None,
            summary: "异味".into(),
        };
        let cid = s.record_complaint(&admin(), code, &c, Entry::New).unwrap();
        c.verified = true;
        c.verified_on = Some(d(1, 1));
        let early = s.record_complaint(&admin(), code, &c, Entry::Correction);
        assert!(matches!(problem(early), Problem::Record(_)));
        c.verified_on = Some(d(2, 20));
        let fixed = s.record_complaint(&admin(), code, &c, Entry::Correction);
        assert_eq!(fixed.unwrap(), cid);
        let (_, comps) = s.enterprise_records(&admin(), id).unwrap();
        assert_eq!(comps, vec![(cid, c)]);
    }
}
