//! The home screen, a dashboard of the current quarter: per class population, required, drawn,
//! inspected and the share against the S6 threshold as a bar, marked when behind schedule; the
//! internal-joint, classified-draw, off-site and department-joint figures against their
//! targets; the quarter's deadlines in working days; the work waiting with what is overdue; and
//! recent activity. The figures come from the same statistics as the quarterly report.
//! Computed when shown and after changes, not on every frame.

use super::keymap::{self, Action};
use super::screen::{Cmd, Ctx, Flow, Keys, Paint, Screen, Touch};
use super::theme::Theme;
use crate::domain::quarter::Quarter;
use crate::domain::quota::format_percent;
use crate::domain::stats::{ClassLine, QuarterStats, Share};
use crate::domain::user::Role;
use crate::service::Change;
use crate::service::{
    Actor, PlanLine, QuarterDeadlines, READERS, STATS_READERS, Service, ServiceError, WorkCounts,
    quarter_deadlines,
};
use crate::strings::{self, Lang, followup as fs, ui, work as ws};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

/// What the home screen shows.
pub struct Home {
    /// The statistics (administrators, leaders, auditors).
    pub stats: Option<QuarterStats>,
    /// The plan alone (witnesses).
    pub plan: Option<Vec<PlanLine>>,
    pub deadlines: QuarterDeadlines,
    /// Working days from today to each deadline (negative once past): work, statistics,
    /// records.
    pub left: [Option<i64>; 3],
    pub waiting: WorkCounts,
    pub recent: Vec<crate::service::AuditLine>,
    pub today: NaiveDate,
    /// The bureau's name is not set: documents would go out without it.
    pub bureau_missing: bool,
    /// For administrators: a year of the deadlines without holiday data, to be entered.
    pub calendar_missing: Option<i32>,
}

impl Home {
    pub fn load(svc: &mut Service, actor: &Actor, quarter: Quarter) -> Result<Home, ServiceError> {
        let stats = if actor.require(STATS_READERS).is_ok() {
            Some(svc.quarter_stats(actor, quarter)?)
        } else {
            None
        };
        let plan = if stats.is_none() && actor.require(READERS).is_ok() {
            Some(svc.plan(actor, quarter)?)
        } else {
            None
        };
        let cal = svc.calendar()?;
        let deadlines = quarter_deadlines(&cal, quarter);
        let today = svc.today();
        let left_to = |d: &crate::service::Deadline| {
            let d = d.as_ref().ok()?;
            match d.provisional {
                Some(y) => cal
                    .assuming_weekends(y.saturating_sub(1)..=y.saturating_add(1))
                    .working_days_between(today, d.date)
                    .ok(),
                None => cal.working_days_between(today, d.date).ok(),
            }
        };
        let left = [
            left_to(&deadlines.work),
            left_to(&deadlines.statistics),
            left_to(&deadlines.records),
        ];
        let w = svc.work_counts(actor)?;
        let recent = svc.audit_recent(actor, 3).unwrap_or_default();
        let calendar_missing = [&deadlines.work, &deadlines.statistics, &deadlines.records]
            .iter()
            .find_map(|d| match d {
                Ok(d) => d.provisional,
                Err(y) => Some(y.0),
            })
            .filter(|_| actor.has(crate::domain::user::Role::Admin));
        let bureau_missing = actor
            .require(&[
                crate::domain::user::Role::Admin,
                crate::domain::user::Role::Leader,
            ])
            .is_ok()
            && svc.bureau_name()?.trim().is_empty();
        Ok(Home {
            bureau_missing,
            calendar_missing,
            stats,
            plan,
            deadlines,
            left,
            waiting: w,
            recent,
            today,
        })
    }
}

/// A bar of `width` cells filled to `bp` (basis points), e.g. `[####----]`.
fn bar(bp: u32, width: usize) -> String {
    let filled = (bp.min(10_000) as usize * width)
        .div_ceil(10_000)
        .min(width);
    format!("[{}{}]", "#".repeat(filled), "-".repeat(width - filled))
}

/// Right-aligns `s` in `w` cells.
fn right(s: &str, w: usize) -> String {
    format!("{}{s}", " ".repeat(w.saturating_sub(s.width())))
}

fn left(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

/// The share of the quarter gone by `today`, basis points.
fn elapsed_bp(q: Quarter, today: NaiveDate) -> u32 {
    let all = (q.end() - q.start()).num_days() + 1;
    let gone = (today - q.start()).num_days() + 1;
    crate::domain::stats::share_bp(gone.clamp(0, all) as u64, all as u64)
}

fn share_line(label: &str, s: &Share, lang: Lang, theme: Theme) -> Line<'static> {
    let text = format!(
        "  {}{} {}/{} {} {}",
        left(label, 26),
        right(&format_percent(s.share_bp), 6),
        s.part,
        s.whole,
        lang.t("要求", "target"),
        format_percent(s.target_bp)
    );
    let mark = if s.met {
        lang.t(" ✓达标", " ✓met")
    } else if s.whole == 0 {
        ""
    } else {
        lang.t(" !未达标", " !not met")
    };
    Line::from(vec![
        Span::raw(text),
        Span::styled(
            mark,
            if s.met {
                Style::default()
            } else {
                theme.warn()
            },
        ),
    ])
}

/// The quarter's deadlines (`暂定` when provisional), and for administrators how to enter a
/// missing year's schedule; the unset bureau name.
fn deadline_lines(h: &Home, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    let d = &h.deadlines;
    let date = |v: &crate::service::Deadline, left: Option<i64>| match v {
        // Month and day: the quarter says the year.
        Ok(d) => format!(
            "{}{}{}",
            d.date.format("%m-%d"),
            if d.provisional.is_some() {
                lang.t("暂定", " est.")
            } else {
                ""
            },
            left.map(|n| ws::days_left(n, lang)).unwrap_or_default()
        ),
        Err(y) => ws::no_calendar(y.0, lang),
    };
    let missing = [&d.work, &d.statistics, &d.records]
        .iter()
        .any(|v| v.as_ref().map_or(true, |d| d.provisional.is_some()));
    let line = Line::from(format!(
        "{}{}",
        ws::deadlines_title(lang),
        ws::deadlines_short(
            &date(&d.work, h.left[0]),
            &date(&d.statistics, h.left[1]),
            &date(&d.records, h.left[2]),
            lang
        )
    ));
    lines.push(if missing {
        line.style(theme.warn())
    } else {
        line
    });
    if let Some(y) = h.calendar_missing {
        lines.push(Line::from(Span::styled(
            format!("  {}", ws::calendar_hint(y, lang)),
            theme.warn(),
        )));
    }
    if h.bureau_missing {
        lines.push(Line::from(Span::styled(
            format!("  {}", ui::bureau_missing(lang)),
            theme.warn(),
        )));
    }
}

/// The header of the plan table.
fn plan_head(quarter: Quarter, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::from(Span::styled(
        ui::home_quotas(&quarter.to_string(), lang),
        theme.header(),
    )));
    let cols = ui::plan_columns(lang);
    lines.push(Line::from(format!(
        "  {}{}{}{}{}{}",
        left("", 26),
        right(cols[0], 6),
        right(cols[2], 6),
        right(cols[3], 6),
        right(cols[4], 7),
        right(cols[1], 6),
    )));
}

/// One class of the statistics, with its bar and a mark when met or behind schedule.
fn class_line(c: &ClassLine, due_bp: u32, theme: Theme, lang: Lang) -> Line<'static> {
    // Behind schedule: fewer inspected than the share of the quarter gone.
    let expected = (c.required * u64::from(due_bp)).div_ceil(10_000);
    let behind = c.inspected < expected && !c.met;
    let text = format!(
        "  {}{}{}{}{}{} {}",
        left(strings::group(c.group, lang), 26),
        right(&c.population.to_string(), 6),
        right(&c.required.to_string(), 6),
        right(&c.drawn.to_string(), 6),
        right(&c.inspected.to_string(), 7),
        right(&format_percent(c.ratio_bp), 6),
        bar(crate::domain::stats::share_bp(c.inspected, c.required), 8),
    );
    let mark = if c.met {
        lang.t(" ✓", " ✓")
    } else if behind {
        lang.t(" !落后", " !behind")
    } else {
        ""
    };
    let style = if behind {
        theme.warn()
    } else {
        Style::default()
    };
    Line::from(vec![Span::raw(text), Span::styled(mark, style)])
}

/// The statistics: per class, then the shares and the joint inspections.
fn stats_lines(
    st: &QuarterStats,
    h: &Home,
    q: Quarter,
    theme: Theme,
    lang: Lang,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    plan_head(q, theme, lang, &mut lines);
    let due_bp = elapsed_bp(q, h.today);
    lines.extend(
        st.classes
            .iter()
            .map(|c| class_line(c, due_bp, theme, lang)),
    );
    for (label, share) in [
        (
            lang.t("部门内联合抽查占比", "internal-joint share"),
            &st.internal_joint,
        ),
        (
            lang.t("  其中抽取时计划", "  planned at the draw"),
            &st.internal_joint_planned,
        ),
        (
            lang.t("分级分类抽查占比", "random checks by class"),
            &st.classified,
        ),
        (
            lang.t("正面清单非现场监管", "positive list off-site"),
            &st.offsite,
        ),
    ] {
        lines.push(share_line(label, share, lang, theme));
    }
    if st.non_random > 0 {
        lines.push(Line::from(format!(
            "  {}",
            ui::non_random_line(st.non_random, lang)
        )));
    }
    let d = st.department_joint;
    let joint = ws::joint_line(
        d.inspections_ytd,
        d.target_inspections,
        d.subjects_ytd,
        d.target_subjects,
        lang,
    );
    lines.push(Line::from(format!("  {joint}")));
    lines
}

/// The plan alone (for those who do not see the statistics).
fn plan_lines(plan: &[PlanLine], q: Quarter, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    plan_head(q, theme, lang, &mut lines);
    for g in plan {
        lines.push(Line::from(format!(
            "  {}{}{}{}{}{}",
            left(strings::group(g.group, lang), 26),
            right(&g.population.to_string(), 6),
            right(&g.required.to_string(), 6),
            right(&g.drawn.to_string(), 6),
            right(&g.inspected.to_string(), 7),
            right(&format_percent(g.ratio_bp), 6),
        )));
    }
    lines
}

/// The work waiting, what is soon due or late, and the follow-ups.
fn waiting_lines(w: &WorkCounts, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    let waiting = ws::waiting_line(w.to_enter, w.to_review, w.to_publish, lang);
    lines.push(Line::from(format!("  {waiting}")));
    let marked = [
        (
            w.publish_soon > 0,
            ws::soon_line(w.publish_soon, lang),
            theme.key(),
        ),
        (
            w.to_enter_late + w.publish_late > 0,
            ws::late_line(w.to_enter_late, w.publish_late, lang),
            theme.warn(),
        ),
        (
            w.followups_open > 0,
            fs::open_count(w.followups_open, lang),
            theme.key(),
        ),
        (
            w.followups_overdue > 0,
            fs::overdue_count(w.followups_overdue, lang),
            theme.warn(),
        ),
    ];
    for (show, text, style) in marked {
        if show {
            lines.push(Line::from(Span::styled(format!("  {text}"), style)));
        }
    }
}

/// The latest changes.
fn recent_lines(h: &Home, theme: Theme, lang: Lang, lines: &mut Vec<Line<'static>>) {
    if h.recent.is_empty() {
        return;
    }
    lines.push(Line::from(Span::styled(
        ws::recent_title(lang),
        theme.header(),
    )));
    for a in &h.recent {
        lines.push(Line::from(strings::display(&format!(
            "  {}  {}  {} {}  {}",
            a.at.get(5..16).unwrap_or(&a.at).replace('T', " "),
            strings::audit::actor(&a.actor, lang),
            strings::audit::action(&a.action, lang),
            strings::audit::entity(&a.entity, lang),
            a.summary.chars().take(30).collect::<String>()
        ))));
    }
}

pub fn render(
    home: Option<&Result<Home, String>>,
    quarter: Quarter,
    f: &mut Frame,
    area: Rect,
    theme: Theme,
    lang: Lang,
) {
    let mut lines: Vec<Line> = Vec::new();
    match home {
        Some(Ok(h)) => {
            if let Some(st) = &h.stats {
                lines = stats_lines(st, h, quarter, theme, lang);
            } else if let Some(plan) = &h.plan {
                lines = plan_lines(plan, quarter, theme, lang);
            }
            deadline_lines(h, theme, lang, &mut lines);
            waiting_lines(&h.waiting, theme, lang, &mut lines);
            recent_lines(h, theme, lang, &mut lines);
        }
        Some(Err(e)) => lines.push(Line::from(e.clone())),
        None => {}
    }
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(ui::tab(0, lang).0);
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(ratatui::widgets::Wrap { trim: false }),
        area,
    );
}

/// The home tab: the dashboard, computed when shown after a change, not on every frame.
#[derive(Default)]
pub struct HomeScreen {
    home: Option<Result<Home, String>>,
}

impl Screen for HomeScreen {
    fn load(&mut self, cx: &mut Ctx) -> Flow {
        if self.home.is_none() {
            let lang = cx.lang();
            let home = Home::load(cx.svc, &cx.s.actor, cx.quarter).map_err(|e| e.say(None, lang));
            self.home = Some(home);
        }
        Vec::new()
    }

    fn keys(&self, cx: &Ctx) -> Keys {
        let plan = cx.any(crate::service::plan_ratio::PLAN_ROLES);
        Keys::new()
            .only(cx.has(Role::Admin), keymap::HOME_ADMIN)
            .when(plan, keymap::HOME_PLAN, || {
                super::screen::needs(Role::Leader, cx.lang())
            })
            .when(cx.has(Role::Admin), keymap::HOME_SETTINGS, || {
                super::screen::needs(Role::Admin, cx.lang())
            })
            .on(keymap::HOME_PREFS)
    }

    fn act(&mut self, a: Action, cx: &mut Ctx) -> Flow {
        match a {
            Action::Calendar => {
                let f = super::form::Form::calendar_day(cx.svc.today());
                vec![Cmd::Push(Box::new(f))]
            }
            Action::Plan => super::office::plan::PlanRatios::open(cx.quarter, cx),
            Action::Prefs => vec![Cmd::Push(Box::<super::office::prefs::Prefs>::default())],
            Action::Settings => super::office::settings::Settings::open(cx),
            a => vec![Cmd::Ignored(a)],
        }
    }

    fn changed(&mut self, c: Change) -> Touch {
        if matches!(
            c,
            Change::Enterprises | Change::Settings | Change::Draws | Change::Results
        ) {
            self.home = None;
        }
        match c {
            Change::Audit => Touch::No,
            _ => Touch::Quiet,
        }
    }

    fn render(&mut self, f: &mut Frame, area: Rect, p: &Paint) {
        render(self.home.as_ref(), p.quarter, f, area, p.theme(), p.lang());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_and_elapsed_time() {
        assert_eq!(bar(0, 4), "[----]");
        assert_eq!(bar(5000, 4), "[##--]");
        assert_eq!(bar(12_000, 4), "[####]");
        assert_eq!(bar(1, 4), "[#---]");
        let q: Quarter = "2024Q2".parse().unwrap();
        let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
        assert_eq!(elapsed_bp(q, d(3, 1)), 0);
        assert_eq!(elapsed_bp(q, d(6, 30)), 10_000);
        // 04-01..05-15 is 45 of 91 days.
        assert_eq!(elapsed_bp(q, d(5, 15)), 4945);
    }
}
