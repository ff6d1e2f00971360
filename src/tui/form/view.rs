//! Drawing a form: one line per field (and one for its error), scrolled so the focused field
//! shows, the cursor in a text field, an open picker, the discard question.

use super::{Form, Picker, Target, Widget};
use crate::strings::{self, Lang, ui};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Width of the label column.
const LABEL_W: u16 = 22;

impl Form {
    fn title(&self, lang: Lang) -> String {
        let what = match self.target {
            Target::Enterprise(_) => ui::tab(1, lang).0,
            Target::Item(_) => ui::tab(3, lang).0,
            Target::User(_) => ui::tab(8, lang).0,
            Target::Inspector(_) => ui::tab(2, lang).0,
            Target::Result(ref t) => t.title.as_str(),
            Target::CalendarDay => ui::label("calendar_day", lang),
            Target::Offsite => ui::label("offsite", lang),
            Target::Joint => ui::label("joint", lang),
            Target::JointTargets => ui::label("joint_targets", lang),
            Target::Evaluation(_) => ui::label("evaluation", lang),
            Target::Draw => return format!(" {} ", strings::prepare::title(lang)),
            Target::Recheck { ref title, .. } => title.as_str(),
            Target::Objection { .. } => crate::strings::correction::form_title(false, lang),
            Target::Decision { .. } => crate::strings::correction::form_title(true, lang),
            Target::Category(_) => ui::key_label("result_categories", lang),
            Target::Penalty(e) | Target::Complaint(e) => {
                let penalty = matches!(self.target, Target::Penalty(_));
                let correction = matches!(e, crate::service::Entry::Correction(_));
                return format!(
                    " {} ",
                    strings::records::form_title(penalty, correction, lang)
                );
            }
        };
        format!(" {} ", ui::form_title(self.is_new(), what, lang))
    }

    /// Each field's line with the cursor position of the focused one, and error lines.
    fn lines(&self, theme: Theme, lang: Lang) -> Vec<(Line<'static>, Option<Position>)> {
        let mut lines = Vec::new();
        for (i, fld) in self.fields.iter().enumerate() {
            let focused = i == self.focus;
            let mark = if focused { theme.mark() } else { " " };
            let req = if fld.spec.required { "*" } else { " " };
            let label = format!("{mark}{req}{}", strings::field(fld.spec, lang));
            let pad = (LABEL_W as usize).saturating_sub(label.width());
            let hint = match fld.widget {
                Widget::Choice(_) | Widget::Multi(_) => " ▾",
                Widget::Date => " (YYYY-MM-DD)",
                Widget::Secret | Widget::Text | Widget::Lines => "",
            };
            let value = match fld.widget {
                Widget::Secret => "*".repeat(fld.input.value().chars().count()),
                _ => strings::display(&fld.input.shown()),
            };
            let style = if focused {
                theme.selected()
            } else {
                Style::default()
            };
            let cursor = focused.then(|| Position::new(LABEL_W + fld.input.cursor_column(), 0));
            let line = Line::from(vec![
                Span::raw(format!("{label}{}", " ".repeat(pad))),
                Span::styled(value, style),
                Span::styled(hint, theme.dim()),
            ]);
            lines.push((line, cursor));
            if let Some(e) = &fld.error {
                let text = format!("{}  ⚠ {e}", " ".repeat(LABEL_W as usize));
                lines.push((Line::from(Span::styled(text, theme.warn())), None));
            }
        }
        lines
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(Span::styled(self.title(lang), theme.header()));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let lines = self.lines(theme, lang);
        let focus_line = lines.iter().position(|(_, c)| c.is_some()).unwrap_or(0);
        let height = inner.height.saturating_sub(1) as usize;
        let top = focus_line.saturating_sub(height.saturating_sub(2));
        let typing = self.picker.is_none()
            && !self.confirm_discard
            && matches!(
                self.fields[self.focus].widget,
                Widget::Text | Widget::Date | Widget::Secret
            );
        for (row, (line, cursor)) in lines.into_iter().skip(top).take(height).enumerate() {
            let r = Rect {
                y: inner.y + row as u16,
                height: 1,
                ..inner
            };
            f.render_widget(line, r);
            if let Some(c) = cursor.filter(|_| typing) {
                let x = (r.x + c.x).min(r.right().saturating_sub(1));
                f.set_cursor_position(Position::new(x, r.y));
            }
        }
        if let Some(m) = &self.message {
            let r = Rect {
                y: inner.bottom().saturating_sub(1),
                height: 1,
                ..inner
            };
            f.render_widget(Line::from(Span::styled(m.clone(), theme.warn())), r);
        }
        if let Some(p) = &self.picker {
            render_picker(p, f, area, theme, lang);
        }
        if self.confirm_discard {
            render_discard(f, area, theme, lang);
        }
    }
}

fn render_picker(p: &Picker, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
    let shown = p.shown();
    let h = (shown.len() as u16 + 3).min(area.height.saturating_sub(2));
    // As wide as the longest option (with its mark and tick), within the form.
    let longest = shown.iter().map(|o| o.width()).max().unwrap_or(0) as u16 + 8;
    let width = longest.max(36).min(area.width.saturating_sub(4));
    let x = (area.x + LABEL_W + 2).min(area.right().saturating_sub(width + 1));
    let r = Rect {
        x,
        y: area.y + 2,
        width,
        height: h,
    };
    f.render_widget(Clear, r);
    let filter = Line::from(Span::styled(format!("> {}", p.filter), theme.key()));
    let mut lines = vec![filter];
    for (i, o) in shown.iter().enumerate() {
        let tick = match (p.multi, p.chosen.contains(o)) {
            (false, _) => "",
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
        };
        let mark = if i == p.cursor { theme.mark() } else { " " };
        let text = format!("{mark}{tick}{}", if o.is_empty() { "（空）" } else { o });
        lines.push(match i == p.cursor {
            true => Line::from(text).style(theme.selected()),
            false => Line::from(text),
        });
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(ui::picker_title(lang));
    f.render_widget(Paragraph::new(lines).block(block), r);
}

fn render_discard(f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
    let r = Rect {
        x: area.x + 4,
        y: area.y + area.height / 2,
        width: area.width.saturating_sub(8).min(50),
        height: 3,
    };
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border());
    let text = format!("{}  (y/n)", ui::discard(lang));
    f.render_widget(Paragraph::new(text).block(block), r);
}
