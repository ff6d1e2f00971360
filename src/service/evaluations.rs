//! S9: a leader's overall evaluation (综合评估) of each inspector's daily conduct per quarter,
//! recorded with a remark, audited, and shown in the assessment beside the counts.

use super::draws::snapshot_id;
use super::stats::STATS_READERS;
use super::{Actor, Change, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::quarter::Quarter;
use crate::domain::stats::{Evaluation, Grade};
use crate::domain::text::check_line;
use crate::domain::user::Role;

/// The longest remark, in characters.
pub const REMARK_MAX: usize = 200;

/// An inspector who can be evaluated: snapshot id, name, section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluee {
    pub id: String,
    pub name: String,
    pub section: String,
}

impl Service {
    /// The leader acting: the actor itself, or — only for the local console, as for witnesses
    /// in a scripted draw — the named account, which must be enabled and hold the leader role.
    pub fn leader_actor(&mut self, actor: &Actor, name: Option<&str>) -> Result<Actor> {
        match name {
            Some(n) if actor.user_id.is_none() && actor.has(Role::Admin) => {
                match self.user(n.trim())? {
                    Some(u) if !u.disabled && u.roles.contains(&Role::Leader) => Ok(Actor {
                        user_id: Some(u.id),
                        name: u.name,
                        roles: u.roles,
                    }),
                    _ => Err(ServiceError::Forbidden(Role::Leader)),
                }
            }
            Some(_) => Err(ServiceError::Forbidden(Role::Leader)),
            None => {
                actor.require(&[Role::Leader])?;
                Ok(actor.clone())
            }
        }
    }

    /// Records a leader's evaluation of an inspector (certificate number or snapshot id) for a
    /// quarter that has begun; a second one for the same quarter replaces the first (audited).
    pub fn set_evaluation(
        &mut self,
        actor: &Actor,
        inspector: &str,
        quarter: Quarter,
        grade: Grade,
        remark: &str,
    ) -> Result<Evaluation> {
        actor.require(&[Role::Leader])?;
        let id = inspector.trim();
        let mut issues = Vec::new();
        if !self.evaluees(actor)?.iter().any(|e| e.id == id) {
            issues.push(FieldIssue {
                field: "inspector",
                value: id.to_string(),
                problem: Problem::UnknownCertificates(vec![id.to_string()]),
            });
        }
        if quarter.start() > self.today() {
            issues.push(FieldIssue {
                field: "quarter",
                value: quarter.to_string(),
                problem: Problem::FutureDate,
            });
        }
        let remark = remark.trim();
        if let Err(e) = check_line(remark, REMARK_MAX) {
            issues.push(FieldIssue {
                field: "remark",
                value: remark.to_string(),
                problem: Problem::Text(e),
            });
        }
        if !issues.is_empty() {
            return Err(ServiceError::Invalid(issues));
        }
        let at = self.stamp();
        let e = Evaluation {
            inspector: id.to_string(),
            quarter,
            grade,
            remark: remark.to_string(),
            by: actor.name.clone(),
            at: at.clone(),
        };
        self.write(Change::Results, |db| {
            let before = db
                .evaluations_of(&quarter.to_string())?
                .into_iter()
                .find(|x| x.inspector == e.inspector);
            db.put_evaluation(&e)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::upsert(&before), Entity::Evaluation)
                    .summary(&format!("{} {quarter}", e.inspector))
                    .before(before.map(|b| json(&b)).as_deref())
                    .after(Some(&json(&e))),
            )
        })?;
        Ok(e)
    }

    /// The evaluations recorded for a quarter (administrators, leaders, auditors).
    pub fn evaluations(&mut self, actor: &Actor, quarter: Quarter) -> Result<Vec<Evaluation>> {
        actor.require(STATS_READERS)?;
        Ok(self
            .store
            .read(|db| db.evaluations_of(&quarter.to_string()))?)
    }

    /// Everyone in the inspector registry, as evaluated (snapshot id, name, section).
    pub fn evaluees(&mut self, actor: &Actor) -> Result<Vec<Evaluee>> {
        actor.require(STATS_READERS)?;
        let people = self.store.read(|db| db.inspectors())?;
        Ok(people
            .into_iter()
            .map(|i| Evaluee {
                id: snapshot_id(i.id, &i.data.cert_no),
                name: i.data.name,
                section: i.data.section,
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{admin, service};

    fn leader() -> Actor {
        Actor {
            user_id: None,
            name: "lead".into(),
            roles: [Role::Leader].into(),
        }
    }

    #[test]
    fn a_leader_records_and_replaces_an_evaluation_and_bad_input_changes_nothing() {
        let mut s = service();
        crate::demo::fill(&mut s, &admin(), 20).unwrap();
        let q: Quarter = "2024Q2".parse().unwrap();
        let who = s.evaluees(&admin()).unwrap()[0].id.clone();
        assert!(matches!(
            s.set_evaluation(&admin(), &who, q, Grade::Pass, ""),
            Err(ServiceError::Forbidden(Role::Leader))
        ));
        s.set_evaluation(&leader(), &who, q, Grade::Basic, "记录不全")
            .unwrap();
        s.set_evaluation(&leader(), &who, q, Grade::Excellent, "  表现突出 ")
            .unwrap();
        let all = s.evaluations(&admin(), q).unwrap();
        assert_eq!(all.len(), 1);
        assert_eq!(
            (all[0].grade, all[0].remark.as_str()),
            (Grade::Excellent, "表现突出")
        );
        for (id, quarter, remark) in [
            ("NO-SUCH", q, ""),
            (who.as_str(), "2024Q3".parse().unwrap(), ""),
            (who.as_str(), q, "a\u{7}b"),
        ] {
            assert!(matches!(
                s.set_evaluation(&leader(), id, quarter, Grade::Fail, remark),
                Err(ServiceError::Invalid(_))
            ));
        }
        assert_eq!(s.evaluations(&admin(), q).unwrap(), all);
    }
}
