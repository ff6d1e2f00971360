//! The result categories (检查结果类别, `c` in the system settings, administrators): each with
//! its code, name and flags; `Enter` edits the one chosen and `n` adds one (a form checked by
//! the category form's builder), `r` retires it after a confirmation. All through
//! `Service::put_category`, as `shuangsui category set` does, which checks and audits.

use crate::domain::result::Category;
use crate::service::{Change, ServiceError};
use crate::strings::{display, setting as st};
use crate::tui::form::Form;
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Msg, Paint, done, one};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The categories popup.
#[derive(Default)]
pub struct Categories {
    rows: Vec<(Category, bool)>,
    cursor: usize,
    /// The retirement of the category under the cursor is being confirmed.
    confirm: bool,
}

impl Categories {
    pub fn open(cx: &mut Ctx) -> Flow {
        let mut c = Categories::default();
        done(c.load(cx), |()| one(Cmd::Push(Box::new(c))))
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.rows = cx.svc.category_list(&cx.s.actor)?;
        self.cursor = self.cursor.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Retires the category under the cursor (confirmed).
    fn retire(&mut self, cx: &mut Ctx) -> Flow {
        self.confirm = false;
        let Some((c, _)) = self.rows.get(self.cursor).cloned() else {
            return Vec::new();
        };
        let lang = cx.lang();
        let r = cx.svc.put_category(&cx.s.actor, &c, false);
        done(r.and_then(|()| self.load(cx)), |()| {
            vec![Cmd::Saved, Cmd::Say(st::retired(&c.name, lang))]
        })
    }
}

impl Modal for Categories {
    fn keys(&self, _: &Ctx) -> Keys {
        match self.confirm {
            true => Keys::new().on(keymap::CONFIRM),
            false => (Keys::new().on(keymap::EDIT_CHOSEN))
                .on(keymap::CATEGORY_KEYS)
                .on(keymap::ARROWS)
                .on(keymap::CLOSE),
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let last = self.rows.len().saturating_sub(1);
        let chosen = self.rows.get(self.cursor).cloned();
        match (a, self.confirm) {
            (Action::Yes, true) => return self.retire(cx),
            (Action::No, true) => self.confirm = false,
            (Action::Up, false) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, false) => self.cursor = (self.cursor + 1).min(last),
            (Action::Edit, false) => return one(Cmd::Push(Box::new(Form::category(chosen)))),
            (Action::New, false) => return one(Cmd::Push(Box::new(Form::category(None)))),
            (Action::Deactivate, false) => self.confirm = chosen.is_some(),
            (Action::Back, false) => return one(Cmd::Pop),
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn receive(&mut self, m: Msg, cx: &mut Ctx) -> Flow {
        match m {
            Msg::Saved(_) => done(self.load(cx), |()| Vec::new()),
            _ => Vec::new(),
        }
    }

    fn changed(&mut self, c: Change, cx: &mut Ctx) -> Flow {
        match c {
            Change::Settings => done(self.load(cx), |()| Vec::new()),
            _ => Vec::new(),
        }
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        super::edit::render_popup(
            f,
            full,
            st::categories_title(p.lang()),
            self.lines(p),
            p.theme(),
        );
    }
}

impl Categories {
    /// One line per category (code, name, flags), then the help or the question.
    fn lines(&self, p: &Paint) -> Vec<Line<'static>> {
        let (lang, theme) = (p.lang(), p.theme());
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
        let name = |c: &Category| match c.name_en.is_empty() {
            true => display(&c.name),
            false => display(lang.t(&c.name, &c.name_en)),
        };
        let mut out: Vec<Line> = (self.rows.iter().enumerate())
            .map(|(i, (c, on))| {
                let flags = st::category_flags(c, *on, lang);
                let code = format!("[{}]", c.code);
                let text = format!("{}{}{flags}", pad(&code, 24), pad(&name(c), 24));
                match i == self.cursor {
                    true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                    false => Line::from(format!("  {text}")),
                }
            })
            .collect();
        out.push(Line::from(""));
        let chosen = self.rows.get(self.cursor).map(|r| name(&r.0));
        out.push(Line::from(match self.confirm {
            true => st::retire_ask(&chosen.unwrap_or_default(), lang),
            false => st::categories_help(lang).to_string(),
        }));
        out
    }
}
