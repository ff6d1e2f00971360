//! The quarterly public notice of inspection results (一公开, “谁检查、谁录入、谁公开”) for the
//! bureau's web portal: the approved results and the check-item list in force. The content is
//! laid out once ([`Layout`]) and rendered as a self-contained HTML page (UTF-8, inline CSS, no
//! scripts or external resources, every input text escaped, readable on a phone, printable on
//! A4), as CSV of the results (UTF-8 with BOM, for Excel), and as an XLSX workbook (results,
//! then the check items; every cell text).

use super::doc::{self, Formats, Widths, col_at, esc, page_header, page_setup, put, row_at};
use crate::strings::Lang;
use crate::strings::publish::{self as ps, Label as L, label};
use chrono::NaiveDate;
use rust_xlsxwriter::{Workbook, Worksheet, XlsxError};
use thiserror::Error;

/// One published result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeRow {
    pub name: String,
    /// The unified social credit code.
    pub code: String,
    /// The names of the check items inspected.
    pub items: Vec<String>,
    pub date: NaiveDate,
    /// The result's category name, already localized.
    pub result: String,
    pub department: String,
    /// When the result was corrected (更正): which version and when, already localized;
    /// empty otherwise. The notice shows the column only when some row has one.
    pub note: String,
}

/// One check item in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeItem {
    pub code: String,
    pub name: String,
    pub basis: String,
    pub subject: String,
    /// The inspection method, already localized.
    pub method: String,
    pub scope: String,
}

/// Everything the notice shows (filled by the service layer).
pub struct NoticeInput<'a> {
    /// The bureau's name; may be empty.
    pub bureau: &'a str,
    /// The quarter, e.g. `2024Q2`.
    pub quarter: &'a str,
    pub published_on: NaiveDate,
    /// The approved results, in the order to publish.
    pub rows: &'a [NoticeRow],
    pub items: &'a [NoticeItem],
    /// The verification pages of the quarter's sealed draws whose results are all published
    /// (file names, written beside the notice); linked from the HTML.
    pub verify_pages: &'a [String],
}

/// Why the notice could not be written.
#[derive(Debug, Error)]
pub enum PublishError {
    #[error("cannot write the notice of results as XLSX: {0}")]
    Xlsx(String),
}

impl From<XlsxError> for PublishError {
    fn from(e: XlsxError) -> PublishError {
        PublishError::Xlsx(e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: what the notice says, in order, independent of the format.

/// How a column's cells are set.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Style {
    Plain,
    /// A running number, centred.
    Rank,
    /// Codes: monospace, kept on one line.
    Code,
    /// Dates: kept on one line.
    Date,
}

struct Column {
    title: &'static str,
    style: Style,
}

struct Table {
    columns: Vec<Column>,
    rows: Vec<Vec<String>>,
}

/// One table of a notice with its heading, the sentence shown when it has no rows, and its
/// sheet's name in the workbook.
struct Section {
    heading: String,
    table: Table,
    none: &'static str,
    sheet: &'static str,
}

/// What a notice (the quarter's notice, a correction notice) says, in order. The CSV holds the
/// first section; the workbook has a sheet per section.
struct Layout {
    title: String,
    published: String,
    intro: &'static str,
    sections: Vec<Section>,
    /// Verification pages linked at the end (file names).
    links: Vec<String>,
}

fn cols(spec: &[(L, Style)], lang: Lang) -> Vec<Column> {
    spec.iter()
        .map(|&(l, style)| Column {
            title: label(l, lang),
            style,
        })
        .collect()
}

/// The results table: a note column (更正) only when some result was corrected.
fn results_table(rows: &[NoticeRow], lang: Lang) -> Table {
    let noted = rows.iter().any(|r| !r.note.is_empty());
    let mut spec = vec![
        (L::Rank, Style::Rank),
        (L::Enterprise, Style::Plain),
        (L::Code, Style::Code),
        (L::Items, Style::Plain),
        (L::Date, Style::Date),
        (L::Result, Style::Plain),
        (L::Department, Style::Plain),
    ];
    if noted {
        spec.push((L::Note, Style::Plain));
    }
    Table {
        columns: cols(&spec, lang),
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut v = vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.code.clone(),
                    ps::items(&r.items, lang),
                    r.date.format("%Y-%m-%d").to_string(),
                    r.result.clone(),
                    r.department.clone(),
                ];
                if noted {
                    v.push(r.note.clone());
                }
                v
            })
            .collect(),
    }
}

fn layout(input: &NoticeInput, lang: Lang) -> Layout {
    let results = results_table(input.rows, lang);
    let items = Table {
        columns: cols(
            &[
                (L::ItemCode, Style::Code),
                (L::ItemName, Style::Plain),
                (L::Basis, Style::Plain),
                (L::Subject, Style::Plain),
                (L::Method, Style::Plain),
                (L::Scope, Style::Plain),
            ],
            lang,
        ),
        rows: input
            .items
            .iter()
            .map(|it| {
                vec![
                    it.code.clone(),
                    it.name.clone(),
                    it.basis.clone(),
                    it.subject.clone(),
                    it.method.clone(),
                    it.scope.clone(),
                ]
            })
            .collect(),
    };
    Layout {
        title: ps::title(input.bureau, &ps::quarter(input.quarter, lang), lang),
        published: ps::published(input.published_on, lang),
        intro: label(L::Intro, lang),
        sections: vec![
            Section {
                heading: if input.rows.is_empty() {
                    label(L::Results, lang).to_string()
                } else {
                    ps::results_heading(input.rows.len(), lang)
                },
                table: results,
                none: label(L::NoResults, lang),
                sheet: label(L::ResultsSheet, lang),
            },
            Section {
                heading: label(L::ItemList, lang).to_string(),
                table: items,
                none: label(L::NoItems, lang),
                sheet: label(L::ItemsSheet, lang),
            },
        ],
        links: input.verify_pages.to_vec(),
    }
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// The notice's own styles, after [`doc::BASE_CSS`]: a smaller title, and on screens tables
/// that scroll sideways instead of squeezing codes and dates.
const CSS: &str = "\
h1 { font-size: 16pt; letter-spacing: 0; line-height: 1.4; }
.intro { text-indent: 2em; margin: 6pt 0 10pt; }
.empty { margin: 6pt 0 10pt; }
td.rank { text-align: center; white-space: nowrap; }
td.date { white-space: nowrap; }
td.code { font-family: \"Consolas\", \"Menlo\", \"Courier New\", monospace; font-size: 9pt;
  white-space: nowrap; }
@media screen {
  body { padding: 12mm 4mm; }
  .scroll { overflow-x: auto; }
  .scroll table { min-width: 640px; }
}
@media screen and (max-width: 640px) {
  body { padding: 4mm 3mm; font-size: 10pt; }
  h1 { font-size: 14pt; }
}
";

fn cell_class(s: Style) -> &'static str {
    match s {
        Style::Plain => "",
        Style::Rank => " class=\"rank\"",
        Style::Code => " class=\"code\"",
        Style::Date => " class=\"date\"",
    }
}

fn html_table(h: &mut String, t: &Table) {
    h.push_str("<div class=\"scroll\">\n<table><thead><tr>");
    for c in &t.columns {
        h.push_str(&format!("<th scope=\"col\">{}</th>", esc(c.title)));
    }
    h.push_str("</tr></thead><tbody>\n");
    for r in &t.rows {
        h.push_str("<tr>");
        for (i, v) in r.iter().enumerate() {
            let style = t.columns.get(i).map_or(Style::Plain, |c| c.style);
            h.push_str(&format!("<td{}>{}</td>", cell_class(style), esc(v)));
        }
        h.push_str("</tr>\n");
    }
    h.push_str("</tbody></table>\n</div>\n");
}

/// A table, or the given sentence when it has no rows.
fn html_section(h: &mut String, heading: &str, t: &Table, none: &str) {
    h.push_str(&format!("<section>\n<h2>{}</h2>\n", esc(heading)));
    if t.rows.is_empty() {
        h.push_str(&format!("<p class=\"empty\">{}</p>\n", esc(none)));
    } else {
        html_table(h, t);
    }
    h.push_str("</section>\n");
}

/// The notice as one self-contained HTML page for the portal, printable on A4.
pub fn notice_html(input: &NoticeInput, lang: Lang) -> String {
    html(&layout(input, lang), lang)
}

/// A laid-out notice as one self-contained HTML page.
fn html(lay: &Layout, lang: Lang) -> String {
    let rows: usize = lay.sections.iter().map(|s| s.table.rows.len()).sum();
    let mut h = String::with_capacity(8 * 1024 + 256 * rows);
    doc::html_start(&mut h, lang, &lay.title, &[doc::BASE_CSS, CSS]);
    h.push_str(&format!(
        "<header>\n<h1>{}</h1>\n<p class=\"subtitle\">{}</p>\n</header>\n",
        esc(&lay.title),
        esc(&lay.published)
    ));
    h.push_str(&format!("<p class=\"intro\">{}</p>\n", esc(lay.intro)));
    for s in &lay.sections {
        html_section(&mut h, &s.heading, &s.table, s.none);
    }
    if !lay.links.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2>\n<p>{}</p>\n<ul>\n",
            esc(ps::verify_heading(lang)),
            esc(crate::strings::announce::verify_page_note(lang))
        ));
        for p in &lay.links {
            h.push_str(&format!("<li><a href=\"{0}\">{0}</a></li>\n", esc(p)));
        }
        h.push_str("</ul>\n");
    }
    h.push_str("</body>\n</html>\n");
    h
}

// ---------------------------------------------------------------------------------------------
// CSV.

/// Keeps a spreadsheet from reading a cell as a formula (`=`, `+`, `-`, `@` first): such a cell
/// gets a leading apostrophe, shown as text by Excel.
fn csv_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

/// The results table as CSV: UTF-8 with BOM, one header row, one row per result. Codes stay
/// plain text (credit codes hold letters, so Excel keeps them as text).
pub fn notice_csv(input: &NoticeInput, lang: Lang) -> Vec<u8> {
    csv(&layout(input, lang))
}

/// A laid-out notice's first table as CSV.
fn csv(lay: &Layout) -> Vec<u8> {
    let Some(first) = lay.sections.first() else {
        return super::write::csv_bytes(&[], &[]);
    };
    let headers: Vec<&str> = first.table.columns.iter().map(|c| c.title).collect();
    let rows: Vec<Vec<String>> = first
        .table
        .rows
        .iter()
        .map(|r| r.iter().map(|v| csv_cell(v)).collect())
        .collect();
    super::write::csv_bytes(&headers, &rows)
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// One table on its own sheet: the header in row 1, repeated on every printed page.
fn table_sheet(ws: &mut Worksheet, t: &Table, title: &str, f: &Formats) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    for (c, col) in t.columns.iter().enumerate() {
        put(ws, &mut w, 0, col_at(c), col.title, &f.head, false)?;
    }
    for (i, r) in t.rows.iter().enumerate() {
        for (c, v) in r.iter().enumerate() {
            let m = t.columns.get(c).is_some_and(|x| x.style == Style::Code);
            let fmt = if m { &f.mono } else { &f.cell };
            put(ws, &mut w, row_at(i + 1), col_at(c), v, fmt, m)?;
        }
    }
    w.apply(ws)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    page_setup(ws);
    if let Some(h) = page_header(title) {
        ws.set_header(&h);
    }
    Ok(())
}

/// The notice as an XLSX workbook: sheet 1 the results, sheet 2 the check items in force.
pub fn notice_xlsx(input: &NoticeInput, lang: Lang) -> Result<Vec<u8>, PublishError> {
    xlsx(&layout(input, lang))
}

/// A laid-out notice as an XLSX workbook, a sheet per section.
fn xlsx(lay: &Layout) -> Result<Vec<u8>, PublishError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    for s in &lay.sections {
        let ws = wb.add_worksheet();
        ws.set_name(s.sheet)?;
        table_sheet(ws, &s.table, &lay.title, &f)?;
    }
    Ok(wb.save_to_buffer()?)
}

// ---------------------------------------------------------------------------------------------
// Files.

/// The quarter as part of a file name: characters a file system may refuse become `_`.
fn file_quarter(q: &str) -> String {
    q.trim()
        .chars()
        .map(|c| {
            if c.is_control() || c.is_whitespace() || "/\\:*?\"<>|.".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The three files with their names: `抽查结果公示-2024Q2.html`, `.csv` and `.xlsx` (English:
/// `inspection-results-2024Q2.*`).
pub fn notice_files(
    input: &NoticeInput,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, PublishError> {
    files(
        &layout(input, lang),
        ps::file_stem(lang),
        input.quarter,
        lang,
    )
}

/// A laid-out notice as `STEM-QUARTER.html`, `.csv` and `.xlsx`.
fn files(
    lay: &Layout,
    stem: &str,
    quarter: &str,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, PublishError> {
    let q = file_quarter(quarter);
    let stem = if q.is_empty() {
        stem.to_string()
    } else {
        format!("{stem}-{q}")
    };
    Ok(vec![
        (format!("{stem}.html"), html(lay, lang).into_bytes()),
        (format!("{stem}.csv"), csv(lay)),
        (format!("{stem}.xlsx"), xlsx(lay)?),
    ])
}

mod correction;

pub use correction::{CorrectionInput, CorrectionRow, correction_files};

#[cfg(test)]
mod tests;
