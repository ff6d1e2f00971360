//! Drawing the app: the tab bar, the current screen, the key-hint bar (from the bindings in
//! force), the status line and the popups.

use super::*;

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
        if let Some(p) = &self.password {
            let mut lines = vec![
                Line::from(if p.first.is_none() {
                    ui::must_change_password(lang)
                } else {
                    ui::repeat_password(lang)
                }),
                Line::from(format!("> {}", "*".repeat(p.input.chars().count()))),
            ];
            if let Some(e) = &p.error {
                lines.push(Line::from(Span::styled(e.clone(), self.s.theme.warn())));
            }
            let block = Block::default()
                .borders(Borders::ALL)
                .border_set(self.s.theme.border());
            f.render_widget(
                Paragraph::new(lines)
                    .block(block)
                    .wrap(Wrap { trim: false }),
                body,
            );
        } else {
            self.draw_body(f, body);
        }
        self.draw_hints(f, hints);
        self.draw_status(f, status);
        if let Some(p) = &self.popup {
            match p {
                Popup::Help => self.draw_help(f, area),
                Popup::Pick {
                    title,
                    options,
                    cursor,
                    ..
                } => self.draw_pick(f, area, title, options, *cursor),
                Popup::ReturnComment { input, .. } => {
                    let r = Self::popup_area(area, 70, 4);
                    f.render_widget(Clear, r);
                    let block = Block::default()
                        .borders(Borders::ALL)
                        .border_set(self.s.theme.border());
                    let text = vec![
                        Line::from(ws::return_prompt(lang)),
                        Line::from(format!("> {}", strings::display(&input.value()))),
                    ];
                    f.render_widget(Paragraph::new(text).block(block), r);
                }
                Popup::Deactivate { name, input, .. } => {
                    let r = Self::popup_area(area, 70, 4);
                    f.render_widget(Clear, r);
                    let block = Block::default()
                        .borders(Borders::ALL)
                        .border_set(self.s.theme.border());
                    let text = vec![
                        Line::from(ui::deactivate_prompt(name, lang)),
                        Line::from(format!("> {}", strings::display(&input.value()))),
                    ];
                    f.render_widget(Paragraph::new(text).block(block), r);
                }
                Popup::ConfirmQuit => {
                    let r = Self::popup_area(area, 50, 3);
                    f.render_widget(Clear, r);
                    let block = Block::default()
                        .borders(Borders::ALL)
                        .border_set(self.s.theme.border());
                    f.render_widget(
                        Paragraph::new(format!("{}  (y/n)", ui::quit_unsaved(lang))).block(block),
                        r,
                    );
                }
            }
        }
    }

    fn draw_tabs(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let full: usize = self
            .tabs
            .iter()
            .enumerate()
            .map(|(i, t)| {
                format!("{} {} ", i + 1, ui::tab(t.index(), lang).0)
                    .chars()
                    .map(|c| if c.is_ascii() { 1 } else { 2 })
                    .sum::<usize>()
            })
            .sum();
        let short = full > area.width as usize;
        let spans: Vec<Span> = self
            .tabs
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (long, brief) = ui::tab(t.index(), lang);
                let text = format!("{} {} ", i + 1, if short { brief } else { long });
                if i == self.tab {
                    Span::styled(text, self.s.theme.tab_active())
                } else {
                    Span::raw(text)
                }
            })
            .collect();
        f.render_widget(Line::from(spans), area);
    }

    fn draw_body(&mut self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let tab = self.current();
        let theme = self.s.theme;
        if let Some(form) = &self.form {
            form.render(f, area, theme, lang);
            return;
        }
        if let Some(w) = &mut self.wizard {
            w.render(f, area, theme, lang, &self.s.actor.name);
            return;
        }
        if let Some(d) = &self.detail {
            d.render(f, area, theme);
            return;
        }
        match tab {
            Tab::Home => home::render(self.home.as_ref(), self.quarter, f, area, theme, lang),
            Tab::Draws => self.draws.render(f, area, theme, lang, &self.hub),
            Tab::Reports => self.reports.render(f, area, theme, lang),
            _ => {
                let searching = self.searching;
                if let Some(l) = self.lists.get_mut(&tab) {
                    let mut title = vec![
                        Span::styled(
                            format!(" {} ", ui::tab(tab.index(), lang).0),
                            theme.header(),
                        ),
                        Span::raw(ui::count(l.shown(), l.listing.rows.len(), lang)),
                    ];
                    if !l.filters().is_empty() {
                        let f = l
                            .filters()
                            .iter()
                            .map(|(c, v)| {
                                format!(
                                    "{}={v}",
                                    l.listing.columns.get(*c).map_or("", |c| c.title.as_str())
                                )
                            })
                            .collect::<Vec<_>>()
                            .join(" ");
                        title.push(Span::styled(
                            format!("  {}{f}", ui::filtered(lang)),
                            theme.key(),
                        ));
                    }
                    if searching || !l.query.is_empty() {
                        title.push(Span::raw(format!("  {}", ui::search_prompt(lang))));
                        title.push(Span::styled(
                            format!(
                                "{}{}",
                                strings::display(&l.query),
                                if searching { "_" } else { "" }
                            ),
                            theme.key(),
                        ));
                    }
                    l.render(f, area, theme, Line::from(title), ui::no_rows(lang));
                }
            }
        }
    }

    fn draw_hints(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let theme = self.s.theme;
        let mut hints: Vec<(&str, &str)> = Vec::new();
        if self.password.is_some() {
            hints.push(("Enter", ui::key_label("save", lang)));
            hints.push(("Ctrl-C", ui::key_label("quit", lang)));
        }
        let sets = self.bindings();
        // Quit and help first, so they are never cut off; then the screen's own keys.
        let global: Vec<&Binding> = sets
            .iter()
            .flat_map(|s| s.iter())
            .filter(|b| matches!(b.action, Action::Quit | Action::Help))
            .collect();
        let rest = sets
            .iter()
            .flat_map(|s| s.iter())
            .filter(|b| !matches!(b.action, Action::Quit | Action::Help));
        for b in global.into_iter().chain(rest).filter(|b| b.in_bar) {
            let label = ui::key_label(b.label, lang);
            if !hints.iter().any(|(_, l)| *l == label) {
                hints.push((b.shown, label));
            }
        }
        let mut spans = Vec::new();
        let mut used = 0usize;
        for (k, l) in hints {
            let text = format!(" {l}  ");
            let w = k.width() + text.width();
            if used + w > area.width as usize {
                break;
            }
            used += w;
            spans.push(Span::styled(k, theme.key()));
            spans.push(Span::raw(text));
        }
        f.render_widget(Line::from(spans), area);
    }

    fn draw_status(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let text = match &self.message {
            Some((m, _)) => format!(" {m}"),
            None => {
                let roles = self
                    .s
                    .actor
                    .roles
                    .iter()
                    .map(|r| lang.t(r.zh(), r.en()))
                    .collect::<Vec<_>>()
                    .join("、");
                ui::status(
                    &self.s.actor.name,
                    &roles,
                    &self.quarter.to_string(),
                    self.hub.online(),
                    &self.svc.now().format("%H:%M").to_string(),
                    lang,
                )
            }
        };
        f.render_widget(Paragraph::new(text).style(self.s.theme.bar()), area);
    }

    fn popup_area(area: Rect, w: u16, h: u16) -> Rect {
        let w = w.min(area.width.saturating_sub(4));
        let h = h.min(area.height.saturating_sub(2));
        Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height - h) / 2,
            width: w,
            height: h,
        }
    }

    fn draw_help(&self, f: &mut Frame, area: Rect) {
        let lang = self.lang();
        let theme = self.s.theme;
        let mut lines = Vec::new();
        // Help describes the screen under the popup.
        // One line per label, with every key that does it.
        let mut rows: Vec<(&str, Vec<String>)> = Vec::new();
        for b in self.screen_bindings().into_iter().flat_map(|s| s.iter()) {
            let keys = b.keys.iter().map(key_name);
            match rows.iter_mut().find(|(l, _)| *l == b.label) {
                Some((_, k)) => k.extend(keys),
                None => rows.push((b.label, keys.collect())),
            }
        }
        if let Some((_, k)) = rows.iter_mut().find(|(l, _)| *l == "tabs") {
            k.insert(0, "1…9".into());
        }
        for (label, keys) in rows {
            let keys = keys.join(" ");
            let pad = " ".repeat(30usize.saturating_sub(keys.width()));
            lines.push(Line::from(vec![
                Span::styled(format!("{keys}{pad}"), theme.key()),
                Span::raw(ui::key_label(label, lang)),
            ]));
        }
        let r = Self::popup_area(area, 60, lines.len() as u16 + 2);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(ui::help_title(lang));
        f.render_widget(Paragraph::new(lines).block(block), r);
    }

    fn draw_pick(&self, f: &mut Frame, area: Rect, title: &str, options: &[String], cursor: usize) {
        let theme = self.s.theme;
        let room = area.height.saturating_sub(4) as usize;
        let top = cursor.saturating_sub(room.saturating_sub(1));
        let lines: Vec<Line> = options
            .iter()
            .enumerate()
            .skip(top)
            .take(room)
            .map(|(i, o)| {
                let mark = if i == cursor { theme.mark() } else { " " };
                let line = Line::from(format!("{mark} {o}"));
                if i == cursor {
                    line.style(theme.selected())
                } else {
                    line
                }
            })
            .collect();
        let r = Self::popup_area(area, 50, lines.len() as u16 + 2);
        f.render_widget(Clear, r);
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(title.to_string());
        f.render_widget(
            Paragraph::new(lines).block(block).style(Style::default()),
            r,
        );
    }
}

fn key_name(k: &keymap::Key) -> String {
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
    if k.1.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}
