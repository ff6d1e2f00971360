//! Test helpers shared by the draw tests: small builders and proptest strategies for random
//! registries and parameters, and a checker asserting every team rule on an outcome.

use super::Outcome;
use super::hash::H256;
use super::select::rank;
use super::snapshot::{Candidate, ConflictPair, Inspector, Params, Quota, Snapshot};
use super::teams::{joint_count, order_hash};
use crate::domain::enterprise::Pollutant;
use crate::domain::inspector::{Expertise, InspectorKind};
use crate::domain::quota::Group;
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// A credit code of the right form (not necessarily a valid check character).
pub fn code(tag: char, i: usize) -> String {
    format!("9{tag}{i:016}")
}

pub fn candidate(code: String, group: Group) -> Candidate {
    Candidate {
        code,
        group,
        pollutants: BTreeSet::new(),
        previous_lead: None,
    }
}

pub fn person(id: &str, kind: InspectorKind, section: &str) -> Inspector {
    Inspector {
        id: id.into(),
        kind,
        section: section.into(),
        expertise: BTreeSet::new(),
    }
}

pub fn officer(id: &str, section: &str) -> Inspector {
    person(id, InspectorKind::Officer, section)
}

pub fn conflict(inspector: &str, code: &str) -> ConflictPair {
    ConflictPair {
        inspector: inspector.into(),
        code: code.into(),
    }
}

pub fn seed(i: u64) -> H256 {
    H256::of(&i.to_le_bytes())
}

fn subset<T: Copy + Ord>(all: &[T], bits: u32) -> BTreeSet<T> {
    all.iter()
        .enumerate()
        .filter(|(i, _)| bits >> i & 1 == 1)
        .map(|(_, &v)| v)
        .collect()
}

const SECTIONS: [&str; 4] = ["大气科", "水土科", "执法大队", "固废科"];

prop_compose! {
    /// A random registry and parameters, often feasible, sometimes not.
    pub fn registry()(
        groups in prop::collection::vec((0u8..4, 0u32..64, prop::option::of(0usize..12)), 1..40),
        people in prop::collection::vec((any::<bool>(), 0usize..4, 0u32..1024), 2..16),
        conflicts in prop::collection::vec((0usize..16, 0usize..40), 0..12),
        counts in (0u32..8, 0u32..8, 0u32..8),
        unclassified in prop::bool::weighted(0.25),
        team_size in prop::sample::select(vec![2u32, 2, 3, 4]),
        auxiliaries in prop::sample::select(vec![0u32, 0, 1, 2]),
        joint_bp in prop::sample::select(vec![0u32, 3500, 3500, 5000, 10000]),
        cap in 1u32..8,
        may_lead in any::<bool>(),
        item_bits in 0u32..1024,
    ) -> (Snapshot, Params) {
        let mut s = Snapshot::default();
        for (i, &(g, pol, lead)) in groups.iter().enumerate() {
            let mut c = candidate(code('1', i), Group::ALL[usize::from(g)]);
            c.pollutants = subset(Pollutant::ALL, pol);
            c.previous_lead = lead.map(|l| format!("P{l:02}"));
            s.candidates.push(c);
        }
        for (i, &(aux, sec, exp)) in people.iter().enumerate() {
            // Most people are officers; auxiliaries get ids that sort anywhere.
            let kind = if aux && i % 3 == 0 { InspectorKind::Auxiliary } else { InspectorKind::Officer };
            let mut p = person(&format!("P{i:02}"), kind, SECTIONS[sec]);
            p.expertise = subset(Expertise::ALL, exp);
            s.inspectors.push(p);
        }
        let mut seen = HashSet::new();
        for &(pi, ci) in &conflicts {
            if pi < people.len() && ci < groups.len() && seen.insert((pi, ci)) {
                s.conflicts.push(conflict(&format!("P{pi:02}"), &code('1', ci)));
            }
        }
        let quota = if unclassified {
            Quota::Unclassified { count: counts.0 + counts.1 }
        } else {
            Quota::Classified { key: counts.0 % 4, special: counts.1 % 4, general: counts.2 % 4 }
        };
        let mut p = Params::new("prop", quota);
        p.team_size = team_size;
        p.auxiliaries = auxiliaries;
        p.joint_bp = joint_bp;
        p.workload_cap = cap;
        p.previous_lead_may_lead = may_lead;
        p.item_expertise = subset(Expertise::ALL, item_bits);
        (s, p)
    }
}

/// Asserts every rule of the spec on an outcome; returns a description of the first breach.
pub fn rules_hold(s: &Snapshot, p: &Params, seed: &H256, o: &Outcome) -> Result<(), String> {
    let by_code: HashMap<&str, &Candidate> =
        s.candidates.iter().map(|c| (c.code.as_str(), c)).collect();
    let people: HashMap<&str, &Inspector> =
        s.inspectors.iter().map(|i| (i.id.as_str(), i)).collect();
    let conflicts: HashSet<(&str, &str)> = s
        .conflicts
        .iter()
        .map(|c| (c.inspector.as_str(), c.code.as_str()))
        .collect();
    // Selection: the k lowest ranks of each stratum.
    let strata = p.quota.strata();
    if strata.len() != o.selections.len() {
        return Err("wrong number of strata".into());
    }
    let mut drawn = BTreeSet::new();
    for ((stratum, k), sel) in strata.iter().zip(&o.selections) {
        if sel.stratum != *stratum || sel.targets.len() != *k as usize {
            return Err(format!(
                "stratum {stratum:?}: {} drawn, {k} asked",
                sel.targets.len()
            ));
        }
        let worst = sel.targets.iter().map(|t| t.rank).max();
        for c in s.candidates.iter().filter(|c| stratum.contains(c.group)) {
            let r = rank(seed, *stratum, &c.code);
            let chosen = sel.targets.iter().any(|t| t.code == c.code);
            if chosen != worst.is_some_and(|w| r <= w) {
                return Err(format!("{} not among the k lowest", c.code));
            }
        }
        for t in &sel.targets {
            let c = by_code.get(t.code.as_str()).ok_or("unknown target")?;
            if !stratum.contains(c.group) || c.group == Group::PositiveList {
                return Err(format!("{} drawn from the wrong stratum", t.code));
            }
            if !drawn.insert(t.code.as_str()) {
                return Err(format!("{} drawn twice", t.code));
            }
        }
    }
    // Teams: one per target, in processing order.
    let teamed: BTreeSet<&str> = o.teams.iter().map(|t| t.code.as_str()).collect();
    if teamed != drawn || o.teams.len() != drawn.len() {
        return Err("teams do not match the drawn targets".into());
    }
    if !o.teams.windows(2).all(|w| w[0].order < w[1].order) {
        return Err("teams not in processing order".into());
    }
    let joint = joint_count(o.teams.len() as u64, p.joint_bp) as usize;
    let mut load: BTreeMap<&str, u32> = BTreeMap::new();
    for (i, t) in o.teams.iter().enumerate() {
        if t.order != order_hash(seed, &t.code) || t.joint != (i < joint) {
            return Err(format!("{}: order hash or joint flag", t.code));
        }
        if t.officers.len() != p.team_size as usize || t.auxiliaries.len() != p.auxiliaries as usize
        {
            return Err(format!("{}: team size", t.code));
        }
        let mut members = HashSet::new();
        for (id, kind) in t
            .officers
            .iter()
            .map(|id| (id, InspectorKind::Officer))
            .chain(
                t.auxiliaries
                    .iter()
                    .map(|id| (id, InspectorKind::Auxiliary)),
            )
        {
            let who = people.get(id.as_str()).ok_or("unknown member")?;
            if who.kind != kind {
                return Err(format!("{}: {id} listed as {kind:?}", t.code));
            }
            if !members.insert(id.as_str()) {
                return Err(format!("{}: {id} twice", t.code));
            }
            if conflicts.contains(&(id.as_str(), t.code.as_str())) {
                return Err(format!("{}: {id} is conflicted (N2)", t.code));
            }
            *load.entry(id.as_str()).or_default() += 1;
        }
        if !t.officers.contains(&t.lead) {
            return Err(format!("{}: lead is not an officer", t.code));
        }
        let prev = by_code
            .get(t.code.as_str())
            .and_then(|c| c.previous_lead.as_deref());
        if !p.previous_lead_may_lead && prev == Some(t.lead.as_str()) {
            return Err(format!("{}: previous lead leads again", t.code));
        }
        if t.joint {
            let sections: HashSet<&str> = t
                .officers
                .iter()
                .filter_map(|id| people.get(id.as_str()).map(|p| p.section.as_str()))
                .collect();
            if sections.len() < 2 {
                return Err(format!("{}: joint team from one section", t.code));
            }
        }
    }
    if let Some((id, n)) = load.iter().find(|(_, n)| **n > p.workload_cap) {
        return Err(format!("{id} on {n} teams, cap {}", p.workload_cap));
    }
    Ok(())
}

/// The team rules of the spec (§6) transliterated as plainly as possible, without indexes or
/// bit sets: the oracle the fast assignment is compared with. `None` when a slot finds nobody.
pub fn naive_teams(
    s: &Snapshot,
    p: &Params,
    seed: &H256,
    selections: &[super::Selection],
) -> Option<Vec<super::Team>> {
    let cands: HashMap<&str, &Candidate> =
        s.candidates.iter().map(|c| (c.code.as_str(), c)).collect();
    let mut targets: Vec<(H256, &str)> = selections
        .iter()
        .flat_map(|x| &x.targets)
        .map(|t| (order_hash(seed, &t.code), t.code.as_str()))
        .collect();
    targets.sort();
    let joint = joint_count(targets.len() as u64, p.joint_bp) as usize;
    let mut people: Vec<&Inspector> = s.inspectors.iter().collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));
    let conflicts: HashSet<(&str, &str)> = s
        .conflicts
        .iter()
        .map(|c| (c.inspector.as_str(), c.code.as_str()))
        .collect();
    let mut load: HashMap<&str, u32> = HashMap::new();
    let mut teams = Vec::new();
    for (ti, &(order, code)) in targets.iter().enumerate() {
        let c = cands.get(code)?;
        let need: BTreeSet<&str> = c
            .pollutants
            .iter()
            .map(|x| x.code())
            .chain(p.item_expertise.iter().map(|e| e.code()))
            .collect();
        let mut covered: BTreeSet<&str> = BTreeSet::new();
        let mut team: [Vec<&Inspector>; 2] = [Vec::new(), Vec::new()];
        for (k, kind, slots) in [
            (0, InspectorKind::Officer, p.team_size),
            (1, InspectorKind::Auxiliary, p.auxiliaries),
        ] {
            for j in 0..slots {
                let sections: BTreeSet<&str> = team[0].iter().map(|o| o.section.as_str()).collect();
                let barred = (k == 0 && ti < joint && j + 1 == slots && sections.len() == 1)
                    .then(|| sections.iter().next().copied())
                    .flatten();
                let matched = |i: &Inspector| {
                    i.expertise
                        .iter()
                        .filter(|e| need.contains(e.code()) && !covered.contains(e.code()))
                        .count() as i64
                };
                let key =
                    |i: &Inspector| (load.get(i.id.as_str()).copied().unwrap_or(0), -matched(i));
                let eligible: Vec<&Inspector> = people
                    .iter()
                    .copied()
                    .filter(|i| {
                        i.kind == kind
                            && !team.iter().flatten().any(|t| t.id == i.id)
                            && !conflicts.contains(&(i.id.as_str(), code))
                            && load.get(i.id.as_str()).copied().unwrap_or(0) < p.workload_cap
                            && Some(i.section.as_str()) != barred
                    })
                    .collect();
                let best = eligible.iter().map(|i| key(i)).min()?;
                let tied: Vec<&Inspector> =
                    eligible.into_iter().filter(|i| key(i) == best).collect();
                let h = super::teams::pick_hash(seed, code, kind, j);
                let pick = tied[h.mod_u32(tied.len() as u32) as usize];
                *load.entry(pick.id.as_str()).or_default() += 1;
                covered.extend(pick.expertise.iter().map(|e| e.code()));
                team[k].push(pick);
            }
        }
        let ids = |v: &[&Inspector]| -> Vec<String> { v.iter().map(|i| i.id.clone()).collect() };
        let officers = ids(&team[0]);
        let mut lead = officers.first()?.clone();
        if !p.previous_lead_may_lead && c.previous_lead.as_deref() == Some(lead.as_str()) {
            lead = officers.get(1)?.clone();
        }
        teams.push(super::Team {
            code: code.to_string(),
            order,
            joint: ti < joint,
            lead,
            officers,
            auxiliaries: ids(&team[1]),
        });
    }
    Some(teams)
}
