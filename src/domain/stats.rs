//! Quarterly statistics (S11) and inspector assessment (S9) as plain data: what the report, the
//! dashboard and the summary draft all show, computed once by the service so that they can
//! never disagree. Shares are in basis points (1/100 of a percent), like the ratios.

use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use chrono::NaiveDate;
use serde::Serialize;

use super::figures::{PlanLine, class_met, class_share_bp};
pub use super::figures::{Share, share_bp};

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
    /// Random checks (drawn and inspected in the quarter); off-site for positive-list firms.
    pub inspected: u64,
    /// Inspections of the class's targets that no draw of the quarter selected (非随机检查).
    pub non_random: u64,
    /// inspected / population, rounded.
    pub share_bp: u32,
    /// inspected ≥ required.
    pub met: bool,
}

impl ClassLine {
    /// The statistics line of a plan line (the same figures, see `domain::figures`).
    pub fn of(l: &PlanLine) -> ClassLine {
        ClassLine {
            group: l.group,
            population: l.population,
            ratio_bp: l.ratio_bp,
            required: l.required,
            drawn: l.drawn,
            inspected: l.inspected,
            non_random: l.non_random,
            share_bp: class_share_bp(l),
            met: class_met(l),
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
    /// Inspections done whose officers present came from ≥ 2 sections (S4: ≥ 35%).
    pub internal_joint: Share,
    /// Drawn targets whose team the draw planned as internal-joint, over all drawn.
    pub internal_joint_planned: Share,
    /// Random checks drawn by class among all random checks (S6: ≥ 85%).
    pub classified: Share,
    /// Non-random checks of the quarter, all classes (非随机检查).
    pub non_random: u64,
    /// Positive-list firms supervised off-site (S6: 100%).
    pub offsite: Share,
    pub department_joint: JointLine,
    pub results: ResultLine,
    /// The rectification follow-ups of the quarter's results, by where they stand.
    pub followups: crate::domain::figures::FollowUpCounts,
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
    /// Follow-ups (整改跟踪) their results opened, those closed by a re-check, and those past
    /// their deadline and not re-checked.
    pub followups: u64,
    pub rechecked: u64,
    pub overdue: u64,
    /// The leader's evaluation (S9) of each quarter of the period, in order (`None`: not yet
    /// evaluated).
    pub evaluations: Vec<Option<Evaluation>>,
}

/// What an assessment covers: one quarter, or a whole year (its four quarters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Period {
    Quarter(Quarter),
    Year(i32),
}

impl Period {
    /// The quarters covered, in order.
    pub fn quarters(self) -> Vec<Quarter> {
        match self {
            Period::Quarter(q) => vec![q],
            Period::Year(y) => (1..=4).filter_map(|n| Quarter::new(y, n)).collect(),
        }
    }
}

crate::vocab! {
    /// S9: a leader's overall evaluation (综合评估) of an inspector's daily conduct in a quarter.
    pub enum Grade {
        Excellent = "excellent", "优秀", "excellent", ["A"];
        Pass = "pass", "合格", "pass", ["B"];
        Basic = "basic", "基本合格", "basic pass", ["C", "basic-pass"];
        Fail = "fail", "不合格", "fail", ["D"];
    }
}

/// One inspector's evaluation for one quarter (S9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// Snapshot id (certificate number).
    pub inspector: String,
    pub quarter: Quarter,
    pub grade: Grade,
    pub remark: String,
    pub by: String,
    pub at: String,
}
