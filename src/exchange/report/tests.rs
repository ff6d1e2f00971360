//! Tests of `report`.

use super::*;
use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use crate::domain::stats::{JointLine, ResultLine, TypicalCase};
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
        non_random: 0,
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
        internal_joint_planned: Share::new(10, 30, 3500),
        classified: Share::new(27, 30, 8500),
        non_random: 2,
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
        followups: crate::domain::figures::FollowUpCounts {
            opened: 6,
            open: 2,
            overdue: 1,
            rectified: 2,
            case_filed: 1,
            other: 0,
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
            followups: 3,
            rechecked: 2,
            overdue: 1,
            evaluations: vec![Some(Evaluation {
                inspector: "13020001".into(),
                quarter: Quarter::new(2024, 2).unwrap(),
                grade: crate::domain::stats::Grade::Excellent,
                remark: "记录完整".into(),
                by: "lead".into(),
                at: "2024-07-01T09:00:00+08:00".into(),
            })],
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
            followups: 0,
            rechecked: 0,
            overdue: 0,
            evaluations: vec![None],
        },
    ]
}

fn input<'a>(s: &'a QuarterStats, a: &'a [Assessment]) -> ReportInput<'a> {
    ReportInput {
        bureau: BUREAU,
        period: Period::Quarter(s.quarter),
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

/// A percentage cell: the rounded share as a number.
fn p(bp: u32) -> Data {
    Data::Float(f64::from(bp) / 10_000.0)
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

    // The heading: title, reporting unit and date, a blank row.
    assert_eq!(
        text(&rows[0][0]),
        "唐山市生态环境局高新技术产业开发区分局 2024年第二季度“双随机、一公开”抽查统计表"
    );
    assert_eq!(
        text(&rows[1][0]),
        "填报单位（盖章）：唐山市生态环境局高新技术产业开发区分局"
    );
    assert_eq!(text(&rows[1][5]), "填报日期：2024-07-01");
    assert!(rows[2].iter().all(|c| *c == Data::Empty));
    // Each sub-table is titled in the cells, above its header.
    assert_eq!(index(&rows, "一、各类检查对象抽查情况"), 3);
    assert_eq!(index(&rows, "类别"), 4);
    let head: Vec<&str> = rows[4].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "类别",
            "总数（家）",
            "比例要求",
            "应抽查数（家）",
            "已抽取（家）",
            "抽取后已检查（家）",
            "检查比例",
            "是否达标",
            "非随机检查（次）"
        ]
    );
    let names: Vec<&str> = rows[5..9].iter().map(|r| text(&r[0])).collect();
    assert_eq!(
        names,
        [
            "重点监管对象",
            "特殊监管对象",
            "一般监管对象（正面清单外）",
            "正面清单企业（非现场）"
        ]
    );
    // Percentages are numbers, rounded: 7/12 = 58.333…% → 0.5833.
    assert_eq!(
        row(&rows, "重点监管对象")[1..],
        [n(40), p(2500), n(10), n(10), n(10), p(2500), s("是"), n(0)]
    );
    assert_eq!(
        row(&rows, "特殊监管对象")[1..],
        [n(12), p(6500), n(8), n(8), n(7), p(5833), s("否"), n(0)]
    );
    assert_eq!(row(&rows, "一般监管对象（正面清单外）")[2], p(300));
    assert_eq!(
        row(&rows, "正面清单企业（非现场）")[1..],
        [n(6), p(10000), n(6), n(0), n(6), p(10000), s("是"), n(0)]
    );
    // Totals: 40+12+300+6, 10+8+9+6, 10+8+9+0, 10+7+9+6.
    assert_eq!(index(&rows, "合计"), 9);
    assert_eq!(
        row(&rows, "合计")[1..],
        [
            n(358),
            Data::Empty,
            n(33),
            n(27),
            n(32),
            Data::Empty,
            Data::Empty,
            n(0)
        ]
    );
    assert!(rows[10].iter().all(|c| *c == Data::Empty));

    // Indicators, with their unit last.
    assert_eq!(index(&rows, "二、联合抽查及分级分类抽查情况"), 11);
    assert_eq!(index(&rows, "指标"), 12);
    let head: Vec<&str> = rows[12][..7].iter().map(text).collect();
    assert_eq!(
        head,
        ["指标", "完成数", "总数", "比例", "要求", "是否达标", "单位"]
    );
    // 10/27 = 37.037…% → 37.04% (it was truncated to 37.03% before).
    assert_eq!(
        row(&rows, "部门内联合抽查")[1..7],
        [n(10), n(27), p(3704), p(3500), s("是"), s("次")]
    );
    assert_eq!(
        row(&rows, "部门内联合抽查（抽取时计划）")[1..7],
        [n(10), n(30), p(3333), p(3500), s("否"), s("次")]
    );
    assert_eq!(
        row(&rows, "分级分类抽查占比")[1..7],
        [n(27), n(30), p(9000), p(8500), s("是"), s("次")]
    );
    assert_eq!(
        row(&rows, "正面清单非现场监管")[1..7],
        [n(6), n(6), p(10000), p(10000), s("是"), s("家")]
    );
    assert_eq!(
        row(&rows, "部门联合抽查次数（本年累计）")[1..7],
        [n(3), n(4), p(7500), p(10000), s("否"), s("次")]
    );
    assert_eq!(
        row(&rows, "部门联合抽查对象数（本年累计）")[1..7],
        [
            n(8),
            Data::Empty,
            Data::Empty,
            s("未设目标"),
            Data::Empty,
            s("家")
        ]
    );
    assert_eq!(row(&rows, "非随机检查（次）")[1], n(2));

    // Results.
    assert_eq!(index(&rows, "三、检查结果情况"), 21);
    assert_eq!(index(&rows, "检查结果"), 22);
    let head: Vec<&str> = rows[22][..4].iter().map(text).collect();
    assert_eq!(head, ["检查结果", "数量", "比例", "单位"]);
    assert_eq!(
        row(&rows, "已录入结果")[1..4],
        [n(30), Data::Empty, s("次")]
    );
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
    // 22/30 = 73.33%; 8/30 = 26.666…% → 26.67%, not 26.66%.
    assert_eq!(row(&rows, "其中：未发现问题")[1..3], [n(22), p(7333)]);
    assert_eq!(row(&rows, "发现问题")[1..3], [n(8), p(2667)]);
    for (label, want, unit) in [
        ("立案查处", 2, "件"),
        ("责令整改", 6, "次"),
        ("已审核", 28, "次"),
        ("已公示", 25, "次"),
        ("按时公示（20个工作日内）", 24, "次"),
        ("已签字", 27, "份"),
        ("拒绝签字", 1, "份"),
        ("无法取得签字", 2, "份"),
    ] {
        assert_eq!(row(&rows, label)[1], n(want), "{label}");
        assert_eq!(row(&rows, label)[3], s(unit), "{label}");
    }
    assert_eq!(row(&rows, "公示及时率")[1..3], [Data::Empty, p(9600)]);
    // The signature row closes the table.
    let last = rows.last().unwrap();
    assert_eq!(
        [&last[0], &last[2], &last[4], &last[6]].map(text),
        ["负责人：", "审核人：", "填报人：", "联系电话："]
    );
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

    assert_eq!(
        text(&full[0][0]),
        "唐山市生态环境局高新技术产业开发区分局 2024年第二季度检查人员考核表"
    );
    let head: Vec<&str> = full[2].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "执法证号",
            "姓名",
            "科室",
            "任务数（次）",
            "已完成（次）",
            "按时完成（次）",
            "取得签字（份）",
            "发现问题（次）",
            "立案（件）",
            "被退回（次）",
            "责令整改（次）",
            "整改已复查（次）",
            "整改逾期（次）",
            "综合评估",
            "评估意见"
        ]
    );
    assert_eq!(
        full[3],
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
            n(2),
            n(3),
            n(2),
            n(1),
            s("优秀"),
            s("记录完整")
        ]
    );
    assert_eq!(full[4][0], s("013020002"), "ids stay text");
    assert_eq!(
        full[4][3..],
        [
            n(8),
            n(8),
            n(8),
            n(7),
            n(0),
            n(0),
            n(0),
            n(0),
            n(0),
            n(0),
            Data::Empty,
            Data::Empty
        ]
    );
    assert_eq!(
        row(&full, "合计")[1..10],
        [
            s("2 人"),
            Data::Empty,
            n(20),
            n(19),
            n(18),
            n(17),
            n(3),
            n(1),
            n(2)
        ]
    );
    assert_eq!(text(&full.last().unwrap()[0]), "负责人：");

    // No inspectors: the header and a total of nobody.
    let none = sheet(
        &assessment_xlsx(&input(&st, &[]), Lang::Zh).unwrap(),
        "检查人员考核",
    );
    assert_eq!(row(&none, "合计")[1], s("0 人"));
}

#[test]
fn the_year_assessment_is_labelled_as_a_year_with_four_quarters_grades() {
    let st = stats();
    let mut a = assessment();
    let e = a[0].evaluations[0].clone();
    a[0].evaluations = vec![None, e, None, None];
    a[1].evaluations = vec![None; 4];
    let mut inp = input(&st, &a);
    inp.period = Period::Year(2024);
    let rows = sheet(&assessment_xlsx(&inp, Lang::Zh).unwrap(), "检查人员考核");
    assert_eq!(
        text(&rows[0][0]),
        "唐山市生态环境局高新技术产业开发区分局 2024年度检查人员考核表"
    );
    assert!(!text(&rows[0][0]).contains("季度"));
    let head: Vec<&str> = rows[2][13..].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "第一季度综合评估",
            "第二季度综合评估",
            "第三季度综合评估",
            "第四季度综合评估"
        ]
    );
    assert_eq!(
        rows[3][13..],
        [Data::Empty, s("优秀"), Data::Empty, Data::Empty]
    );
    let en = sheet(
        &assessment_xlsx(&inp, Lang::En).unwrap(),
        "Inspector assessment",
    );
    assert!(text(&en[0][0]).ends_with("inspector assessment, year 2024"));
    assert_eq!(text(&en[2][14]), "Q2 Evaluation");
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
        "重点监管对象共 40 家，按 25% 的比例应抽查 10 家，已抽取 10 家，抽取后已检查 10 家，检查比例 25%，达到要求。",
        "特殊监管对象共 12 家，按 65% 的比例应抽查 8 家，已抽取 8 家，抽取后已检查 7 家，检查比例 58.33%，未达到要求。",
        "一般监管对象（正面清单外）共 300 家",
        "正面清单企业（非现场）共 6 家，按 100% 的比例应实施非现场监管 6 家，已实施 6 家",
        "本季度已完成的 27 次随机抽查中，实际由两个以上科室执法人员联合检查的 10 次，占 37.04%（抽取时计划 33.33%），要求不低于 35%，达到要求。",
        "本季度随机抽查 30 次，其中运用信用风险分级分类开展的 27 次，占 90%，要求不低于 85%",
        "另有非随机检查（投诉举报核查、导入的历史记录等，未经本季度摇号抽取）2 次，不计入以上抽查比例。",
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
    assert_eq!(
        text(&rows[1][0]),
        "填报单位（盖章）：",
        "the stamp goes here"
    );
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
    assert_eq!(text(&rows[1][5]), "Made on 2024-07-01");
    assert_eq!(row(&rows, "key")[1..3], [n(40), p(2500)]);
    assert_eq!(row(&rows, "special")[7], s("no"));
    assert_eq!(row(&rows, "Internal-joint inspections")[5], s("yes"));
    assert_eq!(
        row(&rows, "Department-joint subjects (year to date)")[4],
        s("no target set")
    );
    assert_eq!(row(&rows, "of which: 未发现问题")[1], n(22));
    assert_eq!(row(&rows, "Published on time, share")[2], p(9600));
    let people = sheet(
        &assessment_xlsx(&inp, Lang::En).unwrap(),
        "Inspector assessment",
    );
    assert_eq!(text(&people[2][0]), "Certificate no.");
    assert_eq!(people[3][3], n(12));

    let html = summary_html(&inp, Lang::En);
    for want in [
        "<html lang=\"en\">",
        "Work summary of random inspections (“double random, one public”), Q2 2024 (draft)",
        "<h2>1. Overview</h2>",
        "Class “key”: 40 in total; at 25%, 10 required; 10 drawn, 10 drawn and inspected (25%); met.",
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
    assert_eq!(e.say(Lang::Zh), "无法生成季度统计 XLSX 文件：disk full");
    assert_eq!(
        e.say(Lang::En),
        "cannot write the quarterly report as XLSX: disk full"
    );
}
