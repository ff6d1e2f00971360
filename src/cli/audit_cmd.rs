//! `shuangsui audit`: the newest entries (`audit [--limit N]`, also `audit list`) and the check
//! of the trail's hash chain (`audit verify [--anchor ID:HASH]`, exit status 1 when broken).

use super::{human, print_table};
use anyhow::anyhow;
use clap::{Args, Subcommand};
use shuangsui::domain::audit::Anchor;
use shuangsui::service::{Actor, Service};
use shuangsui::strings::{Lang, audit as a, cli as s};
use std::io::Write;

/// `audit` alone lists, as before the subcommands existed.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    cmd: Option<AuditCmd>,
    /// How many entries to show
    #[arg(long, default_value_t = 20)]
    limit: u32,
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Show the newest audit-trail entries (the default)
    List {
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Check the hash chain: every row changed, removed or inserted out of order, by id
    Verify {
        /// A row's id and hash noted from an earlier check (ID:HASH): also detects rows removed
        /// from the end and a chain recomputed by someone who can write the file
        #[arg(long, value_name = "ID:HASH", value_parser = parse_anchor)]
        anchor: Option<Anchor>,
    },
}

fn parse_anchor(s: &str) -> Result<Anchor, String> {
    Anchor::parse(s).ok_or_else(|| a::bad_anchor(s))
}

pub fn audit(
    svc: &mut Service,
    me: &Actor,
    args: AuditArgs,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match args.cmd {
        None => list(svc, me, args.limit, lang, out),
        Some(AuditCmd::List { limit }) => list(svc, me, limit, lang, out),
        Some(AuditCmd::Verify { anchor }) => verify(svc, me, anchor, lang, out),
    }
}

fn list(
    svc: &mut Service,
    me: &Actor,
    limit: u32,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let rows = svc
        .audit_recent(me, limit)
        .map_err(|e| human(e, None, lang))?
        .into_iter()
        .map(|a| {
            vec![
                a.id.to_string(),
                a.at,
                a.actor,
                a.action,
                format!(
                    "{}{}",
                    a.entity,
                    a.entity_id.map(|i| format!("#{i}")).unwrap_or_default()
                ),
                a.summary,
            ]
        })
        .collect::<Vec<_>>();
    print_table(out, &s::audit_headers(lang), &rows)
}

fn verify(
    svc: &mut Service,
    me: &Actor,
    anchor: Option<Anchor>,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let report = svc
        .verify_audit(me, anchor)
        .map_err(|e| human(e, None, lang))?;
    if report.is_ok() {
        for line in a::chain_ok(&report, anchor.map(|x| x.id), lang) {
            writeln!(out, "{line}")?;
        }
        return Ok(());
    }
    for p in &report.problems {
        writeln!(out, "{}", a::problem(p, lang))?;
    }
    Err(anyhow!(a::chain_broken(report.problems.len(), lang)))
}
