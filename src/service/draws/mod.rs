//! Draws (issue 4): quarterly plans, preparing a draw (freezing the snapshot and committing to a
//! server secret), witness entropy, the public value, the reveal and the certificate. The pure
//! engine lives in `domain::draw`; this module feeds it from the registry and stores the result.

use super::{Actor, Change, READERS, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::ceremony::Status;
use crate::domain::draw::{
    self, Ceremony, Certificate, ConflictPair, DrawError, EntropyEntry, H256, Hashes, Params,
    PublicValue, Quota, Signoff, Snapshot, commitment, hashes,
};
pub use crate::domain::figures::PlanLine;
use crate::domain::figures::{DrawnTarget, Facts, plan_line};
use crate::domain::inspection::{DEFAULT_REPEAT_WINDOW_DAYS, recent_visit};
use crate::domain::inspector::Expertise;
use crate::domain::missing::Missing;
use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use crate::domain::user::Role;
use crate::service::classify::Classified;
use crate::store::{Db, DrawHead, DrawRow, EntropyRow, NewDraw, StoreError};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::{BTreeSet, HashMap, HashSet};

pub use crate::domain::ceremony::MIN_ENTROPY_CHARS;

const REVEALED: &str = "revealed";

pub use crate::domain::draw::DrawProblem;

impl From<DrawProblem> for ServiceError {
    fn from(p: DrawProblem) -> ServiceError {
        ServiceError::Draw(p)
    }
}

/// What to prepare.
#[derive(Debug, Clone)]
pub struct DrawRequest {
    pub quarter: Quarter,
    pub items: Vec<String>,
    /// `None`: the plan's remaining numbers per group.
    pub quota: Option<Quota>,
    pub team_size: u32,
    pub auxiliaries: u32,
    pub workload_cap: u32,
    pub public_source: Option<String>,
    /// Witnesses needed at reveal when there is no public value.
    pub min_witnesses: u32,
    /// For a quarter that has ended: a leader's override with the reason.
    pub late: Option<LateOverride>,
}

/// A leader's permission to prepare a draw for a quarter that has ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LateOverride {
    /// The leader's account, named by the local console; `None`: the actor is the leader.
    pub leader: Option<String>,
    pub reason: String,
}

impl DrawRequest {
    pub fn new(quarter: Quarter) -> DrawRequest {
        DrawRequest {
            quarter,
            items: Vec::new(),
            quota: None,
            team_size: draw::snapshot::DEFAULT_TEAM_SIZE,
            auxiliaries: 0,
            workload_cap: draw::snapshot::DEFAULT_WORKLOAD_CAP,
            public_source: None,
            min_witnesses: 1,
            late: None,
        }
    }
}

/// The draw rules that are settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DrawRules {
    /// N4: days within which a target inspected for one of the draw's items is not drawn
    /// again (special targets excepted); 0 turns the rule off.
    pub repeat_window_days: u32,
    /// Whether the officer who led a target's previous inspection may lead it again.
    pub previous_lead_may_lead: bool,
}

impl Default for DrawRules {
    fn default() -> Self {
        DrawRules {
            repeat_window_days: DEFAULT_REPEAT_WINDOW_DAYS,
            previous_lead_may_lead: false,
        }
    }
}

const DRAW_RULES_KEY: &str = "draw_rules";

fn draw_rules(db: Db<'_>) -> Result<DrawRules> {
    super::read_setting(db, DRAW_RULES_KEY)
}

pub use crate::domain::eligibility::RepeatExcluded;

/// What a draw's preparation noted about candidates.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
pub struct PreparationNotes {
    #[serde(default)]
    pub repeat_excluded: Vec<RepeatExcluded>,
    #[serde(default)]
    pub suspended: Vec<String>,
}

/// What preparing a draw freezes and what the feasibility check says of it: the answer of
/// the dry run ([`Service::check_draw`]), and of a prepared draw (with no refusals).
#[derive(Debug, Clone)]
pub struct DrawCheck {
    /// The draw's code (`2026Q4-1`); before it is prepared, the code it would get.
    pub label: String,
    pub quota: Quota,
    /// Per stratum of the quota: the candidates in it and the number to draw.
    pub strata: Vec<(draw::Stratum, usize, u32)>,
    pub candidates: usize,
    pub inspectors: usize,
    pub conflicts: usize,
    /// Active inspectors left out because no section (科室) is recorded for them.
    pub no_section: Vec<String>,
    /// Targets of the quarter left out because an earlier draw of it drew them.
    pub already_drawn: usize,
    /// Targets left out by the N4 repeat window.
    pub repeat_excluded: Vec<RepeatExcluded>,
    /// Candidates whose production is suspended (停产): drawn like the others, flagged so the
    /// team calls ahead.
    pub suspended: Vec<String>,
    /// What the feasibility check refuses, each with what is missing; empty: it passes.
    pub refusals: Vec<draw::Refusal>,
}

/// A prepared draw as shown to the room.
#[derive(Debug, Clone)]
pub struct PreparedDraw {
    pub id: i64,
    /// What was frozen (the code is `check.label`).
    pub check: DrawCheck,
    pub hashes: Hashes,
    pub commitment: H256,
}

/// A draw's state, for `draw show` and `draw list`.
#[derive(Debug, Clone)]
pub struct DrawSummary {
    pub id: i64,
    pub quarter: String,
    pub label: String,
    pub status: String,
    pub commitment: String,
    pub public_source: Option<String>,
    pub public_value: Option<String>,
    pub min_witnesses: i64,
    /// Witness name and SHA-256 of their text (never the text before the reveal).
    pub entropy: Vec<(String, String)>,
    pub prepared_by: String,
    pub prepared_at: String,
    pub revealed_at: Option<String>,
    pub sealed_at: Option<String>,
    pub released_at: Option<String>,
    /// A leader's acceptance note or the reason for cancelling.
    pub decision_note: Option<String>,
    pub params: Option<Params>,
    pub certificate: Option<Certificate>,
}

/// Names for the ids in a certificate.
#[derive(Debug, Clone, Default)]
pub struct DrawNames {
    /// Credit code → enterprise name.
    pub enterprises: HashMap<String, String>,
    /// Snapshot id → inspector name.
    pub inspectors: HashMap<String, String>,
}

/// SHA-256 of a witness's text, as shown.
pub fn entropy_hash(text: &str) -> String {
    draw::hash::to_hex(&Sha256::digest(text.as_bytes()))
}

/// The snapshot id of an inspector: certificate number, or `AUX-<db id>` without one.
pub(super) fn snapshot_id(id: i64, cert_no: &str) -> String {
    let c = cert_no.trim();
    if c.is_empty() {
        format!("AUX-{id}")
    } else {
        c.to_string()
    }
}

pub(super) fn corrupt(what: &str, e: impl std::fmt::Display) -> ServiceError {
    StoreError::Corrupt(format!("{what}: {e}")).into()
}

fn parse_time(s: &str) -> Result<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s).map_err(|e| corrupt("time", e))
}

/// Targets drawn in a quarter's revealed, not cancelled draws, with their group in the draw's
/// snapshot, whether the draw used the classes and whether their team was planned joint.
pub(super) fn drawn_in(db: Db<'_>, quarter: Quarter) -> Result<Vec<DrawnTarget>> {
    let mut out = Vec::new();
    for r in db.draws_of_quarter(&quarter.to_string())? {
        if r.head.status == Status::Cancelled {
            continue;
        }
        let Some(c) = r.certificate.map(|c| c.value) else {
            continue;
        };
        let groups = c.snapshot.groups();
        let classified = matches!(c.params.quota, Quota::Classified { .. });
        let joint: HashSet<&str> = c
            .outcome
            .teams
            .iter()
            .filter(|t| t.joint)
            .map(|t| t.code.as_str())
            .collect();
        for s in &c.outcome.selections {
            for t in &s.targets {
                if let Some(g) = groups.get(t.code.as_str()) {
                    out.push(DrawnTarget {
                        code: t.code.clone(),
                        group: *g,
                        classified,
                        planned_joint: joint.contains(t.code.as_str()),
                    });
                }
            }
        }
    }
    Ok(out)
}

pub(super) fn clean_line(s: &str, field: &'static str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() || t.chars().any(char::is_control) || t.chars().count() > 200 {
        return Err(DrawProblem::BadText { field }.into());
    }
    Ok(t.to_string())
}

mod announce;
mod prepare;
mod report;
mod reveal;

impl Service {
    /// A quarter's plan: per group population, required, drawn so far, random checks,
    /// non-random checks, remaining (the definitions are `domain::figures`).
    /// Computed once per change and shared by a server's sessions (`service::derived`).
    pub fn plan(&mut self, actor: &Actor, quarter: Quarter) -> Result<Vec<PlanLine>> {
        actor.require(READERS)?;
        let mark = self.mark()?;
        let derived = std::sync::Arc::clone(&self.derived);
        let plan = derived.plan(quarter, mark, || {
            let (cq, facts) = self.quarter_facts(actor, quarter)?;
            Ok(cq.quotas.iter().map(|q| plan_line(q, &facts)).collect())
        })?;
        Ok(plan.to_vec())
    }

    /// The quarter's classification and what its figures are counted from.
    pub(super) fn quarter_facts(
        &mut self,
        actor: &Actor,
        quarter: Quarter,
    ) -> Result<(super::QuarterClassification, Facts)> {
        let cq = self.classify_quarter(actor, quarter)?;
        let facts = self.facts_of(actor, &cq)?;
        Ok((cq, facts))
    }

    /// What a quarter's figures are counted from, beside its classification `cq`.
    pub(super) fn facts_of<E: Classified>(
        &mut self,
        actor: &Actor,
        cq: &super::QuarterClassification<E>,
    ) -> Result<Facts> {
        actor.require(READERS)?;
        let quarter = cq.quarter;
        let (keys, drawn, inspected, offsite, visits, people) = self.store.read(|db| {
            Ok::<_, ServiceError>((
                db.enterprise_keys()?,
                drawn_in(db, quarter)?,
                db.inspected_between(quarter.start(), quarter.end())?,
                db.offsite_of(&quarter.to_string())?,
                db.visits_since(quarter.start())?,
                db.inspectors()?,
            ))
        })?;
        // The section of each enforcement officer, by snapshot id (certificate number).
        let section: HashMap<String, String> = people
            .into_iter()
            .filter(|i| i.data.kind == crate::domain::inspector::InspectorKind::Officer)
            .map(|i| (snapshot_id(i.id, &i.data.cert_no), i.data.section))
            .collect();
        let code_of: HashMap<i64, String> = keys.into_iter().map(|(c, k)| (k.id, c)).collect();
        let codes = |ids: &mut dyn Iterator<Item = i64>| {
            ids.filter_map(|id| code_of.get(&id).cloned())
                .collect::<BTreeSet<String>>()
        };
        let sections = visits
            .into_iter()
            .filter_map(|(id, vs)| {
                let per_visit = vs
                    .iter()
                    .filter(|v| v.date <= quarter.end())
                    .map(|v| {
                        v.team
                            .iter()
                            .filter_map(|m| section.get(m).cloned())
                            .collect()
                    })
                    .collect::<Vec<BTreeSet<String>>>();
                Some((code_of.get(&id)?.clone(), per_visit))
            })
            .collect();
        let facts = Facts {
            sections,
            drawn,
            inspected: codes(&mut inspected.into_iter()),
            offsite: codes(&mut offsite.into_iter().map(|(id, _)| id)),
            groups: cq
                .items
                .iter()
                .map(|(e, c)| (e.code().to_string(), Group::of(c)))
                .collect(),
        };
        Ok(facts)
    }

    /// The draw rules that are settings.
    pub fn draw_rules(&mut self) -> Result<DrawRules> {
        self.store.read(draw_rules)
    }

    /// Changes the draw rules (administrators).
    pub fn set_draw_rules(&mut self, actor: &Actor, r: DrawRules) -> Result<()> {
        self.set_setting(actor, DRAW_RULES_KEY, &r)
    }

    /// Adds a witness's entropy to a prepared draw (administrators, witnesses, leaders);
    /// returns its SHA-256.
    pub fn add_entropy(
        &mut self,
        actor: &Actor,
        id: i64,
        witness: &str,
        text: &str,
    ) -> Result<String> {
        actor.require(&[Role::Admin, Role::Witness, Role::Leader])?;
        let witness = clean_line(witness, "witness")?;
        let chars = text.chars().count();
        if chars < MIN_ENTROPY_CHARS {
            return Err(DrawProblem::EntropyTooShort { chars }.into());
        }
        // The seed refuses control characters (docs/draw-algorithm.md §4): refuse them here.
        if text.chars().any(char::is_control) {
            return Err(DrawProblem::BadText { field: "entropy" }.into());
        }
        let at = self.stamp();
        let hash = entropy_hash(text);
        self.write(Change::Draws, |db| {
            let r = prepared_head(db, id)?;
            if db.entropy_of(id)?.iter().any(|e| e.witness == witness) {
                return Err(DrawProblem::AlreadyEntered {
                    draw: r.label.clone(),
                }
                .into());
            }
            db.insert_entropy(
                id,
                &EntropyRow {
                    witness: witness.clone(),
                    text: text.to_string(),
                    at: at.clone(),
                },
            )?;
            let after = json(&serde_json::json!({"witness": witness, "sha256": hash}));
            audit(
                db,
                &at,
                actor,
                Event::new(Action::AddEntropy, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(&after)),
            )?;
            Ok(hash.clone())
        })
    }

    /// Records the public value of the source named at preparation (administrators).
    pub fn set_public_value(&mut self, actor: &Actor, id: i64, value: &str) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let value = clean_line(value, "public_value")?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = prepared_head(db, id)?;
            if r.public_source.is_none() {
                return Err(DrawProblem::NoPublicSource {
                    draw: r.label.clone(),
                }
                .into());
            }
            if !db.set_draw_public_value(id, &value)? {
                return Err(DrawProblem::Status {
                    draw: r.label.clone(),
                    status: r.status.code().to_string(),
                }
                .into());
            }
            audit(
                db,
                &at,
                actor,
                Event::new(Action::PublicValue, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .before(r.public_value.as_deref())
                    .after(Some(&value)),
            )
        })
    }

    /// Who a draw's preparation left out (N4) and flagged as suspended, in full, as recorded
    /// in its `prepare` audit entry (readers: these are candidates, not the drawn list).
    pub fn draw_preparation_notes(&mut self, actor: &Actor, id: i64) -> Result<PreparationNotes> {
        let entries = self.history(actor, "draw", id)?;
        let Some(after) = entries
            .iter()
            .find(|a| a.action == "prepare")
            .and_then(|a| a.after.as_deref())
        else {
            return Err(ServiceError::NotFound(Missing::Record(Entity::Draw, id)));
        };
        serde_json::from_str(after).map_err(|e| corrupt("prepare", e))
    }

    /// One draw (readers). The certificate (the drawn list) only once revealed and only for
    /// administrators, leaders and witnesses; a view of a sealed list is audited.
    pub fn draw_summary(&mut self, actor: &Actor, id: i64) -> Result<DrawSummary> {
        actor.require(READERS)?;
        let with_list = actor.require(super::ROOM_ROLES).is_ok();
        let head = self
            .store
            .read(|db| db.draw_head(id))?
            .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))?;
        let certificate = if with_list {
            self.store.read(|db| db.draw_certificate(id))?
        } else {
            None
        };
        let entropy = self.store.read(|db| db.entropy_of(id))?;
        if with_list && head.status == Status::Sealed {
            self.record_view(actor, id, "summary")?;
        }
        Ok(summary(head, &entropy, certificate.map(|c| c.value)))
    }

    /// Every draw, newest first (readers), without the drawn lists.
    pub fn draw_list(&mut self, actor: &Actor) -> Result<Vec<DrawSummary>> {
        actor.require(READERS)?;
        let rows = self.store.read(|db| db.draw_heads())?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let entropy = self.store.read(|db| db.entropy_of(r.id))?;
            out.push(summary(r, &entropy, None));
        }
        Ok(out)
    }

    /// The certificate JSON of a revealed draw (administrators, leaders, witnesses; a sealed
    /// one's export is audited).
    pub fn draw_certificate(&mut self, actor: &Actor, id: i64) -> Result<String> {
        actor.require(super::ROOM_ROLES)?;
        let (r, c) = self
            .store
            .read(|db| Ok::<_, ServiceError>((db.draw_head(id)?, db.draw_certificate(id)?)))?;
        let r = r.ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))?;
        let Some(c) = c else {
            return Err(DrawProblem::Status {
                draw: r.label.clone(),
                status: r.status.code().to_string(),
            }
            .into());
        };
        if r.status == Status::Sealed {
            self.record_view(actor, id, "certificate")?;
        }
        Ok(c.text)
    }

    /// Names of the enterprises and inspectors a certificate mentions (readers).
    pub fn draw_names(&mut self, actor: &Actor) -> Result<DrawNames> {
        actor.require(READERS)?;
        self.store.read(names)
    }
}

impl Service {
    /// As [`Service::draw_names`], with only the enterprises `cert`'s outcome draws looked up
    /// (a few thousand) rather than the whole registry.
    pub fn draw_names_of(&mut self, actor: &Actor, cert: &Certificate) -> Result<DrawNames> {
        actor.require(READERS)?;
        let codes: BTreeSet<&str> = (cert.outcome.selections.iter())
            .flat_map(|s| s.targets.iter().map(|t| t.code.as_str()))
            .chain(cert.outcome.teams.iter().map(|t| t.code.as_str()))
            .collect();
        self.store.read(|db| {
            let enterprises = db.enterprise_names_of(codes)?;
            Ok(DrawNames {
                enterprises,
                inspectors: inspector_names(db)?,
            })
        })
    }
}

/// Snapshot id → name of every inspector.
fn inspector_names(db: Db<'_>) -> Result<HashMap<String, String>> {
    Ok((db.inspector_names()?.into_iter())
        .map(|(id, cert_no, name)| (snapshot_id(id, &cert_no), name))
        .collect())
}

pub(super) fn names(db: Db<'_>) -> Result<DrawNames> {
    let enterprises = db.enterprise_names()?;
    let inspectors = inspector_names(db)?;
    Ok(DrawNames {
        enterprises,
        inspectors,
    })
}

/// The draw's head, which must be `prepared`.
fn prepared_head(db: Db<'_>, id: i64) -> Result<DrawHead> {
    let r = db
        .draw_head(id)?
        .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))?;
    if r.status != Status::Prepared {
        return Err(DrawProblem::Status {
            draw: r.label.clone(),
            status: r.status.code().to_string(),
        }
        .into());
    }
    Ok(r)
}

/// The draw in full, which must be `prepared`.
fn prepared(db: Db<'_>, id: i64) -> Result<DrawRow> {
    prepared_head(db, id)?;
    db.draw(id)?
        .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))
}

fn summary(r: DrawHead, entropy: &[EntropyRow], certificate: Option<Certificate>) -> DrawSummary {
    DrawSummary {
        id: r.id,
        quarter: r.quarter,
        label: r.label,
        status: r.status.code().to_string(),
        commitment: r.commitment,
        public_source: r.public_source,
        public_value: r.public_value,
        min_witnesses: r.min_witnesses,
        entropy: entropy
            .iter()
            .map(|e| (e.witness.clone(), entropy_hash(&e.text)))
            .collect(),
        prepared_by: r.prepared_by,
        prepared_at: r.prepared_at,
        revealed_at: r.revealed_at,
        sealed_at: r.sealed_at,
        released_at: r.released_at,
        decision_note: r.decision_note,
        params: Some(r.params),
        certificate,
    }
}

/// Whether a status is the revealed one.
pub fn is_revealed(status: &str) -> bool {
    status == REVEALED
}

#[cfg(test)]
mod tests;
