//! Statistical tests: over many seeds, each candidate's selection frequency within its stratum
//! and each officer's team frequency are uniform (chi-square, p = 0.001 critical values, fixed
//! seeds so the outcome is deterministic).

use super::snapshot::{Params, Quota, Snapshot};
use super::test_support::*;
use super::{draw, select};
use crate::domain::quota::Group;

/// Pearson's statistic for observed counts against one common expectation.
fn chi_square(observed: &[u64], expected: f64) -> f64 {
    observed
        .iter()
        .map(|&o| (o as f64 - expected).powi(2) / expected)
        .sum()
}

#[test]
fn selection_is_uniform_within_each_stratum() {
    // 12 key (draw 3), 7 special (draw 2), 5 positive-list (never drawn).
    let mut s = Snapshot::default();
    for i in 0..12 {
        s.candidates.push(candidate(code('1', i), Group::Key));
    }
    for i in 0..7 {
        s.candidates.push(candidate(code('2', i), Group::Special));
    }
    for i in 0..5 {
        s.candidates
            .push(candidate(code('3', i), Group::PositiveList));
    }
    let p = Params::new(
        "chi",
        Quota::Classified {
            key: 3,
            special: 2,
            general: 0,
        },
    );
    let trials = 2400u64;
    let mut key = [0u64; 12];
    let mut special = [0u64; 7];
    for t in 0..trials {
        for sel in select(&s, &p, &seed(t)) {
            for x in &sel.targets {
                let i: usize = x.code[2..].parse().unwrap();
                match &x.code[1..2] {
                    "1" => key[i] += 1,
                    "2" => special[i] += 1,
                    other => panic!("drawn from stratum {other}"),
                }
            }
        }
    }
    // Critical values at p = 0.001: 11 degrees of freedom 31.26, 6 degrees 22.46.
    let k = chi_square(&key, trials as f64 * 3.0 / 12.0);
    let sp = chi_square(&special, trials as f64 * 2.0 / 7.0);
    assert!(k < 31.26, "key chi² {k:.2}: {key:?}");
    assert!(sp < 22.46, "special chi² {sp:.2}: {special:?}");
}

#[test]
fn officers_are_drawn_uniformly_into_teams() {
    // One target, six equal officers in two sections, teams of two, not joint.
    let mut s = Snapshot::default();
    s.candidates.push(candidate(code('1', 0), Group::General));
    for (i, sec) in ["大气科", "大气科", "大气科", "水土科", "水土科", "水土科"]
        .iter()
        .enumerate()
    {
        s.inspectors.push(officer(&format!("O{i}"), sec));
    }
    let mut p = Params::new("chi", Quota::Unclassified { count: 1 });
    p.joint_bp = 0;
    let trials = 1200u64;
    let (mut member, mut lead) = ([0u64; 6], [0u64; 6]);
    for t in 0..trials {
        let o = draw(&s, &p, &seed(t)).unwrap();
        let team = &o.teams[0];
        for id in &team.officers {
            member[id[1..].parse::<usize>().unwrap()] += 1;
        }
        lead[team.lead[1..].parse::<usize>().unwrap()] += 1;
    }
    // 5 degrees of freedom: 20.52.
    let m = chi_square(&member, trials as f64 * 2.0 / 6.0);
    let l = chi_square(&lead, trials as f64 / 6.0);
    assert!(m < 20.52, "membership chi² {m:.2}: {member:?}");
    assert!(l < 20.52, "lead chi² {l:.2}: {lead:?}");
}
