//! Drawing the draws tab: the list of draws, and the room — state and parameters, the result
//! with each target's team, who is in the room, the hashes, the log — with an open prompt over
//! it.

use super::{Ask, Draws, Prompt, Room};
use crate::domain::draw::Stratum;
use crate::service::RoomState;
use crate::service::hub::Hub;
use crate::strings::{self, Lang, draw as ds, room as rs};
use crate::tui::keymap::Action;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

impl Draws {
    pub fn draw(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang, hub: &Hub) {
        match &self.room {
            Some(r) => render_room(r, f, area, theme, lang, hub),
            None => self.render_list(f, area, theme, lang),
        }
    }

    fn render_list(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
        let mut lines = vec![Line::from(Span::styled(
            rs::list_header(lang),
            theme.header(),
        ))];
        if self.list.is_empty() {
            lines.push(Line::from(rs::no_draws(lang)));
        }
        let room = area.height.saturating_sub(3) as usize;
        let top = self.cursor.saturating_sub(room.saturating_sub(1));
        for (i, d) in self.list.iter().enumerate().skip(top).take(room) {
            let mark = if i == self.cursor { theme.mark() } else { " " };
            let text = format!(
                "{mark}{:<12}{:<8}{}  {}  {}",
                d.label,
                d.quarter,
                pad(&ds::status_label(&d.status, lang), 24),
                strings::audit::actor(&d.prepared_by, lang),
                d.prepared_at.get(..16).unwrap_or(&d.prepared_at)
            );
            let line = Line::from(text);
            lines.push(if i == self.cursor {
                line.style(theme.selected())
            } else {
                line
            });
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(rs::list_title(lang));
        f.render_widget(Paragraph::new(lines).block(block), area);
    }
}

/// `s` padded with spaces to `w` terminal cells.
fn pad(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

fn time(at: &str) -> &str {
    // 2024-04-10T09:00:00+08:00 → 09:00:00
    at.get(11..19).unwrap_or(at)
}

fn stratum(s: Stratum, lang: Lang) -> &'static str {
    ds::stratum(s, lang)
}

fn heading(text: &str, theme: Theme) -> Line<'static> {
    Line::from(Span::styled(text.to_string(), theme.header()))
}

fn render_room(r: &Room, f: &mut Frame, area: Rect, theme: Theme, lang: Lang, hub: &Hub) {
    let Some(st) = &r.state else {
        return;
    };
    let mut lines = head_lines(st, theme, lang);
    result_lines(st, theme, lang, &mut lines);
    people_lines(st, hub, theme, lang, &mut lines);
    hash_lines(st, theme, lang, &mut lines);
    log_lines(st, theme, lang, &mut lines);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(rs::room_title(&st.label, lang));
    let inner = block.inner(area);
    f.render_widget(block, area);
    // With a result, who is here and the latest steps stay in view below it.
    let footer = match st.result.is_some() && inner.height > 12 {
        true => footer_lines(st, hub, theme, lang),
        false => Vec::new(),
    };
    let [main, foot] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(footer.len() as u16)])
            .areas(inner);
    let para = Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((r.scroll, 0));
    f.render_widget(para, main);
    f.render_widget(Paragraph::new(footer), foot);
    if let Some(p) = &r.prompt {
        render_prompt(p, f, area, theme, lang);
    }
}

/// Below a result: a rule, who is here (or away), and the last three steps of the log.
fn footer_lines(st: &RoomState, hub: &Hub, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let present = hub.present(st.id);
    let people: Vec<String> = (st.members.iter())
        .map(|m| {
            let mark = match present.contains_key(&m.login) {
                true => "●",
                false => "○",
            };
            format!("{mark}{}", strings::display(&m.name))
        })
        .collect();
    let rule = format!("── {} ──", rs::log_title(lang));
    let mut lines = vec![
        Line::from(Span::styled(rule, theme.dim())),
        Line::from(strings::labelled(
            rs::people_title(lang),
            &people.join(" "),
            lang,
        )),
    ];
    let last = st.log.iter().rev().take(3).collect::<Vec<_>>();
    for s in last.into_iter().rev() {
        let step = rs::step(&s.action, lang);
        lines.push(Line::from(format!(
            "{}  {}  {step}",
            time(&s.at),
            pad(&s.actor, 8)
        )));
    }
    lines
}

/// The state, the mode, the counts, the items, the witnesses, a decision.
fn head_lines(st: &RoomState, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let status = ds::status_label(st.status.code(), lang);
    let mut lines = vec![
        Line::from(vec![
            Span::styled(format!("{}  ", st.label), theme.header()),
            Span::styled(format!("[{status}]"), theme.key()),
            Span::raw(format!(
                "  {}",
                rs::mode_line(&st.params, &st.quarter, lang)
            )),
        ]),
        Line::from(rs::counts_line(&st.strata, lang)),
    ];
    if !st.params.items.is_empty() {
        lines.push(Line::from(rs::items_line(&st.params.items, lang)));
    }
    lines.push(Line::from(rs::witness_line(
        st.entropy_count,
        st.min_witnesses,
        st.public_source.as_deref(),
        st.public_value_entered,
        lang,
    )));
    if let Some((by, at, note)) = &st.decision {
        let line = rs::decision_line(st.status, by, time(at), note, lang);
        lines.push(Line::from(Span::styled(line, theme.warn())));
    }
    lines
}

/// The targets drawn per stratum, each with its team.
fn result_lines(st: &RoomState, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    let Some(res) = &st.result else { return };
    lines.push(Line::from(""));
    lines.push(heading(rs::result_title(lang), theme));
    for (s, pop, targets) in &res.selections {
        let title = rs::stratum_title(stratum(*s, lang), targets.len(), *pop, lang);
        lines.push(Line::from(title));
        for t in targets {
            let name = strings::display(&t.name);
            lines.push(Line::from(format!("  {:>2}. {}  {name}", t.rank, t.code)));
            if let Some(team) = res.teams.iter().find(|x| x.code == t.code) {
                let team = format!("      {}", rs::team_line(team, lang));
                lines.push(Line::from(Span::styled(team, theme.dim())));
            }
        }
    }
}

/// The room's people: here or away, their entropy and their answer.
fn people_lines(
    st: &RoomState,
    hub: &Hub,
    theme: Theme,
    lang: Lang,
    lines: &mut Vec<Line<'static>>,
) {
    let present = hub.present(st.id);
    lines.push(Line::from(""));
    lines.push(heading(rs::people_title(lang), theme));
    for m in &st.members {
        let roles: Vec<&str> = m.roles.iter().map(|r| lang.t(r.zh(), r.en())).collect();
        let here = match present.get(&m.login) {
            Some(since) => rs::here_since(since, lang),
            None => rs::away(lang).to_string(),
        };
        let name = pad(&strings::display(&m.name), 10);
        let mut text = format!("  {name} {}  {here}", pad(&roles.join("/"), 12));
        if let Some((hash, at)) = &m.entropy {
            let short = hash.get(..16).unwrap_or(hash);
            text.push_str(&format!("  {}", rs::entropy_in(short, time(at), lang)));
        }
        if let Some(a) = &m.answer {
            let answer = rs::answer(a.confirmed, &a.reason, time(&a.at), lang);
            text.push_str(&format!("  {answer}"));
        }
        lines.push(Line::from(text));
    }
}

/// The snapshot's hashes, the commitment, and after the reveal the secret and the seed.
fn hash_lines(st: &RoomState, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::from(""));
    lines.push(heading(rs::hashes_title(lang), theme));
    let row = |name: &str, value: &str| {
        Line::from(format!("  {}{value}", pad(rs::part_name(name, lang), 10)))
    };
    for (part, h) in st.hashes.parts() {
        lines.push(row(part.code(), &h.to_hex()));
    }
    lines.push(row("commitment", &st.commitment));
    if let Some(res) = &st.result {
        lines.push(row("secret", &res.secret));
        lines.push(row("seed", &res.seed));
    }
}

/// Every step of the ceremony, then the notes added after it.
fn log_lines(st: &RoomState, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::from(""));
    lines.push(heading(rs::log_title(lang), theme));
    for s in &st.log {
        let step = rs::step(&s.action, lang);
        let mut text = format!("  {}  {}  {step}", time(&s.at), pad(&s.actor, 8));
        if let Some(n) = &s.note {
            text.push_str(&format!("{}{}", strings::colon(lang), strings::display(n)));
        }
        lines.push(Line::from(text));
    }
    for n in &st.notes {
        let step = rs::step("annotate", lang);
        let note = strings::display(&n.note);
        let text = format!(
            "  {}  {}  {}",
            time(&n.at),
            pad(&n.by, 8),
            strings::labelled(step, &note, lang)
        );
        lines.push(Line::from(text));
    }
}

fn render_prompt(p: &Prompt, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
    let (title, body) = match p {
        Prompt::Text { ask, input } => {
            let shown = if *ask == Ask::Entropy {
                rs::typed_chars(input.value().chars().count(), lang)
            } else {
                format!("> {}", strings::display(&input.value()))
            };
            (rs::ask_title(ask.code(), lang).to_string(), shown)
        }
        Prompt::Sure(a) => {
            let what = match a {
                Action::Reveal => "reveal",
                Action::Confirm => "confirm",
                _ => "release",
            };
            (rs::sure_title(what, lang).to_string(), "(y/n)".to_string())
        }
        Prompt::SureCancel(reason) => (
            crate::strings::prepare::sure_cancel(&strings::display(reason), lang),
            "(y/n)".to_string(),
        ),
    };
    let w = 72u16.min(area.width.saturating_sub(4));
    let pr = Rect {
        x: area.x + (area.width.saturating_sub(w)) / 2,
        y: area.y + area.height.saturating_sub(5) / 2,
        width: w,
        height: 5.min(area.height),
    };
    f.render_widget(Clear, pr);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border());
    let para = Paragraph::new(vec![Line::from(title), Line::from(body)])
        .block(block)
        .wrap(Wrap { trim: false });
    f.render_widget(para, pr);
}
