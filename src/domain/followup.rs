//! Rectification follow-up (整改跟踪): which results are followed up (a problem found and a
//! rectification deadline set), where a follow-up stands on a day (open, overdue, closed), and
//! the re-check (复查) that closes it, once: a date, at least two officers present, and an
//! outcome (已整改; 未整改 → 立案 with a case number; 其他 with a remark). Pure.

use super::result::{Category, ResultData, case_number_ok};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the re-check found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// 已整改.
    Rectified,
    /// 未整改: a case is filed (立案).
    NotRectified,
    /// 其他, with a remark.
    Other,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Rectified, Outcome::NotRectified, Outcome::Other];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Rectified => "rectified",
            Outcome::NotRectified => "not_rectified",
            Outcome::Other => "other",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Outcome::Rectified => "已整改",
            Outcome::NotRectified => "未整改（立案）",
            Outcome::Other => "其他",
        }
    }

    pub fn en(self) -> &'static str {
        match self {
            Outcome::Rectified => "rectified",
            Outcome::NotRectified => "not rectified (case filed)",
            Outcome::Other => "other",
        }
    }

    /// By code or Chinese name (`已整改`, `未整改`, `其他`).
    pub fn parse(s: &str) -> Option<Outcome> {
        let s = s.trim();
        Outcome::ALL
            .into_iter()
            .find(|o| o.code() == s || o.zh() == s || o.zh().split('（').next() == Some(s))
    }
}

/// A re-check as entered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recheck {
    pub date: NaiveDate,
    /// Certificate numbers of the officers present.
    pub officers: BTreeSet<String>,
    pub outcome: Outcome,
    pub case_no: String,
    pub remark: String,
}

/// Where a follow-up stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    /// Past its deadline and not re-checked.
    Overdue,
    Open,
    Closed,
}

/// One follow-up: its result's visit, the deadline, and the re-check once made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FollowUp {
    pub visited: NaiveDate,
    pub deadline: NaiveDate,
    pub recheck: Option<Recheck>,
}

/// Why a re-check is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RecheckProblem {
    AlreadyClosed,
    BeforeVisit(NaiveDate),
    FutureDate,
    TooFewOfficers(usize),
    UnknownOfficers(Vec<String>),
    CaseNumberRequired,
    BadCaseNumber,
    RemarkRequired,
}

/// The deadline of the follow-up a result opens: a problem found and a rectification deadline
/// set (发现问题已责令改正, 发现问题待后续处理, …). None: no follow-up.
pub fn opened_by(category: &Category, d: &ResultData) -> Option<NaiveDate> {
    if category.problem { d.rectify_by } else { None }
}

impl FollowUp {
    pub fn status(&self, today: NaiveDate) -> Status {
        match &self.recheck {
            Some(_) => Status::Closed,
            None if today > self.deadline => Status::Overdue,
            None => Status::Open,
        }
    }

    /// Checks a re-check against this follow-up; `officers` are every officer's id. The
    /// follow-up closed by it, or every problem.
    pub fn close(
        &self,
        r: &Recheck,
        today: NaiveDate,
        officers: &BTreeSet<String>,
    ) -> Result<FollowUp, Vec<RecheckProblem>> {
        if self.recheck.is_some() {
            return Err(vec![RecheckProblem::AlreadyClosed]);
        }
        let mut out = Vec::new();
        if r.date < self.visited {
            out.push(RecheckProblem::BeforeVisit(self.visited));
        }
        if r.date > today {
            out.push(RecheckProblem::FutureDate);
        }
        let unknown: Vec<String> = r.officers.difference(officers).cloned().collect();
        if !unknown.is_empty() {
            out.push(RecheckProblem::UnknownOfficers(unknown));
        }
        let n = r.officers.intersection(officers).count();
        if n < 2 {
            out.push(RecheckProblem::TooFewOfficers(n));
        }
        match r.outcome {
            Outcome::NotRectified if r.case_no.trim().is_empty() => {
                out.push(RecheckProblem::CaseNumberRequired)
            }
            Outcome::NotRectified if !case_number_ok(&r.case_no) => {
                out.push(RecheckProblem::BadCaseNumber)
            }
            Outcome::Other if r.remark.trim().is_empty() => {
                out.push(RecheckProblem::RemarkRequired)
            }
            _ => {}
        }
        if !out.is_empty() {
            return Err(out);
        }
        Ok(FollowUp {
            recheck: Some(r.clone()),
            ..self.clone()
        })
    }
}

/// Why a re-check is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FollowUpProblem {
    UnknownResult(i64),
    /// The result opened no follow-up (no problem, or no rectification deadline).
    NotFollowedUp(i64),
    Recheck(Vec<RecheckProblem>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn officers() -> BTreeSet<String> {
        ["A1", "A2", "A3"].map(String::from).into()
    }

    fn recheck(outcome: Outcome) -> Recheck {
        Recheck {
            date: d("2024-05-20"),
            officers: ["A1", "A2"].map(String::from).into(),
            outcome,
            case_no: String::new(),
            remark: String::new(),
        }
    }

    fn open() -> FollowUp {
        FollowUp {
            visited: d("2024-04-10"),
            deadline: d("2024-05-10"),
            recheck: None,
        }
    }

    #[test]
    fn open_then_overdue_then_closed_once() {
        let f = open();
        assert_eq!(f.status(d("2024-05-10")), Status::Open);
        assert_eq!(f.status(d("2024-05-11")), Status::Overdue);
        let closed = f
            .close(&recheck(Outcome::Rectified), d("2024-05-20"), &officers())
            .unwrap();
        assert_eq!(closed.status(d("2024-06-01")), Status::Closed);
        assert_eq!(
            closed.close(&recheck(Outcome::Rectified), d("2024-05-20"), &officers()),
            Err(vec![RecheckProblem::AlreadyClosed])
        );
    }

    #[test]
    fn a_recheck_is_checked_like_a_result() {
        let f = open();
        let today = d("2024-05-20");
        let mut r = recheck(Outcome::NotRectified);
        assert_eq!(
            f.close(&r, today, &officers()),
            Err(vec![RecheckProblem::CaseNumberRequired])
        );
        r.case_no = "12号".into();
        assert_eq!(
            f.close(&r, today, &officers()),
            Err(vec![RecheckProblem::BadCaseNumber])
        );
        r.case_no = "唐高环立〔2024〕12号".into();
        assert!(f.close(&r, today, &officers()).is_ok());
        let mut r = recheck(Outcome::Other);
        assert_eq!(
            f.close(&r, today, &officers()),
            Err(vec![RecheckProblem::RemarkRequired])
        );
        r.remark = "企业已停产".into();
        assert!(f.close(&r, today, &officers()).is_ok());
        let r = Recheck {
            date: d("2024-04-01"),
            officers: ["A1", "X9"].map(String::from).into(),
            ..recheck(Outcome::Rectified)
        };
        assert_eq!(
            f.close(&r, d("2024-03-01"), &officers()),
            Err(vec![
                RecheckProblem::BeforeVisit(d("2024-04-10")),
                RecheckProblem::FutureDate,
                RecheckProblem::UnknownOfficers(vec!["X9".into()]),
                RecheckProblem::TooFewOfficers(1),
            ])
        );
    }

    #[test]
    fn only_problems_with_a_deadline_are_followed_up() {
        let cat = |problem| Category {
            code: "c".into(),
            name: "c".into(),
            name_en: String::new(),
            problem,
            needs_case: false,
            needs_remark: false,
        };
        let mut r = ResultData {
            inspected_on: d("2024-04-10"),
            present: BTreeSet::new(),
            items: BTreeSet::new(),
            category: "corrected".into(),
            findings: String::new(),
            rectify_by: Some(d("2024-05-10")),
            case_no: String::new(),
            mobile_no: String::new(),
            signature: crate::domain::result::Signature::Signed,
            signature_reason: String::new(),
            evidence: String::new(),
            typical: false,
            typical_note: String::new(),
        };
        assert_eq!(opened_by(&cat(true), &r), Some(d("2024-05-10")));
        assert_eq!(opened_by(&cat(false), &r), None);
        r.rectify_by = None;
        assert_eq!(opened_by(&cat(true), &r), None);
        assert_eq!(Outcome::parse("未整改"), Some(Outcome::NotRectified));
        assert_eq!(Outcome::parse("rectified"), Some(Outcome::Rectified));
        assert_eq!(Outcome::parse("x"), None);
    }
}
