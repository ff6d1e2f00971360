//! Inspectors (officers and auxiliary) and declared conflicts.

use super::{Db, Result, opt_vocab, vocab};
use crate::domain::inspector::*;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};

const COLS: &str =
    "id, revision, name, kind, aux_type, unit, cert_no, post, section, region, years_of_service,
    expertise, phone, active, inactive_reason";

fn row(r: &Row<'_>) -> rusqlite::Result<Inspector> {
    Ok(Inspector {
        id: r.get(0)?,
        revision: r.get(1)?,
        data: InspectorData {
            name: r.get(2)?,
            kind: vocab(&r.get::<_, String>(3)?, InspectorKind::from_code)?,
            aux_type: opt_vocab(r.get(4)?, AuxiliaryType::from_code)?,
            unit: r.get(5)?,
            cert_no: r.get(6)?,
            post: r.get(7)?,
            section: r.get(8)?,
            region: r.get(9)?,
            years_of_service: r.get(10)?,
            expertise: split_codes(&r.get::<_, String>(11)?),
            phone: r.get(12)?,
            active: r.get(13)?,
            inactive_reason: r.get(14)?,
        },
    })
}

fn values(d: &InspectorData, now: &str) -> Vec<Value> {
    let t = |s: &str| Value::Text(s.to_string());
    vec![
        t(&d.name),
        t(d.kind.code()),
        d.aux_type.map_or(Value::Null, |a| t(a.code())),
        t(&d.unit),
        t(&d.cert_no),
        t(&d.post),
        t(&d.section),
        t(&d.region),
        d.years_of_service
            .map_or(Value::Null, |y| Value::Integer(y.into())),
        Value::Text(join_codes(&d.expertise)),
        t(&d.phone),
        Value::Integer(d.active.into()),
        t(&d.inactive_reason),
        t(now),
    ]
}

fn conflict(r: &Row<'_>) -> rusqlite::Result<Conflict> {
    Ok(Conflict {
        id: r.get(0)?,
        inspector_id: r.get(1)?,
        enterprise_id: r.get(2)?,
        reason: r.get(3)?,
        declared_on: r.get(4)?,
        withdrawn: r.get(5)?,
    })
}

impl Db<'_> {
    pub fn inspector(&self, id: i64) -> Result<Option<Inspector>> {
        let sql = format!("SELECT {COLS} FROM inspectors WHERE id = ?1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([id], row)
            .optional()?)
    }

    pub fn inspector_by_cert(&self, kind: InspectorKind, cert: &str) -> Result<Option<Inspector>> {
        let sql = format!("SELECT {COLS} FROM inspectors WHERE kind = ?1 AND cert_no = ?2");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([kind.code(), cert], row)
            .optional()?)
    }

    /// An auxiliary inspector without a number is known by name and unit.
    pub fn inspector_by_name_unit(
        &self,
        kind: InspectorKind,
        name: &str,
        unit: &str,
    ) -> Result<Option<Inspector>> {
        let sql = format!(
            "SELECT {COLS} FROM inspectors WHERE kind = ?1 AND cert_no = '' AND name = ?2 AND unit = ?3"
        );
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([kind.code(), name, unit], row)
            .optional()?)
    }

    pub fn inspectors(&self) -> Result<Vec<Inspector>> {
        let sql = format!("SELECT {COLS} FROM inspectors ORDER BY kind DESC, section, id");
        let mut st = self.0.prepare_cached(&sql)?;
        let v = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    pub fn insert_inspector(&self, d: &InspectorData, now: &str) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO inspectors (name, kind, aux_type, unit, cert_no, post, section, region, years_of_service,
                   expertise, phone, active, inactive_reason, created_at, updated_at)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?14)",
            )?
            .execute(params_from_iter(values(d, now)))?;
        Ok(self.0.last_insert_rowid())
    }

    /// Updates when the stored revision is still `revision`; false when someone saved first.
    pub fn update_inspector(
        &self,
        id: i64,
        revision: i64,
        d: &InspectorData,
        now: &str,
    ) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE inspectors SET name=?1, kind=?2, aux_type=?3, unit=?4, cert_no=?5, post=?6, section=?7,
                   region=?8, years_of_service=?9, expertise=?10, phone=?11, active=?12, inactive_reason=?13,
                   updated_at=?14, revision = revision + 1
                 WHERE id = ?15 AND revision = ?16",
            )?
            .execute(params_from_iter(values(d, now).into_iter().chain([Value::Integer(id), Value::Integer(revision)])))?;
        Ok(n == 1)
    }

    pub fn insert_conflict(
        &self,
        inspector: i64,
        enterprise: i64,
        reason: &str,
        declared_on: NaiveDate,
    ) -> Result<i64> {
        self.0
            .prepare_cached("INSERT INTO conflicts (inspector_id, enterprise_id, reason, declared_on) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![inspector, enterprise, reason, declared_on])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn withdraw_conflict(&self, id: i64, on: NaiveDate) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE conflicts SET withdrawn = ?2 WHERE id = ?1 AND withdrawn IS NULL",
            )?
            .execute(params![id, on])?;
        Ok(n == 1)
    }

    /// Every declared conflict, withdrawn ones included.
    pub fn conflicts(&self) -> Result<Vec<Conflict>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, inspector_id, enterprise_id, reason, declared_on, withdrawn FROM conflicts ORDER BY id",
        )?;
        let v = st
            .query_map([], conflict)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}
