//! Conflicts of interest (回避, N2) from an enterprise's or an inspector's detail: `c` opens a
//! list of the other side to choose from (typing filters it), then asks the reason and declares
//! it; `w` lists the declarations in force on the record shown and withdraws the one chosen (it
//! stays on record). Both go through the service (administrators; it checks again and audits).

use crate::domain::enterprise::Enterprise;
use crate::domain::inspector::{Conflict, Inspector};
use crate::service::hub::Source;
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{display, office as o};
use crate::tui::input::TextInput;
use crate::tui::keymap::{self, Action};
use crate::tui::modal::popup_area;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Msg, Paint, done, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};

/// The registries a conflict joins, read once when a popup opens.
struct Both {
    inspectors: Vec<Inspector>,
    enterprises: Vec<Enterprise>,
    conflicts: Vec<Conflict>,
}

impl Both {
    fn read(svc: &mut Service, actor: &Actor) -> Result<Both, ServiceError> {
        Ok(Both {
            inspectors: svc.inspectors(actor)?,
            enterprises: svc.enterprises(actor)?,
            conflicts: svc.conflicts(actor)?,
        })
    }

    fn who(&self, id: i64) -> String {
        (self.inspectors.iter().find(|i| i.id == id))
            .map(|i| display(&i.data.name))
            .unwrap_or_else(|| format!("#{id}"))
    }

    fn firm(&self, id: i64) -> String {
        (self.enterprises.iter().find(|e| e.id == id))
            .map(|e| display(&e.data.name))
            .unwrap_or_else(|| format!("#{id}"))
    }

    /// The declarations in force that involve the record shown.
    fn in_force(&self, on: Side) -> impl Iterator<Item = &Conflict> {
        (self.conflicts.iter())
            .filter(|c| c.withdrawn.is_none())
            .filter(move |c| match on {
                Side::Enterprise(id) => c.enterprise_id == id,
                Side::Inspector(id) => c.inspector_id == id,
            })
    }
}

/// The record whose detail the popup was opened from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Enterprise(i64),
    Inspector(i64),
}

impl Side {
    /// The side of a detail of `source`, if conflicts belong there.
    pub fn of(source: Source, id: i64) -> Option<Side> {
        match source {
            Source::Enterprises => Some(Side::Enterprise(id)),
            Source::Inspectors => Some(Side::Inspector(id)),
            _ => None,
        }
    }

    /// (inspector, enterprise) of a conflict between this record and `other`.
    fn pair(self, other: i64) -> (i64, i64) {
        match self {
            Side::Enterprise(e) => (other, e),
            Side::Inspector(i) => (i, other),
        }
    }
}

/// Opens the popup for `Conflict` (declare) or `Withdraw` on the record shown.
pub fn open(a: Action, on: Side, cx: &mut Ctx) -> Flow {
    let lang = cx.lang();
    done(Both::read(cx.svc, &cx.s.actor), |both| {
        let popup: Box<dyn Modal> = if a == Action::Withdraw {
            let w = Withdraw::new(on, &both);
            if w.rows.is_empty() {
                return one(Cmd::Say(o::none_to_withdraw(lang).to_string()));
            }
            Box::new(w)
        } else {
            let d = Declare::new(on, &both);
            if d.options.is_empty() {
                return one(Cmd::Say(o::nobody_to_choose(lang).to_string()));
            }
            Box::new(d)
        };
        one(Cmd::Push(popup))
    })
}

/// Choosing the other side, then typing the reason.
pub struct Declare {
    on: Side,
    /// The record shown's name.
    name: String,
    /// Who may be chosen: id, the line shown, the name.
    options: Vec<(i64, String, String)>,
    filter: TextInput,
    cursor: usize,
    /// The option chosen: the reason is asked.
    chosen: Option<usize>,
    reason: TextInput,
    error: Option<String>,
}

impl Declare {
    fn new(on: Side, both: &Both) -> Declare {
        let taken: Vec<i64> = (both.in_force(on))
            .map(|c| match on {
                Side::Enterprise(_) => c.inspector_id,
                Side::Inspector(_) => c.enterprise_id,
            })
            .collect();
        let (name, options) = match on {
            Side::Enterprise(id) => (both.firm(id), inspector_options(both)),
            Side::Inspector(id) => (both.who(id), enterprise_options(both)),
        };
        let options = (options.into_iter())
            .filter(|(id, _, _)| !taken.contains(id))
            .collect();
        Declare {
            on,
            name,
            options,
            filter: TextInput::default(),
            cursor: 0,
            chosen: None,
            reason: TextInput::default(),
            error: None,
        }
    }

    /// The options the filter keeps, by index.
    fn shown(&self) -> Vec<usize> {
        let f = self.filter.value().to_lowercase();
        (self.options.iter().enumerate())
            .filter(|(_, (_, line, _))| line.to_lowercase().contains(f.trim()))
            .map(|(i, _)| i)
            .collect()
    }

    /// The names on both sides of the chosen pair: (inspector, enterprise).
    fn names(&self, i: usize) -> (String, String) {
        let other = self.options.get(i).map(|o| o.2.clone()).unwrap_or_default();
        match self.on {
            Side::Enterprise(_) => (other, self.name.clone()),
            Side::Inspector(_) => (self.name.clone(), other),
        }
    }

    fn declare(&mut self, i: usize, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let Some((other, _, _)) = self.options.get(i) else {
            return vec![Cmd::Pop];
        };
        let (inspector, enterprise) = self.on.pair(*other);
        let today = cx.svc.today();
        let reason = self.reason.value();
        let r = (cx.svc).declare_conflict(&cx.s.actor, inspector, enterprise, &reason, today);
        match r {
            Ok(id) => {
                let (who, firm) = self.names(i);
                vec![
                    Cmd::Pop,
                    Cmd::Saved,
                    Cmd::Send(Msg::Saved(Some(id))),
                    Cmd::Say(o::declared(&who, &firm, lang)),
                ]
            }
            Err(e) => {
                self.error = Some(e.say(None, lang));
                Vec::new()
            }
        }
    }
}

fn inspector_options(both: &Both) -> Vec<(i64, String, String)> {
    (both.inspectors.iter())
        .filter(|i| i.data.active)
        .map(|i| {
            let name = display(&i.data.name);
            let line = display(&format!(
                "{}  {}  {}",
                i.data.name, i.data.cert_no, i.data.unit
            ));
            (i.id, line, name)
        })
        .collect()
}

fn enterprise_options(both: &Both) -> Vec<(i64, String, String)> {
    (both.enterprises.iter())
        .filter(|e| !e.data.status.is_gone())
        .map(|e| {
            let name = display(&e.data.name);
            let line = display(&format!("{}  {}", e.data.name, e.data.credit_code));
            (e.id, line, name)
        })
        .collect()
}

impl Modal for Declare {
    fn keys(&self, _: &Ctx) -> Keys {
        match self.chosen {
            None => (Keys::new().on(keymap::PICK))
                .on(keymap::ARROWS)
                .on(keymap::CLOSE),
            Some(_) => Keys::new().on(keymap::PROMPT),
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let shown = self.shown();
        match (a, self.chosen) {
            (Action::Up, None) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, None) => {
                self.cursor = (self.cursor + 1).min(shown.len().saturating_sub(1))
            }
            (Action::Open, None) => match shown.get(self.cursor) {
                Some(i) => self.chosen = Some(*i),
                None => return one(Cmd::Say(o::no_match(cx.lang()).to_string())),
            },
            (Action::Back, None) => return one(Cmd::Pop),
            (Action::Save, Some(i)) => return self.declare(i, cx),
            (Action::Back, Some(_)) => {
                self.chosen = None;
                self.error = None;
            }
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        let used = match self.chosen {
            None => {
                let used = self.filter.key(k);
                self.cursor = 0;
                used
            }
            Some(_) => {
                self.error = None;
                self.reason.key(k)
            }
        };
        used.then(Vec::new)
    }

    fn paste(&mut self, s: &str) {
        let line = s.lines().next().unwrap_or_default();
        match self.chosen {
            None => self.filter.insert_str(line),
            Some(_) => self.reason.insert_str(line),
        }
    }

    fn unsaved(&self) -> bool {
        !self.reason.value().is_empty()
    }

    fn render(&mut self, f: &mut Frame, full: Rect, body: Rect, p: &Paint) {
        let lang = p.lang();
        let lines = match self.chosen {
            None => self.choose_lines(body, p),
            Some(i) => {
                let (who, firm) = self.names(i);
                let mut l = vec![
                    Line::from(o::reason_question(&who, &firm, lang)),
                    Line::from(format!("> {}", display(&self.reason.value()))),
                ];
                if let Some(e) = &self.error {
                    l.push(Line::from(Span::styled(format!("⚠ {e}"), p.theme().warn())));
                }
                l
            }
        };
        let choosing = self.chosen.is_none();
        let title = o::pick_other(matches!(self.on, Side::Enterprise(_)), lang);
        let area = if choosing { body } else { full };
        let h = if choosing { body.height } else { 6 };
        boxed(f, popup_area(area, 76, h), p, lines, title);
    }
}

impl Declare {
    /// The filter line and the options it keeps, the cursor in view.
    fn choose_lines(&self, body: Rect, p: &Paint) -> Vec<Line<'static>> {
        let theme = p.theme();
        let shown = self.shown();
        let room = body.height.saturating_sub(5) as usize;
        let top = self.cursor.saturating_sub(room.saturating_sub(1));
        let mut lines = vec![Line::from(format!("/ {}_", display(&self.filter.value())))];
        if shown.is_empty() {
            lines.push(Line::from(o::no_match(p.lang())));
        }
        for (n, i) in shown.iter().enumerate().skip(top).take(room) {
            let text = self
                .options
                .get(*i)
                .map(|o| o.1.clone())
                .unwrap_or_default();
            let line = match n == self.cursor {
                true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                false => Line::from(format!("  {text}")),
            };
            lines.push(line);
        }
        lines
    }
}

/// The declarations in force on the record shown; `Enter` withdraws the one chosen.
pub struct Withdraw {
    /// Conflict id, inspector's name, enterprise's name, reason and date.
    rows: Vec<(i64, String, String, String)>,
    cursor: usize,
}

impl Withdraw {
    fn new(on: Side, both: &Both) -> Withdraw {
        let rows = (both.in_force(on))
            .map(|c| {
                let when = display(&format!("{}  {}", c.reason, c.declared_on));
                (
                    c.id,
                    both.who(c.inspector_id),
                    both.firm(c.enterprise_id),
                    when,
                )
            })
            .collect();
        Withdraw { rows, cursor: 0 }
    }

    fn withdraw(&mut self, cx: &mut Ctx) -> Flow {
        let Some((id, who, firm, _)) = self.rows.get(self.cursor).cloned() else {
            return one(Cmd::Pop);
        };
        let today = cx.svc.today();
        let lang = cx.lang();
        done(cx.svc.withdraw_conflict(&cx.s.actor, id, today), |()| {
            vec![
                Cmd::Pop,
                Cmd::Saved,
                Cmd::Send(Msg::Saved(Some(id))),
                Cmd::Say(o::withdrawn(&who, &firm, lang)),
            ]
        })
    }
}

impl Modal for Withdraw {
    fn keys(&self, _: &Ctx) -> Keys {
        (Keys::new().on(keymap::WITHDRAW_PICKED))
            .on(keymap::ARROWS)
            .on(keymap::CLOSE)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        match a {
            Action::Up => self.cursor = self.cursor.saturating_sub(1),
            Action::Down => self.cursor = (self.cursor + 1).min(self.rows.len().saturating_sub(1)),
            Action::Open => return self.withdraw(cx),
            Action::Back => return one(Cmd::Pop),
            a => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let theme = p.theme();
        let lines: Vec<Line> = (self.rows.iter().enumerate())
            .map(|(n, (_, who, firm, when))| {
                let text = format!("{who} ↔ {firm}{}{when}", crate::strings::colon(p.lang()));
                match n == self.cursor {
                    true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                    false => Line::from(format!("  {text}")),
                }
            })
            .collect();
        let h = lines.len() as u16 + 2;
        boxed(
            f,
            popup_area(full, 76, h),
            p,
            lines,
            o::pick_withdraw(p.lang()),
        );
    }
}

/// A bordered, cleared popup with a title.
fn boxed(f: &mut Frame, r: Rect, p: &Paint, lines: Vec<Line>, title: &str) {
    f.render_widget(Clear, r);
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(p.theme().border())
        .title(format!(" {title} "));
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        r,
    );
}
