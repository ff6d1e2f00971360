//! A text field whose cursor moves by whole characters (Chinese is double width): Home/End,
//! ←/→, Ctrl-←/→ by word, Backspace/Delete, typing and paste. Single-line by default; a
//! multi-line field takes line breaks (shown as ` ↵ `).

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_width::UnicodeWidthChar;

/// How a line break shows in a one-line view of the text.
const LINE_BREAK: &str = " ↵ ";

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    chars: Vec<char>,
    /// Cursor position in characters (0..=len).
    cursor: usize,
}

impl TextInput {
    pub fn new(s: &str) -> TextInput {
        let chars: Vec<char> = s.chars().collect();
        TextInput {
            cursor: chars.len(),
            chars,
        }
    }

    pub fn value(&self) -> String {
        self.chars.iter().collect()
    }

    pub fn set(&mut self, s: &str) {
        *self = TextInput::new(s);
    }

    /// Inserts pasted text (line breaks become spaces; control characters are dropped).
    pub fn insert_str(&mut self, s: &str) {
        self.insert(s, false);
    }

    /// Inserts pasted text keeping its line breaks (for multi-line fields).
    pub fn insert_lines(&mut self, s: &str) {
        self.insert(&s.replace("\r\n", "\n").replace('\r', "\n"), true);
    }

    fn insert(&mut self, s: &str, lines: bool) {
        for c in s.chars() {
            let c = if (c == '\n' && !lines) || c == '\t' {
                ' '
            } else {
                c
            };
            if !crate::domain::text::is_forbidden(c, lines) {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
        }
    }

    /// A line break at the cursor.
    pub fn newline(&mut self) {
        self.chars.insert(self.cursor, '\n');
        self.cursor += 1;
    }

    /// The value as shown on one line: line breaks as ` ↵ `.
    pub fn shown(&self) -> String {
        self.value().replace('\n', LINE_BREAK)
    }

    fn word_left(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        while i > 0 && !self.chars[i - 1].is_whitespace() {
            i -= 1;
        }
        i
    }

    fn word_right(&self) -> usize {
        let mut i = self.cursor;
        let n = self.chars.len();
        while i < n && !self.chars[i].is_whitespace() {
            i += 1;
        }
        while i < n && self.chars[i].is_whitespace() {
            i += 1;
        }
        i
    }

    /// Handles an editing key; false when the key is not an editing key.
    pub fn key(&mut self, k: &KeyEvent) -> bool {
        let ctrl = k.modifiers.contains(KeyModifiers::CONTROL);
        match k.code {
            KeyCode::Char(c) if !ctrl && !k.modifiers.contains(KeyModifiers::ALT) => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
            }
            KeyCode::Left if ctrl => self.cursor = self.word_left(),
            KeyCode::Right if ctrl => self.cursor = self.word_right(),
            KeyCode::Left => self.cursor = self.cursor.saturating_sub(1),
            KeyCode::Right => self.cursor = (self.cursor + 1).min(self.chars.len()),
            KeyCode::Home => self.cursor = 0,
            KeyCode::End => self.cursor = self.chars.len(),
            KeyCode::Char('a') if ctrl => self.cursor = 0,
            KeyCode::Char('e') if ctrl => self.cursor = self.chars.len(),
            KeyCode::Char('u') if ctrl => {
                self.chars.drain(..self.cursor);
                self.cursor = 0;
            }
            KeyCode::Backspace | KeyCode::Delete => {}
            _ => return false,
        }
        true
    }

    /// Display column of the cursor (in [`TextInput::shown`]).
    pub fn cursor_column(&self) -> u16 {
        self.chars[..self.cursor]
            .iter()
            .map(|c| {
                if *c == '\n' {
                    LINE_BREAK.chars().count()
                } else {
                    c.width().unwrap_or(0)
                }
            })
            .sum::<usize>() as u16
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn edits_by_characters_over_chinese() {
        let mut t = TextInput::new("唐山钢铁");
        assert_eq!(t.cursor_column(), 8);
        t.key(&k(KeyCode::Left));
        t.key(&k(KeyCode::Backspace));
        assert_eq!(t.value(), "唐山铁");
        assert_eq!(t.cursor_column(), 4);
        t.key(&k(KeyCode::Char('X')));
        assert_eq!(t.value(), "唐山X铁");
        t.key(&k(KeyCode::Home));
        t.key(&k(KeyCode::Delete));
        assert_eq!(t.value(), "山X铁");
        t.key(&k(KeyCode::End));
        t.insert_str("有限\n公司\x1b");
        assert_eq!(t.value(), "山X铁有限 公司");
    }

    #[test]
    fn word_moves() {
        let mut t = TextInput::new("ab cd ef");
        t.key(&KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(t.cursor_column(), 6);
        t.key(&KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL));
        assert_eq!(t.cursor_column(), 3);
        t.key(&KeyEvent::new(KeyCode::Right, KeyModifiers::CONTROL));
        assert_eq!(t.cursor_column(), 6);
    }

    #[test]
    fn multi_line_text_keeps_line_breaks() {
        let mut t = TextInput::default();
        t.insert_str("一\n二");
        assert_eq!(t.value(), "一 二");
        let mut t = TextInput::default();
        t.insert_lines("废气\r\n废水");
        t.newline();
        t.insert_lines("x\u{1b}y");
        assert_eq!(t.value(), "废气\n废水\nxy");
        assert_eq!(t.shown(), "废气 ↵ 废水 ↵ xy");
        assert_eq!(t.cursor_column() as usize, 4 + 3 + 4 + 3 + 2);
    }
}
