//! The working-day calendar: statutory holidays that fall on weekdays and make-up (调休) weekend
//! working days, read from the yearly schedule (`db/calendar.csv`, `date,kind,note`), and the
//! deadline arithmetic built on it ("N working days after / before a date").
//!
//! A day is a working day when it is listed as `workday`, or when it is a Monday to Friday not
//! listed as `holiday`. The schedule is published once a year, so every computation that has to
//! look at a day of a year without data fails with [`MissingYear`] instead of silently treating
//! that year as if it had no holidays.

use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use thiserror::Error;

use super::quarter::Quarter;

/// The schedule shipped with the program (2024–2026); administrators may edit a copy.
const SHIPPED_CSV: &str = include_str!("../../../db/calendar.csv");

/// The header every calendar file starts with.
pub const CSV_HEADER: &str = "date,kind,note";

crate::vocab! {
    /// What a listed date is: a weekday off or a weekend day worked.
    pub enum DayKind {
        Holiday = "holiday", "放假", "holiday", ["休", "假", "节假日"];
        Workday = "workday", "调休上班", "make-up working day", ["班", "上班", "补班"];
    }
}

/// One row of the schedule: a date, what it is and the festival it belongs to (`春节`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CalendarEntry {
    pub date: NaiveDate,
    pub kind: DayKind,
    pub note: String,
}

impl CalendarEntry {
    pub fn new(date: NaiveDate, kind: DayKind, note: impl Into<String>) -> Self {
        CalendarEntry {
            date,
            kind,
            note: note.into(),
        }
    }
}

/// A computation had to look at a day of a year the calendar has no schedule for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("no working-day calendar for {0}: its holidays and make-up working days are not entered")]
pub struct MissingYear(pub i32);

/// A deadline's date. `provisional`: the first year without data that the computation reached;
/// the date was then computed from that year's weekends alone and may move once its holidays
/// are entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    pub date: NaiveDate,
    pub provisional: Option<i32>,
}

/// Why a set of entries does not make a calendar.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EntryError {
    #[error("{0} is a Saturday or Sunday, already a day off: a `holiday` there means nothing")]
    HolidayOnWeekend(NaiveDate),
    #[error("{0} is a Monday to Friday, already a working day: a `workday` there means nothing")]
    WorkdayOnWeekday(NaiveDate),
    #[error("{0} is listed twice")]
    Duplicate(NaiveDate),
    #[error("{0} is outside the calendar's years")]
    OutsideYears(NaiveDate),
}

/// Why a calendar file cannot be read. Lines are numbered from 1, blank lines included.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CalendarError {
    #[error("the calendar file is empty (expected the header `date,kind,note`)")]
    Empty,
    #[error("line {line}: the header must be `date,kind,note`, found `{found}`")]
    Header { line: usize, found: String },
    #[error("line {line}: a quoted field is not closed, or text follows its closing quote")]
    Quote { line: usize },
    #[error(
        "line {line}: {found} columns instead of 3 (date,kind,note; quote a note that contains a comma)"
    )]
    Columns { line: usize, found: usize },
    #[error("line {line}: not a date (expected YYYY-MM-DD): `{text}`")]
    BadDate { line: usize, text: String },
    #[error("line {line}: the kind must be `holiday` or `workday`, found `{text}`")]
    BadKind { line: usize, text: String },
    #[error("line {line}: {date} is already listed on line {first}")]
    Duplicate {
        line: usize,
        first: usize,
        date: NaiveDate,
    },
    #[error("line {line}: {problem}")]
    Entry { line: usize, problem: EntryError },
}

/// The working-day calendar: the listed dates and the years whose schedule is known.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Calendar {
    days: BTreeMap<NaiveDate, CalendarEntry>,
    years: BTreeSet<i32>,
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Checks that a listed date changes something: holidays on weekdays, workdays on weekends.
fn check_kind(e: &CalendarEntry) -> Result<(), EntryError> {
    match (e.kind, is_weekend(e.date)) {
        (DayKind::Holiday, true) => Err(EntryError::HolidayOnWeekend(e.date)),
        (DayKind::Workday, false) => Err(EntryError::WorkdayOnWeekday(e.date)),
        _ => Ok(()),
    }
}

/// The next day forward or backward; leaving chrono's range counts as reaching a year without
/// data (no calendar can hold such a year).
fn step(d: NaiveDate, forward: bool) -> Result<NaiveDate, MissingYear> {
    if forward {
        d.succ_opt().ok_or(MissingYear(d.year().saturating_add(1)))
    } else {
        d.pred_opt().ok_or(MissingYear(d.year().saturating_sub(1)))
    }
}

impl Calendar {
    /// A calendar from its entries. **A year has data when at least one entry falls in it**:
    /// every year of the schedule has holidays on weekdays, so a year without any entry is one
    /// whose schedule has not been entered. Use [`Calendar::with_years`] to declare years
    /// explicitly.
    pub fn new(entries: impl IntoIterator<Item = CalendarEntry>) -> Result<Self, EntryError> {
        let mut cal = Calendar::default();
        for e in entries {
            cal.insert(e)?;
        }
        cal.years = cal.days.keys().map(|d| d.year()).collect();
        Ok(cal)
    }

    /// A calendar whose years with data are exactly `years`; every entry must fall in one of
    /// them. A declared year without entries is one with no weekday holidays and no make-up
    /// working days.
    pub fn with_years(
        entries: impl IntoIterator<Item = CalendarEntry>,
        years: impl IntoIterator<Item = i32>,
    ) -> Result<Self, EntryError> {
        let mut cal = Calendar {
            days: BTreeMap::new(),
            years: years.into_iter().collect(),
        };
        for e in entries {
            if !cal.years.contains(&e.date.year()) {
                return Err(EntryError::OutsideYears(e.date));
            }
            cal.insert(e)?;
        }
        Ok(cal)
    }

    fn insert(&mut self, e: CalendarEntry) -> Result<(), EntryError> {
        check_kind(&e)?;
        if self.days.contains_key(&e.date) {
            return Err(EntryError::Duplicate(e.date));
        }
        self.days.insert(e.date, e);
        Ok(())
    }

    /// Reads a calendar file: the header `date,kind,note`, then one row per date with the date
    /// as `YYYY-MM-DD`, the kind (`holiday` or `workday`; the Chinese names 放假/调休上班 are
    /// accepted too) and an optional note, which must be quoted (`"…"`) if it contains a comma.
    /// Blank lines and a UTF-8 byte-order mark are ignored; surrounding spaces are trimmed.
    /// Years with data are those with at least one row, as in [`Calendar::new`].
    pub fn parse_csv(text: &str) -> Result<Calendar, CalendarError> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut lines = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l))
            .filter(|(_, l)| !l.trim().is_empty());
        let (line, header) = lines.next().ok_or(CalendarError::Empty)?;
        let names = split_fields(header).ok_or(CalendarError::Quote { line })?;
        let expected: Vec<&str> = CSV_HEADER.split(',').collect();
        if names.len() != expected.len()
            || names
                .iter()
                .zip(&expected)
                .any(|(n, e)| !n.eq_ignore_ascii_case(e))
        {
            return Err(CalendarError::Header {
                line,
                found: header.trim().to_string(),
            });
        }

        let mut first_seen: BTreeMap<NaiveDate, usize> = BTreeMap::new();
        let mut cal = Calendar::default();
        for (line, text) in lines {
            let fields = split_fields(text).ok_or(CalendarError::Quote { line })?;
            if !(2..=3).contains(&fields.len()) {
                return Err(CalendarError::Columns {
                    line,
                    found: fields.len(),
                });
            }
            let date = parse_date(&fields[0]).ok_or_else(|| CalendarError::BadDate {
                line,
                text: fields[0].clone(),
            })?;
            let kind = DayKind::parse(&fields[1]).ok_or_else(|| CalendarError::BadKind {
                line,
                text: fields[1].clone(),
            })?;
            if let Some(&first) = first_seen.get(&date) {
                return Err(CalendarError::Duplicate { line, first, date });
            }
            first_seen.insert(date, line);
            let entry = CalendarEntry::new(date, kind, fields.get(2).cloned().unwrap_or_default());
            cal.insert(entry)
                .map_err(|problem| CalendarError::Entry { line, problem })?;
        }
        cal.years = cal.days.keys().map(|d| d.year()).collect();
        Ok(cal)
    }

    /// The schedule shipped with the program (`db/calendar.csv`: 2024, 2025 and 2026).
    ///
    /// # Panics
    /// Never in practice: the file is compiled in and a test checks that it parses.
    pub fn shipped() -> Calendar {
        Calendar::parse_csv(SHIPPED_CSV).expect("db/calendar.csv is checked by a test")
    }

    /// Writes the calendar in the format [`Calendar::parse_csv`] reads (line breaks in notes
    /// become spaces). Declared years without entries are not represented.
    pub fn to_csv(&self) -> String {
        let mut out = format!("{CSV_HEADER}\n");
        for e in self.days.values() {
            let note: String = e
                .note
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            let note = note.trim();
            let note = if note.contains([',', '"']) {
                format!("\"{}\"", note.replace('"', "\"\""))
            } else {
                note.to_string()
            };
            // Writing to a String cannot fail.
            let _ = writeln!(
                out,
                "{},{},{}",
                e.date.format("%Y-%m-%d"),
                e.kind.code(),
                note
            );
        }
        out
    }

    /// The years whose schedule is known.
    pub fn years(&self) -> BTreeSet<i32> {
        self.years.clone()
    }

    /// Whether the schedule of `year` is known.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains(&year)
    }

    /// The listed dates, in date order.
    pub fn entries(&self) -> impl Iterator<Item = &CalendarEntry> {
        self.days.values()
    }

    /// The entry for a date, if it is listed (to say why a day is off or worked).
    pub fn entry(&self, d: NaiveDate) -> Option<&CalendarEntry> {
        self.days.get(&d)
    }

    /// Whether `d` is a working day: listed `workday`, or Monday to Friday and not listed
    /// `holiday`. For a year without data this is only the weekday rule; use
    /// [`Calendar::is_working_day_checked`] to be told.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        match self.days.get(&d).map(|e| e.kind) {
            Some(DayKind::Holiday) => false,
            Some(DayKind::Workday) => true,
            None => !is_weekend(d),
        }
    }

    /// Like [`Calendar::is_working_day`], but fails for a day of a year without data.
    pub fn is_working_day_checked(&self, d: NaiveDate) -> Result<bool, MissingYear> {
        if self.has_year(d.year()) {
            Ok(self.is_working_day(d))
        } else {
            Err(MissingYear(d.year()))
        }
    }

    /// Walks `n` working days away from `from` (not counted) and returns the day reached.
    fn walk(&self, from: NaiveDate, n: u32, forward: bool) -> Result<NaiveDate, MissingYear> {
        let mut d = from;
        let mut left = n;
        while left > 0 {
            d = step(d, forward)?;
            if self.is_working_day_checked(d)? {
                left -= 1;
            }
        }
        Ok(d)
    }

    /// The `n`-th working day after `start`, `start` itself not counted: "within N working
    /// days after X" ends on this day. `n = 0` gives `start` unchanged. Fails with the first
    /// year without data that the count reaches (only the days after `start` are looked at).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, MissingYear> {
        self.walk(start, n, true)
    }

    /// The first working day after `date` (`add_working_days(date, 1)`).
    pub fn first_working_day_after(&self, date: NaiveDate) -> Result<NaiveDate, MissingYear> {
        self.add_working_days(date, 1)
    }

    /// The `n`-th working day after the last day of `quarter` (S8: record forms handed over
    /// within 7 working days after quarter end; S11: statistics on the 1st working day after).
    pub fn nth_working_day_after_quarter_end(
        &self,
        quarter: Quarter,
        n: u32,
    ) -> Result<NaiveDate, MissingYear> {
        self.add_working_days(quarter.end(), n)
    }

    /// The `n`-th working day before `date`, `date` itself not counted: counting back from
    /// `date`, the day on which the count reaches `n`. Precisely, the working day `d` such that
    /// exactly `n` working days lie in `[d, date)`. This mirrors [`Calendar::add_working_days`]
    /// and is how "5 working days before quarter end" (S11) is read: for 2024Q3 (ends Monday
    /// 2024-09-30) the deadline is 2024-09-24, after which the 5 working days 09-25, 26, 27,
    /// 29 (调休) and 30 remain. When `date` is a working day, exactly `n` working days lie in
    /// `(d, date]` and `add_working_days(d, n) == date`; when `date` is a day off (a quarter
    /// ending on a Sunday), only `n - 1` working days of the quarter remain after `d`.
    /// `n = 0` gives `date` unchanged. Fails with the first year without data the count reaches.
    pub fn working_days_before(&self, date: NaiveDate, n: u32) -> Result<NaiveDate, MissingYear> {
        self.walk(date, n, false)
    }

    /// A copy in which the years of `years` that have no data get the provisional schedule:
    /// weekends, and the statutory holidays fixed by date (元旦 1 January, 劳动节 1–2 May,
    /// 国庆节 1–3 October) where they fall on a weekday. The festivals of the lunar calendar
    /// and the make-up days come only with the published schedule.
    pub fn assuming_weekends(&self, years: std::ops::RangeInclusive<i32>) -> Calendar {
        const FIXED: [(u32, u32, &str); 6] = [
            (1, 1, "元旦"),
            (5, 1, "劳动节"),
            (5, 2, "劳动节"),
            (10, 1, "国庆节"),
            (10, 2, "国庆节"),
            (10, 3, "国庆节"),
        ];
        let mut c = self.clone();
        for y in years.filter(|y| !self.has_year(*y)) {
            c.years.insert(y);
            for (m, d, note) in FIXED {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d).filter(|d| !is_weekend(*d)) {
                    // A fresh year has no entries: the insert cannot meet a duplicate.
                    let _ = c.insert(CalendarEntry::new(date, DayKind::Holiday, note));
                }
            }
        }
        c
    }

    /// Runs a date computation; when it reaches a year without data it is run again with the
    /// years around that one counted from weekends alone, and the result is marked
    /// provisional with that year. Fails only when even that reaches a year without data.
    pub fn due(
        &self,
        f: impl Fn(&Calendar) -> Result<NaiveDate, MissingYear>,
    ) -> Result<Due, MissingYear> {
        match f(self) {
            Ok(date) => Ok(Due {
                date,
                provisional: None,
            }),
            Err(MissingYear(y)) => {
                let weekends = self.assuming_weekends(y.saturating_sub(1)..=y.saturating_add(1));
                f(&weekends).map(|date| Due {
                    date,
                    provisional: Some(y),
                })
            }
        }
    }

    /// The number of working days in `(a, b]`: `a` not counted, `b` counted, so that
    /// `working_days_between(d, add_working_days(d, n)) == n`. Negative when `b` is before `a`
    /// (minus the working days in `(b, a]`), e.g. for an overdue deadline. Fails when a day of
    /// that span is in a year without data.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, MissingYear> {
        let (lo, hi, sign) = if a <= b { (a, b, 1) } else { (b, a, -1) };
        let mut count = 0i64;
        let mut d = lo;
        while d < hi {
            d = step(d, true)?;
            if self.is_working_day_checked(d)? {
                count += 1;
            }
        }
        Ok(sign * count)
    }
}

/// A date written exactly `YYYY-MM-DD`.
fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Splits one CSV line into trimmed fields; a field may be quoted with `"`, a quote inside
/// written `""`. `None` for an unclosed quote or text after a closing quote.
fn split_fields(line: &str) -> Option<Vec<String>> {
    let mut fields = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
            chars.next();
        }
        let mut field = String::new();
        if chars.peek() == Some(&'"') {
            chars.next();
            loop {
                match chars.next()? {
                    '"' if chars.peek() == Some(&'"') => {
                        chars.next();
                        field.push('"');
                    }
                    '"' => break,
                    c => field.push(c),
                }
            }
            while chars.peek().is_some_and(|c| *c == ' ' || *c == '\t') {
                chars.next();
            }
            match chars.next() {
                None => {
                    fields.push(field.trim().to_string());
                    return Some(fields);
                }
                Some(',') => fields.push(field.trim().to_string()),
                Some(_) => return None,
            }
        } else {
            loop {
                match chars.next() {
                    None => {
                        fields.push(field.trim().to_string());
                        return Some(fields);
                    }
                    Some(',') => break,
                    Some(c) => field.push(c),
                }
            }
            fields.push(field.trim().to_string());
        }
    }
}

#[cfg(test)]
mod tests;
