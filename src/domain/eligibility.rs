//! Who enters a draw's snapshot (pure rules; the service feeds them from the registries): the
//! N4 repeat window sorts a quarter's targets into candidates and targets kept out, suspended
//! targets are flagged, and the team rules' section of each inspector is decided (an
//! auxiliary's unit stands for the section of the bureau they do not belong to).

use super::draw::Candidate;
use super::enterprise::OperatingStatus;
use super::inspection::RecentVisit;
use super::inspector::{InspectorData, InspectorKind};
use super::quota::Group;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

/// A target the N4 window kept out of a draw.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatExcluded {
    pub code: String,
    pub name: String,
    #[serde(flatten)]
    pub visit: RecentVisit,
}

/// One target of the quarter not yet drawn in it, with what the rules need to know.
#[derive(Debug, Clone)]
pub struct Target {
    pub candidate: Candidate,
    pub name: String,
    pub status: OperatingStatus,
    /// The most recent visit the N4 window counts ([`super::inspection::recent_visit`]).
    pub recent: Option<RecentVisit>,
}

/// The quarter's targets sorted by the rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Pool {
    pub candidates: Vec<Candidate>,
    /// Kept out by the N4 window.
    pub repeat_excluded: Vec<RepeatExcluded>,
    /// Candidates whose production is suspended (停产), as `name(code)`: drawn like the
    /// others, flagged so the team calls ahead. Positive-list firms are visited off-site and
    /// not flagged.
    pub suspended: Vec<String>,
}

/// The first day the N4 window counts a visit: `window_days` before `today`.
pub fn window_start(today: NaiveDate, window_days: u32) -> NaiveDate {
    today
        .checked_sub_days(Days::new(u64::from(window_days)))
        .unwrap_or(NaiveDate::MIN)
}

/// Sorts targets, in their order, into candidates and those the repeat window keeps out.
pub fn pool(targets: impl IntoIterator<Item = Target>) -> Pool {
    let mut out = Pool::default();
    for t in targets {
        if let Some(visit) = t.recent {
            out.repeat_excluded.push(RepeatExcluded {
                code: t.candidate.code,
                name: t.name,
                visit,
            });
            continue;
        }
        if t.status == OperatingStatus::Suspended && t.candidate.group != Group::PositiveList {
            out.suspended
                .push(format!("{}({})", t.name, t.candidate.code));
        }
        out.candidates.push(t.candidate);
    }
    out
}

/// The section an inspector stands for in the team rules: their section of the bureau, or for
/// an auxiliary without one their unit. Empty when there is none (an officer without a
/// section is left out of the snapshot and named, so the registry can be completed).
pub fn team_section(i: &InspectorData) -> String {
    match (i.section.trim(), i.kind) {
        ("", InspectorKind::Auxiliary) => i.unit.trim().to_string(),
        (s, _) => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn target(code: &str, group: Group, status: OperatingStatus, recent: bool) -> Target {
        Target {
            candidate: Candidate {
                code: code.into(),
                group,
                pollutants: Default::default(),
                previous_lead: None,
            },
            name: format!("n{code}"),
            status,
            recent: recent.then(|| RecentVisit {
                date: d(2024, 3, 1),
                items: vec!["I1".into()],
            }),
        }
    }

    #[test]
    fn the_window_starts_its_days_before_today() {
        assert_eq!(window_start(d(2024, 5, 1), 365), d(2023, 5, 2));
        assert_eq!(window_start(d(2024, 5, 1), 0), d(2024, 5, 1));
        assert_eq!(window_start(NaiveDate::MIN, 1), NaiveDate::MIN);
    }

    #[test]
    fn recent_visits_are_kept_out_and_suspended_candidates_flagged() {
        use OperatingStatus::{Producing, Suspended};
        let p = pool([
            target("A", Group::General, Producing, true),
            target("B", Group::General, Suspended, false),
            target("C", Group::PositiveList, Suspended, false),
            target("D", Group::Key, Producing, false),
            target("E", Group::Key, Suspended, true),
        ]);
        let codes: Vec<&str> = p.candidates.iter().map(|c| c.code.as_str()).collect();
        assert_eq!(codes, ["B", "C", "D"]);
        let out: Vec<&str> = p.repeat_excluded.iter().map(|r| r.code.as_str()).collect();
        assert_eq!(out, ["A", "E"]);
        assert_eq!(p.repeat_excluded[0].name, "nA");
        assert_eq!(p.suspended, ["nB(B)"]);
    }

    #[test]
    fn an_auxiliarys_unit_stands_for_the_section_an_officers_does_not() {
        let mut i = InspectorData {
            name: "甲".into(),
            kind: InspectorKind::Auxiliary,
            aux_type: None,
            unit: " 监测站 ".into(),
            cert_no: String::new(),
            post: String::new(),
            section: "  ".into(),
            region: String::new(),
            years_of_service: None,
            expertise: Default::default(),
            phone: String::new(),
            active: true,
            inactive_reason: String::new(),
        };
        assert_eq!(team_section(&i), "监测站");
        i.section = "执法一科".into();
        assert_eq!(team_section(&i), "执法一科");
        i.kind = InspectorKind::Officer;
        i.section = String::new();
        assert_eq!(team_section(&i), "");
    }
}
