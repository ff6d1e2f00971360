//! The system settings (系统设置, `s` on the home tab, administrators): every setting with what
//! it means and its value; `Enter` edits the one chosen, checked and stored by the same
//! `Service::change_setting` as `shuangsui settings set` (which audits it); a refused value is
//! said beside it and changes nothing. `c` opens the result categories ([`super::categories`]).

use super::edit::ValueEdit;
use crate::service::setting::SettingLine;
use crate::service::{Change, ServiceError};
use crate::strings::{display, setting as st};
use crate::tui::keymap::{self, Action};
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, done, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

/// The settings popup.
#[derive(Default)]
pub struct Settings {
    lines: Vec<SettingLine>,
    cursor: usize,
    /// The value being typed for the setting under the cursor.
    edit: ValueEdit,
}

impl Settings {
    pub fn open(cx: &mut Ctx) -> Flow {
        let mut s = Settings::default();
        done(s.load(cx), |()| one(Cmd::Push(Box::new(s))))
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        self.lines = cx.svc.setting_lines(&cx.s.actor, cx.lang())?;
        Ok(())
    }

    /// Stores the value typed; a refusal is said and changes nothing.
    fn save(&mut self, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let Some(line) = self.lines.get(self.cursor).cloned() else {
            return Vec::new();
        };
        let typed = self.edit.value();
        let r = cx
            .svc
            .change_setting(&cx.s.actor, line.setting.name(), &typed);
        match r.and_then(|()| self.load(cx)) {
            Ok(()) => {
                self.edit.stop();
                let now = self.lines.get(self.cursor).map(|l| l.shown.clone());
                let said = st::saved(&line.meaning, &now.unwrap_or_default(), lang);
                vec![Cmd::Saved, Cmd::Say(said)]
            }
            Err(e) => {
                self.edit.error = Some(e.say(None, lang));
                Vec::new()
            }
        }
    }
}

impl Modal for Settings {
    fn keys(&self, _: &Ctx) -> Keys {
        let idle = Keys::new().on(keymap::EDIT_CHOSEN).on(keymap::ARROWS);
        let idle = idle.on(keymap::SETTINGS_CATEGORIES);
        self.edit.keys(idle.on(keymap::CLOSE))
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let last = self.lines.len().saturating_sub(1);
        match (a, self.edit.on()) {
            (Action::Up, false) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, false) => self.cursor = (self.cursor + 1).min(last),
            (Action::Edit, false) => {
                let now = self.lines.get(self.cursor).map(|l| l.typed.as_str());
                self.edit.start(now.unwrap_or_default());
            }
            (Action::Back, false) => return one(Cmd::Pop),
            (Action::Categories, false) => return super::categories::Categories::open(cx),
            (Action::Save, true) => return self.save(cx),
            (Action::Back, true) => self.edit.stop(),
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        self.edit.key(k)
    }

    fn paste(&mut self, s: &str) {
        self.edit.paste(s);
    }

    fn unsaved(&self) -> bool {
        self.edit.on()
    }

    fn changed(&mut self, c: Change, cx: &mut Ctx) -> Flow {
        match (c, !self.edit.on()) {
            (Change::Settings, true) => done(self.load(cx), |()| Vec::new()),
            _ => Vec::new(),
        }
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        super::edit::render_popup(f, full, st::title(p.lang()), self.rows(p), p.theme());
    }
}

impl Settings {
    /// The settings, then the value being typed or the help, and a refusal.
    fn rows(&self, p: &Paint) -> Vec<Line<'static>> {
        let (lang, theme) = (p.lang(), p.theme());
        let wide = (self.lines.iter().map(|l| l.meaning.width()).max()).unwrap_or(0) + 2;
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
        let mut out: Vec<Line> = (self.lines.iter().enumerate())
            .map(|(i, l)| {
                let text = format!("{}{}", pad(&l.meaning, wide), display(&l.shown));
                match i == self.cursor {
                    true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                    false => Line::from(format!("  {text}")),
                }
            })
            .collect();
        out.push(Line::from(""));
        if !self.edit.on() {
            out.push(Line::from(st::help(lang)));
        }
        let l = self.lines.get(self.cursor);
        let ask = l.map(|l| format!("{} [{}]", l.meaning, l.setting.name()));
        out.extend(self.edit.lines(Line::from(ask.unwrap_or_default()), theme));
        out
    }
}
