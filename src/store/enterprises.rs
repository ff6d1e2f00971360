//! Enterprises (检查对象) with their penalties and complaints.

use super::{Db, Result, code_at, corrupt, opt_code_at, str_at};
use crate::domain::credit_code::CreditCode;
use crate::domain::enterprise::*;
use crate::domain::permit::PermitNo;
use crate::domain::vocab::{join_codes, split_codes};
use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params, params_from_iter};
use std::collections::HashMap;

const COLS: &str = "id, revision, name, credit_code, code_check_waived, permit_no, permit_category, key_unit,
    area, industry, pollutants, construction, scale, cycle, monitoring, weather_grade, credit_rating,
    listing_level, listing_from, listing_until, positive_list, positive_from, positive_until, status,
    address, legal_rep";

/// Identity of an enterprise for bulk lookups: id and revision by credit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnterpriseKey {
    pub id: i64,
    pub revision: i64,
}

fn row(r: &Row<'_>) -> rusqlite::Result<Enterprise> {
    let code = str_at(r, 3)?;
    let permit: Option<String> = r.get(5)?;
    let listing = opt_code_at(r, 17, ListingLevel::from_code)?
        .map(|level| -> rusqlite::Result<Listing> {
            Ok(Listing {
                level,
                period: Period {
                    from: r.get(18)?,
                    until: r.get(19)?,
                },
            })
        })
        .transpose()?;
    let positive: bool = r.get(20)?;
    Ok(Enterprise {
        id: r.get(0)?,
        revision: r.get(1)?,
        data: EnterpriseData {
            name: r.get(2)?,
            credit_code: CreditCode::parse_form(code).map_err(|e| corrupt(e.to_string()))?,
            code_check_waived: r.get(4)?,
            permit_no: permit
                .map(|p| PermitNo::parse(&p).map_err(|e| corrupt(e.to_string())))
                .transpose()?,
            permit_category: code_at(r, 6, PermitCategory::from_code)?,
            key_unit: r.get(7)?,
            area: r.get(8)?,
            industry: r.get(9)?,
            pollutants: split_codes(str_at(r, 10)?),
            construction: opt_code_at(r, 11, Construction::from_code)?,
            scale: opt_code_at(r, 12, Scale::from_code)?,
            cycle: opt_code_at(r, 13, Cycle::from_code)?,
            monitoring: split_codes(str_at(r, 14)?),
            weather_grade: opt_code_at(r, 15, WeatherGrade::from_code)?,
            credit_rating: opt_code_at(r, 16, CreditRating::from_code)?,
            listing,
            positive_list: positive
                .then(|| -> rusqlite::Result<Period> {
                    Ok(Period {
                        from: r.get(21)?,
                        until: r.get(22)?,
                    })
                })
                .transpose()?,
            status: code_at(r, 23, OperatingStatus::from_code)?,
            address: r.get(24)?,
            legal_rep: r.get(25)?,
        },
    })
}

/// Values 1..=25 in the order of the INSERT/UPDATE statements below (25 is the time).
fn values(d: &EnterpriseData, now: &str) -> Vec<Value> {
    fn text(s: &str) -> Value {
        Value::Text(s.to_string())
    }
    fn opt(s: Option<&str>) -> Value {
        s.map_or(Value::Null, text)
    }
    fn date(d: Option<NaiveDate>) -> Value {
        d.map_or(Value::Null, |d| Value::Text(d.to_string()))
    }
    vec![
        text(&d.name),
        text(d.credit_code.as_str()),
        Value::Integer(d.code_check_waived.into()),
        opt(d.permit_no.as_ref().map(|p| p.as_str())),
        text(d.permit_category.code()),
        Value::Integer(d.key_unit.into()),
        text(&d.area),
        text(&d.industry),
        Value::Text(join_codes(&d.pollutants)),
        opt(d.construction.map(|v| v.code())),
        opt(d.scale.map(|v| v.code())),
        opt(d.cycle.map(|v| v.code())),
        Value::Text(join_codes(&d.monitoring)),
        opt(d.weather_grade.map(|v| v.code())),
        opt(d.credit_rating.map(|v| v.code())),
        opt(d.listing.map(|l| l.level.code())),
        date(d.listing.and_then(|l| l.period.from)),
        date(d.listing.and_then(|l| l.period.until)),
        Value::Integer(d.positive_list.is_some().into()),
        date(d.positive_list.and_then(|p| p.from)),
        date(d.positive_list.and_then(|p| p.until)),
        text(d.status.code()),
        text(&d.address),
        text(&d.legal_rep),
        text(now),
    ]
}

impl Db<'_> {
    pub fn enterprise(&self, id: i64) -> Result<Option<Enterprise>> {
        let sql = format!("SELECT {COLS} FROM enterprises WHERE id = ?1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([id], row)
            .optional()?)
    }

    pub fn enterprise_by_code(&self, code: &str) -> Result<Option<Enterprise>> {
        let sql = format!("SELECT {COLS} FROM enterprises WHERE credit_code = ?1");
        Ok(self
            .0
            .prepare_cached(&sql)?
            .query_row([code], row)
            .optional()?)
    }

    /// Every enterprise, ordered by id.
    pub fn enterprises(&self) -> Result<Vec<Enterprise>> {
        let sql = format!("SELECT {COLS} FROM enterprises ORDER BY id");
        let mut st = self.0.prepare_cached(&sql)?;
        let v = st.query_map([], row)?.collect::<rusqlite::Result<_>>()?;
        Ok(v)
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

    pub fn count_enterprises(&self) -> Result<i64> {
        Ok(self
            .0
            .query_row("SELECT count(*) FROM enterprises", [], |r| r.get(0))?)
    }

    pub fn insert_enterprise(&self, d: &EnterpriseData, now: &str) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO enterprises (name, credit_code, code_check_waived, permit_no, permit_category, key_unit,
                   area, industry, pollutants, construction, scale, cycle, monitoring, weather_grade, credit_rating,
                   listing_level, listing_from, listing_until, positive_list, positive_from, positive_until, status,
                   address, legal_rep, created_at, updated_at)
                 VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?25)",
            )?
            .execute(params_from_iter(values(d, now)))?;
        Ok(self.0.last_insert_rowid())
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
        let n = self
            .0
            .prepare_cached(
                "UPDATE enterprises SET name=?1, credit_code=?2, code_check_waived=?3, permit_no=?4, permit_category=?5,
                   key_unit=?6, area=?7, industry=?8, pollutants=?9, construction=?10, scale=?11, cycle=?12,
                   monitoring=?13, weather_grade=?14, credit_rating=?15, listing_level=?16, listing_from=?17,
                   listing_until=?18, positive_list=?19, positive_from=?20, positive_until=?21, status=?22,
                   address=?23, legal_rep=?24, updated_at=?25, revision = revision + 1
                 WHERE id = ?26 AND revision = ?27",
            )?
            .execute(params_from_iter(values(d, now).into_iter().chain([Value::Integer(id), Value::Integer(revision)])))?;
        Ok(n == 1)
    }

    pub fn penalties_of(&self, enterprise: i64) -> Result<Vec<(i64, Penalty)>> {
        let mut st = self
            .0
            .prepare_cached("SELECT id, date, doc_no, summary FROM penalties WHERE enterprise_id = ?1 ORDER BY date, id")?;
        let v = st
            .query_map([enterprise], |r| {
                Ok((
                    r.get(0)?,
                    Penalty {
                        date: r.get(1)?,
                        doc_no: r.get(2)?,
                        summary: r.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    pub fn complaints_of(&self, enterprise: i64) -> Result<Vec<(i64, Complaint)>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, received, ref_no, verified, verified_on, summary FROM complaints WHERE enterprise_id = ?1 ORDER BY received, id",
        )?;
        let v = st
            .query_map([enterprise], |r| Ok((r.get(0)?, complaint(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Penalties dated within `[from, to]`, with their enterprise id.
    pub fn penalties_between(&self, from: NaiveDate, to: NaiveDate) -> Result<Vec<(i64, Penalty)>> {
        let mut st = self.0.prepare_cached(
            "SELECT enterprise_id, date, doc_no, summary FROM penalties WHERE date BETWEEN ?1 AND ?2 ORDER BY enterprise_id, date",
        )?;
        let v = st
            .query_map([from, to], |r| {
                Ok((
                    r.get(0)?,
                    Penalty {
                        date: r.get(1)?,
                        doc_no: r.get(2)?,
                        summary: r.get(3)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// Complaints verified within `[from, to]`, with their enterprise id.
    pub fn complaints_verified_between(
        &self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(i64, Complaint)>> {
        let mut st = self.0.prepare_cached(
            "SELECT enterprise_id, received, ref_no, verified, verified_on, summary FROM complaints
             WHERE verified = 1 AND verified_on BETWEEN ?1 AND ?2 ORDER BY enterprise_id, verified_on",
        )?;
        let v = st
            .query_map([from, to], |r| Ok((r.get(0)?, complaint(r, 1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(v)
    }

    /// The penalty with this document number for this enterprise, if any.
    pub fn penalty_by_doc(&self, enterprise: i64, doc_no: &str) -> Result<Option<(i64, Penalty)>> {
        let mut st = self
            .0
            .prepare_cached("SELECT id, date, doc_no, summary FROM penalties WHERE enterprise_id = ?1 AND doc_no = ?2")?;
        Ok(st
            .query_row(params![enterprise, doc_no], |r| {
                Ok((
                    r.get(0)?,
                    Penalty {
                        date: r.get(1)?,
                        doc_no: r.get(2)?,
                        summary: r.get(3)?,
                    },
                ))
            })
            .optional()?)
    }

    pub fn insert_penalty(&self, enterprise: i64, p: &Penalty) -> Result<i64> {
        self.0
            .prepare_cached("INSERT INTO penalties (enterprise_id, date, doc_no, summary) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![enterprise, p.date, p.doc_no, p.summary])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn update_penalty(&self, id: i64, p: &Penalty) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE penalties SET date = ?2, doc_no = ?3, summary = ?4 WHERE id = ?1",
            )?
            .execute(params![id, p.date, p.doc_no, p.summary])?;
        Ok(())
    }

    /// The complaint received on that day under that reference, if any.
    pub fn complaint_by_key(
        &self,
        enterprise: i64,
        received: NaiveDate,
        ref_no: &str,
    ) -> Result<Option<(i64, Complaint)>> {
        let mut st = self.0.prepare_cached(
            "SELECT id, received, ref_no, verified, verified_on, summary FROM complaints
             WHERE enterprise_id = ?1 AND received = ?2 AND ref_no = ?3",
        )?;
        Ok(st
            .query_row(params![enterprise, received, ref_no], |r| {
                Ok((r.get(0)?, complaint(r, 1)?))
            })
            .optional()?)
    }

    pub fn insert_complaint(&self, enterprise: i64, c: &Complaint) -> Result<i64> {
        self.0
            .prepare_cached(
                "INSERT INTO complaints (enterprise_id, received, ref_no, verified, verified_on, summary) VALUES (?1,?2,?3,?4,?5,?6)",
            )?
            .execute(params![enterprise, c.received, c.ref_no, c.verified, c.verified_on, c.summary])?;
        Ok(self.0.last_insert_rowid())
    }

    pub fn update_complaint(&self, id: i64, c: &Complaint) -> Result<()> {
        self.0
            .prepare_cached(
                "UPDATE complaints SET verified = ?2, verified_on = ?3, summary = ?4 WHERE id = ?1",
            )?
            .execute(params![id, c.verified, c.verified_on, c.summary])?;
        Ok(())
    }
}

fn complaint(r: &Row<'_>, at: usize) -> rusqlite::Result<Complaint> {
    Ok(Complaint {
        received: r.get(at)?,
        ref_no: r.get(at + 1)?,
        verified: r.get(at + 2)?,
        verified_on: r.get(at + 3)?,
        summary: r.get(at + 4)?,
    })
}

#[cfg(test)]
mod tests {
    use crate::domain::enterprise::tests::sample;
    use crate::domain::enterprise::*;
    use crate::store::{Store, StoreError};
    use chrono::NaiveDate;

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
