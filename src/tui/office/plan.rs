//! The quarter's plan (`p` on the home tab, leaders and administrators): the six ratios of a
//! quarter beside the defaults; `Enter` sets the one chosen for that quarter only, parsed by the
//! same `parse_percent` as `shuangsui plan set`, through the service (which checks the role and
//! writes the audit entry); `< >` shows another quarter.

use crate::domain::quarter::Quarter;
use crate::domain::quota::{Group, Ratios, format_percent, parse_percent};
use crate::service::plan_ratio::PlanRatio;
use crate::service::{Change, ServiceError};
use crate::strings::{Lang, cli, display, office as o};
use crate::tui::input::TextInput;
use crate::tui::keymap::{self, Action};
use crate::tui::modal::popup_area;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, done, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// What a ratio means, as `plan show` says it.
pub fn meaning(r: PlanRatio, lang: Lang) -> String {
    match r {
        PlanRatio::Key => cli::group_label(Group::Key, lang),
        PlanRatio::Special => cli::group_label(Group::Special, lang),
        PlanRatio::General => cli::group_label(Group::General, lang),
        PlanRatio::Positive => cli::group_label(Group::PositiveList, lang),
        PlanRatio::InternalJoint => cli::internal_joint(lang).to_string(),
        PlanRatio::Classified => cli::classified_share(lang).to_string(),
    }
}

/// The popup of a quarter's ratios.
pub struct PlanRatios {
    quarter: Quarter,
    ratios: Ratios,
    own: bool,
    defaults: Ratios,
    cursor: usize,
    /// The percentage being typed for the ratio under the cursor.
    editing: Option<TextInput>,
    error: Option<String>,
}

impl PlanRatios {
    /// Opens on `quarter`.
    pub fn open(quarter: Quarter, cx: &mut Ctx) -> Flow {
        let mut p = PlanRatios {
            quarter,
            ratios: Ratios::default(),
            own: false,
            defaults: Ratios::default(),
            cursor: 0,
            editing: None,
            error: None,
        };
        done(p.load(cx), |()| one(Cmd::Push(Box::new(p))))
    }

    fn load(&mut self, cx: &mut Ctx) -> Result<(), ServiceError> {
        (self.ratios, self.own) = cx.svc.plan_ratios(self.quarter)?;
        self.defaults = cx.svc.ratios()?;
        Ok(())
    }

    fn chosen(&self) -> PlanRatio {
        PlanRatio::ALL[self.cursor.min(PlanRatio::ALL.len() - 1)]
    }

    /// Sets the ratio chosen to the percentage typed; bad input is said and changes nothing.
    fn save(&mut self, cx: &mut Ctx) -> Flow {
        let lang = cx.lang();
        let typed = self
            .editing
            .as_ref()
            .map(TextInput::value)
            .unwrap_or_default();
        let Some(bp) = parse_percent(&typed) else {
            self.error = Some(cli::bad_percent(&display(&typed), lang));
            return Vec::new();
        };
        let which = self.chosen();
        let r = cx
            .svc
            .set_quarter_ratio(&cx.s.actor, self.quarter, which, bp);
        match r {
            Ok(r) => {
                (self.ratios, self.own, self.editing, self.error) = (r, true, None, None);
                let q = self.quarter.to_string();
                let said = o::plan_set(&meaning(which, lang), &q, &format_percent(bp), lang);
                vec![Cmd::Saved, Cmd::Say(said)]
            }
            Err(e) => {
                self.error = Some(e.say(None, lang));
                Vec::new()
            }
        }
    }

    /// Another quarter.
    fn show(&mut self, q: Quarter, cx: &mut Ctx) -> Flow {
        let before = self.quarter;
        self.quarter = q;
        match self.load(cx) {
            Ok(()) => Vec::new(),
            Err(e) => {
                self.quarter = before;
                one(Cmd::Fail(e))
            }
        }
    }
}

impl Modal for PlanRatios {
    fn keys(&self, _: &Ctx) -> Keys {
        match self.editing {
            None => (Keys::new().on(keymap::PLAN_EDIT))
                .on(keymap::ARROWS)
                .on(keymap::CLOSE),
            Some(_) => Keys::new().on(keymap::PROMPT),
        }
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let last = PlanRatio::ALL.len() - 1;
        match (a, self.editing.is_some()) {
            (Action::Up, false) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, false) => self.cursor = (self.cursor + 1).min(last),
            (Action::Edit, false) => {
                let now = format_percent(self.chosen().of(&self.ratios));
                self.editing = Some(TextInput::new(now.trim_end_matches('%')));
            }
            (Action::PrevQuarter, false) => return self.show(self.quarter.prev(), cx),
            (Action::NextQuarter, false) => return self.show(self.quarter.next(), cx),
            (Action::Back, false) => return one(Cmd::Pop),
            (Action::Save, true) => return self.save(cx),
            (Action::Back, true) => (self.editing, self.error) = (None, None),
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        let input = self.editing.as_mut()?;
        self.error = None;
        input.key(k).then(Vec::new)
    }

    fn paste(&mut self, s: &str) {
        if let Some(input) = self.editing.as_mut() {
            input.insert_str(s.lines().next().unwrap_or_default());
        }
    }

    fn unsaved(&self) -> bool {
        self.editing.is_some()
    }

    fn changed(&mut self, c: Change, cx: &mut Ctx) -> Flow {
        match (c, self.editing.is_none()) {
            (Change::Settings, true) => done(self.load(cx), |()| Vec::new()),
            _ => Vec::new(),
        }
    }

    fn render(&mut self, f: &mut Frame, full: Rect, _: Rect, p: &Paint) {
        let lines = self.lines(p);
        let h = lines.len() as u16 + 4;
        let r = popup_area(full, 78, h);
        f.render_widget(Clear, r);
        let q = self.quarter.to_string();
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(p.theme().border())
            .title(format!(" {} ", o::plan_title(&q, self.own, p.lang())));
        let para = Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false });
        f.render_widget(para, r);
    }
}

impl PlanRatios {
    /// The table of ratios, then the prompt or the help line.
    fn lines(&self, p: &Paint) -> Vec<Line<'static>> {
        let (lang, theme) = (p.lang(), p.theme());
        let names: Vec<String> = PlanRatio::ALL.iter().map(|r| meaning(*r, lang)).collect();
        let wide = names.iter().map(|n| n.width()).max().unwrap_or(0) + 2;
        let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
        let [h0, h1, h2] = o::plan_heads(lang);
        let head = format!("  {}{}{}", pad(h0, wide), pad(h1, 10), h2);
        let mut lines = vec![Line::from(Span::styled(head, theme.dim()))];
        for (i, r) in PlanRatio::ALL.iter().enumerate() {
            let (now, def) = (r.of(&self.ratios), r.of(&self.defaults));
            // A ratio differing from the default is marked with a word, not colour alone.
            let mark = if now != def { " *" } else { "" };
            let text = format!(
                "{}{}{}{mark}",
                pad(&names[i], wide),
                pad(&format_percent(now), 10),
                format_percent(def)
            );
            lines.push(match i == self.cursor {
                true => Line::from(format!("{} {text}", theme.mark())).style(theme.selected()),
                false => Line::from(format!("  {text}")),
            });
        }
        lines.push(Line::from(""));
        match &self.editing {
            Some(input) => {
                let q = self.quarter.to_string();
                let now = format_percent(self.chosen().of(&self.ratios));
                let what = meaning(self.chosen(), lang);
                lines.push(Line::from(o::plan_ask(&what, &q, &now, lang)));
                lines.push(Line::from(format!("> {}", display(&input.value()))));
            }
            None => lines.push(Line::from(o::plan_help(lang))),
        }
        if let Some(e) = &self.error {
            lines.push(Line::from(Span::styled(format!("⚠ {e}"), theme.warn())));
        }
        lines
    }
}
