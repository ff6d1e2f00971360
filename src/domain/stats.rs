//! Quarterly statistics (S11) and inspector assessment (S9) as plain data: what the report, the
//! dashboard and the summary draft all show, computed once by the service so that they can
//! never disagree. Shares are in basis points (1/100 of a percent), like the ratios.

use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use chrono::NaiveDate;
use serde::Serialize;

/// `part / whole` in basis points, rounded down; 0 of 0 is 0.
pub fn share_bp(part: u64, whole: u64) -> u32 {
    part.saturating_mul(10_000)
        .checked_div(whole)
        .map_or(0, |v| u32::try_from(v).unwrap_or(u32::MAX))
}

/// One class of targets (S6).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClassLine {
    pub group: Group,
    pub population: u64,
    /// The quarter's ratio, basis points.
    pub ratio_bp: u32,
    /// ⌈population × ratio⌉.
    pub required: u64,
    /// Drawn in the quarter's draws (not cancelled).
    pub drawn: u64,
    /// Inspected in the quarter (on-site, or off-site for positive-list firms).
    pub inspected: u64,
    /// inspected / population.
    pub share_bp: u32,
    /// inspected ≥ required.
    pub met: bool,
}

/// A count against a target share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Share {
    pub part: u64,
    pub whole: u64,
    pub share_bp: u32,
    pub target_bp: u32,
    pub met: bool,
}

impl Share {
    pub fn new(part: u64, whole: u64, target_bp: u32) -> Share {
        let share_bp = share_bp(part, whole);
        Share {
            part,
            whole,
            share_bp,
            target_bp,
            met: whole > 0 && share_bp >= target_bp,
        }
    }
}

/// Department-joint inspections (S4) against the year's targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
pub struct JointLine {
    /// In the quarter.
    pub inspections: u64,
    pub subjects: u64,
    /// From 1 January to the quarter's end.
    pub inspections_ytd: u64,
    pub subjects_ytd: u64,
    /// The year's targets (0 when none set).
    pub target_inspections: u64,
    pub target_subjects: u64,
}

/// Results of the quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ResultLine {
    /// Results entered (any review state).
    pub entered: u64,
    /// Per category name, in the categories' order: count.
    pub by_category: Vec<(String, u64)>,
    pub problems: u64,
    pub cases: u64,
    /// With a rectification deadline.
    pub rectifications: u64,
    pub approved: u64,
    pub published: u64,
    /// Published within 20 working days of the visit.
    pub published_on_time: u64,
    pub signed: u64,
    pub refused: u64,
    pub unobtainable: u64,
}

/// A result flagged as a typical case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypicalCase {
    pub name: String,
    pub code: String,
    pub date: NaiveDate,
    pub category: String,
    pub findings: String,
    pub note: String,
}

/// The quarterly statistics table and what the summary draft needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarterStats {
    pub quarter: Quarter,
    pub classes: Vec<ClassLine>,
    /// Targets of the quarter's draws whose team came from ≥ 2 sections (S4: ≥ 35%).
    pub internal_joint: Share,
    /// Targets drawn by class among all targets drawn (S6: ≥ 85%).
    pub classified: Share,
    /// Positive-list firms supervised off-site (S6: 100%).
    pub offsite: Share,
    pub department_joint: JointLine,
    pub results: ResultLine,
    pub typical: Vec<TypicalCase>,
}

/// One inspector's quarter or year (S9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Assessment {
    /// Snapshot id (certificate number).
    pub id: String,
    pub name: String,
    pub section: String,
    pub assignments: u64,
    /// With a result entered.
    pub completed: u64,
    /// Entered with a visit by the quarter's work deadline.
    pub on_time: u64,
    pub signatures: u64,
    pub problems: u64,
    pub cases: u64,
    /// Times a result of theirs was returned for rework.
    pub returned: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_down_and_empty_is_not_met() {
        assert_eq!(share_bp(1, 3), 3333);
        assert_eq!(share_bp(0, 0), 0);
        let s = Share::new(7, 20, 3500);
        assert_eq!((s.share_bp, s.met), (3500, true));
        assert!(!Share::new(0, 0, 0).met);
        assert!(!Share::new(6, 20, 3500).met);
    }
}
