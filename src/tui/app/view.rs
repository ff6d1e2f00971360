//! Drawing the chrome around the screen: the tab bar, the key-hint bar (from the keys offered
//! now), the status line; then the screen and the modals over it. Also the outbox, where
//! commands write files.

use super::{App, Env};
use crate::service::Files;
use crate::strings::{self, ui};
use crate::tui::keymap::{Action, Binding};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

impl App {
    /// Draws the whole screen.
    pub fn view(&mut self, f: &mut Frame) {
        let area = f.area();
        let lang = self.lang();
        if area.width < 80 || area.height < 24 {
            let p = Paragraph::new(ui::too_small(area.width, area.height, lang))
                .wrap(Wrap { trim: true });
            f.render_widget(p, area);
            return;
        }
        let [tabs, body, hints, status] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        self.draw_tabs(f, tabs);
        let hint_line = self.hint_line(hints.width as usize);
        let p = self.env.paint();
        // The body is the screen's unless a modal covers it.
        self.tabs[self.tab].1.render(f, body, &p);
        for m in &mut self.modals {
            m.render(f, area, body, &p);
        }
        f.render_widget(hint_line, hints);
        self.draw_status(f, status);
    }

    fn draw_tabs(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        // Each tab keeps its number whatever the roles (a hidden tab leaves a gap).
        let label = |_: usize, t: super::Tab, short: bool| {
            let (long, brief) = ui::tab(t.index(), lang);
            format!("{} {} ", t.index() + 1, if short { brief } else { long })
        };
        let full: usize = (self.tabs.iter().enumerate())
            .map(|(i, (t, _))| label(i, *t, false).width())
            .sum();
        let short = full > area.width as usize;
        let spans: Vec<Span> = (self.tabs.iter().enumerate())
            .map(|(i, (t, _))| {
                let text = label(i, *t, short);
                match i == self.tab {
                    true => Span::styled(text, self.env.s.theme.tab_active()),
                    false => Span::raw(text),
                }
            })
            .collect();
        f.render_widget(Line::from(spans), area);
    }

    /// The keys that work now, by importance: quit and help, the screen's own actions, then
    /// moving about. When they do not all fit, the bar ends with `? 更多` (help lists all).
    fn hint_line(&mut self, width: usize) -> Line<'static> {
        let lang = self.lang();
        let theme = self.env.s.theme;
        let sets = self.keys().live();
        let all = || sets.iter().flat_map(|s| s.iter()).filter(|b| b.in_bar);
        let rank = |b: &&Binding| match b.action {
            Action::Quit | Action::Help => 0,
            a if navigation(a) => 2,
            _ => 1,
        };
        let mut hints: Vec<(&str, &str)> = Vec::new();
        for r in 0..3 {
            for b in all().filter(|b| rank(b) == r) {
                let label = ui::key_label(b.label, lang);
                if !hints.iter().any(|(_, l)| *l == label) {
                    hints.push((b.shown, label));
                }
            }
        }
        let has_help = all().any(|b| b.action == Action::Help);
        let more = format!(" {}  ", strings::desk::more(lang));
        let reserve = if has_help { 1 + more.width() } else { 0 };
        let mut spans = Vec::new();
        let mut used = 0usize;
        for (i, (k, l)) in hints.iter().enumerate() {
            let text = format!(" {l}  ");
            let w = k.width() + text.width();
            let last = i + 1 == hints.len();
            if used + w + if last { 0 } else { reserve } > width {
                if has_help {
                    spans.push(Span::styled("?", theme.key()));
                    spans.push(Span::raw(more));
                }
                break;
            }
            used += w;
            spans.push(Span::styled(k.to_string(), theme.key()));
            spans.push(Span::raw(text));
        }
        Line::from(spans)
    }

    fn draw_status(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let s = &self.env.s;
        let text = match &self.message {
            Some((m, _)) => format!(" {m}"),
            None => {
                let roles = (s.actor.roles.iter())
                    .map(|r| lang.t(r.zh(), r.en()))
                    .collect::<Vec<_>>()
                    .join(lang.t("、", ", "));
                ui::status(
                    &s.actor.name,
                    &roles,
                    &self.env.quarter.to_string(),
                    self.env.hub.online(),
                    &self.env.svc.now().format("%H:%M").to_string(),
                    lang,
                )
            }
        };
        f.render_widget(Paragraph::new(text).style(s.theme.bar()), area);
    }
}

/// Writes files to this user's outbox; the names written, or why not.
pub(super) fn to_outbox(env: &Env, files: Files) -> Result<Vec<String>, String> {
    let db = env.svc.db_path().to_path_buf();
    let lang = env.s.lang;
    files
        .into_iter()
        .map(|(name, bytes)| {
            crate::exchange::outbox::write(&db, &env.s.actor.name, &name, &bytes)
                .map(|_| format!("outbox/{}", crate::exchange::outbox::safe_name(&name)))
                .map_err(|e| ui::cannot_write(&name, &e.to_string(), lang))
        })
        .collect()
}

/// Keys that move about rather than act: shown after the screen's own.
fn navigation(a: Action) -> bool {
    matches!(
        a,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom
            | Action::NextTab
            | Action::PrevTab
            | Action::Search
            | Action::Sort
            | Action::Filter
    )
}
