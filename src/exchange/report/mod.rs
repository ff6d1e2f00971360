//! The quarterly statistics table (统计表, S11) and the inspector assessment (检查人员考核表, S9)
//! as XLSX, and a draft of the quarterly work summary (工作总结, S11) as one self-contained HTML
//! page (A4, inline CSS, no scripts, every input text escaped) that staff finish in WPS or Word.
//! Everything is rendered from [`QuarterStats`] and [`Assessment`], computed once by the
//! service, so the table and the summary never disagree.
//!
//! # Sheet 1 “季度统计表” (English “Quarterly statistics”)
//!
//! Rows are numbered from 1, as Excel shows them. Rows 1–4 are fixed; below them every row
//! that holds data, and every table header, has a stable label in column A (the texts of
//! `strings::report::label`, the class names of `strings::group`). Read the sheet by looking a
//! row up by its column-A label, not by its number: the number of class rows and of result
//! categories varies. Integers are stored as numbers, percentages as text (`25%`, from
//! `format_percent`), 是否达标 as the text 是/否.
//!
//! | Row | Column A | Columns B… |
//! |-----|----------|------------|
//! | 1 | the title (bureau, quarter, 抽查统计表), merged over A–H | |
//! | 2 | `填报日期：YYYY-MM-DD` | |
//! | 3 | blank | |
//! | 4 | `类别` (header) | 总数, 比例要求, 应抽查数, 已抽取, 已检查, 检查比例, 是否达标 |
//! | 5… | one row per `ClassLine`, in order, labelled with the class's name (重点监管对象, 特殊监管对象, 一般监管对象（正面清单外）, 正面清单企业（非现场）) | B population, C ratio (text), D required, E drawn, F inspected, G share inspected (text), H 是/否 |
//! | | blank | |
//! | | `指标` (header) | 完成数, 总数, 比例, 要求, 是否达标 |
//! | | `部门内联合抽查` | B part, C whole, D share (text), E target (text), F 是/否 |
//! | | `分级分类抽查占比` | as above |
//! | | `正面清单非现场监管` | as above |
//! | | `部门联合抽查次数（本年累计）` | B inspections to date, C the year's target, D progress (text), E `100%`, F 是/否; with no target set C, D and F are blank and E reads `未设目标` |
//! | | `部门联合抽查对象数（本年累计）` | as above, for subjects |
//! | | blank | |
//! | | `检查结果` (header) | 数量, 比例 |
//! | | `已录入结果` | B results entered |
//! | | `其中：<category>`, one per category in order | B count, C share of 已录入结果 (text; blank when none entered) |
//! | | `发现问题` | B count, C share of 已录入结果 (text; blank when none entered) |
//! | | `立案查处`, `责令整改`, `已审核`, `已公示`, `按时公示（20个工作日内）` | B count |
//! | | `公示及时率` | B blank, C 按时公示 / 已公示 (text; blank when none published) |
//! | | `已签字`, `拒绝签字`, `无法取得签字` | B count |
//!
//! With the usual four classes the indicator header is row 10 and the results header row 17.
//! Printed landscape on A4, one page wide, rows 1–2 repeated on every page.
//!
//! # Sheet 2 “检查人员考核” (English “Inspector assessment”), also [`assessment_xlsx`]
//!
//! Row 1 is the header (A–J: 执法证号, 姓名, 科室, 任务数, 已完成, 按时完成, 取得签字, 发现问题,
//! 立案, 被退回); from row 2 one row per [`Assessment`] in the given order. A–C are text, D–J
//! numbers. The title (bureau, quarter, 检查人员考核表) is the printed page header; the header
//! row is frozen and repeated on every printed page.

use super::doc::{
    self, Formats, Widths, col_at, esc, esc_lines, page_header, page_setup, put, put_number,
};
use crate::domain::quota::format_percent;
use crate::domain::stats::{Assessment, QuarterStats, Share, share_bp};
use crate::strings::report::{self as rs, Label as L, label};
use crate::strings::{self, Lang};
use chrono::NaiveDate;
use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};
use thiserror::Error;

/// Everything the report, the assessment and the summary show (filled by the service layer).
pub struct ReportInput<'a> {
    /// The bureau's name; may be empty.
    pub bureau: &'a str,
    pub stats: &'a QuarterStats,
    /// One line per inspector, in the order to show.
    pub assessment: &'a [Assessment],
    /// The day the table is made (填报日期) and the summary dated.
    pub made_on: NaiveDate,
}

/// Why an XLSX file of the report could not be written.
#[derive(Debug, Error)]
pub enum ReportError {
    #[error("cannot write the quarterly report as XLSX: {0}")]
    Xlsx(String),
}

impl From<XlsxError> for ReportError {
    fn from(e: XlsxError) -> ReportError {
        ReportError::Xlsx(e.to_string())
    }
}

// ---------------------------------------------------------------------------------------------
// The statistics table's content, independent of the writing.

/// One cell of a statistics table.
enum V {
    /// A row label or other text.
    Text(String),
    /// A count, stored as a number.
    Num(u64),
    /// A percentage or requirement kept as text, right-aligned.
    Figure(String),
    /// 是/否, centred.
    Mark(&'static str),
    Blank,
}

struct Table {
    head: Vec<&'static str>,
    rows: Vec<Vec<V>>,
}

fn heads(ls: &[L], lang: Lang) -> Vec<&'static str> {
    ls.iter().map(|&l| label(l, lang)).collect()
}

fn text(l: L, lang: Lang) -> V {
    V::Text(label(l, lang).to_string())
}

fn pct(bp: u32) -> V {
    V::Figure(format_percent(bp))
}

fn mark(b: bool, lang: Lang) -> V {
    V::Mark(strings::cli::yes_no(b, lang))
}

/// `part / whole` as a percentage, blank when `whole` is 0.
fn ratio(part: u64, whole: u64) -> V {
    if whole == 0 {
        V::Blank
    } else {
        pct(share_bp(part, whole))
    }
}

fn class_table(s: &QuarterStats, lang: Lang) -> Table {
    Table {
        head: heads(
            &[
                L::Class,
                L::Population,
                L::Ratio,
                L::Required,
                L::Drawn,
                L::Inspected,
                L::ShareInspected,
                L::Met,
            ],
            lang,
        ),
        rows: s
            .classes
            .iter()
            .map(|c| {
                vec![
                    V::Text(strings::group(c.group, lang).to_string()),
                    V::Num(c.population),
                    pct(c.ratio_bp),
                    V::Num(c.required),
                    V::Num(c.drawn),
                    V::Num(c.inspected),
                    pct(c.share_bp),
                    mark(c.met, lang),
                ]
            })
            .collect(),
    }
}

fn share_row(l: L, s: &Share, lang: Lang) -> Vec<V> {
    vec![
        text(l, lang),
        V::Num(s.part),
        V::Num(s.whole),
        pct(s.share_bp),
        pct(s.target_bp),
        mark(s.met, lang),
    ]
}

/// A year-to-date count against the year's target (0: none set).
fn yearly_row(l: L, done: u64, target: u64, lang: Lang) -> Vec<V> {
    if target == 0 {
        return vec![
            text(l, lang),
            V::Num(done),
            V::Blank,
            V::Blank,
            V::Figure(label(L::NoTarget, lang).to_string()),
            V::Blank,
        ];
    }
    let s = Share::new(done, target, 10_000);
    vec![
        text(l, lang),
        V::Num(done),
        V::Num(target),
        pct(s.share_bp),
        pct(s.target_bp),
        mark(s.met, lang),
    ]
}

fn indicator_table(s: &QuarterStats, lang: Lang) -> Table {
    let j = &s.department_joint;
    Table {
        head: heads(
            &[L::Indicator, L::Done, L::Total, L::Share, L::Target, L::Met],
            lang,
        ),
        rows: vec![
            share_row(L::InternalJoint, &s.internal_joint, lang),
            share_row(L::Classified, &s.classified, lang),
            share_row(L::Offsite, &s.offsite, lang),
            yearly_row(
                L::JointInspectionsYtd,
                j.inspections_ytd,
                j.target_inspections,
                lang,
            ),
            yearly_row(L::JointSubjectsYtd, j.subjects_ytd, j.target_subjects, lang),
        ],
    }
}

fn results_table(s: &QuarterStats, lang: Lang) -> Table {
    let r = &s.results;
    let count = |l: L, n: u64| vec![text(l, lang), V::Num(n), V::Blank];
    let mut rows = vec![count(L::Entered, r.entered)];
    rows.extend(r.by_category.iter().map(|(name, n)| {
        vec![
            V::Text(rs::category_row(name, lang)),
            V::Num(*n),
            ratio(*n, r.entered),
        ]
    }));
    rows.push(vec![
        text(L::Problems, lang),
        V::Num(r.problems),
        ratio(r.problems, r.entered),
    ]);
    rows.extend([
        count(L::Cases, r.cases),
        count(L::Rectifications, r.rectifications),
        count(L::Approved, r.approved),
        count(L::Published, r.published),
        count(L::PublishedOnTime, r.published_on_time),
        vec![
            text(L::PublicationRate, lang),
            V::Blank,
            ratio(r.published_on_time, r.published),
        ],
        count(L::Signed, r.signed),
        count(L::Refused, r.refused),
        count(L::Unobtainable, r.unobtainable),
    ]);
    Table {
        head: heads(&[L::Results, L::Count, L::Share], lang),
        rows,
    }
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// Writes a table with its header at `row`; returns the row after it.
fn write_table(
    ws: &mut Worksheet,
    w: &mut Widths,
    f: &Formats,
    mut row: u32,
    t: &Table,
) -> Result<u32, XlsxError> {
    for (c, h) in t.head.iter().enumerate() {
        put(ws, w, row, col_at(c), h, &f.head, false)?;
    }
    row += 1;
    for r in &t.rows {
        for (c, v) in r.iter().enumerate() {
            let c = col_at(c);
            match v {
                V::Text(s) => put(ws, w, row, c, s, &f.cell, false)?,
                V::Num(n) => put_number(ws, w, row, c, *n, &f.number)?,
                V::Figure(s) => put(ws, w, row, c, s, &f.figure, false)?,
                V::Mark(s) => put(ws, w, row, c, s, &f.mark, false)?,
                V::Blank => {
                    ws.write_blank(row, c, &f.cell)?;
                }
            }
        }
        row += 1;
    }
    Ok(row)
}

/// Sheet 1: the title lines, then the class, indicator and results tables (see the module
/// documentation for the layout).
fn stats_sheet(
    ws: &mut Worksheet,
    input: &ReportInput,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let s = input.stats;
    let tables = [
        class_table(s, lang),
        indicator_table(s, lang),
        results_table(s, lang),
    ];
    let width = tables.iter().map(|t| t.head.len()).max().unwrap_or(1);
    let title = rs::stats_title(input.bureau, s.quarter, lang);
    let title_format = f
        .title
        .clone()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    if width > 1 {
        ws.merge_range(0, 0, 0, col_at(width - 1), &title, &title_format)?;
    } else {
        ws.write_string_with_format(0, 0, &title, &title_format)?;
    }
    ws.set_row_height(0, 44)?;
    ws.write_string_with_format(1, 0, rs::made_on(input.made_on, lang), &f.plain)?;
    let mut w = Widths::default();
    let mut row = 3;
    for t in &tables {
        row = write_table(ws, &mut w, f, row, t)? + 1;
    }
    w.apply(ws)?;
    ws.set_repeat_rows(0, 1)?;
    page_setup(ws);
    Ok(())
}

/// The assessment sheet: a header row, then one row per inspector.
fn assessment_sheet(
    ws: &mut Worksheet,
    input: &ReportInput,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let head = heads(
        &[
            L::InspectorId,
            L::Name,
            L::Section,
            L::Assignments,
            L::Completed,
            L::OnTime,
            L::Signatures,
            L::Problems,
            L::CasesFiled,
            L::Returned,
        ],
        lang,
    );
    let rows: Vec<Vec<V>> = input
        .assessment
        .iter()
        .map(|a| {
            vec![
                V::Text(a.id.clone()),
                V::Text(a.name.clone()),
                V::Text(a.section.clone()),
                V::Num(a.assignments),
                V::Num(a.completed),
                V::Num(a.on_time),
                V::Num(a.signatures),
                V::Num(a.problems),
                V::Num(a.cases),
                V::Num(a.returned),
            ]
        })
        .collect();
    let mut w = Widths::default();
    write_table(ws, &mut w, f, 0, &Table { head, rows })?;
    w.apply(ws)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    page_setup(ws);
    if let Some(h) = page_header(&rs::assessment_title(
        input.bureau,
        input.stats.quarter,
        lang,
    )) {
        ws.set_header(&h);
    }
    Ok(())
}

/// The quarterly statistics table (统计表) as XLSX: sheet 1 “季度统计表”, sheet 2 “检查人员考核”.
/// The layout is documented on the module.
pub fn report_xlsx(input: &ReportInput, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::StatsSheet, lang))?;
        stats_sheet(ws, input, &f, lang)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::AssessmentSheet, lang))?;
        assessment_sheet(ws, input, &f, lang)?;
    }
    Ok(wb.save_to_buffer()?)
}

/// Assessment only, as its own XLSX (检查人员考核表): the one sheet “检查人员考核”, laid out as
/// sheet 2 of [`report_xlsx`].
pub fn assessment_xlsx(input: &ReportInput, lang: Lang) -> Result<Vec<u8>, ReportError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(label(L::AssessmentSheet, lang))?;
    assessment_sheet(ws, input, &f, lang)?;
    Ok(wb.save_to_buffer()?)
}

// ---------------------------------------------------------------------------------------------
// HTML.

/// The summary's own styles, after [`doc::BASE_CSS`]: body text at 12pt with indented
/// paragraphs, section headings in a black face and case headings in a Kai face as in official
/// documents, the bureau and date flush right at the end.
const CSS: &str = "\
body { font-size: 12pt; line-height: 1.7; }
h1 { font-size: 18pt; letter-spacing: 0; line-height: 1.4; margin-bottom: 10pt; }
h2 { font-family: \"SimHei\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif;
  font-weight: normal; font-size: 14pt; }
h3 { font-family: \"KaiTi\", \"Kaiti SC\", \"STKaiti\", serif; font-weight: normal; font-size: 12pt;
  text-indent: 2em; }
p { text-indent: 2em; margin: 4pt 0; }
p.note { text-indent: 0; font-size: 10.5pt; }
.closing { margin-top: 28pt; text-align: right; break-inside: avoid; page-break-inside: avoid; }
.closing p { text-indent: 0; margin: 0; }
";

fn h2(h: &mut String, l: L, lang: Lang) {
    h.push_str(&format!("<h2>{}</h2>\n", esc(label(l, lang))));
}

fn para(h: &mut String, sentences: &[String]) {
    h.push_str(&format!("<p>{}</p>\n", esc(&sentences.concat())));
}

/// A draft of the quarterly work summary (工作总结), pre-filled with the figures and the
/// typical cases, as an HTML document staff finish in WPS or Word.
pub fn summary_html(input: &ReportInput, lang: Lang) -> String {
    let s = input.stats;
    let r = &s.results;
    let sep = lang.t("", " ");
    let title = rs::summary_title(s.quarter, lang);
    let mut h = String::with_capacity(8 * 1024 + 1024 * s.typical.len());
    doc::html_start(&mut h, lang, &title, &[doc::BASE_CSS, CSS]);
    h.push_str("<header>\n");
    let bureau = input.bureau.trim();
    if !bureau.is_empty() {
        h.push_str(&format!("<p class=\"bureau\">{}</p>\n", esc(bureau)));
    }
    h.push_str(&format!("<h1>{}</h1>\n</header>\n", esc(&title)));
    h.push_str(&format!(
        "<p class=\"note\">{}</p>\n",
        esc(label(L::DraftNote, lang))
    ));

    h.push_str("<section>\n");
    h2(&mut h, L::Basics, lang);
    let mut basics = vec![rs::intro(s.quarter, lang)];
    for c in &s.classes {
        basics.push(sep.to_string());
        basics.push(rs::class_sentence(strings::group(c.group, lang), c, lang));
    }
    para(&mut h, &basics);
    para(
        &mut h,
        &[
            rs::internal_joint(&s.internal_joint, lang),
            sep.to_string(),
            rs::classified(&s.classified, lang),
            sep.to_string(),
            rs::department_joint(&s.department_joint, lang),
        ],
    );
    para(&mut h, &[rs::offsite(&s.offsite, lang)]);
    h.push_str("</section>\n<section>\n");

    h2(&mut h, L::ResultsSection, lang);
    para(
        &mut h,
        &[
            rs::results_entered(r, lang),
            sep.to_string(),
            rs::findings(r, lang),
        ],
    );
    para(
        &mut h,
        &[
            rs::publication(r, lang),
            sep.to_string(),
            rs::signatures(r, lang),
        ],
    );
    h.push_str("</section>\n<section>\n");

    h2(&mut h, L::TypicalSection, lang);
    if s.typical.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", esc(label(L::NoTypical, lang))));
    } else {
        for (i, c) in s.typical.iter().enumerate() {
            h.push_str(&format!(
                "<h3>{}</h3>\n",
                esc(&rs::case_heading(i + 1, &c.name, lang))
            ));
            h.push_str(&format!(
                "<p>{}</p>\n",
                esc(&rs::case_facts(&c.code, c.date, &c.category, lang))
            ));
            for (l, v) in [(L::CaseFindings, &c.findings), (L::CaseNote, &c.note)] {
                if !v.trim().is_empty() {
                    h.push_str(&format!(
                        "<p>{}</p>\n",
                        esc_lines(&rs::labelled(l, v.trim(), lang))
                    ));
                }
            }
        }
        h.push_str(&format!("<p>{}</p>\n", esc(label(L::Evidence, lang))));
    }
    h.push_str("</section>\n<section>\n");

    h2(&mut h, L::NextSection, lang);
    for (head, body) in [
        (L::IssuesHeading, L::IssuesPlaceholder),
        (L::NextHeading, L::NextPlaceholder),
    ] {
        h.push_str(&format!("<h3>{}</h3>\n", esc(label(head, lang))));
        h.push_str(&format!("<p>{}</p>\n", esc(label(body, lang))));
    }
    h.push_str("</section>\n<div class=\"closing\">\n");
    if !bureau.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", esc(bureau)));
    }
    h.push_str(&format!(
        "<p>{}</p>\n</div>\n</body>\n</html>\n",
        esc(&rs::date(input.made_on, lang))
    ));
    h
}

#[cfg(test)]
mod tests;
