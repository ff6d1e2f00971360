//! A form on the modal stack: its keys in its current state (a picker open, a discard to
//! confirm), help with F1 (and `?` where it is not typed into a field), and what a save means
//! for the screen below: reload it, select the saved record, or open the next one to enter.

use super::{Form, FormOutcome};
use crate::strings::ui;
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Msg, Paint};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

impl Modal for Form {
    fn keys(&self, _: &Ctx) -> Keys {
        let mut keys = Keys::new();
        for set in self.bindings() {
            keys = keys.on(set);
        }
        if self.confirm_discard {
            return keys;
        }
        keys.on(keymap::FORM_HELP)
            .only(!self.typing(), keymap::HELP_KEY)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let assignment = self.result_assignment();
        match Form::act(self, a, cx.svc, &cx.s.actor, lang) {
            FormOutcome::Stay => Vec::new(),
            FormOutcome::Close => vec![Cmd::Pop],
            // A result is selected by its assignment (the worklist's rows).
            FormOutcome::Saved(id) => vec![
                Cmd::Pop,
                Cmd::Saved,
                Cmd::Reload,
                Cmd::Send(Msg::Saved(assignment.or(id))),
                Cmd::Say(ui::saved(lang).to_string()),
            ],
            FormOutcome::SavedNext(_) => vec![
                Cmd::Pop,
                Cmd::Saved,
                Cmd::Reload,
                Cmd::Send(Msg::SavedNext(assignment)),
            ],
            FormOutcome::Ignored => vec![Cmd::Ignored(a)],
        }
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        Form::text(self, k).then(Vec::new)
    }

    fn paste(&mut self, s: &str) {
        Form::paste(self, s);
    }

    fn unsaved(&self) -> bool {
        self.changed()
    }

    fn render(&mut self, f: &mut Frame, _: Rect, body: Rect, p: &Paint) {
        f.render_widget(Clear, body);
        Form::render(self, f, body, p.theme(), p.lang());
    }
}
