//! The live draw room (issue 5): opening it, joining, the witnesses' confirmations or
//! declines, a leader's decision, sealing, cancelling, releasing assignments to inspectors,
//! annotations, and the room's shared view. Every step is a database write in one
//! transaction (so a restart loses nothing) and an audit entry (the room's timed log).
//! Secrecy (N5, S10): results are shown to administrators, leaders and witnesses only; every
//! view of a sealed list is audited; inspectors see their own released assignments.

use super::draws::{DrawProblem, corrupt, entropy_hash};
use super::{Actor, Change, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::ceremony::{self, Answer, Status};
use crate::domain::draw::{Certificate, Hashes, Params, Signoff, Stratum};
use crate::domain::missing::Missing;
use crate::domain::quota::Group;
use crate::domain::user::Role;
use crate::exchange::record::{RecordInput, RecordLogLine, RecordPerson, record_html, record_xlsx};
use crate::store::{AnswerRow, Db, DrawHead, MemberRow, NoteRow};
use crate::strings::{Lang, room as room_strings};
use std::collections::BTreeSet;

/// The setting with the bureau's name, printed above the draw record's title.
pub const BUREAU_KEY: &str = "bureau_name";

mod view;
use view::room_state;

/// Who may be in a room and see results.
pub const ROOM_ROLES: &[Role] = &[Role::Admin, Role::Leader, Role::Witness];

/// Audit actions that are steps of the ceremony (the room's log).
const STEPS: &[&str] = &[
    Action::Prepare.name(),
    Action::OpenRoom.name(),
    Action::Join.name(),
    Action::AddEntropy.name(),
    Action::PublicValue.name(),
    Action::Reveal.name(),
    Action::Confirm.name(),
    Action::Decline.name(),
    Action::Accept.name(),
    Action::Cancel.name(),
    Action::Seal.name(),
    Action::Release.name(),
    Action::Annotate.name(),
];

/// A leader's decision on a disputed draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Seal the result despite the decline, with a note.
    Accept { note: String },
    /// Cancel the draw, with a reason; its targets count as not drawn.
    Cancel { reason: String },
}

/// Someone who joined the room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub login: String,
    pub name: String,
    pub roles: BTreeSet<Role>,
    pub joined_at: String,
    /// SHA-256 of their entropy and when it was entered (never the text).
    pub entropy: Option<(String, String)>,
    pub answer: Option<AnswerRow>,
}

/// One step of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub at: String,
    pub actor: String,
    pub action: String,
    /// The reason or note of a decline, decision, cancellation or annotation.
    pub note: Option<String>,
}

/// A drawn target as shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShownTarget {
    pub rank: usize,
    pub code: String,
    pub name: String,
    pub group: Option<Group>,
}

pub use crate::domain::ceremony::ShownTeam;

/// The result of a draw as the room shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub seed: String,
    pub secret: String,
    pub selections: Vec<(Stratum, u64, Vec<ShownTarget>)>,
    pub teams: Vec<ShownTeam>,
}

/// Everything the room shows, built once per change and shared by every session in it.
#[derive(Debug, Clone)]
pub struct RoomState {
    pub id: i64,
    pub label: String,
    pub quarter: String,
    pub status: Status,
    pub room_open: bool,
    pub params: Params,
    /// Per stratum: population in the snapshot, number to draw.
    pub strata: Vec<(Stratum, usize, u32)>,
    pub hashes: Hashes,
    pub commitment: String,
    pub min_witnesses: u32,
    pub public_source: Option<String>,
    pub public_value_entered: bool,
    pub prepared_by: String,
    pub prepared_at: String,
    pub members: Vec<Member>,
    /// Witnesses (by login or name) whose entropy is in.
    pub entropy_count: usize,
    pub log: Vec<Step>,
    pub result: Option<Shown>,
    pub revealed_at: Option<String>,
    pub sealed_at: Option<String>,
    pub released_at: Option<String>,
    /// A leader's decision or a cancellation: by, at, note.
    pub decision: Option<(String, String, String)>,
    pub notes: Vec<NoteRow>,
}

fn draw_head(db: Db<'_>, id: i64) -> Result<DrawHead> {
    db.draw_head(id)?
        .ok_or_else(|| ServiceError::NotFound(Missing::Record(Entity::Draw, id)))
}

fn wrong_status(r: &DrawHead) -> ServiceError {
    DrawProblem::Status {
        draw: r.label.clone(),
        status: r.status.code().to_string(),
    }
    .into()
}

/// A reason or note: one line of 1–200 characters.
fn reason_text(s: &str) -> Result<String> {
    let t = s.trim();
    if t.is_empty() || t.chars().any(char::is_control) || t.chars().count() > 200 {
        return Err(DrawProblem::ReasonRequired.into());
    }
    Ok(t.to_string())
}

/// The certificate of a draw that has a result.
fn certificate(db: Db<'_>, r: &DrawHead) -> Result<Certificate> {
    db.draw_certificate(r.id)?
        .map(|c| c.value)
        .ok_or_else(|| wrong_status(r))
}

/// The witnesses whose entropy is in (by the name recorded with it).
fn entropy_witnesses(db: Db<'_>, id: i64) -> Result<BTreeSet<String>> {
    Ok(db.entropy_of(id)?.into_iter().map(|e| e.witness).collect())
}

fn answers(rows: &[AnswerRow]) -> Vec<(String, Answer)> {
    rows.iter()
        .map(|a| {
            let ans = if a.confirmed {
                Answer::Confirmed
            } else {
                Answer::Declined {
                    reason: a.reason.clone(),
                }
            };
            (a.login.clone(), ans)
        })
        .collect()
}

impl Service {
    /// The login a witness answer or entropy is recorded under: the actor's own for a person
    /// with a role in the room; a named witness only for the local console (a scripted draw on
    /// the server itself).
    fn witness_login(&self, actor: &Actor, on_behalf: Option<&str>) -> Result<String> {
        match on_behalf {
            Some(w) if actor.user_id.is_none() && actor.has(Role::Admin) => {
                super::draws::clean_line(w, "witness")
            }
            Some(_) => Err(ServiceError::Forbidden(Role::Witness)),
            None => {
                actor.require(&[Role::Witness])?;
                Ok(actor.name.clone())
            }
        }
    }

    /// Opens the room of a prepared draw (administrators). Opening twice is harmless.
    pub fn open_room(&mut self, actor: &Actor, id: i64) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if r.status != Status::Prepared {
                return Err(wrong_status(&r));
            }
            if db.open_draw_room(id, &at)? {
                audit(
                    db,
                    &at,
                    actor,
                    Event::new(Action::OpenRoom, Entity::Draw)
                        .id(id)
                        .summary(&r.label),
                )?;
            }
            join(db, &at, actor, &r)
        })
    }

    /// Joins the room (administrators, leaders, witnesses): allowed while the ceremony goes
    /// on and the room is open. Joining again is harmless (a reconnect).
    pub fn join_room(&mut self, actor: &Actor, id: i64) -> Result<()> {
        actor.require(ROOM_ROLES)?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if !r.status.is_live() {
                return Err(wrong_status(&r));
            }
            if r.room_opened_at.is_none() {
                return Err(DrawProblem::RoomClosed {
                    draw: r.label.clone(),
                }
                .into());
            }
            join(db, &at, actor, &r)
        })
    }

    /// Where a draw stands (readers).
    pub fn draw_status(&mut self, actor: &Actor, id: i64) -> Result<Status> {
        actor.require(super::READERS)?;
        self.store.read(|db| Ok(draw_head(db, id)?.status))
    }

    /// The live draw whose room this user joined most recently, to land back in after a
    /// reconnect.
    pub fn room_to_rejoin(&mut self, actor: &Actor) -> Result<Option<i64>> {
        if actor.require(ROOM_ROLES).is_err() {
            return Ok(None);
        }
        let name = actor.name.clone();
        Ok(self
            .store
            .read(|db| db.live_draws_of(&name))?
            .into_iter()
            .next())
    }

    /// A witness confirms the revealed result (现场监督人员确认). When every witness who added
    /// entropy has confirmed and nobody declined, the draw is sealed.
    pub fn confirm_draw(&mut self, actor: &Actor, id: i64, on_behalf: Option<&str>) -> Result<()> {
        let login = self.witness_login(actor, on_behalf)?;
        self.answer(actor, id, login, None)
    }

    /// A witness declines to confirm, with a reason: the draw is disputed until a leader
    /// decides.
    pub fn decline_draw(
        &mut self,
        actor: &Actor,
        id: i64,
        reason: &str,
        on_behalf: Option<&str>,
    ) -> Result<()> {
        let login = self.witness_login(actor, on_behalf)?;
        let reason = reason_text(reason)?;
        self.answer(actor, id, login, Some(reason))
    }

    fn answer(
        &mut self,
        actor: &Actor,
        id: i64,
        login: String,
        declined: Option<String>,
    ) -> Result<()> {
        let at = self.stamp();
        let now = self.now();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if r.status != Status::Revealed {
                return Err(wrong_status(&r));
            }
            let row = AnswerRow {
                login: login.clone(),
                confirmed: declined.is_none(),
                reason: declined.clone().unwrap_or_default(),
                at: at.clone(),
            };
            if !db.insert_draw_answer(id, &row)? {
                return Err(DrawProblem::AlreadyAnswered {
                    draw: r.label.clone(),
                }
                .into());
            }
            let (action, after) = match &declined {
                None => (
                    Action::Confirm,
                    json(&serde_json::json!({"witness": login})),
                ),
                Some(reason) => (
                    Action::Decline,
                    json(&serde_json::json!({"witness": login, "reason": reason})),
                ),
            };
            audit(
                db,
                &at,
                actor,
                Event::new(action, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(&after)),
            )?;
            let mut cert = certificate(db, &r)?;
            if declined.is_none() {
                cert.confirmed.push(Signoff {
                    by: login.clone(),
                    at: now,
                });
                if !db.set_draw_certificate(id, &cert.to_json())? {
                    return Err(wrong_status(&r));
                }
            }
            if declined.is_some() {
                if !db.move_draw(id, Status::Revealed, Status::Disputed, &at)? {
                    return Err(wrong_status(&r));
                }
            } else if ceremony::sealed_by(
                &entropy_witnesses(db, id)?,
                &answers(&db.draw_answers(id)?),
            ) {
                seal(db, &at, actor, &r, Status::Revealed)?;
            }
            Ok(())
        })
    }

    /// A leader decides a disputed draw: accept (sealed, with a note) or cancel (with a reason).
    pub fn decide_draw(&mut self, actor: &Actor, id: i64, d: &Decision) -> Result<()> {
        actor.require(&[Role::Leader])?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            match d {
                Decision::Accept { note } => {
                    let note = reason_text(note)?;
                    if r.status != Status::Disputed {
                        return Err(wrong_status(&r));
                    }
                    db.set_draw_decision(id, &actor.name, &at, &note)?;
                    audit(
                        db,
                        &at,
                        actor,
                        Event::new(Action::Accept, Entity::Draw)
                            .id(id)
                            .summary(&r.label)
                            .after(Some(&note)),
                    )?;
                    seal(db, &at, actor, &r, Status::Disputed)
                }
                Decision::Cancel { reason } => cancel(db, &at, actor, &r, reason),
            }
        })
    }

    /// Cancels a draw with a reason: administrators before the reveal (e.g. after a crash),
    /// leaders at any time before sealing.
    pub fn cancel_draw(&mut self, actor: &Actor, id: i64, reason: &str) -> Result<()> {
        actor.require(&[Role::Admin, Role::Leader])?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if r.status != Status::Prepared && !actor.has(Role::Leader) {
                return Err(ServiceError::Forbidden(Role::Leader));
            }
            cancel(db, &at, actor, &r, reason)
        })
    }

    /// Releases a sealed draw's assignments to the inspectors named in it (administrators).
    pub fn release_draw(&mut self, actor: &Actor, id: i64) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if !db.release_draw(id, &at)? {
                return Err(wrong_status(&r));
            }
            super::results::release_assignments(db, id, &r.quarter, &at, &certificate(db, &r)?)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Release, Entity::Draw)
                    .id(id)
                    .summary(&r.label),
            )
        })
    }

    /// Adds a note to a draw (administrators, leaders): a preparation note before the reveal,
    /// or a note on a sealed or cancelled draw, where nothing else about it can change. Notes
    /// are not hashed; during the answers after the reveal none is taken.
    pub fn annotate_draw(&mut self, actor: &Actor, id: i64, note: &str) -> Result<()> {
        actor.require(&[Role::Admin, Role::Leader])?;
        let note = reason_text(note)?;
        let at = self.stamp();
        self.write(Change::Draws, |db| {
            let r = draw_head(db, id)?;
            if !matches!(
                r.status,
                Status::Prepared | Status::Sealed | Status::Cancelled
            ) {
                return Err(wrong_status(&r));
            }
            db.insert_draw_note(
                id,
                &NoteRow {
                    by: actor.name.clone(),
                    at: at.clone(),
                    note: note.clone(),
                },
            )?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::Annotate, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(&note)),
            )
        })
    }

    /// Writes a view of a sealed draw's list to the audit trail (the caller shows it). Not
    /// announced as a draw change, so watching sessions do not rebuild the room for it.
    pub fn record_view(&mut self, actor: &Actor, id: i64, what: &str) -> Result<()> {
        actor.require(ROOM_ROLES)?;
        let at = self.stamp();
        self.write(Change::Audit, |db| {
            let r = draw_head(db, id)?;
            audit(
                db,
                &at,
                actor,
                Event::new(Action::View, Entity::Draw)
                    .id(id)
                    .summary(&r.label)
                    .after(Some(what)),
            )
        })
    }

    /// The draw record (抽取记录) for printing and signatures: `抽取记录-<label>.html` and
    /// `.xlsx`, with the certificate's verification page `<label>-verify.html` the record links
    /// to (administrators, leaders; once the result is shown). Audited as a view.
    pub fn draw_record(&mut self, actor: &Actor, id: i64, lang: Lang) -> Result<super::Files> {
        actor.require(&[Role::Admin, Role::Leader])?;
        let st = self.room(actor, id)?;
        let cert = self.store.read(|db| certificate(db, &draw_head(db, id)?))?;
        let names = self.store.read(super::draws::names)?;
        let items = self.items_in_force(self.today())?;
        let bureau = self.bureau_name()?;
        let item_names: Vec<(String, String)> = st
            .params
            .items
            .iter()
            .map(|c| {
                let n = items
                    .iter()
                    .find(|v| &v.data.code == c)
                    .map(|v| v.data.name.clone())
                    .unwrap_or_default();
                (c.clone(), n)
            })
            .collect();
        let time = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
        let people = record_people(&st, cert.revealed_at, lang);
        let log = record_log(&st, lang);
        let late = self
            .store
            .read(|db| db.late_reason(id))?
            .map(|r| room_strings::late_note(&r, lang));
        let note = [st.decision.as_ref().map(|d| d.2.clone()), late]
            .into_iter()
            .flatten()
            .reduce(|a, b| format!("{a}\n{b}"));
        let input = RecordInput {
            certificate: &cert,
            label: &st.label,
            quarter: &st.quarter,
            bureau: &bureau,
            enterprise_names: &names.enterprises,
            inspector_names: &names.inspectors,
            item_names: &item_names,
            people: &people,
            log: &log,
            sealed_at: st.sealed_at.as_deref().and_then(time),
            status_note: note.as_deref(),
        };
        let html = record_html(&input, lang);
        let xlsx = record_xlsx(&input, lang)?;
        if st.status == Status::Sealed {
            self.record_view(actor, id, "record")?;
        }
        let base = format!("{}-{}", room_strings::record_file(lang), st.label);
        let page = crate::exchange::verify_page::page(&cert.to_json(), None)
            .map_err(|e| corrupt("certificate", e))?;
        Ok(vec![
            (format!("{base}.html"), html.into_bytes()),
            (format!("{base}.xlsx"), xlsx),
            (
                crate::exchange::verify_page::file_name(&st.label),
                page.into_bytes(),
            ),
        ])
    }

    /// The bureau's name printed on records (a setting, empty until set).
    pub fn bureau_name(&mut self) -> Result<String> {
        self.store
            .read(|db| super::read_setting::<String>(db, BUREAU_KEY))
    }

    /// Sets the bureau's name (administrators).
    pub fn set_bureau_name(&mut self, actor: &Actor, name: &str) -> Result<()> {
        let name = super::draws::clean_line(name, "bureau_name")?;
        self.set_setting(actor, BUREAU_KEY, &name)
    }

    /// The room's view of a draw (administrators, leaders, witnesses).
    pub fn room(&mut self, actor: &Actor, id: i64) -> Result<RoomState> {
        actor.require(ROOM_ROLES)?;
        let names = self.draw_names(actor)?;
        self.store.read(|db| room_state(db, id, &names))
    }
}

/// Everyone in the room as the record lists them: roles, when they joined (else when their
/// entropy came, else the reveal), their entropy's hash and their answer.
fn record_people(
    st: &RoomState,
    fallback: chrono::DateTime<chrono::FixedOffset>,
    lang: Lang,
) -> Vec<RecordPerson> {
    let time = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    st.members
        .iter()
        .map(|m| RecordPerson {
            name: m.name.clone(),
            login: m.login.clone(),
            role: m
                .roles
                .iter()
                .map(|r| lang.t(r.zh(), r.en()))
                .collect::<Vec<_>>()
                .join("、"),
            joined_at: time(&m.joined_at)
                .or_else(|| m.entropy.as_ref().and_then(|e| time(&e.1)))
                .unwrap_or(fallback),
            entropy_sha256: m.entropy.as_ref().map(|e| e.0.clone()),
            confirmed_at: m.answer.as_ref().and_then(|a| time(&a.at)),
            declined: m
                .answer
                .as_ref()
                .filter(|a| !a.confirmed)
                .map(|a| a.reason.clone()),
        })
        .collect()
}

/// The ceremony's steps as the record prints them.
fn record_log(st: &RoomState, lang: Lang) -> Vec<RecordLogLine> {
    let time = |s: &str| chrono::DateTime::parse_from_rfc3339(s).ok();
    st.log
        .iter()
        .filter_map(|s| {
            let mut text = format!("{} {}", s.actor, room_strings::step(&s.action, lang));
            if let Some(n) = &s.note {
                text.push_str(&format!("{}{n}", crate::strings::colon(lang)));
            }
            Some(RecordLogLine {
                at: time(&s.at)?,
                text,
            })
        })
        .collect()
}

/// Records `actor` as a member of the room (audited the first time).
fn join(db: Db<'_>, at: &str, actor: &Actor, r: &DrawHead) -> Result<()> {
    let roles: Vec<&str> = actor.roles.iter().map(|r| r.code()).collect();
    let m = MemberRow {
        login: actor.name.clone(),
        name: db
            .user_by_name(&actor.name)?
            .map(|u| u.display_name)
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| actor.name.clone()),
        roles: roles.join(","),
        joined_at: at.to_string(),
    };
    if db.add_draw_member(r.id, &m)? {
        audit(
            db,
            at,
            actor,
            Event::new(Action::Join, Entity::Draw)
                .id(r.id)
                .summary(&r.label),
        )?;
    }
    Ok(())
}

fn seal(db: Db<'_>, at: &str, actor: &Actor, r: &DrawHead, from: Status) -> Result<()> {
    if !db.move_draw(r.id, from, Status::Sealed, at)? {
        return Err(wrong_status(r));
    }
    audit(
        db,
        at,
        actor,
        Event::new(Action::Seal, Entity::Draw)
            .id(r.id)
            .summary(&r.label),
    )
}

fn cancel(db: Db<'_>, at: &str, actor: &Actor, r: &DrawHead, reason: &str) -> Result<()> {
    let reason = reason_text(reason)?;
    let from = r.status;
    if !from.is_live() || !db.move_draw(r.id, from, Status::Cancelled, at)? {
        return Err(wrong_status(r));
    }
    db.set_draw_decision(r.id, &actor.name, at, &reason)?;
    audit(
        db,
        at,
        actor,
        Event::new(Action::Cancel, Entity::Draw)
            .id(r.id)
            .summary(&r.label)
            .after(Some(&reason)),
    )
}

#[cfg(test)]
mod tests;
