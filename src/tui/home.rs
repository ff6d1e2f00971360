//! The home screen: the quarter's plan per class (readers), the quarter's deadlines on the
//! working-day calendar, and the work waiting — to enter, to review, to publish — with what is
//! overdue marked. Computed when shown and after changes, not on every frame.

use super::theme::Theme;
use crate::domain::quarter::Quarter;
use crate::domain::quota::format_percent;
use crate::service::{
    Actor, PlanLine, QuarterDeadlines, READERS, Service, ServiceError, WorkState, quarter_deadlines,
};
use crate::strings::{self, Lang, ui, work as ws};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

/// Counts of the work waiting, and how much of it is overdue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Waiting {
    pub to_enter: usize,
    pub to_enter_late: usize,
    pub to_review: usize,
    pub to_publish: usize,
    /// Approved or awaiting review past the publication deadline (N3).
    pub publish_late: usize,
}

/// What the home screen shows.
pub struct Home {
    pub plan: Option<Vec<PlanLine>>,
    pub deadlines: QuarterDeadlines,
    pub waiting: Waiting,
}

impl Home {
    pub fn load(svc: &mut Service, actor: &Actor, quarter: Quarter) -> Result<Home, ServiceError> {
        let plan = if actor.require(READERS).is_ok() {
            Some(svc.plan(actor, quarter)?)
        } else {
            None
        };
        let deadlines = quarter_deadlines(&svc.calendar()?, quarter);
        let mut w = Waiting::default();
        for item in svc.worklist(actor)? {
            match item.state {
                WorkState::Pending | WorkState::Returned => {
                    w.to_enter += 1;
                    w.to_enter_late += usize::from(item.overdue);
                }
                WorkState::Submitted => {
                    w.to_review += 1;
                    w.publish_late += usize::from(item.overdue);
                }
                WorkState::Approved => {
                    w.to_publish += 1;
                    w.publish_late += usize::from(item.overdue);
                }
                WorkState::Published => {}
            }
        }
        Ok(Home {
            plan,
            deadlines,
            waiting: w,
        })
    }
}

pub fn render(
    home: Option<&Result<Home, String>>,
    name: &str,
    quarter: Quarter,
    f: &mut Frame,
    area: Rect,
    theme: Theme,
    lang: Lang,
) {
    let mut lines = vec![Line::from(ui::welcome(name, lang)), Line::from("")];
    match home {
        Some(Ok(h)) => {
            if let Some(plan) = &h.plan {
                lines.push(Line::from(Span::styled(
                    ui::home_quotas(&quarter.to_string(), lang),
                    theme.header(),
                )));
                let row = |name: &str, cells: [String; 6]| {
                    let pad = " ".repeat(28usize.saturating_sub(name.width()));
                    let cells: Vec<String> = cells
                        .iter()
                        .map(|c| format!("{}{c}", " ".repeat(7usize.saturating_sub(c.width()))))
                        .collect();
                    Line::from(format!("  {name}{pad}{}", cells.concat()))
                };
                lines.push(row("", ui::plan_columns(lang).map(str::to_string)));
                for g in plan {
                    lines.push(row(
                        strings::group(g.group, lang),
                        [
                            g.population.to_string(),
                            format_percent(g.ratio_bp),
                            g.required.to_string(),
                            g.drawn.to_string(),
                            g.inspected.to_string(),
                            g.remaining.to_string(),
                        ],
                    ));
                }
                lines.push(Line::from(""));
            }
            lines.push(Line::from(Span::styled(
                ws::deadlines_title(lang),
                theme.header(),
            )));
            let d = &h.deadlines;
            for (what, v) in [
                ("work", d.work),
                ("statistics", d.statistics),
                ("records", d.records),
            ] {
                let text = match v {
                    Ok(d) => d.to_string(),
                    Err(y) => ws::no_calendar(y.0, lang),
                };
                let line = Line::from(format!("  {}", ws::deadline_line(what, &text, lang)));
                lines.push(if v.is_err() {
                    line.style(theme.warn())
                } else {
                    line
                });
            }
            let w = h.waiting;
            let late = w.to_enter_late + w.publish_late;
            let line = Line::from(format!(
                "  {}",
                ws::waiting_line(w.to_enter, w.to_review, w.to_publish, lang)
            ));
            lines.push(line);
            if late > 0 {
                lines.push(Line::from(Span::styled(
                    format!("  {}", ws::late_line(w.to_enter_late, w.publish_late, lang)),
                    theme.warn(),
                )));
            }
        }
        Some(Err(e)) => lines.push(Line::from(e.clone())),
        None => {}
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(ui::tab(0, lang).0);
    f.render_widget(Paragraph::new(lines).block(block), area);
}
