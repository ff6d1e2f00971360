//! Inspectors (officers and auxiliary) and declared conflicts.

use super::columns::{Table, Values, c, col, opt_text, param, sql};
use super::{Db, Result, opt_vocab, vocab};
use crate::domain::inspector::*;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::{Row, params};

/// The inspector record's columns.
const INSPECTORS: Table = Table {
    name: "inspectors",
    alias: "",
    read: &[
        c("id"),
        c("revision"),
        c("name"),
        c("kind"),
        c("aux_type"),
        c("unit"),
        c("cert_no"),
        c("post"),
        c("section"),
        c("region"),
        c("years_of_service"),
        c("expertise"),
        c("phone"),
        c("active"),
        c("inactive_reason"),
    ],
    write: &[
        "name",
        "kind",
        "aux_type",
        "unit",
        "cert_no",
        "post",
        "section",
        "region",
        "years_of_service",
        "expertise",
        "phone",
        "active",
        "inactive_reason",
    ],
};

fn row(r: &Row<'_>) -> rusqlite::Result<Inspector> {
    const T: Table = INSPECTORS;
    Ok(Inspector {
        id: r.get(col!(T, id))?,
        revision: r.get(col!(T, revision))?,
        data: InspectorData {
            name: r.get(col!(T, name))?,
            kind: vocab(
                &r.get::<_, String>(col!(T, kind))?,
                InspectorKind::from_code,
            )?,
            aux_type: opt_vocab(r.get(col!(T, aux_type))?, AuxiliaryType::from_code)?,
            unit: r.get(col!(T, unit))?,
            cert_no: r.get(col!(T, cert_no))?,
            post: r.get(col!(T, post))?,
            section: r.get(col!(T, section))?,
            region: r.get(col!(T, region))?,
            years_of_service: r.get(col!(T, years_of_service))?,
            expertise: split_codes(&r.get::<_, String>(col!(T, expertise))?),
            phone: r.get(col!(T, phone))?,
            active: r.get(col!(T, active))?,
            inactive_reason: r.get(col!(T, inactive_reason))?,
        },
    })
}

/// The written columns' values, each set by its column's name.
fn values(d: &InspectorData) -> Values<'static> {
    const T: Table = INSPECTORS;
    let mut v = INSPECTORS.values();
    v.set(param!(T, name), d.name.clone())
        .set(param!(T, kind), d.kind.code().to_string())
        .set(param!(T, aux_type), opt_text(d.aux_type.map(|a| a.code())))
        .set(param!(T, unit), d.unit.clone())
        .set(param!(T, cert_no), d.cert_no.clone())
        .set(param!(T, post), d.post.clone())
        .set(param!(T, section), d.section.clone())
        .set(param!(T, region), d.region.clone())
        .set(
            param!(T, years_of_service),
            d.years_of_service.map(i64::from),
        )
        .set(param!(T, expertise), join_codes(&d.expertise))
        .set(param!(T, phone), d.phone.clone())
        .set(param!(T, active), d.active)
        .set(param!(T, inactive_reason), d.inactive_reason.clone());
    v
}

/// The conflict record's columns (declared, never edited: only withdrawn).
const CONFLICTS: Table = Table {
    name: "conflicts",
    alias: "",
    read: &[
        c("id"),
        c("inspector_id"),
        c("enterprise_id"),
        c("reason"),
        c("declared_on"),
        c("withdrawn"),
    ],
    write: &["inspector_id", "enterprise_id", "reason", "declared_on"],
};

fn conflict(r: &Row<'_>) -> rusqlite::Result<Conflict> {
    const T: Table = CONFLICTS;
    Ok(Conflict {
        id: r.get(col!(T, id))?,
        inspector_id: r.get(col!(T, inspector_id))?,
        enterprise_id: r.get(col!(T, enterprise_id))?,
        reason: r.get(col!(T, reason))?,
        declared_on: r.get(col!(T, declared_on))?,
        withdrawn: r.get(col!(T, withdrawn))?,
    })
}

impl Db<'_> {
    pub fn inspector(&self, id: i64) -> Result<Option<Inspector>> {
        let sql = sql!(format!(
            "SELECT {} FROM inspectors WHERE id = ?1",
            INSPECTORS.select()
        ));
        self.one(sql, [id], row)
    }

    pub fn inspector_by_cert(&self, kind: InspectorKind, cert: &str) -> Result<Option<Inspector>> {
        let sql = sql!(format!(
            "SELECT {} FROM inspectors WHERE kind = ?1 AND cert_no = ?2",
            INSPECTORS.select()
        ));
        self.one(sql, [kind.code(), cert], row)
    }

    /// An auxiliary inspector without a number is known by name and unit.
    pub fn inspector_by_name_unit(
        &self,
        kind: InspectorKind,
        name: &str,
        unit: &str,
    ) -> Result<Option<Inspector>> {
        let sql = sql!(format!(
            "SELECT {} FROM inspectors WHERE kind = ?1 AND cert_no = '' AND name = ?2 AND unit = ?3",
            INSPECTORS.select()
        ));
        self.one(sql, [kind.code(), name, unit], row)
    }

    pub fn inspectors(&self) -> Result<Vec<Inspector>> {
        let sql = sql!(format!(
            "SELECT {} FROM inspectors ORDER BY kind DESC, section, id",
            INSPECTORS.select()
        ));
        self.all(sql, [], row)
    }

    /// Every inspector's id, certificate number and name: what a draw's teams are printed
    /// with, without reading whole records.
    pub fn inspector_names(&self) -> Result<Vec<(i64, String, String)>> {
        let mut st = self
            .0
            .prepare_cached("SELECT id, cert_no, name FROM inspectors")?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    pub fn insert_inspector(&self, d: &InspectorData, now: &str) -> Result<i64> {
        self.insert_stamped(sql!(INSPECTORS.insert_stamped()), values(d), now)
    }

    /// Updates when the stored revision is still `revision`; false when someone saved first.
    pub fn update_inspector(
        &self,
        id: i64,
        revision: i64,
        d: &InspectorData,
        now: &str,
    ) -> Result<bool> {
        let sql = sql!(INSPECTORS.update_revised());
        self.update_revised(sql, values(d), (id, revision), now)
    }

    pub fn insert_conflict(
        &self,
        inspector: i64,
        enterprise: i64,
        reason: &str,
        declared_on: NaiveDate,
    ) -> Result<i64> {
        const T: Table = CONFLICTS;
        let mut st = self.0.prepare_cached(sql!(CONFLICTS.insert(&[])))?;
        let mut v = CONFLICTS.values();
        v.set(param!(T, inspector_id), inspector)
            .set(param!(T, enterprise_id), enterprise)
            .set(param!(T, reason), reason.to_string())
            .set(param!(T, declared_on), declared_on.to_string());
        v.execute(&mut st, &[])?;
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
        let sql = sql!(format!(
            "SELECT {} FROM conflicts ORDER BY id",
            CONFLICTS.select()
        ));
        let mut st = self.0.prepare_cached(sql)?;
        let v = st
            .query_map([], conflict)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_field_is_a_written_column_and_back() {
        let same = |k| k;
        let specs = crate::domain::forms::INSPECTOR;
        crate::store::columns::assert_form_writes(&super::INSPECTORS, specs, same, &[]);
    }
}
