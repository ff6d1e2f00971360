//! The story, end to end through the real binary: a GB18030 CSV saved by Excel with
//! bad rows is refused with every bad row explained and nothing written; the fixed file
//! imports; penalties and complaints follow; the quarter is classified with correct reasons.

mod common;
use common::{Env, code, gb18030};

const HEADER: &str = "单位名称,统一社会信用代码,排污许可证编号,排污许可管理类别,重点排污单位,所在区域,行业类别,污染物类别,生态环境信用评价,挂牌督办,挂牌督办开始日期,正面清单,生产状态\r\n";

struct Codes {
    a: String,
    b: String,
    c: String,
    d: String,
    e: String,
    f: String,
    g: String,
    h: String,
}

fn codes() -> Codes {
    Codes {
        a: code("91130273MA0A00001"),
        b: code("91130273MA0A00002"),
        c: code("91130273MA0A00003"),
        d: code("91130273MA0A00004"),
        e: code("91130273MA0A00005"),
        f: code("91130273MA0A00006"),
        g: code("91130273MA0A00007"),
        h: code("91130273MA0A00008"),
    }
}

fn good_rows(c: &Codes) -> Vec<String> {
    vec![
        format!(
            "唐山甲钢铁有限公司,{a},{a}001P,重点管理,是,高新区,钢铁,大气、水,D,无,,否,在产",
            a = c.a
        ),
        format!(
            "唐山乙机械有限公司,{},,重点管理,否,高新区,通用设备,大气,B,无,,是,在产",
            c.b
        ),
        format!(
            "唐山丙化工有限公司,{c},{c}001P,简化管理,是,高新区,化工,水、危废,A,,,否,在产",
            c = c.c
        ),
        format!(
            "唐山丁食品有限公司,{},,登记管理,否,高新区,食品,水,B,,,否,在产",
            c.d
        ),
        format!(
            "唐山戊陶瓷有限公司,{},,登记管理,否,高新区,陶瓷,大气,,,,否,停产",
            c.e
        ),
        format!(
            "唐山己电子有限公司,{},,无,否,高新区,电子,危废,,,,否,在产",
            c.f
        ),
        format!(
            "唐山庚铸造有限公司,{},,简化管理,否,高新区,铸造,大气,B,省厅,2024-02-20,否,在产",
            c.g
        ),
        format!(
            "唐山辛包装有限公司,{},,登记管理,否,高新区,包装,大气,C,,,否,关闭",
            c.h
        ),
    ]
}

fn csv(rows: &[String]) -> String {
    let mut s = HEADER.to_string();
    for r in rows {
        s.push_str(r);
        s.push_str("\r\n");
    }
    s
}

fn find<'a>(all: &'a [serde_json::Value], code: &str) -> &'a serde_json::Value {
    all.iter()
        .find(|v| v["credit_code"] == code)
        .unwrap_or_else(|| panic!("{code} not classified"))
}

#[test]
fn gb18030_file_with_bad_rows_then_fixed_then_classified() {
    let env = Env::new();
    env.ok(&["init"]);
    let c = codes();
    let mut bad = good_rows(&c);
    let wrong_check = format!(
        "{}{}",
        &c.b[..17],
        if c.b.ends_with('0') { '1' } else { '0' }
    );
    bad[1] = bad[1].replace(&c.b, &wrong_check); // row 3
    bad[2] = bad[2].replacen(&c.c, "9.11302730000000E+17", 1); // row 4
    bad[3] = bad[3].replace("登记管理", "重点监管"); // row 5
    bad[4] = bad[4].replace(&c.e, &c.a); // row 6: same code as row 2
    bad[5] = bad[5].replace("唐山己电子有限公司", ""); // row 7
    bad[6] = bad[6].replace("唐山庚铸造有限公司", "唐山\x1b[31m庚\x1b[0m铸造"); // row 8
    let file = env.file("名录.csv", gb18030(&csv(&bad)));

    let r = env.run(&["import", "enterprises", file.to_str().unwrap()]);
    assert!(!r.success(), "a file with bad rows must be refused");
    let err = r.stderr();
    assert!(err.contains("6 行有误"), "{err}");
    assert!(err.contains("未导入任何数据"), "{err}");
    for (row, column, words) in [
        (3, "统一社会信用代码", "校验码错误"),
        (4, "统一社会信用代码", "Excel"),
        (5, "排污许可管理类别", "不是可选值"),
        (6, "统一社会信用代码", "与第 2 行重复"),
        (7, "单位名称", "必填项为空"),
        (8, "单位名称", "控制字符"),
    ] {
        let line = err
            .lines()
            .find(|l| l.contains(&format!("第 {row} 行")))
            .unwrap_or_else(|| panic!("row {row} not reported:\n{err}"));
        assert!(
            line.contains(column) && line.contains(words),
            "row {row}: {line}"
        );
    }
    assert!(
        !err.contains('\x1b'),
        "escape sequences must not reach the terminal"
    );
    assert!(env.classify("2024Q2").is_empty(), "nothing may be written");

    // The dry run of the fixed file validates and writes nothing.
    let fixed = env.file("名录-改.csv", gb18030(&csv(&good_rows(&c))));
    let out = env.ok(&[
        "import",
        "enterprises",
        fixed.to_str().unwrap(),
        "--dry-run",
    ]);
    assert!(
        out.contains("试运行") && out.contains("GB18030") && out.contains("新增 8"),
        "{out}"
    );
    assert!(env.classify("2024Q2").is_empty());

    let out = env.ok(&["import", "enterprises", fixed.to_str().unwrap()]);
    assert!(out.contains("新增 8"), "{out}");
    // Importing the same file again changes nothing.
    assert!(
        env.ok(&["import", "enterprises", fixed.to_str().unwrap()])
            .contains("无变化 8")
    );

    let pen = env.file(
        "处罚.csv",
        gb18030(&format!("统一社会信用代码,处罚日期,处罚文书号\r\n{},2024/3/15,唐环罚〔2024〕12号\r\n{},2023-12-30,唐环罚〔2023〕99号\r\n", c.e, c.d)),
    );
    assert!(
        env.ok(&["import", "penalties", pen.to_str().unwrap()])
            .contains("新增 2")
    );
    let comp = env.file(
        "举报.csv",
        format!("\u{feff}统一社会信用代码,举报日期,是否查实,查实日期\n{},2024-01-20,是,2024-02-01\n{},2024-03-01,否,\n", c.f, c.d),
    );
    assert!(
        env.ok(&["import", "complaints", comp.to_str().unwrap()])
            .contains("新增 2")
    );

    let all = env.classify("2024Q2");
    assert_eq!(all.len(), 7, "the closed firm is left out");
    // Hand-worked: key unit + 重点管理 + rating D → special (S5.1), key conditions overridden.
    let a = find(&all, &c.a);
    assert_eq!(a["class"], "special");
    assert_eq!(a["rules"], serde_json::json!(["low_credit"]));
    assert_eq!(
        a["overridden_rules"],
        serde_json::json!(["key_unit", "key_permit"])
    );
    assert!(
        a["reasons"][0]
            .as_str()
            .unwrap()
            .contains("信用评价为 D 级")
    );
    // Hand-worked: 重点管理 + positive list → general, off-site; key overridden.
    let b = find(&all, &c.b);
    assert_eq!(
        (
            b["class"].as_str(),
            b["positive_list"].as_bool(),
            b["offsite"].as_bool()
        ),
        (Some("general"), Some(true), Some(true))
    );
    assert_eq!(b["overridden_rules"], serde_json::json!(["key_permit"]));
    assert_eq!(find(&all, &c.c)["class"], "key");
    // Penalty on 2023-12-30 is in 2023Q4, not the quarter before 2024Q2.
    assert_eq!(find(&all, &c.d)["class"], "general");
    let e = find(&all, &c.e);
    assert_eq!(e["class"], "special");
    assert!(
        e["reasons"][0].as_str().unwrap().contains("2024-03-15")
            && e["reasons"][0]
                .as_str()
                .unwrap()
                .contains("唐环罚〔2024〕12号")
    );
    let f = find(&all, &c.f);
    assert!(
        f["reasons"][0]
            .as_str()
            .unwrap()
            .contains("查实 2024-02-01"),
        "{f}"
    );
    assert!(
        find(&all, &c.g)["reasons"][0]
            .as_str()
            .unwrap()
            .contains("省厅挂牌督办（自 2024-02-20 起）")
    );
    // In 2024Q1 the firm penalised in 2023Q4 is special, the one penalised in 2024Q1 is not yet.
    let q1 = env.classify("2024Q1");
    assert_eq!(find(&q1, &c.d)["class"], "special");
    assert_eq!(find(&q1, &c.e)["class"], "general");

    // The table output ends with counts and required numbers per class.
    let table = env.ok(&["classify", "--quarter", "2024Q2"]);
    let line = |label: &str| {
        table
            .lines()
            .find(|l| l.starts_with(label))
            .unwrap_or_else(|| panic!("{label}:\n{table}"))
            .split_whitespace()
            .skip(1)
            .collect::<Vec<_>>()
    };
    assert_eq!(line("重点监管对象"), vec!["1", "25%", "1"]);
    assert_eq!(line("特殊监管对象"), vec!["4", "65%", "3"]);
    assert_eq!(line("一般监管对象（正面清单外）"), vec!["1", "3%", "1"]);
    assert_eq!(line("正面清单企业（非现场）"), vec!["1", "100%", "1"]);

    // The ratios are settings: 40% of 4 special firms is 2 (rounded up from 1.6).
    env.ok(&["settings", "set", "special", "40"]);
    let table = env.ok(&["classify", "--quarter", "2024Q2"]);
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>() == ["特殊监管对象", "4", "40%", "2"]),
        "{table}"
    );

    // Every change went to the audit trail.
    let audit = env.ok(&["audit", "--limit", "50"]);
    assert!(
        audit.contains("名录-改.csv") && audit.contains("处罚.csv"),
        "{audit}"
    );
}

#[test]
fn english_messages_on_request() {
    let env = Env::new();
    let f = env.file("x.csv", "单位名称,统一社会信用代码\n甲,123\n");
    let r = env.run(&["--lang", "en", "import", "enterprises", f.to_str().unwrap()]);
    assert!(!r.success());
    assert!(
        r.stderr().contains("row 2, column \"统一社会信用代码\""),
        "{}",
        r.stderr()
    );
}
