//! Every kind of bad input named by the foundation issue gets a clear Chinese message, a
//! non-zero exit status and changes nothing. Also: export → import round trips, XLSX files
//! as Excel writes them, and the user commands.

mod common;
use common::{Env, code};
use rust_xlsxwriter::Workbook;

/// Imports `content` as enterprises; asserts refusal, that `expect` appears in the message,
/// and that the registry is still empty.
fn refused(content: impl AsRef<[u8]>, name: &str, expect: &[&str]) -> String {
    let env = Env::new();
    let f = env.file(name, content);
    let r = env.run(&["import", "enterprises", f.to_str().unwrap()]);
    assert!(!r.success(), "{name} should be refused");
    let err = r.stderr();
    for e in expect {
        assert!(err.contains(e), "missing {e:?} in:\n{err}");
    }
    assert!(env.classify("2024Q2").is_empty(), "nothing may be written");
    err
}

fn one(row: &str) -> String {
    format!("单位名称,统一社会信用代码,排污许可管理类别\n{row}\n")
}

#[test]
fn wrong_check_character() {
    refused(
        one("甲公司,91350100M000100Y44,无"),
        "a.csv",
        &["第 2 行", "统一社会信用代码", "校验码错误", "应为“3”"],
    );
}

#[test]
fn code_turned_into_a_number_by_excel() {
    refused(
        one("甲公司,9.11302E+17,无"),
        "a.csv",
        &["第 2 行", "Excel", "文本"],
    );
}

#[test]
fn unknown_category_value() {
    refused(
        one(&format!("甲公司,{},重点监管", code("91130273MA0A00001"))),
        "a.csv",
        &[
            "排污许可管理类别",
            "“重点监管”",
            "重点管理、简化管理、登记管理、无",
        ],
    );
}

#[test]
fn same_code_twice() {
    let c = code("91130273MA0A00001");
    refused(
        format!(
            "单位名称,统一社会信用代码\n甲,{c}\n乙,{}\n",
            c.to_lowercase()
        ),
        "a.csv",
        &["第 3 行", "与第 2 行重复"],
    );
}

#[test]
fn empty_required_fields() {
    refused(
        one(&format!(" ,{},无", code("91130273MA0A00001"))),
        "a.csv",
        &["第 2 行", "单位名称", "必填项为空"],
    );
    refused(
        one("甲公司,,无"),
        "a.csv",
        &["统一社会信用代码", "必填项为空"],
    );
}

#[test]
fn over_long_text() {
    let long = "长".repeat(101);
    refused(
        one(&format!("{long},{},无", code("91130273MA0A00001"))),
        "a.csv",
        &["过长：101 个字符，最多 100 个"],
    );
}

#[test]
fn control_characters_and_escape_sequences() {
    let err = refused(
        one(&format!(
            "甲\x1b]0;pwned\x07公司,{},无",
            code("91130273MA0A00001")
        )),
        "a.csv",
        &["控制字符", "U+001B"],
    );
    assert!(!err.contains('\x1b') && !err.contains('\x07'));
    refused(
        one(&format!("甲\u{202e}公司,{},无", code("91130273MA0A00001"))),
        "a.csv",
        &["U+202E"],
    );
}

#[test]
fn neither_csv_nor_xlsx() {
    refused(
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0",
        "a.png",
        &["既不是 CSV 也不是 XLSX"],
    );
    refused(
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1],
        "a.xls",
        &[".xls", "另存为"],
    );
    refused(b"PK\x03\x04 this is no workbook", "a.xlsx", &["XLSX"]);
}

#[test]
fn missing_or_misspelled_header() {
    refused(
        "单位名称,排污许可管理类别\n甲公司,无\n",
        "a.csv",
        &["缺少必需的列“统一社会信用代码”"],
    );
    refused(
        format!(
            "单位名陈,统一社会信用代码\n甲公司,{}\n",
            code("91130273MA0A00001")
        ),
        "a.csv",
        &[
            "第 1 列表头“单位名陈”无法识别",
            "是否应为“单位名称”",
            "缺少必需的列“单位名称”",
        ],
    );
}

#[test]
fn penalties_of_unknown_enterprises() {
    let env = Env::new();
    let f = env.file(
        "p.csv",
        format!(
            "统一社会信用代码,处罚日期,处罚文书号\n{},2024-02-30,X\n{},2024-02-03,Y\n",
            code("91130273MA0A00001"),
            code("91130273MA0A00002")
        ),
    );
    let r = env.run(&["import", "penalties", f.to_str().unwrap()]);
    assert!(!r.success());
    assert!(
        r.stderr()
            .contains("第 2 行，“处罚日期”列，值“2024-02-30”：不是有效日期"),
        "{}",
        r.stderr()
    );
    assert!(
        r.stderr().contains("第 3 行，“统一社会信用代码”列")
            && r.stderr().contains("请先导入该单位"),
        "{}",
        r.stderr()
    );
}

#[test]
fn pilot_code_accepted_only_when_waived() {
    let env = Env::new();
    let f = env.file(
        "a.csv",
        "单位名称,统一社会信用代码,代码校验豁免\n试点公司,91350100M000100Y44,是\n",
    );
    let out = env.ok(&["import", "enterprises", f.to_str().unwrap()]);
    assert!(out.contains("已按管理员豁免接受"), "{out}");
    assert_eq!(env.classify("2024Q2").len(), 1);
}

fn xlsx(path: &std::path::Path, code_as_number: bool) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in [
        "单位名称",
        "统一社会信用代码",
        "正面清单",
        "正面清单开始日期",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, i as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "唐山表格公司").unwrap();
    if code_as_number {
        ws.write_number(1, 1, 911302730000000000.0).unwrap();
    } else {
        ws.write_string(1, 1, code("91130273MA0A00009")).unwrap();
    }
    ws.write_boolean(1, 2, true).unwrap();
    let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2023, 7, 1).unwrap();
    ws.write_datetime_with_format(
        1,
        3,
        &date,
        &rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd"),
    )
    .unwrap();
    wb.save(path).unwrap();
}

#[test]
fn xlsx_with_number_code_cell_is_refused_and_text_code_imports() {
    let env = Env::new();
    let bad = env.path("bad.xlsx");
    xlsx(&bad, true);
    let r = env.run(&["import", "enterprises", bad.to_str().unwrap()]);
    assert!(
        !r.success() && r.stderr().contains("Excel 转成了数字"),
        "{}",
        r.stderr()
    );
    let good = env.path("good.xlsx");
    xlsx(&good, false);
    env.ok(&["import", "enterprises", good.to_str().unwrap()]);
    let all = env.classify("2024Q2");
    assert_eq!(
        (
            all[0]["offsite"].as_bool(),
            all[0]["reasons"][0]
                .as_str()
                .map(|s| s.contains("2023-07-01"))
        ),
        (Some(true), Some(true))
    );
}

#[test]
fn export_then_import_changes_nothing() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "60"]);
    for (what, n) in [("enterprises", "60"), ("inspectors", "18"), ("items", "9")] {
        for ext in ["csv", "xlsx"] {
            let f = env.path(&format!("{what}.{ext}"));
            assert!(env.ok(&["export", what, f.to_str().unwrap()]).contains(n));
            let out = env.ok(&["import", what, f.to_str().unwrap()]);
            assert!(out.contains(&format!("无变化 {n}")), "{what}.{ext}: {out}");
        }
    }
    let r = env.run(&["export", "enterprises", env.path("x.txt").to_str().unwrap()]);
    assert!(!r.success() && r.stderr().contains(".csv 或 .xlsx"));
}

#[test]
fn demo_refuses_a_filled_database() {
    let env = Env::new();
    env.ok(&["demo-data", "--enterprises", "10"]);
    let r = env.run(&["demo-data"]);
    assert!(
        !r.success() && r.stderr().contains("空数据库"),
        "{}",
        r.stderr()
    );
}

#[test]
fn users_from_the_command_line() {
    let env = Env::new();
    let key = env.file("k.pub", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGnK6R7dJl0Hl2mtBf8P7EPRO8jyT3HkDAqBxmI7S4NI wang@pc\n");
    env.ok(&[
        "user",
        "add",
        "wang",
        "--role",
        "admin",
        "--role",
        "witness",
        "--key",
        key.to_str().unwrap(),
    ]);
    let r = env.run_with(
        &[
            "user",
            "add",
            "li",
            "--role",
            "inspector",
            "--password-stdin",
        ],
        Some("s3cret-pass\n"),
    );
    assert!(r.success(), "{}", r.stderr());
    let list = env.ok(&["user", "list"]);
    assert!(
        list.contains("管理员、监督员") && list.contains("检查人员"),
        "{list}"
    );
    env.ok(&["user", "disable", "li"]);
    assert!(
        env.ok(&["user", "list"])
            .lines()
            .any(|l| l.starts_with("li ") && l.contains("停用"))
    );
    for (args, words) in [
        (
            vec![
                "user",
                "add",
                "Bad Name",
                "--role",
                "admin",
                "--password-stdin",
            ],
            "用户名",
        ),
        (
            vec!["user", "add", "wang", "--role", "admin", "--password-stdin"],
            "已存在",
        ),
        (
            vec!["user", "add", "zhao", "--role", "admin"],
            "至少提供一种登录凭据",
        ),
        (vec!["user", "disable", "nobody"], "未找到"),
    ] {
        let r = env.run_with(&args, Some("long-enough-pw\n"));
        assert!(
            !r.success() && r.stderr().contains(words),
            "{args:?}: {}",
            r.stderr()
        );
    }
    let r = env.run(&["user", "add", "zhao", "--role", "boss", "--password-stdin"]);
    assert_eq!(r.0.status.code(), Some(2), "clap refuses unknown roles");
}

#[test]
fn newer_database_is_refused() {
    let env = Env::new();
    env.ok(&["init"]);
    let status = std::process::Command::new("sqlite3")
        .arg(env.db())
        .arg("PRAGMA user_version = 99;")
        .status();
    if !status.is_ok_and(|s| s.success()) {
        panic!("the sqlite3 tool is needed for this test (.ci/run installs it)");
    }
    let r = env.run(&["init"]);
    assert!(!r.success() && r.stderr().contains("99"), "{}", r.stderr());
}

#[test]
fn events_dated_in_the_future_are_refused() {
    let env = Env::new();
    let c = code("91130273MA0A00001");
    let f = env.file("e.csv", format!("单位名称,统一社会信用代码\n甲,{c}\n"));
    env.ok(&["import", "enterprises", f.to_str().unwrap()]);
    let p = env.file(
        "p.csv",
        format!("统一社会信用代码,处罚日期,处罚文书号\n{c},2099-01-01,X\n"),
    );
    let r = env.run(&["import", "penalties", p.to_str().unwrap()]);
    assert!(
        !r.success()
            && r.stderr()
                .contains("“处罚日期”列，值“2099-01-01”：日期不能晚于今天"),
        "{}",
        r.stderr()
    );
}

/// A command line the parser refuses is said in Chinese by default (clap says it in English),
/// names what was typed and the likely intent, exits 2 and changes nothing; `--lang en` keeps
/// clap's own words.
#[test]
fn a_mistyped_command_line_is_refused_in_the_users_language() {
    use shuangsui::strings::words::english_in_chinese;
    let env = Env::new();
    let cases: [(&[&str], &[&str]); 4] = [
        (
            &["draw", "prpare"],
            &["没有“prpare”这个命令", "是否要用“prepare”？"],
        ),
        (
            &["draw", "prepare", "--quartr", "2024Q2"],
            &["无法识别的参数“--quartr”", "“--quarter”"],
        ),
        (
            &["import", "firms", "x.csv"],
            &["的值“firms”无效", "enterprises"],
        ),
        (&["user", "add", "wang"], &["缺少必需的参数：--role"]),
    ];
    for (args, expect) in cases {
        let r = env.run(args);
        assert_eq!(r.0.status.code(), Some(2), "{args:?}");
        let err = r.stderr();
        for e in expect {
            assert!(err.contains(e), "{args:?}: missing {e:?} in\n{err}");
        }
        assert!(err.contains("未作任何改动"), "{err}");
        let data = ["shuangsui", "help", "--help", "enterprises", "inspectors"];
        let english = english_in_chinese(&err, &data);
        let known = ["items", "penalties", "complaints", "inspections"];
        let english: Vec<_> = english
            .iter()
            .filter(|w| !known.contains(&w.as_str()))
            .collect();
        assert!(
            english.is_empty(),
            "{args:?}: English {english:?} in\n{err}"
        );
    }
    let r = env.run(&["--lang", "en", "draw", "prpare"]);
    assert_eq!(r.0.status.code(), Some(2));
    assert!(
        r.stderr().contains("unrecognized subcommand 'prpare'"),
        "{}",
        r.stderr()
    );
}
