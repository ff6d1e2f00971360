//! Penalties (行政处罚) and complaints (信访举报) of an enterprise one at a time, as a form in
//! the UI enters them (issue 17): built by the import's own row builders
//! (`domain::forms::{penalty, complaint}`) and keyed as the import keys them — a penalty by
//! credit code and document number, a complaint by credit code, date received and reference.
//! A new record is refused when a current one is on record under its key. A correction names
//! the record it corrects: it is kept as it was and superseded by a new record (which may change
//! the key), as an import row that changes one does (`store::events`); the audit entry holds
//! both. Administrators only.

use super::{Actor, Change, READERS, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::credit_code::CreditCode;
use crate::domain::enterprise::{Complaint, Kept, Penalty};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::user::Role;
use crate::store::Db;
use serde::Serialize;

/// Whether a form adds a record or corrects the one on record with this id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    New,
    Correction(i64),
}

/// An enterprise's penalties and complaints, superseded ones too, oldest first.
pub type Records = (Vec<Kept<Penalty>>, Vec<Kept<Complaint>>);

fn issue(field: &'static str, value: &str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(vec![FieldIssue {
        field,
        value: value.to_string(),
        problem,
    }])
}

impl Service {
    /// An enterprise's penalties and complaints, superseded ones too.
    pub fn enterprise_records(&mut self, actor: &Actor, id: i64) -> Result<Records> {
        actor.require(READERS)?;
        self.store
            .read(|db| Ok::<_, ServiceError>((db.penalties_of(id)?, db.complaints_of(id)?)))
    }

    /// Adds or corrects a penalty of the enterprise with credit code `code`; the new row's id.
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
            let chosen = match entry {
                Entry::Correction(id) => db.penalty_by_id(id)?,
                Entry::New => None,
            };
            let on_key = db.penalty_by_doc(ent, &p.doc_no)?.map(|o| o.0);
            let key = ("doc_no", p.doc_no.as_str());
            let old = replaced(entry, ent, on_key, chosen, p, key)?;
            let id = db.insert_penalty(ent, p, old.as_ref().map(|o| (o.id, at.as_str())))?;
            let before = old.map(|o| json(&o.record));
            let e = Event::new(Action::upsert(&before), Entity::Penalty).summary(&p.doc_no);
            let after = json(p);
            let e = e.id(ent).before(before.as_deref()).after(Some(&after));
            audit(db, &at, actor, e).map(|()| id)
        })
    }

    /// Adds or corrects a complaint of the enterprise with credit code `code`; the new row's id.
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
            let chosen = match entry {
                Entry::Correction(id) => db.complaint_by_id(id)?,
                Entry::New => None,
            };
            let on_key = db
                .complaint_by_key(ent, c.received, &c.ref_no)?
                .map(|o| o.0);
            let old = replaced(entry, ent, on_key, chosen, c, ("ref_no", &c.ref_no))?;
            let id = db.insert_complaint(ent, c, old.as_ref().map(|o| (o.id, at.as_str())))?;
            let before = old.map(|o| json(&o.record));
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

/// What a save supersedes: nothing for a new record, the record `chosen` (read by the id the
/// correction names) for a correction. `on_key` is the current record under the new values'
/// key, `(field, value)` names the key's field for the message. Refused: a new record whose
/// key is on record; a correction of no record of enterprise `ent`, of one corrected already,
/// that changes nothing, or whose key is another current record's.
fn replaced<T: PartialEq + Serialize>(
    entry: Entry,
    ent: i64,
    on_key: Option<i64>,
    chosen: Option<(i64, Kept<T>)>,
    new: &T,
    (field, value): (&'static str, &str),
) -> Result<Option<Kept<T>>> {
    let refused = |problem| Err(issue(field, value, problem));
    let Entry::Correction(id) = entry else {
        return match on_key {
            Some(_) => refused(Problem::AlreadyRecorded),
            None => Ok(None),
        };
    };
    match chosen {
        Some((e, _)) if e != ent => refused(Problem::NotOnRecord),
        None => refused(Problem::NotOnRecord),
        Some((_, old)) if !old.is_current() => refused(Problem::Superseded),
        Some((_, old)) if old.record == *new => refused(Problem::Unchanged),
        Some(_) if on_key.is_some_and(|k| k != id) => refused(Problem::AlreadyRecorded),
        Some((_, old)) => Ok(Some(old)),
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
    fn a_penalty_is_added_once_and_a_correction_supersedes_it() {
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
        let fix = s.record_penalty(&admin(), code, &p, Entry::Correction(99));
        assert_eq!(problem(fix), Problem::NotOnRecord);
        let first = s.record_penalty(&admin(), code, &p, Entry::New).unwrap();
        let again = s.record_penalty(&admin(), code, &p, Entry::New);
        assert_eq!(problem(again), Problem::AlreadyRecorded);
        let same = s.record_penalty(&admin(), code, &p, Entry::Correction(first));
        assert_eq!(problem(same), Problem::Unchanged);
        let original = p.clone();
        p.doc_no = "唐环罚〔2024〕8号".into();
        p.date = d(3, 6);
        let second = s.record_penalty(&admin(), code, &p, Entry::Correction(first));
        let second = second.unwrap();
        assert_ne!(second, first, "a correction is a new record");
        let (pens, _) = s.enterprise_records(&admin(), id).unwrap();
        assert_eq!(pens.len(), 2, "the corrected record is kept");
        assert_eq!((pens[0].id, &pens[0].record), (first, &original));
        assert!(!pens[0].is_current());
        assert_eq!(pens[1].supersedes, Some(first));
        assert_eq!(crate::domain::enterprise::current(&pens), vec![p.clone()]);
        let a = s.audit_recent(&admin(), 1).unwrap().remove(0);
        assert_eq!(
            (a.action.as_str(), a.entity.as_str()),
            ("update", "penalty")
        );
        assert!(a.before.unwrap().contains("2024-03-05"));
        assert!(a.after.unwrap().contains("8号"));
        let stale = s.record_penalty(&admin(), code, &original, Entry::Correction(first));
        assert_eq!(problem(stale), Problem::Superseded);
        p.date = d(5, 1);
        let future = s.record_penalty(&admin(), code, &p, Entry::Correction(second));
        assert_eq!(problem(future), Problem::FutureDate);
    }

    #[test]
    fn a_correction_stays_with_its_enterprise_and_its_key_with_one_record() {
        let mut s = service();
        let (a, b) = (sample("91130273MA0A1B2C3"), sample("91130200MA0A1B2C4"));
        s.create_enterprise(&admin(), &a).unwrap();
        s.create_enterprise(&admin(), &b).unwrap();
        let pen = |doc: &str| Penalty {
            date: d(3, 5),
            doc_no: doc.into(),
            summary: String::new(),
        };
        let code = &a.credit_code;
        let one = s
            .record_penalty(&admin(), code, &pen("1号"), Entry::New)
            .unwrap();
        s.record_penalty(&admin(), code, &pen("2号"), Entry::New)
            .unwrap();
        let onto_other = s.record_penalty(&admin(), code, &pen("2号"), Entry::Correction(one));
        assert_eq!(problem(onto_other), Problem::AlreadyRecorded);
        let other = &b.credit_code;
        let moved = s.record_penalty(&admin(), other, &pen("3号"), Entry::Correction(one));
        assert_eq!(problem(moved), Problem::NotOnRecord);
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
        let early = s.record_complaint(&admin(), code, &c, Entry::Correction(cid));
        assert!(matches!(problem(early), Problem::Record(_)));
        c.verified_on = Some(d(2, 20));
        let fixed = s.record_complaint(&admin(), code, &c, Entry::Correction(cid));
        let fixed = fixed.unwrap();
        let (_, comps) = s.enterprise_records(&admin(), id).unwrap();
        assert_eq!(comps.len(), 2);
        assert_eq!((comps[1].id, &comps[1].record), (fixed, &c));
        assert!(comps[0].superseded_at.is_some());
    }
}
