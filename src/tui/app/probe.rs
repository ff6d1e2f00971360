//! What tests and the SSH layer may ask an app about its state.

use super::{App, Tab};
use crate::service::hub::Listing;
use crate::tui::keymap::{Action, Binding};
use std::sync::Arc;

impl App {
    /// The listing of a tab as currently shown (for tests).
    pub fn listing(&self, tab: Tab) -> Option<Arc<Listing>> {
        let (_, s) = self.tabs.iter().find(|(t, _)| *t == tab)?;
        s.listing()
    }

    /// The key sets that work now (for tests).
    pub fn live_keys(&mut self) -> Vec<&'static [Binding]> {
        self.keys().live()
    }

    /// How many tabs the user has, and how many modals are open (for tests).
    pub fn tab_count(&self) -> usize {
        self.tabs.len()
    }

    pub fn depth(&self) -> usize {
        self.modals.len()
    }

    /// The id of the row under the cursor on the tab shown.
    pub fn selected_row(&self) -> Option<i64> {
        self.tabs[self.tab].1.selected()
    }

    /// The message shown in the status line, if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_ref().map(|(m, _)| m.as_str())
    }

    /// The language the session speaks now (a user may switch it).
    pub fn language(&self) -> crate::strings::Lang {
        self.lang()
    }

    /// Offered keys whose action nothing handled since the last call (for the key walk test).
    pub fn take_ignored(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.ignored)
    }
}
