//! `followup`: rectification follow-ups (整改跟踪): list [of a quarter] [overdue only], and the
//! re-check (复查) that closes one. `--as USER` acts as that account, as in `evidence`.

use super::evidence::acting;
use super::{date_arg, human, parse_quarter, print_table};
use anyhow::anyhow;
use clap::Subcommand;
use shuangsui::domain::followup::{Outcome, Recheck};
use shuangsui::domain::quarter::Quarter;
use shuangsui::service::{Actor, Service};
use shuangsui::strings::{Lang, followup as fs};
use std::io::Write;

#[derive(Subcommand)]
pub enum FollowUpCmd {
    /// The follow-ups you may see: overdue first, then by deadline
    List {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Option<Quarter>,
        /// Only those past their deadline and not re-checked
        #[arg(long)]
        overdue: bool,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Record the re-check (复查) of a result's follow-up, which closes it
    Recheck {
        /// The result's id (first column of `followup list`)
        id: i64,
        #[arg(long)]
        date: String,
        /// Certificate numbers of the officers present, comma separated (at least 2)
        #[arg(long)]
        officers: String,
        /// rectified (已整改), not_rectified (未整改: a case is filed) or other (其他)
        #[arg(long)]
        outcome: String,
        #[arg(long, default_value = "")]
        case_no: String,
        #[arg(long, default_value = "")]
        remark: String,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
}

pub fn followup(
    svc: &mut Service,
    me: &Actor,
    cmd: FollowUpCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    match cmd {
        FollowUpCmd::List {
            quarter,
            overdue,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let rows: Vec<Vec<String>> = svc
                .followups(&who, quarter, overdue)
                .map_err(h)?
                .into_iter()
                .map(|l| {
                    let f = &l.followup;
                    vec![
                        l.result_id.to_string(),
                        l.work.a.draw.clone(),
                        format!("{} {}", l.work.a.code, l.work.a.name),
                        f.visited.to_string(),
                        f.deadline.to_string(),
                        fs::status(l.status, lang).to_string(),
                        f.recheck.as_ref().map_or_else(String::new, |r| {
                            format!("{} {}", r.date, fs::outcome(r.outcome, lang))
                        }),
                        l.work.team_names.join("、"),
                    ]
                })
                .collect();
            print_table(out, &fs::headers(lang), &rows)?;
        }
        FollowUpCmd::Recheck {
            id,
            date,
            officers,
            outcome,
            case_no,
            remark,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let r = Recheck {
                date: date_arg(&date, lang)?,
                officers: officers
                    .split([',', '，', ' '])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_string)
                    .collect(),
                outcome: Outcome::parse(&outcome)
                    .ok_or_else(|| anyhow!(fs::bad_outcome(&outcome, lang)))?,
                case_no,
                remark,
            };
            svc.recheck(&who, id, &r).map_err(h)?;
            writeln!(out, "{}", fs::closed(id, lang))?;
        }
    }
    Ok(())
}
