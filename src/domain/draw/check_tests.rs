//! Every refusal of the feasibility check, one case each, and the rare failure of the greedy
//! team assignment after a passed check.

use super::canon::Part;
use super::check::{Refusal, check};
use super::snapshot::{Params, Quota, Snapshot, Stratum};
use super::test_support::*;
use super::{DrawError, draw};
use crate::domain::inspector::InspectorKind::{Auxiliary, Officer};
use crate::domain::quota::Group;

/// 4 key and 4 general candidates; officers O1, O2 in 大气科 and O3, O4 in 水土科; auxiliary X1.
fn base() -> (Snapshot, Params) {
    let mut s = Snapshot::default();
    for i in 0..4 {
        s.candidates.push(candidate(code('1', i), Group::Key));
        s.candidates.push(candidate(code('2', i), Group::General));
    }
    s.candidates
        .push(candidate(code('3', 0), Group::PositiveList));
    for (id, sec) in [
        ("O1", "大气科"),
        ("O2", "大气科"),
        ("O3", "水土科"),
        ("O4", "水土科"),
    ] {
        s.inspectors.push(officer(id, sec));
    }
    s.inspectors.push(person("X1", Auxiliary, "监测站"));
    let p = Params::new(
        "t",
        Quota::Classified {
            key: 1,
            special: 0,
            general: 1,
        },
    );
    (s, p)
}

fn refusals(s: &Snapshot, p: &Params) -> Vec<Refusal> {
    let r = check(s, p).err().unwrap_or_default();
    // draw() refuses with exactly the same list.
    match draw(s, p, &seed(1)) {
        Err(DrawError::Refused(d)) => assert_eq!(d, r),
        other => assert!(r.is_empty(), "{other:?}"),
    }
    r
}

#[test]
fn the_base_case_passes() {
    let (s, p) = base();
    assert_eq!(check(&s, &p), Ok(()));
    assert!(draw(&s, &p, &seed(1)).is_ok());
}

#[test]
fn malformed_rows() {
    let (mut s, mut p) = base();
    s.candidates[0].previous_lead = Some(String::new());
    s.candidates[1].code = "91130293ma0ck1q4xa".into();
    s.candidates[2].code = s.candidates[0].code.clone();
    s.inspectors[0].id = "O\t1".into();
    s.inspectors[1].section = String::new();
    s.inspectors.push(officer("O3", "水土科"));
    s.conflicts = vec![
        conflict("O3", ""),
        conflict("O3", &code('1', 1)),
        conflict("O3", &code('1', 1)),
    ];
    p.draw = "a\nb".into();
    p.items = vec!["HB-01".into(), "HB-01".into(), "\u{7}".into()];
    let r = refusals(&s, &p);
    let c0 = code('1', 0);
    for want in [
        Refusal::BadField {
            part: Part::Candidates,
            key: c0.clone(),
            field: "previous_lead",
        },
        Refusal::BadCreditCode {
            code: "91130293ma0ck1q4xa".into(),
        },
        Refusal::DuplicateCandidate { code: c0 },
        Refusal::BadField {
            part: Part::Inspectors,
            key: "O\t1".into(),
            field: "id",
        },
        Refusal::BadField {
            part: Part::Inspectors,
            key: "O2".into(),
            field: "section",
        },
        Refusal::DuplicateInspector { id: "O3".into() },
        Refusal::BadField {
            part: Part::Conflicts,
            key: "O3".into(),
            field: "code",
        },
        Refusal::DuplicateConflict {
            inspector: "O3".into(),
            code: code('1', 1),
        },
        Refusal::BadField {
            part: Part::Params,
            key: "a\nb".into(),
            field: "draw",
        },
        Refusal::DuplicateItem {
            item: "HB-01".into(),
        },
        Refusal::BadField {
            part: Part::Params,
            key: "\u{7}".into(),
            field: "items",
        },
    ] {
        assert!(r.contains(&want), "{want:?} missing from {r:#?}");
    }
}

#[test]
fn credit_code_forms() {
    use super::check::is_code_form;
    assert!(is_code_form("91350100M000100Y43"));
    assert!(is_code_form("91350100M000100Y44"), "pilot codes: form only");
    for bad in [
        "",
        "91350100M000100Y4",
        "91350100M000100Y433",
        "91350100I000100Y43",
    ] {
        assert!(!is_code_form(bad), "{bad}");
    }
}

#[test]
fn parameter_ranges() {
    let (s, mut p) = base();
    p.team_size = 1;
    p.auxiliaries = 3;
    p.joint_bp = 10001;
    p.workload_cap = 0;
    let r = refusals(&s, &p);
    assert!(r.contains(&Refusal::TeamSize { size: 1 }));
    assert!(r.contains(&Refusal::AuxiliariesPerTeam { per_team: 3 }));
    assert!(r.contains(&Refusal::JointShare { bp: 10001 }));
    assert!(r.contains(&Refusal::ZeroWorkloadCap));
    p = base().1;
    p.team_size = 5;
    assert_eq!(refusals(&s, &p), vec![Refusal::TeamSize { size: 5 }]);
}

#[test]
fn counts_against_populations() {
    let (s, mut p) = base();
    p.quota = Quota::Classified {
        key: 5,
        special: 1,
        general: 0,
    };
    let r = refusals(&s, &p);
    assert!(r.contains(&Refusal::CountExceedsPopulation {
        stratum: Stratum::Key,
        count: 5,
        population: 4
    }));
    assert!(r.contains(&Refusal::CountExceedsPopulation {
        stratum: Stratum::Special,
        count: 1,
        population: 0
    }));
    // Unclassified: the positive-list firm is not a candidate.
    p.quota = Quota::Unclassified { count: 9 };
    p.workload_cap = 100;
    assert_eq!(
        refusals(&s, &p),
        vec![Refusal::CountExceedsPopulation {
            stratum: Stratum::All,
            count: 9,
            population: 8
        }]
    );
    p.quota = Quota::Unclassified { count: 0 };
    assert_eq!(refusals(&s, &p), vec![Refusal::NothingToDraw]);
}

#[test]
fn too_few_people_and_capacity() {
    let (s, mut p) = base();
    p.team_size = 4;
    p.auxiliaries = 2;
    assert_eq!(
        refusals(&s, &p),
        vec![Refusal::TooFew {
            role: Auxiliary,
            available: 1,
            needed: 2
        }]
    );
    let (mut s2, _) = base();
    s2.inspectors.truncate(3);
    p.auxiliaries = 0;
    assert_eq!(
        refusals(&s2, &p),
        vec![Refusal::TooFew {
            role: Officer,
            available: 3,
            needed: 4
        }]
    );
    // 8 targets × 2 officers = 16 places; 4 officers × cap 3 = 12.
    p = base().1;
    p.quota = Quota::Unclassified { count: 8 };
    p.workload_cap = 3;
    p.auxiliaries = 1;
    assert_eq!(
        refusals(&s, &p),
        vec![
            Refusal::Capacity {
                role: Officer,
                needed: 16,
                capacity: 12
            },
            Refusal::Capacity {
                role: Auxiliary,
                needed: 8,
                capacity: 3
            }
        ]
    );
}

#[test]
fn joint_teams_need_two_sections_and_capacity_outside_the_largest() {
    let (mut s, mut p) = base();
    for i in &mut s.inspectors {
        i.section = "执法大队".into();
    }
    assert_eq!(
        refusals(&s, &p),
        vec![Refusal::TooFewSections { sections: 1 }]
    );
    p.joint_bp = 0;
    assert_eq!(refusals(&s, &p), vec![]);
    // One officer outside the largest section, cap 2, all 8 targets joint.
    let (mut s, mut p) = base();
    s.inspectors[2].section = "大气科".into();
    p.quota = Quota::Unclassified { count: 8 };
    p.joint_bp = 10000;
    p.workload_cap = 4;
    assert_eq!(
        refusals(&s, &p),
        vec![Refusal::JointCapacity {
            section: "大气科".into(),
            needed: 8,
            capacity: 4
        }]
    );
}

#[test]
fn per_target_conflicts() {
    let (mut s, mut p) = base();
    let k0 = code('1', 0);
    // O1, O2 (大气科) and O3 conflicted with k0: one officer left.
    for o in ["O1", "O2", "O3"] {
        s.conflicts.push(conflict(o, &k0));
    }
    s.conflicts.push(conflict("X1", &code('2', 1)));
    // A conflict with a firm of an undrawn stratum does not matter.
    s.conflicts.push(conflict("O4", &code('3', 0)));
    p.auxiliaries = 1;
    assert_eq!(
        refusals(&s, &p),
        vec![
            Refusal::TargetTooFew {
                code: k0.clone(),
                role: Officer,
                available: 1,
                needed: 2
            },
            Refusal::TargetOneSection { code: k0.clone() },
            Refusal::TargetTooFew {
                code: code('2', 1),
                role: Auxiliary,
                available: 0,
                needed: 1
            },
        ]
    );
    // Without joint teams, two officers from one section suffice.
    s.conflicts
        .retain(|c| c.inspector != "O3" && c.inspector != "X1");
    assert_eq!(
        refusals(&s, &p),
        vec![Refusal::TargetOneSection { code: k0 }]
    );
    p.joint_bp = 0;
    assert_eq!(refusals(&s, &p), vec![]);
}

#[test]
fn greedy_can_still_fail_after_a_passed_check_and_says_where() {
    // 3 officers, cap 2, 3 targets of 2: exactly enough places. The last target conflicts
    // with C; when the greedy gives C only one place earlier, A or B is full at the end.
    let mut s = Snapshot::default();
    for i in 0..3 {
        s.candidates.push(candidate(code('1', i), Group::General));
    }
    for id in ["A", "B", "C"] {
        s.inspectors.push(officer(id, "执法大队"));
    }
    s.conflicts.push(conflict("C", &code('1', 2)));
    let mut p = Params::new("t", Quota::Unclassified { count: 3 });
    p.workload_cap = 2;
    p.joint_bp = 0;
    assert_eq!(check(&s, &p), Ok(()));
    let (mut ok, mut failed) = (0, 0);
    for i in 0..64 {
        match draw(&s, &p, &seed(i)) {
            Ok(o) => {
                ok += 1;
                assert_eq!(rules_hold(&s, &p, &seed(i), &o), Ok(()));
            }
            Err(DrawError::NoTeam {
                code: c,
                role,
                joint,
                ..
            }) => {
                failed += 1;
                // The conflicted target, or another left only with C when A and B are full.
                assert!((0..3).any(|i| c == code('1', i)), "{c}");
                assert_eq!((role, joint), (Officer, false));
            }
            Err(e) => panic!("{e:?}"),
        }
    }
    assert!(ok > 0 && failed > 0, "ok {ok}, failed {failed}");
}
