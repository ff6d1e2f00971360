//! 我的设置 (`m` on the home tab, everyone): the user's own language and border style, saved
//! through the service (audited) and taken by the session at once, and a new password typed
//! twice (never echoed).

use crate::domain::fields::Problem;
use crate::domain::user::{PASSWORD_MIN, check_password};
use crate::strings::{self, Lang, office as o, ui};
use crate::tui::keymap::{self, Action};
use crate::tui::modal::popup_area;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, one};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// A new password being typed: the first entry once given, and what is typed now.
#[derive(Default)]
struct NewPassword {
    first: Option<String>,
    input: String,
}

/// The popup.
#[derive(Default)]
pub struct Prefs {
    cursor: usize,
    password: Option<NewPassword>,
    error: Option<String>,
}

impl Prefs {
    /// Saves the language and borders and has the session take them.
    fn save(&mut self, lang: Lang, ascii: bool, cx: &mut Ctx) -> Flow {
        let code = match lang {
            Lang::Zh => "zh",
            Lang::En => "en",
        };
        let name = cx.s.actor.name.clone();
        match cx
            .svc
            .set_preferences(&cx.s.actor, &name, Some(code), ascii)
        {
            Ok(()) => vec![
                Cmd::Saved,
                Cmd::Prefs { lang, ascii },
                Cmd::Say(o::prefs_saved(lang).to_string()),
            ],
            Err(e) => one(Cmd::Fail(e)),
        }
    }

    /// Enter on a row: switch the language, the borders, or start a new password.
    fn change(&mut self, cx: &mut Ctx) -> Flow {
        let (lang, ascii) = (cx.lang(), cx.s.theme.ascii);
        match self.cursor {
            0 => {
                let other = if lang == Lang::Zh { Lang::En } else { Lang::Zh };
                self.save(other, ascii, cx)
            }
            1 => self.save(lang, !ascii, cx),
            _ => {
                self.password = Some(NewPassword::default());
                Vec::new()
            }
        }
    }

    /// Enter while a password is typed: the first entry checked, the second compared and set.
    fn submit(&mut self, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let Some(p) = self.password.as_mut() else {
            return Vec::new();
        };
        let input = std::mem::take(&mut p.input);
        match p.first.take() {
            None => match check_password(&input) {
                Ok(()) => (p.first, self.error) = (Some(input), None),
                Err(_) => {
                    let short = Problem::ShortPassword(PASSWORD_MIN);
                    self.error = Some(strings::problem(&short, lang));
                }
            },
            Some(first) if first == input => {
                let name = cx.s.actor.name.clone();
                let r = cx.svc.set_password(&cx.s.actor, &name, &input, false);
                (self.password, self.error) = (None, None);
                return match r {
                    Ok(()) => vec![Cmd::Saved, Cmd::Say(ui::password_changed(lang).into())],
                    Err(e) => one(Cmd::Fail(e)),
                };
            }
            Some(_) => self.error = Some(ui::passwords_differ(lang).to_string()),
        }
        Vec::new()
    }
}

impl Modal for Prefs {
    fn keys(&self, _: &Ctx) -> Keys {
        match self.password {
            None => (Keys::new().on(keymap::PREFS_CHANGE))
                .on(keymap::ARROWS)
                .on(keymap::CLOSE),
            Some(_) => Keys::new().on(keymap::PROMPT),
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        match (a, self.password.is_some()) {
            (Action::Up, false) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, false) => self.cursor = (self.cursor + 1).min(2),
            (Action::Toggle, false) => return self.change(cx),
            (Action::Back, false) => return one(Cmd::Pop),
            (Action::Save, true) => return self.submit(cx),
            (Action::Back, true) => (self.password, self.error) = (None, None),
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        let p = self.password.as_mut()?;
        match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => p.input.push(c),
            KeyCode::Backspace => drop(p.input.pop()),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn paste(&mut self, s: &str) {
        if let Some(p) = self.password.as_mut() {
            p.input.push_str(s.lines().next().unwrap_or_default());
        }
    }

    fn unsaved(&self) -> bool {
        self.password.is_some()
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let (lang, theme) = (p.lang(), p.theme());
        let rows = o::prefs_rows(lang, theme.ascii);
        let mut lines: Vec<Line> = (rows.into_iter().enumerate())
            .map(|(i, text)| match i == self.cursor {
                true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                false => Line::from(format!("  {text}")),
            })
            .collect();
        if let Some(pw) = &self.password {
            lines.push(Line::from(""));
            lines.push(Line::from(o::new_password(pw.first.is_some(), lang)));
            lines.push(Line::from(format!(
                "> {}",
                "*".repeat(pw.input.chars().count())
            )));
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(format!("⚠ {e}"), theme.warn())));
        }
        // Room for a wrapped line or two on a narrow terminal.
        let r = popup_area(full, 78, lines.len() as u16 + 4);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(format!(" {} ", o::prefs_title(lang)));
        let para = Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false });
        f.render_widget(para, r);
    }
}
