//! Preparing a draw: the candidates (not drawn this quarter, outside the N4 window, with their
//! previous lead), the eligible inspectors and conflicts frozen into a snapshot, checked, and
//! committed to with a fresh secret; and the same path as a dry run that stores nothing
//! (`check_draw`, what the UI shows before `Ctrl-S`).

use super::*;
use crate::domain::draw::Refusal;
use crate::domain::eligibility;
use crate::domain::enterprise::EnterpriseBrief;

/// The quarter's classification as a draw reads the registry (brief records).
type QuarterClassification = crate::service::QuarterClassification<EnterpriseBrief>;

/// One classified target of that classification.
type ClassifiedTarget = (EnterpriseBrief, crate::domain::classify::Classification);

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

    /// What is read before the transaction, the same for prepare and its dry run: the role,
    /// the public source, the quarter still live (or the leader's override), the items in
    /// force, the quarter's classification and the quota (the plan's remaining by default).
    fn draw_inputs(&mut self, actor: &Actor, req: &DrawRequest) -> Result<Inputs> {
        actor.require(&[Role::Admin])?;
        let public_source = public_source(req)?;
        let today = self.today();
        let late = self.late_override(actor, req, today)?;
        let items = self.draw_items(&req.items, today)?;
        // One classification serves the snapshot and, when the request names no quota, the
        // plan's remaining counts (the quarter's facts are read only then).
        let cq = self.classify_quarter_brief(actor, req.quarter)?;
        let quota = match req.quota {
            Some(quota) => quota,
            None => remaining_quota(&cq, &self.facts_of(actor, &cq)?),
        };
        Ok(Inputs {
            public_source,
            today,
            late,
            items,
            cq,
            quota,
        })
    }

    /// The dry run of [`Service::prepare_draw`] (administrators): the same inputs, snapshot
    /// and check, nothing stored. Refusals of the check are in the answer (with what the
    /// snapshot would hold); a refusal before it (role, an ended quarter, an unknown item, bad
    /// text) is the same error prepare gives.
    pub fn check_draw(&mut self, actor: &Actor, req: &DrawRequest) -> Result<DrawCheck> {
        let mut inputs = self.draw_inputs(actor, req)?;
        let staged = self.store.read(|db| stage(db, req, &mut inputs))?;
        let refusals = draw::check(&staged.frozen.snapshot, &staged.params).err();
        Ok(staged.report(refusals.unwrap_or_default()))
    }

    /// Prepares a draw (administrators): freezes the snapshot, checks it, commits to a fresh
    /// secret. Nothing is stored when the check refuses.
    pub fn prepare_draw(&mut self, actor: &Actor, req: &DrawRequest) -> Result<PreparedDraw> {
        let mut inputs = self.draw_inputs(actor, req)?;
        let secret = self.secret();
        let commit = commitment(&secret);
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let staged = stage(db, req, &mut inputs)?;
            let (snapshot, params) = (&staged.frozen.snapshot, &staged.params);
            draw::check(snapshot, params).map_err(|refusals| DrawProblem::Refused { refusals })?;
            let h = hashes(snapshot, params);
            let commitment = commit.to_hex();
            let row = NewDraw {
                quarter: &req.quarter.to_string(),
                label: &staged.label,
                status: Status::Prepared,
                snapshot,
                params,
                secret: &secret,
                commitment: &commitment,
                public_source: inputs.public_source.as_deref(),
                public_value: None,
                min_witnesses: i64::from(req.min_witnesses),
                prepared_by: &actor.name,
                prepared_at: &at,
            };
            let id = db.insert_draw(&row)?;
            let public = inputs.public_source.as_deref();
            audit_prepare(db, (&at, actor, id), &staged, (&h, &commit), public)?;
            if let Some(late) = &inputs.late {
                record_late(db, &at, id, &staged.label, late)?;
            }
            Ok(PreparedDraw {
                id,
                check: staged.report(Vec::new()),
                hashes: h,
                commitment: commit,
            })
        })
    }
}

/// What prepare and its dry run read before the transaction.
struct Inputs {
    public_source: Option<String>,
    today: chrono::NaiveDate,
    late: Option<(Actor, String)>,
    items: (Vec<String>, BTreeSet<Expertise>),
    cq: QuarterClassification,
    quota: Quota,
}

/// The snapshot frozen and the parameters, with the label the draw gets.
struct Staged {
    frozen: Frozen,
    params: Params,
    label: String,
}

/// Freezes the snapshot and sets the parameters inside a transaction: the one path of
/// prepare and its dry run. The classified targets are moved into the snapshot (taken out of
/// `inputs`), not copied.
fn stage(db: Db<'_>, req: &DrawRequest, inputs: &mut Inputs) -> Result<Staged> {
    let rules = draw_rules(db)?;
    let frozen = freeze(
        db,
        std::mem::take(&mut inputs.cq.items),
        req.quarter,
        inputs.today,
        &inputs.items.0,
        &rules,
    )?;
    let n = db.count_draws_of_quarter(&req.quarter.to_string())? + 1;
    let label = format!("{}-{n}", req.quarter);
    let joint = inputs.cq.ratios.internal_joint;
    let items = inputs.items.clone();
    let params = draw_params(req, label.clone(), inputs.quota, &rules, joint, items);
    Ok(Staged {
        frozen,
        params,
        label,
    })
}

impl Staged {
    /// What the snapshot holds, as `draw prepare` shows it, with the check's refusals.
    fn report(&self, refusals: Vec<Refusal>) -> DrawCheck {
        let s = &self.frozen.snapshot;
        let strata = (self.params.quota.strata().into_iter())
            .map(|(st, k)| {
                let n = s.candidates.iter().filter(|c| st.contains(c.group)).count();
                (st, n, k)
            })
            .collect();
        DrawCheck {
            label: self.label.clone(),
            quota: self.params.quota,
            strata,
            candidates: s.candidates.len(),
            inspectors: s.inspectors.len(),
            conflicts: s.conflicts.len(),
            no_section: self.frozen.no_section.clone(),
            already_drawn: self.frozen.already_drawn,
            repeat_excluded: self.frozen.repeat_excluded.clone(),
            suspended: self.frozen.suspended.clone(),
            refusals,
        }
    }
}

/// The `prepare` audit entry: the parameters, hashes and commitment, and the candidates the
/// preparation left out or flagged (read back by `draw_preparation_notes`).
fn audit_prepare(
    db: Db<'_>,
    (at, actor, id): (&str, &Actor, i64),
    staged: &Staged,
    (h, commit): (&Hashes, &H256),
    public_source: Option<&str>,
) -> Result<()> {
    let after = json(&serde_json::json!({
        "label": staged.label,
        "params": staged.params,
        "hashes": h,
        "commitment": commit,
        "public_source": public_source,
        "repeat_excluded": staged.frozen.repeat_excluded,
        "suspended": staged.frozen.suspended,
    }));
    audit(
        db,
        at,
        actor,
        Event::new(Action::Prepare, Entity::Draw)
            .id(id)
            .summary(&staged.label)
            .after(Some(&after)),
    )
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
    /// Targets of the quarter left out because a draw of it already drew them.
    already_drawn: usize,
}

/// Freezes the snapshot: the candidates the rules leave, the inspectors with a section, the
/// open conflicts between them.
fn freeze(
    db: Db<'_>,
    targets: Vec<ClassifiedTarget>,
    quarter: Quarter,
    today: chrono::NaiveDate,
    items: &[String],
    rules: &DrawRules,
) -> Result<Frozen> {
    let item_set: BTreeSet<String> = items.iter().cloned().collect();
    let open = OpenConflicts::read(db, &targets)?;
    let (pool, already_drawn) = candidate_pool(db, targets, quarter, today, &item_set, rules)?;
    let team = snapshot_inspectors(db)?;
    let conflicts = open.between(&team.ids, &pool.candidates);
    Ok(Frozen {
        snapshot: Snapshot {
            candidates: pool.candidates,
            inspectors: team.inspectors,
            conflicts,
        },
        repeat_excluded: pool.repeat_excluded,
        suspended: pool.suspended,
        no_section: team.no_section,
        already_drawn,
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
/// ([`eligibility::pool`]), each with its previous lead; and how many were drawn already.
fn candidate_pool(
    db: Db<'_>,
    targets: Vec<ClassifiedTarget>,
    quarter: Quarter,
    today: chrono::NaiveDate,
    items: &BTreeSet<String>,
    rules: &DrawRules,
) -> Result<(eligibility::Pool, usize)> {
    let drawn: HashSet<String> = drawn_in(db, quarter)?.into_iter().map(|d| d.code).collect();
    let window = rules.repeat_window_days;
    let visits = db.visits_since(eligibility::window_start(today, window))?;
    let leads = db.latest_leads()?;
    let fresh = |e: &EnterpriseBrief| !drawn.contains(e.credit_code.as_str());
    let already_drawn = targets.iter().filter(|(e, _)| !fresh(e)).count();
    let targets = targets.into_iter().filter(|(e, _)| fresh(e)).map(|(e, c)| {
        let group = Group::of(&c);
        eligibility::Target {
            recent: visits
                .get(&e.id)
                .and_then(|v| recent_visit(v, group, items, today, window)),
            candidate: draw::Candidate {
                code: e.credit_code,
                group,
                pollutants: e.pollutants,
                previous_lead: leads.get(&e.id).cloned(),
            },
            name: e.name,
            status: e.status,
        }
    });
    Ok((eligibility::pool(targets), already_drawn))
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

/// The declared, not withdrawn conflicts (N2) with the credit codes of the enterprises they
/// name (only those are looked up, not the whole registry).
struct OpenConflicts {
    open: Vec<crate::domain::inspector::Conflict>,
    codes: HashMap<i64, String>,
}

impl OpenConflicts {
    fn read(db: Db<'_>, targets: &[ClassifiedTarget]) -> Result<OpenConflicts> {
        let open: Vec<_> = (db.conflicts()?.into_iter())
            .filter(|c| c.withdrawn.is_none())
            .collect();
        let named: HashSet<i64> = open.iter().map(|c| c.enterprise_id).collect();
        let codes = if named.is_empty() {
            HashMap::new()
        } else {
            (targets.iter())
                .filter(|(e, _)| named.contains(&e.id))
                .map(|(e, _)| (e.id, e.credit_code.clone()))
                .collect()
        };
        Ok(OpenConflicts { open, codes })
    }

    /// Those between the snapshot's inspectors (snapshot ids by record id) and candidates, in
    /// order.
    fn between(
        self,
        ids: &HashMap<i64, String>,
        candidates: &[draw::Candidate],
    ) -> Vec<ConflictPair> {
        if self.open.is_empty() {
            return Vec::new();
        }
        let codes = &self.codes;
        let wanted: HashSet<&str> = codes.values().map(String::as_str).collect();
        let in_snapshot: HashSet<&str> = (candidates.iter())
            .map(|c| c.code.as_str())
            .filter(|c| wanted.contains(c))
            .collect();
        let conflicts: BTreeSet<ConflictPair> = (self.open.iter())
            .filter_map(|c| {
                let inspector = ids.get(&c.inspector_id)?.clone();
                let code = codes.get(&c.enterprise_id)?;
                in_snapshot.contains(code.as_str()).then(|| ConflictPair {
                    inspector,
                    code: code.clone(),
                })
            })
            .collect();
        conflicts.into_iter().collect()
    }
}
