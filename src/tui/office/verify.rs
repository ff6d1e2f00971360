//! The audit tab's chain check (`v`): the same check as `shuangsui audit verify`, through the
//! service (administrators and auditors). An intact chain shows `OK` with the last id and hash;
//! a broken one every row that breaks it, in a scrollable popup.

use crate::domain::user::Role;
use crate::strings::{audit as a, office as o};
use crate::tui::keymap::{self, Action};
use crate::tui::modal::popup_area;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, done};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// Who may run the check (as the service: administrators and auditors).
pub const ROLES: &[Role] = &[Role::Admin, Role::Auditor];

/// The check's outcome in a popup.
pub struct ChainCheck {
    ok: bool,
    lines: Vec<String>,
    scroll: u16,
}

impl ChainCheck {
    /// Whether the chain was intact.
    pub fn ok(&self) -> bool {
        self.ok
    }

    /// The lines shown.
    pub fn lines(&self) -> &[String] {
        &self.lines
    }
}

/// Runs the check and opens its popup; says the outcome on the status line too.
pub fn run(cx: &mut Ctx) -> Flow {
    let lang = cx.lang();
    let report = cx.svc.verify_audit(&cx.s.actor, None);
    done(report, |r| {
        let ok = r.is_ok();
        let lines = if ok {
            let mut l = a::chain_ok(&r, None, lang);
            l.truncate(1);
            l.push(o::verify_note(lang).to_string());
            l
        } else {
            let mut l = vec![a::chain_broken(r.problems.len(), lang)];
            l.extend(r.problems.iter().map(|p| a::problem(p, lang)));
            l
        };
        let said = o::verify_said(ok, r.problems.len(), lang);
        let popup = ChainCheck {
            ok,
            lines,
            scroll: 0,
        };
        vec![Cmd::Push(Box::new(popup)), Cmd::Say(said)]
    })
}

impl Modal for ChainCheck {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::SCROLL).on(keymap::CLOSE)
    }

    fn act(&mut self, a: Action, _: &mut Ctx) -> Flow {
        match a {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => {
                let last = self.lines.len().saturating_sub(1) as u16;
                self.scroll = (self.scroll + 1).min(last);
            }
            Action::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Action::PageDown => {
                let last = self.lines.len().saturating_sub(1) as u16;
                self.scroll = (self.scroll + 10).min(last);
            }
            Action::Back => return vec![Cmd::Pop],
            a => return vec![Cmd::Ignored(a)],
        }
        Vec::new()
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let theme = p.theme();
        let style = if self.ok { theme.key() } else { theme.warn() };
        let lines: Vec<Line> = (self.lines.iter().enumerate())
            .map(|(i, l)| match i {
                0 => Line::from(Span::styled(l.clone(), style)),
                _ => Line::from(l.clone()),
            })
            .collect();
        let r = popup_area(full, 78, 16);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(format!(" {} ", o::verify_title(p.lang())));
        let para = Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((self.scroll, 0));
        f.render_widget(para, r);
    }
}
