//! `objection`: corrections and objections (更正 / 异议) of published results: file one (an
//! administrator), decide it (a leader: 维持 / 更正), list them. `--as USER` acts as that
//! account, as in `evidence`; a decision needs a leader's account.

use super::evidence::acting;
use super::{date_arg, human, parse_quarter, print_table};
use anyhow::anyhow;
use clap::{Args, Subcommand};
use shuangsui::domain::correction::{Changes, Decision, Filing, Kind};
use shuangsui::domain::quarter::Quarter;
use shuangsui::service::{Actor, Decide, Service, ServiceError};
use shuangsui::strings::{Lang, correction as cs};
use std::io::Write;

/// The fields a correction changes; those not given stay as they are.
#[derive(Args, Default)]
pub struct ChangeArgs {
    /// The corrected inspection date
    #[arg(long)]
    date: Option<String>,
    /// The corrected result category (code, see `category list`)
    #[arg(long)]
    category: Option<String>,
    /// The corrected check items, comma separated codes
    #[arg(long)]
    items: Option<String>,
    /// The corrected findings
    #[arg(long)]
    findings: Option<String>,
    /// The corrected rectification deadline
    #[arg(long)]
    rectify_by: Option<String>,
    /// The corrected case number
    #[arg(long)]
    case_no: Option<String>,
}

impl ChangeArgs {
    fn changes(self, lang: Lang) -> anyhow::Result<Changes> {
        let date = |s: Option<String>| s.map(|s| date_arg(&s, lang)).transpose();
        Ok(Changes {
            inspected_on: date(self.date)?,
            category: self.category.map(|s| s.trim().to_string()),
            items: self.items.map(|s| {
                s.split([',', '，', ' '])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect()
            }),
            findings: self.findings,
            rectify_by: date(self.rectify_by)?,
            case_no: self.case_no,
        })
    }
}

/// `objection add`.
#[derive(Args)]
pub struct AddArgs {
    /// The result's id (first column of `followup list`, `evidence list`)
    result: i64,
    /// When the objection was received (default today)
    #[arg(long)]
    received: Option<String>,
    /// Who raised it (required for an objection)
    #[arg(long, default_value = "")]
    from: String,
    /// The objection's content, or why the office corrects the result
    #[arg(long)]
    content: String,
    /// The office starts a correction itself (give the fields it changes)
    #[arg(long)]
    correction: bool,
    #[command(flatten)]
    change: ChangeArgs,
    #[arg(long = "as", value_name = "USER")]
    as_user: Option<String>,
}

#[derive(Subcommand)]
pub enum ObjectionCmd {
    /// Record an objection to a published result, or (--correction) start its correction
    Add(AddArgs),
    /// A leader's decision: uphold (维持) or correct (更正, with the fields it changes)
    Decide {
        /// The case's id (first column of `objection list`)
        id: i64,
        /// uphold (维持) or correct (更正)
        #[arg(long)]
        decision: String,
        #[arg(long)]
        reason: String,
        #[command(flatten)]
        change: ChangeArgs,
        /// The leader's account
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// The objections and corrections you may see, those awaiting a decision first
    List {
        #[arg(long)]
        result: Option<i64>,
        #[arg(long, value_parser = parse_quarter)]
        quarter: Option<Quarter>,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
}

pub fn objection(
    svc: &mut Service,
    me: &Actor,
    cmd: ObjectionCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| say(e, lang);
    match cmd {
        ObjectionCmd::Add(a) => add(svc, me, a, lang, out)?,
        ObjectionCmd::Decide {
            id,
            decision,
            reason,
            change,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let d = Decide {
                decision: Decision::parse(&decision)
                    .ok_or_else(|| anyhow!(cs::bad_decision(&decision, lang)))?,
                reason,
                changes: change.changes(lang)?,
            };
            let v = svc.decide_case(&who, id, &d).map_err(h)?;
            writeln!(out, "{}", cs::decided_done(id, v, lang))?;
        }
        ObjectionCmd::List {
            result,
            quarter,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let rows = list_rows(svc, &who, result, quarter, lang)?;
            print_table(out, &cs::headers(lang), &rows)?;
        }
    }
    Ok(())
}

/// A refusal in words; invalid input names the fields as the forms do.
fn say(e: ServiceError, lang: Lang) -> anyhow::Error {
    match &e {
        ServiceError::Invalid(issues) => anyhow!(cs::invalid(issues, lang)),
        _ => human(e, None, lang),
    }
}

fn add(
    svc: &mut Service,
    me: &Actor,
    a: AddArgs,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let who = acting(svc, me, a.as_user.as_deref(), lang)?;
    let kind = if a.correction {
        Kind::Correction
    } else {
        Kind::Objection
    };
    let f = Filing {
        kind,
        received_on: match a.received {
            Some(d) => date_arg(&d, lang)?,
            None => svc.today(),
        },
        from: a.from,
        content: a.content,
        proposal: a.change.changes(lang)?,
    };
    let id = svc
        .file_case(&who, a.result, &f)
        .map_err(|e| say(e, lang))?;
    writeln!(out, "{}", cs::filed(id, kind, lang))?;
    Ok(())
}

fn list_rows(
    svc: &mut Service,
    who: &Actor,
    result: Option<i64>,
    quarter: Option<Quarter>,
    lang: Lang,
) -> anyhow::Result<Vec<Vec<String>>> {
    let lines = svc
        .cases(who, result, quarter)
        .map_err(|e| human(e, None, lang))?;
    Ok(lines
        .into_iter()
        .map(|l| {
            let f = &l.row.case.filing;
            vec![
                l.row.id.to_string(),
                l.row.result_id.to_string(),
                format!("{} {}", l.assignment.code, l.assignment.name),
                cs::kind(f.kind, lang).to_string(),
                f.received_on.to_string(),
                f.from.clone(),
                f.content.clone(),
                cs::status(l.status, lang).to_string(),
                l.row.case.decided.as_ref().map_or_else(String::new, |d| {
                    let by = l.row.decided_by.as_deref().unwrap_or("");
                    cs::decided(d.decision, &d.reason, &d.on.to_string(), by, lang)
                }),
            ]
        })
        .collect())
}
