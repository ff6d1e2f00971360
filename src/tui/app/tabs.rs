//! The registry of tabs: each tab's id, the roles that see it and the screen that fills it. A
//! new tab is one screen module plus one line here (and its label in `strings::ui::tab`).

use crate::domain::quarter::Quarter;
use crate::domain::user::Role;
use crate::service::hub::Source;
use crate::service::{Actor, READERS};
use crate::tui::screen::Screen;
use crate::tui::{home, registry, reports, room, worklist};

/// The tabs, in display order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Tab {
    Home,
    Enterprises,
    Inspectors,
    Items,
    Draws,
    Results,
    Reports,
    Audit,
    Users,
}

/// Who sees a tab: everyone, or the holders of any of these roles.
type Seen = Option<&'static [Role]>;

const DRAW_ROLES: &[Role] = &[Role::Admin, Role::Leader, Role::Witness];
const REPORT_ROLES: &[Role] = &[Role::Admin, Role::Leader, Role::Auditor];
const ADMIN: &[Role] = &[Role::Admin];

/// Makes a tab's screen for the current quarter.
type Make = fn(Quarter) -> Box<dyn Screen>;

/// Every tab: id, who sees it, its screen.
const TABS: [(Tab, Seen, Make); 9] = [
    (Tab::Home, None, |_| Box::new(home::HomeScreen::default())),
    (Tab::Enterprises, Some(READERS), |_| {
        Box::new(registry::Registry::new(Source::Enterprises))
    }),
    (Tab::Inspectors, Some(READERS), |_| {
        Box::new(registry::Registry::new(Source::Inspectors))
    }),
    (Tab::Items, None, |_| {
        Box::new(registry::Registry::new(Source::Items))
    }),
    (Tab::Draws, Some(DRAW_ROLES), |_| {
        Box::new(room::Draws::default())
    }),
    (Tab::Results, None, |_| {
        Box::new(worklist::Worklist::default())
    }),
    (Tab::Reports, Some(REPORT_ROLES), |q| {
        Box::new(reports::Reports::new(q))
    }),
    (Tab::Audit, Some(REPORT_ROLES), |_| {
        Box::new(registry::Registry::new(Source::Audit))
    }),
    (Tab::Users, Some(ADMIN), |_| {
        Box::new(registry::Registry::new(Source::Users))
    }),
];

impl Tab {
    /// Its place among all tabs (labels are looked up by it).
    pub fn index(self) -> usize {
        TABS.iter().position(|(t, _, _)| *t == self).unwrap_or(0)
    }

    /// The tab numbered `n + 1`.
    pub fn at(n: usize) -> Option<Tab> {
        TABS.get(n).map(|(t, _, _)| *t)
    }
}

/// The screens of the tabs `actor` sees.
pub(super) fn screens(actor: &Actor, quarter: Quarter) -> Vec<(Tab, Box<dyn Screen>)> {
    TABS.iter()
        .filter(|(_, seen, _)| seen.is_none_or(|roles| roles.iter().any(|r| actor.has(*r))))
        .map(|(t, _, make)| (*t, make(quarter)))
        .collect()
}
