//! Issue 14 end to end: a quarter built through the real binary from a registry whose every
//! figure is worked out by hand below; then every cell of the statistics XLSX (read back with
//! calamine), the summary HTML, `plan show` and the assessment against those numbers.
//!
//! The registry (the live quarter, so that draws are allowed): 4 key firms (重点排污单位),
//! 3 special (credit rating D), 9 general, 2 on the positive list; 4 officers, two of 大气科
//! and two of 水土科. Required (⌈population × ratio⌉): key ⌈4 × 25%⌉ = 1, special
//! ⌈3 × 65%⌉ = 2, general ⌈9 × 3%⌉ = 1, positive list 2.
//!
//! Draw 1 (by class) takes all 4 key, all 3 special and 1 general firm; draw 2 (unclassified)
//! then can only take a general firm, x. Inspections on record this quarter: one key firm with
//! two 大气科 officers; two of the special firms, each with a 大气科 and a 水土科 officer
//! (whatever the draw marked); x with two 水土科 officers; and a general firm no draw selected
//! (a complaint): a non-random check. One positive-list firm is supervised off-site.
//!
//! By hand:
//! - key: drawn 4, random checks 1 → 1/4 = 25%, met (1 ≥ 1); special: drawn 3, checked 2 →
//!   2/3 = 66.67% (rounded, not 66.66%), met; general: drawn 2, checked 1 → 1/9 = 11.11%, met,
//!   1 non-random; positive list: 1/2 off-site = 50%, not met. Totals 18, 6, 9, 5, 1.
//! - random checks 4 (key, s1, s2 by class; x unclassified): by class 3/4 = 75% < 85%.
//! - internal-joint, done: s1 and s2 of the 4 random checks → 2/4 = 50% ≥ 35%; planned: the
//!   teams the draws marked joint (read from `draw show`) of the 9 drawn.

mod common;

use calamine::{Data, Reader, Xlsx};
use common::{Env, code};
use shuangsui::domain::quarter::Quarter;
use std::collections::BTreeMap;

const BUREAU: &str = "唐山市生态环境局高新技术产业开发区分局";

/// The firms: label → credit code (labels are the names, free of 是/否).
fn firms() -> Vec<(String, String)> {
    let mut v = Vec::new();
    let mut n = 0;
    for (prefix, count) in [("重点", 4), ("特殊", 3), ("一般", 9), ("正面", 2)] {
        for i in 1..=count {
            n += 1;
            v.push((
                format!("{prefix}{i}号公司"),
                code(&format!("91130200MA0B{n:05}")),
            ));
        }
    }
    v
}

fn registry(env: &Env) -> BTreeMap<String, String> {
    let mut csv =
        String::from("单位名称,统一社会信用代码,重点排污单位,生态环境信用评价,正面清单\n");
    for (name, c) in firms() {
        let (key, rating, positive) = match &name[..6] {
            "重点" => ("是", "", "否"),
            "特殊" => ("否", "D", "否"),
            "正面" => ("否", "", "是"),
            _ => ("否", "", "否"),
        };
        csv.push_str(&format!("{name},{c},{key},{rating},{positive}\n"));
    }
    let f = env.file("firms.csv", csv);
    env.ok(&["import", "enterprises", &f.to_string_lossy()]);
    let people = "姓名,执法证号,科室\n张一,13020001,大气科\n张二,13020002,大气科\n李一,13020003,水土科\n李二,13020004,水土科\n";
    let f = env.file("people.csv", people);
    env.ok(&["import", "inspectors", &f.to_string_lossy()]);
    let f = env.file(
        "items.csv",
        "事项编码,事项名称,检查方式\nHB-01,排污检查,现场检查\n",
    );
    env.ok(&["import", "items", &f.to_string_lossy()]);
    firms().into_iter().map(|(n, c)| (c, n)).collect()
}

/// Prepares, reveals, confirms and releases a draw; returns `draw show`'s text.
fn draw(env: &Env, quarter: &str, quota: &[&str]) -> String {
    let mut args = vec!["draw", "prepare", "--quarter", quarter, "--items", "HB-01"];
    args.extend_from_slice(quota);
    let out = env.ok(&args);
    let id: String = out
        .split("已准备抽取 ")
        .nth(1)
        .expect("prepare names the draw")
        .chars()
        .take_while(|c| c.is_ascii_digit())
        .collect();
    env.run_with(
        &["draw", "add-entropy", &id, "--witness", "王见证"],
        Some("witness-random-text-42\n"),
    );
    env.ok(&["draw", "reveal", &id]);
    env.ok(&["draw", "confirm", &id, "--witness", "王见证"]);
    env.ok(&["draw", "release", &id]);
    env.ok(&["draw", "show", &id])
}

/// The drawn targets of a `draw show` text, with whether their team was marked joint.
fn drawn(show: &str, names: &BTreeMap<String, String>) -> Vec<(String, bool)> {
    show.lines()
        .filter_map(|l| {
            let t: Vec<&str> = l.split_whitespace().collect();
            match t.as_slice() {
                [c, name, mark, ..]
                    if names.contains_key(*c) && (*mark == "是" || *mark == "否") =>
                {
                    let _ = name;
                    Some((c.to_string(), *mark == "是"))
                }
                _ => None,
            }
        })
        .collect()
}

fn xlsx_rows(path: &std::path::Path, sheet: &str) -> Vec<Vec<Data>> {
    let mut wb: Xlsx<_> = calamine::open_workbook(path).expect("xlsx");
    let r = wb.worksheet_range(sheet).expect("sheet");
    r.rows().map(|r| r.to_vec()).collect()
}

fn row<'a>(rows: &'a [Vec<Data>], label: &str) -> &'a [Data] {
    rows.iter()
        .find(|r| r.first().is_some_and(|c| *c == label))
        .unwrap_or_else(|| panic!("no row {label}"))
}

fn n(v: u64) -> Data {
    Data::Float(v as f64)
}

fn p(bp: u32) -> Data {
    Data::Float(f64::from(bp) / 10_000.0)
}

fn s(v: &str) -> Data {
    Data::String(v.into())
}

#[test]
fn a_quarter_built_through_the_binary_has_the_figures_worked_out_by_hand() {
    let env = Env::new();
    // Item 7: init warns about the missing bureau name and says how to set it.
    let out = env.ok(&["init"]);
    assert!(out.contains("settings set bureau-name"), "{out}");
    env.ok(&["settings", "set", "bureau-name", BUREAU]);
    assert!(!env.ok(&["init"]).contains("settings set bureau-name"));

    let today = chrono::Utc::now().date_naive();
    let q = Quarter::of(today).to_string();
    let names = registry(&env);
    let label = |c: &str| names[c].clone();

    let first = draw(
        &env,
        &q,
        &["--key", "4", "--special", "3", "--general", "1"],
    );
    let second = draw(&env, &q, &["--unclassified", "1"]);
    let d1 = drawn(&first, &names);
    let d2 = drawn(&second, &names);
    assert_eq!((d1.len(), d2.len()), (8, 1), "{first}\n{second}");
    let planned_joint = d1.iter().chain(&d2).filter(|(_, j)| *j).count() as u64;
    let x = d2[0].0.clone();
    assert!(
        label(&x).starts_with("一般"),
        "only general firms were left"
    );
    let key = d1
        .iter()
        .find(|(c, _)| label(c).starts_with("重点"))
        .unwrap()
        .0
        .clone();
    let specials: Vec<String> = d1
        .iter()
        .filter(|(c, _)| label(c).starts_with("特殊"))
        .map(|(c, _)| c.clone())
        .collect();
    let drawn_codes: Vec<&String> = d1.iter().chain(&d2).map(|(c, _)| c).collect();
    let complaint = names
        .iter()
        .find(|(c, n)| n.starts_with("一般") && !drawn_codes.contains(c))
        .unwrap()
        .0
        .clone();
    let positive = names
        .iter()
        .find(|(_, n)| n.starts_with("正面"))
        .unwrap()
        .0
        .clone();

    // Inspections on record (as a bureau imports its mobile-enforcement records).
    let mut csv = String::from("统一社会信用代码,检查日期,带队人员执法证号,检查人员执法证号\n");
    for (c, team) in [
        (&key, "13020001、13020002"),
        (&specials[0], "13020001、13020003"),
        (&specials[1], "13020002、13020004"),
        (&x, "13020003、13020004"),
        (&complaint, "13020001、13020003"),
    ] {
        let lead = &team[..8];
        csv.push_str(&format!("{c},{today},{lead},{team}\n"));
    }
    let f = env.file("visits.csv", csv);
    env.ok(&["import", "inspections", &f.to_string_lossy()]);
    env.ok(&[
        "offsite",
        "add",
        "--code",
        &positive,
        "--method",
        "video",
        "--date",
        &today.to_string(),
        "--result",
        "正常",
    ]);

    // plan show: group, population, ratio, required, drawn, inspected, share, non-random,
    // remaining.
    let plan = env.ok(&["plan", "show", "--quarter", &q]);
    for want in [
        ["重点监管对象", "4", "25%", "1", "4", "1", "25%", "0", "0"],
        [
            "特殊监管对象",
            "3",
            "65%",
            "2",
            "3",
            "2",
            "66.67%",
            "0",
            "0",
        ],
        [
            "一般监管对象（正面清单外）",
            "9",
            "3%",
            "1",
            "2",
            "1",
            "11.11%",
            "1",
            "0",
        ],
        [
            "正面清单企业（非现场）",
            "2",
            "100%",
            "2",
            "0",
            "1",
            "50%",
            "0",
            "2",
        ],
    ] {
        let line = plan
            .lines()
            .find(|l| l.starts_with(want[0]))
            .unwrap_or_else(|| panic!("{}: {plan}", want[0]));
        assert_eq!(line.split_whitespace().collect::<Vec<_>>(), want, "{plan}");
    }

    // The statistics table, every cell of its three tables.
    let file = env.path("stats.xlsx");
    env.ok(&["report", "quarter", &q, "--out", &file.to_string_lossy()]);
    let rows = xlsx_rows(&file, "季度统计表");
    assert_eq!(rows[1][0], s(&format!("填报单位（盖章）：{BUREAU}")));
    let (yes, no) = (s("是"), s("否"));
    let e = Data::Empty;
    let classes: [(&str, [Data; 8]); 5] = [
        (
            "重点监管对象",
            [n(4), p(2500), n(1), n(4), n(1), p(2500), yes.clone(), n(0)],
        ),
        (
            "特殊监管对象",
            [n(3), p(6500), n(2), n(3), n(2), p(6667), yes.clone(), n(0)],
        ),
        (
            "一般监管对象（正面清单外）",
            [n(9), p(300), n(1), n(2), n(1), p(1111), yes.clone(), n(1)],
        ),
        (
            "正面清单企业（非现场）",
            [n(2), p(10000), n(2), n(0), n(1), p(5000), no.clone(), n(0)],
        ),
        (
            "合计",
            [
                n(18),
                e.clone(),
                n(6),
                n(9),
                n(5),
                e.clone(),
                e.clone(),
                n(1),
            ],
        ),
    ];
    for (l, want) in &classes {
        assert_eq!(row(&rows, l)[1..9], want[..], "{l}");
    }
    let indicators: [(&str, [Data; 6]); 7] = [
        (
            "部门内联合抽查",
            [n(2), n(4), p(5000), p(3500), yes.clone(), s("次")],
        ),
        (
            "部门内联合抽查（抽取时计划）",
            [
                n(planned_joint),
                n(9),
                p(((planned_joint * 20_000 + 9) / 18) as u32),
                p(3500),
                if planned_joint * 10_000 >= 3500 * 9 {
                    yes.clone()
                } else {
                    no.clone()
                },
                s("次"),
            ],
        ),
        (
            "分级分类抽查占比",
            [n(3), n(4), p(7500), p(8500), no.clone(), s("次")],
        ),
        (
            "正面清单非现场监管",
            [n(1), n(2), p(5000), p(10000), no.clone(), s("家")],
        ),
        (
            "部门联合抽查次数（本年累计）",
            [
                n(0),
                e.clone(),
                e.clone(),
                s("未设目标"),
                e.clone(),
                s("次"),
            ],
        ),
        (
            "部门联合抽查对象数（本年累计）",
            [
                n(0),
                e.clone(),
                e.clone(),
                s("未设目标"),
                e.clone(),
                s("家"),
            ],
        ),
        (
            "非随机检查（次）",
            [n(1), e.clone(), e.clone(), e.clone(), e.clone(), s("次")],
        ),
    ];
    for (l, want) in &indicators {
        assert_eq!(row(&rows, l)[1..7], want[..], "{l}");
    }
    // No results were entered in the system: every count 0, shares blank.
    for l in ["已录入结果", "发现问题", "立案查处", "已公示", "已签字"] {
        assert_eq!(row(&rows, l)[1..3], [n(0), e.clone()], "{l}");
    }
    assert_eq!(row(&rows, "公示及时率")[1..3], [e.clone(), e.clone()]);

    // The summary draft says the same.
    let html = env.path("summary.html");
    env.ok(&["report", "summary", &q, "--out", &html.to_string_lossy()]);
    let html = std::fs::read_to_string(html).unwrap();
    for want in [
        format!("<p class=\"bureau\">{BUREAU}</p>"),
        "特殊监管对象共 3 家，按 65% 的比例应抽查 2 家，已抽取 3 家，抽取后已检查 2 家，检查比例 66.67%，达到要求。".into(),
        "一般监管对象（正面清单外）共 9 家，按 3% 的比例应抽查 1 家，已抽取 2 家，抽取后已检查 1 家，检查比例 11.11%，达到要求。".into(),
        "实际由两个以上科室执法人员联合检查的 2 次，占 50%".into(),
        "本季度随机抽查 4 次，其中运用信用风险分级分类开展的 3 次，占 75%，要求不低于 85%，未达到要求。".into(),
        "正面清单企业 2 家中，1 家已通过".into(),
        "另有非随机检查（投诉举报核查、导入的历史记录等，未经本季度摇号抽取）1 次".into(),
    ] {
        assert!(html.contains(&want), "missing {want}");
    }

    // S9: a leader's evaluation through the command line, in the quarter's and the year's
    // assessment; the year's is labelled as a year.
    let r = env.run(&[
        "evaluation",
        "set",
        "--quarter",
        &q,
        "--inspector",
        "13020001",
        "--grade",
        "优秀",
        "--leader",
        "lead",
    ]);
    assert_eq!(r.0.status.code(), Some(1), "no such leader");
    env.run_with(
        &[
            "user",
            "add",
            "lead",
            "--role",
            "leader",
            "--password-stdin",
        ],
        Some("long-enough-pw\n"),
    );
    env.ok(&[
        "evaluation",
        "set",
        "--quarter",
        &q,
        "--inspector",
        "13020001",
        "--grade",
        "优秀",
        "--remark",
        "记录规范",
        "--leader",
        "lead",
    ]);
    let r = env.run(&[
        "evaluation",
        "set",
        "--quarter",
        &q,
        "--inspector",
        "13020001",
        "--grade",
        "很好",
        "--leader",
        "lead",
    ]);
    assert!(r.stderr().contains("不是评估等次"), "{}", r.stderr());
    let list = env.ok(&["evaluation", "list", "--quarter", &q]);
    assert!(list.contains("13020001") && list.contains("优秀") && list.contains("记录规范"));
    let file = env.path("assess.xlsx");
    env.ok(&["report", "assessment", &q, "--out", &file.to_string_lossy()]);
    let a = xlsx_rows(&file, "检查人员考核");
    let zhang = row(&a, "13020001");
    assert_eq!(zhang[13..15], [s("优秀"), s("记录规范")]);
    let year = &q[..4];
    env.ok(&[
        "report",
        "assessment",
        year,
        "--out",
        &file.to_string_lossy(),
    ]);
    let a = xlsx_rows(&file, "检查人员考核");
    let title = a[0][0].to_string();
    assert_eq!(title, format!("{BUREAU} {year}年度检查人员考核表"));
    let quarter_col = 13 + usize::from(Quarter::of(today).number()) - 1;
    assert_eq!(row(&a, "13020001")[quarter_col], s("优秀"));
}
