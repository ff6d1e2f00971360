//! The room's shared view of a draw, built from the database: parameters, per-stratum counts,
//! hashes, who joined with their entropy and answers, the timed log, and the result with names.

use super::*;
use crate::domain::audit::Entity;
use crate::domain::missing::Missing;

pub(super) fn room_state(
    db: Db<'_>,
    id: i64,
    names: &crate::service::DrawNames,
) -> Result<RoomState> {
    let crate::store::DrawRow {
        head: r,
        snapshot,
        certificate,
        ..
    } = db
        .draw(id)?
        .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))?;
    let status = r.status;
    let params = r.params.clone();
    let hashes = crate::domain::draw::hashes(&snapshot, &params);
    let strata = params
        .quota
        .strata()
        .into_iter()
        .map(|(st, k)| {
            let pop = snapshot
                .candidates
                .iter()
                .filter(|c| st.contains(c.group))
                .count();
            (st, pop, k)
        })
        .collect();
    let entropy = db.entropy_of(id)?;
    let members = members(db, id, &entropy)?;
    let log = ceremony_log(db, id)?;
    let result = if status.has_result() {
        let c = certificate.ok_or_else(|| wrong_status(&r))?;
        Some(shown(&c.value, names))
    } else {
        None
    };
    let decision = match (&r.decided_by, &r.decided_at, &r.decision_note) {
        (Some(b), Some(a), Some(n)) => Some((b.clone(), a.clone(), n.clone())),
        _ => None,
    };
    Ok(RoomState {
        id,
        label: r.label.clone(),
        quarter: r.quarter.clone(),
        status,
        room_open: r.room_opened_at.is_some(),
        params,
        strata,
        hashes,
        commitment: r.commitment.clone(),
        min_witnesses: u32::try_from(r.min_witnesses).unwrap_or(1),
        public_source: r.public_source.clone(),
        public_value_entered: r.public_value.is_some(),
        prepared_by: r.prepared_by.clone(),
        prepared_at: r.prepared_at.clone(),
        entropy_count: entropy
            .iter()
            .map(|e| e.witness.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        members,
        log,
        result,
        revealed_at: r.revealed_at.clone(),
        sealed_at: r.sealed_at.clone(),
        released_at: r.released_at.clone(),
        decision,
        notes: db.draw_notes(id)?,
    })
}

/// Who joined the room with their entropy and answer, then the witnesses whose entropy or
/// answer was recorded without their joining (a scripted draw).
fn members(db: Db<'_>, id: i64, entropy: &[crate::store::EntropyRow]) -> Result<Vec<Member>> {
    let answers = db.draw_answers(id)?;
    let mut members: Vec<Member> = db
        .draw_members(id)?
        .into_iter()
        .map(|m| Member {
            roles: m.roles.split(',').filter_map(Role::from_code).collect(),
            entropy: entropy
                .iter()
                .find(|e| e.witness == m.login)
                .map(|e| (entropy_hash(&e.text), e.at.clone())),
            answer: answers.iter().find(|a| a.login == m.login).cloned(),
            login: m.login,
            name: m.name,
            joined_at: m.joined_at,
        })
        .collect();
    // Entropy or answers recorded for witnesses who were not in the room (a scripted draw).
    let mut others: Vec<String> = entropy.iter().map(|e| e.witness.clone()).collect();
    others.extend(answers.iter().map(|a| a.login.clone()));
    for w in others {
        if members.iter().any(|m| m.login == w) {
            continue;
        }
        members.push(Member {
            login: w.clone(),
            name: w.clone(),
            roles: [Role::Witness].into(),
            joined_at: String::new(),
            entropy: entropy
                .iter()
                .find(|e| e.witness == w)
                .map(|e| (entropy_hash(&e.text), e.at.clone())),
            answer: answers.iter().find(|a| a.login == w).cloned(),
        });
    }
    Ok(members)
}

/// The ceremony's steps from the audit trail, with the note each step carries.
fn ceremony_log(db: Db<'_>, id: i64) -> Result<Vec<Step>> {
    Ok(db
        .audit_of("draw", id)?
        .into_iter()
        .filter(|a| STEPS.contains(&a.action.as_str()))
        .map(|a| {
            let note = match a.action.as_str() {
                "decline" => a
                    .after
                    .as_deref()
                    .and_then(|j| serde_json::from_str::<serde_json::Value>(j).ok())
                    .and_then(|v| v["reason"].as_str().map(str::to_string)),
                "accept" | "cancel" | "annotate" => a.after.clone(),
                _ => None,
            };
            Step {
                at: a.at,
                actor: a.actor,
                action: a.action,
                note,
            }
        })
        .collect())
}

/// The result with names.
fn shown(c: &Certificate, names: &crate::service::DrawNames) -> Shown {
    let groups = c.snapshot.groups();
    let ent = |code: &str| names.enterprises.get(code).cloned().unwrap_or_default();
    let person = |id: &String| {
        names
            .inspectors
            .get(id)
            .map_or_else(|| id.clone(), |n| format!("{n}({id})"))
    };
    Shown {
        seed: c.seed.to_hex(),
        secret: crate::domain::draw::hash::to_hex(&c.secret.0),
        selections: c
            .outcome
            .selections
            .iter()
            .map(|s| {
                let targets = s
                    .targets
                    .iter()
                    .enumerate()
                    .map(|(i, t)| ShownTarget {
                        rank: i + 1,
                        code: t.code.clone(),
                        name: ent(&t.code),
                        group: groups.get(t.code.as_str()).copied(),
                    })
                    .collect();
                (s.stratum, s.population, targets)
            })
            .collect(),
        teams: c
            .outcome
            .teams
            .iter()
            .map(|t| ShownTeam {
                code: t.code.clone(),
                name: ent(&t.code),
                joint: t.joint,
                lead: person(&t.lead),
                officers: t.officers.iter().map(person).collect(),
                auxiliaries: t.auxiliaries.iter().map(person).collect(),
            })
            .collect(),
    }
}
