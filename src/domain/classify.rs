//! S5/S5.1 classification of a target for a quarter, as a pure function of the enterprise's
//! tags at the quarter's first day and its dated events in the previous quarter.
//!
//! Precedence (S5.1, as `domain.md` settles it): special > positive-list general > key >
//! general. Every condition that holds is reported, the decisive ones and those that
//! precedence overrode, each with the fact and its date.
//!
//! Choices made where the plan is silent (see `docs/classification.md`):
//! - a listing or positive-list membership counts when it is in force on the quarter's first day;
//! - a penalty counts when its date lies in the previous quarter; a complaint counts when it was
//!   verified (查实) on a date in the previous quarter;
//! - the credit rating, key-unit flag and permit category are taken as currently recorded.

use super::enterprise::{
    Complaint, CreditRating, EnterpriseData, Listing, ListingLevel, Penalty, Period, PermitCategory,
};
use super::quarter::Quarter;
use chrono::NaiveDate;
use serde::Serialize;

crate::vocab! {
    /// The three S5 classes.
    pub enum Class {
        Key = "key", "重点", "key", ["重点监管", "重点监管对象"];
        Special = "special", "特殊", "special", ["特殊监管", "特殊监管对象"];
        General = "general", "一般", "general", ["一般监管", "一般监管对象"];
    }
}

/// One condition found to hold, with its fact and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Reason {
    /// Eco-credit rating C, D or E.
    LowCredit { rating: CreditRating },
    /// 挂牌督办 by the Ministry or the province, in force at the quarter's start.
    Listed {
        level: ListingLevel,
        since: Option<NaiveDate>,
    },
    /// Administrative penalty dated in the previous quarter.
    Penalized { date: NaiveDate, doc_no: String },
    /// Complaint verified in the previous quarter.
    ComplaintVerified {
        received: NaiveDate,
        verified_on: NaiveDate,
    },
    /// On the positive list at the quarter's start.
    PositiveList { since: Option<NaiveDate> },
    /// On the key-pollutant-unit list.
    KeyUnit,
    /// Permit category 重点管理.
    KeyPermit,
    /// No condition holds: general by default.
    Default,
}

impl Reason {
    /// The class this condition points to.
    pub fn class(&self) -> Class {
        match self {
            Reason::LowCredit { .. }
            | Reason::Listed { .. }
            | Reason::Penalized { .. }
            | Reason::ComplaintVerified { .. } => Class::Special,
            Reason::KeyUnit | Reason::KeyPermit => Class::Key,
            Reason::PositiveList { .. } | Reason::Default => Class::General,
        }
    }
}

/// The result for one enterprise and quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Classification {
    pub class: Class,
    /// On the positive list at the quarter's start (a fact, whatever the class).
    pub positive_list: bool,
    /// Marked for 100% off-site supervision: general because of the positive list.
    pub offsite: bool,
    /// Conditions that decided the class.
    pub reasons: Vec<Reason>,
    /// Conditions that hold but were overridden by precedence (S5.1).
    pub overridden: Vec<Reason>,
}

/// The tags of an enterprise record that its class depends on (with its dated events): all
/// that a reader of the whole registry for a classification needs of each record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClassInput {
    pub key_unit: bool,
    pub permit_category: PermitCategory,
    pub credit_rating: Option<CreditRating>,
    pub listing: Option<Listing>,
    pub positive_list: Option<Period>,
}

impl ClassInput {
    /// The tags of a whole record.
    pub fn of(e: &EnterpriseData) -> ClassInput {
        ClassInput {
            key_unit: e.key_unit,
            permit_category: e.permit_category,
            credit_rating: e.credit_rating,
            listing: e.listing,
            positive_list: e.positive_list,
        }
    }
}

/// Classifies an enterprise for a quarter.
pub fn classify(
    e: &EnterpriseData,
    penalties: &[Penalty],
    complaints: &[Complaint],
    quarter: Quarter,
) -> Classification {
    classify_tags(&ClassInput::of(e), penalties, complaints, quarter)
}

/// Classifies an enterprise known by the tags classification reads ([`ClassInput`]).
pub fn classify_tags(
    e: &ClassInput,
    penalties: &[Penalty],
    complaints: &[Complaint],
    quarter: Quarter,
) -> Classification {
    let start = quarter.start();
    let prev = quarter.prev();
    let mut special = Vec::new();
    if let Some(rating) = e.credit_rating.filter(|r| r.is_low()) {
        special.push(Reason::LowCredit { rating });
    }
    if let Some(l) = e.listing.filter(|l| l.period.active_on(start)) {
        special.push(Reason::Listed {
            level: l.level,
            since: l.period.from,
        });
    }
    let mut pens: Vec<&Penalty> = penalties.iter().filter(|p| prev.contains(p.date)).collect();
    pens.sort_by(|a, b| (a.date, &a.doc_no).cmp(&(b.date, &b.doc_no)));
    special.extend(pens.into_iter().map(|p| Reason::Penalized {
        date: p.date,
        doc_no: p.doc_no.clone(),
    }));
    let mut comps: Vec<(NaiveDate, NaiveDate)> = complaints
        .iter()
        .filter(|c| c.verified)
        .filter_map(|c| {
            c.verified_on
                .filter(|v| prev.contains(*v))
                .map(|v| (c.received, v))
        })
        .collect();
    comps.sort();
    special.extend(
        comps
            .into_iter()
            .map(|(received, verified_on)| Reason::ComplaintVerified {
                received,
                verified_on,
            }),
    );

    let positive = e.positive_list.filter(|p| p.active_on(start));
    let positive_reason = positive.map(|p| Reason::PositiveList { since: p.from });
    let mut key = Vec::new();
    if e.key_unit {
        key.push(Reason::KeyUnit);
    }
    if e.permit_category == PermitCategory::Key {
        key.push(Reason::KeyPermit);
    }

    let (class, reasons, overridden): (Class, Vec<Reason>, Vec<Reason>) = if !special.is_empty() {
        (
            Class::Special,
            special,
            positive_reason.into_iter().chain(key).collect(),
        )
    } else if let Some(p) = positive_reason {
        (Class::General, vec![p], key)
    } else if !key.is_empty() {
        (Class::Key, key, Vec::new())
    } else {
        (Class::General, vec![Reason::Default], Vec::new())
    };
    let offsite = class == Class::General && positive.is_some();
    Classification {
        class,
        positive_list: positive.is_some(),
        offsite,
        reasons,
        overridden,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::enterprise::tests::sample;
    use crate::domain::enterprise::{Listing, Period, PermitCategory};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn q2() -> Quarter {
        "2024Q2".parse().unwrap()
    }

    #[test]
    fn plain_firm_is_general() {
        let c = classify(&sample("91130273MA0A1B2C3"), &[], &[], q2());
        assert_eq!(c.class, Class::General);
        assert_eq!(c.reasons, vec![Reason::Default]);
        assert!(!c.offsite && !c.positive_list);
    }

    #[test]
    fn key_by_list_or_permit() {
        let mut e = sample("91130273MA0A1B2C3");
        e.key_unit = true;
        e.permit_category = PermitCategory::Key;
        let c = classify(&e, &[], &[], q2());
        assert_eq!(c.class, Class::Key);
        assert_eq!(c.reasons, vec![Reason::KeyUnit, Reason::KeyPermit]);
    }

    /// Hand-worked: key unit, rated D → special wins (S5.1), key kept as overridden.
    #[test]
    fn key_and_special_is_special() {
        let mut e = sample("91130273MA0A1B2C3");
        e.key_unit = true;
        e.credit_rating = Some(CreditRating::D);
        let c = classify(&e, &[], &[], q2());
        assert_eq!(c.class, Class::Special);
        assert_eq!(
            c.reasons,
            vec![Reason::LowCredit {
                rating: CreditRating::D
            }]
        );
        assert_eq!(c.overridden, vec![Reason::KeyUnit]);
    }

    /// Hand-worked: permit 重点管理 and on the positive list since 2023-07-01 → general, off-site.
    #[test]
    fn key_and_positive_list_is_general_offsite() {
        let mut e = sample("91130273MA0A1B2C3");
        e.permit_category = PermitCategory::Key;
        e.positive_list = Some(Period {
            from: Some(d(2023, 7, 1)),
            until: None,
        });
        let c = classify(&e, &[], &[], q2());
        assert_eq!(c.class, Class::General);
        assert!(c.offsite && c.positive_list);
        assert_eq!(
            c.reasons,
            vec![Reason::PositiveList {
                since: Some(d(2023, 7, 1))
            }]
        );
        assert_eq!(c.overridden, vec![Reason::KeyPermit]);
    }

    #[test]
    fn positive_list_ended_before_quarter_does_not_count() {
        let mut e = sample("91130273MA0A1B2C3");
        e.positive_list = Some(Period {
            from: Some(d(2023, 7, 1)),
            until: Some(d(2024, 3, 31)),
        });
        let c = classify(&e, &[], &[], q2());
        assert!(!c.positive_list && !c.offsite);
        assert_eq!(c.reasons, vec![Reason::Default]);
    }

    #[test]
    fn special_on_positive_list_is_special_not_offsite() {
        let mut e = sample("91130273MA0A1B2C3");
        e.positive_list = Some(Period::default());
        let pen = Penalty {
            date: d(2024, 3, 31),
            doc_no: "唐环罚〔2024〕7号".into(),
            summary: String::new(),
        };
        let c = classify(&e, &[pen], &[], q2());
        assert_eq!(c.class, Class::Special);
        assert!(c.positive_list && !c.offsite);
        assert_eq!(c.overridden, vec![Reason::PositiveList { since: None }]);
    }

    #[test]
    fn penalty_counts_only_in_previous_quarter() {
        let e = sample("91130273MA0A1B2C3");
        let p = |m, day| Penalty {
            date: d(2024, m, day),
            doc_no: "X".into(),
            summary: String::new(),
        };
        assert_eq!(classify(&e, &[p(1, 1)], &[], q2()).class, Class::Special);
        assert_eq!(classify(&e, &[p(4, 1)], &[], q2()).class, Class::General);
        let old = Penalty {
            date: d(2023, 12, 31),
            doc_no: "X".into(),
            summary: String::new(),
        };
        assert_eq!(classify(&e, &[old], &[], q2()).class, Class::General);
        // Q1's previous quarter is the year before.
        let q1: Quarter = "2024Q1".parse().unwrap();
        let old = Penalty {
            date: d(2023, 12, 31),
            doc_no: "X".into(),
            summary: String::new(),
        };
        assert_eq!(classify(&e, &[old], &[], q1).class, Class::Special);
    }

    #[test]
    fn complaint_counts_when_verified_in_previous_quarter() {
        let e = sample("91130273MA0A1B2C3");
        let c = |verified, on: Option<NaiveDate>| Complaint {
            received: d(2023, 12, 20),
            ref_no: String::new(),
            verified,
            verified_on: on,
            summary: String::new(),
        };
        let r = classify(&e, &[], &[c(true, Some(d(2024, 1, 5)))], q2());
        assert_eq!(r.class, Class::Special);
        assert_eq!(
            r.reasons,
            vec![Reason::ComplaintVerified {
                received: d(2023, 12, 20),
                verified_on: d(2024, 1, 5)
            }]
        );
        assert_eq!(
            classify(&e, &[], &[c(false, None)], q2()).class,
            Class::General
        );
        assert_eq!(
            classify(&e, &[], &[c(true, Some(d(2024, 4, 2)))], q2()).class,
            Class::General
        );
    }

    #[test]
    fn listing_in_force_at_quarter_start() {
        let mut e = sample("91130273MA0A1B2C3");
        e.listing = Some(Listing {
            level: ListingLevel::Province,
            period: Period {
                from: Some(d(2024, 2, 1)),
                until: None,
            },
        });
        assert_eq!(classify(&e, &[], &[], q2()).class, Class::Special);
        e.listing = Some(Listing {
            level: ListingLevel::Ministry,
            period: Period {
                from: Some(d(2024, 4, 2)),
                until: None,
            },
        });
        assert_eq!(classify(&e, &[], &[], q2()).class, Class::General);
    }

    #[test]
    fn every_special_condition_is_listed() {
        let mut e = sample("91130273MA0A1B2C3");
        e.credit_rating = Some(CreditRating::C);
        e.listing = Some(Listing {
            level: ListingLevel::Ministry,
            period: Period::default(),
        });
        let pen = Penalty {
            date: d(2024, 2, 3),
            doc_no: "A".into(),
            summary: String::new(),
        };
        let c = classify(&e, &[pen], &[], q2());
        assert_eq!(c.reasons.len(), 3);
        assert!(c.reasons.iter().all(|r| r.class() == Class::Special));
    }
}
