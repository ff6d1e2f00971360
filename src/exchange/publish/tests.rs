//! Tests of `publish`.

use super::*;
use crate::exchange::table::{Cell, read_bytes};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

const EVIL: &str = "<script>alert(1)</script>&\"甲'";
const BUREAU: &str = "唐山市生态环境局高新技术产业开发区分局";

fn d(m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, m, day).unwrap()
}

fn rows() -> Vec<NoticeRow> {
    let row = |name: &str, code: &str, items: &[&str], date, result: &str| NoticeRow {
        name: name.into(),
        code: code.into(),
        items: items.iter().map(|s| s.to_string()).collect(),
        date,
        result: result.into(),
        department: "执法一大队".into(),
        note: String::new(),
    };
    vec![
        row(
            "唐山钢铁集团有限责任公司",
            "911302007825743215",
            &["大气污染物排放检查", "固体废物贮存检查"],
            d(5, 6),
            "未发现问题",
        ),
        row(
            EVIL,
            "91130200MA0A1B2C3D",
            &["排污许可执行情况检查"],
            d(5, 20),
            "发现问题，已责令整改",
        ),
        row(
            "=HYPERLINK(\"x\")",
            "12130200400012345X",
            &[],
            d(6, 3),
            "未发现问题",
        ),
    ]
}

fn items() -> Vec<NoticeItem> {
    vec![
        NoticeItem {
            code: "HB-DQ-01".into(),
            name: "大气污染物排放检查".into(),
            basis: "《中华人民共和国大气污染防治法》第二十九条".into(),
            subject: "排污单位".into(),
            method: "现场检查".into(),
            scope: "全区".into(),
        },
        NoticeItem {
            code: "HB-GF-02".into(),
            name: "固体废物贮存<检查>".into(),
            basis: "《中华人民共和国固体废物污染环境防治法》".into(),
            subject: "产废单位".into(),
            method: "现场检查".into(),
            scope: "全区".into(),
        },
    ]
}

fn input<'a>(rows: &'a [NoticeRow], items: &'a [NoticeItem]) -> NoticeInput<'a> {
    NoticeInput {
        bureau: BUREAU,
        quarter: "2024Q2",
        published_on: d(7, 5),
        rows,
        items,
        verify_pages: &[],
    }
}

#[test]
fn the_notice_links_the_verification_pages() {
    let pages = vec!["2024Q2-1-verify.html".to_string()];
    let inp = NoticeInput {
        verify_pages: &pages,
        ..input(&[], &[])
    };
    let h = notice_html(&inp, Lang::Zh);
    assert!(h.contains("<a href=\"2024Q2-1-verify.html\">"), "{h}");
    assert!(!notice_html(&input(&[], &[]), Lang::Zh).contains("verify.html"));
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

fn assert_inert(html: &str) {
    let lower = html.to_lowercase();
    for bad in ["<script", "src=", "href=", "url(", "@import", "javascript:"] {
        assert!(!lower.contains(bad), "{bad}");
    }
}

#[test]
fn html_shows_title_results_and_items() {
    let (r, i) = (rows(), items());
    let html = notice_html(&input(&r, &i), Lang::Zh);
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
    for s in [
        "<meta charset=\"utf-8\">",
        "name=\"viewport\"",
        "@page { size: A4;",
        "thead { display: table-header-group; }",
        "overflow-x: auto",
        "<h1>唐山市生态环境局高新技术产业开发区分局 2024年第二季度“双随机、一公开”抽查结果公示</h1>",
        "发布日期：2024-07-05",
        "谁检查、谁录入、谁公开",
        "抽查结果（共 3 条）",
        "<th scope=\"col\">序号</th><th scope=\"col\">单位名称</th><th scope=\"col\">统一社会信用代码</th><th scope=\"col\">抽查事项</th><th scope=\"col\">检查日期</th><th scope=\"col\">检查结果</th><th scope=\"col\">检查部门</th>",
        "<td class=\"rank\">1</td><td>唐山钢铁集团有限责任公司</td><td class=\"code\">911302007825743215</td><td>大气污染物排放检查、固体废物贮存检查</td><td class=\"date\">2024-05-06</td><td>未发现问题</td><td>执法一大队</td>",
        "发现问题，已责令整改",
        "随机抽查事项清单",
        "<th scope=\"col\">编码</th><th scope=\"col\">事项名称</th><th scope=\"col\">法律依据</th><th scope=\"col\">检查对象</th><th scope=\"col\">检查方式</th><th scope=\"col\">检查范围</th>",
        "《中华人民共和国大气污染防治法》第二十九条",
        "固体废物贮存&lt;检查&gt;",
    ] {
        assert!(html.contains(s), "missing {s:?}");
    }
    for row in &r {
        assert!(html.contains(&row.code), "missing {}", row.code);
        assert!(html.contains(&esc(&row.name)), "missing {}", row.name);
    }
    for it in &i {
        assert!(html.contains(&it.code), "missing {}", it.code);
    }
    // Results come in input order, before the item list.
    let at = |s: &str| html.find(s).unwrap();
    assert!(at(&r[0].code) < at(&r[1].code));
    assert!(at(&r[1].code) < at(&r[2].code));
    assert!(at(&r[2].code) < at("HB-DQ-01"));
    assert!(!html.contains("暂无"));
}

#[test]
fn html_escapes_every_input_text() {
    let (r, i) = (rows(), items());
    let mut inp = input(&r, &i);
    inp.bureau = "局<b>&\"";
    inp.quarter = "<q>";
    let html = notice_html(&inp, Lang::Zh);
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;甲&#39;"));
    assert!(
        html.contains(
            "<title>局&lt;b&gt;&amp;&quot; &lt;q&gt;“双随机、一公开”抽查结果公示</title>"
        )
    );
    assert!(!html.contains("<b>"));
    assert!(!html.contains("<q>"));
    assert_inert(&html);
}

#[test]
fn empty_quarter_says_so() {
    let i = items();
    let inp = input(&[], &i);
    let html = notice_html(&inp, Lang::Zh);
    assert!(html.contains("<p class=\"empty\">本季度暂无已审核的抽查结果。</p>"));
    assert!(!html.contains("统一社会信用代码"), "no empty results table");
    assert!(!html.contains("共 0 条"));
    // The item list is still published.
    assert!(html.contains("HB-DQ-01"));
    assert_eq!(html.matches("<table>").count(), 1);

    let none = notice_html(&input(&[], &[]), Lang::Zh);
    assert!(none.contains("暂无在用的随机抽查事项。"));
    assert!(!none.contains("<table>"));

    let csv = read_bytes(&notice_csv(&inp, Lang::Zh)).unwrap();
    assert_eq!(csv.headers.len(), 7);
    assert!(csv.rows.is_empty());

    let x = notice_xlsx(&inp, Lang::Zh).unwrap();
    assert_eq!(sheet(&x, "抽查结果").len(), 1, "the header row only");
    assert_eq!(sheet(&x, "随机抽查事项清单").len(), 3);
}

#[test]
fn csv_has_one_header_and_a_row_per_result() {
    let (r, i) = (rows(), items());
    let bytes = notice_csv(&input(&r, &i), Lang::Zh);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let t = read_bytes(&bytes).unwrap();
    assert_eq!(t.encoding, "UTF-8 BOM");
    assert_eq!(
        t.headers,
        [
            "序号",
            "单位名称",
            "统一社会信用代码",
            "抽查事项",
            "检查日期",
            "检查结果",
            "检查部门"
        ]
    );
    assert_eq!(t.rows.len(), r.len());
    let cell = |s: &str| Cell::Text(s.to_string());
    for (row, want) in t.rows.iter().zip(&r) {
        assert_eq!(row.cells[2], cell(&want.code));
    }
    assert_eq!(t.rows[0].cells[0], cell("1"));
    assert_eq!(t.rows[0].cells[1], cell("唐山钢铁集团有限责任公司"));
    assert_eq!(
        t.rows[0].cells[3],
        cell("大气污染物排放检查、固体废物贮存检查")
    );
    assert_eq!(t.rows[0].cells[4], cell("2024-05-06"));
    assert_eq!(t.rows[1].cells[1], cell(EVIL), "CSV is not HTML-escaped");
    assert_eq!(t.rows[2].cells[3], Cell::Empty);
    // No formula reaches Excel.
    assert_eq!(t.rows[2].cells[1], cell("'=HYPERLINK(\"x\")"));
}

#[test]
fn xlsx_has_results_then_items_all_text() {
    let (r, i) = (rows(), items());
    let bytes = notice_xlsx(&input(&r, &i), Lang::Zh).unwrap();
    let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap();
    assert_eq!(wb.sheet_names(), vec!["抽查结果", "随机抽查事项清单"]);

    let results = sheet(&bytes, "抽查结果");
    let head: Vec<&str> = results[0].iter().map(text).collect();
    assert_eq!(head[..3], ["序号", "单位名称", "统一社会信用代码"]);
    assert_eq!(results.len(), r.len() + 1);
    for (row, want) in results[1..].iter().zip(&r) {
        assert_eq!(row[2], Data::String(want.code.clone()), "codes are text");
        assert_eq!(text(&row[1]), want.name);
        assert_eq!(text(&row[6]), want.department);
    }
    assert_eq!(text(&results[1][4]), "2024-05-06");
    assert_eq!(
        text(&results[3][1]),
        "=HYPERLINK(\"x\")",
        "a string, no formula"
    );

    let list = sheet(&bytes, "随机抽查事项清单");
    let head: Vec<&str> = list[0].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "编码",
            "事项名称",
            "法律依据",
            "检查对象",
            "检查方式",
            "检查范围"
        ]
    );
    assert_eq!(list.len(), i.len() + 1);
    for (row, want) in list[1..].iter().zip(&i) {
        assert_eq!(text(&row[0]), want.code);
        assert_eq!(text(&row[1]), want.name);
        assert_eq!(text(&row[2]), want.basis);
        assert_eq!(text(&row[4]), want.method);
    }
    assert!(
        results
            .iter()
            .chain(&list)
            .flatten()
            .all(|d| matches!(d, Data::String(_) | Data::Empty)),
        "every cell is text"
    );
}

#[test]
fn english_notice() {
    let (r, i) = (rows(), items());
    let mut inp = input(&r, &i);
    inp.bureau = "";
    let html = notice_html(&inp, Lang::En);
    for s in [
        "<html lang=\"en\">",
        "<h1>Random inspection results (“double random, one public”), Q2 2024</h1>",
        "Published 2024-07-05",
        "Inspection results (3)",
        "<th scope=\"col\">Credit code</th>",
        "大气污染物排放检查; 固体废物贮存检查",
        "Random check items in force",
        "<th scope=\"col\">Legal basis</th>",
    ] {
        assert!(html.contains(s), "missing {s:?}");
    }
    assert!(!html.contains("抽查结果"), "no Chinese labels");
    assert!(!html.contains("class=\"bureau\""));
    assert_inert(&html);
    let empty = notice_html(&input(&[], &i), Lang::En);
    assert!(empty.contains("No reviewed inspection results this quarter."));

    let t = read_bytes(&notice_csv(&inp, Lang::En)).unwrap();
    assert_eq!(t.headers[2], "Credit code");
    let bytes = notice_xlsx(&inp, Lang::En).unwrap();
    assert_eq!(text(&sheet(&bytes, "Results")[0][2]), "Credit code");
    assert_eq!(text(&sheet(&bytes, "Check items")[1][0]), "HB-DQ-01");
}

#[test]
fn unparseable_quarter_is_shown_as_given() {
    let mut inp = input(&[], &[]);
    inp.quarter = "2024年上半年";
    let html = notice_html(&inp, Lang::Zh);
    assert!(html.contains(&format!(
        "<h1>{BUREAU} 2024年上半年“双随机、一公开”抽查结果公示</h1>"
    )));
}

#[test]
fn three_files_with_their_names() {
    let (r, i) = (rows(), items());
    let inp = input(&r, &i);
    let files = notice_files(&inp, Lang::Zh).unwrap();
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "抽查结果公示-2024Q2.html",
            "抽查结果公示-2024Q2.csv",
            "抽查结果公示-2024Q2.xlsx"
        ]
    );
    assert_eq!(files[0].1, notice_html(&inp, Lang::Zh).into_bytes());
    assert_eq!(files[1].1, notice_csv(&inp, Lang::Zh));
    assert!(files[2].1.starts_with(b"PK\x03\x04"));

    let en = notice_files(&inp, Lang::En).unwrap();
    assert_eq!(en[0].0, "inspection-results-2024Q2.html");
    assert_eq!(en[2].0, "inspection-results-2024Q2.xlsx");

    let mut odd = input(&r, &i);
    odd.quarter = "../2024/Q2 ";
    assert_eq!(
        notice_files(&odd, Lang::Zh).unwrap()[1].0,
        "抽查结果公示-___2024_Q2.csv"
    );
    odd.quarter = "";
    assert_eq!(
        notice_files(&odd, Lang::En).unwrap()[0].0,
        "inspection-results.html"
    );
}
