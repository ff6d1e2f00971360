//! Every figure against numbers worked out by hand.

use super::*;
use crate::domain::quota::{Ratios, required};

fn set(codes: &[&str]) -> BTreeSet<String> {
    codes.iter().map(|c| c.to_string()).collect()
}

fn drawn(code: &str, group: Group, classified: bool, planned_joint: bool) -> DrawnTarget {
    DrawnTarget {
        code: code.into(),
        group,
        classified,
        planned_joint,
    }
}

/// Five drawn targets (A, B key; C special; D general by an unclassified draw; E general);
/// inspected in the quarter: A, C, D and X, a key target no draw selected (a complaint); of
/// the two positive-list firms P1 was supervised off-site, P2 had an on-site visit.
fn facts() -> Facts {
    let groups = [
        ("A", Group::Key),
        ("B", Group::Key),
        ("X", Group::Key),
        ("C", Group::Special),
        ("D", Group::General),
        ("E", Group::General),
        ("P1", Group::PositiveList),
        ("P2", Group::PositiveList),
    ];
    Facts {
        drawn: vec![
            drawn("A", Group::Key, true, true),
            drawn("B", Group::Key, true, false),
            drawn("C", Group::Special, true, false),
            drawn("D", Group::General, false, false),
            drawn("E", Group::General, true, false),
        ],
        inspected: set(&["A", "C", "D", "X", "P2"]),
        offsite: set(&["P1"]),
        groups: groups.iter().map(|(c, g)| (c.to_string(), *g)).collect(),
        // A's team (planned joint) came from one section; C's team, marked “否”, from two;
        // D's only other officer has no section; X (not drawn) from two, not counted.
        sections: [
            ("A", vec![set(&["大气科"])]),
            ("C", vec![set(&["大气科", "水土科"])]),
            ("D", vec![set(&["大气科", " "])]),
            ("X", vec![set(&["大气科", "水土科"])]),
        ]
        .into_iter()
        .map(|(c, v)| (c.to_string(), v))
        .collect(),
    }
}

#[test]
fn percentages_are_rounded_half_up_not_truncated() {
    assert_eq!(share_bp(2, 3), 6667); // 66.666… → 66.67%
    assert_eq!(share_bp(5, 9), 5556); // 55.555… → 55.56%
    assert_eq!(share_bp(5, 12), 4167); // 41.666… → 41.67%
    assert_eq!(share_bp(1, 3), 3333); // 33.333… → 33.33%
    assert_eq!(share_bp(1, 32), 313); // 3.125% exactly half → up
    assert_eq!(share_bp(3, 3), 10_000);
    assert_eq!(share_bp(0, 0), 0);
    assert_eq!(share_bp(u64::MAX, 1), u32::MAX, "saturates, never panics");
    use crate::domain::quota::format_percent;
    assert_eq!(format_percent(share_bp(2, 3)), "66.67%");
    assert_eq!(format_percent(share_bp(5, 9)), "55.56%");
    assert_eq!(format_percent(share_bp(5, 12)), "41.67%");
}

#[test]
fn met_is_decided_on_the_exact_fraction() {
    assert!(meets(7, 20, 3500));
    assert!(!meets(6, 20, 3500));
    // 17 498 / 50 000 = 34.996%: shown as 35% after rounding, yet below 35%.
    let s = Share::new(17_498, 50_000, 3500);
    assert_eq!((s.share_bp, s.met), (3500, false));
    assert!(!Share::new(0, 0, 0).met, "nothing to count is never met");
    assert!(Share::new(17, 20, 8500).met);
}

#[test]
fn s6_counts_targets_drawn_and_inspected_only() {
    let f = facts();
    assert_eq!(super::drawn(&f, Group::Key), 2);
    assert_eq!(inspected(&f, Group::Key), 1, "A; X was not drawn");
    assert_eq!(non_random(&f, Group::Key), 1, "X, a complaint-driven visit");
    assert_eq!(inspected(&f, Group::Special), 1);
    assert_eq!(non_random(&f, Group::Special), 0);
    assert_eq!(inspected(&f, Group::General), 1, "D; E not visited yet");
    assert_eq!(inspected(&f, Group::PositiveList), 1, "P1 off-site");
    assert_eq!(non_random(&f, Group::PositiveList), 1, "P2 on site");
}

#[test]
fn plan_lines_use_the_same_definitions() {
    let f = facts();
    let q = GroupQuota {
        group: Group::Key,
        population: 9,
        ratio_bp: Ratios::default().key,
        required: required(9, Ratios::default().key),
    };
    let l = plan_line(&q, &f);
    assert_eq!(
        (l.required, l.drawn, l.inspected, l.non_random, l.remaining),
        (3, 2, 1, 1, 1)
    );
    assert_eq!(class_share_bp(&l), 1111); // 1/9 = 11.11%
    assert_eq!(progress_bp(&l), 3333); // 1/3
    assert!(!class_met(&l));
    let pl = PlanLine {
        group: Group::PositiveList,
        population: 12,
        ratio_bp: 10_000,
        required: 12,
        drawn: 0,
        inspected: 5,
        non_random: 0,
        remaining: 12,
    };
    let s = offsite_share(&[l, pl], 10_000);
    assert_eq!((s.part, s.whole, s.share_bp, s.met), (5, 12, 4167, false));
}

#[test]
fn the_85_percent_rule_counts_random_checks_and_an_unclassified_draw_lowers_it() {
    let f = facts();
    // Random checks: A, C (classified draws) and D (unclassified draw); X is not one.
    let s = classified_share(&f, 8500);
    assert_eq!((s.part, s.whole, s.share_bp, s.met), (2, 3, 6667, false));
    let mut all = f.clone();
    all.drawn[3].classified = true;
    assert!(classified_share(&all, 8500).met);
}

#[test]
fn internal_joint_is_the_real_share_beside_the_planned_one() {
    let f = facts();
    // Random checks A, C, D: only C's officers came from two sections (its team was marked
    // “否” by the draw); 1/3 = 33.33%.
    let s = internal_joint_share(&f, 3500);
    assert_eq!((s.part, s.whole, s.share_bp, s.met), (1, 3, 3333, false));
    // Planned: only A's team was marked joint, of the 5 drawn.
    let p = planned_joint_share(&f, 3500);
    assert_eq!((p.part, p.whole, p.share_bp), (1, 5, 2000));
    assert!(is_joint(&set(&["大气科", "水土科"])));
    assert!(!is_joint(&set(&["大气科", ""])));
    assert_eq!(internal_joint_share(&Facts::default(), 3500).whole, 0);
}

#[test]
fn follow_ups_count_by_state_on_the_day_and_by_outcome() {
    use crate::domain::followup::Recheck;
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    let f = |deadline: &str, outcome: Option<Outcome>| FollowUp {
        visited: d("2024-04-10"),
        deadline: d(deadline),
        recheck: outcome.map(|outcome| Recheck {
            date: d("2024-05-20"),
            officers: set(&["A1", "A2"]),
            outcome,
            case_no: String::new(),
            remark: String::new(),
        }),
    };
    let all = [
        f("2024-05-10", None),
        f("2024-06-30", None),
        f("2024-06-30", None),
        f("2024-05-10", Some(Outcome::Rectified)),
        f("2024-05-10", Some(Outcome::NotRectified)),
        f("2024-05-10", Some(Outcome::Other)),
    ];
    let c = followup_counts(&all, d("2024-06-01"));
    assert_eq!(
        (
            c.opened,
            c.open,
            c.overdue,
            c.rectified,
            c.case_filed,
            c.other
        ),
        (6, 2, 1, 1, 1, 1)
    );
    assert_eq!(c.closed(), 3);
    // On the deadline itself a follow-up is still open; the day after, overdue.
    let c = followup_counts(&all[..1], d("2024-05-10"));
    assert_eq!((c.open, c.overdue), (1, 0));
    assert_eq!(followup_counts(&all[..1], d("2024-05-11")).overdue, 1);
}
