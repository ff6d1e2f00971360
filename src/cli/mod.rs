//! The command line (clap): global options, one subcommand per use case, output as tables,
//! CSV or JSON. Errors are rendered in the user's language and end with exit status 1
//! (2 for usage errors, from clap). `anyhow` is used only here.

mod audit_cmd;
mod backup;
mod config;
mod draw;
mod evidence;
mod followup;
mod objection;
mod registry;
mod results;
mod settings;
mod stats;
mod usage;

use anyhow::{Context, anyhow};
use clap::{Args, Parser, Subcommand, ValueEnum};
use draw::{DrawCmd, PlanCmd, verify_file, verify_page_file};
use registry::{ConflictCmd, UserCmd, conflict, user};
use settings::SettingsCmd;
use shuangsui::domain::quarter::Quarter;
use shuangsui::domain::quota::format_percent;
use shuangsui::domain::user::{PublicKey, Role};
use shuangsui::exchange::import::Kind;
use shuangsui::exchange::write::write_path;
use shuangsui::service::{Actor, NewUser, Service, ServiceError};
use shuangsui::strings::{self, Lang, cli as s};
use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use unicode_width::UnicodeWidthStr;

#[derive(Parser)]
#[command(
    name = "shuangsui",
    version,
    about = "双随机、一公开 supervision: registries, classification, verifiable draws (命令行)"
)]
struct Cli {
    /// SQLite database file [default: db/shuangsui.sqlite3]
    #[arg(long, global = true, env = "SHUANGSUI_DB", value_name = "PATH")]
    db: Option<PathBuf>,
    /// Language of messages: zh (default) or en
    #[arg(long, global = true, env = "SHUANGSUI_LANG", value_name = "LANG")]
    lang: Option<String>,
    /// Configuration file (TOML; see docs/deploy.md); flags win over it
    #[arg(long, global = true, env = "SHUANGSUI_CONFIG", value_name = "PATH")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create or upgrade the database and say where it is
    Init,
    /// Import a registry file (CSV in UTF-8/GB18030, or XLSX); all rows or none
    Import {
        #[arg(value_enum)]
        what: ImportKind,
        file: PathBuf,
        /// Check and report only; write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export a registry as CSV or XLSX (by the file's extension), readable by `import`
    Export {
        #[arg(value_enum)]
        what: ExportKind,
        /// FILE.csv or FILE.xlsx
        file: PathBuf,
    },
    /// Classify every enterprise for a quarter (S5) and show the required numbers (S6)
    Classify {
        /// Quarter, e.g. 2024Q2
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        #[arg(long, value_enum, default_value = "table")]
        format: OutputFormat,
    },
    /// Manage user accounts
    #[command(subcommand)]
    User(UserCmd),
    /// The check-item list and its versions
    #[command(subcommand)]
    Item(ItemCmd),
    /// Declared conflicts of interest (回避)
    #[command(subcommand)]
    Conflict(ConflictCmd),
    /// Show or change the settings: default ratios (S4, S6) and draw rules (N4 window, previous lead)
    #[command(subcommand)]
    Settings(SettingsCmd),
    /// Show the newest audit-trail entries, or check the trail's hash chain (`audit verify`)
    Audit(audit_cmd::AuditArgs),
    /// Run the SSH server: staff connect with `ssh -p 2222 NAME@HOST`
    Serve(ServeArgs),
    /// Run the UI in this terminal as USER (development, or the server's console)
    Tui {
        #[arg(long)]
        user: String,
        /// Plain ASCII borders for fonts that draw box characters double width
        #[arg(long)]
        ascii: bool,
    },
    /// Verifiable random draws of targets and inspector teams
    #[command(subcommand)]
    Draw(DrawCmd),
    /// A quarter's plan: population, required, drawn and remaining per group
    #[command(subcommand)]
    Plan(PlanCmd),
    /// Write the public notice of a quarter's approved results (HTML, CSV, XLSX) into a folder
    /// and mark those results published; with --corrections, the quarter's correction notice
    /// (更正公示) instead
    Publish {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        #[arg(long)]
        out: PathBuf,
        /// Write the correction notice (更正公示) of the quarter's corrected results
        #[arg(long)]
        corrections: bool,
    },
    /// The working-day calendar: holidays and make-up working days
    #[command(subcommand)]
    Calendar(results::CalendarCmd),
    /// The result categories
    #[command(subcommand)]
    Category(results::CategoryCmd),
    /// Off-site supervision of positive-list firms (在线监测, 分表计电, video)
    #[command(subcommand)]
    Offsite(results::OffsiteCmd),
    /// Evidence files attached to a result (佐证材料): list, add, withdraw, get
    #[command(subcommand)]
    Evidence(evidence::EvidenceCmd),
    /// Rectification follow-ups (整改跟踪): list, and the re-check that closes one
    #[command(subcommand)]
    Followup(followup::FollowUpCmd),
    /// Objections to published results and their corrections (异议 / 更正): add, decide, list
    #[command(subcommand)]
    Objection(objection::ObjectionCmd),
    /// Quarterly statistics report, summary draft, inspector assessment
    #[command(subcommand)]
    Report(stats::ReportCmd),
    /// Leaders' overall evaluation of each inspector per quarter (S9)
    #[command(subcommand)]
    Evaluation(stats::EvaluationCmd),
    /// Department-joint inspections (S4) and the year's targets
    #[command(subcommand)]
    Joint(stats::JointCmd),
    /// Write a consistent copy of the database to FILE, also while the server runs
    Backup(backup::BackupArgs),
    /// Replace the database by a backup FILE (checked first; the previous database is kept)
    Restore(backup::RestoreArgs),
    /// Fill an empty database with a realistic, deterministic demo
    DemoData {
        /// Number of enterprises
        #[arg(long, default_value_t = 120)]
        enterprises: usize,
    },
}

#[derive(Args)]
struct ServeArgs {
    /// Address and port to listen on [default: 0.0.0.0:2222]
    #[arg(long)]
    listen: Option<String>,
    /// On an empty database: load the demo data and one demo account per role, and print
    /// their passwords
    #[arg(long)]
    demo: bool,
    /// Log out sessions idle for this many minutes [default: 30]
    #[arg(long)]
    idle_minutes: Option<u64>,
    /// Plain ASCII borders for every session
    #[arg(long)]
    ascii: bool,
}

#[derive(Clone, Copy, ValueEnum)]
enum ImportKind {
    Enterprises,
    Inspectors,
    Items,
    Penalties,
    Complaints,
    /// Past inspections (检查记录)
    Inspections,
}

#[derive(Clone, Copy, ValueEnum)]
enum ExportKind {
    Enterprises,
    Inspectors,
    Items,
}

#[derive(Clone, Copy, ValueEnum, PartialEq)]
enum OutputFormat {
    Table,
    Csv,
    Json,
}

#[derive(Subcommand)]
enum ItemCmd {
    /// The items in force on a date (default today), or every version with --all
    List {
        #[arg(long)]
        on: Option<String>,
        #[arg(long)]
        all: bool,
    },
    /// Retire an item: from DATE on it is no longer in force; it is never deleted
    Retire {
        code: String,
        #[arg(long)]
        on: String,
        #[arg(long)]
        reason: String,
    },
}

fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse().map_err(|_| s::bad_quarter(s))
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| s::bad_role(s))
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    let cli: Cli = match usage::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = cli.lang.as_deref().map(Lang::parse).unwrap_or_default();
    let config = match &cli.config {
        Some(p) => match config::Config::load(p, lang) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("{e:#}");
                return ExitCode::FAILURE;
            }
        },
        None => config::Config::default(),
    };
    let lang = match (&cli.lang, &config.language) {
        (None, Some(l)) => Lang::parse(l),
        _ => lang,
    };
    match run(cli, &config, lang) {
        Ok(()) => ExitCode::SUCCESS,
        // Output piped into `head` and closed early is not a failure.
        Err(e)
            if e.downcast_ref::<std::io::Error>()
                .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e:#}");
            ExitCode::FAILURE
        }
    }
}

/// A service error rendered for people.
fn human(e: ServiceError, kind: Option<Kind>, lang: Lang) -> anyhow::Error {
    anyhow!(e.say(kind, lang))
}

fn date_arg(s: &str, lang: Lang) -> anyhow::Result<chrono::NaiveDate> {
    shuangsui::domain::fields::parse_date(s).ok_or_else(|| anyhow!(s::bad_date(s, lang)))
}

fn run(cli: Cli, config: &config::Config, lang: Lang) -> anyhow::Result<()> {
    if let Command::Draw(DrawCmd::Verify { file }) = &cli.command {
        return verify_file(file, lang);
    }
    if let Command::Draw(DrawCmd::VerifyPage {
        file,
        out,
        announcement,
    }) = &cli.command
    {
        return verify_page_file(file, out, announcement.as_deref(), lang);
    }
    let path = config.database(cli.db);
    // Before the database is opened (and so created or migrated) the usual way.
    if let Command::Backup(args) = &cli.command {
        return backup::backup(&path, args, lang);
    }
    if let Command::Restore(args) = &cli.command {
        return backup::restore(&path, args, lang);
    }
    let mut svc = Service::open(&path)
        .and_then(|mut svc| svc.map_reads().map(|()| svc))
        .map_err(|e| human(e, None, lang))
        .with_context(|| s::cannot_open(&path, lang))?;
    let me = Actor::console();
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Command::Init => init(&mut svc, path, lang, out)?,
        Command::Import {
            what,
            file,
            dry_run,
        } => import(&mut svc, &me, what, &file, dry_run, lang, out)?,
        Command::Export { what, file } => export(&mut svc, &me, what, &file, lang, out)?,
        Command::Classify { quarter, format } => {
            classify(&mut svc, &me, quarter, format, lang, out)?
        }
        Command::User(cmd) => user(&mut svc, &me, cmd, lang, out)?,
        Command::Draw(cmd) => draw::draw_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Plan(cmd) => draw::plan_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Publish {
            quarter,
            out: dir,
            corrections,
        } => results::publish(&mut svc, &me, (quarter, corrections), dir, lang, out)?,
        Command::Calendar(cmd) => results::calendar(&mut svc, &me, cmd, lang, out)?,
        Command::Category(cmd) => results::category(&mut svc, &me, cmd, lang, out)?,
        Command::Offsite(cmd) => results::offsite(&mut svc, &me, cmd, lang, out)?,
        Command::Evidence(cmd) => evidence::evidence(&mut svc, &me, cmd, lang, out)?,
        Command::Followup(cmd) => followup::followup(&mut svc, &me, cmd, lang, out)?,
        Command::Objection(cmd) => objection::objection(&mut svc, &me, cmd, lang, out)?,
        Command::Report(cmd) => stats::report(&mut svc, &me, cmd, lang, out)?,
        Command::Joint(cmd) => stats::joint(&mut svc, &me, cmd, lang, out)?,
        Command::Evaluation(cmd) => stats::evaluation(&mut svc, &me, cmd, lang, out)?,
        Command::Item(cmd) => item(&mut svc, &me, cmd, lang, out)?,
        Command::Conflict(cmd) => conflict(&mut svc, &me, cmd, lang, out)?,
        Command::Settings(cmd) => settings::settings_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Audit(args) => audit_cmd::audit(&mut svc, &me, args, lang, out)?,
        Command::Serve(args) => {
            let options = serve_options(args, config)?;
            crate::serve::serve(&mut svc, &path, options, lang)?
        }
        Command::Tui { user, ascii } => crate::serve::local_tui(svc, &user, ascii, lang)?,
        Command::Backup(_) | Command::Restore(_) => {}
        Command::DemoData { enterprises } => {
            let n = shuangsui::demo::fill(&mut svc, &me, enterprises)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::demo_filled(&n, lang))?;
            if svc.users(&me).map_err(|e| human(e, None, lang))?.is_empty() {
                crate::serve::demo_accounts(&mut svc, lang, out)?;
            }
        }
    }
    Ok(())
}

/// `init`: where the database is, and a reminder when the bureau's name is not set.
fn init(
    svc: &mut Service,
    path: std::path::PathBuf,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let abs = std::fs::canonicalize(&path).unwrap_or(path);
    writeln!(
        out,
        "{}",
        s::initialised(&abs, shuangsui::store::SCHEMA_VERSION, lang)
    )?;
    if svc
        .bureau_name()
        .map_err(|e| human(e, None, lang))?
        .trim()
        .is_empty()
    {
        writeln!(out, "{}", s::bureau_unset(lang))?;
    }
    Ok(())
}

fn import(
    svc: &mut Service,
    me: &Actor,
    what: ImportKind,
    file: &std::path::Path,
    dry_run: bool,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let kind = import_kind(what);
    let r = svc
        .import_file(me, kind, file, dry_run)
        .map_err(|e| human(e, Some(kind), lang))?;
    for w in &r.warnings {
        writeln!(out, "{}", strings::row_issue(w, lang))?;
    }
    writeln!(out, "{}", s::imported(&r, kind, lang))?;
    Ok(())
}

fn export(
    svc: &mut Service,
    me: &Actor,
    what: ExportKind,
    file: &std::path::Path,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let kind = match what {
        ExportKind::Enterprises => Kind::Enterprises,
        ExportKind::Inspectors => Kind::Inspectors,
        ExportKind::Items => Kind::Items,
    };
    let t = svc
        .registry_table(me, kind, None)
        .map_err(|e| human(e, None, lang))?;
    write_path(file, strings::kind(kind, Lang::Zh), &t.headers, &t.rows)
        .map_err(|e| anyhow!(e.say(lang)))?;
    writeln!(out, "{}", s::exported(t.rows.len(), file, lang))?;
    Ok(())
}

/// `item list` and `item retire`.
fn item(
    svc: &mut Service,
    me: &Actor,
    cmd: ItemCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match cmd {
        ItemCmd::List { on, all } => {
            let on = on
                .as_deref()
                .map(|d| date_arg(d, lang))
                .transpose()?
                .unwrap_or_else(|| svc.today());
            let versions = if all {
                svc.item_versions(me)
            } else {
                svc.items_in_force(on)
            }
            .map_err(|e| human(e, None, lang))?;
            let rows = versions
                .iter()
                .map(|v| {
                    vec![
                        v.data.code.clone(),
                        v.version.to_string(),
                        v.data.name.clone(),
                        v.data.method.zh().into(),
                        v.effective_from.to_string(),
                        v.effective_until.map(|d| d.to_string()).unwrap_or_default(),
                        v.retired_reason.clone(),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(out, &s::item_headers(lang), &rows)?;
        }
        ItemCmd::Retire { code, on, reason } => {
            let on = date_arg(&on, lang)?;
            svc.retire_item(me, &code, on, &reason)
                .map_err(|e| human(e, Some(Kind::Items), lang))?;
            writeln!(out, "{}", s::retired(&code, on, lang))?;
        }
    }
    Ok(())
}

/// The server's options: the command line's, else the configuration's, else the defaults.
fn serve_options(
    args: ServeArgs,
    config: &config::Config,
) -> anyhow::Result<crate::serve::Options> {
    Ok(crate::serve::Options {
        listen: args
            .listen
            .or_else(|| config.listen.clone())
            .unwrap_or_else(|| "0.0.0.0:2222".into()),
        demo: args.demo,
        idle_minutes: args.idle_minutes.or(config.idle_minutes).unwrap_or(30),
        ascii: args.ascii || config.ascii.unwrap_or(false),
        data_dir: config.data_dir.clone(),
        log_keep_days: config.log_keep_days.unwrap_or(30),
        failed_logins: config.limits.failed_logins.unwrap_or(5),
        failure_window_minutes: config.limits.failure_window_minutes.unwrap_or(5),
        door: config.door(),
        legacy_algorithms: config.ssh.legacy_algorithms.unwrap_or(false),
        ratios: config.ratios().map_err(anyhow::Error::msg)?,
    })
}

fn import_kind(k: ImportKind) -> Kind {
    match k {
        ImportKind::Enterprises => Kind::Enterprises,
        ImportKind::Inspectors => Kind::Inspectors,
        ImportKind::Items => Kind::Items,
        ImportKind::Penalties => Kind::Penalties,
        ImportKind::Complaints => Kind::Complaints,
        ImportKind::Inspections => Kind::Inspections,
    }
}

fn classify(
    svc: &mut Service,
    me: &Actor,
    quarter: Quarter,
    format: OutputFormat,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let qc = svc
        .classify_quarter(me, quarter)
        .map_err(|e| human(e, None, lang))?;
    let reasons = |c: &shuangsui::domain::classify::Classification| -> Vec<String> {
        c.reasons
            .iter()
            .map(|r| strings::reason(r, lang))
            .chain(
                c.overridden
                    .iter()
                    .map(|r| strings::overridden(r, c.class, lang)),
            )
            .collect()
    };
    match format {
        OutputFormat::Json => classify_json(&qc, &reasons, out)?,
        OutputFormat::Csv | OutputFormat::Table => {
            let rows: Vec<Vec<String>> = qc
                .items
                .iter()
                .map(|(e, c)| {
                    vec![
                        e.data.credit_code.to_string(),
                        e.data.name.clone(),
                        strings::class(c.class, lang).to_string(),
                        s::yes_no(c.positive_list, lang).into(),
                        reasons(c).join("；"),
                    ]
                })
                .collect();
            let headers = s::classify_headers(lang);
            if format == OutputFormat::Csv {
                let h: Vec<&str> = headers.iter().map(String::as_str).collect();
                out.write_all(&shuangsui::exchange::write::csv_bytes(&h, &rows))?;
            } else {
                print_table(out, &headers, &rows)?;
                writeln!(out)?;
                let q = qc
                    .quotas
                    .iter()
                    .map(|g| {
                        vec![
                            s::group_label(g.group, lang),
                            g.population.to_string(),
                            format_percent(g.ratio_bp),
                            g.required.to_string(),
                        ]
                    })
                    .collect::<Vec<_>>();
                writeln!(out, "{}", s::quota_title(quarter, qc.gone, lang))?;
                print_table(out, &s::quota_headers(lang), &q)?;
            }
        }
    }
    Ok(())
}

/// The quarter's classification as a JSON array, one object a target.
fn classify_json(
    qc: &shuangsui::service::QuarterClassification,
    reasons: &dyn Fn(&shuangsui::domain::classify::Classification) -> Vec<String>,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let arr: Vec<serde_json::Value> = qc
        .items
        .iter()
        .map(|(e, c)| {
            serde_json::json!({
                "credit_code": e.data.credit_code.as_str(),
                "name": e.data.name,
                "class": c.class.code(),
                "positive_list": c.positive_list,
                "offsite": c.offsite,
                "reasons": reasons(c),
                "rules": c.reasons.iter().map(rule_code).collect::<Vec<_>>(),
                "overridden_rules": c.overridden.iter().map(rule_code).collect::<Vec<_>>(),
            })
        })
        .collect();
    writeln!(out, "{}", serde_json::to_string_pretty(&arr)?)?;
    Ok(())
}

fn rule_code(r: &shuangsui::domain::classify::Reason) -> &'static str {
    use shuangsui::domain::classify::Reason::*;
    match r {
        LowCredit { .. } => "low_credit",
        Listed { .. } => "listed",
        Penalized { .. } => "penalized",
        ComplaintVerified { .. } => "complaint_verified",
        PositiveList { .. } => "positive_list",
        KeyUnit => "key_unit",
        KeyPermit => "key_permit",
        Default => "default",
    }
}

/// Prints an aligned text table; Chinese characters count as two columns.
fn print_table(
    out: &mut impl Write,
    headers: &[String],
    rows: &[Vec<String>],
) -> anyhow::Result<()> {
    let clean = |c: &str| strings::display(c);
    let mut widths: Vec<usize> = headers.iter().map(|h| h.width()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if let Some(w) = widths.get_mut(i) {
                *w = (*w).max(clean(c).width());
            }
        }
    }
    let line = |cells: &[String]| -> String {
        let n = cells.len();
        cells
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let c = clean(c);
                if i + 1 == n {
                    c
                } else {
                    format!("{c}{}", " ".repeat(widths[i].saturating_sub(c.width())))
                }
            })
            .collect::<Vec<_>>()
            .join("  ")
    };
    writeln!(out, "{}", line(headers))?;
    for r in rows {
        writeln!(out, "{}", line(r))?;
    }
    Ok(())
}
