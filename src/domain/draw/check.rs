//! The feasibility check run before a draw (and again inside it): every malformed row and every
//! rule that cannot be met is reported as a typed [`Refusal`] carrying the numbers, to be
//! rendered by the interface. Passing it does not promise that the greedy team assignment
//! succeeds for every seed (see `teams`), only that nothing is missing in advance.

use super::canon::Part;
use super::pools::Pools;
use super::snapshot::{Params, Snapshot, Stratum};
use super::teams::joint_count;
use crate::domain::credit_code::ALPHABET;
use crate::domain::inspector::InspectorKind;
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// Why a draw cannot be run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[serde(tag = "refusal", rename_all = "snake_case")]
pub enum Refusal {
    #[error("{part:?} row {key:?}: field {field} is empty or holds a control character")]
    BadField {
        part: Part,
        key: String,
        field: &'static str,
    },
    #[error("candidate {code:?} is not 18 characters of the credit-code alphabet")]
    BadCreditCode { code: String },
    #[error("candidate {code} appears more than once")]
    DuplicateCandidate { code: String },
    #[error("inspector {id} appears more than once")]
    DuplicateInspector { id: String },
    #[error("conflict {inspector} / {code} is declared more than once")]
    DuplicateConflict { inspector: String, code: String },
    #[error("check item {item} is listed more than once")]
    DuplicateItem { item: String },
    #[error("team size {size} is outside 2–4")]
    TeamSize { size: u32 },
    #[error("{per_team} auxiliary inspectors per team; at most 2")]
    AuxiliariesPerTeam { per_team: u32 },
    #[error("joint share {bp} basis points exceeds 10000")]
    JointShare { bp: u32 },
    #[error("the workload cap is 0")]
    ZeroWorkloadCap,
    #[error("the draw would select no target")]
    NothingToDraw,
    #[error("{count} {stratum:?} targets asked for, only {population} candidates")]
    CountExceedsPopulation {
        stratum: Stratum,
        count: u32,
        population: u64,
    },
    #[error("{available} {role:?} available, {needed} needed")]
    TooFew {
        role: InspectorKind,
        available: u64,
        needed: u64,
    },
    #[error("{needed} {role:?} places to fill, the workload cap allows {capacity}")]
    Capacity {
        role: InspectorKind,
        needed: u64,
        capacity: u64,
    },
    #[error("joint teams needed but the officers come from {sections} section(s)")]
    TooFewSections { sections: u64 },
    #[error("{needed} joint teams need an officer outside {section}; the cap allows {capacity}")]
    JointCapacity {
        section: String,
        needed: u64,
        capacity: u64,
    },
    #[error("target {code}: {available} non-conflicted {role:?}, {needed} needed")]
    TargetTooFew {
        code: String,
        role: InspectorKind,
        available: u64,
        needed: u64,
    },
    #[error("target {code}: its non-conflicted officers are all in one section")]
    TargetOneSection { code: String },
}

fn bad_text(s: &str) -> bool {
    s.is_empty() || s.chars().any(char::is_control)
}

/// 18 characters of the GB 32100 alphabet.
pub fn is_code_form(s: &str) -> bool {
    const TABLE: [bool; 128] = {
        let mut t = [false; 128];
        let a = ALPHABET.as_bytes();
        let mut i = 0;
        while i < a.len() {
            t[a[i] as usize] = true;
            i += 1;
        }
        t
    };
    s.len() == 18 && s.bytes().all(|b| TABLE.get(usize::from(b)) == Some(&true))
}

/// Checks a snapshot and parameters; every problem found is listed.
pub fn check(s: &Snapshot, p: &Params) -> Result<(), Vec<Refusal>> {
    check_with(s, p, &Pools::new(s))
}

pub(crate) fn check_with(s: &Snapshot, p: &Params, pools: &Pools) -> Result<(), Vec<Refusal>> {
    let mut out = Vec::new();
    rows(s, p, &mut out);
    rules(s, p, pools, &mut out);
    if out.is_empty() { Ok(()) } else { Err(out) }
}

fn rows(s: &Snapshot, p: &Params, out: &mut Vec<Refusal>) {
    let bad = |part, key: &str, field| Refusal::BadField {
        part,
        key: key.to_string(),
        field,
    };
    let mut seen = HashSet::with_capacity(s.candidates.len());
    for c in &s.candidates {
        if !is_code_form(&c.code) {
            out.push(Refusal::BadCreditCode {
                code: c.code.clone(),
            });
        } else if !seen.insert(c.code.as_str()) {
            out.push(Refusal::DuplicateCandidate {
                code: c.code.clone(),
            });
        }
        if c.previous_lead.as_deref().is_some_and(bad_text) {
            out.push(bad(Part::Candidates, &c.code, "previous_lead"));
        }
    }
    let mut seen = HashSet::new();
    for i in &s.inspectors {
        if bad_text(&i.id) {
            out.push(bad(Part::Inspectors, &i.id, "id"));
        } else if !seen.insert(i.id.as_str()) {
            out.push(Refusal::DuplicateInspector { id: i.id.clone() });
        }
        if bad_text(&i.section) {
            out.push(bad(Part::Inspectors, &i.id, "section"));
        }
    }
    let mut seen = HashSet::new();
    for c in &s.conflicts {
        if bad_text(&c.inspector) {
            out.push(bad(Part::Conflicts, &c.code, "inspector"));
        } else if bad_text(&c.code) {
            out.push(bad(Part::Conflicts, &c.inspector, "code"));
        } else if !seen.insert((c.inspector.as_str(), c.code.as_str())) {
            out.push(Refusal::DuplicateConflict {
                inspector: c.inspector.clone(),
                code: c.code.clone(),
            });
        }
    }
    if bad_text(&p.draw) {
        out.push(bad(Part::Params, &p.draw, "draw"));
    }
    let mut seen = HashSet::new();
    for it in &p.items {
        if bad_text(it) {
            out.push(bad(Part::Params, it, "items"));
        } else if !seen.insert(it.as_str()) {
            out.push(Refusal::DuplicateItem { item: it.clone() });
        }
    }
}

fn rules(s: &Snapshot, p: &Params, pools: &Pools, out: &mut Vec<Refusal>) {
    let (size_ok, aux_ok) = parameter_limits(p, out);
    counts_fit(s, p, out);
    let n = p.quota.total();
    if n == 0 {
        out.push(Refusal::NothingToDraw);
        return;
    }
    let cap = u64::from(p.workload_cap);
    let joint = joint_count(n, p.joint_bp.min(10000));
    let mut roles = Vec::new();
    if size_ok {
        roles.push((InspectorKind::Officer, u64::from(p.team_size)));
    }
    if aux_ok && p.auxiliaries > 0 {
        roles.push((InspectorKind::Auxiliary, u64::from(p.auxiliaries)));
    }
    for &(role, per_team) in &roles {
        let available = pools.pool(role).len() as u64;
        if available < per_team {
            out.push(Refusal::TooFew {
                role,
                available,
                needed: per_team,
            });
        } else if cap > 0 && cap * available < n * per_team {
            out.push(Refusal::Capacity {
                role,
                needed: n * per_team,
                capacity: cap * available,
            });
        }
    }
    let per_section = joint_sections(pools, joint, cap, out);
    targets(s, p, pools, &roles, &per_section, joint > 0, out);
}

/// The parameters' own limits: team size 2–4, at most 2 auxiliaries, a share up to 100%, a
/// workload cap. Whether the team size and the auxiliaries are usable.
fn parameter_limits(p: &Params, out: &mut Vec<Refusal>) -> (bool, bool) {
    let size_ok = (2..=4).contains(&p.team_size);
    if !size_ok {
        out.push(Refusal::TeamSize { size: p.team_size });
    }
    let aux_ok = p.auxiliaries <= 2;
    if !aux_ok {
        out.push(Refusal::AuxiliariesPerTeam {
            per_team: p.auxiliaries,
        });
    }
    if p.joint_bp > 10000 {
        out.push(Refusal::JointShare { bp: p.joint_bp });
    }
    if p.workload_cap == 0 {
        out.push(Refusal::ZeroWorkloadCap);
    }
    (size_ok, aux_ok)
}

/// Each stratum's count fits its population.
fn counts_fit(s: &Snapshot, p: &Params, out: &mut Vec<Refusal>) {
    let strata = p.quota.strata();
    for &(stratum, count) in &strata {
        let population = s
            .candidates
            .iter()
            .filter(|c| stratum.contains(c.group))
            .count() as u64;
        if u64::from(count) > population {
            out.push(Refusal::CountExceedsPopulation {
                stratum,
                count,
                population,
            });
        }
    }
}

/// The officers per section; with joint teams, at least two sections and, the largest section
/// binding, enough officers outside it.
fn joint_sections(
    pools: &Pools,
    joint: u64,
    cap: u64,
    out: &mut Vec<Refusal>,
) -> BTreeMap<usize, u64> {
    let mut per_section: BTreeMap<usize, u64> = BTreeMap::new();
    for o in &pools.officers {
        *per_section.entry(o.section).or_default() += 1;
    }
    if joint > 0 && !pools.officers.is_empty() {
        // The largest section (the first by name among equals) binds: every joint team needs
        // an officer from outside it.
        let largest = per_section
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(&sec, &k)| (sec, k));
        if per_section.len() < 2 {
            out.push(Refusal::TooFewSections {
                sections: per_section.len() as u64,
            });
        } else if let Some((sec, k)) = largest {
            let capacity = cap * (pools.officers.len() as u64 - k);
            if cap > 0 && capacity < joint {
                out.push(Refusal::JointCapacity {
                    section: pools.sections.get(sec).copied().unwrap_or("").to_string(),
                    needed: joint,
                    capacity,
                });
            }
        }
    }
    per_section
}

/// Per target with declared conflicts: enough non-conflicted people of each kind, and officers
/// from two sections when joint teams are needed (any target may be chosen joint).
fn targets(
    s: &Snapshot,
    p: &Params,
    pools: &Pools,
    roles: &[(InspectorKind, u64)],
    per_section: &BTreeMap<usize, u64>,
    joint: bool,
    out: &mut Vec<Refusal>,
) {
    let drawn: Vec<Stratum> = p
        .quota
        .strata()
        .into_iter()
        .filter(|&(_, k)| k > 0)
        .map(|(st, _)| st)
        .collect();
    // Only candidates with a declared conflict can fall short; a candidate listed twice is
    // refused already.
    let mut conflicted: Vec<&str> = s
        .candidates
        .iter()
        .filter(|c| drawn.iter().any(|st| st.contains(c.group)))
        .map(|c| c.code.as_str())
        .filter(|code| pools.conflicts.contains_key(code))
        .collect();
    conflicted.sort_unstable();
    conflicted.dedup();
    for code in conflicted {
        for &(role, needed) in roles {
            let available = pools
                .pool(role)
                .len()
                .saturating_sub(pools.conflicted(code, role).count())
                as u64;
            if available < needed && pools.pool(role).len() as u64 >= needed {
                out.push(Refusal::TargetTooFew {
                    code: code.to_string(),
                    role,
                    available,
                    needed,
                });
            }
        }
        if joint && per_section.len() >= 2 {
            let mut left = per_section.clone();
            for i in pools.conflicted(code, InspectorKind::Officer) {
                if let Some(k) = pools.officers.get(i).and_then(|o| left.get_mut(&o.section)) {
                    *k -= 1;
                }
            }
            if left.values().filter(|&&k| k > 0).count() < 2 {
                out.push(Refusal::TargetOneSection {
                    code: code.to_string(),
                });
            }
        }
    }
}
