//! The small modals: help, a picker, a one-line prompt, the quit confirmation and the
//! first-login password change. Forms, the import wizard and details are modals of their own
//! modules.

use super::input::TextInput;
use super::keymap::{self, Action, Binding, Key};
use super::screen::{Ask, Cmd, Ctx, Flow, Keys, Modal, Msg, Paint, Pick};
use crate::strings::{self, display, ui};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// A centred rectangle of at most `w`×`h` cells.
pub fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width.saturating_sub(4));
    let h = h.min(area.height.saturating_sub(2));
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

/// A bordered box over `r`, cleared first.
fn boxed(f: &mut Frame, r: Rect, p: &Paint, lines: Vec<Line>, title: Option<String>) {
    f.render_widget(Clear, r);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_set(p.theme().border());
    if let Some(t) = title {
        block = block.title(t);
    }
    f.render_widget(Paragraph::new(lines).block(block), r);
}

/// Help: every key offered by what it was opened over, one line per label. Any key closes it.
pub struct Help {
    rows: Vec<(String, &'static str)>,
}

impl Help {
    pub fn new(sets: &[&'static [Binding]]) -> Help {
        let mut rows: Vec<(&'static str, Vec<String>)> = Vec::new();
        for b in sets.iter().flat_map(|s| s.iter()) {
            let keys = b.keys.iter().map(key_name);
            match rows.iter_mut().find(|(l, _)| *l == b.label) {
                Some((_, k)) => k.extend(keys),
                None => rows.push((b.label, keys.collect())),
            }
        }
        if let Some((_, k)) = rows.iter_mut().find(|(l, _)| *l == "tabs") {
            k.insert(0, "1…9".into());
        }
        let rows = rows.into_iter().map(|(l, k)| (k.join(" "), l)).collect();
        Help { rows }
    }
}

impl Modal for Help {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::POPUP)
    }

    fn act(&mut self, _: Action, _: &mut Ctx) -> Flow {
        vec![Cmd::Pop]
    }

    fn text(&mut self, _: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        Some(vec![Cmd::Pop])
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let lang = p.lang();
        // The key column as wide as its widest entry, with room before the description.
        let col = self.rows.iter().map(|(k, _)| k.width()).max().unwrap_or(0) + 2;
        let lines: Vec<Line> = (self.rows.iter())
            .map(|(keys, label)| {
                let pad = " ".repeat(col.saturating_sub(keys.width()));
                Line::from(vec![
                    Span::styled(format!("{keys}{pad}"), p.theme().key()),
                    Span::raw(ui::key_label(label, lang)),
                ])
            })
            .collect();
        let wide = lines.iter().map(Line::width).max().unwrap_or(0) as u16 + 4;
        let r = popup_area(full, wide.max(40), lines.len() as u16 + 2);
        boxed(f, r, p, lines, Some(ui::help_title(lang).to_string()));
    }
}

/// A key's name as help shows it.
fn key_name(k: &Key) -> String {
    let base = match k.0 {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        other => format!("{other:?}"),
    };
    match k.1.contains(KeyModifiers::CONTROL) {
        true => format!("Ctrl-{base}"),
        false => base,
    }
}

/// A list to pick from; the choice goes to what it was opened over.
pub struct Picker {
    purpose: Pick,
    title: String,
    options: Vec<String>,
    cursor: usize,
}

impl Picker {
    pub fn new(purpose: Pick, title: String, options: Vec<String>, cursor: usize) -> Picker {
        Picker {
            purpose,
            title,
            options,
            cursor,
        }
    }
}

impl Modal for Picker {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::POPUP)
    }

    fn act(&mut self, a: Action, _: &mut Ctx) -> Flow {
        match a {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => {
                self.cursor = (self.cursor + 1).min(self.options.len().saturating_sub(1))
            }
            Action::Open => {
                let option = self.options.get(self.cursor).cloned().unwrap_or_default();
                let m = Msg::Picked {
                    purpose: self.purpose,
                    choice: self.cursor,
                    option,
                };
                return vec![Cmd::Pop, Cmd::Send(m)];
            }
            Action::Back => return vec![Cmd::Pop],
            a => return vec![Cmd::Ignored(a)],
        }
        Vec::new()
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let theme = p.theme();
        let room = full.height.saturating_sub(4) as usize;
        let top = self.cursor.saturating_sub(room.saturating_sub(1));
        let lines: Vec<Line> = (self.options.iter().enumerate().skip(top).take(room))
            .map(|(i, o)| {
                let mark = if i == self.cursor { theme.mark() } else { " " };
                let line = Line::from(format!("{mark} {o}"));
                if i == self.cursor {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let r = popup_area(full, 50, lines.len() as u16 + 2);
        boxed(f, r, p, lines, Some(self.title.clone()));
    }
}

/// A one-line prompt: Enter sends the text to what it was opened over, Esc closes.
pub struct Prompt {
    purpose: Ask,
    question: String,
    input: TextInput,
}

impl Prompt {
    pub fn new(purpose: Ask, question: String) -> Prompt {
        Prompt {
            purpose,
            question,
            input: TextInput::default(),
        }
    }
}

impl Modal for Prompt {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::PROMPT)
    }

    fn act(&mut self, a: Action, _: &mut Ctx) -> Flow {
        match a {
            Action::Save => {
                let m = Msg::Typed {
                    purpose: self.purpose,
                    text: self.input.value(),
                };
                vec![Cmd::Pop, Cmd::Send(m)]
            }
            Action::Back => vec![Cmd::Pop],
            a => vec![Cmd::Ignored(a)],
        }
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        self.input.key(k).then(Vec::new)
    }

    fn paste(&mut self, s: &str) {
        self.input.insert_str(s);
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let text = vec![
            Line::from(self.question.clone()),
            Line::from(format!("> {}", display(&self.input.value()))),
        ];
        boxed(f, popup_area(full, 70, 4), p, text, None);
    }
}

/// Quit although a form holds unsaved input?
pub struct ConfirmQuit;

impl Modal for ConfirmQuit {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::CONFIRM)
    }

    fn act(&mut self, a: Action, _: &mut Ctx) -> Flow {
        match a {
            Action::Yes => vec![Cmd::Quit],
            Action::No => vec![Cmd::Pop],
            a => vec![Cmd::Ignored(a)],
        }
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let line = Line::from(format!("{}  (y/n)", ui::quit_unsaved(p.lang())));
        boxed(f, popup_area(full, 50, 3), p, vec![line], None);
    }
}

/// The first-login password change: typed twice, then set; it stays until done.
#[derive(Default)]
pub struct Password {
    first: Option<String>,
    input: String,
    error: Option<String>,
}

impl Password {
    fn submit(&mut self, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let input = std::mem::take(&mut self.input);
        match self.first.take() {
            None => match crate::domain::user::check_password(&input) {
                Err(_) => {
                    let short = crate::domain::fields::Problem::ShortPassword(
                        crate::domain::user::PASSWORD_MIN,
                    );
                    self.error = Some(strings::problem(&short, lang));
                }
                Ok(()) => {
                    self.first = Some(input);
                    self.error = None;
                }
            },
            Some(first) if first == input => {
                let name = cx.actor().name.clone();
                match cx.svc.set_password(&cx.s.actor, &name, &input, false) {
                    Ok(()) => {
                        return vec![Cmd::Pop, Cmd::Say(ui::password_changed(lang).into())];
                    }
                    Err(e) => self.error = Some(e.say(None, lang)),
                }
            }
            Some(_) => self.error = Some(ui::passwords_differ(lang).to_string()),
        }
        Vec::new()
    }
}

impl Modal for Password {
    fn keys(&self, _: &Ctx) -> Keys {
        Keys::new().on(keymap::PASSWORD)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        match a {
            Action::Save => self.submit(cx),
            a => vec![Cmd::Ignored(a)],
        }
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        match k.code {
            KeyCode::Char(c) if !k.modifiers.contains(KeyModifiers::CONTROL) => self.input.push(c),
            KeyCode::Backspace => drop(self.input.pop()),
            _ => return None,
        }
        Some(Vec::new())
    }

    fn paste(&mut self, s: &str) {
        self.input.push_str(s.lines().next().unwrap_or(""));
    }

    fn sticky(&self) -> bool {
        true
    }

    fn render(&mut self, f: &mut Frame, _: Rect, body: Rect, p: &Paint) {
        let lang = p.lang();
        let ask = match self.first {
            None => ui::must_change_password(lang),
            Some(_) => ui::repeat_password(lang),
        };
        let mut lines = vec![
            Line::from(ask),
            Line::from(format!("> {}", "*".repeat(self.input.chars().count()))),
        ];
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(e.clone(), p.theme().warn())));
        }
        f.render_widget(Clear, body);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(p.theme().border());
        let para = Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false });
        f.render_widget(para, body);
    }
}
