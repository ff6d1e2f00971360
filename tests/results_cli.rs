//! Issue 6 from the command line: the working-day calendar (list, edit, deadlines, a warning
//! for a year with no data), the result categories, off-site records of positive-list firms,
//! and the public notice written to a folder.

mod common;

use common::Env;

fn beijing_today() -> chrono::NaiveDate {
    (chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()
}

#[test]
fn calendar_categories_offsite_and_publish() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "60"]);

    // The shipped calendar, and the hand-checked deadlines of 2024Q3 (National Day).
    let list = env.ok(&["calendar", "list", "--year", "2024"]);
    assert!(
        list.contains("2024-10-07") && list.contains("2024-09-29"),
        "{list}"
    );
    let d = env.ok(&["calendar", "deadlines", "--quarter", "2024Q3"]);
    assert!(d.contains("2024-09-24"), "5 working days before 09-30: {d}");
    assert!(
        d.contains("2024-10-08"),
        "1st working day after (10-01..07 off): {d}"
    );
    // 10-08, 09, 10, 11, Sat 10-12 (a make-up day), 14, 15.
    assert!(d.contains("2024-10-15"), "7 working days after: {d}");
    // A year without data: provisional dates from weekends (issue 14 changed this from
    // `缺2027年日历`), said plainly; entering the year's schedule fixes that.
    let d = env.ok(&["calendar", "deadlines", "--quarter", "2027Q1"]);
    // Wed 03-31: 03-30, 29, 26, 25, 24; then Thu 04-01; 04-01, 02, 05, 06, 07, 08, 09.
    for want in ["2027-03-24", "2027-04-01", "2027-04-09"] {
        assert!(
            d.contains(&format!("{want}（暂按周末计算，2027年节假日未录入）")),
            "{d}"
        );
    }
    let r = env.run(&["calendar", "set", "2027-01-02", "holiday", "--note", "元旦"]);
    assert_eq!(r.0.status.code(), Some(1), "a Saturday cannot be a holiday");
    assert!(
        r.stderr().contains("法定节假日只能设在工作日"),
        "{}",
        r.stderr()
    );
    env.ok(&["calendar", "set", "2027-01-01", "holiday", "--note", "元旦"]);
    let d = env.ok(&["calendar", "deadlines", "--quarter", "2026Q4"]);
    assert!(d.contains("2027-01-04") && !d.contains("暂按"), "{d}");

    // Categories are data: a new one appears, a bad code is refused.
    let cats = env.ok(&["category", "list"]);
    assert!(
        cats.contains("未发现问题") && cats.contains("立案查处"),
        "{cats}"
    );
    env.ok(&[
        "category",
        "set",
        "letter",
        "--name",
        "约谈整改",
        "--problem",
    ]);
    assert!(env.ok(&["category", "list"]).contains("约谈整改"));
    let r = env.run(&["category", "set", "Bad Code", "--name", "x"]);
    assert_eq!(r.0.status.code(), Some(1));

    // Off-site supervision of a positive-list firm; others are refused.
    let today = beijing_today();
    let quarter = shuangsui::domain::quarter::Quarter::of(today).to_string();
    let firms = env.classify(&quarter);
    let positive = firms
        .iter()
        .find(|e| e["offsite"] == true)
        .expect("a positive-list firm");
    let other = firms
        .iter()
        .find(|e| e["offsite"] == false)
        .expect("another firm");
    let code = positive["credit_code"].as_str().unwrap();
    let date = today.to_string();
    let out = env.ok(&[
        "offsite",
        "add",
        "--code",
        code,
        "--method",
        "视频监控",
        "--date",
        &date,
        "--result",
        "正常",
    ]);
    assert!(out.contains("已开展非现场监管 1 家"), "{out}");
    let r = env.run(&[
        "offsite",
        "add",
        "--code",
        other["credit_code"].as_str().unwrap(),
        "--method",
        "video",
        "--date",
        &date,
        "--result",
        "正常",
    ]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("不在正面清单上"), "{}", r.stderr());

    // The notice: no approved results yet, so it says so; the files are there.
    let dir = env.path("notice");
    let out = env.ok(&[
        "publish",
        "--quarter",
        &quarter,
        "--out",
        &dir.to_string_lossy(),
    ]);
    assert!(out.contains("0 条"), "{out}");
    let html =
        std::fs::read_to_string(dir.join(format!("抽查结果公示-{quarter}.html"))).expect("html");
    assert!(html.contains("暂无"), "{html}");
    assert!(
        html.contains("HB-STHJ-01"),
        "the check-item list in force is published"
    );
    assert!(dir.join(format!("抽查结果公示-{quarter}.xlsx")).exists());
    assert!(dir.join(format!("抽查结果公示-{quarter}.csv")).exists());
}

/// Issue 7 from the command line: department-joint inspections and targets, the quarterly
/// report, the summary draft and the assessment as files.
#[test]
fn reports_and_joint_inspections() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "60"]);
    let today = beijing_today();
    let quarter = shuangsui::domain::quarter::Quarter::of(today).to_string();
    let firms = env.classify(&quarter);
    let codes: Vec<&str> = firms
        .iter()
        .take(2)
        .map(|e| e["credit_code"].as_str().unwrap())
        .collect();
    let year = chrono::Datelike::year(&today).to_string();
    env.ok(&[
        "joint",
        "target",
        &year,
        "--inspections",
        "4",
        "--subjects",
        "10",
    ]);
    let out = env.ok(&[
        "joint",
        "add",
        "--date",
        &today.to_string(),
        "--departments",
        "市场监管局,应急管理局",
        "--lead",
        "生态环境局",
        "--subjects",
        &codes.join(","),
    ]);
    assert!(out.contains("市场监管局、应急管理局"), "{out}");
    let r = env.run(&[
        "joint",
        "add",
        "--date",
        &today.to_string(),
        "--departments",
        "市场监管局",
        "--lead",
        "生态环境局",
        "--subjects",
        "91350100M000100Y43",
    ]);
    assert_eq!(r.0.status.code(), Some(1), "an unknown subject is refused");

    let xlsx = env.path("stats.xlsx");
    env.ok(&[
        "report",
        "quarter",
        &quarter,
        "--out",
        &xlsx.to_string_lossy(),
    ]);
    let table = shuangsui::exchange::table::read_bytes(&std::fs::read(&xlsx).unwrap())
        .expect("the report reads back");
    let text = format!("{table:?}");
    assert!(text.contains("部门联合抽查次数（本年累计）"), "{text}");
    let html = env.path("summary.html");
    env.ok(&[
        "report",
        "summary",
        &quarter,
        "--out",
        &html.to_string_lossy(),
    ]);
    let summary = std::fs::read_to_string(&html).unwrap();
    assert!(summary.contains("工作总结"), "{summary}");
    let a = env.path("assessment.xlsx");
    env.ok(&["report", "assessment", &year, "--out", &a.to_string_lossy()]);
    assert!(a.exists());
    let r = env.run(&["report", "assessment", "20x4", "--out", "a.xlsx"]);
    assert_eq!(r.0.status.code(), Some(1));
    assert!(r.stderr().contains("不是季度"), "{}", r.stderr());
}
