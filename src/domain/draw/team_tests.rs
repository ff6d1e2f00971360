//! Hand-built cases of the team rules: previous lead, joint teams, workload balance,
//! expertise preference and coverage, auxiliaries, the trace.

use super::snapshot::{Params, Quota, Snapshot};
use super::teams::{assign, pick_hash};
use super::test_support::*;
use super::{PickStep, Team, draw, select};
use crate::domain::enterprise::Pollutant;
use crate::domain::inspector::Expertise;
use crate::domain::inspector::InspectorKind::{Auxiliary, Officer};
use crate::domain::quota::Group;

fn one_target(pollutants: &[Pollutant]) -> Snapshot {
    let mut c = candidate(code('1', 0), Group::Key);
    c.pollutants = pollutants.iter().copied().collect();
    Snapshot {
        candidates: vec![c],
        inspectors: Vec::new(),
        conflicts: Vec::new(),
    }
}

fn unclassified(n: u32) -> Params {
    Params::new("t", Quota::Unclassified { count: n })
}

fn team(s: &Snapshot, p: &Params, i: u64) -> Team {
    let o = draw(s, p, &seed(i)).unwrap();
    o.teams.into_iter().next().unwrap()
}

fn expert(id: &str, section: &str, e: &[Expertise]) -> super::Inspector {
    let mut o = officer(id, section);
    o.expertise = e.iter().copied().collect();
    o
}

#[test]
fn the_previous_lead_does_not_lead_again_unless_allowed() {
    // A is the only hazardous-waste expert, so always picked first.
    let mut s = one_target(&[Pollutant::HazardousWaste]);
    s.candidates[0].previous_lead = Some("A".into());
    s.inspectors = vec![
        expert("A", "固废科", &[Expertise::HazardousWaste]),
        officer("B", "大气科"),
        officer("C", "水土科"),
    ];
    let mut p = unclassified(1);
    for i in 0..20 {
        let t = team(&s, &p, i);
        assert_eq!(t.officers[0], "A");
        assert_ne!(t.lead, "A");
        assert_eq!(t.lead, t.officers[1]);
    }
    p.previous_lead_may_lead = true;
    assert_eq!(team(&s, &p, 0).lead, "A");
}

#[test]
fn a_joint_team_takes_its_last_officer_from_another_section() {
    // A1, A2 in 大气科 match the air target; B1 in 水土科 does not.
    let mut s = one_target(&[Pollutant::Air]);
    s.inspectors = vec![
        expert("A1", "大气科", &[Expertise::Air]),
        expert("A2", "大气科", &[Expertise::Air]),
        officer("B1", "水土科"),
    ];
    let mut p = unclassified(1);
    p.joint_bp = 10000;
    for i in 0..20 {
        let t = team(&s, &p, i);
        assert!(t.joint);
        assert!(t.officers.contains(&"B1".to_string()), "{t:?}");
    }
    // Not joint: the two air experts go (coverage does not need B1, equal loads).
    p.joint_bp = 0;
    let together = (0..20)
        .filter(|&i| !team(&s, &p, i).officers.contains(&"B1".to_string()))
        .count();
    assert!(together > 0);
}

#[test]
fn workload_is_balanced_before_anything_else() {
    let mut s = Snapshot::default();
    for i in 0..6 {
        let mut c = candidate(code('1', i), Group::General);
        c.pollutants = [Pollutant::Air].into();
        s.candidates.push(c);
    }
    s.inspectors = vec![
        expert("A", "大气科", &[Expertise::Air]),
        officer("B", "大气科"),
        officer("C", "水土科"),
        officer("D", "水土科"),
    ];
    let mut p = unclassified(6);
    p.workload_cap = 3;
    for i in 0..10 {
        let o = draw(&s, &p, &seed(i)).unwrap();
        assert_eq!(rules_hold(&s, &p, &seed(i), &o), Ok(()));
        for id in ["A", "B", "C", "D"] {
            let n = o
                .teams
                .iter()
                .filter(|t| t.officers.iter().any(|x| x == id))
                .count();
            assert_eq!(n, 3, "{id} in seed {i}");
        }
    }
}

#[test]
fn expertise_is_preferred_and_the_team_covers_the_needs() {
    // Air + water target: two of each, same section; each team has one of each.
    let mut s = one_target(&[Pollutant::Air, Pollutant::Water]);
    s.inspectors = vec![
        expert("A1", "执法大队", &[Expertise::Air]),
        expert("A2", "执法大队", &[Expertise::Air]),
        expert("W1", "执法大队", &[Expertise::Water]),
        expert("W2", "执法大队", &[Expertise::Water]),
        officer("N1", "执法大队"),
    ];
    let mut p = unclassified(1);
    p.joint_bp = 0;
    for i in 0..30 {
        let t = team(&s, &p, i);
        let air = t.officers.iter().filter(|x| x.starts_with('A')).count();
        let water = t.officers.iter().filter(|x| x.starts_with('W')).count();
        assert_eq!((air, water), (1, 1), "{t:?}");
    }
    // The items' expertise counts too: a law expert joins.
    s.inspectors
        .push(expert("L1", "执法大队", &[Expertise::Law]));
    p.item_expertise = [Expertise::Law].into();
    p.team_size = 3;
    for i in 0..10 {
        assert!(team(&s, &p, i).officers.contains(&"L1".to_string()));
    }
}

#[test]
fn auxiliaries_join_but_never_count_as_officers() {
    let mut s = one_target(&[Pollutant::Water]);
    s.inspectors = vec![
        officer("O1", "大气科"),
        officer("O2", "水土科"),
        person("X1", Auxiliary, "监测站"),
        person("X2", Auxiliary, "专家库"),
    ];
    s.inspectors[2].expertise = [Expertise::Water].into();
    let mut p = unclassified(1);
    p.auxiliaries = 1;
    for i in 0..10 {
        let t = team(&s, &p, i);
        assert_eq!(t.officers.len(), 2);
        assert_eq!(t.auxiliaries, ["X1"], "the matching auxiliary");
        assert!(t.officers.iter().all(|o| o.starts_with('O')));
    }
    // Two officers are needed even with auxiliaries to spare.
    s.inspectors.remove(1);
    assert!(super::check(&s, &p).is_err());
    p.auxiliaries = 2;
    s.inspectors.push(officer("O3", "水土科"));
    let t = team(&s, &p, 3);
    assert_eq!(t.auxiliaries.len(), 2);
}

#[test]
fn the_trace_explains_every_pick() {
    let s = super::example::snapshot();
    let p = super::example::params();
    let sd = seed(7);
    let sel = select(&s, &p, &sd);
    let mut trace: Vec<PickStep> = Vec::new();
    let teams = assign(&s, &p, &sd, &sel, Some(&mut trace)).unwrap();
    assert_eq!(teams, assign(&s, &p, &sd, &sel, None).unwrap());
    assert_eq!(trace.len(), teams.len() * 3);
    for step in &trace {
        let h = pick_hash(&sd, &step.code, step.role, step.slot);
        let k = step.tied.len() as u32;
        assert_eq!(h.mod_u32(k), step.index);
        assert_eq!(step.tied[step.index as usize], step.chosen);
        assert!(step.tied.windows(2).all(|w| w[0] < w[1]), "id order");
        let t = teams.iter().find(|t| t.code == step.code).unwrap();
        let list = if step.role == Officer {
            &t.officers
        } else {
            &t.auxiliaries
        };
        assert_eq!(list[step.slot as usize], step.chosen);
    }
}

#[test]
fn fast_teams_equal_the_naive_spec_on_a_large_registry() {
    // 150 officers and 12 auxiliaries (several 64-bit words), 4 sections, mixed expertise.
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut r = move |n: u64| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x % n
    };
    let sections = ["大气科", "水土科", "执法大队", "固废科"];
    let mut s = Snapshot::default();
    for i in 0..162 {
        let kind = if i % 13 == 5 { Auxiliary } else { Officer };
        let mut o = person(&format!("{:05}", r(100_000)), kind, sections[r(4) as usize]);
        o.expertise = Expertise::ALL
            .iter()
            .copied()
            .filter(|_| r(4) == 0)
            .collect();
        s.inspectors.push(o);
    }
    s.inspectors.sort_by(|a, b| a.id.cmp(&b.id));
    s.inspectors.dedup_by(|a, b| a.id == b.id);
    for i in 0..80 {
        let mut c = candidate(code('1', i), Group::ALL[i % 3]);
        c.pollutants = Pollutant::ALL
            .iter()
            .copied()
            .filter(|_| r(3) == 0)
            .collect();
        c.previous_lead = Some(
            s.inspectors[r(s.inspectors.len() as u64) as usize]
                .id
                .clone(),
        );
        s.candidates.push(c);
    }
    for _ in 0..60 {
        let who = s.inspectors[r(s.inspectors.len() as u64) as usize]
            .id
            .clone();
        let c = conflict(&who, &code('1', r(80) as usize));
        if !s.conflicts.contains(&c) {
            s.conflicts.push(c);
        }
    }
    let mut p = Params::new(
        "big",
        Quota::Classified {
            key: 20,
            special: 20,
            general: 20,
        },
    );
    p.team_size = 3;
    p.auxiliaries = 1;
    p.joint_bp = 5000;
    p.workload_cap = 6;
    p.item_expertise = [Expertise::Law].into();
    assert_eq!(super::check(&s, &p), Ok(()));
    for i in 0..6 {
        let sel = select(&s, &p, &seed(i));
        let fast = assign(&s, &p, &seed(i), &sel, None).ok();
        assert!(fast.is_some());
        assert_eq!(fast, naive_teams(&s, &p, &seed(i), &sel), "seed {i}");
    }
}
