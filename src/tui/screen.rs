//! The contract every screen and every modal keeps (the gitui/Elm shape).
//!
//! A [`Screen`] is a tab's content; a [`Modal`] (form, wizard, detail, prompt, confirmation,
//! picker, help) sits on a stack above it. Both say which keys they offer *in their current
//! state and for the user's roles* as [`Keys`] — bindings that work now, and bindings that are
//! refused with the reason — and both answer an action with [`Cmd`]s that the router
//! (`app/`) carries out: open or close a modal, say something, reload, write to the outbox.
//! The hint bar and the help popup are built from the same [`Keys`], so a key shown is a key
//! that works, and a key refused says why.

use super::app::Session;
use super::keymap::{Action, Binding};
use crate::domain::quarter::Quarter;
use crate::domain::user::Role;
use crate::service::hub::Hub;
use crate::service::{Actor, Change, Files, Service, ServiceError};
use crate::strings::Lang;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use std::sync::Arc;

/// What a handler may use: the service (which checks every permission again), who is using
/// the session, the hub, the current quarter.
pub struct Ctx<'a> {
    pub svc: &'a mut Service,
    pub s: &'a Session,
    pub hub: &'a Arc<Hub>,
    pub quarter: Quarter,
}

impl Ctx<'_> {
    pub fn actor(&self) -> &Actor {
        &self.s.actor
    }

    pub fn lang(&self) -> Lang {
        self.s.lang
    }

    pub fn has(&self, r: Role) -> bool {
        self.s.actor.has(r)
    }

    /// Whether the user has any of `roles`.
    pub fn any(&self, roles: &[Role]) -> bool {
        roles.iter().any(|r| self.s.actor.has(*r))
    }
}

/// What drawing may use.
pub struct Paint<'a> {
    pub s: &'a Session,
    pub hub: &'a Hub,
    pub quarter: Quarter,
}

impl Paint<'_> {
    pub fn theme(&self) -> Theme {
        self.s.theme
    }

    pub fn lang(&self) -> Lang {
        self.s.lang
    }
}

/// Says, from the names of the files written to the outbox, what was written.
pub type Said = Box<dyn Fn(&[String], Lang) -> String>;

/// A side effect, carried out by the router in order.
pub enum Cmd {
    Say(String),
    Fail(ServiceError),
    /// Open a modal above everything.
    Push(Box<dyn Modal>),
    /// Close the top modal.
    Pop,
    /// Close every modal.
    PopAll,
    /// This session just changed data: its own change notice needs no "updated" message.
    Saved,
    /// Read the current screen's data again.
    Reload,
    /// What is shown changed under the user: say so (unless this session just saved).
    Updated,
    /// A message to whatever is on top now (after a `Pop`: what the modal was opened over).
    Send(Msg),
    /// Write files to the user's outbox and say what was written.
    Outbox(Files, Said),
    /// Open help for what is on top.
    Help,
    /// Show a tab (if the user has it).
    Show(super::app::Tab),
    NextTab,
    PrevTab,
    Redraw,
    Quit,
    /// The user's own preferences changed (saved by the service): the session takes the
    /// language and the border style at once.
    Prefs {
        lang: Lang,
        ascii: bool,
    },
    /// An offered key whose action nothing handled: a bug (the key walk test fails on it).
    Ignored(Action),
}

/// What a handler answers.
pub type Flow = Vec<Cmd>;

/// A typed message from a modal to the one below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Msg {
    /// A choice in a picker.
    Picked {
        purpose: Pick,
        choice: usize,
        option: String,
    },
    /// A line typed into a prompt.
    Typed { purpose: Ask, text: String },
    /// A form saved a record (its id, when known).
    Saved(Option<i64>),
    /// A result form saved with F2: open the next one to enter after this assignment.
    SavedNext(Option<i64>),
}

/// What a picker chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    Sort,
    FilterColumn,
    FilterValue(usize),
    /// A file of the inbox to attach to this result as evidence.
    Attach(i64),
    /// An evidence file of the detail shown to copy to the outbox.
    EvidenceOut,
    /// An evidence file of the detail shown to withdraw (a reason follows).
    EvidenceWithdraw,
    /// A new penalty (0) or the one to correct, on an enterprise's detail.
    Penalty,
    /// A new complaint (0) or the one to correct, on an enterprise's detail.
    Complaint,
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    /// The reason for deactivating a record.
    Deactivate(i64),
    /// Why a result goes back to the inspectors.
    ReturnComment { result: i64, revision: i64 },
    /// Why an evidence file is withdrawn.
    WithdrawEvidence(i64),
}

/// The key sets offered now: those that work, and those refused with the reason.
#[derive(Default)]
pub struct Keys {
    offers: Vec<(&'static [Binding], Option<String>)>,
}

/// What a key means among [`Keys`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Act(Action),
    Refused(String),
    Nothing,
}

impl Keys {
    pub fn new() -> Keys {
        Keys::default()
    }

    /// Bindings that work now.
    pub fn on(mut self, set: &'static [Binding]) -> Keys {
        self.offers.push((set, None));
        self
    }

    /// Bindings that are refused now, and why.
    pub fn off(mut self, set: &'static [Binding], why: String) -> Keys {
        self.offers.push((set, Some(why)));
        self
    }

    /// `set` works when `ok`, else it is refused with `why`.
    pub fn when(self, ok: bool, set: &'static [Binding], why: impl FnOnce() -> String) -> Keys {
        if ok {
            self.on(set)
        } else {
            self.off(set, why())
        }
    }

    /// `set` works when `ok` and is not offered otherwise.
    pub fn only(self, ok: bool, set: &'static [Binding]) -> Keys {
        if ok { self.on(set) } else { self }
    }

    /// The sets that work now, most specific first (the hint bar and help show these).
    pub fn live(&self) -> Vec<&'static [Binding]> {
        self.offers
            .iter()
            .filter(|(_, why)| why.is_none())
            .map(|(s, _)| *s)
            .collect()
    }

    /// What `k` does now: the first live binding, else the first refusal.
    pub fn find(&self, k: &KeyEvent) -> Found {
        let hit = |s: &&'static [Binding]| {
            s.iter()
                .find(|b| b.keys.iter().any(|key| key.matches(k)))
                .map(|b| b.action)
        };
        if let Some(a) = self.live().iter().find_map(hit) {
            return Found::Act(a);
        }
        self.offers
            .iter()
            .filter_map(|(s, why)| Some((hit(s)?, why.as_ref()?)))
            .map(|(_, why)| Found::Refused(why.clone()))
            .next()
            .unwrap_or(Found::Nothing)
    }
}

/// How a change made elsewhere touches a screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Touch {
    /// Not at all.
    No,
    /// Reloaded without a word (the home screen, the audit trail).
    Quiet,
    /// Reloaded, and the user is told the data changed.
    Loud,
}

/// A tab's content.
pub trait Screen {
    /// Reads what is shown if it is stale (when shown, and after a change).
    fn load(&mut self, cx: &mut Ctx) -> Flow;
    /// The keys offered in the current state.
    fn keys(&self, cx: &Ctx) -> Keys;
    /// Does what an offered key asks.
    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow;
    /// Whether a text field has focus: keys no binding takes go to [`Screen::text`], and
    /// digits and `q` are typed, not tab switches or quit.
    fn typing(&self) -> bool {
        false
    }
    /// A key typed into the text field with focus.
    fn text(&mut self, _k: &KeyEvent, _cx: &mut Ctx) -> Flow {
        Vec::new()
    }
    fn paste(&mut self, _s: &str) {}
    /// A message from a modal opened over this screen.
    fn receive(&mut self, _m: Msg, _cx: &mut Ctx) -> Flow {
        Vec::new()
    }
    /// A change made anywhere: forget what it makes stale; say whether it touches what is
    /// shown (the router then loads it).
    fn changed(&mut self, c: Change) -> Touch;
    /// Called once when the session starts.
    fn start(&mut self, _cx: &mut Ctx) -> Flow {
        Vec::new()
    }
    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint);
    /// A digest of what is shown, where the screen can tell: a reload after a change that
    /// leaves it the same then says nothing. `None`: every touching change is announced.
    fn fingerprint(&self) -> Option<u64> {
        None
    }
    /// The id of the row under the cursor, if the screen shows a list.
    fn selected(&self) -> Option<i64> {
        None
    }
    /// The listing shown, if the screen shows one (for tests and exports).
    fn listing(&self) -> Option<Arc<crate::service::hub::Listing>> {
        None
    }
}

/// Something on the stack above the screen.
pub trait Modal {
    /// The keys offered in the current state.
    fn keys(&self, cx: &Ctx) -> Keys;
    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow;
    /// A key none of the offered bindings took (text for a field); `None` when not used.
    fn text(&mut self, _k: &KeyEvent, _cx: &mut Ctx) -> Option<Flow> {
        None
    }
    fn paste(&mut self, _s: &str) {}
    fn receive(&mut self, _m: Msg, _cx: &mut Ctx) -> Flow {
        Vec::new()
    }
    /// A change made anywhere (a detail shows the record again).
    fn changed(&mut self, _c: Change, _cx: &mut Ctx) -> Flow {
        Vec::new()
    }
    /// Whether closing would lose typed input.
    fn unsaved(&self) -> bool {
        false
    }
    /// Whether it stays when the tab changes (a first-login password change).
    fn sticky(&self) -> bool {
        false
    }
    /// Whether the global keys (quit, help, tabs) are offered over it.
    fn global(&self) -> bool {
        false
    }
    /// Draws it: `body` is the screen's area, `full` the whole terminal.
    fn render(&mut self, f: &mut Frame, full: Rect, body: Rect, p: &Paint);
}

/// One command.
pub fn one(c: Cmd) -> Flow {
    vec![c]
}

/// Why a key is refused to someone without `role` (the service's own words for it).
pub fn needs(role: Role, lang: Lang) -> String {
    ServiceError::Forbidden(role).say(None, lang)
}

/// The commands for a service call's outcome: `ok` on success, the error said otherwise.
pub fn done<T>(r: Result<T, ServiceError>, ok: impl FnOnce(T) -> Flow) -> Flow {
    match r {
        Ok(v) => ok(v),
        Err(e) => one(Cmd::Fail(e)),
    }
}
