//! Looks: 16-colour-safe styles (meaning is never carried by colour alone: the selected row
//! also has a `>` mark) and the border set, with a plain ASCII set for fonts that draw
//! box-drawing characters double width.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

#[derive(Debug, Clone, Copy, Default)]
pub struct Theme {
    pub ascii: bool,
}

const ASCII: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn border(self) -> border::Set<'static> {
        if self.ascii { ASCII } else { border::PLAIN }
    }
    pub fn selected(self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    pub fn header(self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    pub fn tab_active(self) -> Style {
        Style::default()
            .fg(Color::Black)
            .bg(Color::Cyan)
            .add_modifier(Modifier::BOLD)
    }
    pub fn bar(self) -> Style {
        Style::default().fg(Color::Black).bg(Color::Gray)
    }
    pub fn key(self) -> Style {
        Style::default()
            .fg(Color::Yellow)
            .add_modifier(Modifier::BOLD)
    }
    pub fn warn(self) -> Style {
        Style::default().fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn dim(self) -> Style {
        Style::default().fg(Color::DarkGray)
    }
    /// The mark in front of the selected row.
    pub fn mark(self) -> &'static str {
        ">"
    }
}
