//! Enterprises (检查对象): the registry's records (their penalties and complaints: `events.rs`).

use super::columns::{Table, Values, c, col, param, sql};
use super::{Db, Result, code_at, corrupt, opt_code_at, str_at};
use crate::domain::classify::ClassInput;
use crate::domain::credit_code::CreditCode;
use crate::domain::enterprise::*;
use crate::domain::permit::PermitNo;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row};
use std::collections::HashMap;

/// The enterprise record's columns.
const ENTERPRISES: Table = Table {
    name: "enterprises",
    alias: "",
    read: &[
        c("id"),
        c("revision"),
        c("name"),
        c("credit_code"),
        c("code_check_waived"),
        c("permit_no"),
        c("permit_category"),
        c("key_unit"),
        c("area"),
        c("industry"),
        c("pollutants"),
        c("construction"),
        c("scale"),
        c("cycle"),
        c("monitoring"),
        c("weather_grade"),
        c("credit_rating"),
        c("listing_level"),
        c("listing_from"),
        c("listing_until"),
        c("positive_list"),
        c("positive_from"),
        c("positive_until"),
        c("status"),
        c("address"),
        c("legal_rep"),
    ],
    write: &[
        "name",
        "credit_code",
        "code_check_waived",
        "permit_no",
        "permit_category",
        "key_unit",
        "area",
        "industry",
        "pollutants",
        "construction",
        "scale",
        "cycle",
        "monitoring",
        "weather_grade",
        "credit_rating",
        "listing_level",
        "listing_from",
        "listing_until",
        "positive_list",
        "positive_from",
        "positive_until",
        "status",
        "address",
        "legal_rep",
    ],
};

/// What [`Db::enterprise_briefs`] reads of each enterprise (`EnterpriseBrief`).
const ENTERPRISE_BRIEFS: Table = Table {
    name: "enterprises",
    alias: "",
    read: &[
        c("id"),
        c("name"),
        c("credit_code"),
        c("permit_category"),
        c("key_unit"),
        c("pollutants"),
        c("credit_rating"),
        c("listing_level"),
        c("listing_from"),
        c("listing_until"),
        c("positive_list"),
        c("positive_from"),
        c("positive_until"),
        c("status"),
    ],
    write: &[],
};

/// Identity of an enterprise for bulk lookups: id and revision by credit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnterpriseKey {
    pub id: i64,
    pub revision: i64,
}

fn period(r: &Row<'_>, from: usize, until: usize) -> rusqlite::Result<Period> {
    Ok(Period {
        from: r.get(from)?,
        until: r.get(until)?,
    })
}

/// The listing in columns `[level, from, until]`, when any.
fn listing(r: &Row<'_>, [level, from, until]: [usize; 3]) -> rusqlite::Result<Option<Listing>> {
    opt_code_at(r, level, ListingLevel::from_code)?
        .map(|level| -> rusqlite::Result<Listing> {
            let period = period(r, from, until)?;
            Ok(Listing { level, period })
        })
        .transpose()
}

/// The positive-list membership in columns `[flag, from, until]`, when any.
fn positive(r: &Row<'_>, [flag, from, until]: [usize; 3]) -> rusqlite::Result<Option<Period>> {
    let on: bool = r.get(flag)?;
    on.then(|| period(r, from, until)).transpose()
}

fn row(r: &Row<'_>) -> rusqlite::Result<Enterprise> {
    const T: Table = ENTERPRISES;
    let code = str_at(r, col!(T, credit_code))?;
    let permit = r.get_ref(col!(T, permit_no))?;
    let permit = permit.as_str_or_null().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(col!(T, permit_no), permit.data_type(), e.into())
    })?;
    let listing = listing(
        r,
        [
            col!(T, listing_level),
            col!(T, listing_from),
            col!(T, listing_until),
        ],
    )?;
    let positive_list = positive(
        r,
        [
            col!(T, positive_list),
            col!(T, positive_from),
            col!(T, positive_until),
        ],
    )?;
    Ok(Enterprise {
        id: r.get(col!(T, id))?,
        revision: r.get(col!(T, revision))?,
        data: EnterpriseData {
            name: r.get(col!(T, name))?,
            credit_code: CreditCode::parse_form(code).map_err(|e| corrupt(e.to_string()))?,
            code_check_waived: r.get(col!(T, code_check_waived))?,
            permit_no: permit
                .map(|p| PermitNo::parse(p).map_err(|e| corrupt(e.to_string())))
                .transpose()?,
            permit_category: code_at(r, col!(T, permit_category), PermitCategory::from_code)?,
            key_unit: r.get(col!(T, key_unit))?,
            area: r.get(col!(T, area))?,
            industry: r.get(col!(T, industry))?,
            pollutants: split_codes(str_at(r, col!(T, pollutants))?),
            construction: opt_code_at(r, col!(T, construction), Construction::from_code)?,
            scale: opt_code_at(r, col!(T, scale), Scale::from_code)?,
            cycle: opt_code_at(r, col!(T, cycle), Cycle::from_code)?,
            monitoring: split_codes(str_at(r, col!(T, monitoring))?),
            weather_grade: opt_code_at(r, col!(T, weather_grade), WeatherGrade::from_code)?,
            credit_rating: opt_code_at(r, col!(T, credit_rating), CreditRating::from_code)?,
            listing,
            positive_list,
            status: code_at(r, col!(T, status), OperatingStatus::from_code)?,
            address: r.get(col!(T, address))?,
            legal_rep: r.get(col!(T, legal_rep))?,
        },
    })
}

/// A row of [`ENTERPRISE_BRIEFS`]: only what a classification and a draw read.
fn brief(r: &Row<'_>) -> rusqlite::Result<EnterpriseBrief> {
    const T: Table = ENTERPRISE_BRIEFS;
    let tags = ClassInput {
        key_unit: r.get(col!(T, key_unit))?,
        permit_category: code_at(r, col!(T, permit_category), PermitCategory::from_code)?,
        credit_rating: opt_code_at(r, col!(T, credit_rating), CreditRating::from_code)?,
        listing: listing(
            r,
            [
                col!(T, listing_level),
                col!(T, listing_from),
                col!(T, listing_until),
            ],
        )?,
        positive_list: positive(
            r,
            [
                col!(T, positive_list),
                col!(T, positive_from),
                col!(T, positive_until),
            ],
        )?,
    };
    Ok(EnterpriseBrief {
        id: r.get(col!(T, id))?,
        credit_code: r.get(col!(T, credit_code))?,
        name: r.get(col!(T, name))?,
        pollutants: split_codes(str_at(r, col!(T, pollutants))?),
        status: code_at(r, col!(T, status), OperatingStatus::from_code)?,
        tags,
    })
}

/// The written columns' values, each set by its column's name; the record's texts are bound
/// from it, not copied.
fn values(d: &EnterpriseData) -> Values<'_> {
    const T: Table = ENTERPRISES;
    fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Null, |d| Value::Text(d.to_string()))
    }
    let listing = d.listing.map(|l| l.period);
    let mut v = ENTERPRISES.values();
    v.set_str(param!(T, name), Some(&d.name))
        .set_str(param!(T, credit_code), Some(d.credit_code.as_str()))
        .set(param!(T, code_check_waived), d.code_check_waived)
        .set_str(
            param!(T, permit_no),
            d.permit_no.as_ref().map(|p| p.as_str()),
        )
        .set_str(param!(T, permit_category), Some(d.permit_category.code()))
        .set(param!(T, key_unit), d.key_unit)
        .set_str(param!(T, area), Some(&d.area))
        .set_str(param!(T, industry), Some(&d.industry))
        .set(param!(T, pollutants), join_codes(&d.pollutants))
        .set_str(param!(T, construction), d.construction.map(|v| v.code()))
        .set_str(param!(T, scale), d.scale.map(|v| v.code()))
        .set_str(param!(T, cycle), d.cycle.map(|v| v.code()))
        .set(param!(T, monitoring), join_codes(&d.monitoring))
        .set_str(param!(T, weather_grade), d.weather_grade.map(|v| v.code()))
        .set_str(param!(T, credit_rating), d.credit_rating.map(|v| v.code()))
        .set_str(param!(T, listing_level), d.listing.map(|l| l.level.code()))
        .set(param!(T, listing_from), date(listing.and_then(|p| p.from)))
        .set(
            param!(T, listing_until),
            date(listing.and_then(|p| p.until)),
        )
        .set(param!(T, positive_list), d.positive_list.is_some())
        .set(
            param!(T, positive_from),
            date(d.positive_list.and_then(|p| p.from)),
        )
        .set(
            param!(T, positive_until),
            date(d.positive_list.and_then(|p| p.until)),
        )
        .set_str(param!(T, status), Some(d.status.code()))
        .set_str(param!(T, address), Some(&d.address))
        .set_str(param!(T, legal_rep), Some(&d.legal_rep));
    v
}

impl Db<'_> {
    pub fn enterprise(&self, id: i64) -> Result<Option<Enterprise>> {
        let sql = sql!(format!(
            "SELECT {} FROM enterprises WHERE id = ?1",
            ENTERPRISES.select()
        ));
        self.one(sql, [id], row)
    }

    pub fn enterprise_by_code(&self, code: &str) -> Result<Option<Enterprise>> {
        let sql = sql!(format!(
            "SELECT {} FROM enterprises WHERE credit_code = ?1",
            ENTERPRISES.select()
        ));
        self.one(sql, [code], row)
    }

    /// Every enterprise, ordered by id.
    pub fn enterprises(&self) -> Result<Vec<Enterprise>> {
        let sql = sql!(format!(
            "SELECT {} FROM enterprises ORDER BY id",
            ENTERPRISES.select()
        ));
        self.all(sql, [], row)
    }

    /// Every enterprise, ordered by id, as a classification and a draw read it: the columns
    /// they need, and no copy of the others.
    pub fn enterprise_briefs(&self) -> Result<Vec<EnterpriseBrief>> {
        let sql = sql!(format!(
            "SELECT {} FROM enterprises ORDER BY id",
            ENTERPRISE_BRIEFS.select()
        ));
        self.all(sql, [], brief)
    }

    /// Id and revision of every enterprise by credit code.
    pub fn enterprise_keys(&self) -> Result<HashMap<String, EnterpriseKey>> {
        let mut st = self
            .0
            .prepare_cached("SELECT credit_code, id, revision FROM enterprises")?;
        let v = st
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    EnterpriseKey {
                        id: r.get(1)?,
                        revision: r.get(2)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Every enterprise's credit code and name, as stored: what a draw's outcome is printed
    /// with, without reading (and parsing) whole records.
    pub fn enterprise_names(&self) -> Result<HashMap<String, String>> {
        let mut st = self
            .0
            .prepare_cached("SELECT credit_code, name FROM enterprises")?;
        let v = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The names of the enterprises with these credit codes (those that exist).
    pub fn enterprise_names_of<'c>(
        &self,
        codes: impl IntoIterator<Item = &'c str>,
    ) -> Result<HashMap<String, String>> {
        let mut st = self
            .0
            .prepare_cached("SELECT name FROM enterprises WHERE credit_code = ?1")?;
        let mut out = HashMap::new();
        for code in codes {
            if let Some(name) = st.query_row([code], |r| r.get(0)).optional()? {
                out.insert(code.to_string(), name);
            }
        }
        Ok(out)
    }

    pub fn count_enterprises(&self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0))?)
    }

    pub fn insert_enterprise(&self, d: &EnterpriseData, now: &str) -> Result<i64> {
        self.insert_stamped(sql!(ENTERPRISES.insert_stamped()), values(d), now)
    }

    /// Inserts records in order, many to a statement (an import's new enterprises); their
    /// ids, the ones inserting them one by one would give.
    pub fn insert_enterprises(&self, ds: &[EnterpriseData], now: &str) -> Result<Vec<i64>> {
        self.insert_stamped_rows(&ENTERPRISES, ds.iter().map(values), now)
    }

    /// Updates when the stored revision is still `revision`; returns false when it is not
    /// (someone else saved first) and changes nothing then.
    pub fn update_enterprise(
        &self,
        id: i64,
        revision: i64,
        d: &EnterpriseData,
        now: &str,
    ) -> Result<bool> {
        let sql = sql!(ENTERPRISES.update_revised());
        self.update_revised(sql, values(d), (id, revision), now)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::enterprise::tests::sample;
    use crate::domain::enterprise::*;
    use crate::store::{Store, StoreError};
    use chrono::NaiveDate;

    #[test]
    fn every_form_field_is_a_written_column_and_back() {
        // The form's 挂牌督办 level is the column listing_level.
        let column = |k: &'static str| if k == "listing" { "listing_level" } else { k };
        let specs = crate::domain::forms::ENTERPRISE;
        crate::store::columns::assert_form_writes(&super::ENTERPRISES, specs, column, &[]);
    }

    #[test]
    fn round_trip_and_optimistic_lock() {
        let mut s = Store::open_in_memory().unwrap();
        let mut d = sample("91130273MA0A1B2C3");
        d.listing = Some(Listing {
            level: ListingLevel::Province,
            period: Period {
                from: NaiveDate::from_ymd_opt(2024, 1, 2),
                until: None,
            },
        });
        d.positive_list = Some(Period::default());
        d.monitoring = [Monitoring::Video, Monitoring::Online].into();
        let id = s.write(|db| db.insert_enterprise(&d, "t0")).unwrap();
        let e = s.read(|db| db.enterprise(id)).unwrap().unwrap();
        assert_eq!(e.data, d);
        assert_eq!(e.revision, 1);
        let mut d2 = d.clone();
        d2.name = "改名公司".into();
        assert!(
            s.write(|db| db.update_enterprise(id, 1, &d2, "t1"))
                .unwrap()
        );
        assert!(!s.write(|db| db.update_enterprise(id, 1, &d, "t2")).unwrap());
        let e = s
            .read(|db| db.enterprise_by_code(d.credit_code.as_str()))
            .unwrap()
            .unwrap();
        assert_eq!((e.revision, e.data.name.as_str()), (2, "改名公司"));
        let dup = s.write(|db| db.insert_enterprise(&d, "t3"));
        assert!(matches!(dup, Err(StoreError::Sql(_))));
    }
}
