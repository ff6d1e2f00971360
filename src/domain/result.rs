//! Inspection results (S8, N3): what a team found at a drawn target, the result categories
//! (kept as data in `db/result-categories.csv`, editable), signatures, case numbers, the review
//! states, off-site supervision of positive-list firms, and the checks a result must pass
//! against its draw (date, officers present). Pure: the caller passes the draw and today.

use super::fields::Problem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use thiserror::Error;

crate::vocab! {
    /// 签字情况: whether the legal representative signed the record.
    pub enum Signature {
        Signed = "signed", "已签字", "signed", ["签字", "是"];
        Refused = "refused", "拒绝签字", "refused", ["拒签"];
        Unobtainable = "unobtainable", "无法取得签字", "not obtainable", ["无法签字"];
    }
}

crate::vocab! {
    /// Where a result stands in review.
    pub enum ReviewStatus {
        Submitted = "submitted", "待审核", "awaiting review";
        Approved = "approved", "已审核", "approved";
        Returned = "returned", "已退回", "returned";
    }
}

crate::vocab! {
    /// 非现场监管方式 for positive-list firms.
    pub enum OffsiteMethod {
        OnlineMonitoring = "online_monitoring", "在线监测", "online monitoring", ["在线监控"];
        SubMetering = "sub_metering", "分表计电", "electricity sub-metering", ["用电监控"];
        Video = "video", "视频监控", "video", ["视频"];
    }
}

crate::impl_vocab!(Signature);

/// One off-site check of a positive-list firm in a quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offsite {
    pub method: OffsiteMethod,
    pub checked_on: NaiveDate,
    /// What the check found (正常 / 发现异常已处理 …).
    pub result: String,
    pub note: String,
}

/// A department-joint inspection (部门联合, S4): with other departments, on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JointInspection {
    pub date: NaiveDate,
    /// The other departments (e.g. 市场监管局, 应急管理局).
    pub departments: Vec<String>,
    /// The lead department.
    pub lead: String,
    /// Credit codes of the subjects inspected.
    pub subjects: BTreeSet<String>,
    pub note: String,
}

/// A result category (检查结果类别).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub code: String,
    pub name: String,
    pub name_en: String,
    /// A problem was found (counts as such in reports).
    pub problem: bool,
    /// A case was filed: the case number is required.
    pub needs_case: bool,
    /// The findings must say what happened (e.g. 其他).
    pub needs_remark: bool,
}

/// Why the categories file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CategoryError {
    #[error("line {line}: expected 6 columns code,name,name_en,problem,needs_case,needs_remark")]
    Columns { line: usize },
    #[error("line {line}: {text:?} is not yes or no")]
    Flag { line: usize, text: String },
    #[error("line {line}: the code {code:?} appears twice or is not lower-case letters and _")]
    Code { line: usize, code: String },
}

/// Reads `code,name,name_en,problem,needs_case,needs_remark` lines (a header first).
pub fn parse_categories(text: &str) -> Result<Vec<Category>, CategoryError> {
    let mut out: Vec<Category> = Vec::new();
    for (i, l) in text.lines().enumerate().skip(1) {
        let line = i + 1;
        if l.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = l.split(',').map(str::trim).collect();
        if c.len() != 6 {
            return Err(CategoryError::Columns { line });
        }
        let flag = |s: &str| match s {
            "yes" => Ok(true),
            "no" => Ok(false),
            _ => Err(CategoryError::Flag {
                line,
                text: s.to_string(),
            }),
        };
        let ok_code = !c[0].is_empty()
            && c[0].bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            && !out.iter().any(|x| x.code == c[0]);
        if !ok_code {
            return Err(CategoryError::Code {
                line,
                code: c[0].to_string(),
            });
        }
        out.push(Category {
            code: c[0].into(),
            name: c[1].into(),
            name_en: c[2].into(),
            problem: flag(c[3])?,
            needs_case: flag(c[4])?,
            needs_remark: flag(c[5])?,
        });
    }
    Ok(out)
}

/// The categories shipped in `db/result-categories.csv`.
pub const SHIPPED_CATEGORIES: &str = include_str!("../../db/result-categories.csv");

/// What was found at one target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResultData {
    pub inspected_on: NaiveDate,
    /// Ids (certificate numbers) of the people actually present.
    pub present: BTreeSet<String>,
    /// Check-item codes checked.
    pub items: BTreeSet<String>,
    /// A category code.
    pub category: String,
    pub findings: String,
    /// 整改期限.
    pub rectify_by: Option<NaiveDate>,
    /// 立案编号, when a case was filed.
    pub case_no: String,
    /// 移动执法记录编号.
    pub mobile_no: String,
    pub signature: Signature,
    /// Why no signature was had.
    pub signature_reason: String,
    /// Evidence references (photos, video, sampling numbers).
    pub evidence: String,
    /// A typical case for the quarterly summary.
    pub typical: bool,
    pub typical_note: String,
}

/// What a result is checked against.
pub struct Context<'a> {
    /// The day the draw was revealed: no inspection before it.
    pub drawn_on: NaiveDate,
    pub today: NaiveDate,
    /// Ids of enforcement officers (auxiliary experts do not count towards N1).
    pub officers: &'a BTreeSet<String>,
    /// Every id of a person who may be named as present.
    pub people: &'a BTreeSet<String>,
    pub category: Option<&'a Category>,
    /// Every check-item code.
    pub items: &'a BTreeSet<String>,
}

/// The problems of a result, by field key (the keys of `forms::RESULT`).
pub fn check(d: &ResultData, ctx: &Context<'_>) -> Vec<(&'static str, Problem)> {
    let mut out = Vec::new();
    if d.inspected_on < ctx.drawn_on {
        out.push(("inspected_on", Problem::BeforeDraw(ctx.drawn_on)));
    }
    if d.inspected_on > ctx.today {
        out.push(("inspected_on", Problem::FutureDate));
    }
    let unknown: Vec<String> = d
        .present
        .iter()
        .filter(|p| !ctx.people.contains(*p))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        out.push(("present", Problem::UnknownCertificates(unknown)));
    }
    let officers = d
        .present
        .iter()
        .filter(|p| ctx.officers.contains(*p))
        .count();
    if officers < 2 {
        out.push(("present", Problem::TooFewOfficers(officers)));
    }
    if d.items.is_empty() {
        out.push(("items", Problem::Text(super::text::TextError::Empty)));
    }
    let unknown: Vec<String> = d
        .items
        .iter()
        .filter(|i| !ctx.items.contains(*i))
        .cloned()
        .collect();
    if !unknown.is_empty() {
        out.push(("items", Problem::UnknownItems(unknown)));
    }
    match ctx.category {
        None => out.push(("category", Problem::UnknownValue { allowed: vec![] })),
        Some(c) => {
            if c.needs_case && d.case_no.trim().is_empty() {
                out.push(("case_no", Problem::CaseNumberRequired));
            }
            if c.needs_remark && d.findings.trim().is_empty() {
                out.push(("findings", Problem::Text(super::text::TextError::Empty)));
            }
        }
    }
    if !d.case_no.trim().is_empty() && !case_number_ok(&d.case_no) {
        out.push(("case_no", Problem::BadCaseNumber));
    }
    if d.signature != Signature::Signed && d.signature_reason.trim().is_empty() {
        out.push((
            "signature_reason",
            Problem::Text(super::text::TextError::Empty),
        ));
    }
    if let Some(r) = d.rectify_by
        && r < d.inspected_on
    {
        out.push(("rectify_by", Problem::MustBeAfter(d.inspected_on)));
    }
    if d.typical && d.typical_note.trim().is_empty() {
        out.push(("typical_note", Problem::Text(super::text::TextError::Empty)));
    }
    out
}

/// A case number (立案编号) as written on decisions: an issuing agency's abbreviation, the year
/// in 〔〕 (also [] or （）), an optional 第, the number and 号 — e.g. `唐高环立〔2024〕12号`,
/// `冀环罚〔2024〕第015号`.
pub fn case_number_ok(s: &str) -> bool {
    let s = s.trim();
    let Some(open) = s.find(['〔', '[', '（', '(']) else {
        return false;
    };
    let prefix = &s[..open];
    let prefix_ok = (1..=16).contains(&prefix.chars().count())
        && prefix
            .chars()
            .all(|c| c.is_alphabetic() && !c.is_ascii_digit());
    let rest = &s[open..];
    let mut chars = rest.chars();
    chars.next();
    let year: String = chars.by_ref().take(4).collect();
    let Ok(y) = year.parse::<i32>() else {
        return false;
    };
    let after: String = chars.collect();
    let Some(after) = after.strip_prefix(['〕', ']', '）', ')']) else {
        return false;
    };
    let after = after.strip_prefix('第').unwrap_or(after);
    let Some(num) = after.strip_suffix('号') else {
        return false;
    };
    prefix_ok
        && (2000..=2100).contains(&y)
        && (1..=6).contains(&num.len())
        && num.bytes().all(|b| b.is_ascii_digit())
}

/// Where an assignment stands, for the worklist.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WorkState {
    /// Returned for rework: the most urgent.
    Returned,
    /// No result yet.
    Pending,
    Submitted,
    /// Approved, not yet published.
    Approved,
    Published,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2024, m, day).unwrap()
    }

    fn set(v: &[&str]) -> BTreeSet<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    pub(crate) fn typical() -> ResultData {
        ResultData {
            inspected_on: d(5, 6),
            present: set(&["A", "B"]),
            items: set(&["HB-01"]),
            category: "no_problem".into(),
            findings: String::new(),
            rectify_by: None,
            case_no: String::new(),
            mobile_no: String::new(),
            signature: Signature::Signed,
            signature_reason: String::new(),
            evidence: String::new(),
            typical: false,
            typical_note: String::new(),
        }
    }

    #[test]
    fn shipped_categories_parse() {
        let c = parse_categories(SHIPPED_CATEGORIES).unwrap();
        assert_eq!(c.len(), 10);
        assert_eq!(c[0].name, "未发现问题");
        assert!(c.iter().any(|x| x.needs_case) && c.iter().any(|x| x.needs_remark));
        assert!(parse_categories("h\nx,y,z,maybe,no,no").is_err());
        assert!(parse_categories("h\nA,y,z,no,no,no").is_err());
    }

    #[test]
    fn a_typical_result_passes_and_each_rule_bites() {
        let cats = parse_categories(SHIPPED_CATEGORIES).unwrap();
        let cat = |code: &str| cats.iter().find(|c| c.code == code);
        let officers = set(&["A", "B", "C"]);
        let people = set(&["A", "B", "C", "X"]);
        let items = set(&["HB-01", "HB-02"]);
        let ctx = |c: &'static str| Context {
            drawn_on: d(5, 1),
            today: d(5, 10),
            officers: &officers,
            people: &people,
            category: cat(c),
            items: &items,
        };
        let ok = typical();
        assert!(check(&ok, &ctx("no_problem")).is_empty());
        let keys = |r: &ResultData, c: &'static str| -> Vec<&'static str> {
            check(r, &ctx(c)).into_iter().map(|(k, _)| k).collect()
        };
        let mut r = typical();
        r.inspected_on = d(4, 30);
        assert_eq!(keys(&r, "no_problem"), ["inspected_on"]);
        r.inspected_on = d(5, 11);
        assert_eq!(keys(&r, "no_problem"), ["inspected_on"]);
        let mut r = typical();
        r.present = set(&["A", "X"]);
        assert_eq!(
            check(&r, &ctx("no_problem")),
            [("present", Problem::TooFewOfficers(1))]
        );
        let mut r = typical();
        r.signature = Signature::Refused;
        assert_eq!(keys(&r, "no_problem"), ["signature_reason"]);
        r.signature_reason = "法人外出".into();
        assert!(keys(&r, "no_problem").is_empty());
        let mut r = typical();
        assert_eq!(keys(&r, "case_filed"), ["case_no"]);
        r.case_no = "第12号".into();
        assert_eq!(keys(&r, "case_filed"), ["case_no"]);
        r.case_no = "唐高环立〔2024〕12号".into();
        assert!(keys(&r, "case_filed").is_empty());
        assert_eq!(keys(&typical(), "other"), ["findings"]);
        assert_eq!(keys(&typical(), "nope"), ["category"]);
        let mut r = typical();
        r.typical = true;
        r.rectify_by = Some(d(5, 1));
        assert_eq!(keys(&r, "no_problem"), ["rectify_by", "typical_note"]);
    }

    #[test]
    fn case_numbers() {
        for ok in [
            "唐高环立〔2024〕12号",
            "冀环罚〔2024〕第015号",
            "唐环罚[2025]3号",
            "高新环罚（2026）第1号",
        ] {
            assert!(case_number_ok(ok), "{ok}");
        }
        for bad in [
            "",
            "12号",
            "〔2024〕12号",
            "唐高环立2024-12",
            "唐高环立〔24〕12号",
            "唐高环立〔2024〕号",
            "唐高环立〔2024〕12",
            "唐高环立〔1999〕12号",
            "唐高环立〔2024〕1234567号",
        ] {
            assert!(!case_number_ok(bad), "{bad}");
        }
    }
}
