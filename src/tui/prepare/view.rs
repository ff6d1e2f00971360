//! Drawing the preparation wizard: the form with the quarter's plan below it; the check as
//! `draw prepare` words it, with the refusals marked; the frozen draw with its hashes and
//! commitment.

use super::{CLASSES, Prepare, Step};
use crate::service::DrawCheck;
use crate::strings::{Lang, cli, draw as ds, prepare as ps};
use crate::tui::screen::Paint;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

pub(super) fn render(w: &Prepare, f: &mut Frame, body: Rect, p: &Paint) {
    f.render_widget(Clear, body);
    let (theme, lang) = (p.theme(), p.lang());
    match &w.step {
        Step::Fields => {
            let plan = plan_lines(w, theme, lang);
            let [form, below] = Layout::vertical([
                Constraint::Min(8),
                Constraint::Length(plan.len() as u16 + 2),
            ])
            .areas(body);
            w.form.render(f, form, theme, lang);
            let title = ps::plan_heading(&w.plan.0.to_string(), lang);
            boxed(f, below, theme, plan, title, 0);
        }
        Step::Check { check, scroll, .. } => {
            let title = ps::check_title(&check.label, lang);
            boxed(
                f,
                body,
                theme,
                check_lines(check, theme, lang),
                title,
                *scroll,
            );
        }
        Step::Done { draw, scroll } => {
            let mut lines = vec![Line::from(ds::prepared(draw.id, &draw.check.label, lang))];
            lines.extend(report(&draw.check, lang));
            lines.extend(draw.hash_lines(lang).into_iter().map(Line::from));
            lines.push(Line::from(""));
            lines.push(Line::from(ps::done_hint(lang)));
            let title = ps::done_title(&draw.check.label, lang);
            boxed(f, body, theme, lines, title, *scroll);
        }
    }
}

/// The quarter's plan for the classes the form counts, then how to go on.
fn plan_lines(w: &Prepare, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let heads = ds::plan_headers(lang);
    let pick = [0, 1, 3, 4, 8].map(|i| heads.get(i).cloned().unwrap_or_default());
    let names = CLASSES.map(|(g, _)| cli::group_label(g, lang));
    let wide = names.iter().map(|n| n.width()).max().unwrap_or(0) + 2;
    let pad = |s: &str, w: usize| format!("{s}{}", " ".repeat(w.saturating_sub(s.width())));
    let row = |cells: [String; 5]| {
        let [name, rest @ ..] = cells;
        let rest: String = rest.iter().map(|c| pad(c, 10)).collect();
        format!("{}{rest}", pad(&name, wide))
    };
    let mut out = vec![Line::from(Span::styled(row(pick), theme.dim()))];
    for ((g, _), name) in CLASSES.iter().zip(names) {
        let line = w.plan.1.iter().find(|l| l.group == *g);
        let n = |f: fn(&crate::service::PlanLine) -> u64| line.map_or(0, f).to_string();
        let cells = [
            name,
            n(|l| l.population),
            n(|l| l.required),
            n(|l| l.drawn),
            n(|l| l.remaining),
        ];
        out.push(Line::from(row(cells)));
    }
    out.push(Line::from(Span::styled(ps::form_hint(lang), theme.key())));
    out
}

/// What the snapshot would hold, as `draw prepare` says it.
fn report(c: &DrawCheck, lang: Lang) -> Vec<Line<'static>> {
    let (lines, cut) = c.lines(lang);
    let mut out: Vec<Line> = lines.into_iter().map(Line::from).collect();
    if cut {
        out.push(Line::from(ps::first_few(lang)));
    }
    out
}

/// The check: the report, then that it passes or every refusal, marked.
fn check_lines(c: &DrawCheck, theme: Theme, lang: Lang) -> Vec<Line<'static>> {
    let mut out = report(c, lang);
    out.push(Line::from(""));
    if c.refusals.is_empty() {
        out.push(Line::from(Span::styled(
            ps::check_passed(lang),
            theme.key(),
        )));
        return out;
    }
    let warn = |s: String| Line::from(Span::styled(s, theme.warn()));
    out.push(warn(format!("⚠ {}", ps::check_refused(lang))));
    out.extend(c.refusal_lines(lang).into_iter().map(warn));
    out
}

fn boxed(f: &mut Frame, r: Rect, theme: Theme, lines: Vec<Line>, title: String, scroll: u16) {
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border())
        .title(Span::styled(format!(" {title} "), theme.header()));
    let para = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false })
        .scroll((scroll, 0));
    f.render_widget(para, r);
}
