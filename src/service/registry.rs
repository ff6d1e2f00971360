//! Registry use cases one record at a time: enterprises and their events, inspectors and
//! their conflicts, check items and their versions.

use super::{Actor, Change, READERS, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::enterprise::{Enterprise, EnterpriseData};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::inspector::{Conflict, Inspector, InspectorData};
use crate::domain::item::{ItemData, ItemVersion};
use crate::domain::missing::Missing;
use crate::domain::text;
use crate::domain::user::Role;
use chrono::NaiveDate;

fn invalid(field: &'static str, value: &str, problem: impl Into<Problem>) -> ServiceError {
    ServiceError::Invalid(vec![FieldIssue {
        field,
        value: value.to_string(),
        problem: problem.into(),
    }])
}

impl Service {
    pub fn enterprises(&mut self, actor: &Actor) -> Result<Vec<Enterprise>> {
        actor.require(READERS)?;
        Ok(self.store.read(|db| db.enterprises())?)
    }

    pub fn enterprise(&mut self, actor: &Actor, id: i64) -> Result<Enterprise> {
        actor.require(READERS)?;
        self.store
            .read(|db| db.enterprise(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Enterprise, id)))
    }

    pub fn inspector(&mut self, actor: &Actor, id: i64) -> Result<Inspector> {
        actor.require(READERS)?;
        self.store
            .read(|db| db.inspector(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Inspector, id)))
    }

    pub fn enterprise_by_code(&mut self, actor: &Actor, code: &str) -> Result<Enterprise> {
        actor.require(READERS)?;
        self.store
            .read(|db| db.enterprise_by_code(code))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Typed(code.to_string())))
    }

    /// Adds an enterprise (administrators).
    pub fn create_enterprise(&mut self, actor: &Actor, d: &EnterpriseData) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        d.check().map_err(|e| invalid("permit_no", "", e))?;
        let at = self.stamp();
        self.write(Change::Enterprises, |db| {
            if db.enterprise_by_code(d.credit_code.as_str())?.is_some() {
                return Err(ServiceError::Exists(d.credit_code.to_string()));
            }
            let id = db.insert_enterprise(d, &at)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::Enterprise)
                    .id(id)
                    .summary(&d.name)
                    .after(Some(&json(d))),
            )?;
            Ok(id)
        })
    }

    /// Saves an edited enterprise read at `revision`; refused as stale when someone saved
    /// in between, so no update is ever lost.
    pub fn update_enterprise(
        &mut self,
        actor: &Actor,
        id: i64,
        revision: i64,
        d: &EnterpriseData,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        d.check().map_err(|e| invalid("permit_no", "", e))?;
        let at = self.stamp();
        self.write(Change::Enterprises, |db| {
            let before = db
                .enterprise(id)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Enterprise, id)))?;
            if let Some(other) = db
                .enterprise_by_code(d.credit_code.as_str())?
                .filter(|o| o.id != id)
            {
                return Err(ServiceError::Exists(other.data.credit_code.to_string()));
            }
            if !db.update_enterprise(id, revision, d, &at)? {
                return Err(ServiceError::Stale);
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::Enterprise)
                    .id(id)
                    .summary(&d.name)
                    .before(Some(&json(&before.data)))
                    .after(Some(&json(d))),
            )
        })
    }

    /// Marks an enterprise closed (关闭), with the reason in the audit trail; nothing is deleted.
    pub fn deactivate_enterprise(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let reason = text::required_line(reason, 200).map_err(|e| invalid("reason", reason, e))?;
        let at = self.stamp();
        self.write(Change::Enterprises, |db| {
            let e = db
                .enterprise(id)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Enterprise, id)))?;
            let mut d = e.data.clone();
            d.status = crate::domain::enterprise::OperatingStatus::Closed;
            if !db.update_enterprise(id, e.revision, &d, &at)? {
                return Err(ServiceError::Stale);
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Deactivate, Entity::Enterprise)
                    .id(id)
                    .summary(&reason)
                    .before(Some(&json(&e.data)))
                    .after(Some(&json(&d))),
            )
        })
    }

    /// Marks an inspector inactive with a reason; nothing is deleted.
    pub fn deactivate_inspector(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let reason = text::required_line(reason, 200).map_err(|e| invalid("reason", reason, e))?;
        let at = self.stamp();
        self.write(Change::Inspectors, |db| {
            let i = db
                .inspector(id)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Inspector, id)))?;
            let mut d = i.data.clone();
            d.active = false;
            d.inactive_reason = reason.clone();
            if !db.update_inspector(id, i.revision, &d, &at)? {
                return Err(ServiceError::Stale);
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Deactivate, Entity::Inspector)
                    .id(id)
                    .summary(&reason)
                    .before(Some(&json(&i.data)))
                    .after(Some(&json(&d))),
            )
        })
    }

    pub fn inspectors(&mut self, actor: &Actor) -> Result<Vec<Inspector>> {
        actor.require(READERS)?;
        Ok(self.store.read(|db| db.inspectors())?)
    }

    pub fn create_inspector(&mut self, actor: &Actor, d: &InspectorData) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        d.check().map_err(|e| invalid("cert_no", &d.cert_no, e))?;
        let at = self.stamp();
        self.write(Change::Inspectors, |db| {
            if !d.cert_no.is_empty() && db.inspector_by_cert(d.kind, &d.cert_no)?.is_some() {
                return Err(ServiceError::Exists(d.cert_no.clone()));
            }
            let id = db.insert_inspector(d, &at)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Create, Entity::Inspector)
                    .id(id)
                    .summary(&d.name)
                    .after(Some(&json(d))),
            )?;
            Ok(id)
        })
    }

    /// Saves an edited inspector read at `revision` (stale saves are refused).
    pub fn update_inspector(
        &mut self,
        actor: &Actor,
        id: i64,
        revision: i64,
        d: &InspectorData,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        d.check().map_err(|e| invalid("cert_no", &d.cert_no, e))?;
        let at = self.stamp();
        self.write(Change::Inspectors, |db| {
            let before = db
                .inspector(id)?
                .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Inspector, id)))?;
            if let Some(o) = db
                .inspector_by_cert(d.kind, &d.cert_no)?
                .filter(|o| o.id != id && !d.cert_no.is_empty())
            {
                return Err(ServiceError::Exists(o.data.cert_no));
            }
            if !db.update_inspector(id, revision, d, &at)? {
                return Err(ServiceError::Stale);
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Update, Entity::Inspector)
                    .id(id)
                    .summary(&d.name)
                    .before(Some(&json(&before.data)))
                    .after(Some(&json(d))),
            )
        })
    }

    /// Declares a conflict of interest (回避) between an officer and an enterprise.
    pub fn declare_conflict(
        &mut self,
        actor: &Actor,
        inspector: i64,
        enterprise: i64,
        reason: &str,
        on: NaiveDate,
    ) -> Result<i64> {
        actor.require(&[Role::Admin])?;
        let reason = text::required_line(reason, 200).map_err(|e| invalid("reason", reason, e))?;
        let at = self.stamp();
        self.write(Change::Inspectors, |db| {
            db.inspector(inspector)?.ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Inspector, inspector)))?;
            db.enterprise(enterprise)?.ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Enterprise, enterprise)))?;
            // The same declaration twice is refused: one in force is enough (withdrawn ones may
            // be declared again).
            let same = |c: &&Conflict| c.inspector_id == inspector && c.enterprise_id == enterprise;
            if let Some(c) = db.conflicts()?.iter().filter(|c| c.withdrawn.is_none()).find(same) {
                return Err(invalid("enterprise", &enterprise.to_string(), Problem::AlreadyDeclared(c.declared_on)));
            }
            let id = db.insert_conflict(inspector, enterprise, &reason, on)?;
            let after = serde_json::json!({"inspector_id": inspector, "enterprise_id": enterprise, "reason": reason, "declared_on": on});
            audit(db, &at, actor, Event::new(Action::Create, Entity::Conflict).id(id).summary(&reason).after(Some(&after.to_string())))?;
            Ok(id)
        })
    }

    /// Withdraws a declaration; it stays on record with the date.
    pub fn withdraw_conflict(&mut self, actor: &Actor, id: i64, on: NaiveDate) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Inspectors, |db| {
            if !db.withdraw_conflict(id, on)? {
                return Err(ServiceError::NotFound(Missing::Record(
                    Entity::Conflict,
                    id,
                )));
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Withdraw, Entity::Conflict)
                    .id(id)
                    .after(Some(&on.to_string())),
            )
        })
    }

    pub fn conflicts(&mut self, actor: &Actor) -> Result<Vec<Conflict>> {
        actor.require(READERS)?;
        Ok(self.store.read(|db| db.conflicts())?)
    }

    /// Every version of every check item.
    pub fn item_versions(&mut self, actor: &Actor) -> Result<Vec<ItemVersion>> {
        actor.require(READERS)?;
        Ok(self.store.read(|db| db.item_versions())?)
    }

    /// One version of a check item, by its id (as [`Service::item_versions`] allows).
    pub fn item(&mut self, actor: &Actor, id: i64) -> Result<ItemVersion> {
        actor.require(READERS)?;
        self.store
            .read(|db| db.item_version(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Item, id)))
    }

    /// The check-item list in force on a date (public: anyone may read it).
    pub fn items_in_force(&mut self, on: NaiveDate) -> Result<Vec<ItemVersion>> {
        let all = self.store.read(|db| db.item_versions())?;
        Ok(all.into_iter().filter(|v| v.in_force_on(on)).collect())
    }

    /// Adds an item or, when its content changed, a new version effective `from`.
    /// Returns the new version's number, or `None` when nothing changed.
    pub fn put_item(
        &mut self,
        actor: &Actor,
        d: &ItemData,
        from: NaiveDate,
    ) -> Result<Option<i64>> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Items, |db| {
            let latest = db.latest_item(&d.code)?;
            match &latest {
                Some(v) if v.data == *d && v.effective_until.is_none() => return Ok(None),
                Some(v) if from <= v.effective_from => {
                    return Err(invalid(
                        "effective_from",
                        &from.to_string(),
                        Problem::MustBeAfter(v.effective_from),
                    ));
                }
                _ => {}
            }
            write_item_version(db, &at, actor, d, from, &d.code, latest).map(Some)
        })
    }

    /// Retires an item from `on` (first day it is no longer in force), with a reason.
    pub fn retire_item(
        &mut self,
        actor: &Actor,
        code: &str,
        on: NaiveDate,
        reason: &str,
    ) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let reason = text::required_line(reason, 200).map_err(|e| invalid("reason", reason, e))?;
        let at = self.stamp();
        self.write(Change::Items, |db| {
            let v = db
                .latest_item(code)?
                .filter(|v| v.effective_until.is_none())
                .ok_or_else(|| ServiceError::NotFound(Missing::Typed(code.to_string())))?;
            if on <= v.effective_from {
                return Err(invalid(
                    "effective_from",
                    &on.to_string(),
                    Problem::MustBeAfter(v.effective_from),
                ));
            }
            db.close_item_version(v.id, on, &reason)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Retire, Entity::Item)
                    .id(v.id)
                    .summary(code)
                    .before(Some(&json(&v.data)))
                    .after(Some(&on.to_string())),
            )
        })
    }
}

/// Writes the next version of an item effective `from` (closing the version in force, if any)
/// and its audit entry; returns the new version's number. Callers check the dates first.
pub(super) fn write_item_version(
    db: crate::store::Db<'_>,
    at: &str,
    actor: &Actor,
    d: &ItemData,
    from: NaiveDate,
    summary: &str,
    latest: Option<ItemVersion>,
) -> Result<i64> {
    let version = match &latest {
        Some(v) => {
            if v.effective_until.is_none() {
                db.close_item_version(v.id, from, "")?;
            }
            v.version + 1
        }
        None => 1,
    };
    let id = db.insert_item_version(d, version, from)?;
    let before = latest.map(|v| json(&v.data));
    let action = if version == 1 {
        Action::Create
    } else {
        Action::Revise
    };
    audit(
        db,
        at,
        actor,
        Event::new(action, Entity::Item)
            .id(id)
            .summary(summary)
            .before(before.as_deref())
            .after(Some(&json(d))),
    )?;
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::super::tests::{admin, inspector, service};
    use super::*;
    use crate::domain::enterprise::tests::sample;
    use crate::domain::item::Method;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    #[test]
    fn the_same_conflict_is_declared_once_while_in_force() {
        let mut s = service();
        crate::demo::fill(&mut s, &admin(), 40).unwrap();
        let c = (s.conflicts(&admin()).unwrap().into_iter())
            .find(|c| c.withdrawn.is_none())
            .expect("the demo declares conflicts");
        let again =
            s.declare_conflict(&admin(), c.inspector_id, c.enterprise_id, "又一次", d(4, 2));
        match again {
            Err(ServiceError::Invalid(i)) => {
                assert_eq!(i[0].problem, Problem::AlreadyDeclared(c.declared_on))
            }
            other => panic!("{other:?}"),
        }
        s.withdraw_conflict(&admin(), c.id, d(4, 3)).unwrap();
        s.declare_conflict(
            &admin(),
            c.inspector_id,
            c.enterprise_id,
            "重新声明",
            d(4, 4),
        )
        .expect("a withdrawn declaration may be made again");
    }

    #[test]
    fn edits_keep_history_and_refuse_stale_saves() {
        let mut s = service();
        let e = sample("91130273MA0A1B2C3");
        let id = s.create_enterprise(&admin(), &e).unwrap();
        assert!(matches!(
            s.create_enterprise(&admin(), &e),
            Err(ServiceError::Exists(_))
        ));
        let mut e2 = e.clone();
        e2.name = "新名称有限公司".into();
        s.update_enterprise(&admin(), id, 1, &e2).unwrap();
        assert!(matches!(
            s.update_enterprise(&admin(), id, 1, &e),
            Err(ServiceError::Stale)
        ));
        let h = s.history(&admin(), "enterprise", id).unwrap();
        assert_eq!(h.len(), 2);
        assert!(h[1].before.as_deref().unwrap().contains(&e.name));
        assert!(h[1].after.as_deref().unwrap().contains("新名称有限公司"));
    }

    #[test]
    fn inspectors_cannot_change_registries() {
        let mut s = service();
        let e = sample("91130273MA0A1B2C3");
        assert!(matches!(
            s.create_enterprise(&inspector(), &e),
            Err(ServiceError::Forbidden(Role::Admin))
        ));
        assert!(matches!(
            s.enterprises(&inspector()),
            Err(ServiceError::Forbidden(_))
        ));
    }

    #[test]
    fn items_are_versioned_never_deleted() {
        let mut s = service();
        let mut item = ItemData {
            code: "HB-01".into(),
            name: "排污许可执行情况".into(),
            basis: "《排污许可管理条例》".into(),
            subject: "排污单位".into(),
            method: Method::OnSite,
            scope: String::new(),
            expertise: Default::default(),
        };
        assert_eq!(s.put_item(&admin(), &item, d(1, 1)).unwrap(), Some(1));
        assert_eq!(s.put_item(&admin(), &item, d(2, 1)).unwrap(), None);
        item.basis = "《排污许可管理条例》第三十四条".into();
        assert!(s.put_item(&admin(), &item, d(1, 1)).is_err());
        assert_eq!(s.put_item(&admin(), &item, d(3, 1)).unwrap(), Some(2));
        s.retire_item(&admin(), "HB-01", d(7, 1), "职能调整")
            .unwrap();
        assert_eq!(s.items_in_force(d(2, 15)).unwrap()[0].version, 1);
        assert_eq!(s.items_in_force(d(6, 30)).unwrap()[0].version, 2);
        assert!(s.items_in_force(d(7, 1)).unwrap().is_empty());
        assert_eq!(s.item_versions(&admin()).unwrap().len(), 2);
        assert!(s.retire_item(&admin(), "HB-01", d(8, 1), "再次").is_err());
    }

    #[test]
    fn items_are_found_by_id_as_the_list_allows() {
        let mut s = service();
        let item = ItemData {
            code: "HB-02".into(),
            name: "固体废物管理".into(),
            basis: String::new(),
            subject: String::new(),
            method: Method::OnSite,
            scope: String::new(),
            expertise: Default::default(),
        };
        s.put_item(&admin(), &item, d(1, 1)).unwrap();
        let listed = s.item_versions(&admin()).unwrap().remove(0);
        assert_eq!(s.item(&admin(), listed.id).unwrap(), listed);
        assert!(matches!(
            s.item(&admin(), listed.id + 1),
            Err(ServiceError::NotFound(_))
        ));
        assert!(matches!(
            s.item(&inspector(), listed.id),
            Err(ServiceError::Forbidden(_))
        ));
    }
}
