//! `report` and `joint`: the quarterly statistics report, the summary draft and the inspector
//! assessment as files; department-joint inspections and the year's targets.

use super::{date_arg, human, parse_quarter, print_table};
use anyhow::Context;
use clap::Subcommand;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::result::JointInspection;
use shuangsui::domain::stats::Grade;
use shuangsui::domain::stats::Period;
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
    /// The quarter's evidence bundle as ZIP: statistics table, summary draft, assessment,
    /// typical cases with their evidence files, draw records, SHA256SUMS
    Bundle {
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
pub enum EvaluationCmd {
    /// Record a leader's overall evaluation (综合评估, S9) of an inspector for a quarter; a
    /// second one for the same quarter replaces the first
    Set {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        /// The inspector's certificate number
        #[arg(long)]
        inspector: String,
        /// 优秀, 合格, 基本合格 or 不合格 (excellent, pass, basic, fail)
        #[arg(long)]
        grade: String,
        #[arg(long, default_value = "")]
        remark: String,
        /// The leader (an account with the leader role) giving the evaluation
        #[arg(long)]
        leader: String,
    },
    /// List a quarter's evaluations
    List {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
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

/// A quarter (`2024Q2`) or a year (`2024`).
fn period_arg(period: &str, lang: Lang) -> anyhow::Result<Period> {
    if let Ok(q) = period.parse::<Quarter>() {
        return Ok(Period::Quarter(q));
    }
    match period.trim().parse::<i32>() {
        Ok(y) if Quarter::new(y, 1).is_some() => Ok(Period::Year(y)),
        _ => Err(anyhow::anyhow!(rs::bad_period(period, lang))),
    }
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
            let p = period_arg(&period, lang)?;
            (svc.assessment_xlsx(me, p, lang).map_err(h)?, file)
        }
        ReportCmd::Bundle { quarter, out: file } => {
            let q = parse_quarter(&quarter).map_err(anyhow::Error::msg)?;
            let (zip, n) = svc.report_bundle(me, q, lang).map_err(h)?;
            std::fs::write(&file, zip).with_context(|| s::cannot_open(&file, lang))?;
            let path = file.display().to_string();
            writeln!(
                out,
                "{}",
                shuangsui::strings::evidence::bundle_written(&path, n, lang)
            )?;
            return Ok(());
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

pub fn evaluation(
    svc: &mut Service,
    me: &Actor,
    cmd: EvaluationCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    let quarter = match cmd {
        EvaluationCmd::Set {
            quarter,
            inspector,
            grade,
            remark,
            leader,
        } => {
            let g =
                Grade::parse(&grade).ok_or_else(|| anyhow::anyhow!(rs::bad_grade(&grade, lang)))?;
            let who = svc.leader_actor(me, Some(&leader)).map_err(h)?;
            svc.set_evaluation(&who, &inspector, quarter, g, &remark)
                .map_err(h)?;
            quarter
        }
        EvaluationCmd::List { quarter } => quarter,
    };
    let people = svc.evaluees(me).map_err(h)?;
    let rows: Vec<Vec<String>> = svc
        .evaluations(me, quarter)
        .map_err(h)?
        .into_iter()
        .map(|e| {
            let p = people.iter().find(|p| p.id == e.inspector);
            vec![
                e.inspector.clone(),
                p.map(|p| p.name.clone()).unwrap_or_default(),
                rs::grade(e.grade, lang).to_string(),
                e.remark,
                e.by,
            ]
        })
        .collect();
    writeln!(out, "{}", rs::evaluation_title(quarter, lang))?;
    print_table(out, &rs::evaluation_headers(lang), &rows)?;
    Ok(())
}
