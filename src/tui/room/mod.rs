//! The draws tab: the list of draws and the live draw room (issue 5) that several sessions
//! share. The room's view is built once per change by the hub and shared; this module keeps
//! each session's own part — scroll position, an open prompt, its presence in the room — and
//! turns keys into service calls (which check permissions and states again).

use super::input::TextInput;
use super::keymap::Action;
use crate::domain::ceremony::Status;
use crate::domain::user::Role;
use crate::service::hub::{Hub, Presence};
use crate::service::{
    Actor, Decision, DrawSummary, MIN_ENTROPY_CHARS, ROOM_ROLES, RoomState, Service, ServiceError,
};
use crate::strings::{Lang, room as rs};
use std::sync::Arc;

mod screen;
#[cfg(test)]
mod tests;
mod view;

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Entropy,
    Decline,
    Accept,
    Cancel,
    Annotate,
    PublicValue,
}

impl Ask {
    fn code(self) -> &'static str {
        match self {
            Ask::Entropy => "entropy",
            Ask::Decline => "decline",
            Ask::Accept => "accept",
            Ask::Cancel => "cancel",
            Ask::Annotate => "annotate",
            Ask::PublicValue => "public_value",
        }
    }
}

/// An open prompt in the room.
pub enum Prompt {
    Text {
        ask: Ask,
        input: TextInput,
    },
    /// A yes/no question before an irreversible step.
    Sure(Action),
    /// Cancel the draw with this reason? (yes/no)
    SureCancel(String),
}

/// One open room in this session.
pub struct Room {
    pub id: i64,
    state: Option<Arc<RoomState>>,
    scroll: u16,
    pub prompt: Option<Prompt>,
    /// Whether this session's view of the sealed list has been audited.
    viewed: bool,
    _presence: Presence,
}

/// The draws tab of one session.
#[derive(Default)]
pub struct Draws {
    list: Vec<DrawSummary>,
    cursor: usize,
    pub room: Option<Room>,
    loaded: bool,
}

/// What the app should do after a key.
pub enum Reply {
    Nothing,
    Say(String),
    Error(ServiceError),
    /// Files for the user's outbox (the draw record).
    Files(crate::service::Files),
    /// An action the room does not know (a bug the key walk test catches).
    Ignored,
}

impl Draws {
    /// Forgets the list, so that it is read again when shown.
    pub fn stale(&mut self) {
        self.loaded = false;
        if let Some(r) = &mut self.room {
            r.state = None;
        }
    }

    /// Reads what is shown, if it is stale.
    pub fn fill(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        hub: &Hub,
    ) -> Result<(), ServiceError> {
        // The list is read only when shown (leaving a room reads it again).
        if !self.loaded && self.room.is_none() {
            self.list = svc.draw_list(actor)?;
            self.cursor = self.cursor.min(self.list.len().saturating_sub(1));
            self.loaded = true;
        }
        if let Some(r) = &mut self.room
            && r.state.is_none()
        {
            actor.require(ROOM_ROLES)?;
            let id = r.id;
            let st = hub.room(id, || svc.room(actor, id))?;
            if st.status == Status::Sealed && !r.viewed {
                svc.record_view(actor, id, "room")?;
                r.viewed = true;
            }
            r.state = Some(st);
        }
        Ok(())
    }

    /// Enters a room: administrators open it, others join. Also used to land back in a room
    /// after a reconnect.
    pub fn enter(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        hub: &Arc<Hub>,
        id: i64,
    ) -> Result<(), ServiceError> {
        let prepared = svc.draw_status(actor, id)? == Status::Prepared;
        if actor.has(Role::Admin) && prepared {
            svc.open_room(actor, id)?;
        } else {
            svc.join_room(actor, id).or_else(|e| match e {
                // A finished draw's room can still be looked at.
                ServiceError::Draw(crate::service::DrawProblem::Status { .. }) => Ok(()),
                e => Err(e),
            })?;
        }
        let since = svc.now().format("%H:%M:%S").to_string();
        self.room = Some(Room {
            id,
            state: None,
            scroll: 0,
            prompt: None,
            viewed: false,
            _presence: hub.enter_room(id, &actor.name, &since),
        });
        self.fill(svc, actor, hub)
    }

    /// Whether a prompt is open: keys go to it (digits are typed, not tab switches).
    pub fn prompting(&self) -> bool {
        self.room.as_ref().is_some_and(|r| r.prompt.is_some())
    }

    /// Feeds a key to an open text prompt; true when it took it.
    pub fn prompt_key(&mut self, k: &ratatui::crossterm::event::KeyEvent) -> bool {
        match self.room.as_mut().and_then(|r| r.prompt.as_mut()) {
            Some(Prompt::Text { input, .. }) => input.key(k),
            _ => false,
        }
    }

    /// Pasted text goes to an open prompt (first line only).
    pub fn paste(&mut self, text: &str) {
        if let Some(Prompt::Text { input, .. }) = self.room.as_mut().and_then(|r| r.prompt.as_mut())
        {
            input.insert_str(text.lines().next().unwrap_or(""));
        }
    }

    /// Does `a`: in the list, in the room, or as the answer to an open prompt.
    pub fn handle(
        &mut self,
        a: Action,
        svc: &mut Service,
        actor: &Actor,
        hub: &Arc<Hub>,
        lang: Lang,
    ) -> Reply {
        let Some(room) = &mut self.room else {
            return self.list_act(a, svc, actor, hub);
        };
        match room.prompt.take() {
            Some(p) => room.answer(p, a, svc, actor, lang),
            None if a == Action::Back => {
                self.room = None;
                self.loaded = false;
                Reply::Nothing
            }
            None => room.act(a, svc, actor, lang),
        }
    }

    fn list_act(&mut self, a: Action, svc: &mut Service, actor: &Actor, hub: &Arc<Hub>) -> Reply {
        match a {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(self.list.len().saturating_sub(1)),
            Action::Open => {
                let Some(id) = self.list.get(self.cursor).map(|d| d.id) else {
                    return Reply::Nothing;
                };
                if let Err(e) = self.enter(svc, actor, hub, id) {
                    self.room = None;
                    return Reply::Error(e);
                }
            }
            _ => return Reply::Ignored,
        }
        Reply::Nothing
    }
}

impl Room {
    /// A key in the room with no prompt open.
    fn act(&mut self, a: Action, svc: &mut Service, actor: &Actor, lang: Lang) -> Reply {
        let text = |ask| {
            Some(Prompt::Text {
                ask,
                input: TextInput::default(),
            })
        };
        let files = |r: Result<crate::service::Files, ServiceError>| match r {
            Ok(files) => Reply::Files(files),
            Err(e) => Reply::Error(e),
        };
        match a {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => self.scroll = self.scroll.saturating_add(1),
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => self.scroll = self.scroll.saturating_add(10),
            Action::Entropy => self.prompt = text(Ask::Entropy),
            Action::Decline => self.prompt = text(Ask::Decline),
            Action::Accept => self.prompt = text(Ask::Accept),
            Action::CancelDraw => self.prompt = text(Ask::Cancel),
            Action::Annotate => self.prompt = text(Ask::Annotate),
            Action::PublicValue => self.prompt = text(Ask::PublicValue),
            Action::Reveal | Action::Confirm | Action::Release => {
                self.prompt = Some(Prompt::Sure(a))
            }
            Action::Announce => return files(svc.draw_announcement(actor, self.id, None, lang)),
            Action::Record => return files(svc.draw_record(actor, self.id, lang)),
            _ => return Reply::Ignored,
        }
        Reply::Nothing
    }

    /// The answer to an open prompt: submitted, confirmed, or closed.
    fn answer(
        &mut self,
        p: Prompt,
        a: Action,
        svc: &mut Service,
        actor: &Actor,
        lang: Lang,
    ) -> Reply {
        let id = self.id;
        let r = match (p, a) {
            (Prompt::Text { ask, input }, Action::Save) => {
                let text = input.value();
                if ask == Ask::Entropy && text.chars().count() < MIN_ENTROPY_CHARS {
                    self.prompt = Some(Prompt::Text { ask, input });
                    return Reply::Say(rs::entropy_short(MIN_ENTROPY_CHARS, lang));
                }
                if ask == Ask::Cancel {
                    // Cancelling cannot be undone: asked once more, with the reason.
                    self.prompt = Some(Prompt::SureCancel(text));
                    return Reply::Nothing;
                }
                submit(ask, &text, id, svc, actor, lang)
            }
            (Prompt::SureCancel(reason), Action::Yes) => {
                submit(Ask::Cancel, &reason, id, svc, actor, lang)
            }
            (Prompt::Text { .. }, Action::Back)
            | (Prompt::Sure(_) | Prompt::SureCancel(_), Action::No) => {
                return Reply::Nothing;
            }
            (Prompt::Sure(what), Action::Yes) => match what {
                Action::Reveal => svc
                    .reveal_draw(actor, id)
                    .map(|_| rs::revealed(lang).into()),
                Action::Confirm => {
                    (svc.confirm_draw(actor, id, None)).map(|()| rs::confirmed(lang).into())
                }
                Action::Release => svc
                    .release_draw(actor, id)
                    .map(|()| rs::released(lang).into()),
                _ => return Reply::Ignored,
            },
            (p, _) => {
                self.prompt = Some(p);
                return Reply::Ignored;
            }
        };
        match r {
            Ok(m) => Reply::Say(m),
            Err(e) => Reply::Error(e),
        }
    }
}

/// Sends what a text prompt asked for; the message to show.
fn submit(
    ask: Ask,
    text: &str,
    id: i64,
    svc: &mut Service,
    actor: &Actor,
    lang: Lang,
) -> Result<String, ServiceError> {
    match ask {
        Ask::Entropy => {
            (svc.add_entropy(actor, id, &actor.name, text)).map(|h| rs::entropy_done(&h, lang))
        }
        Ask::Decline => {
            (svc.decline_draw(actor, id, text, None)).map(|()| rs::declined(lang).into())
        }
        Ask::Accept => {
            let note = text.to_string();
            (svc.decide_draw(actor, id, &Decision::Accept { note }))
                .map(|()| rs::accepted(lang).into())
        }
        Ask::Cancel => (svc.cancel_draw(actor, id, text)).map(|()| rs::cancelled(lang).into()),
        Ask::Annotate => (svc.annotate_draw(actor, id, text)).map(|()| rs::annotated(lang).into()),
        Ask::PublicValue => (svc.set_public_value(actor, id, text))
            .map(|()| crate::strings::prepare::public_value_done(lang).into()),
    }
}
