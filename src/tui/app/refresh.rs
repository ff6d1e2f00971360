//! Changes made elsewhere: every screen forgets what a change makes stale, the one shown and
//! the modals over it read again, and the user is told when what they see changed under them.

use super::App;
use crate::service::Change;
use crate::tui::screen::{Cmd, Touch};
use std::time::Duration;

impl App {
    /// A change committed anywhere: every screen forgets what it makes stale; the one shown
    /// reloads, and says so unless this session made it a moment ago.
    pub(super) fn refresh(&mut self, c: Change) {
        let mut touch = Touch::No;
        for (i, (_, screen)) in self.tabs.iter_mut().enumerate() {
            let t = screen.changed(c);
            if i == self.tab {
                touch = t;
            }
        }
        if touch == Touch::No {
            return;
        }
        let before = self.tabs[self.tab].1.fingerprint();
        let mut flow = vec![Cmd::Reload];
        let mut cx = self.env.cx();
        for m in &mut self.modals {
            flow.extend(m.changed(c, &mut cx));
        }
        self.run(flow);
        let after = self.tabs[self.tab].1.fingerprint();
        if touch == Touch::Loud && (before.is_none() || before != after) {
            self.run(vec![Cmd::Updated]);
        }
    }

    /// Whether this session saved a moment ago (its own change notice needs no message).
    pub(super) fn own_change(&self) -> bool {
        self.saved_at
            .is_some_and(|t| t.elapsed() < Duration::from_secs(2))
    }
}
