//! The quarter's plan (`p` on the home tab, leaders and administrators): the six ratios of a
//! quarter beside the defaults; `Enter` sets the one chosen for that quarter only, parsed by the
//! same `parse_percent` as `shuangsui plan set`, through the service (which checks the role and
//! writes the audit entry); `< >` shows another quarter.

use super::edit::ValueEdit;
use crate::domain::quarter::Quarter;
use crate::domain::quota::{Ratios, format_percent, parse_percent};
use crate::service::plan_ratio::PlanRatio;
use crate::service::{Change, ServiceError};
use crate::strings::{cli, display, office as o};
use crate::tui::keymap::{self, Action};
use crate::tui::modal::popup_area;
use crate::tui::screen::{Cmd, Ctx, Flow, Keys, Modal, Paint, done, one};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The popup of a quarter's ratios.
pub struct PlanRatios {
    quarter: Quarter,
    ratios: Ratios,
    own: bool,
    defaults: Ratios,
    cursor: usize,
    /// The percentage being typed for the ratio under the cursor.
    edit: ValueEdit,
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
            edit: ValueEdit::default(),
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
        let typed = self.edit.value();
        let Some(bp) = parse_percent(&typed) else {
            self.edit.error = Some(cli::bad_percent(&display(&typed), lang));
            return Vec::new();
        };
        let which = self.chosen();
        let r = cx
            .svc
            .set_quarter_ratio(&cx.s.actor, self.quarter, which, bp);
        match r {
            Ok(r) => {
                (self.ratios, self.own) = (r, true);
                self.edit.stop();
                let q = self.quarter.to_string();
                let said = o::plan_set(
                    &crate::strings::setting::ratio_meaning(which, lang),
                    &q,
                    &format_percent(bp),
                    lang,
                );
                vec![Cmd::Saved, Cmd::Say(said)]
            }
            Err(e) => {
                self.edit.error = Some(e.say(None, lang));
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
        let idle = Keys::new()
            .on(keymap::EDIT_CHOSEN)
            .on(keymap::PLAN_QUARTERS);
        self.edit.keys(idle.on(keymap::ARROWS).on(keymap::CLOSE))
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        let last = PlanRatio::ALL.len() - 1;
        match (a, self.edit.on()) {
            (Action::Up, false) => self.cursor = self.cursor.saturating_sub(1),
            (Action::Down, false) => self.cursor = (self.cursor + 1).min(last),
            (Action::Edit, false) => {
                let now = format_percent(self.chosen().of(&self.ratios));
                self.edit.start(now.trim_end_matches('%'));
            }
            (Action::PrevQuarter, false) => return self.show(self.quarter.prev(), cx),
            (Action::NextQuarter, false) => return self.show(self.quarter.next(), cx),
            (Action::Back, false) => return one(Cmd::Pop),
            (Action::Save, true) => return self.save(cx),
            (Action::Back, true) => self.edit.stop(),
            (a, _) => return one(Cmd::Ignored(a)),
        }
        Vec::new()
    }

    fn text(&mut self, k: &KeyEvent, _: &mut Ctx) -> Option<Flow> {
        self.edit.key(k)
    }

    fn paste(&mut self, s: &str) {
        self.edit.paste(s);
    }

    fn unsaved(&self) -> bool {
        self.edit.on()
    }

    fn changed(&mut self, c: Change, cx: &mut Ctx) -> Flow {
        match (c, !self.edit.on()) {
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
        let names: Vec<String> = PlanRatio::ALL
            .iter()
            .map(|r| crate::strings::setting::ratio_meaning(*r, lang))
            .collect();
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
        if !self.edit.on() {
            lines.push(Line::from(o::plan_help(lang)));
        }
        let q = self.quarter.to_string();
        let now = format_percent(self.chosen().of(&self.ratios));
        let what = crate::strings::setting::ratio_meaning(self.chosen(), lang);
        let ask = Line::from(o::plan_ask(&what, &q, &now, lang));
        lines.extend(self.edit.lines(ask, theme));
        lines
    }
}
