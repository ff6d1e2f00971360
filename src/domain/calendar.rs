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
const SHIPPED_CSV: &str = include_str!("../../db/calendar.csv");

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
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn cal() -> Calendar {
        Calendar::shipped()
    }

    #[test]
    fn shipped_file_parses_with_every_listed_date() {
        let c = cal();
        assert_eq!(c.years(), BTreeSet::from([2024, 2025, 2026]));
        let count = |y: i32, k: DayKind| {
            c.entries()
                .filter(|e| e.date.year() == y && e.kind == k)
                .count()
        };
        // Rows of the table in docs/domain.md, ranges expanded.
        assert_eq!(count(2024, DayKind::Holiday), 19);
        assert_eq!(count(2024, DayKind::Workday), 8);
        assert_eq!(count(2025, DayKind::Holiday), 18);
        assert_eq!(count(2025, DayKind::Workday), 5);
        assert_eq!(count(2026, DayKind::Holiday), 19);
        assert_eq!(count(2026, DayKind::Workday), 6);
        assert!(c.entries().all(|e| !e.note.is_empty()));
        assert_eq!(
            c.entry(d(2024, 10, 7)).map(|e| e.note.as_str()),
            Some("国庆节")
        );
    }

    #[test]
    fn working_days_per_year() {
        // 2024 starts on a Monday and has 366 days: 262 weekdays - 19 holidays + 8 make-up = 251.
        // 2025 starts on a Wednesday: 261 weekdays - 18 + 5 = 248.
        // 2026 starts on a Thursday: 261 weekdays - 19 + 6 = 248.
        let c = cal();
        assert_eq!(
            c.working_days_between(d(2023, 12, 31), d(2024, 12, 31)),
            Ok(251)
        );
        assert_eq!(
            c.working_days_between(d(2024, 12, 31), d(2025, 12, 31)),
            Ok(248)
        );
        assert_eq!(
            c.working_days_between(d(2025, 12, 31), d(2026, 12, 31)),
            Ok(248)
        );
    }

    #[test]
    fn single_days() {
        let c = cal();
        assert!(!c.is_working_day(d(2024, 10, 7))); // Monday, 国庆节
        assert!(c.is_working_day(d(2024, 9, 29))); // Sunday, make-up
        assert!(!c.is_working_day(d(2024, 9, 28))); // plain Saturday
        assert!(c.is_working_day(d(2024, 9, 30))); // plain Monday
        assert!(c.is_working_day(d(2024, 2, 9))); // 除夕 2024 is not a statutory holiday
        // A year without data falls back to the weekday rule, or says so when asked.
        assert!(c.is_working_day(d(2027, 1, 1)));
        assert_eq!(
            c.is_working_day_checked(d(2027, 1, 1)),
            Err(MissingYear(2027))
        );
        assert_eq!(c.is_working_day_checked(d(2026, 1, 1)), Ok(false));
    }

    #[test]
    fn twenty_after_2024_09_20_over_mid_autumn_and_national_day() {
        // 2024-09-20 is a Friday. 09-21 Sat, 09-22 Sun off.
        // 09-23..27 Mon–Fri = 1..5; 09-28 Sat off; 09-29 Sun make-up = 6; 09-30 Mon = 7;
        // 10-01..04 holidays, 10-05/06 weekend, 10-07 Mon holiday;
        // 10-08..11 Tue–Fri = 8..11; 10-12 Sat make-up = 12; 10-13 Sun off;
        // 10-14..18 = 13..17; 10-19/20 weekend; 10-21 = 18, 10-22 = 19, 10-23 Wed = 20.
        let c = cal();
        assert_eq!(c.add_working_days(d(2024, 9, 20), 20), Ok(d(2024, 10, 23)));
        assert_eq!(
            c.working_days_between(d(2024, 9, 20), d(2024, 10, 23)),
            Ok(20)
        );
        assert_eq!(
            c.working_days_between(d(2024, 10, 23), d(2024, 9, 20)),
            Ok(-20)
        );
    }

    #[test]
    fn twenty_after_2025_01_20_over_spring_festival() {
        // 2025-01-20 is a Monday. 01-21..24 Tue–Fri = 1..4; 01-25 Sat off;
        // 01-26 Sun make-up = 5; 01-27 Mon = 6; 01-28..31 Tue–Fri holidays;
        // 02-01/02 weekend; 02-03 Mon, 02-04 Tue holidays; 02-05..07 Wed–Fri = 7..9;
        // 02-08 Sat make-up = 10; 02-09 Sun off; 02-10..14 = 11..15; 02-15/16 weekend;
        // 02-17..21 Mon–Fri = 16..20.
        let c = cal();
        assert_eq!(c.add_working_days(d(2025, 1, 20), 20), Ok(d(2025, 2, 21)));
    }

    #[test]
    fn ten_after_2024_02_07_over_spring_festival() {
        // 2024-02-07 is a Wednesday. 02-08 Thu = 1, 02-09 Fri (除夕, worked) = 2;
        // 02-10/11 weekend; 02-12..16 holidays; 02-17 Sat off; 02-18 Sun make-up = 3;
        // 02-19..23 = 4..8; 02-24/25 weekend; 02-26 Mon = 9, 02-27 Tue = 10.
        let c = cal();
        assert_eq!(c.add_working_days(d(2024, 2, 7), 10), Ok(d(2024, 2, 27)));
        // February 2024 after the 1st: weekdays 02-02, 05..09, 12..16, 19..23, 26..29 = 20,
        // minus 5 holidays, plus make-up 02-04 and 02-18 = 17.
        assert_eq!(
            c.working_days_between(d(2024, 2, 1), d(2024, 2, 29)),
            Ok(17)
        );
    }

    #[test]
    fn spring_festival_2026_span() {
        // 2026-02-13 is a Friday. (02-13, 03-02]: 02-14 Sat make-up = 1; 02-15 Sun off;
        // 02-16..20 holidays; 02-21/22 weekend; 02-23 Mon holiday; 02-24..27 Tue–Fri = 2..5;
        // 02-28 Sat make-up = 6; 03-01 Sun off; 03-02 Mon = 7.
        let c = cal();
        assert_eq!(c.working_days_between(d(2026, 2, 13), d(2026, 3, 2)), Ok(7));
    }

    #[test]
    fn twenty_after_2026_09_18_over_mid_autumn_and_national_day() {
        // 2026-09-18 is a Friday. 09-19 Sat off; 09-20 Sun make-up = 1; 09-21..24 Mon–Thu
        // = 2..5; 09-25 Fri holiday (中秋节); 09-26/27 weekend; 09-28..30 Mon–Wed = 6..8;
        // 10-01/02 Thu/Fri holidays; 10-03/04 weekend; 10-05..07 Mon–Wed holidays;
        // 10-08/09 Thu/Fri = 9, 10; 10-10 Sat make-up = 11; 10-11 Sun off;
        // 10-12..16 = 12..16; 10-17/18 weekend; 10-19..22 Mon–Thu = 17..20.
        let c = cal();
        assert_eq!(c.add_working_days(d(2026, 9, 18), 20), Ok(d(2026, 10, 22)));
    }

    #[test]
    fn seven_after_quarter_end_2024q3() {
        // S8. Quarter end 2024-09-30 (Monday) not counted. 10-01..04 Tue–Fri holidays;
        // 10-05/06 weekend; 10-07 Mon holiday; 10-08..11 Tue–Fri = 1..4;
        // 10-12 Sat make-up = 5; 10-13 Sun off; 10-14 Mon = 6; 10-15 Tue = 7.
        let c = cal();
        let q3 = Quarter::new(2024, 3).unwrap();
        assert_eq!(c.add_working_days(d(2024, 9, 30), 7), Ok(d(2024, 10, 15)));
        assert_eq!(
            c.nth_working_day_after_quarter_end(q3, 7),
            Ok(d(2024, 10, 15))
        );
    }

    #[test]
    fn after_quarter_end_2025q3() {
        // 2025-09-30 is a Tuesday. 10-01..03 Wed–Fri holidays; 10-04/05 weekend;
        // 10-06..08 Mon–Wed holidays; 10-09 Thu = 1 (S11 statistics day); 10-10 Fri = 2;
        // 10-11 Sat make-up = 3; 10-12 Sun off; 10-13..16 Mon–Thu = 4..7.
        let c = cal();
        let q3 = Quarter::new(2025, 3).unwrap();
        assert_eq!(
            c.nth_working_day_after_quarter_end(q3, 1),
            Ok(d(2025, 10, 9))
        );
        assert_eq!(
            c.nth_working_day_after_quarter_end(q3, 7),
            Ok(d(2025, 10, 16))
        );
    }

    #[test]
    fn first_working_day_of_2026_is_a_make_up_sunday() {
        // 2026-01-01 Thu and 01-02 Fri are holidays (元旦), 01-03 Sat is off, and
        // 01-04 Sun is a make-up working day.
        let c = cal();
        assert_eq!(
            c.first_working_day_after(d(2025, 12, 31)),
            Ok(d(2026, 1, 4))
        );
        let q4 = Quarter::new(2025, 4).unwrap();
        assert_eq!(
            c.nth_working_day_after_quarter_end(q4, 1),
            Ok(d(2026, 1, 4))
        );
    }

    #[test]
    fn across_new_year_2025() {
        // 2024-12-27 is a Friday. 12-28/29 weekend; 12-30 Mon = 1; 12-31 Tue = 2;
        // 2025-01-01 Wed holiday; 01-02 Thu = 3; 01-03 Fri = 4; 01-04/05 weekend; 01-06 Mon = 5.
        let c = cal();
        assert_eq!(c.add_working_days(d(2024, 12, 27), 5), Ok(d(2025, 1, 6)));
    }

    #[test]
    fn five_before_quarter_end() {
        let c = cal();
        // 2024Q3 ends Monday 09-30 (not counted). 09-29 Sun make-up = 1; 09-28 Sat off;
        // 09-27 Fri = 2; 09-26 = 3; 09-25 = 4; 09-24 Tue = 5. After 09-24 the quarter still
        // has 5 working days: 09-25, 26, 27, 29, 30.
        assert_eq!(c.working_days_before(d(2024, 9, 30), 5), Ok(d(2024, 9, 24)));
        assert_eq!(
            c.working_days_between(d(2024, 9, 24), d(2024, 9, 30)),
            Ok(5)
        );
        // 2024Q1 ends Sunday 03-31 (off). 03-30 Sat off; 03-29 Fri = 1; 03-28 = 2; 03-27 = 3;
        // 03-26 = 4; 03-25 Mon = 5.
        assert_eq!(c.working_days_before(d(2024, 3, 31), 5), Ok(d(2024, 3, 25)));
        // 2025Q3 ends Tuesday 09-30. 09-29 Mon = 1; 09-28 Sun make-up = 2; 09-27 Sat off;
        // 09-26 Fri = 3; 09-25 = 4; 09-24 Wed = 5.
        assert_eq!(c.working_days_before(d(2025, 9, 30), 5), Ok(d(2025, 9, 24)));
        // 2026Q2 ends Tuesday 06-30. Back 10: 06-29 Mon = 1; 06-28/27 weekend; 06-26..22
        // Fri–Mon = 2..6; 06-21/20 weekend; 06-19 Fri holiday (端午节); 06-18..15 Thu–Mon = 7..10.
        assert_eq!(
            c.working_days_before(d(2026, 6, 30), 10),
            Ok(d(2026, 6, 15))
        );
        // Over National Day 2024: before Wed 10-09: 10-08 Tue = 1; 10-07..10-01 off;
        // 09-30 Mon = 2; 09-29 Sun make-up = 3; 09-28 Sat off; 09-27 = 4; 09-26 Thu = 5.
        assert_eq!(c.working_days_before(d(2024, 10, 9), 5), Ok(d(2024, 9, 26)));
        assert_eq!(c.working_days_before(d(2024, 10, 9), 0), Ok(d(2024, 10, 9)));
    }

    #[test]
    fn missing_years_are_reported() {
        let c = cal();
        // 2026-12-30 is a Wednesday: 12-31 Thu = 1, then 2027-01-01 has no data.
        assert_eq!(c.add_working_days(d(2026, 12, 30), 1), Ok(d(2026, 12, 31)));
        assert_eq!(
            c.add_working_days(d(2026, 12, 30), 2),
            Err(MissingYear(2027))
        );
        assert_eq!(c.add_working_days(d(2027, 3, 1), 1), Err(MissingYear(2027)));
        let q4 = Quarter::new(2026, 4).unwrap();
        assert_eq!(
            c.nth_working_day_after_quarter_end(q4, 1),
            Err(MissingYear(2027))
        );
        assert_eq!(
            c.working_days_between(d(2026, 12, 1), d(2027, 1, 5)),
            Err(MissingYear(2027))
        );
        // Back from 2024-01-03: 01-02 Tue = 1; 01-01 holiday; 2023-12-31 has no data.
        assert_eq!(c.working_days_before(d(2024, 1, 3), 1), Ok(d(2024, 1, 2)));
        assert_eq!(
            c.working_days_before(d(2024, 1, 3), 5),
            Err(MissingYear(2023))
        );
        // The start itself is not looked at.
        assert_eq!(c.add_working_days(d(2023, 12, 31), 1), Ok(d(2024, 1, 2)));
        assert_eq!(c.add_working_days(d(2027, 1, 1), 0), Ok(d(2027, 1, 1)));
        assert_eq!(c.working_days_between(d(2027, 1, 1), d(2027, 1, 1)), Ok(0));
        assert!(MissingYear(2027).to_string().contains("2027"));
    }

    #[test]
    fn the_ends_of_chronos_range_do_not_panic() {
        let c = Calendar::with_years([], [NaiveDate::MAX.year(), NaiveDate::MIN.year()]).unwrap();
        assert!(c.add_working_days(NaiveDate::MAX, 1).is_err());
        assert!(c.working_days_before(NaiveDate::MIN, 1).is_err());
    }

    #[test]
    fn constructors() {
        let e = |y, m, day, k| CalendarEntry::new(d(y, m, day), k, "x");
        assert_eq!(
            Calendar::new([e(2024, 10, 5, DayKind::Holiday)]),
            Err(EntryError::HolidayOnWeekend(d(2024, 10, 5)))
        );
        assert_eq!(
            Calendar::new([e(2024, 10, 8, DayKind::Workday)]),
            Err(EntryError::WorkdayOnWeekday(d(2024, 10, 8)))
        );
        assert_eq!(
            Calendar::new([
                e(2024, 10, 1, DayKind::Holiday),
                e(2024, 10, 1, DayKind::Holiday)
            ]),
            Err(EntryError::Duplicate(d(2024, 10, 1)))
        );
        assert_eq!(
            Calendar::with_years([e(2024, 10, 1, DayKind::Holiday)], [2025]),
            Err(EntryError::OutsideYears(d(2024, 10, 1)))
        );
        // A year has data as soon as one entry falls in it.
        let c = Calendar::new([e(2030, 10, 1, DayKind::Holiday)]).unwrap();
        assert_eq!(c.years(), BTreeSet::from([2030]));
        // Declared years need no entries: 2031 is plain weekdays.
        let c = Calendar::with_years([], [2031]).unwrap();
        // 2031-01-01 is a Wednesday: 01-02 Thu, 01-03 Fri, 01-06 Mon.
        assert_eq!(c.add_working_days(d(2031, 1, 1), 3), Ok(d(2031, 1, 6)));
    }

    #[test]
    fn csv_errors_name_the_line() {
        let p = Calendar::parse_csv;
        assert_eq!(p(""), Err(CalendarError::Empty));
        assert_eq!(p("\n  \n"), Err(CalendarError::Empty));
        assert!(matches!(
            p("day,kind,note\n"),
            Err(CalendarError::Header { line: 1, .. })
        ));
        assert!(matches!(
            p("date,kind,note\n2024-10-01,holiday,国庆节,x\n"),
            Err(CalendarError::Columns { line: 2, found: 4 })
        ));
        assert!(matches!(
            p("date,kind,note\n2024-10-01\n"),
            Err(CalendarError::Columns { line: 2, found: 1 })
        ));
        // Blank lines count.
        assert_eq!(
            p("date,kind,note\n\n2024/10/01,holiday,国庆节\n"),
            Err(CalendarError::BadDate {
                line: 3,
                text: "2024/10/01".into()
            })
        );
        for bad in ["2024-02-30", "2024-1-01", "+2024-01-01", "24-01-01", ""] {
            assert!(
                matches!(
                    p(&format!("date,kind,note\n{bad},holiday,x\n")),
                    Err(CalendarError::BadDate { line: 2, .. })
                ),
                "{bad}"
            );
        }
        assert_eq!(
            p("date,kind,note\n2024-10-01,day-off,国庆节\n"),
            Err(CalendarError::BadKind {
                line: 2,
                text: "day-off".into()
            })
        );
        assert_eq!(
            p("date,kind,note\n2024-10-01,holiday,a\n2024-10-02,holiday,b\n2024-10-01,holiday,c\n"),
            Err(CalendarError::Duplicate {
                line: 4,
                first: 2,
                date: d(2024, 10, 1)
            })
        );
        assert_eq!(
            p("date,kind,note\n2024-10-05,holiday,国庆节\n"),
            Err(CalendarError::Entry {
                line: 2,
                problem: EntryError::HolidayOnWeekend(d(2024, 10, 5))
            })
        );
        assert_eq!(
            p("date,kind,note\n2024-10-08,workday,国庆节\n"),
            Err(CalendarError::Entry {
                line: 2,
                problem: EntryError::WorkdayOnWeekday(d(2024, 10, 8))
            })
        );
        assert_eq!(
            p("date,kind,note\n2024-10-01,holiday,\"国庆节\n"),
            Err(CalendarError::Quote { line: 2 })
        );
        assert_eq!(
            p("date,kind,note\n2024-10-01,holiday,\"国庆\"节\n"),
            Err(CalendarError::Quote { line: 2 })
        );
        let msg = p("date,kind,note\n2024-10-05,holiday,x\n")
            .unwrap_err()
            .to_string();
        assert!(
            msg.starts_with("line 2: 2024-10-05 is a Saturday or Sunday"),
            "{msg}"
        );
    }

    #[test]
    fn csv_leniency_and_round_trip() {
        let text = "\u{feff}Date, Kind ,Note\r\n\r\n 2024-10-01 , HOLIDAY , \"国庆节, 中秋节\" \r\n\
                    2024-10-12,调休上班,\"say \"\"hi\"\"\"\r\n2024-10-07,holiday\r\n";
        let c = Calendar::parse_csv(text).unwrap();
        let got: Vec<_> = c.entries().cloned().collect();
        assert_eq!(
            got,
            vec![
                CalendarEntry::new(d(2024, 10, 1), DayKind::Holiday, "国庆节, 中秋节"),
                CalendarEntry::new(d(2024, 10, 7), DayKind::Holiday, ""),
                CalendarEntry::new(d(2024, 10, 12), DayKind::Workday, "say \"hi\""),
            ]
        );
        assert_eq!(Calendar::parse_csv(&c.to_csv()), Ok(c));
        let shipped = cal();
        assert_eq!(shipped.to_csv(), SHIPPED_CSV);
        assert_eq!(Calendar::parse_csv(&shipped.to_csv()), Ok(shipped));
    }

    /// Days 2024-01-01 ..= 2026-06-30, so that 60 working days later is still in 2026.
    fn day_in_data() -> impl Strategy<Value = NaiveDate> {
        (0i64..912).prop_map(|k| d(2024, 1, 1) + chrono::TimeDelta::days(k))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn adding_working_days_is_consistent(start in day_in_data(), n in 1u32..60) {
            let c = cal();
            let a = c.add_working_days(start, n).unwrap();
            let b = c.add_working_days(start, n + 1).unwrap();
            prop_assert!(c.is_working_day(a));
            prop_assert!(a > start);
            prop_assert!(a < b);
            prop_assert_eq!(c.working_days_between(start, a), Ok(i64::from(n)));
            prop_assert_eq!(c.working_days_between(a, start), Ok(-i64::from(n)));
        }

        #[test]
        fn before_mirrors_after(date in day_in_data(), n in 1u32..40) {
            let c = cal();
            // Keep clear of 2023, which has no data.
            prop_assume!(date >= d(2024, 3, 1));
            let back = c.working_days_before(date, n).unwrap();
            prop_assert!(c.is_working_day(back));
            prop_assert!(back < date);
            let expected = i64::from(n) - i64::from(!c.is_working_day(date));
            prop_assert_eq!(c.working_days_between(back, date), Ok(expected));
            if c.is_working_day(date) {
                prop_assert_eq!(c.add_working_days(back, n), Ok(date));
            }
        }

        #[test]
        fn parsing_never_panics(text in "(date,kind,note\n)?[-0-9a-z,\"\n 国]{0,80}") {
            let _ = Calendar::parse_csv(&text);
        }
    }
}
