//! The draws tab as a screen. Its keys follow the room's state and the user's roles: a
//! witness adds entropy only before the reveal and answers only after it, an administrator
//! reveals a prepared draw and releases a sealed one; a key that cannot work now is left out
//! of the hint bar and, pressed, says why.

use super::{Draws, Prompt, Reply, Room};
use crate::domain::ceremony::Status;
use crate::domain::user::Role;
use crate::service::Change;
use crate::service::RoomState;
use crate::strings::{Lang, prepare as ps, refusal as no, room as rs, ui};
use crate::tui::keymap::{self, Action, Binding};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Paint, Screen, Touch, needs, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// Why a key of the room is refused: for want of a role, or in the state the draw is in.
struct Gate(Lang);

impl Gate {
    fn role(&self, ok: bool, r: Role) -> Option<String> {
        (!ok).then(|| needs(r, self.0))
    }

    fn state(&self, ok: bool, why: fn(Lang) -> &'static str) -> Option<String> {
        (!ok).then(|| why(self.0).to_string())
    }
}

/// A key set and why it is refused now (`None`: it works).
type Offer = (&'static [Binding], Option<String>);

/// The keys of a room with no prompt open, by its state and the user's roles.
fn room_keys(r: &Room, cx: &Ctx) -> Keys {
    let Some(st) = &r.state else {
        return Keys::new().on(keymap::SCROLL).on(keymap::ROOM);
    };
    let g = Gate(cx.lang());
    let keys = Keys::new().on(keymap::SCROLL).on(keymap::ROOM);
    let offers = ceremony_keys(st, cx, &g)
        .into_iter()
        .chain(office_keys(st, cx, &g));
    offers.fold(keys, |keys, (set, why)| match why {
        None => keys.on(set),
        Some(why) => keys.off(set, why),
    })
}

/// The ceremony's steps: entropy, answers, reveal, release, announcement, a leader's accept.
fn ceremony_keys(st: &RoomState, cx: &Ctx, g: &Gate) -> [Offer; 6] {
    let status = st.status;
    let (admin, leader, witness) = (
        cx.has(Role::Admin),
        cx.has(Role::Leader),
        cx.has(Role::Witness),
    );
    let released = st.released_at.is_some();
    [
        (
            keymap::ROOM_ENTROPY,
            (g.role(witness, Role::Witness))
                .or_else(|| g.state(status == Status::Prepared, no::entropy_closed)),
        ),
        (
            keymap::ROOM_ANSWER,
            (g.role(witness, Role::Witness))
                .or_else(|| g.state(status == Status::Revealed, no::answer_closed)),
        ),
        (
            keymap::ROOM_REVEAL,
            (g.role(admin, Role::Admin))
                .or_else(|| g.state(status == Status::Prepared, no::already_revealed)),
        ),
        (
            keymap::ROOM_RELEASE,
            (g.role(admin, Role::Admin))
                .or_else(|| g.state(status == Status::Sealed, no::release_not_sealed))
                .or_else(|| g.state(!released, no::already_released)),
        ),
        (
            keymap::ROOM_ANNOUNCE,
            (g.role(admin, Role::Admin))
                .or_else(|| g.state(status == Status::Prepared, no::announce_closed)),
        ),
        (
            keymap::ROOM_ACCEPT,
            (g.role(leader, Role::Leader))
                .or_else(|| g.state(status == Status::Disputed, no::accept_not_disputed)),
        ),
    ]
}

/// Around the ceremony: cancel, notes, the public value, the record.
fn office_keys(st: &RoomState, cx: &Ctx, g: &Gate) -> [Offer; 4] {
    let status = st.status;
    let (admin, leader) = (cx.has(Role::Admin), cx.has(Role::Leader));
    let notes = matches!(
        status,
        Status::Prepared | Status::Sealed | Status::Cancelled
    );
    [
        (
            keymap::ROOM_CANCEL,
            (g.role(admin || leader, Role::Admin))
                .or_else(|| g.state(status.is_live(), no::cancel_closed))
                .or_else(|| {
                    let ok = leader || status == Status::Prepared;
                    g.state(ok, no::cancel_after_reveal)
                }),
        ),
        (
            keymap::ROOM_ANNOTATE,
            (g.role(admin || leader, Role::Admin)).or_else(|| g.state(notes, no::annotate_open)),
        ),
        (
            keymap::ROOM_PUBLIC,
            (g.role(admin, Role::Admin))
                .or_else(|| g.state(status == Status::Prepared, ps::public_value_closed))
                .or_else(|| g.state(st.public_source.is_some(), ps::no_public_source)),
        ),
        (keymap::ROOM_RECORD, g.role(admin || leader, Role::Admin)),
    ]
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
