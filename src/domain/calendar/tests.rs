//! Tests of `calendar`.

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

/// Issue 14 item 9: a deadline in a year without data is computed provisionally (weekends and
/// the fixed-date statutory holidays) and says so, instead of failing.
#[test]
fn deadlines_reaching_a_year_without_data_are_provisional() {
    let c = cal();
    let q: Quarter = "2026Q4".parse().unwrap();
    // In 2026: 5 working days before Thu 12-31 → 12-24, known.
    let work = c.due(|c| c.working_days_before(q.end(), 5)).unwrap();
    assert_eq!((work.date, work.provisional), (d(2026, 12, 24), None));
    // 1st working day after: 2027-01-01 is New Year's Day (a Friday), then the weekend.
    let stats = c.due(|c| c.first_working_day_after(q.end())).unwrap();
    assert_eq!((stats.date, stats.provisional), (d(2027, 1, 4), Some(2027)));
    // 7 working days after: 01-04..08 (5), 11 (6), 12 (7).
    let records = c
        .due(|c| c.nth_working_day_after_quarter_end(q, 7))
        .unwrap();
    assert_eq!(
        (records.date, records.provisional),
        (d(2027, 1, 12), Some(2027))
    );
    // National Day 2027: Fri 10-01 off, the weekend, Mon 10-04 works provisionally.
    let oct = c
        .due(|c| c.first_working_day_after(d(2027, 9, 30)))
        .unwrap();
    assert_eq!(oct.date, d(2027, 10, 4));
    // The calendar itself is unchanged: it still knows nothing of 2027.
    assert!(!c.has_year(2027));
    assert!(c.first_working_day_after(q.end()).is_err());
}
