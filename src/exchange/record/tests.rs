//! Tests of `record`.

use super::*;
use crate::domain::draw::{Quota, example};
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

const EVIL: &str = "<script>alert(1)</script>&\"甲'";

fn at(hms: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("2024-04-08T{hms}+08:00")).unwrap()
}

/// Owned data a [`RecordInput`] borrows.
struct Fixture {
    cert: Certificate,
    enterprises: HashMap<String, String>,
    inspectors: HashMap<String, String>,
    items: Vec<(String, String)>,
    people: Vec<RecordPerson>,
    log: Vec<RecordLogLine>,
}

impl Fixture {
    fn new(cert: Certificate) -> Fixture {
        let first = cert.outcome.selections[0].targets[0].code.clone();
        let enterprises = cert
            .snapshot
            .candidates
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let name = if c.code == first {
                    EVIL.to_string()
                } else {
                    format!("唐山测试企业{i}有限公司")
                };
                (c.code.clone(), name)
            })
            .collect();
        let inspectors = cert
            .snapshot
            .inspectors
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), format!("检查员{i}号")))
            .collect();
        let items = vec![
            ("HB-DQ-01".to_string(), "大气污染物排放检查".to_string()),
            ("HB-GF-02".to_string(), "固体废物贮存检查".to_string()),
        ];
        let person = |name: &str, login: &str, role: &str, joined: &str| RecordPerson {
            name: name.into(),
            login: login.into(),
            role: role.into(),
            joined_at: at(joined),
            entropy_sha256: cert
                .entropy
                .iter()
                .find(|e| e.witness == login)
                .map(|e| H256::of(e.text.as_bytes()).to_hex()),
            confirmed_at: None,
            declined: None,
        };
        let mut people = vec![
            person("赵明", "zhaoming", "组织人员", "09:20:00"),
            person("张伟", "zhangwei", "见证人", "09:25:12"),
            person("刘娜", "liuna", "见证人", "09:26:03"),
            person("孙丽", "sunli", "监督人员", "09:27:00"),
            person("钱峰", "qianfeng", "监督人员", "09:28:00"),
        ];
        people[3].confirmed_at = Some(at("09:40:00"));
        people[4].confirmed_at = Some(at("09:41:00"));
        people[4].declined = Some("对结果<有异议>".into());
        let log = vec![
            RecordLogLine {
                at: at("09:20:00"),
                text: "冻结快照，公布承诺值".into(),
            },
            RecordLogLine {
                at: at("09:35:00"),
                text: "揭晓密钥 & 完成抽取".into(),
            },
        ];
        Fixture {
            cert,
            enterprises,
            inspectors,
            items,
            people,
            log,
        }
    }

    fn input(&self) -> RecordInput<'_> {
        RecordInput {
            certificate: &self.cert,
            label: "2024Q2-1",
            quarter: "2024Q2",
            bureau: "唐山市生态环境局高新技术产业开发区分局",
            enterprise_names: &self.enterprises,
            inspector_names: &self.inspectors,
            item_names: &self.items,
            people: &self.people,
            log: &self.log,
            sealed_at: Some(at("10:00:00")),
            status_note: Some("组长已接受：经核实抽取过程无误"),
        }
    }
}

fn example() -> Fixture {
    Fixture::new(example::certificate().unwrap())
}

/// Every hex value the record must show.
fn hexes(c: &Certificate) -> Vec<String> {
    let mut v: Vec<String> = c.hashes.parts().iter().map(|(_, h)| h.to_hex()).collect();
    v.push(c.commitment.to_hex());
    v.push(to_hex(&c.secret.0));
    v.push(c.seed.to_hex());
    v.extend(
        c.entropy
            .iter()
            .map(|e| H256::of(e.text.as_bytes()).to_hex()),
    );
    v
}

fn drawn(c: &Certificate) -> Vec<String> {
    c.outcome
        .selections
        .iter()
        .flat_map(|s| &s.targets)
        .map(|t| t.code.clone())
        .collect()
}

#[test]
fn html_shows_parameters_hashes_results_people_and_signatures() {
    let fx = example();
    let c = &fx.cert;
    let html = record_html(&fx.input(), Lang::Zh);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for s in [
        "<meta charset=\"utf-8\">",
        "@page { size: A4;",
        "page-break-inside: avoid",
        "随机抽取记录",
        "唐山市生态环境局高新技术产业开发区分局",
        "抽取标识：2024Q2-1　季度：2024Q2",
        "shuangsui-draw/1",
        "分类抽取",
        "35%",
        "HB-GF-02",
        "固体废物贮存检查",
        "监测",
        "03 09 14 22 27 31 + 12",
        "组织人员签字：",
        "监督人员签字：",
        "日期：",
        "组长已接受：经核实抽取过程无误",
        "不同意（2024-04-08 09:41:00）：对结果&lt;有异议&gt;",
        "已确认（2024-04-08 09:40:00）",
        "揭晓密钥 &amp; 完成抽取",
        "2024-04-08 10:00:00",
        "张伟（zhangwei）",
    ] {
        assert!(html.contains(s), "missing {s:?}");
    }
    for h in hexes(c) {
        assert!(html.contains(&h), "missing hash {h}");
    }
    // Witness entropy is shown only hashed.
    for e in &c.entropy {
        assert!(!html.contains(&e.text), "entropy text {:?} shown", e.text);
    }
    // Every drawn target with its name, in draw order; every team member with a mark.
    let mut last = 0;
    for code in drawn(c) {
        let at = html.find(&code).unwrap_or_else(|| panic!("missing {code}"));
        assert!(at > last, "{code} out of order");
        last = at;
        if fx.enterprises[&code] != EVIL {
            assert!(html.contains(&fx.enterprises[&code]));
        }
    }
    for t in &c.outcome.teams {
        let lead = format!("{}（{}，组长）", fx.inspectors[&t.lead], t.lead);
        assert!(html.contains(&lead), "missing {lead}");
        for a in &t.auxiliaries {
            let aux = format!("{}（{a}，辅助）", fx.inspectors[a]);
            assert!(html.contains(&aux), "missing {aux}");
        }
    }
    // Stratum headings carry count and population.
    assert!(html.contains("重点监管对象（快照中候选 3 家，抽中 2 家）"));
    // Input text is escaped; nothing active or external.
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;&amp;&quot;甲&#39;"));
    let lower = html.to_lowercase();
    for bad in ["<script", "src=", "url(", "@import", "http"] {
        assert!(!lower.contains(bad), "{bad}");
    }
    // The one link: the verification page written beside the record.
    let page = crate::exchange::verify_page::file_name(fx.input().label);
    assert_eq!(lower.matches("href=").count(), 1);
    assert!(html.contains(&format!("<a href=\"{page}\">")), "{page}");
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

#[test]
fn xlsx_has_the_record_and_one_text_row_per_target() {
    let fx = example();
    let c = &fx.cert;
    let bytes = record_xlsx(&fx.input(), Lang::Zh).unwrap();
    let wb: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(&bytes[..])).unwrap();
    assert_eq!(wb.sheet_names(), vec!["记录", "抽取结果"]);

    let results = sheet(&bytes, "抽取结果");
    let head: Vec<&str> = results[0].iter().map(text).collect();
    assert_eq!(
        head,
        [
            "抽取类别",
            "序号",
            "统一社会信用代码",
            "单位名称",
            "监管类别",
            "内部联合检查",
            "组长",
            "执法人员",
            "辅助检查人员"
        ]
    );
    let codes = drawn(c);
    assert_eq!(results.len() - 1, codes.len());
    for (row, code) in results[1..].iter().zip(&codes) {
        assert_eq!(row[2], Data::String(code.clone()), "codes are text");
        assert_eq!(row[1], Data::String(row[1].to_string()), "ranks are text");
        assert_eq!(text(&row[3]), fx.enterprises[code]);
        let team = c.outcome.teams.iter().find(|t| &t.code == code).unwrap();
        assert_eq!(
            text(&row[6]),
            format!("{}（{}）", fx.inspectors[&team.lead], team.lead)
        );
        assert_eq!(
            text(&row[7]).split('、').count(),
            c.params.team_size as usize
        );
    }
    assert_eq!(text(&results[1][0]), "重点监管对象");
    assert_eq!(text(&results[1][1]), "1");
    assert_eq!(text(&results[2][1]), "2");

    let record = sheet(&bytes, "记录");
    let value = |l: L| -> &str {
        let want = label(l, Lang::Zh);
        record
            .iter()
            .find(|r| text(&r[0]) == want)
            .map_or("", |r| text(&r[1]))
    };
    let h = &c.hashes;
    assert_eq!(value(L::CandidatesHash), h.candidates.to_hex());
    assert_eq!(value(L::InspectorsHash), h.inspectors.to_hex());
    assert_eq!(value(L::ConflictsHash), h.conflicts.to_hex());
    assert_eq!(value(L::ParamsHash), h.params.to_hex());
    assert_eq!(value(L::Commitment), c.commitment.to_hex());
    assert_eq!(value(L::Secret), to_hex(&c.secret.0));
    assert_eq!(value(L::Seed), c.seed.to_hex());
    assert_eq!(value(L::Version), "shuangsui-draw/1");
    assert_eq!(value(L::SealedAt), "2024-04-08 10:00:00");
    let all: Vec<&str> = record.iter().flatten().map(text).collect();
    for hx in hexes(c) {
        assert!(all.contains(&hx.as_str()), "missing {hx}");
    }
    for e in &c.entropy {
        assert!(
            !all.iter().any(|s| s.contains(&e.text)),
            "entropy text shown"
        );
    }
    for s in [
        "组织人员签字：",
        "监督人员签字：",
        "日期：",
        "HB-GF-02",
        "刘娜（liuna）",
    ] {
        assert!(all.contains(&s), "missing {s}");
    }
    // Every written cell is text, never a number.
    assert!(
        record
            .iter()
            .chain(&results)
            .flatten()
            .all(|d| matches!(d, Data::String(_) | Data::Empty))
    );
}

#[test]
fn english_unclassified_record() {
    let mut p = example::params();
    p.quota = Quota::Unclassified { count: 3 };
    let cert = Certificate::issue(example::snapshot(), p, example::ceremony()).unwrap();
    let fx = Fixture::new(cert);
    let mut input = fx.input();
    input.bureau = "";
    input.status_note = None;
    input.sealed_at = None;
    let html = record_html(&input, Lang::En);
    for s in [
        "<html lang=\"en\">",
        "Random draw record",
        "Draw 2024Q2-1, quarter 2024Q2",
        "unclassified",
        "all (unclassified) (8 candidates in the snapshot, 3 drawn)",
        "Organizer&#39;s signature:",
        "Supervisor&#39;s signature:",
        "Date:",
        "not sealed",
        "declined (2024-04-08 09:41:00): 对结果&lt;有异议&gt;",
        ", lead)",
    ] {
        assert!(html.contains(s), "missing {s:?}");
    }
    assert!(!html.contains("class=\"bureau\""));
    assert!(!html.contains("签字"), "no Chinese labels");
    for code in drawn(&fx.cert) {
        assert!(html.contains(&code));
    }
    let bytes = record_xlsx(&input, Lang::En).unwrap();
    let results = sheet(&bytes, "Results");
    assert_eq!(results.len(), 4);
    assert_eq!(text(&results[0][2]), "Credit code");
    let record = sheet(&bytes, "Record");
    assert_eq!(text(&record[0][0]), "Random draw record");
}
