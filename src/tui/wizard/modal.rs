//! The import wizard on the modal stack, over the registry tab it was opened on.

use super::{Reply, Wizard};
use crate::tui::keymap::Action;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, one};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Clear;

impl Modal for Wizard {
    fn keys(&self, _: &Ctx) -> Keys {
        self.bindings().into_iter().fold(Keys::new(), Keys::on)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        match Wizard::act(self, a, cx.svc, &cx.s.actor, lang) {
            Reply::Nothing => Vec::new(),
            Reply::Close => one(Cmd::Pop),
            // The change notice of this session's own import needs no "changed" message.
            Reply::Imported(m) => vec![Cmd::Saved, Cmd::Reload, Cmd::Say(m)],
            Reply::Say(m) => one(Cmd::Say(m)),
            Reply::Error(e) => one(Cmd::Fail(e)),
            Reply::Ignored => one(Cmd::Ignored(a)),
        }
    }

    fn render(&mut self, f: &mut Frame, _: Rect, body: Rect, p: &Paint) {
        f.render_widget(Clear, body);
        let login = p.s.actor.name.clone();
        Wizard::render(self, f, body, p.theme(), p.lang(), &login);
    }
}
