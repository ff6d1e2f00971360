//! Check items and their versions.

use super::columns::{Table, c, col, param, sql};
use super::{Db, Result, vocab};
use crate::domain::item::*;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::{Row, params};

/// The check item version's columns.
const ITEMS: Table = Table {
    name: "check_items",
    alias: "",
    read: &[
        c("id"),
        c("version"),
        c("code"),
        c("name"),
        c("basis"),
        c("subject"),
        c("method"),
        c("scope"),
        c("effective_from"),
        c("effective_until"),
        c("retired_reason"),
        c("expertise"),
    ],
    write: &[
        "code",
        "version",
        "name",
        "basis",
        "subject",
        "method",
        "scope",
        "effective_from",
        "expertise",
    ],
};

fn row(r: &Row<'_>) -> rusqlite::Result<ItemVersion> {
    const T: Table = ITEMS;
    Ok(ItemVersion {
        id: r.get(col!(T, id))?,
        version: r.get(col!(T, version))?,
        data: ItemData {
            code: r.get(col!(T, code))?,
            name: r.get(col!(T, name))?,
            basis: r.get(col!(T, basis))?,
            subject: r.get(col!(T, subject))?,
            method: vocab(&r.get::<_, String>(col!(T, method))?, Method::from_code)?,
            scope: r.get(col!(T, scope))?,
            expertise: split_codes(&r.get::<_, String>(col!(T, expertise))?),
        },
        effective_from: r.get(col!(T, effective_from))?,
        effective_until: r.get(col!(T, effective_until))?,
        retired_reason: r.get(col!(T, retired_reason))?,
    })
}

impl Db<'_> {
    /// Every version of every item, by code and version.
    pub fn item_versions(&self) -> Result<Vec<ItemVersion>> {
        let sql = sql!(format!(
            "SELECT {} FROM check_items ORDER BY code, version",
            ITEMS.select()
        ));
        self.all(sql, [], row)
    }

    /// One version of an item, by its id.
    pub fn item_version(&self, id: i64) -> Result<Option<ItemVersion>> {
        let sql = sql!(format!(
            "SELECT {} FROM check_items WHERE id = ?1",
            ITEMS.select()
        ));
        self.one(sql, [id], row)
    }

    /// The newest version of an item (in force or not).
    pub fn latest_item(&self, code: &str) -> Result<Option<ItemVersion>> {
        let sql = sql!(format!(
            "SELECT {} FROM check_items WHERE code = ?1 ORDER BY version DESC LIMIT 1",
            ITEMS.select()
        ));
        self.one(sql, [code], row)
    }

    pub fn insert_item_version(&self, d: &ItemData, version: i64, from: NaiveDate) -> Result<i64> {
        const T: Table = ITEMS;
        let mut st = self.0.prepare_cached(sql!(ITEMS.insert(&[])))?;
        let mut v = ITEMS.values();
        v.set(param!(T, code), d.code.clone())
            .set(param!(T, version), version)
            .set(param!(T, name), d.name.clone())
            .set(param!(T, basis), d.basis.clone())
            .set(param!(T, subject), d.subject.clone())
            .set(param!(T, method), d.method.code().to_string())
            .set(param!(T, scope), d.scope.clone())
            .set(param!(T, effective_from), from.to_string())
            .set(param!(T, expertise), join_codes(&d.expertise));
        v.execute(&mut st, &[])?;
        Ok(self.0.last_insert_rowid())
    }

    /// Ends a version's validity on `until` (exclusive); `reason` is kept when retiring.
    pub fn close_item_version(&self, id: i64, until: NaiveDate, reason: &str) -> Result<bool> {
        let n = self
            .0
            .prepare_cached(
                "UPDATE check_items SET effective_until = ?2, retired_reason = ?3 WHERE id = ?1 AND effective_until IS NULL",
            )?
            .execute(params![id, until, reason])?;
        Ok(n == 1)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_form_field_is_a_written_column_and_back() {
        // The version is numbered by the service, not entered.
        let specs = crate::domain::forms::ITEM;
        crate::store::columns::assert_form_writes(&super::ITEMS, specs, |k| k, &["version"]);
    }
}
