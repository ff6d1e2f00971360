//! The reports tab: a preview of the quarterly statistics (the same figures as the XLSX report
//! and the dashboard), charts where a bar says more than a number — progress per class, results
//! by category, the trend over the last quarters — and the inspector assessment; `x` writes the
//! report, the summary draft and the assessment to the user's outbox; `<` `>` change quarter.

use super::theme::Theme;
use crate::domain::quarter::Quarter;
use crate::domain::quota::{Group, format_percent};
use crate::domain::stats::{Assessment, QuarterStats, share_bp};
use crate::service::{Actor, Service, ServiceError};
use crate::strings::{self, Lang, display, report as rs};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

mod screen;

/// What the tab shows for one quarter.
pub struct Preview {
    pub stats: QuarterStats,
    pub assessment: Vec<Assessment>,
    /// The share inspected of the on-site classes over the last quarters, oldest first.
    pub trend: Vec<(Quarter, u32)>,
}

/// The reports tab of one session.
pub struct Reports {
    pub quarter: Quarter,
    preview: Option<Result<Preview, String>>,
    pub scroll: u16,
}

impl Reports {
    pub fn new(quarter: Quarter) -> Reports {
        Reports {
            quarter,
            preview: None,
            scroll: 0,
        }
    }

    pub fn stale(&mut self) {
        self.preview = None;
    }

    /// Moves to the previous (`-1`) or next (`1`) quarter.
    pub fn step(&mut self, by: i32) {
        self.quarter = if by < 0 {
            self.quarter.prev()
        } else {
            self.quarter.next()
        };
        self.preview = None;
        self.scroll = 0;
    }

    pub fn fill(&mut self, svc: &mut Service, actor: &Actor, lang: Lang) {
        if self.preview.is_some() {
            return;
        }
        let r = (|| -> Result<Preview, ServiceError> {
            let (stats, assessment) = svc.quarter_report(actor, self.quarter)?;
            // The trend needs only each quarter's plan; this quarter's is in the statistics.
            let mut trend = vec![(
                self.quarter,
                on_site_share(
                    stats
                        .classes
                        .iter()
                        .map(|c| (c.group, c.inspected, c.required)),
                ),
            )];
            let mut q = self.quarter;
            for _ in 0..3 {
                q = q.prev();
                let plan = svc.plan(actor, q)?;
                trend.push((
                    q,
                    on_site_share(plan.iter().map(|l| (l.group, l.inspected, l.required))),
                ));
            }
            trend.reverse();
            Ok(Preview {
                stats,
                assessment,
                trend,
            })
        })();
        self.preview = Some(r.map_err(|e| e.say(None, lang)));
    }

    pub fn draw(&self, f: &mut Frame, area: Rect, theme: Theme, lang: Lang) {
        let mut lines: Vec<Line> = Vec::new();
        match &self.preview {
            Some(Ok(p)) => preview_lines(p, lang, theme, &mut lines),
            Some(Err(e)) => lines.push(Line::from(e.clone())),
            None => {}
        }
        let block = Block::default()
            .borders(Borders::ALL)
            .border_set(theme.border())
            .title(rs::tab_title(&self.quarter.to_string(), lang));
        f.render_widget(
            Paragraph::new(lines).block(block).scroll((self.scroll, 0)),
            area,
        );
    }
}

/// Inspected (up to the required number) over required, for the on-site classes.
fn on_site_share(classes: impl Iterator<Item = (Group, u64, u64)>) -> u32 {
    let (done, need) = classes
        .filter(|(g, _, _)| *g != Group::PositiveList)
        .fold((0, 0), |(d, n), (_, inspected, required)| {
            (d + inspected.min(required), n + required)
        });
    share_bp(done, need)
}

fn bar(bp: u32, width: usize) -> String {
    let filled = (bp.min(10_000) as usize * width)
        .div_ceil(10_000)
        .min(width);
    format!("{}{}", "█".repeat(filled), "·".repeat(width - filled))
}

fn left(s: &str, w: usize) -> String {
    format!("{s}{}", " ".repeat(w.saturating_sub(s.width())))
}

fn preview_lines(p: &Preview, lang: Lang, theme: Theme, lines: &mut Vec<Line<'static>>) {
    progress_lines(&p.stats, lang, theme, lines);
    lines.push(Line::from(Span::styled(
        rs::heading("trend", lang),
        theme.header(),
    )));
    for (q, bp) in &p.trend {
        lines.push(Line::from(format!(
            "  {q}  {} {}",
            bar(*bp, 20),
            format_percent(*bp)
        )));
    }
    results_lines(p, lang, theme, lines);
}

/// “met” or “not met”.
fn met(b: bool, lang: Lang) -> &'static str {
    match b {
        true => lang.t("达标", "met"),
        false => lang.t("未达标", "not met"),
    }
}

/// Each class and each share against its target, and the joint inspections.
fn progress_lines(st: &QuarterStats, lang: Lang, theme: Theme, lines: &mut Vec<Line<'static>>) {
    lines.push(Line::from(Span::styled(
        rs::heading("progress", lang),
        theme.header(),
    )));
    for c in &st.classes {
        lines.push(Line::from(format!(
            "  {}{:>5}/{:<5} {} {:>6} / {:<5} {}",
            left(strings::group(c.group, lang), 26),
            c.inspected,
            c.required,
            bar(share_bp(c.inspected, c.required), 12),
            format_percent(c.share_bp),
            format_percent(c.ratio_bp),
            met(c.met, lang)
        )));
    }
    for (label, s) in [
        ("internal_joint", st.internal_joint),
        ("internal_joint_planned", st.internal_joint_planned),
        ("classified", st.classified),
        ("offsite", st.offsite),
    ] {
        lines.push(Line::from(format!(
            "  {}{:>5}/{:<5} {} {:>6} / {:<5} {}",
            left(rs::heading(label, lang), 26),
            s.part,
            s.whole,
            bar(s.share_bp, 12),
            format_percent(s.share_bp),
            format_percent(s.target_bp),
            met(s.met, lang)
        )));
    }
    if st.non_random > 0 {
        let line = strings::ui::non_random_line(st.non_random, lang);
        lines.push(Line::from(format!("  {line}")));
    }
    let d = st.department_joint;
    lines.push(Line::from(format!(
        "  {}{:>5}/{:<5} {}",
        left(rs::heading("department_joint", lang), 26),
        d.inspections_ytd,
        d.target_inspections,
        rs::subjects(d.subjects_ytd, d.target_subjects, lang)
    )));
}

/// Results by category, the inspector assessment and the typical cases.
fn results_lines(p: &Preview, lang: Lang, theme: Theme, lines: &mut Vec<Line<'static>>) {
    let r = &p.stats.results;
    lines.push(Line::from(Span::styled(
        rs::heading("results", lang),
        theme.header(),
    )));
    let most = r.by_category.iter().map(|c| c.1).max().unwrap_or(0).max(1);
    for (name, n) in &r.by_category {
        let b = bar(share_bp(*n, most), 20);
        lines.push(Line::from(format!(
            "  {}{n:>5} {b}",
            left(&display(name), 26)
        )));
    }
    lines.push(Line::from(format!("  {}", rs::results_summary(r, lang))));
    lines.push(Line::from(Span::styled(
        rs::heading("assessment", lang),
        theme.header(),
    )));
    for a in &p.assessment {
        let grade = (a.evaluations.first().and_then(Option::as_ref))
            .map_or("-", |e| rs::grade(e.grade, lang));
        lines.push(Line::from(display(&format!(
            "  {}{}  {}  {grade}",
            left(&a.name, 8),
            left(&a.section, 10),
            rs::assessment_line(a, lang),
        ))));
    }
    let typical = &p.stats.typical;
    if !typical.is_empty() {
        lines.push(Line::from(Span::styled(
            rs::heading("typical", lang),
            theme.header(),
        )));
        for t in typical {
            let line = format!("  {}  {}  {}", t.date, t.name, t.note);
            lines.push(Line::from(display(&line)));
        }
    }
}
