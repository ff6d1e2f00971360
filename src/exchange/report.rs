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
mod tests {
    use super::*;
    use crate::domain::quarter::Quarter;
    use crate::domain::quota::Group;
    use crate::domain::stats::{ClassLine, JointLine, ResultLine, TypicalCase};
    use calamine::{Data, Reader, Xlsx};
    use std::io::Cursor;

    const BUREAU: &str = "唐山市生态环境局高新技术产业开发区分局";
    const EVIL: &str = "唐山<b>&化工有限公司";

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn class(
        group: Group,
        population: u64,
        ratio_bp: u32,
        required: u64,
        drawn: u64,
        inspected: u64,
    ) -> ClassLine {
        ClassLine {
            group,
            population,
            ratio_bp,
            required,
            drawn,
            inspected,
            share_bp: share_bp(inspected, population),
            met: inspected >= required,
        }
    }

    fn stats() -> QuarterStats {
        QuarterStats {
            quarter: Quarter::new(2024, 2).unwrap(),
            classes: vec![
                class(Group::Key, 40, 2500, 10, 10, 10),
                class(Group::Special, 12, 6500, 8, 8, 7),
                class(Group::General, 300, 300, 9, 9, 9),
                class(Group::PositiveList, 6, 10000, 6, 0, 6),
            ],
            internal_joint: Share::new(10, 27, 3500),
            classified: Share::new(27, 30, 8500),
            offsite: Share::new(6, 6, 10000),
            department_joint: JointLine {
                inspections: 2,
                subjects: 5,
                inspections_ytd: 3,
                subjects_ytd: 8,
                target_inspections: 4,
                target_subjects: 0,
            },
            results: ResultLine {
                entered: 30,
                by_category: vec![
                    ("未发现问题".into(), 22),
                    ("发现问题，已责令整改".into(), 6),
                    ("发现问题，已立案查处".into(), 2),
                ],
                problems: 8,
                cases: 2,
                rectifications: 6,
                approved: 28,
                published: 25,
                published_on_time: 24,
                signed: 27,
                refused: 1,
                unobtainable: 2,
            },
            typical: vec![
                TypicalCase {
                    name: EVIL.into(),
                    code: "91130200MA0A1B2C3D".into(),
                    date: d(5, 20),
                    category: "发现问题，已立案查处".into(),
                    findings: "危险废物贮存场所未设置标识\n台账记录<不全>".into(),
                    note: "已立案查处，责令限期整改".into(),
                },
                TypicalCase {
                    name: "唐山钢铁集团有限责任公司".into(),
                    code: "911302007825743215".into(),
                    date: d(6, 3),
                    category: "发现问题，已责令整改".into(),
                    findings: "在线监测设备运行不正常".into(),
                    note: String::new(),
                },
            ],
        }
    }

    fn assessment() -> Vec<Assessment> {
        vec![
            Assessment {
                id: "13020001".into(),
                name: "张伟".into(),
                section: "执法一大队".into(),
                assignments: 12,
                completed: 11,
                on_time: 10,
                signatures: 10,
                problems: 3,
                cases: 1,
                returned: 2,
            },
            Assessment {
                id: "013020002".into(),
                name: "李娜".into(),
                section: "大气环境科".into(),
                assignments: 8,
                completed: 8,
                on_time: 8,
                signatures: 7,
                problems: 0,
                cases: 0,
                returned: 0,
            },
        ]
    }

    fn input<'a>(s: &'a QuarterStats, a: &'a [Assessment]) -> ReportInput<'a> {
        ReportInput {
            bureau: BUREAU,
            stats: s,
            assessment: a,
            made_on: d(7, 1),
        }
    }

    fn sheet(bytes: &[u8], name: &str) -> Vec<Vec<Data>> {
        let mut wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let range = wb.worksheet_range(name).unwrap();
        assert_eq!(range.start(), Some((0, 0)), "{name}");
        range.rows().map(|r| r.to_vec()).collect()
    }

    fn text(d: &Data) -> &str {
        match d {
            Data::String(s) => s,
            _ => "",
        }
    }

    fn s(v: &str) -> Data {
        Data::String(v.to_string())
    }

    fn n(v: u64) -> Data {
        Data::Float(v as f64)
    }

    /// The row whose column A reads `label`; there must be exactly one.
    fn row<'a>(rows: &'a [Vec<Data>], label: &str) -> &'a [Data] {
        let mut found = rows.iter().filter(|r| text(&r[0]) == label);
        let r = found.next().unwrap_or_else(|| panic!("no row {label:?}"));
        assert!(found.next().is_none(), "two rows {label:?}");
        r
    }

    /// The index of the row whose column A reads `label`.
    fn index(rows: &[Vec<Data>], label: &str) -> usize {
        rows.iter()
            .position(|r| text(&r[0]) == label)
            .unwrap_or_else(|| panic!("no row {label:?}"))
    }

    #[test]
    fn statistics_sheet_reads_back_by_label() {
        let (st, a) = (stats(), assessment());
        let bytes = report_xlsx(&input(&st, &a), Lang::Zh).unwrap();
        let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(wb.sheet_names(), vec!["季度统计表", "检查人员考核"]);
        let rows = sheet(&bytes, "季度统计表");

        // Fixed rows 1–4.
        assert_eq!(
            text(&rows[0][0]),
            "唐山市生态环境局高新技术产业开发区分局 2024年第二季度“双随机、一公开”抽查统计表"
        );
        assert_eq!(text(&rows[1][0]), "填报日期：2024-07-01");
        assert!(rows[2].iter().all(|c| *c == Data::Empty));
        assert_eq!(index(&rows, "类别"), 3);
        let head: Vec<&str> = rows[3].iter().map(text).collect();
        assert_eq!(
            head,
            [
                "类别",
                "总数",
                "比例要求",
                "应抽查数",
                "已抽取",
                "已检查",
                "检查比例",
                "是否达标"
            ]
        );

        // The class rows, in order, right under the header.
        let names: Vec<&str> = rows[4..8].iter().map(|r| text(&r[0])).collect();
        assert_eq!(
            names,
            [
                "重点监管对象",
                "特殊监管对象",
                "一般监管对象（正面清单外）",
                "正面清单企业（非现场）"
            ]
        );
        assert_eq!(
            row(&rows, "重点监管对象")[1..],
            [n(40), s("25%"), n(10), n(10), n(10), s("25%"), s("是")]
        );
        assert_eq!(
            row(&rows, "特殊监管对象")[1..],
            [n(12), s("65%"), n(8), n(8), n(7), s("58.33%"), s("否")]
        );
        assert_eq!(row(&rows, "一般监管对象（正面清单外）")[2], s("3%"));
        assert_eq!(
            row(&rows, "正面清单企业（非现场）")[1..],
            [n(6), s("100%"), n(6), n(0), n(6), s("100%"), s("是")]
        );
        assert!(rows[8].iter().all(|c| *c == Data::Empty));

        // Indicators.
        assert_eq!(index(&rows, "指标"), 9, "row 10 with four classes");
        let head: Vec<&str> = rows[9][..6].iter().map(text).collect();
        assert_eq!(head, ["指标", "完成数", "总数", "比例", "要求", "是否达标"]);
        assert_eq!(
            row(&rows, "部门内联合抽查")[1..6],
            [n(10), n(27), s("37.03%"), s("35%"), s("是")]
        );
        assert_eq!(
            row(&rows, "分级分类抽查占比")[1..6],
            [n(27), n(30), s("90%"), s("85%"), s("是")]
        );
        assert_eq!(
            row(&rows, "正面清单非现场监管")[1..6],
            [n(6), n(6), s("100%"), s("100%"), s("是")]
        );
        assert_eq!(
            row(&rows, "部门联合抽查次数（本年累计）")[1..6],
            [n(3), n(4), s("75%"), s("100%"), s("否")]
        );
        assert_eq!(
            row(&rows, "部门联合抽查对象数（本年累计）")[1..6],
            [n(8), Data::Empty, Data::Empty, s("未设目标"), Data::Empty]
        );

        // Results.
        assert_eq!(index(&rows, "检查结果"), 16, "row 17 with four classes");
        assert_eq!(text(&rows[16][1]), "数量");
        assert_eq!(text(&rows[16][2]), "比例");
        assert_eq!(row(&rows, "已录入结果")[1], n(30));
        let first = index(&rows, "已录入结果");
        let cats: Vec<&str> = rows[first + 1..first + 4]
            .iter()
            .map(|r| text(&r[0]))
            .collect();
        assert_eq!(
            cats,
            [
                "其中：未发现问题",
                "其中：发现问题，已责令整改",
                "其中：发现问题，已立案查处"
            ]
        );
        assert_eq!(row(&rows, "其中：未发现问题")[1..3], [n(22), s("73.33%")]);
        assert_eq!(row(&rows, "发现问题")[1..3], [n(8), s("26.66%")]);
        for (label, want) in [
            ("立案查处", 2),
            ("责令整改", 6),
            ("已审核", 28),
            ("已公示", 25),
            ("按时公示（20个工作日内）", 24),
            ("已签字", 27),
            ("拒绝签字", 1),
            ("无法取得签字", 2),
        ] {
            assert_eq!(row(&rows, label)[1], n(want), "{label}");
        }
        assert_eq!(row(&rows, "公示及时率")[1..3], [Data::Empty, s("96%")]);
        assert_eq!(text(&rows.last().unwrap()[0]), "无法取得签字");
    }

    #[test]
    fn assessment_rows_are_numbers_in_both_workbooks() {
        let (st, a) = (stats(), assessment());
        let inp = input(&st, &a);
        let full = sheet(&report_xlsx(&inp, Lang::Zh).unwrap(), "检查人员考核");
        let alone_bytes = assessment_xlsx(&inp, Lang::Zh).unwrap();
        let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&alone_bytes[..])).unwrap();
        assert_eq!(wb.sheet_names(), vec!["检查人员考核"]);
        let alone = sheet(&alone_bytes, "检查人员考核");
        assert_eq!(full, alone);

        let head: Vec<&str> = full[0].iter().map(text).collect();
        assert_eq!(
            head,
            [
                "执法证号",
                "姓名",
                "科室",
                "任务数",
                "已完成",
                "按时完成",
                "取得签字",
                "发现问题",
                "立案",
                "被退回"
            ]
        );
        assert_eq!(full.len(), 3);
        assert_eq!(
            full[1],
            [
                s("13020001"),
                s("张伟"),
                s("执法一大队"),
                n(12),
                n(11),
                n(10),
                n(10),
                n(3),
                n(1),
                n(2)
            ]
        );
        assert_eq!(full[2][0], s("013020002"), "ids stay text");
        assert_eq!(full[2][3..], [n(8), n(8), n(8), n(7), n(0), n(0), n(0)]);

        // No inspectors: the header alone.
        let none = sheet(
            &assessment_xlsx(&input(&st, &[]), Lang::Zh).unwrap(),
            "检查人员考核",
        );
        assert_eq!(none.len(), 1);
    }

    fn assert_inert(html: &str) {
        let lower = html.to_lowercase();
        for bad in ["<script", "src=", "href=", "url(", "@import", "javascript:"] {
            assert!(!lower.contains(bad), "{bad}");
        }
    }

    #[test]
    fn summary_has_the_figures_and_the_cases_escaped() {
        let (st, a) = (stats(), assessment());
        let html = summary_html(&input(&st, &a), Lang::Zh);
        assert!(html.starts_with("<!DOCTYPE html>"));
        for want in [
            "<html lang=\"zh-CN\">",
            "<meta charset=\"utf-8\">",
            "@page { size: A4;",
            "<title>2024年第二季度“双随机、一公开”工作总结（草稿）</title>",
            "<h1>2024年第二季度“双随机、一公开”工作总结（草稿）</h1>",
            "<p class=\"bureau\">唐山市生态环境局高新技术产业开发区分局</p>",
            "<h2>一、基本情况</h2>",
            "2024年第二季度（2024年4月1日至2024年6月30日）",
            "重点监管对象共 40 家，按 25% 的比例应抽查 10 家，已抽取 10 家，已检查 10 家，检查比例 25%，达到要求。",
            "特殊监管对象共 12 家，按 65% 的比例应抽查 8 家，已抽取 8 家，已检查 7 家，检查比例 58.33%，未达到要求。",
            "一般监管对象（正面清单外）共 300 家",
            "正面清单企业（非现场）共 6 家，按 100% 的比例应实施非现场监管 6 家，已实施 6 家",
            "本季度抽取的 27 家检查对象中，由两个以上科室联合检查的 10 家，占 37.03%，要求不低于 35%，达到要求。",
            "按监管类别分级分类抽取的 27 家，占 90%，要求不低于 85%",
            "本年累计开展 3 次（全年目标 4 次，已完成 75%），检查对象 8 家（未设定全年目标）",
            "正面清单企业 6 家中，6 家已通过在线监测、分表计电、视频监控等方式实施非现场监管，覆盖率 100%",
            "<h2>二、检查结果</h2>",
            "本季度共录入检查结果 30 条，其中未发现问题 22 条，发现问题，已责令整改 6 条，发现问题，已立案查处 2 条。",
            "检查中发现问题 8 条，立案查处 2 件，责令整改 6 条。",
            "已审核 28 条，已公示 25 条，其中 20 个工作日内按时公示 24 条，公示及时率 96%。",
            "拒绝签字 1 份，无法取得签字 2 份。",
            "<h2>三、典型案例</h2>",
            "<h3>（一）唐山&lt;b&gt;&amp;化工有限公司</h3>",
            "统一社会信用代码：91130200MA0A1B2C3D；检查日期：2024年5月20日；检查结果：发现问题，已立案查处。",
            "发现问题：危险废物贮存场所未设置标识<br>台账记录&lt;不全&gt;",
            "说明：已立案查处，责令限期整改",
            "<h3>（二）唐山钢铁集团有限责任公司</h3>",
            "<h2>四、存在问题及下一步工作</h2>",
            "<h3>（一）存在问题</h3>",
            "<h3>（二）下一步工作</h3>",
            "<p>2024年7月1日</p>",
        ] {
            assert!(html.contains(want), "missing {want:?}");
        }
        assert!(!html.contains(EVIL), "the name is escaped");
        assert!(!html.contains("本季度无典型案例"));
        // The second case has no note: no empty note line.
        assert_eq!(html.matches("<p>说明：").count(), 1);
        // Placeholders for staff, in brackets.
        assert!(html.matches("<p>【").count() >= 3);
        assert_inert(&html);
        // Sections in order.
        let at = |s: &str| html.find(s).unwrap();
        assert!(at("一、基本情况") < at("二、检查结果"));
        assert!(at("二、检查结果") < at("三、典型案例"));
        assert!(at("三、典型案例") < at("四、存在问题及下一步工作"));
    }

    #[test]
    fn summary_without_typical_cases_or_bureau() {
        let mut st = stats();
        st.typical.clear();
        st.results.published = 0;
        st.results.published_on_time = 0;
        let mut inp = input(&st, &[]);
        inp.bureau = " ";
        let html = summary_html(&inp, Lang::Zh);
        assert!(html.contains("<p>本季度无典型案例。</p>"));
        assert!(html.contains("已审核 28 条，本季度尚未公示检查结果。"));
        assert!(!html.contains("class=\"bureau\""));
        assert!(!html.contains("证据材料"), "no evidence note without cases");

        let bytes = report_xlsx(&inp, Lang::Zh).unwrap();
        let rows = sheet(&bytes, "季度统计表");
        assert_eq!(
            text(&rows[0][0]),
            "2024年第二季度“双随机、一公开”抽查统计表"
        );
        assert_eq!(row(&rows, "公示及时率")[2], Data::Empty);
    }

    #[test]
    fn english_report_and_summary() {
        let (st, a) = (stats(), assessment());
        let inp = input(&st, &a);
        let bytes = report_xlsx(&inp, Lang::En).unwrap();
        let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap();
        assert_eq!(
            wb.sheet_names(),
            vec!["Quarterly statistics", "Inspector assessment"]
        );
        let rows = sheet(&bytes, "Quarterly statistics");
        assert!(text(&rows[0][0]).ends_with("(“double random, one public”), Q2 2024"));
        assert_eq!(text(&rows[1][0]), "Made on 2024-07-01");
        assert_eq!(row(&rows, "key")[1..3], [n(40), s("25%")]);
        assert_eq!(row(&rows, "special")[7], s("no"));
        assert_eq!(row(&rows, "Internal-joint inspections")[5], s("yes"));
        assert_eq!(
            row(&rows, "Department-joint subjects (year to date)")[4],
            s("no target set")
        );
        assert_eq!(row(&rows, "of which: 未发现问题")[1], n(22));
        assert_eq!(row(&rows, "Published on time, share")[2], s("96%"));
        let people = sheet(
            &assessment_xlsx(&inp, Lang::En).unwrap(),
            "Inspector assessment",
        );
        assert_eq!(text(&people[0][0]), "Certificate no.");
        assert_eq!(people[1][3], n(12));

        let html = summary_html(&inp, Lang::En);
        for want in [
            "<html lang=\"en\">",
            "Work summary of random inspections (“double random, one public”), Q2 2024 (draft)",
            "<h2>1. Overview</h2>",
            "Class “key”: 40 in total; at 25%, 10 required; 10 drawn, 10 inspected (25%); met.",
            "(58.33%); not met.",
            "<h2>3. Typical cases</h2>",
            "<h3>Case 1: 唐山&lt;b&gt;&amp;化工有限公司</h3>",
            "Inspection date: 2024-05-20",
            "<h2>4. Problems and next steps</h2>",
        ] {
            assert!(html.contains(want), "missing {want:?}");
        }
        for zh in ["基本情况", "典型案例", "达到要求", "填报日期"] {
            assert!(!html.contains(zh), "Chinese label {zh:?}");
        }
        assert_inert(&html);
        let mut empty = stats();
        empty.typical.clear();
        let html = summary_html(&input(&empty, &a), Lang::En);
        assert!(html.contains("No typical cases this quarter."));
    }

    #[test]
    fn errors_are_rendered() {
        let e = ReportError::Xlsx("disk full".into());
        assert_eq!(
            rs::report_error(&e, Lang::Zh),
            "无法生成季度统计 XLSX 文件：disk full"
        );
        assert_eq!(
            rs::report_error(&e, Lang::En),
            "cannot write the quarterly report as XLSX: disk full"
        );
    }
}
