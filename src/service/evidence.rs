//! Evidence files (佐证材料, issue 18): attaching a file to a result (from the user's inbox or,
//! on the command line, a local file), listing, withdrawing with a reason, and reading one back
//! or copying it to the outbox. Who may see evidence is who may see the result; who may add it
//! is who may enter the result (its team, administrators). The bytes are kept once in
//! `stored_files`; the audit entry carries the digest and size.

use super::{Actor, Change, Result, Service, ServiceError, audit, json, read_setting};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::evidence::{self, EvidenceLimits};
use crate::domain::user::Role;
use crate::exchange::{inbox, outbox};
use crate::store::{EvidenceRow, NewEvidence};

const LIMITS_KEY: &str = "evidence_limits";
/// The longest withdrawal reason, in characters.
pub const REASON_MAX: usize = 500;

pub use crate::domain::evidence::EvidenceProblem;

impl From<EvidenceProblem> for ServiceError {
    fn from(p: EvidenceProblem) -> Self {
        ServiceError::Evidence(p)
    }
}

impl Service {
    /// The evidence limits in force.
    pub fn evidence_limits(&mut self) -> Result<EvidenceLimits> {
        self.store.read(|db| read_setting(db, LIMITS_KEY))
    }

    /// Changes the evidence limits (administrators): 1 to `MAX_MB` MiB, at least one kind.
    pub fn set_evidence_limits(&mut self, actor: &Actor, l: EvidenceLimits) -> Result<()> {
        let mut l = l;
        l.kinds.sort();
        l.kinds.dedup();
        if l.max_mb == 0 || l.max_mb > EvidenceLimits::MAX_MB || l.kinds.is_empty() {
            return Err(ServiceError::Invalid(vec![
                crate::domain::fields::FieldIssue {
                    field: "evidence-max-mb",
                    value: l.max_mb.to_string(),
                    problem: crate::domain::fields::Problem::BadNumber {
                        min: 1,
                        max: i64::from(EvidenceLimits::MAX_MB),
                    },
                },
            ]));
        }
        self.set_setting(actor, LIMITS_KEY, &l)
    }

    /// The assignment of a result the actor may see (its team, reviewers).
    pub(super) fn visible_result(&mut self, actor: &Actor, result: i64) -> Result<i64> {
        let a = self
            .store
            .read(|db| db.result_assignment(result))?
            .ok_or(EvidenceProblem::UnknownResult(result))?;
        self.assignment(actor, a)?;
        Ok(a)
    }

    /// Checks the actor may add evidence to the result: administrators, or its team.
    pub(super) fn may_add(&mut self, actor: &Actor, result: i64) -> Result<()> {
        let a = self.visible_result(actor, result)?;
        if actor.has(Role::Admin) {
            return Ok(());
        }
        let team = self.assignment(actor, a)?.team;
        let me = self.my_inspector_id(actor)?;
        if me.is_some_and(|m| team.contains(&m)) {
            Ok(())
        } else {
            Err(ServiceError::Forbidden(Role::Inspector))
        }
    }

    /// The evidence of a result, withdrawn files too, oldest first.
    pub fn evidence_list(&mut self, actor: &Actor, result: i64) -> Result<Vec<EvidenceRow>> {
        self.visible_result(actor, result)?;
        Ok(self.store.read(|db| db.evidence_of(result))?)
    }

    /// One evidence file and its bytes, for whoever may see its result.
    pub fn evidence_file(&mut self, actor: &Actor, id: i64) -> Result<(EvidenceRow, Vec<u8>)> {
        let e = self
            .store
            .read(|db| db.evidence(id))?
            .ok_or(EvidenceProblem::UnknownEvidence(id))?;
        self.visible_result(actor, e.result_id)?;
        let bytes = self
            .store
            .read(|db| db.stored_file(&e.sha256))?
            .ok_or_else(|| crate::store::StoreError::Corrupt(format!("file {}", e.sha256)))?;
        Ok((e, bytes))
    }

    /// Attaches `bytes` named `name` to a result: checked against the limits, kept once by
    /// digest, the row and its audit entry written together. The new evidence id.
    pub fn add_evidence(
        &mut self,
        actor: &Actor,
        result: i64,
        name: &str,
        bytes: &[u8],
    ) -> Result<i64> {
        self.may_add(actor, result)?;
        if inbox::check_name(name).is_err() {
            return Err(EvidenceProblem::NotInInbox(name.to_string()).into());
        }
        let limits = self.evidence_limits()?;
        let kind = evidence::check(name, bytes, &limits).map_err(EvidenceProblem::File)?;
        let sha256 = crate::domain::audit::file_digest(bytes);
        let at = self.stamp();
        self.write(Change::Results, |db| {
            db.put_file(&sha256, bytes, &at)?;
            let id = db.insert_evidence(&NewEvidence {
                result_id: result,
                sha256: &sha256,
                name,
                size: bytes.len() as i64,
                kind: kind.code(),
                by: &actor.name,
                at: &at,
            })?;
            let after = serde_json::json!({
                "result": result, "name": name, "sha256": sha256,
                "size": bytes.len(), "kind": kind.code(), "stored": true,
            });
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::Evidence)
                    .id(id)
                    .summary(&format!("{name} sha256:{sha256}"))
                    .after(Some(&after.to_string())),
            )?;
            Ok(id)
        })
    }

    /// Attaches a file from the actor's inbox (it stays there).
    pub fn attach_from_inbox(&mut self, actor: &Actor, result: i64, name: &str) -> Result<i64> {
        self.may_add(actor, result)?;
        let bytes = inbox::read(self.db_path(), &actor.name, name)
            .map_err(|_| EvidenceProblem::NotInInbox(name.to_string()))?;
        self.add_evidence(actor, result, name, &bytes)
    }

    /// Withdraws an evidence file with a reason (administrators, or whoever added it); it
    /// stays on record and its bytes stay kept.
    pub fn withdraw_evidence(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<()> {
        let (e, _) = self.evidence_file(actor, id)?;
        if !actor.has(Role::Admin) && e.added_by != actor.name {
            return Err(ServiceError::Forbidden(Role::Admin));
        }
        let reason = crate::domain::text::required_line(reason, REASON_MAX)
            .map_err(|_| EvidenceProblem::ReasonRequired)?;
        if e.withdrawn.is_some() {
            return Err(EvidenceProblem::AlreadyWithdrawn(id).into());
        }
        let at = self.stamp();
        self.write(Change::Results, |db| {
            if !db.withdraw_evidence(id, &actor.name, &at, &reason)? {
                return Err(EvidenceProblem::AlreadyWithdrawn(id).into());
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Withdraw, Entity::Evidence)
                    .id(id)
                    .summary(&reason)
                    .after(Some(&json(&serde_json::json!({ "reason": reason })))),
            )
        })
    }

    /// Copies an evidence file to the actor's outbox; the name written.
    pub fn export_evidence(&mut self, actor: &Actor, id: i64) -> Result<String> {
        let (e, bytes) = self.evidence_file(actor, id)?;
        let name = outbox::safe_name(&format!("{}-{}", e.id, e.name));
        outbox::write(self.db_path(), &actor.name, &name, &bytes)
            .map_err(|err| crate::exchange::write::WriteError::Io(name.clone(), err))?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests;
