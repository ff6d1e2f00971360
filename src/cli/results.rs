//! `publish`, `calendar` and `category`: the public notice of a quarter's results, the
//! working-day calendar and the result categories.

use super::{date_arg, human, parse_quarter, print_table};
use anyhow::{Context, anyhow};
use clap::Subcommand;
use shuangsui::domain::calendar::DayKind;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::result::{Category, Offsite, OffsiteMethod};
use shuangsui::service::{Actor, Service, quarter_deadlines};
use shuangsui::strings::{Lang, cli as s, work as ws};
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum CalendarCmd {
    /// List the holidays and make-up working days [of one year], and the years entered
    List {
        #[arg(long)]
        year: Option<i32>,
    },
    /// Make a weekday a holiday or a weekend day a make-up working day
    Set {
        date: String,
        /// holiday (放假) or workday (调休上班)
        kind: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Make a day ordinary again
    Clear { date: String },
    /// Mark a year's schedule as entered (e.g. one whose holidays all fall on weekends)
    Year { year: i32 },
    /// A quarter's deadlines: work done (S11), statistics (S11), record forms (S8)
    Deadlines {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
    },
}

#[derive(Subcommand)]
pub enum OffsiteCmd {
    /// The positive-list firms of a quarter and their off-site records
    List {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
    },
    /// Record an off-site check of a positive-list firm (its quarter is the date's)
    Add {
        /// The firm's credit code
        #[arg(long)]
        code: String,
        /// online_monitoring (在线监测), sub_metering (分表计电) or video (视频监控)
        #[arg(long)]
        method: String,
        #[arg(long)]
        date: String,
        #[arg(long)]
        result: String,
        #[arg(long, default_value = "")]
        note: String,
    },
}

#[derive(Subcommand)]
pub enum CategoryCmd {
    /// List the result categories
    List,
    /// Add or change a category
    Set {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "")]
        name_en: String,
        /// A problem was found
        #[arg(long)]
        problem: bool,
        /// A case number is required
        #[arg(long)]
        needs_case: bool,
        /// The findings must say what happened
        #[arg(long)]
        needs_remark: bool,
        /// Stop offering it (results that used it keep it)
        #[arg(long)]
        retire: bool,
    },
}

/// `publish --quarter Q --out DIR [--corrections]`.
pub fn publish(
    svc: &mut Service,
    me: &Actor,
    (quarter, corrections): (Quarter, bool),
    dir: PathBuf,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let made = if corrections {
        svc.correction_notice(me, quarter, lang)
    } else {
        svc.publication_files(me, quarter, lang)
    };
    let (n, files) = made.map_err(|e| human(e, None, lang))?;
    std::fs::create_dir_all(&dir).with_context(|| s::cannot_open(&dir, lang))?;
    for (name, bytes) in files {
        let path = dir.join(&name);
        std::fs::write(&path, bytes).with_context(|| s::cannot_open(&path, lang))?;
        writeln!(out, "{}", path.display())?;
    }
    let q = quarter.to_string();
    let done = if corrections {
        shuangsui::strings::correction::corrections_published(n, &q, lang)
    } else {
        ws::published(n, &q, lang)
    };
    writeln!(out, "{done}")?;
    Ok(())
}

pub fn calendar(
    svc: &mut Service,
    me: &Actor,
    cmd: CalendarCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    match cmd {
        CalendarCmd::List { year } => {
            let cal = svc.calendar().map_err(h)?;
            let rows: Vec<Vec<String>> = cal
                .entries()
                .filter(|e| year.is_none_or(|y| chrono::Datelike::year(&e.date) == y))
                .map(|e| {
                    vec![
                        e.date.to_string(),
                        lang.t(e.kind.zh(), e.kind.en()).to_string(),
                        e.note.clone(),
                    ]
                })
                .collect();
            print_table(out, &ws::calendar_headers(lang), &rows)?;
            let years: Vec<String> = cal.years().iter().map(i32::to_string).collect();
            writeln!(out, "{}", ws::calendar_years(&years, lang))?;
        }
        CalendarCmd::Set { date, kind, note } => {
            let d = date_arg(&date, lang)?;
            let k = DayKind::parse(&kind).ok_or_else(|| anyhow!(ws::bad_day_kind(&kind, lang)))?;
            svc.set_calendar_day(me, d, Some(k), &note).map_err(h)?;
            writeln!(out, "{}", ws::calendar_set(d, lang.t(k.zh(), k.en()), lang))?;
        }
        CalendarCmd::Clear { date } => {
            let d = date_arg(&date, lang)?;
            svc.set_calendar_day(me, d, None, "").map_err(h)?;
            writeln!(out, "{}", ws::calendar_cleared(d, lang))?;
        }
        CalendarCmd::Year { year } => {
            svc.add_calendar_year(me, year).map_err(h)?;
            writeln!(out, "{}", ws::calendar_years(&[year.to_string()], lang))?;
        }
        CalendarCmd::Deadlines { quarter } => {
            let cal = svc.calendar().map_err(h)?;
            let d = quarter_deadlines(&cal, quarter);
            for (what, v) in [
                ("work", d.work),
                ("statistics", d.statistics),
                ("records", d.records),
            ] {
                let v = match v {
                    Ok(d) => ws::due(&d, lang),
                    Err(y) => ws::no_calendar(y.0, lang),
                };
                writeln!(out, "{}", ws::deadline_line(what, &v, lang))?;
            }
        }
    }
    Ok(())
}

pub fn offsite(
    svc: &mut Service,
    me: &Actor,
    cmd: OffsiteCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let quarter = match cmd {
        OffsiteCmd::List { quarter } => quarter,
        OffsiteCmd::Add {
            code,
            method,
            date,
            result,
            note,
        } => {
            let checked_on = date_arg(&date, lang)?;
            let method = OffsiteMethod::parse(&method)
                .ok_or_else(|| anyhow!(ws::bad_method(&method, lang)))?;
            let quarter = Quarter::of(checked_on);
            svc.put_offsite(
                me,
                &code,
                quarter,
                &Offsite {
                    method,
                    checked_on,
                    result,
                    note,
                },
            )
            .map_err(h)?;
            quarter
        }
    };
    let lines = svc.offsite(me, quarter).map_err(h)?;
    let done = lines.iter().filter(|l| !l.records.is_empty()).count();
    let rows: Vec<Vec<String>> = lines
        .iter()
        .map(|l| {
            vec![
                l.code.clone(),
                l.name.clone(),
                l.records
                    .iter()
                    .map(|o| {
                        format!(
                            "{} {} {}",
                            o.checked_on,
                            lang.t(o.method.zh(), o.method.en()),
                            o.result
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("；"),
            ]
        })
        .collect();
    print_table(out, &ws::offsite_headers(lang), &rows)?;
    writeln!(
        out,
        "{}",
        ws::offsite_coverage(&quarter.to_string(), done, lines.len(), lang)
    )?;
    Ok(())
}

pub fn category(
    svc: &mut Service,
    me: &Actor,
    cmd: CategoryCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    if let CategoryCmd::Set {
        code,
        name,
        name_en,
        problem,
        needs_case,
        needs_remark,
        retire,
    } = cmd
    {
        let c = Category {
            code,
            name,
            name_en,
            problem,
            needs_case,
            needs_remark,
        };
        svc.put_category(me, &c, !retire).map_err(h)?;
    }
    let rows: Vec<Vec<String>> = svc
        .categories()
        .map_err(h)?
        .into_iter()
        .map(|c| {
            vec![
                c.code,
                c.name,
                c.name_en,
                s::yes_no(c.problem, lang).into(),
                s::yes_no(c.needs_case, lang).into(),
                s::yes_no(c.needs_remark, lang).into(),
            ]
        })
        .collect();
    print_table(out, &ws::category_headers(lang), &rows)?;
    Ok(())
}
