//! The definition of every figure of the quarter (S4, S6, S11), one function each, pure: the
//! plan (`plan show`), the statistics table, the summary draft, the assessment, the home
//! dashboard and the reports tab all call these and nothing else. `docs/reports.md` lists
//! them in one table (name, rule, numerator, denominator, rounding).
//!
//! Terms. A target is **drawn** when a revealed, not cancelled draw of the quarter selected
//! it. A **random check** (抽查) is a drawn target with an inspection on record dated in the
//! quarter. An inspection on record of a target no such draw selected (a complaint-driven
//! visit, an imported record) is a **non-random check** (非随机检查): shown, never counted in a
//! ratio. Shares are in basis points, rounded half up (2/3 → 6667 = 66.67%); whether a share
//! meets its target is decided on the exact fraction. A **follow-up** (整改跟踪) is a result
//! with a problem and a rectification deadline; it counts as open, overdue or closed (with its
//! re-check's outcome) on the day the figures are made.

use super::followup::{FollowUp, Outcome, Status};
use super::quota::{Group, GroupQuota};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// `part / whole` in basis points, rounded half up; 0 of 0 is 0.
pub fn share_bp(part: u64, whole: u64) -> u32 {
    if whole == 0 {
        return 0;
    }
    let (p, w) = (u128::from(part), u128::from(whole));
    let bp = (p * 20_000 + w) / (2 * w);
    u32::try_from(bp).unwrap_or(u32::MAX)
}

/// Exactly `part / whole ≥ target_bp / 10000`, and never met when `whole` is 0.
pub fn meets(part: u64, whole: u64, target_bp: u32) -> bool {
    whole > 0 && u128::from(part) * 10_000 >= u128::from(target_bp) * u128::from(whole)
}

/// A count against a target share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
    /// `part / whole`, rounded ([`share_bp`]).
    pub share_bp: u32,
    pub target_bp: u32,
    /// [`meets`].
    pub met: bool,
}

impl Share {
    pub fn new(part: u64, whole: u64, target_bp: u32) -> Share {
        Share {
            part,
            whole,
            share_bp: share_bp(part, whole),
            target_bp,
            met: meets(part, whole, target_bp),
        }
    }
}

/// A target drawn by a revealed, not cancelled draw of the quarter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawnTarget {
    /// Credit code.
    pub code: String,
    /// Its group in the draw's snapshot.
    pub group: Group,
    /// Drawn by a draw that used the classes (S6 85% rule).
    pub classified: bool,
    /// Its team was planned as internal-joint by the draw.
    pub planned_joint: bool,
}

/// What the quarter's figures are counted from (credit codes throughout).
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub drawn: Vec<DrawnTarget>,
    /// Targets with an inspection on record dated in the quarter.
    pub inspected: BTreeSet<String>,
    /// Positive-list targets supervised off-site in the quarter.
    pub offsite: BTreeSet<String>,
    /// Every active target's group this quarter.
    pub groups: BTreeMap<String, Group>,
    /// Per target inspected in the quarter, for each visit on record: the sections of the
    /// enforcement officers present (auxiliary experts and unknown people left out).
    pub sections: BTreeMap<String, Vec<BTreeSet<String>>>,
}

impl Facts {
    /// The random checks: drawn targets inspected in the quarter.
    pub fn random_checks(&self) -> impl Iterator<Item = &DrawnTarget> {
        self.drawn
            .iter()
            .filter(|d| self.inspected.contains(&d.code))
    }

    fn was_drawn(&self, code: &str) -> bool {
        self.drawn.iter().any(|d| d.code == code)
    }
}

/// One line of a quarter's plan (S6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlanLine {
    pub group: Group,
    pub population: u64,
    pub ratio_bp: u32,
    /// ⌈population × ratio⌉.
    pub required: u64,
    /// Drawn in the group.
    pub drawn: u64,
    /// Random checks of the group; for positive-list firms, those supervised off-site.
    pub inspected: u64,
    /// Inspections on record of the group's targets that no draw of the quarter selected.
    pub non_random: u64,
    /// required − drawn, at least 0.
    pub remaining: u64,
}

/// Drawn targets of a group.
pub fn drawn(f: &Facts, g: Group) -> u64 {
    f.drawn.iter().filter(|d| d.group == g).count() as u64
}

/// The group's inspected figure: random checks; positive-list firms supervised off-site.
pub fn inspected(f: &Facts, g: Group) -> u64 {
    if g == Group::PositiveList {
        return f
            .offsite
            .iter()
            .filter(|c| f.groups.get(*c) == Some(&Group::PositiveList))
            .count() as u64;
    }
    f.random_checks().filter(|d| d.group == g).count() as u64
}

/// Non-random checks (非随机检查) of the group's targets (by this quarter's class).
pub fn non_random(f: &Facts, g: Group) -> u64 {
    f.inspected
        .iter()
        .filter(|c| f.groups.get(*c) == Some(&g) && !f.was_drawn(c))
        .count() as u64
}

/// The plan line of one group.
pub fn plan_line(q: &GroupQuota, f: &Facts) -> PlanLine {
    let d = drawn(f, q.group);
    PlanLine {
        group: q.group,
        population: q.population,
        ratio_bp: q.ratio_bp,
        required: q.required,
        drawn: d,
        inspected: inspected(f, q.group),
        non_random: non_random(f, q.group),
        remaining: q.required.saturating_sub(d),
    }
}

/// S6 85% rule: random checks drawn by class over all random checks.
pub fn classified_share(f: &Facts, target_bp: u32) -> Share {
    let (part, whole) = f
        .random_checks()
        .fold((0, 0), |(p, w), d| (p + u64::from(d.classified), w + 1));
    Share::new(part, whole, target_bp)
}

/// S4 as planned: drawn targets whose team the draw marked internal-joint over all drawn.
pub fn planned_joint_share(f: &Facts, target_bp: u32) -> Share {
    let part = f.drawn.iter().filter(|d| d.planned_joint).count() as u64;
    Share::new(part, f.drawn.len() as u64, target_bp)
}

/// Whether a visit's officers came from two or more sections (blank sections not counted).
pub fn is_joint(sections: &BTreeSet<String>) -> bool {
    sections.iter().filter(|s| !s.trim().is_empty()).count() >= 2
}

/// S4 as done: random checks at which the officers present (of a visit on record in the
/// quarter) came from two or more sections, over all random checks. A team the draw marked
/// “否” counts when its officers were in fact of two sections, and the other way round.
pub fn internal_joint_share(f: &Facts, target_bp: u32) -> Share {
    let (part, whole) = f.random_checks().fold((0, 0), |(p, w), d| {
        let joint = f
            .sections
            .get(&d.code)
            .is_some_and(|visits| visits.iter().any(is_joint));
        (p + u64::from(joint), w + 1)
    });
    Share::new(part, whole, target_bp)
}

/// S6 off-site coverage: the positive-list line's supervised firms over its population.
pub fn offsite_share(plan: &[PlanLine], target_bp: u32) -> Share {
    plan.iter()
        .find(|l| l.group == Group::PositiveList)
        .map_or(Share::new(0, 0, target_bp), |l| {
            Share::new(l.inspected, l.population, target_bp)
        })
}

/// A class's share inspected: its inspected figure over its population.
pub fn class_share_bp(l: &PlanLine) -> u32 {
    share_bp(l.inspected, l.population)
}

/// A class meets S6 when its inspected figure reaches the required number.
pub fn class_met(l: &PlanLine) -> bool {
    l.inspected >= l.required
}

/// Progress towards the required number (the dashboard's bar): inspected over required.
pub fn progress_bp(l: &PlanLine) -> u32 {
    share_bp(l.inspected, l.required)
}

/// The rectification follow-ups (整改跟踪) of a quarter's results, by where they stand on a
/// day: open (to re-check), overdue, or closed by a re-check with its outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FollowUpCounts {
    /// Follow-ups opened: results with a problem and a rectification deadline.
    pub opened: u64,
    /// Not re-checked, the deadline not past.
    pub open: u64,
    /// Not re-checked, the deadline past.
    pub overdue: u64,
    /// Closed: 已整改.
    pub rectified: u64,
    /// Closed: 未整改, a case filed.
    pub case_filed: u64,
    /// Closed: 其他.
    pub other: u64,
}

impl FollowUpCounts {
    /// Closed by a re-check, whatever it found.
    pub fn closed(&self) -> u64 {
        self.rectified + self.case_filed + self.other
    }
}

/// Counts follow-ups by their state on `today` and, once closed, the re-check's outcome.
pub fn followup_counts<'a>(
    fs: impl IntoIterator<Item = &'a FollowUp>,
    today: NaiveDate,
) -> FollowUpCounts {
    let mut c = FollowUpCounts::default();
    for f in fs {
        c.opened += 1;
        match (f.status(today), f.recheck.as_ref().map(|r| r.outcome)) {
            (Status::Open, _) => c.open += 1,
            (Status::Overdue, _) => c.overdue += 1,
            (Status::Closed, Some(Outcome::Rectified)) => c.rectified += 1,
            (Status::Closed, Some(Outcome::NotRectified)) => c.case_filed += 1,
            (Status::Closed, _) => c.other += 1,
        }
    }
    c
}

#[cfg(test)]
mod tests;
