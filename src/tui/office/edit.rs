//! A value typed into a popup's list (the plan's ratios, the system settings): the input line,
//! the refusal said beside it, and the keys while typing; and the list popup they are in.

use crate::strings::display;
use crate::tui::input::TextInput;
use crate::tui::keymap;
use crate::tui::screen::{Flow, Keys};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

#[derive(Default)]
pub struct ValueEdit {
    input: Option<TextInput>,
    /// Why the value typed was refused (cleared by the next key).
    pub error: Option<String>,
}

impl ValueEdit {
    /// Starts typing from `text`.
    pub fn start(&mut self, text: &str) {
        (self.input, self.error) = (Some(TextInput::new(text)), None);
    }

    /// Stops typing (saved or given up).
    pub fn stop(&mut self) {
        (self.input, self.error) = (None, None);
    }

    pub fn on(&self) -> bool {
        self.input.is_some()
    }

    pub fn value(&self) -> String {
        self.input
            .as_ref()
            .map(TextInput::value)
            .unwrap_or_default()
    }

    /// The keys: the prompt's while typing, else `idle`.
    pub fn keys(&self, idle: Keys) -> Keys {
        match self.on() {
            true => Keys::new().on(keymap::PROMPT),
            false => idle,
        }
    }

    /// A key typed; `None` when not typing or the key is not text.
    pub fn key(&mut self, k: &KeyEvent) -> Option<Flow> {
        let input = self.input.as_mut()?;
        self.error = None;
        input.key(k).then(Vec::new)
    }

    /// Pasted text: its first line.
    pub fn paste(&mut self, s: &str) {
        if let Some(input) = self.input.as_mut() {
            input.insert_str(s.lines().next().unwrap_or_default());
        }
    }

    /// The line being typed (after `ask`, when typing) and the refusal.
    pub fn lines(&self, ask: Line<'static>, theme: Theme) -> Vec<Line<'static>> {
        let mut out = Vec::new();
        if self.on() {
            out.push(ask);
            out.push(Line::from(format!("> {}", display(&self.value()))));
        }
        if let Some(e) = &self.error {
            out.push(Line::from(Span::styled(format!("⚠ {e}"), theme.warn())));
        }
        out
    }
}

/// Draws a list popup (the settings, the result categories) 96 wide, as tall as its lines.
pub fn render_popup(
    f: &mut Frame,
    full: Rect,
    title: &str,
    lines: Vec<Line<'static>>,
    theme: Theme,
) {
    let r = crate::tui::modal::popup_area(full, 96, lines.len() as u16 + 4);
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(format!(" {title} "));
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    f.render_widget(para, r);
}
