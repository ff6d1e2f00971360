//! The wizard's preview of a file: how it was read, how each column maps to a field, the first
//! rows, and the dry run's verdict — either the counts, or every bad row explained with the
//! command line's own texts.

use super::{Text, cut, fit, fit_right};
use crate::exchange::import::{HeaderIssue, Mapping};
use crate::exchange::table::Format;
use crate::service::{ImportPreview, TablePreview};
use crate::strings::{self, Lang, cli, display, wizard as ws};
use crate::tui::theme::Theme;
use ratatui::style::Style;
use ratatui::text::Line;
use unicode_width::UnicodeWidthStr;

pub(super) fn preview_lines(
    p: &ImportPreview,
    width: usize,
    theme: Theme,
    lang: Lang,
) -> Vec<Line<'static>> {
    let mut t = Text {
        out: Vec::new(),
        width,
    };
    let plain = Style::default();
    let size = ws::size(p.size as u64);
    t.add(&ws::file_line(&display(&p.name), &size, lang), plain, 0);
    t.add(&ws::hash_line(&p.sha256), plain, 0);
    match &p.check {
        Ok(o) => t.add(&ws::verdict_ok(o, lang), theme.key(), 2),
        Err(e) => t.add(&ws::verdict_bad(e.refusal(), lang), theme.warn(), 2),
    }
    if let Some(tp) = &p.table {
        mapping_lines(tp, &mut t, theme, lang);
        if !tp.sample.is_empty() {
            sample_lines(tp, &mut t, theme, lang);
        }
    }
    check_lines(p, &mut t, theme, lang);
    t.out
}

/// How the table was read, and each column's field.
fn mapping_lines(tp: &TablePreview, t: &mut Text, theme: Theme, lang: Lang) {
    let (plain, warn) = (Style::default(), theme.warn());
    let (format, encoding) = match tp.format {
        Format::Csv => ("CSV", Some(tp.encoding)),
        Format::Xlsx => ("XLSX", None),
    };
    let sheet = tp.sheet.as_deref().map(display);
    let read = ws::read_as(
        format,
        encoding,
        sheet.as_deref(),
        tp.header_row,
        tp.rows,
        lang,
    );
    t.add(&read, plain, 0);
    t.add("", plain, 0);
    t.add(
        &format!("【{}】", ws::mapping_heading(lang)),
        theme.header(),
        0,
    );
    let header_w = (tp.columns.iter())
        .map(|(h, _)| display(h.trim()).width())
        .max()
        .unwrap_or(0)
        .min(24);
    for (i, (h, m)) in tp.columns.iter().enumerate() {
        let (target, bad) = match m {
            Mapping::Field(spec) => (format!("→ {}", strings::field(spec, lang)), false),
            Mapping::Ignored => (format!("  {}", ws::ignored(lang)), false),
            Mapping::Blank => (format!("  {}", ws::blank(lang)), false),
            Mapping::Unknown { suggestion } => (ws::unknown(*suggestion, lang), true),
            Mapping::Repeated { first, .. } => (ws::repeated(*first, lang), true),
        };
        let column = fit(&ws::column(i + 1, lang), 8);
        let text = format!("  {column} {} {target}", fit(&display(h.trim()), header_w));
        t.add(&text, if bad { warn } else { plain }, 6);
    }
    for spec in &tp.missing {
        let issue = HeaderIssue::Missing { field: spec };
        t.add(
            &format!("  ✗ {}", strings::header_issue(&issue, lang)),
            warn,
            4,
        );
    }
}

/// The first rows as a table, each column as wide as its widest value (within limits).
fn sample_lines(tp: &TablePreview, t: &mut Text, theme: Theme, lang: Lang) {
    let head = theme.header();
    t.add("", Style::default(), 0);
    t.add(
        &format!("【{}】", ws::sample_heading(tp.sample.len(), lang)),
        head,
        0,
    );
    let cols = tp.columns.len();
    let mut widths: Vec<usize> = (tp.columns.iter())
        .map(|(h, _)| display(h.trim()).width())
        .collect();
    for (_, cells) in &tp.sample {
        for (c, v) in cells.iter().enumerate().take(cols) {
            widths[c] = widths[c].max(display(v).width());
        }
    }
    let widths: Vec<usize> = widths.into_iter().map(|w| w.clamp(2, 18)).collect();
    let row_w = (tp.sample.iter())
        .map(|(n, _)| n.to_string().len())
        .max()
        .unwrap_or(1)
        .max(ws::row_column(lang).width());
    let width = t.width;
    let line = |first: String, cells: &[String]| -> String {
        let mut s = format!("  {}", fit_right(&first, row_w));
        for (c, v) in cells.iter().enumerate().take(cols) {
            s.push_str(" │ ");
            s.push_str(&fit(&display(v), widths[c]));
        }
        cut(&s, width)
    };
    let titles: Vec<String> = tp
        .columns
        .iter()
        .map(|(h, _)| h.trim().to_string())
        .collect();
    let first = line(ws::row_column(lang).to_string(), &titles);
    t.out.push(Line::styled(first, head));
    for (n, cells) in &tp.sample {
        t.out.push(Line::from(line(n.to_string(), cells)));
    }
}

/// The dry run's verdict: the counts and warnings and how to import, or every bad row.
fn check_lines(p: &ImportPreview, t: &mut Text, theme: Theme, lang: Lang) {
    let (plain, warn) = (Style::default(), theme.warn());
    t.add("", plain, 0);
    t.add(
        &format!("【{}】", ws::check_heading(lang)),
        theme.header(),
        0,
    );
    match &p.check {
        Ok(o) => {
            t.add(&format!("✓ {}", cli::imported(o, p.kind, lang)), plain, 2);
            if !o.warnings.is_empty() {
                t.add(ws::warnings_heading(lang), plain, 0);
                for w in &o.warnings {
                    t.add(&format!("  {}", strings::row_issue(w, lang)), plain, 4);
                }
            }
            t.add(&ws::press_y(o.rows, lang), theme.key(), 0);
        }
        Err(e) => {
            let text = e.say(lang);
            for (i, l) in text.lines().enumerate() {
                match i {
                    0 => t.add(&format!("✗ {l}"), warn, 2),
                    _ => t.add(&format!("  {}", l.trim_start()), warn, 4),
                }
            }
            t.add(ws::fix_and_upload(lang), plain, 0);
        }
    }
}
