//! `report` and `joint`: the quarterly statistics report, the summary draft and the inspector
//! assessment as files; department-joint inspections and the year's targets.

use super::{date_arg, human, parse_quarter, print_table};
use anyhow::Context;
use clap::Subcommand;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::result::JointInspection;
use shuangsui::service::{Actor, Service};
use shuangsui::strings::{Lang, cli as s, report as rs};
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum ReportCmd {
    /// The quarterly statistics table (S11) as XLSX, with the inspector assessment
    Quarter {
        quarter: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// A draft of the quarterly work summary (工作总结) with the figures and typical cases, as
    /// HTML to finish in WPS or Word
    Summary {
        quarter: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Inspector assessment (S9) of a quarter or a year as XLSX
    Assessment {
        /// A quarter (2024Q2) or a year (2024)
        period: String,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum JointCmd {
    /// Record a department-joint inspection (S4)
    Add {
        #[arg(long)]
        date: String,
        /// The other departments, separated by commas
        #[arg(long, value_delimiter = ',')]
        departments: Vec<String>,
        /// The lead department
        #[arg(long)]
        lead: String,
        /// Credit codes of the subjects inspected, separated by commas
        #[arg(long, value_delimiter = ',')]
        subjects: Vec<String>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List a year's department-joint inspections
    List { year: i32 },
    /// Set a year's targets: inspections and subjects
    Target {
        year: i32,
        #[arg(long)]
        inspections: u32,
        #[arg(long)]
        subjects: u32,
    },
}

/// The quarters of `period`: one quarter, or the four of a year.
fn quarters(period: &str, lang: Lang) -> anyhow::Result<Vec<Quarter>> {
    if let Ok(q) = period.parse::<Quarter>() {
        return Ok(vec![q]);
    }
    let year: i32 = period
        .trim()
        .parse()
        .map_err(|_| anyhow::anyhow!(rs::bad_period(period, lang)))?;
    (1..=4)
        .map(|n| {
            format!("{year}Q{n}")
                .parse::<Quarter>()
                .map_err(|_| anyhow::anyhow!(rs::bad_period(period, lang)))
        })
        .collect()
}

pub fn report(
    svc: &mut Service,
    me: &Actor,
    cmd: ReportCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let (bytes, file) = match cmd {
        ReportCmd::Quarter { quarter, out: file } => {
            let q = parse_quarter(&quarter).map_err(anyhow::Error::msg)?;
            (svc.report_xlsx(me, q, lang).map_err(h)?, file)
        }
        ReportCmd::Summary { quarter, out: file } => {
            let q = parse_quarter(&quarter).map_err(anyhow::Error::msg)?;
            (svc.summary_html(me, q, lang).map_err(h)?.into_bytes(), file)
        }
        ReportCmd::Assessment { period, out: file } => {
            let qs = quarters(&period, lang)?;
            (svc.assessment_xlsx(me, &qs, lang).map_err(h)?, file)
        }
    };
    std::fs::write(&file, bytes).with_context(|| s::cannot_open(&file, lang))?;
    writeln!(out, "{}", file.display())?;
    Ok(())
}

pub fn joint(
    svc: &mut Service,
    me: &Actor,
    cmd: JointCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let year = match cmd {
        JointCmd::Add {
            date,
            departments,
            lead,
            subjects,
            note,
        } => {
            let date = date_arg(&date, lang)?;
            svc.add_joint_inspection(
                me,
                &JointInspection {
                    date,
                    departments,
                    lead,
                    subjects: subjects.iter().map(|c| c.trim().to_string()).collect(),
                    note,
                },
            )
            .map_err(h)?;
            chrono::Datelike::year(&date)
        }
        JointCmd::List { year } => year,
        JointCmd::Target {
            year,
            inspections,
            subjects,
        } => {
            svc.set_joint_targets(me, year, inspections, subjects)
                .map_err(h)?;
            year
        }
    };
    let rows: Vec<Vec<String>> = svc
        .joint_inspections(me, year)
        .map_err(h)?
        .into_iter()
        .map(|j| {
            vec![
                j.date.to_string(),
                j.lead,
                j.departments.join("、"),
                j.subjects.into_iter().collect::<Vec<_>>().join("、"),
            ]
        })
        .collect();
    print_table(out, &rs::joint_headers(lang), &rows)?;
    Ok(())
}
