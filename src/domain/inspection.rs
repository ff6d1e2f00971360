//! The record of inspections a target has had (imported history, and later the results entered
//! in the system), and the two draw rules that read it: the N4 repeat window and the
//! previous lead. Pure: the caller passes the history and today.

use crate::domain::quota::Group;
use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One visit to a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Visit {
    pub date: NaiveDate,
    /// Check-item codes checked.
    pub items: BTreeSet<String>,
    /// Certificate number of the officer who led the visit (empty when unknown).
    pub lead: String,
    /// Certificate numbers of the team.
    pub team: BTreeSet<String>,
    pub note: String,
}

/// The default N4 window: one year.
pub const DEFAULT_REPEAT_WINDOW_DAYS: u32 = 365;

/// Why N4 keeps a target out of a draw: its visit on `date` checked an item of the draw (or any
/// item, when the draw names none) within the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RecentVisit {
    pub date: NaiveDate,
    /// The draw's items that visit checked (empty when the draw names no items).
    pub items: Vec<String>,
}

/// N4: the same target for the same item at most once per window, unless the target is special
/// (special firms include those with a complaint verified last quarter, so complaint-driven
/// checks are covered). A visit counts when it lies in `[today − window, today]`. When the draw
/// names no items, any visit in the window counts. Returns the most recent counting visit.
pub fn recent_visit(
    visits: &[Visit],
    group: Group,
    draw_items: &BTreeSet<String>,
    today: NaiveDate,
    window_days: u32,
) -> Option<RecentVisit> {
    if group == Group::Special || window_days == 0 {
        return None;
    }
    let from = today
        .checked_sub_days(Days::new(u64::from(window_days)))
        .unwrap_or(NaiveDate::MIN);
    visits
        .iter()
        .filter(|v| v.date >= from && v.date <= today)
        .filter_map(|v| {
            let items: Vec<String> = v.items.intersection(draw_items).cloned().collect();
            (draw_items.is_empty() || !items.is_empty()).then_some(RecentVisit {
                date: v.date,
                items,
            })
        })
        .max_by_key(|r| r.date)
}

/// The certificate number of the officer who led the latest visit on or before `today` that
/// names a lead.
pub fn previous_lead(visits: &[Visit], today: NaiveDate) -> Option<&str> {
    visits
        .iter()
        .filter(|v| v.date <= today && !v.lead.trim().is_empty())
        .max_by_key(|v| v.date)
        .map(|v| v.lead.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn visit(date: NaiveDate, items: &[&str], lead: &str) -> Visit {
        Visit {
            date,
            items: items.iter().map(|s| s.to_string()).collect(),
            lead: lead.into(),
            team: BTreeSet::new(),
            note: String::new(),
        }
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn window_is_inclusive_and_item_specific() {
        let today = d(2024, 5, 10);
        let v = [visit(d(2023, 5, 11), &["A"], "")];
        // 2024 is a leap year: 365 days before 2024-05-10 is 2023-05-11.
        let hit = recent_visit(&v, Group::Key, &set(&["A", "B"]), today, 365).unwrap();
        assert_eq!(hit.date, d(2023, 5, 11));
        assert_eq!(hit.items, vec!["A".to_string()]);
        assert!(recent_visit(&v, Group::Key, &set(&["A"]), d(2024, 5, 11), 365).is_none());
        assert!(recent_visit(&v, Group::Key, &set(&["B"]), today, 365).is_none());
        // No items named: any visit in the window counts.
        assert!(recent_visit(&v, Group::General, &set(&[]), today, 365).is_some());
    }

    #[test]
    fn special_targets_and_zero_window_are_never_excluded() {
        let today = d(2024, 5, 10);
        let v = [visit(d(2024, 5, 1), &["A"], "")];
        assert!(recent_visit(&v, Group::Special, &set(&["A"]), today, 365).is_none());
        assert!(recent_visit(&v, Group::Key, &set(&["A"]), today, 0).is_none());
        // A visit recorded with a later date (planned or mistyped) does not count.
        let later = [visit(d(2024, 6, 1), &["A"], "")];
        assert!(recent_visit(&later, Group::Key, &set(&["A"]), today, 365).is_none());
    }

    #[test]
    fn latest_visit_wins() {
        let today = d(2024, 5, 10);
        let v = [
            visit(d(2024, 1, 5), &["A"], "C-1"),
            visit(d(2024, 3, 5), &["A"], "C-2"),
            visit(d(2024, 4, 5), &["B"], ""),
            visit(d(2024, 6, 5), &["A"], "C-3"),
        ];
        assert_eq!(
            recent_visit(&v, Group::Key, &set(&["A"]), today, 365)
                .unwrap()
                .date,
            d(2024, 3, 5)
        );
        assert_eq!(previous_lead(&v, today), Some("C-2"));
        assert_eq!(previous_lead(&v[2..3], today), None);
    }
}
