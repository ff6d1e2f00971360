//! Who uses a session and what reaches the app: the session's user, language and looks, the
//! events fed in and what the caller does after one; and what handlers share (`Env`).

use super::super::screen::{Ctx, Paint};
use super::super::theme::Theme;
use crate::domain::quarter::Quarter;
use crate::service::hub::{Hub, Notice};
use crate::service::{Actor, Service};
use crate::strings::Lang;
use ratatui::crossterm::event::KeyEvent;
use std::sync::Arc;

/// Input to the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    Key(KeyEvent),
    Paste(String),
    Notice(Notice),
    /// About once a second: clock and message expiry.
    Tick,
}

/// What the caller should do after an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Continue,
    /// Redraw everything from scratch (Ctrl-L).
    Redraw,
    Quit,
}

/// Who is using this session and how.
#[derive(Debug, Clone)]
pub struct Session {
    pub actor: Actor,
    pub lang: Lang,
    pub theme: Theme,
    pub must_change_password: bool,
}

/// What handlers share: the session, the service, the hub.
pub(super) struct Env {
    pub(super) s: Session,
    pub(super) svc: Service,
    pub(super) hub: Arc<Hub>,
    pub(super) quarter: Quarter,
}

impl Env {
    pub(super) fn cx(&mut self) -> Ctx<'_> {
        Ctx {
            svc: &mut self.svc,
            s: &self.s,
            hub: &self.hub,
            quarter: self.quarter,
        }
    }

    pub(super) fn paint(&self) -> Paint<'_> {
        Paint {
            s: &self.s,
            hub: &self.hub,
            quarter: self.quarter,
        }
    }
}
