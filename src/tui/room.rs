//! The draws tab: the list of draws and the live draw room (issue 5) that several sessions
//! share. The room's view is built once per change by the hub and shared; this module keeps
//! each session's own part — scroll position, an open prompt, its presence in the room — and
//! turns keys into service calls (which check permissions and states again).

use super::data::{Hub, Presence};
use super::input::TextInput;
use super::keymap::{self, Action, Binding};
use super::theme::Theme;
use crate::domain::ceremony::Status;
use crate::domain::draw::Stratum;
use crate::domain::user::Role;
use crate::service::{
    Actor, Decision, DrawSummary, MIN_ENTROPY_CHARS, ROOM_ROLES, RoomState, Service, ServiceError,
};
use crate::strings::{self, Lang, draw as ds, room as rs};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use std::sync::Arc;
use unicode_width::UnicodeWidthStr;

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ask {
    Entropy,
    Decline,
    Accept,
    Cancel,
    Annotate,
}

impl Ask {
    fn code(self) -> &'static str {
        match self {
            Ask::Entropy => "entropy",
            Ask::Decline => "decline",
            Ask::Accept => "accept",
            Ask::Cancel => "cancel",
            Ask::Annotate => "annotate",
        }
    }
}

/// An open prompt in the room.
pub enum Prompt {
    Text {
        ask: Ask,
        input: TextInput,
    },
    /// A yes/no question before an irreversible step.
    Sure(Action),
}

/// One open room in this session.
pub struct Room {
    pub id: i64,
    state: Option<Arc<RoomState>>,
    scroll: u16,
    pub prompt: Option<Prompt>,
    /// Whether this session's view of the sealed list has been audited.
    viewed: bool,
    _presence: Presence,
}

/// The draws tab of one session.
#[derive(Default)]
pub struct Draws {
    list: Vec<DrawSummary>,
    cursor: usize,
    pub room: Option<Room>,
    loaded: bool,
}

/// What the app should do after a key.
pub enum Reply {
    Nothing,
    Say(String),
    Error(ServiceError),
    /// Files for the user's outbox (the draw record).
    Files(crate::service::Files),
}

impl Draws {
    /// Forgets the list, so that it is read again when shown.
    pub fn stale(&mut self) {
        self.loaded = false;
        if let Some(r) = &mut self.room {
            r.state = None;
        }
    }

    /// Reads what is shown, if it is stale.
    pub fn load(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        hub: &Hub,
    ) -> Result<(), ServiceError> {
        // The list is read only when shown (leaving a room reads it again).
        if !self.loaded && self.room.is_none() {
            self.list = svc.draw_list(actor)?;
            self.cursor = self.cursor.min(self.list.len().saturating_sub(1));
            self.loaded = true;
        }
        if let Some(r) = &mut self.room
            && r.state.is_none()
        {
            actor.require(ROOM_ROLES)?;
            let id = r.id;
            let st = hub.room(id, || svc.room(actor, id))?;
            if st.status == Status::Sealed && !r.viewed {
                svc.record_view(actor, id, "room")?;
                r.viewed = true;
            }
            r.state = Some(st);
        }
        Ok(())
    }

    /// Enters a room: administrators open it, others join. Also used to land back in a room
    /// after a reconnect.
    pub fn enter(
        &mut self,
        svc: &mut Service,
        actor: &Actor,
        hub: &Arc<Hub>,
        id: i64,
    ) -> Result<(), ServiceError> {
        let prepared = svc.draw_status(actor, id)? == Status::Prepared;
        if actor.has(Role::Admin) && prepared {
            svc.open_room(actor, id)?;
        } else {
            svc.join_room(actor, id).or_else(|e| match e {
                // A finished draw's room can still be looked at.
                ServiceError::Draw(crate::service::DrawProblem::Status { .. }) => Ok(()),
                e => Err(e),
            })?;
        }
        let since = svc.now().format("%H:%M:%S").to_string();
        self.room = Some(Room {
            id,
            state: None,
            scroll: 0,
            prompt: None,
            viewed: false,
            _presence: hub.enter_room(id, &actor.name, &since),
        });
        self.load(svc, actor, hub)
    }

    /// The bindings in force, most specific first.
    pub fn bindings(&self, actor: &Actor) -> Vec<&'static [Binding]> {
        match &self.room {
            None => vec![keymap::DRAWS, keymap::GLOBAL],
            Some(r) => match &r.prompt {
                Some(Prompt::Text { .. }) => vec![keymap::PROMPT],
                Some(Prompt::Sure(_)) => vec![keymap::CONFIRM],
                None => {
                    let mut v = vec![keymap::SCROLL, keymap::ROOM];
                    if actor.has(Role::Witness) {
                        v.push(keymap::ROOM_WITNESS);
                    }
                    if actor.has(Role::Admin) {
                        v.push(keymap::ROOM_ADMIN);
                        if r.state
                            .as_ref()
                            .is_some_and(|s| s.status == Status::Prepared)
                        {
                            v.push(keymap::ROOM_ANNOUNCE);
                        }
                    }
                    if actor.has(Role::Leader) {
                        v.push(keymap::ROOM_LEADER);
                    }
                    if actor.has(Role::Admin) || actor.has(Role::Leader) {
                        v.push(keymap::ROOM_MANAGE);
                    }
                    v.push(keymap::GLOBAL);
                    v
                }
            },
        }
    }

    /// Whether a text field has focus (digits then type, not switch tabs).
    pub fn typing(&self) -> bool {
        matches!(
            self.room.as_ref().and_then(|r| r.prompt.as_ref()),
            Some(Prompt::Text { .. })
        )
    }

    /// Feeds a key to an open text prompt; true when it took it.
    pub fn prompt_key(&mut self, k: &ratatui::crossterm::event::KeyEvent) -> bool {
        match self.room.as_mut().and_then(|r| r.prompt.as_mut()) {
            Some(Prompt::Text { input, .. }) => input.key(k),
            _ => false,
        }
    }

    /// Pasted text goes to an open prompt (first line only).
    pub fn paste(&mut self, text: &str) {
        if let Some(Prompt::Text { input, .. }) = self.room.as_mut().and_then(|r| r.prompt.as_mut())
        {
            input.insert_str(text.lines().next().unwrap_or(""));
        }
    }

    /// Does `a`.
    pub fn act(
        &mut self,
        a: Action,
        svc: &mut Service,
        actor: &Actor,
        hub: &Arc<Hub>,
        lang: Lang,
    ) -> Reply {
        let Some(room) = &mut self.room else {
            return match a {
                Action::Up => {
                    self.cursor = self.cursor.saturating_sub(1);
                    Reply::Nothing
                }
                Action::Down => {
                    self.cursor = (self.cursor + 1).min(self.list.len().saturating_sub(1));
                    Reply::Nothing
                }
                Action::Open => match self.list.get(self.cursor).map(|d| d.id) {
                    Some(id) => match self.enter(svc, actor, hub, id) {
                        Ok(()) => Reply::Nothing,
                        Err(e) => {
                            self.room = None;
                            Reply::Error(e)
                        }
                    },
                    None => Reply::Nothing,
                },
                _ => Reply::Nothing,
            };
        };
        let id = room.id;
        // Answers to an open prompt.
        match (room.prompt.take(), a) {
            (Some(Prompt::Text { ask, input }), Action::Save) => {
                let text = input.value();
                if ask == Ask::Entropy && text.chars().count() < MIN_ENTROPY_CHARS {
                    room.prompt = Some(Prompt::Text { ask, input });
                    return Reply::Say(rs::entropy_short(MIN_ENTROPY_CHARS, lang));
                }
                let r = match ask {
                    Ask::Entropy => svc
                        .add_entropy(actor, id, &actor.name, &text)
                        .map(|h| rs::entropy_done(&h, lang)),
                    Ask::Decline => svc
                        .decline_draw(actor, id, &text, None)
                        .map(|()| rs::declined(lang).into()),
                    Ask::Accept => svc
                        .decide_draw(actor, id, &Decision::Accept { note: text })
                        .map(|()| rs::accepted(lang).into()),
                    Ask::Cancel => svc
                        .cancel_draw(actor, id, &text)
                        .map(|()| rs::cancelled(lang).into()),
                    Ask::Annotate => svc
                        .annotate_draw(actor, id, &text)
                        .map(|()| rs::annotated(lang).into()),
                };
                return match r {
                    Ok(m) => Reply::Say(m),
                    Err(e) => Reply::Error(e),
                };
            }
            (Some(Prompt::Text { .. }), Action::Back) | (Some(Prompt::Sure(_)), Action::No) => {
                return Reply::Nothing;
            }
            (Some(Prompt::Sure(what)), Action::Yes) => {
                let r = match what {
                    Action::Reveal => svc.reveal_draw(actor, id).map(|_| rs::revealed(lang)),
                    Action::Confirm => svc
                        .confirm_draw(actor, id, None)
                        .map(|()| rs::confirmed(lang)),
                    Action::Release => svc.release_draw(actor, id).map(|()| rs::released(lang)),
                    _ => Ok(""),
                };
                return match r {
                    Ok(m) => Reply::Say(m.into()),
                    Err(e) => Reply::Error(e),
                };
            }
            (Some(p), _) => {
                room.prompt = Some(p);
                return Reply::Nothing;
            }
            (None, _) => {}
        }
        let text = |ask| {
            Some(Prompt::Text {
                ask,
                input: TextInput::default(),
            })
        };
        match a {
            Action::Up => room.scroll = room.scroll.saturating_sub(1),
            Action::Down => room.scroll = room.scroll.saturating_add(1),
            Action::PageUp => room.scroll = room.scroll.saturating_sub(10),
            Action::PageDown => room.scroll = room.scroll.saturating_add(10),
            Action::Back => {
                self.room = None;
                self.loaded = false;
            }
            Action::Entropy => room.prompt = text(Ask::Entropy),
            Action::Decline => room.prompt = text(Ask::Decline),
            Action::Accept => room.prompt = text(Ask::Accept),
            Action::CancelDraw => room.prompt = text(Ask::Cancel),
            Action::Annotate => room.prompt = text(Ask::Annotate),
            Action::Reveal | Action::Confirm | Action::Release => {
                room.prompt = Some(Prompt::Sure(a))
            }
            Action::Announce => {
                return match svc.draw_announcement(actor, id, None, lang) {
                    Ok(files) => Reply::Files(files),
                    Err(e) => Reply::Error(e),
                };
            }
            Action::Record => {
                return match svc.draw_record(actor, id, lang) {
                    Ok(files) => Reply::Files(files),
                    Err(e) => Reply::Error(e),
                };
            }
            _ => {}
        }
        Reply::Nothing
    }

    pub fn render(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang, hub: &Hub) {
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
                d.prepared_by,
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

fn render_room(r: &Room, f: &mut Frame, area: Rect, theme: Theme, lang: Lang, hub: &Hub) {
    let Some(st) = &r.state else {
        return;
    };
    let present = hub.present(st.id);
    let mut lines: Vec<Line> = Vec::new();
    let status = ds::status_label(st.status.code(), lang);
    lines.push(Line::from(vec![
        Span::styled(format!("{}  ", st.label), theme.header()),
        Span::styled(format!("[{status}]"), theme.key()),
        Span::raw(format!(
            "  {}",
            rs::mode_line(&st.params, &st.quarter, lang)
        )),
    ]));
    lines.push(Line::from(rs::counts_line(&st.strata, lang)));
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
        lines.push(Line::from(Span::styled(
            rs::decision_line(st.status, by, time(at), note, lang),
            theme.warn(),
        )));
    }
    if let Some(res) = &st.result {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            rs::result_title(lang),
            theme.header(),
        )));
        for (s, pop, targets) in &res.selections {
            lines.push(Line::from(rs::stratum_title(
                stratum(*s, lang),
                targets.len(),
                *pop,
                lang,
            )));
            for t in targets {
                let team = res.teams.iter().find(|x| x.code == t.code);
                lines.push(Line::from(format!(
                    "  {:>2}. {}  {}",
                    t.rank,
                    t.code,
                    strings::display(&t.name)
                )));
                if let Some(team) = team {
                    lines.push(Line::from(Span::styled(
                        format!("      {}", rs::team_line(team, lang)),
                        theme.dim(),
                    )));
                }
            }
        }
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        rs::people_title(lang),
        theme.header(),
    )));
    for m in &st.members {
        let here = present.get(&m.login);
        let roles: Vec<&str> = m.roles.iter().map(|r| lang.t(r.zh(), r.en())).collect();
        let mut text = format!(
            "  {} {}  {}",
            pad(&strings::display(&m.name), 10),
            pad(&roles.join("/"), 12),
            match here {
                Some(since) => rs::here_since(since, lang),
                None => rs::away(lang).to_string(),
            }
        );
        if let Some((hash, at)) = &m.entropy {
            text.push_str(&format!(
                "  {}",
                rs::entropy_in(hash.get(..16).unwrap_or(hash), time(at), lang)
            ));
        }
        if let Some(a) = &m.answer {
            text.push_str(&format!(
                "  {}",
                rs::answer(a.confirmed, &a.reason, time(&a.at), lang)
            ));
        }
        lines.push(Line::from(text));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        rs::hashes_title(lang),
        theme.header(),
    )));
    for (part, h) in st.hashes.parts() {
        lines.push(Line::from(format!(
            "  {}{}",
            pad(rs::part_name(part.code(), lang), 10),
            h.to_hex()
        )));
    }
    lines.push(Line::from(format!(
        "  {}{}",
        pad(rs::part_name("commitment", lang), 10),
        st.commitment
    )));
    if let Some(res) = &st.result {
        lines.push(Line::from(format!(
            "  {}{}",
            pad(rs::part_name("secret", lang), 10),
            res.secret
        )));
        lines.push(Line::from(format!(
            "  {}{}",
            pad(rs::part_name("seed", lang), 10),
            res.seed
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        rs::log_title(lang),
        theme.header(),
    )));
    for s in &st.log {
        let mut text = format!(
            "  {}  {}  {}",
            time(&s.at),
            pad(&s.actor, 8),
            rs::step(&s.action, lang)
        );
        if let Some(n) = &s.note {
            text.push_str(&format!("：{}", strings::display(n)));
        }
        lines.push(Line::from(text));
    }
    for n in &st.notes {
        lines.push(Line::from(format!(
            "  {}  {}  {}：{}",
            time(&n.at),
            pad(&n.by, 8),
            rs::step("annotate", lang),
            strings::display(&n.note)
        )));
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(rs::room_title(&st.label, lang));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((r.scroll, 0)),
        area,
    );
    if let Some(p) = &r.prompt {
        let (title, body) = match p {
            Prompt::Text { ask, input } => {
                let shown = if *ask == Ask::Entropy {
                    rs::typed_chars(input.value().chars().count(), lang)
                } else {
                    format!("> {}", strings::display(&input.value()))
                };
                (rs::ask_title(ask.code(), lang), shown)
            }
            Prompt::Sure(a) => {
                let what = match a {
                    Action::Reveal => "reveal",
                    Action::Confirm => "confirm",
                    _ => "release",
                };
                (rs::sure_title(what, lang), "(y/n)".to_string())
            }
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
        f.render_widget(
            Paragraph::new(vec![Line::from(title), Line::from(body)])
                .block(block)
                .wrap(Wrap { trim: false }),
            pr,
        );
    }
}
