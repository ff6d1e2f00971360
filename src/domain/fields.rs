//! Turning raw field values (typed in a form or read from a file cell) into validated domain
//! values, and the problems found on the way. This is the one place where input becomes data;
//! the import and the UI forms both go through it.

use super::credit_code::{CodeError, CreditCode};
use super::enterprise::RecordError;
use super::inspector::InspectorError;
use super::permit::{PermitError, PermitNo};
use super::text::{self, TextError};
use chrono::NaiveDate;
use std::borrow::Cow;
use std::collections::BTreeSet;

/// A raw value: text, or a number when a spreadsheet cell held one.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Raw<'a> {
    Text(&'a str),
    Number(f64),
}

impl<'a> Raw<'a> {
    /// The value as text; integral numbers are written without a fraction.
    pub fn text(&self) -> Cow<'a, str> {
        match *self {
            Raw::Text(s) => Cow::Borrowed(s),
            Raw::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => {
                Cow::Owned(format!("{}", n as i64))
            }
            Raw::Number(n) => Cow::Owned(n.to_string()),
        }
    }
}

/// Why a value was refused. Rendered for people by `crate::strings`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("{0}")]
    Text(#[from] TextError),
    #[error("credit code: {0}")]
    Code(#[from] CodeError),
    #[error("permit number: {0}")]
    Permit(#[from] PermitError),
    #[error("{0}")]
    Record(#[from] RecordError),
    #[error("{0}")]
    Inspector(#[from] InspectorError),
    #[error("a code cell holds a number (the spreadsheet converted it)")]
    NumberInCodeCell,
    #[error("unknown value; allowed: {}", allowed.join(", "))]
    UnknownValue { allowed: Vec<&'static str> },
    #[error("not yes/no")]
    BadBool,
    #[error("not a date")]
    BadDate,
    #[error("not a whole number in {min}..={max}")]
    BadNumber { min: i64, max: i64 },
    #[error("the same key already appears in row {first_row}")]
    DuplicateInFile { first_row: usize },
    #[error("already declared on {0} and still in force")]
    AlreadyDeclared(NaiveDate),
    #[error("no enterprise with this credit code in the registry")]
    UnknownEnterprise,
    #[error("the date lies in the future")]
    FutureDate,
    #[error("before the draw of {0}")]
    BeforeDraw(NaiveDate),
    #[error("{0} enforcement officers present; at least 2")]
    TooFewOfficers(usize),
    #[error("a case number is required")]
    CaseNumberRequired,
    #[error("not a case number")]
    BadCaseNumber,
    #[error("calendar: {0}")]
    Calendar(crate::domain::calendar::EntryError),
    #[error("not on the positive list this quarter")]
    NotOnPositiveList,
    #[error("outside the quarter {0}")]
    OutsideQuarter(String),
    #[error("unknown check-item codes: {}", .0.join(", "))]
    UnknownItems(Vec<String>),
    #[error("no inspector with these certificate numbers: {}", .0.join(", "))]
    UnknownCertificates(Vec<String>),
    #[error("the check character fails; accepted because the check was waived")]
    CheckWaived,
    #[error(
        "user names are 1-32 lower-case letters, digits, '.', '_' or '-', starting with a letter"
    )]
    BadUserName,
    #[error("a user needs at least one role")]
    NoRole,
    #[error("at least {0} characters")]
    ShortPassword(usize),
    #[error("must be after {0}")]
    MustBeAfter(NaiveDate),
    #[error("not a quarter (like 2026Q4)")]
    BadQuarter,
    #[error("a draw names at least one check item")]
    NoItem,
    #[error("already on record under this key; correct it instead")]
    AlreadyRecorded,
    #[error("this enterprise has no such record to correct")]
    NotOnRecord,
    #[error("already corrected by a newer record")]
    Superseded,
    #[error("the same as on record")]
    Unchanged,
    #[error("a category code is 1-32 lower-case letters or '_'")]
    BadCategoryCode,
}

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// The field's key (see the specs in `forms`).
    pub field: &'static str,
    pub value: String,
    pub problem: Problem,
}

/// Collects issues while a record is built.
#[derive(Debug, Default)]
pub struct Issues(pub Vec<FieldIssue>);

impl Issues {
    pub fn push(&mut self, field: &'static str, value: &Raw<'_>, problem: impl Into<Problem>) {
        self.0.push(FieldIssue {
            field,
            value: value.text().into_owned(),
            problem: problem.into(),
        });
    }

    /// Runs a parser and records its failure.
    pub fn take<T, E: Into<Problem>>(
        &mut self,
        field: &'static str,
        raw: &Raw<'_>,
        r: Result<T, E>,
    ) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(field, raw, e);
                None
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// One line of text, at most `max` characters.
pub fn line(raw: &Raw<'_>, max: usize) -> Result<String, Problem> {
    Ok(text::clean_line(&raw.text(), max)?)
}

/// A required line of text.
pub fn required_line(raw: &Raw<'_>, max: usize) -> Result<String, Problem> {
    Ok(text::required_line(&raw.text(), max)?)
}

/// A credit code; a number cell is refused because Excel has already cut its digits.
pub fn credit_code(raw: &Raw<'_>, waive_check: bool) -> Result<CreditCode, Problem> {
    let s = match raw {
        Raw::Number(_) => return Err(Problem::NumberInCodeCell),
        Raw::Text(s) => s,
    };
    check_text(s)?;
    match CreditCode::parse(s) {
        Err(CodeError::Check { .. }) if waive_check => Ok(CreditCode::parse_form(s)?),
        r => Ok(r?),
    }
}

/// An optional permit number.
pub fn permit(raw: &Raw<'_>) -> Result<Option<PermitNo>, Problem> {
    match raw {
        Raw::Number(_) => Err(Problem::NumberInCodeCell),
        Raw::Text(s) if s.trim().is_empty() => Ok(None),
        Raw::Text(s) => {
            check_text(s)?;
            Ok(Some(PermitNo::parse(s)?))
        }
    }
}

fn check_text(s: &str) -> Result<(), Problem> {
    Ok(text::check_line(s.trim(), 64)?)
}

const YES: &[&str] = &[
    "是",
    "Y",
    "YES",
    "TRUE",
    "1",
    "√",
    "✓",
    "有",
    "已列入",
    "列入",
];
const NO: &[&str] = &["否", "N", "NO", "FALSE", "0", "×", "无", "未列入", "不是"];

/// 是/否 and their usual spellings; empty is `None`.
pub fn yes_no(raw: &Raw<'_>) -> Result<Option<bool>, Problem> {
    let t = raw.text();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if YES.iter().any(|y| y.eq_ignore_ascii_case(t)) {
        Ok(Some(true))
    } else if NO.iter().any(|n| n.eq_ignore_ascii_case(t)) {
        Ok(Some(false))
    } else {
        check_text(t)?;
        Err(Problem::BadBool)
    }
}

/// A date in the forms people type: `2024-03-05`, `2024/3/5`, `2024.3.5`, `2024年3月5日`,
/// `20240305`. Empty is `None`.
pub fn date(raw: &Raw<'_>) -> Result<Option<NaiveDate>, Problem> {
    let t = raw.text();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    check_text(t)?;
    parse_date(t).map(Some).ok_or(Problem::BadDate)
}

/// A date that must be given.
pub fn required_date(raw: &Raw<'_>) -> Result<NaiveDate, Problem> {
    date(raw)?.ok_or(Problem::Text(TextError::Empty))
}

/// Parses the date forms of [`date`].
pub fn parse_date(t: &str) -> Option<NaiveDate> {
    let t = t
        .trim()
        .trim_end_matches("日")
        .trim_end_matches(" 00:00:00")
        .trim_end_matches("T00:00:00");
    if t.len() == 8 && t.bytes().all(|b| b.is_ascii_digit()) {
        return NaiveDate::parse_from_str(t, "%Y%m%d").ok();
    }
    let parts: Vec<&str> = t.split(['-', '/', '.', '年', '月']).collect();
    if parts.len() != 3 || parts[0].len() != 4 || parts.iter().any(|p| p.is_empty() || p.len() > 4)
    {
        return None;
    }
    let n: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    NaiveDate::from_ymd_opt(n[0] as i32, n[1], n[2])
        .filter(|d| (1949..=2100).contains(&chrono::Datelike::year(d)))
}

/// A whole number in a range; empty is `None`.
pub fn number(raw: &Raw<'_>, min: i64, max: i64) -> Result<Option<i64>, Problem> {
    let t = raw.text();
    let t = t.trim();
    if t.is_empty() {
        return Ok(None);
    }
    check_text(t)?;
    t.parse::<i64>()
        .ok()
        .filter(|n| (min..=max).contains(n))
        .map(Some)
        .ok_or(Problem::BadNumber { min, max })
}

/// A value from a closed vocabulary; empty is `None`.
pub fn choice<T: Copy>(
    raw: &Raw<'_>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    zh: fn(T) -> &'static str,
) -> Result<Option<T>, Problem> {
    let t = raw.text();
    if t.trim().is_empty() {
        return Ok(None);
    }
    check_text(&t)?;
    parse(&t).map(Some).ok_or_else(|| Problem::UnknownValue {
        allowed: all.iter().map(|v| zh(*v)).collect(),
    })
}

/// Splits a cell of codes separated by 、 ， , ； ; / | or spaces.
pub fn code_list(raw: &Raw<'_>) -> Result<BTreeSet<String>, Problem> {
    let t = raw.text();
    check_text(&t)?;
    Ok(t.split(['、', '，', ',', '；', ';', '/', ' ', '　', '|'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect())
}

/// Several vocabulary values separated by `、，,；;/ ` or spaces.
pub fn choices<T: Copy + Ord>(
    raw: &Raw<'_>,
    parse: fn(&str) -> Option<T>,
    all: &[T],
    zh: fn(T) -> &'static str,
) -> Result<BTreeSet<T>, Problem> {
    let t = raw.text();
    check_text(&t)?;
    t.split(['、', '，', ',', '；', ';', '/', ' ', '　', '|'])
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            parse(s).ok_or_else(|| Problem::UnknownValue {
                allowed: all.iter().map(|v| zh(*v)).collect(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::enterprise::Pollutant;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dates_in_common_forms() {
        for s in [
            "2024-03-05",
            "2024/3/5",
            "2024.03.05",
            "2024年3月5日",
            "20240305",
            "2024-03-05 00:00:00",
        ] {
            assert_eq!(date(&Raw::Text(s)).unwrap(), Some(d(2024, 3, 5)), "{s}");
        }
        assert_eq!(date(&Raw::Number(20240305.0)).unwrap(), Some(d(2024, 3, 5)));
        assert_eq!(date(&Raw::Text(" ")).unwrap(), None);
        for s in [
            "2024-02-30",
            "24-3-5",
            "2024-3",
            "tomorrow",
            "2024--5",
            "1900-01-01",
        ] {
            assert_eq!(date(&Raw::Text(s)), Err(Problem::BadDate), "{s}");
        }
    }

    #[test]
    fn booleans() {
        assert_eq!(yes_no(&Raw::Text("是")).unwrap(), Some(true));
        assert_eq!(yes_no(&Raw::Text("n")).unwrap(), Some(false));
        assert_eq!(yes_no(&Raw::Number(1.0)).unwrap(), Some(true));
        assert_eq!(yes_no(&Raw::Text("也许")), Err(Problem::BadBool));
    }

    #[test]
    fn codes_refuse_numbers() {
        assert_eq!(
            credit_code(&Raw::Number(9.11302007825743e17), false),
            Err(Problem::NumberInCodeCell)
        );
        assert!(matches!(
            credit_code(&Raw::Text("91350100M000100Y44"), false),
            Err(Problem::Code(CodeError::Check { .. }))
        ));
        assert!(credit_code(&Raw::Text("91350100M000100Y44"), true).is_ok());
        assert!(matches!(
            credit_code(&Raw::Text("9135\x1b[0m"), false),
            Err(Problem::Text(_))
        ));
    }

    #[test]
    fn multi_choice() {
        let s = choices(
            &Raw::Text("大气、废水，危险废物"),
            Pollutant::parse,
            Pollutant::ALL,
            Pollutant::zh,
        )
        .unwrap();
        assert_eq!(
            s,
            [Pollutant::Air, Pollutant::Water, Pollutant::HazardousWaste].into()
        );
        assert!(matches!(
            choices(
                &Raw::Text("大气、光污染"),
                Pollutant::parse,
                Pollutant::ALL,
                Pollutant::zh
            ),
            Err(Problem::UnknownValue { .. })
        ));
    }
}
