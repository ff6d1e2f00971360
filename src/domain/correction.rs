//! Corrections and objections (更正 / 异议, issue 18): a published result is never edited in
//! place. An administrator files a case against it — an objection (received on a date, from
//! someone, with its content) or a correction the office starts itself, with the changes it
//! proposes — and a leader decides it once: 维持 (the result stands) or 更正 (the result gets a
//! new version, the old one kept on record). What changed is named field by field for the
//! correction notice (更正公示). Pure.

use super::result::ResultData;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What kind of case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// 异议: raised by the enterprise (or someone else) after publication.
    Objection,
    /// 更正: started by the office itself.
    Correction,
}

impl Kind {
    pub const ALL: [Kind; 2] = [Kind::Objection, Kind::Correction];

    pub fn code(self) -> &'static str {
        match self {
            Kind::Objection => "objection",
            Kind::Correction => "correction",
        }
    }

    pub fn from_code(s: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// A leader's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// 维持: the published result stands.
    Uphold,
    /// 更正: the result is corrected (a new version).
    Correct,
}

impl Decision {
    pub const ALL: [Decision; 2] = [Decision::Uphold, Decision::Correct];

    pub fn code(self) -> &'static str {
        match self {
            Decision::Uphold => "uphold",
            Decision::Correct => "correct",
        }
    }

    pub fn zh(self) -> &'static str {
        match self {
            Decision::Uphold => "维持",
            Decision::Correct => "更正",
        }
    }

    pub fn from_code(s: &str) -> Option<Decision> {
        Decision::ALL.into_iter().find(|d| d.code() == s)
    }

    /// By code or Chinese name (`维持`, `更正`).
    pub fn parse(s: &str) -> Option<Decision> {
        let s = s.trim();
        Decision::ALL
            .into_iter()
            .find(|d| d.code() == s || d.zh() == s)
    }
}

/// The fields a correction may change; `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inspected_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<BTreeSet<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub findings: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rectify_by: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_no: Option<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// These changes with `later`'s on top (a field `later` sets wins).
    pub fn then(&self, later: &Changes) -> Changes {
        Changes {
            inspected_on: later.inspected_on.or(self.inspected_on),
            category: later.category.clone().or_else(|| self.category.clone()),
            items: later.items.clone().or_else(|| self.items.clone()),
            findings: later.findings.clone().or_else(|| self.findings.clone()),
            rectify_by: later.rectify_by.or(self.rectify_by),
            case_no: later.case_no.clone().or_else(|| self.case_no.clone()),
        }
    }

    /// `d` with these changes.
    pub fn apply(&self, d: &ResultData) -> ResultData {
        let mut out = d.clone();
        if let Some(v) = self.inspected_on {
            out.inspected_on = v;
        }
        if let Some(v) = &self.category {
            out.category = v.clone();
        }
        if let Some(v) = &self.items {
            out.items = v.clone();
        }
        if let Some(v) = &self.findings {
            out.findings = v.clone();
        }
        if let Some(v) = self.rectify_by {
            out.rectify_by = Some(v);
        }
        if let Some(v) = &self.case_no {
            out.case_no = v.clone();
        }
        out
    }
}

/// A field a correction changed, as the correction notice names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Date,
    Category,
    Items,
    Findings,
    RectifyBy,
    CaseNo,
}

/// The fields that differ between two versions of a result, in notice order.
pub fn changed(old: &ResultData, new: &ResultData) -> Vec<Field> {
    [
        (Field::Date, old.inspected_on != new.inspected_on),
        (Field::Category, old.category != new.category),
        (Field::Items, old.items != new.items),
        (Field::Findings, old.findings != new.findings),
        (Field::RectifyBy, old.rectify_by != new.rectify_by),
        (Field::CaseNo, old.case_no != new.case_no),
    ]
    .into_iter()
    .filter_map(|(f, differs)| differs.then_some(f))
    .collect()
}

/// What an administrator files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filing {
    pub kind: Kind,
    /// When the objection was received (a correction: when it was started).
    pub received_on: NaiveDate,
    /// Who raised the objection (required for an objection).
    pub from: String,
    /// The objection's content, or why the office corrects.
    pub content: String,
    /// The changes proposed (required for a correction).
    pub proposal: Changes,
}

/// A leader's decision as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    pub decision: Decision,
    pub reason: String,
    pub on: NaiveDate,
    /// The changes decided on top of the proposal (更正 only).
    pub changes: Changes,
}

/// One case: what was filed and, once decided, the decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub filing: Filing,
    pub decided: Option<Decided>,
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Pending,
    Upheld,
    Corrected,
}

/// Why a filing or a decision is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The result is not published: it is changed by review, not by correction.
    NotPublished,
    /// The result already has a case awaiting decision.
    AlreadyPending,
    FutureDate,
    /// Received before the result was published.
    BeforePublication(NaiveDate),
    FromRequired,
    ContentRequired,
    /// A correction that changes nothing.
    NothingToCorrect,
    /// Changes given with 维持.
    ChangesWithUphold,
    AlreadyDecided,
    ReasonRequired,
}

/// Why a case cannot go on, for the service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CorrectionProblem {
    UnknownResult(i64),
    UnknownCase(i64),
    Refused(Vec<Problem>),
}

/// Checks a filing against its result: published on `published_on` (None: not published),
/// `pending` when it already has a case awaiting decision. The new case, or every problem.
pub fn file(
    f: &Filing,
    published_on: Option<NaiveDate>,
    pending: bool,
    today: NaiveDate,
) -> Result<Case, Vec<Problem>> {
    let Some(published_on) = published_on else {
        return Err(vec![Problem::NotPublished]);
    };
    let mut out = Vec::new();
    if pending {
        out.push(Problem::AlreadyPending);
    }
    if f.received_on > today {
        out.push(Problem::FutureDate);
    }
    if f.received_on < published_on {
        out.push(Problem::BeforePublication(published_on));
    }
    if f.kind == Kind::Objection && f.from.trim().is_empty() {
        out.push(Problem::FromRequired);
    }
    if f.content.trim().is_empty() {
        out.push(Problem::ContentRequired);
    }
    if f.kind == Kind::Correction && f.proposal.is_empty() {
        out.push(Problem::NothingToCorrect);
    }
    if out.is_empty() {
        Ok(Case {
            filing: f.clone(),
            decided: None,
        })
    } else {
        Err(out)
    }
}

impl Case {
    pub fn status(&self) -> Status {
        match &self.decided {
            None => Status::Pending,
            Some(d) if d.decision == Decision::Uphold => Status::Upheld,
            Some(_) => Status::Corrected,
        }
    }

    /// Decides the case against the result's current version `current`: the decided case and,
    /// for 更正, the result's new version; or every problem.
    pub fn decide(
        &self,
        d: &Decided,
        current: &ResultData,
    ) -> Result<(Case, Option<ResultData>), Vec<Problem>> {
        if self.decided.is_some() {
            return Err(vec![Problem::AlreadyDecided]);
        }
        let mut out = Vec::new();
        if d.reason.trim().is_empty() {
            out.push(Problem::ReasonRequired);
        }
        let new = match d.decision {
            Decision::Uphold => {
                if !d.changes.is_empty() {
                    out.push(Problem::ChangesWithUphold);
                }
                None
            }
            Decision::Correct => {
                let new = self.filing.proposal.then(&d.changes).apply(current);
                if changed(current, &new).is_empty() {
                    out.push(Problem::NothingToCorrect);
                }
                Some(new)
            }
        };
        if !out.is_empty() {
            return Err(out);
        }
        let case = Case {
            filing: self.filing.clone(),
            decided: Some(d.clone()),
        };
        Ok((case, new))
    }
}

#[cfg(test)]
mod tests;
