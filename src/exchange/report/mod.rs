//! The quarterly statistics table (统计表, S11) and the inspector assessment (检查人员考核表, S9)
//! as XLSX, and a draft of the quarterly work summary (工作总结, S11) as one self-contained HTML
//! page (A4, inline CSS, no scripts, every input text escaped) that staff finish in WPS or Word.
//! Everything is rendered from [`QuarterStats`] and [`Assessment`], computed once by the
//! service, so the table and the summary never disagree.
//!
//! # Sheet 1 “季度统计表” (English “Quarterly statistics”)
//!
//! Rows are numbered from 1, as Excel shows them. Every row that holds data, every sub-table
//! title and every table header has a stable label in column A (the texts of
//! `strings::report::label`, the class names of `strings::group`). Read the sheet by looking a
//! row up by its column-A label, not by its number. Counts are numbers (format `0`),
//! percentages are numbers with the format `0.00%` (the rounded share: 2/3 is stored as
//! 0.6667), 是否达标 is the text 是/否. The figures are defined in `domain::figures`.
//!
//! | Row | Column A | Columns B… |
//! |-----|----------|------------|
//! | 1 | the title (bureau, quarter, 抽查统计表), merged over the table's width | |
//! | 2 | `填报单位（盖章）：<bureau>` | F: `填报日期：YYYY-MM-DD` |
//! | 3 | blank | |
//! | 4 | `一、各类检查对象抽查情况` (sub-table title, merged) | |
//! | 5 | `类别` (header) | 总数（家）, 比例要求, 应抽查数（家）, 已抽取（家）, 抽取后已检查（家）, 检查比例, 是否达标, 非随机检查（次） |
//! | 6… | one row per `ClassLine`, in order, labelled with the class's name | B population, C ratio (%), D required, E drawn, F drawn and inspected (positive list: supervised off-site), G share (%), H 是/否, I non-random checks |
//! | | `合计` | B, D, E, F, I the sums of the rows above; C, G, H blank |
//! | | blank | |
//! | | `二、联合抽查及分级分类抽查情况` | |
//! | | `指标` (header) | 完成数, 总数, 比例, 要求, 是否达标, 单位 |
//! | | `部门内联合抽查` | B inspections done by officers of ≥ 2 sections, C inspections done, D share, E target, F 是/否, G 次 |
//! | | `部门内联合抽查（抽取时计划）` | as above, over the targets drawn and the teams marked joint |
//! | | `分级分类抽查占比` | B random checks drawn by class, C random checks, …, G 次 |
//! | | `正面清单非现场监管` | …, G 家 |
//! | | `部门联合抽查次数（本年累计）` | B inspections to date, C the year's target, D progress, E 100%, F 是/否, G 次; with no target set C, D and F are blank and E reads `未设目标` |
//! | | `部门联合抽查对象数（本年累计）` | as above, G 家 |
//! | | `非随机检查（次）` | B the non-random checks of the quarter (not counted in any ratio), G 次 |
//! | | blank | |
//! | | `三、检查结果情况` | |
//! | | `检查结果` (header) | 数量, 比例, 单位 |
//! | | `已录入结果` | B results entered, D 次 |
//! | | `其中：<category>`, one per category in order | B count, C share of 已录入结果 (blank when none entered), D 次 |
//! | | `发现问题` | B count, C share of 已录入结果, D 次 |
//! | | `立案查处` (件), `责令整改`, `已审核`, `已公示`, `按时公示（20个工作日内）` (次) | B count, D unit |
//! | | `公示及时率` | B blank, C 按时公示 / 已公示 (blank when none published) |
//! | | `已签字`, `拒绝签字`, `无法取得签字` | B count, D 份 |
//! | | blank | |
//! | | `负责人：` | C `审核人：`, E `填报人：`, G `联系电话：`, each followed by a line to write on |
//!
//! Printed on A4 landscape, one page wide, rows 1–2 repeated on every page.
//!
//! # Sheet 2 “检查人员考核” (English “Inspector assessment”), also [`assessment_xlsx`]
//!
//! Row 1 is the title (bureau, quarter or year, 检查人员考核表), merged; row 2
//! `填报单位（盖章）：<bureau>` and the date; row 3 the header: 执法证号, 姓名, 科室,
//! 任务数（次）, 已完成（次）, 按时完成（次）, 取得签字（份）, 发现问题（次）, 立案（件）,
//! 被退回（次）, then for a quarter 综合评估 and 评估意见 (the leader's evaluation, S9), for a
//! year one grade column per quarter (第一季度综合评估 … 第四季度综合评估). From row 4 one row
//! per [`Assessment`] in the given order (A–C text, the counts numbers), then `合计` (B the
//! number of people, the counts summed), a blank row and the signature row as on sheet 1. The
//! header row is frozen and repeated on every printed page.

use super::doc::{Formats, Widths, col_at, page_setup, put, put_number};
use crate::domain::stats::{
    Assessment, ClassLine, Evaluation, Period, QuarterStats, Share, share_bp,
};
use crate::strings::report::{self as rs, Label as L, Unit, label};
use crate::strings::{self, Lang};
use chrono::NaiveDate;
use rust_xlsxwriter::{FormatAlign, Workbook, Worksheet, XlsxError};
use thiserror::Error;

/// Everything the report, the assessment and the summary show (filled by the service layer).
pub struct ReportInput<'a> {
    /// The bureau's name; may be empty (the service warns before it gets here).
    pub bureau: &'a str,
    /// What the assessment covers (the statistics are of its last quarter).
    pub period: Period,
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
    /// A percentage in basis points, stored as the number `bp / 10000` formatted `0.00%`.
    Pct(u32),
    /// Text right-aligned like the figures (e.g. `未设目标`).
    Figure(String),
    /// 是/否 or a unit, centred.
    Mark(&'static str),
    Blank,
}

struct Table {
    /// The sub-table's title, written in its own row above the header.
    title: Option<&'static str>,
    head: Vec<String>,
    rows: Vec<Vec<V>>,
}

fn heads(ls: &[L], lang: Lang) -> Vec<String> {
    ls.iter().map(|&l| label(l, lang).to_string()).collect()
}

fn text(l: L, lang: Lang) -> V {
    V::Text(label(l, lang).to_string())
}

fn mark(b: bool, lang: Lang) -> V {
    V::Mark(strings::cli::yes_no(b, lang))
}

fn unit(u: Unit, lang: Lang) -> V {
    V::Mark(rs::unit(u, lang))
}

/// `part / whole` as a percentage, blank when `whole` is 0.
fn ratio(part: u64, whole: u64) -> V {
    if whole == 0 {
        V::Blank
    } else {
        V::Pct(share_bp(part, whole))
    }
}

fn class_table(s: &QuarterStats, lang: Lang) -> Table {
    let mut rows: Vec<Vec<V>> = s
        .classes
        .iter()
        .map(|c| {
            vec![
                V::Text(strings::group(c.group, lang).to_string()),
                V::Num(c.population),
                V::Pct(c.ratio_bp),
                V::Num(c.required),
                V::Num(c.drawn),
                V::Num(c.inspected),
                V::Pct(c.share_bp),
                mark(c.met, lang),
                V::Num(c.non_random),
            ]
        })
        .collect();
    let sum = |f: fn(&ClassLine) -> u64| V::Num(s.classes.iter().map(f).sum());
    rows.push(vec![
        text(L::Totals, lang),
        sum(|c| c.population),
        V::Blank,
        sum(|c| c.required),
        sum(|c| c.drawn),
        sum(|c| c.inspected),
        V::Blank,
        V::Blank,
        sum(|c| c.non_random),
    ]);
    Table {
        title: Some(label(L::SubClasses, lang)),
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
                L::NonRandom,
            ],
            lang,
        ),
        rows,
    }
}

fn share_row(l: L, s: &Share, u: Unit, lang: Lang) -> Vec<V> {
    vec![
        text(l, lang),
        V::Num(s.part),
        V::Num(s.whole),
        ratio(s.part, s.whole),
        V::Pct(s.target_bp),
        mark(s.met, lang),
        unit(u, lang),
    ]
}

/// A year-to-date count against the year's target (0: none set).
fn yearly_row(l: L, done: u64, target: u64, u: Unit, lang: Lang) -> Vec<V> {
    if target == 0 {
        return vec![
            text(l, lang),
            V::Num(done),
            V::Blank,
            V::Blank,
            V::Figure(label(L::NoTarget, lang).to_string()),
            V::Blank,
            unit(u, lang),
        ];
    }
    share_row(l, &Share::new(done, target, 10_000), u, lang)
}

fn indicator_table(s: &QuarterStats, lang: Lang) -> Table {
    let j = &s.department_joint;
    let blanks = || (0..4).map(|_| V::Blank);
    let mut non_random = vec![text(L::NonRandom, lang), V::Num(s.non_random)];
    non_random.extend(blanks());
    non_random.push(unit(Unit::Times, lang));
    Table {
        title: Some(label(L::SubIndicators, lang)),
        head: heads(
            &[
                L::Indicator,
                L::Done,
                L::Total,
                L::Share,
                L::Target,
                L::Met,
                L::Unit,
            ],
            lang,
        ),
        rows: vec![
            share_row(L::InternalJoint, &s.internal_joint, Unit::Times, lang),
            share_row(
                L::InternalJointPlanned,
                &s.internal_joint_planned,
                Unit::Times,
                lang,
            ),
            share_row(L::Classified, &s.classified, Unit::Times, lang),
            share_row(L::Offsite, &s.offsite, Unit::Firms, lang),
            yearly_row(
                L::JointInspectionsYtd,
                j.inspections_ytd,
                j.target_inspections,
                Unit::Times,
                lang,
            ),
            yearly_row(
                L::JointSubjectsYtd,
                j.subjects_ytd,
                j.target_subjects,
                Unit::Firms,
                lang,
            ),
            non_random,
        ],
    }
}

fn results_table(s: &QuarterStats, lang: Lang) -> Table {
    let r = &s.results;
    let count = |l: L, n: u64, u: Unit| vec![text(l, lang), V::Num(n), V::Blank, unit(u, lang)];
    let mut rows = vec![count(L::Entered, r.entered, Unit::Times)];
    rows.extend(r.by_category.iter().map(|(name, n)| {
        vec![
            V::Text(rs::category_row(name, lang)),
            V::Num(*n),
            ratio(*n, r.entered),
            unit(Unit::Times, lang),
        ]
    }));
    rows.push(vec![
        text(L::Problems, lang),
        V::Num(r.problems),
        ratio(r.problems, r.entered),
        unit(Unit::Times, lang),
    ]);
    rows.extend([
        count(L::Cases, r.cases, Unit::Cases),
        count(L::Rectifications, r.rectifications, Unit::Times),
        count(L::FollowUps, s.followups.opened, Unit::Times),
        count(L::FollowUpsOpen, s.followups.open, Unit::Times),
        count(L::FollowUpsOverdue, s.followups.overdue, Unit::Times),
        count(L::RecheckRectified, s.followups.rectified, Unit::Times),
        count(L::RecheckCaseFiled, s.followups.case_filed, Unit::Cases),
        count(L::RecheckOther, s.followups.other, Unit::Times),
        count(L::Approved, r.approved, Unit::Times),
        count(L::Published, r.published, Unit::Times),
        count(L::PublishedOnTime, r.published_on_time, Unit::Times),
        vec![
            text(L::PublicationRate, lang),
            V::Blank,
            ratio(r.published_on_time, r.published),
            V::Blank,
        ],
        count(L::Signed, r.signed, Unit::Copies),
        count(L::Refused, r.refused, Unit::Copies),
        count(L::Unobtainable, r.unobtainable, Unit::Copies),
    ]);
    Table {
        title: Some(label(L::SubResults, lang)),
        head: heads(&[L::Results, L::Count, L::Share, L::Unit], lang),
        rows,
    }
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// Writes one cell.
fn write_cell(
    ws: &mut Worksheet,
    w: &mut Widths,
    f: &Formats,
    row: u32,
    c: u16,
    v: &V,
) -> Result<(), XlsxError> {
    match v {
        V::Text(s) => put(ws, w, row, c, s, &f.cell, false),
        V::Num(n) => put_number(ws, w, row, c, *n, &f.number),
        V::Pct(bp) => {
            ws.write_number_with_format(row, c, f64::from(*bp) / 10_000.0, &f.percent)?;
            w.see(c, "100.00%", false);
            Ok(())
        }
        V::Figure(s) => put(ws, w, row, c, s, &f.figure, false),
        V::Mark(s) => put(ws, w, row, c, s, &f.mark, false),
        V::Blank => ws.write_blank(row, c, &f.cell).map(|_| ()),
    }
}

/// Writes a table (its title row, header and rows) at `row`; returns the row after it.
fn write_table(
    ws: &mut Worksheet,
    w: &mut Widths,
    f: &Formats,
    mut row: u32,
    t: &Table,
) -> Result<u32, XlsxError> {
    if let Some(title) = t.title {
        let last = col_at(t.head.len().saturating_sub(1));
        if last > 0 {
            ws.merge_range(row, 0, row, last, title, &f.sub)?;
        } else {
            ws.write_string_with_format(row, 0, title, &f.sub)?;
        }
        row += 1;
    }
    for (c, h) in t.head.iter().enumerate() {
        put(ws, w, row, col_at(c), h, &f.head, false)?;
    }
    row += 1;
    for r in &t.rows {
        for (c, v) in r.iter().enumerate() {
            write_cell(ws, w, f, row, col_at(c), v)?;
        }
        row += 1;
    }
    Ok(row)
}

/// The title (merged over `width` columns), then the reporting unit and the date.
fn write_heading(
    ws: &mut Worksheet,
    input: &ReportInput,
    f: &Formats,
    title: &str,
    width: usize,
    lang: Lang,
) -> Result<(), XlsxError> {
    let title_format = f
        .title
        .clone()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let last = col_at(width.saturating_sub(1));
    if last > 0 {
        ws.merge_range(0, 0, 0, last, title, &title_format)?;
    } else {
        ws.write_string_with_format(0, 0, title, &title_format)?;
    }
    ws.set_row_height(0, 44)?;
    ws.write_string_with_format(1, 0, rs::reporting_unit(input.bureau, lang), &f.plain)?;
    ws.write_string_with_format(1, 5, rs::made_on(input.made_on, lang), &f.plain)?;
    Ok(())
}

/// The signature row: 负责人, 审核人, 填报人, 联系电话, each with a line to write on.
fn write_signatures(
    ws: &mut Worksheet,
    f: &Formats,
    row: u32,
    lang: Lang,
) -> Result<(), XlsxError> {
    for (i, l) in [L::Principal, L::Reviewer, L::Reporter, L::Phone]
        .into_iter()
        .enumerate()
    {
        let c = col_at(i * 2);
        ws.write_string_with_format(row, c, label(l, lang), &f.plain)?;
        ws.write_blank(row, c + 1, &f.line)?;
    }
    ws.set_row_height(row, 30)?;
    Ok(())
}

/// Sheet 1: the heading, the three titled tables and the signature row (see the module
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
    write_heading(
        ws,
        input,
        f,
        &rs::stats_title(input.bureau, s.quarter, lang),
        width,
        lang,
    )?;
    let mut w = Widths::default();
    let mut row = 3;
    for t in &tables {
        row = write_table(ws, &mut w, f, row, t)? + 1;
    }
    write_signatures(ws, f, row, lang)?;
    w.apply(ws)?;
    ws.set_repeat_rows(0, 1)?;
    page_setup(ws);
    Ok(())
}

/// The assessment's table: counts, then the evaluation (a quarter: grade and remark; a year:
/// the four quarters' grades), then the totals.
/// The assessment's count columns with their units, in the order of [`counts`].
const COUNTS: [(L, Unit); 10] = [
    (L::Assignments, Unit::Times),
    (L::Completed, Unit::Times),
    (L::OnTime, Unit::Times),
    (L::Signatures, Unit::Copies),
    (L::Problems, Unit::Times),
    (L::CasesFiled, Unit::Cases),
    (L::Returned, Unit::Times),
    (L::Rectifications, Unit::Times),
    (L::Rechecked, Unit::Times),
    (L::Overdue, Unit::Times),
];

/// A person's counts, in the order of [`COUNTS`].
fn counts(a: &Assessment) -> [u64; 10] {
    [
        a.assignments,
        a.completed,
        a.on_time,
        a.signatures,
        a.problems,
        a.cases,
        a.returned,
        a.followups,
        a.rechecked,
        a.overdue,
    ]
}

fn assessment_table(input: &ReportInput, lang: Lang) -> Table {
    let mut head = heads(&[L::InspectorId, L::Name, L::Section], lang);
    head.extend(COUNTS.map(|(l, u)| rs::with_unit(l, u, lang)));
    let quarters = input.period.quarters();
    match input.period {
        Period::Quarter(_) => head.extend(heads(&[L::Grade, L::Remark], lang)),
        Period::Year(_) => head.extend(quarters.iter().map(|q| rs::quarter_column(*q, lang))),
    }
    let grade = |e: Option<&Evaluation>| e.map_or(V::Blank, |e| V::Mark(rs::grade(e.grade, lang)));
    let mut rows: Vec<Vec<V>> = input
        .assessment
        .iter()
        .map(|a| {
            let mut r = vec![
                V::Text(a.id.clone()),
                V::Text(a.name.clone()),
                V::Text(a.section.clone()),
            ];
            r.extend(counts(a).map(V::Num));
            let e = |i: usize| a.evaluations.get(i).and_then(Option::as_ref);
            match input.period {
                Period::Quarter(_) => {
                    r.push(grade(e(0)));
                    r.push(e(0).map_or(V::Blank, |e| V::Text(e.remark.clone())));
                }
                Period::Year(_) => r.extend((0..quarters.len()).map(|i| grade(e(i)))),
            }
            r
        })
        .collect();
    let mut total = vec![
        text(L::Totals, lang),
        V::Text(rs::people(input.assessment.len(), lang)),
        V::Blank,
    ];
    let n = COUNTS.len();
    total.extend((0..n).map(|i| V::Num(input.assessment.iter().map(|a| counts(a)[i]).sum())));
    total.extend((3 + n..head.len()).map(|_| V::Blank));
    rows.push(total);
    Table {
        title: None,
        head,
        rows,
    }
}

/// The assessment sheet: heading, header row, one row per inspector, totals, signatures.
fn assessment_sheet(
    ws: &mut Worksheet,
    input: &ReportInput,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let t = assessment_table(input, lang);
    let title = rs::assessment_title(input.bureau, input.period, lang);
    write_heading(ws, input, f, &title, t.head.len(), lang)?;
    let mut w = Widths::default();
    let row = write_table(ws, &mut w, f, 2, &t)?;
    write_signatures(ws, f, row + 1, lang)?;
    w.apply(ws)?;
    ws.set_freeze_panes(3, 0)?;
    ws.set_repeat_rows(0, 2)?;
    page_setup(ws);
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

mod html;

pub use html::summary_html;

#[cfg(test)]
mod tests;
