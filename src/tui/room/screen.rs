//! The draws tab as a screen. Its keys follow the room's state and the user's roles: a
//! witness adds entropy only before the reveal and answers only after it, an administrator
//! reveals a prepared draw and releases a sealed one; a key that cannot work now is left out
//! of the hint bar and, pressed, says why.

use super::{Draws, Prompt, Reply, Room};
use crate::domain::ceremony::Status;
use crate::domain::user::Role;
use crate::service::Change;
use crate::strings::{Lang, prepare as ps, refusal as no, room as rs, ui};
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Paint, Screen, Touch, needs, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// The keys of a room with no prompt open, by its state and the user's roles.
fn room_keys(r: &Room, cx: &Ctx) -> Keys {
    let lang = cx.lang();
    let Some(st) = &r.state else {
        return Keys::new().on(keymap::SCROLL).on(keymap::ROOM);
    };
    let status = st.status;
    let (admin, leader) = (cx.has(Role::Admin), cx.has(Role::Leader));
    let role = |ok: bool, r: Role| move || if ok { None } else { Some(needs(r, lang)) };
    let state = |ok: bool, why: fn(Lang) -> &'static str| {
        move || {
            if ok {
                None
            } else {
                Some(why(lang).to_string())
            }
        }
    };
    let released = st.released_at.is_some();
    let offers: [(&'static [_], Option<String>); 10] = [
        (
            keymap::ROOM_ENTROPY,
            role(cx.has(Role::Witness), Role::Witness)()
                .or_else(state(status == Status::Prepared, no::entropy_closed)),
        ),
        (
            keymap::ROOM_ANSWER,
            role(cx.has(Role::Witness), Role::Witness)()
                .or_else(state(status == Status::Revealed, no::answer_closed)),
        ),
        (
            keymap::ROOM_REVEAL,
            role(admin, Role::Admin)()
                .or_else(state(status == Status::Prepared, no::already_revealed)),
        ),
        (
            keymap::ROOM_RELEASE,
            role(admin, Role::Admin)()
                .or_else(state(status == Status::Sealed, no::release_not_sealed))
                .or_else(state(!released, no::already_released)),
        ),
        (
            keymap::ROOM_ANNOUNCE,
            role(admin, Role::Admin)()
                .or_else(state(status == Status::Prepared, no::announce_closed)),
        ),
        (
            keymap::ROOM_ACCEPT,
            role(leader, Role::Leader)()
                .or_else(state(status == Status::Disputed, no::accept_not_disputed)),
        ),
        (
            keymap::ROOM_CANCEL,
            role(admin || leader, Role::Admin)()
                .or_else(state(status.is_live(), no::cancel_closed))
                .or_else(state(
                    leader || status == Status::Prepared,
                    no::cancel_after_reveal,
                )),
        ),
        (
            keymap::ROOM_ANNOTATE,
            role(admin || leader, Role::Admin)().or_else(state(
                matches!(
                    status,
                    Status::Prepared | Status::Sealed | Status::Cancelled
                ),
                no::annotate_open,
            )),
        ),
        (
            keymap::ROOM_PUBLIC,
            role(admin, Role::Admin)()
                .or_else(state(status == Status::Prepared, ps::public_value_closed))
                .or_else(state(st.public_source.is_some(), ps::no_public_source)),
        ),
        (keymap::ROOM_RECORD, role(admin || leader, Role::Admin)()),
    ];
    let keys = Keys::new().on(keymap::SCROLL).on(keymap::ROOM);
    offers.into_iter().fold(keys, |keys, (set, why)| match why {
        None => keys.on(set),
        Some(why) => keys.off(set, why),
    })
}

impl Screen for Draws {
    fn load(&mut self, cx: &mut Ctx) -> Flow {
        match self.fill(cx.svc, &cx.s.actor, cx.hub) {
            Ok(()) => Vec::new(),
            Err(e) => {
                self.room = None;
                one(Cmd::Fail(e))
            }
        }
    }

    fn keys(&self, cx: &Ctx) -> Keys {
        match &self.room {
            None => {
                let admin = cx.has(Role::Admin);
                (Keys::new().on(keymap::DRAWS))
                    .when(admin, keymap::DRAWS_NEW, || needs(Role::Admin, cx.lang()))
            }
            Some(r) => match &r.prompt {
                Some(Prompt::Text { .. }) => Keys::new().on(keymap::PROMPT),
                Some(Prompt::Sure(_) | Prompt::SureCancel(_)) => Keys::new().on(keymap::CONFIRM),
                None => room_keys(r, cx),
            },
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        if a == Action::New && self.room.is_none() {
            return crate::tui::prepare::Prepare::open(cx);
        }
        let reply = self.handle(a, cx.svc, &cx.s.actor, cx.hub, lang);
        let mut flow = match reply {
            Reply::Nothing => Vec::new(),
            Reply::Files(files) => one(Cmd::Outbox(files, Box::new(rs::record_written))),
            Reply::Say(m) => vec![Cmd::Saved, Cmd::Say(m)],
            Reply::Error(e) => one(Cmd::Fail(e)),
            Reply::Ignored => one(Cmd::Ignored(a)),
        };
        flow.push(Cmd::Reload);
        flow
    }

    fn typing(&self) -> bool {
        self.prompting()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Flow {
        self.prompt_key(k);
        Vec::new()
    }

    fn paste(&mut self, s: &str) {
        Draws::paste(self, s);
    }

    fn changed(&mut self, c: Change) -> Touch {
        match c {
            Change::Draws | Change::Enterprises | Change::Inspectors => {
                self.stale();
                Touch::Quiet
            }
            _ => Touch::No,
        }
    }

    /// Lands a witness, leader or administrator back in the live room they were in.
    fn start(&mut self, cx: &mut Ctx) -> Flow {
        let Ok(Some(id)) = cx.svc.room_to_rejoin(&cx.s.actor) else {
            return Vec::new();
        };
        match self.enter(cx.svc, &cx.s.actor, cx.hub, id) {
            Ok(()) => vec![
                Cmd::Show(crate::tui::app::Tab::Draws),
                Cmd::Say(ui::rejoined(cx.lang()).to_string()),
            ],
            Err(e) => vec![Cmd::Show(crate::tui::app::Tab::Draws), Cmd::Fail(e)],
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint) {
        self.draw(f, area, p.theme(), p.lang(), p.hub);
    }
}
