//! Team assignment (docs/draw-algorithm.md §6). Targets are processed in the order of
//! `SHA-256(seed ‖ F("joint") ‖ F(code))`; the first ⌈share × n⌉ of them are the internal-joint
//! targets. For each target, officer slots then auxiliary slots are filled one at a time: among
//! the eligible people (right kind, not yet in this team, no declared conflict with the target,
//! under the workload cap, and, for the last officer slot of a joint target whose officers so far
//! share one section, from another section) keep those with the lowest workload so far, then
//! those covering most of the target's still-uncovered expertise needs; of these, read in id
//! order, take the one at index `SHA-256(seed ‖ F("team") ‖ F(code) ‖ F(kind) ‖ F(slot)) mod
//! count`. The lead is the first officer picked who may lead.

use super::DrawError;
use super::hash::{H256, tagged};
use super::pools::{Pools, needs};
use super::select::Selection;
use super::snapshot::{Candidate, Params, Snapshot};
use super::tieset::PoolState;
use crate::domain::inspector::InspectorKind;
use crate::domain::quota::required;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The team of one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    pub code: String,
    /// The hash that placed the target in the processing order.
    pub order: H256,
    /// Whether the target is one of the internal-joint ones (officers from ≥ 2 sections).
    pub joint: bool,
    /// The lead officer's id (one of `officers`).
    pub lead: String,
    /// Officers' ids in the order they were picked.
    pub officers: Vec<String>,
    /// Auxiliary inspectors' ids in the order they were picked; never counted as officers.
    pub auxiliaries: Vec<String>,
}

/// One slot filled, for explaining a draw step by step (the spec's worked example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PickStep {
    pub code: String,
    pub role: InspectorKind,
    pub slot: u32,
    /// The tie set: eligible people with the best (workload, match), in id order.
    pub tied: Vec<String>,
    /// Their workload so far and how many uncovered needs each covers.
    pub load: u32,
    pub matched: u32,
    /// Index into `tied` chosen by the pick hash.
    pub index: u32,
    pub chosen: String,
}

/// ⌈n × bp / 10000⌉, at most n: the number of internal-joint targets.
pub fn joint_count(n: u64, bp: u32) -> u64 {
    required(n, bp).min(n)
}

/// The hash ordering targets for team assignment (lowest first; the first ones are joint).
pub fn order_hash(seed: &H256, code: &str) -> H256 {
    tagged(seed, "joint", &[code.as_bytes()])
}

/// The hash choosing within the tie set of one slot.
pub fn pick_hash(seed: &H256, code: &str, role: InspectorKind, slot: u32) -> H256 {
    tagged(
        seed,
        "team",
        &[
            code.as_bytes(),
            role.code().as_bytes(),
            slot.to_string().as_bytes(),
        ],
    )
}

/// Assigns a team to every selected target. `trace`, when given, receives every slot's tie set.
pub fn assign(
    s: &Snapshot,
    p: &Params,
    seed: &H256,
    selections: &[Selection],
    trace: Option<&mut Vec<PickStep>>,
) -> Result<Vec<Team>, DrawError> {
    let pools = Pools::new(s);
    assign_with(s, p, &pools, seed, selections, trace)
}

pub(crate) fn assign_with(
    s: &Snapshot,
    p: &Params,
    pools: &Pools,
    seed: &H256,
    selections: &[Selection],
    mut trace: Option<&mut Vec<PickStep>>,
) -> Result<Vec<Team>, DrawError> {
    let order = target_order(s, seed, selections);
    let joint = joint_count(order.len() as u64, p.joint_bp);

    let mut officers = PoolState::new(&pools.officers, pools.sections.len());
    let mut auxiliaries = PoolState::new(&pools.auxiliaries, pools.sections.len());
    let mut teams = Vec::with_capacity(order.len());
    for (t, &(order_h, c)) in order.iter().enumerate() {
        let is_joint = (t as u64) < joint;
        officers.begin(pools.conflicted(&c.code, InspectorKind::Officer));
        auxiliaries.begin(pools.conflicted(&c.code, InspectorKind::Auxiliary));
        let need = needs(c, p);
        let mut covered = 0u16;
        let mut picked: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
        for (kind, slots) in [
            (InspectorKind::Officer, p.team_size),
            (InspectorKind::Auxiliary, p.auxiliaries),
        ] {
            let (st, k) = match kind {
                InspectorKind::Officer => (&mut officers, 0),
                InspectorKind::Auxiliary => (&mut auxiliaries, 1),
            };
            for slot in 0..slots {
                let not_section = if kind == InspectorKind::Officer && is_joint && slot + 1 == slots
                {
                    one_section(st, &picked[0])
                } else {
                    None
                };
                let want = need & !covered;
                let h = pick_hash(seed, &c.code, kind, slot);
                let choice = st
                    .choose(p.workload_cap, want, not_section, &h)
                    .ok_or_else(|| DrawError::NoTeam {
                        code: c.code.clone(),
                        role: kind,
                        slot,
                        joint: is_joint,
                    })?;
                if let Some(tr) = trace.as_deref_mut() {
                    tr.push(PickStep {
                        code: c.code.clone(),
                        role: kind,
                        slot,
                        tied: st.tie_set().map(|i| st.people[i].id.to_string()).collect(),
                        load: choice.load,
                        matched: choice.matched,
                        index: choice.index,
                        chosen: st.people[choice.person].id.to_string(),
                    });
                }
                debug_assert!(choice.tied > choice.index);
                st.take(choice.person);
                covered |= st.people[choice.person].expertise;
                picked[k].push(choice.person);
            }
        }
        let ids = |st: &PoolState, v: &[usize]| -> Vec<String> {
            v.iter().map(|&i| st.people[i].id.to_string()).collect()
        };
        let officer_ids = ids(&officers, &picked[0]);
        let lead = lead_of(&officer_ids, c, p);
        teams.push(Team {
            code: c.code.clone(),
            order: order_h,
            joint: is_joint,
            lead,
            officers: officer_ids,
            auxiliaries: ids(&auxiliaries, &picked[1]),
        });
    }
    Ok(teams)
}

/// The drawn targets (each once, as the snapshot has it) in the order their teams are made:
/// by their order hash, then code.
fn target_order<'a>(
    s: &'a Snapshot,
    seed: &H256,
    selections: &[Selection],
) -> Vec<(H256, &'a Candidate)> {
    let mut targets: HashMap<&str, Option<&'a Candidate>> = selections
        .iter()
        .flat_map(|x| &x.targets)
        .map(|t| (t.code.as_str(), None))
        .collect();
    for c in &s.candidates {
        if let Some(slot) = targets.get_mut(c.code.as_str()) {
            slot.get_or_insert(c);
        }
    }
    let mut order: Vec<(H256, &'a Candidate)> = targets
        .values()
        .flatten()
        .map(|&c| (order_hash(seed, &c.code), c))
        .collect();
    order.sort_unstable_by(|a, b| (a.0, &a.1.code).cmp(&(b.0, &b.1.code)));
    order
}

/// The section all the officers picked so far share, if they share one: a joint team's last
/// officer must come from another.
fn one_section(st: &PoolState, picked: &[usize]) -> Option<usize> {
    let first = picked.first().map(|&i| st.people[i].section);
    picked
        .iter()
        .all(|&i| Some(st.people[i].section) == first)
        .then_some(first)
        .flatten()
}

/// The team's lead: the first officer picked, unless the rules bar the previous lead and
/// another officer is there.
fn lead_of(officer_ids: &[String], c: &Candidate, p: &Params) -> String {
    let barred = (!p.previous_lead_may_lead)
        .then_some(c.previous_lead.as_deref())
        .flatten();
    officer_ids
        .iter()
        .find(|id| Some(id.as_str()) != barred)
        .or(officer_ids.first())
        .cloned()
        .unwrap_or_default()
}
