//! Preparing a draw: the candidates (not drawn this quarter, outside the N4 window, with their
//! previous lead), the eligible inspectors and conflicts frozen into a snapshot, checked, and
//! committed to with a fresh secret.

use super::*;
use crate::domain::eligibility;
use crate::service::QuarterClassification;

impl Service {
    /// S11: a draw belongs to a live quarter. For one that has ended, the leader's override
    /// and its reason (checked); `None` for a live or future quarter.
    fn late_override(
        &mut self,
        actor: &Actor,
        req: &DrawRequest,
        today: chrono::NaiveDate,
    ) -> Result<Option<(Actor, String)>> {
        let ended = req.quarter.end();
        if ended >= today {
            return Ok(None);
        }
        let Some(o) = &req.late else {
            return Err(DrawProblem::QuarterEnded {
                quarter: req.quarter.to_string(),
                ended,
            }
            .into());
        };
        let reason = clean_line(&o.reason, "reason").map_err(|_| DrawProblem::ReasonRequired)?;
        let leader = self.leader_actor(actor, o.leader.as_deref())?;
        Ok(Some((leader, reason)))
    }

    /// The draw's items, each in force today, and the expertise they call for.
    fn draw_items(
        &mut self,
        codes: &[String],
        today: chrono::NaiveDate,
    ) -> Result<(Vec<String>, BTreeSet<Expertise>)> {
        let in_force: HashMap<String, BTreeSet<Expertise>> = self
            .items_in_force(today)?
            .into_iter()
            .map(|v| (v.data.code, v.data.expertise))
            .collect();
        let mut items = Vec::new();
        let mut item_expertise = BTreeSet::new();
        if codes.iter().all(|c| c.trim().is_empty()) {
            let in_force = in_force.keys().cloned().collect::<BTreeSet<_>>();
            return Err(DrawProblem::NoItems {
                in_force: in_force.into_iter().collect(),
            }
            .into());
        }
        for code in codes {
            let c = code.trim().to_string();
            let Some(e) = in_force.get(&c) else {
                return Err(DrawProblem::UnknownItem { code: c }.into());
            };
            item_expertise.extend(e.iter().copied());
            items.push(c);
        }
        Ok((items, item_expertise))
    }

    /// Prepares a draw (administrators): freezes the snapshot, checks it, commits to a fresh
    /// secret. Nothing is stored when the check refuses.
    pub fn prepare_draw(&mut self, actor: &Actor, req: &DrawRequest) -> Result<PreparedDraw> {
        actor.require(&[Role::Admin])?;
        let public_source = public_source(req)?;
        let today = self.today();
        let late = self.late_override(actor, req, today)?;
        let items = self.draw_items(&req.items, today)?;
        // One classification serves the plan's remaining counts and the snapshot.
        let (cq, facts) = self.quarter_facts(actor, req.quarter)?;
        let quota = req.quota.unwrap_or_else(|| remaining_quota(&cq, &facts));
        let secret = self.secret();
        let commit = commitment(&secret);
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let rules = draw_rules(db)?;
            let frozen = freeze(db, &cq, req.quarter, today, &items.0, &rules)?;
            let snapshot = &frozen.snapshot;
            let n = db.count_draws_of_quarter(&req.quarter.to_string())? + 1;
            let label = format!("{}-{n}", req.quarter);
            let joint = cq.ratios.internal_joint;
            let params = draw_params(req, label.clone(), quota, &rules, joint, items);
            draw::check(snapshot, &params).map_err(|refusals| DrawProblem::Refused { refusals })?;
            let h = hashes(snapshot, &params);
            let commitment = commit.to_hex();
            let row = NewDraw {
                quarter: &req.quarter.to_string(),
                label: &label,
                status: Status::Prepared,
                snapshot,
                params: &params,
                secret: &secret,
                commitment: &commitment,
                public_source: public_source.as_deref(),
                public_value: None,
                min_witnesses: i64::from(req.min_witnesses),
                prepared_by: &actor.name,
                prepared_at: &at,
            };
            let id = db.insert_draw(&row)?;
            let after = json(&serde_json::json!({
                "label": label,
                "params": params,
                "hashes": h,
                "commitment": commit,
                "public_source": public_source,
                "repeat_excluded": frozen.repeat_excluded,
                "suspended": frozen.suspended,
            }));
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Prepare, Entity::Draw)
                    .id(id)
                    .summary(&label)
                    .after(Some(&after)),
            )?;
            if let Some(late) = &late {
                record_late(db, &at, id, &label, late)?;
            }
            Ok(PreparedDraw {
                id,
                label,
                quota,
                candidates: snapshot.candidates.len(),
                inspectors: snapshot.inspectors.len(),
                conflicts: snapshot.conflicts.len(),
                no_section: frozen.no_section,
                repeat_excluded: frozen.repeat_excluded,
                suspended: frozen.suspended,
                hashes: h,
                commitment: commit,
            })
        })
    }
}

/// The public source the request names, checked.
fn public_source(req: &DrawRequest) -> Result<Option<String>> {
    req.public_source
        .as_deref()
        .map(|s| clean_line(s, "public_source"))
        .transpose()
}

/// The parameters: what the request sets, the items with the expertise they call for, the
/// plan's internal-joint share and the rules' say on previous leads.
fn draw_params(
    req: &DrawRequest,
    label: String,
    quota: Quota,
    rules: &DrawRules,
    joint_bp: u32,
    (items, item_expertise): (Vec<String>, BTreeSet<Expertise>),
) -> Params {
    let mut params = Params::new(label, quota);
    params.team_size = req.team_size;
    params.auxiliaries = req.auxiliaries;
    params.workload_cap = req.workload_cap;
    params.joint_bp = joint_bp;
    params.items = items;
    params.item_expertise = item_expertise;
    params.previous_lead_may_lead = rules.previous_lead_may_lead;
    params
}

/// S11: the leader's reason for a draw of an ended quarter, kept and audited in their name.
fn record_late(
    db: Db<'_>,
    at: &str,
    id: i64,
    label: &str,
    (leader, reason): &(Actor, String),
) -> Result<()> {
    db.set_late_reason(id, reason)?;
    audit(
        db,
        at,
        leader,
        Event::new(Action::OverrideEndedQuarter, Entity::Draw)
            .id(id)
            .summary(label)
            .after(Some(reason)),
    )
}

/// A draw's snapshot as frozen, with what its preparation noted.
struct Frozen {
    snapshot: Snapshot,
    repeat_excluded: Vec<RepeatExcluded>,
    suspended: Vec<String>,
    no_section: Vec<String>,
}

/// Freezes the snapshot: the candidates the rules leave, the inspectors with a section, the
/// open conflicts between them.
fn freeze(
    db: Db<'_>,
    cq: &QuarterClassification,
    quarter: Quarter,
    today: chrono::NaiveDate,
    items: &[String],
    rules: &DrawRules,
) -> Result<Frozen> {
    let item_set: BTreeSet<String> = items.iter().cloned().collect();
    let pool = candidate_pool(db, cq, quarter, today, &item_set, rules)?;
    let team = snapshot_inspectors(db)?;
    let conflicts = open_conflicts(db, cq, &team.ids, &pool.candidates)?;
    Ok(Frozen {
        snapshot: Snapshot {
            candidates: pool.candidates,
            inspectors: team.inspectors,
            conflicts,
        },
        repeat_excluded: pool.repeat_excluded,
        suspended: pool.suspended,
        no_section: team.no_section,
    })
}

/// The plan's remaining number per group, when the request names no quota.
fn remaining_quota(cq: &QuarterClassification, facts: &Facts) -> Quota {
    let plan: Vec<PlanLine> = cq.quotas.iter().map(|q| plan_line(q, facts)).collect();
    let rem = |g: Group| {
        plan.iter()
            .find(|l| l.group == g)
            .map_or(0, |l| u32::try_from(l.remaining).unwrap_or(u32::MAX))
    };
    Quota::Classified {
        key: rem(Group::Key),
        special: rem(Group::Special),
        general: rem(Group::General),
    }
}

/// The quarter's targets not drawn in it yet, sorted by the N4 window
/// ([`eligibility::pool`]), each with its previous lead.
fn candidate_pool(
    db: Db<'_>,
    cq: &QuarterClassification,
    quarter: Quarter,
    today: chrono::NaiveDate,
    items: &BTreeSet<String>,
    rules: &DrawRules,
) -> Result<eligibility::Pool> {
    let drawn: HashSet<String> = drawn_in(db, quarter)?.into_iter().map(|d| d.code).collect();
    let window = rules.repeat_window_days;
    let visits = db.visits_since(eligibility::window_start(today, window))?;
    let leads = db.latest_leads()?;
    let targets = cq
        .items
        .iter()
        .filter(|(e, _)| !drawn.contains(e.data.credit_code.as_str()))
        .map(|(e, c)| {
            let group = Group::of(c);
            eligibility::Target {
                candidate: draw::Candidate {
                    code: e.data.credit_code.to_string(),
                    group,
                    pollutants: e.data.pollutants.clone(),
                    previous_lead: leads.get(&e.id).cloned(),
                },
                name: e.data.name.clone(),
                status: e.data.status,
                recent: visits
                    .get(&e.id)
                    .and_then(|v| recent_visit(v, group, items, today, window)),
            }
        });
    Ok(eligibility::pool(targets))
}

/// The active inspectors as the snapshot names them, with their snapshot ids by record id,
/// and the officers left out for want of a section (named, so the administrator can complete
/// the registry).
struct SnapshotTeam {
    inspectors: Vec<draw::Inspector>,
    ids: HashMap<i64, String>,
    no_section: Vec<String>,
}

fn snapshot_inspectors(db: Db<'_>) -> Result<SnapshotTeam> {
    let (people, unplaced): (Vec<_>, Vec<_>) = db
        .inspectors()?
        .into_iter()
        .filter(|i| i.data.active)
        .partition(|i| !eligibility::team_section(&i.data).is_empty());
    let no_section = unplaced
        .iter()
        .map(|i| format!("{}({})", i.data.name, snapshot_id(i.id, &i.data.cert_no)))
        .collect();
    let ids: HashMap<i64, String> = people
        .iter()
        .map(|i| (i.id, snapshot_id(i.id, &i.data.cert_no)))
        .collect();
    let inspectors = people
        .iter()
        .map(|i| draw::Inspector {
            id: ids.get(&i.id).cloned().unwrap_or_default(),
            kind: i.data.kind,
            section: eligibility::team_section(&i.data),
            expertise: i.data.expertise.clone(),
        })
        .collect();
    Ok(SnapshotTeam {
        inspectors,
        ids,
        no_section,
    })
}

/// The declared, not withdrawn conflicts (N2) between the snapshot's inspectors and
/// candidates, in order.
fn open_conflicts(
    db: Db<'_>,
    cq: &QuarterClassification,
    ids: &HashMap<i64, String>,
    candidates: &[draw::Candidate],
) -> Result<Vec<ConflictPair>> {
    let codes: HashMap<i64, String> = cq
        .items
        .iter()
        .map(|(e, _)| (e.id, e.data.credit_code.to_string()))
        .collect();
    let in_snapshot: HashSet<&str> = candidates.iter().map(|c| c.code.as_str()).collect();
    let conflicts: BTreeSet<ConflictPair> = db
        .conflicts()?
        .into_iter()
        .filter(|c| c.withdrawn.is_none())
        .filter_map(|c| {
            let inspector = ids.get(&c.inspector_id)?.clone();
            let code = codes.get(&c.enterprise_id)?.clone();
            in_snapshot
                .contains(code.as_str())
                .then_some(ConflictPair { inspector, code })
        })
        .collect();
    Ok(conflicts.into_iter().collect())
}
