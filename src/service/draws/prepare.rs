//! Preparing a draw: the candidates (not drawn this quarter, outside the N4 window, with their
//! previous lead), the eligible inspectors and conflicts frozen into a snapshot, checked, and
//! committed to with a fresh secret.

use super::*;
use crate::domain::audit::{Action, Entity, Event};

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

    /// Prepares a draw (administrators): freezes the snapshot, checks it, commits to a fresh
    /// secret. Nothing is stored when the check refuses.
    pub fn prepare_draw(&mut self, actor: &Actor, req: &DrawRequest) -> Result<PreparedDraw> {
        actor.require(&[Role::Admin])?;
        let public_source = req
            .public_source
            .as_deref()
            .map(|s| clean_line(s, "public_source"))
            .transpose()?;
        let today = self.today();
        let late = self.late_override(actor, req, today)?;
        let in_force: HashMap<String, BTreeSet<Expertise>> = self
            .items_in_force(today)?
            .into_iter()
            .map(|v| (v.data.code, v.data.expertise))
            .collect();
        let mut items = Vec::new();
        let mut item_expertise = BTreeSet::new();
        for code in &req.items {
            let c = code.trim().to_string();
            let Some(e) = in_force.get(&c) else {
                return Err(DrawProblem::UnknownItem { code: c }.into());
            };
            item_expertise.extend(e.iter().copied());
            items.push(c);
        }
        let item_set: BTreeSet<String> = items.iter().cloned().collect();
        // One classification serves the plan's remaining counts and the snapshot.
        let (cq, facts) = self.quarter_facts(actor, req.quarter)?;
        let quota = match req.quota {
            Some(q) => q,
            None => {
                let plan: Vec<PlanLine> = cq.quotas.iter().map(|q| plan_line(q, &facts)).collect();
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
        };
        let ratios = cq.ratios;
        let secret = self.secret();
        let commit = commitment(&secret);
        let at = self.stamp();
        let by = actor.name.clone();
        let quarter = req.quarter;
        let min_witnesses = req.min_witnesses;
        self.write(Change::Draws, |db| {
            let rules = draw_rules(db)?;
            let drawn: HashSet<String> =
                drawn_in(db, quarter)?.into_iter().map(|d| d.code).collect();
            let window_start = today
                .checked_sub_days(chrono::Days::new(u64::from(rules.repeat_window_days)))
                .unwrap_or(chrono::NaiveDate::MIN);
            let visits = db.visits_since(window_start)?;
            let leads = db.latest_leads()?;
            let mut repeat_excluded = Vec::new();
            let mut suspended = Vec::new();
            let mut candidates: Vec<draw::Candidate> = Vec::new();
            for (e, c) in cq
                .items
                .iter()
                .filter(|(e, _)| !drawn.contains(e.data.credit_code.as_str()))
            {
                let group = Group::of(c);
                let code = e.data.credit_code.to_string();
                let recent = visits.get(&e.id).and_then(|v| {
                    recent_visit(v, group, &item_set, today, rules.repeat_window_days)
                });
                if let Some(visit) = recent {
                    repeat_excluded.push(RepeatExcluded {
                        code,
                        name: e.data.name.clone(),
                        visit,
                    });
                    continue;
                }
                if e.data.status == OperatingStatus::Suspended && group != Group::PositiveList {
                    suspended.push(format!("{}({code})", e.data.name));
                }
                candidates.push(draw::Candidate {
                    code,
                    group,
                    pollutants: e.data.pollutants.clone(),
                    previous_lead: leads.get(&e.id).cloned(),
                });
            }
            // The team rules need everyone's section. An auxiliary inspector belongs to no
            // section of the bureau: their unit stands for it. Officers without a section are
            // left out (and named, so the administrator can complete the registry).
            let section = |i: &crate::domain::inspector::Inspector| -> String {
                match (i.data.section.trim(), i.data.kind) {
                    ("", crate::domain::inspector::InspectorKind::Auxiliary) => {
                        i.data.unit.trim().to_string()
                    }
                    (s, _) => s.to_string(),
                }
            };
            let (people, unplaced): (Vec<_>, Vec<_>) = db
                .inspectors()?
                .into_iter()
                .filter(|i| i.data.active)
                .partition(|i| !section(i).is_empty());
            let no_section: Vec<String> = unplaced
                .iter()
                .map(|i| format!("{}({})", i.data.name, snapshot_id(i.id, &i.data.cert_no)))
                .collect();
            let ids: HashMap<i64, String> = people
                .iter()
                .map(|i| (i.id, snapshot_id(i.id, &i.data.cert_no)))
                .collect();
            let inspectors: Vec<draw::Inspector> = people
                .iter()
                .map(|i| draw::Inspector {
                    id: ids.get(&i.id).cloned().unwrap_or_default(),
                    kind: i.data.kind,
                    section: section(i),
                    expertise: i.data.expertise.clone(),
                })
                .collect();
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
            let snapshot = Snapshot {
                candidates,
                inspectors,
                conflicts: conflicts.into_iter().collect(),
            };
            let n = db.draws_of_quarter(&quarter.to_string())?.len() + 1;
            let label = format!("{quarter}-{n}");
            let mut params = Params::new(label.clone(), quota);
            params.team_size = req.team_size;
            params.auxiliaries = req.auxiliaries;
            params.workload_cap = req.workload_cap;
            params.joint_bp = ratios.internal_joint;
            params.items = items;
            params.item_expertise = item_expertise;
            params.previous_lead_may_lead = rules.previous_lead_may_lead;
            draw::check(&snapshot, &params)
                .map_err(|refusals| DrawProblem::Refused { refusals })?;
            let h = hashes(&snapshot, &params);
            let row = DrawRow {
                id: 0,
                quarter: quarter.to_string(),
                label: label.clone(),
                status: PREPARED.into(),
                snapshot: json(&snapshot),
                params: json(&params),
                secret: secret.to_vec(),
                commitment: commit.to_hex(),
                public_source: public_source.clone(),
                public_value: None,
                min_witnesses: i64::from(min_witnesses),
                prepared_by: by,
                prepared_at: at.clone(),
                revealed_at: None,
                certificate: None,
                room_opened_at: None,
                sealed_at: None,
                released_at: None,
                decided_by: None,
                decided_at: None,
                decision_note: None,
            };
            let id = db.insert_draw(&row)?;
            let after = json(&serde_json::json!({
                "label": label,
                "params": params,
                "hashes": h,
                "commitment": commit,
                "public_source": public_source,
                "repeat_excluded": repeat_excluded,
                "suspended": suspended,
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
            if let Some((leader, reason)) = &late {
                db.set_late_reason(id, reason)?;
                audit(
                    db,
                    &at,
                    leader,
                    Event::new(Action::OverrideEndedQuarter, Entity::Draw)
                        .id(id)
                        .summary(&label)
                        .after(Some(reason)),
                )?;
            }
            Ok(PreparedDraw {
                id,
                label,
                quota,
                candidates: snapshot.candidates.len(),
                inspectors: snapshot.inspectors.len(),
                conflicts: snapshot.conflicts.len(),
                no_section,
                repeat_excluded,
                suspended,
                hashes: h,
                commitment: commit,
            })
        })
    }
}
