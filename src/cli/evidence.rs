//! `evidence`: the files attached to a result (佐证材料): list, add, withdraw, get. The console
//! acts as an administrator; `--as USER` acts as that account (its permissions, its name in
//! the audit trail), as a clerk does for an inspector who brought a scan on a stick.

use super::{human, print_table};
use anyhow::{Context, anyhow};
use clap::Subcommand;
use shuangsui::service::{Actor, Service};
use shuangsui::strings::{Lang, cli as s, evidence as ev};
use std::io::Write;
use std::path::PathBuf;

#[derive(Subcommand)]
pub enum EvidenceCmd {
    /// The evidence files of a result (withdrawn ones too)
    List {
        result: i64,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Attach FILE to a result (pdf, jpg, png, xlsx, docx; see settings evidence-*)
    Add {
        result: i64,
        file: PathBuf,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Withdraw an evidence file with a reason; it stays on record
    Withdraw {
        id: i64,
        #[arg(long)]
        reason: String,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
    /// Write an evidence file's bytes to OUT
    Get {
        id: i64,
        out: PathBuf,
        #[arg(long = "as", value_name = "USER")]
        as_user: Option<String>,
    },
}

/// The actor: the console, or the enabled account `name`.
pub(super) fn acting(
    svc: &mut Service,
    me: &Actor,
    name: Option<&str>,
    lang: Lang,
) -> anyhow::Result<Actor> {
    let Some(name) = name else {
        return Ok(me.clone());
    };
    let u = svc
        .user(name)
        .map_err(|e| human(e, None, lang))?
        .filter(|u| !u.disabled)
        .ok_or_else(|| anyhow!(s::no_such_user(name, lang)))?;
    Ok(Actor {
        user_id: Some(u.id),
        name: u.name,
        roles: u.roles,
    })
}

pub fn evidence(
    svc: &mut Service,
    me: &Actor,
    cmd: EvidenceCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let h = |e| human(e, None, lang);
    match cmd {
        EvidenceCmd::List { result, as_user } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let rows: Vec<Vec<String>> = svc
                .evidence_list(&who, result)
                .map_err(h)?
                .iter()
                .map(|e| {
                    vec![
                        e.id.to_string(),
                        e.name.clone(),
                        e.kind.clone(),
                        e.size.to_string(),
                        e.sha256.clone(),
                        format!("{} {}", ev::short(&e.added_at), e.added_by),
                        ev::state(e, lang),
                    ]
                })
                .collect();
            let headers = ev::headers(lang).map(String::from);
            print_table(out, &headers, &rows)?;
        }
        EvidenceCmd::Add {
            result,
            file,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let bytes = std::fs::read(&file).with_context(|| s::cannot_open(&file, lang))?;
            let name = file
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or_default()
                .to_string();
            let id = svc.add_evidence(&who, result, &name, &bytes).map_err(h)?;
            let sha = shuangsui::domain::audit::file_digest(&bytes);
            writeln!(out, "{}", ev::added(id, &name, &sha, lang))?;
        }
        EvidenceCmd::Withdraw {
            id,
            reason,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            svc.withdraw_evidence(&who, id, &reason).map_err(h)?;
            writeln!(out, "{}", ev::withdrawn(id, lang))?;
        }
        EvidenceCmd::Get {
            id,
            out: path,
            as_user,
        } => {
            let who = acting(svc, me, as_user.as_deref(), lang)?;
            let (_, bytes) = svc.evidence_file(&who, id).map_err(h)?;
            std::fs::write(&path, bytes).with_context(|| s::cannot_open(&path, lang))?;
            writeln!(out, "{}", ev::written(&path.display().to_string(), lang))?;
        }
    }
    Ok(())
}
