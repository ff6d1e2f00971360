//! The command line (clap): global options, one subcommand per use case, output as tables,
//! CSV or JSON. Errors are rendered in the user's language and end with exit status 1
//! (2 for usage errors, from clap). `anyhow` is used only here.

mod audit_cmd;
mod backup;
mod config;
mod draw;
mod results;
mod settings;
mod stats;

use anyhow::{Context, anyhow};
use clap::{Args, Parser, Subcommand, ValueEnum};
use draw::{DrawCmd, PlanCmd, verify_file};
use settings::SettingsCmd;
use shuangsui::domain::forms;
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
    /// and mark those results published
    Publish {
        #[arg(long, value_parser = parse_quarter)]
        quarter: Quarter,
        #[arg(long)]
        out: PathBuf,
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
    /// Quarterly statistics report, summary draft, inspector assessment
    #[command(subcommand)]
    Report(stats::ReportCmd),
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
enum UserCmd {
    /// Add a user with one or more roles (admin, leader, witness, inspector, auditor)
    Add(UserAdd),
    /// List users
    List,
    /// Disable a user (nothing is deleted)
    Disable { name: String },
    /// Enable a disabled user
    Enable { name: String },
    /// Set a user's interface preferences
    Set {
        name: String,
        /// Interface language: zh or en
        #[arg(long)]
        lang: Option<String>,
        /// Plain ASCII borders (for fonts that draw box characters double width)
        #[arg(long)]
        ascii: Option<bool>,
    },
    /// Set a user's password, read from standard input
    Passwd {
        name: String,
        /// The user must choose a new password at the next login
        #[arg(long)]
        temporary: bool,
    },
}

#[derive(Args)]
struct UserAdd {
    /// Login name (lower-case letters, digits, . _ -)
    name: String,
    /// Role; repeat for several
    #[arg(long = "role", required = true, value_parser = parse_role)]
    roles: Vec<Role>,
    /// OpenSSH public key file (each line one key); repeat for several
    #[arg(long = "key", value_name = "FILE")]
    keys: Vec<PathBuf>,
    /// Read the password from the first line of standard input
    #[arg(long)]
    password_stdin: bool,
    /// Name shown in the UI
    #[arg(long, default_value = "")]
    display_name: String,
    /// Link to the officer with this certificate number
    #[arg(long, value_name = "CERT")]
    inspector: Option<String>,
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

#[derive(Subcommand)]
enum ConflictCmd {
    /// Declare that an officer must never inspect an enterprise
    Add {
        /// Officer's certificate number
        #[arg(long)]
        inspector: String,
        /// Enterprise's credit code
        #[arg(long)]
        enterprise: String,
        #[arg(long)]
        reason: String,
        /// Date declared [default: today]
        #[arg(long)]
        on: Option<String>,
    },
    /// List declared conflicts
    List,
    /// Withdraw a declaration (it stays on record)
    Withdraw { id: i64 },
}

fn parse_quarter(s: &str) -> Result<Quarter, String> {
    s.parse().map_err(|_| s::bad_quarter(s))
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| {
        format!("unknown role {s:?}: use admin, leader, witness, inspector or auditor")
    })
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
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
    anyhow!(strings::service_error(&e, kind, lang))
}

fn date_arg(s: &str, lang: Lang) -> anyhow::Result<chrono::NaiveDate> {
    shuangsui::domain::fields::parse_date(s).ok_or_else(|| anyhow!(s::bad_date(s, lang)))
}

fn run(cli: Cli, config: &config::Config, lang: Lang) -> anyhow::Result<()> {
    if let Command::Draw(DrawCmd::Verify { file }) = &cli.command {
        return verify_file(file, lang);
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
        .map_err(|e| human(e, None, lang))
        .with_context(|| s::cannot_open(&path, lang))?;
    let me = Actor::console();
    let out = &mut std::io::stdout().lock();
    match cli.command {
        Command::Init => {
            let abs = std::fs::canonicalize(&path).unwrap_or(path);
            writeln!(
                out,
                "{}",
                s::initialised(&abs, shuangsui::store::SCHEMA_VERSION, lang)
            )?;
        }
        Command::Import {
            what,
            file,
            dry_run,
        } => {
            let kind = import_kind(what);
            let r = svc
                .import_file(&me, kind, &file, dry_run)
                .map_err(|e| human(e, Some(kind), lang))?;
            for w in &r.warnings {
                writeln!(out, "{}", strings::row_issue(w, lang))?;
            }
            writeln!(out, "{}", s::imported(&r, kind, lang))?;
        }
        Command::Export { what, file } => {
            let (specs, rows, sheet) = match what {
                ExportKind::Enterprises => {
                    let rows = svc
                        .enterprises(&me)
                        .map_err(|e| human(e, None, lang))?
                        .iter()
                        .map(|e| forms::enterprise_texts(&e.data))
                        .collect();
                    (forms::ENTERPRISE, rows, Kind::Enterprises)
                }
                ExportKind::Inspectors => {
                    let rows = svc
                        .inspectors(&me)
                        .map_err(|e| human(e, None, lang))?
                        .iter()
                        .map(|i| forms::inspector_texts(&i.data))
                        .collect();
                    (forms::INSPECTOR, rows, Kind::Inspectors)
                }
                ExportKind::Items => {
                    let today = svc.today();
                    let rows = svc
                        .items_in_force(today)
                        .map_err(|e| human(e, None, lang))?
                        .iter()
                        .map(|v| forms::item_texts(&v.data, v.effective_from))
                        .collect();
                    (forms::ITEM, rows, Kind::Items)
                }
            };
            let headers: Vec<&str> = specs.iter().map(|s| s.zh).collect();
            let rows: Vec<Vec<String>> = rows;
            write_path(&file, strings::kind(sheet, Lang::Zh), &headers, &rows)
                .map_err(|e| anyhow!(s::write_failed(&e, lang)))?;
            writeln!(out, "{}", s::exported(rows.len(), &file, lang))?;
        }
        Command::Classify { quarter, format } => {
            classify(&mut svc, &me, quarter, format, lang, out)?
        }
        Command::User(cmd) => user(&mut svc, &me, cmd, lang, out)?,
        Command::Draw(cmd) => draw::draw_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Plan(cmd) => draw::plan_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Publish { quarter, out: dir } => {
            results::publish(&mut svc, &me, quarter, dir, lang, out)?
        }
        Command::Calendar(cmd) => results::calendar(&mut svc, &me, cmd, lang, out)?,
        Command::Category(cmd) => results::category(&mut svc, &me, cmd, lang, out)?,
        Command::Offsite(cmd) => results::offsite(&mut svc, &me, cmd, lang, out)?,
        Command::Report(cmd) => stats::report(&mut svc, &me, cmd, lang, out)?,
        Command::Joint(cmd) => stats::joint(&mut svc, &me, cmd, lang, out)?,
        Command::Item(cmd) => match cmd {
            ItemCmd::List { on, all } => {
                let on = on
                    .as_deref()
                    .map(|d| date_arg(d, lang))
                    .transpose()?
                    .unwrap_or_else(|| svc.today());
                let versions = if all {
                    svc.item_versions(&me)
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
                svc.retire_item(&me, &code, on, &reason)
                    .map_err(|e| human(e, Some(Kind::Items), lang))?;
                writeln!(out, "{}", s::retired(&code, on, lang))?;
            }
        },
        Command::Conflict(cmd) => conflict(&mut svc, &me, cmd, lang, out)?,
        Command::Settings(cmd) => settings::settings_cmd(&mut svc, &me, cmd, lang, out)?,
        Command::Audit(args) => audit_cmd::audit(&mut svc, &me, args, lang, out)?,
        Command::Serve(args) => crate::serve::serve(
            &mut svc,
            &path,
            crate::serve::Options {
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
                ratios: config.ratios().map_err(anyhow::Error::msg)?,
            },
            lang,
        )?,
        Command::Tui { user, ascii } => crate::serve::local_tui(svc, &user, ascii, lang)?,
        Command::Backup(_) | Command::Restore(_) => {}
        Command::DemoData { enterprises } => {
            let n = shuangsui::demo::fill(&mut svc, &me, enterprises)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::demo_filled(&n, lang))?;
        }
    }
    Ok(())
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
        OutputFormat::Json => {
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
        }
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

fn user(
    svc: &mut Service,
    me: &Actor,
    cmd: UserCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match cmd {
        UserCmd::Add(a) => {
            let mut keys = Vec::new();
            for f in &a.keys {
                let text =
                    std::fs::read_to_string(f).map_err(|e| anyhow!(s::cannot_read(f, &e, lang)))?;
                for line in text
                    .lines()
                    .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                {
                    keys.push(PublicKey::parse(line).map_err(|_| anyhow!(s::bad_key(f, lang)))?);
                }
            }
            let password = if a.password_stdin {
                Some(read_password()?)
            } else {
                None
            };
            if password.is_none() && keys.is_empty() {
                return Err(anyhow!(s::no_credential(lang)));
            }
            let nu = NewUser {
                name: a.name.clone(),
                display_name: a.display_name,
                roles: a.roles.into_iter().collect(),
                keys,
                password,
                inspector_cert: a.inspector,
                must_change_password: false,
            };
            svc.add_user(me, &nu).map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::user_added(&a.name, lang))?;
        }
        UserCmd::List => {
            let rows = svc
                .users(me)
                .map_err(|e| human(e, None, lang))?
                .into_iter()
                .map(|u| {
                    vec![
                        u.name,
                        u.display_name,
                        u.roles
                            .iter()
                            .map(|r| lang.t(r.zh(), r.en()))
                            .collect::<Vec<_>>()
                            .join("、"),
                        s::yes_no(u.has_password, lang).into(),
                        u.key_count.to_string(),
                        s::enabled(!u.disabled, lang).into(),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(out, &s::user_headers(lang), &rows)?;
        }
        UserCmd::Disable { name } => {
            svc.set_user_disabled(me, &name, true)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::user_disabled(&name, true, lang))?;
        }
        UserCmd::Enable { name } => {
            svc.set_user_disabled(me, &name, false)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::user_disabled(&name, false, lang))?;
        }
        UserCmd::Set {
            name,
            lang: l,
            ascii,
        } => {
            let current = svc
                .users(me)
                .map_err(|e| human(e, None, lang))?
                .into_iter()
                .find(|u| u.name == name);
            let current =
                current.ok_or_else(|| human(ServiceError::NotFound(name.clone()), None, lang))?;
            let l = l.or(current.lang);
            svc.set_preferences(me, &name, l.as_deref(), ascii.unwrap_or(current.ascii))
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::preferences_set(&name, lang))?;
        }
        UserCmd::Passwd { name, temporary } => {
            let p = read_password()?;
            svc.set_password(me, &name, &p, temporary)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::password_set(&name, lang))?;
        }
    }
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

fn conflict(
    svc: &mut Service,
    me: &Actor,
    cmd: ConflictCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match cmd {
        ConflictCmd::Add {
            inspector,
            enterprise,
            reason,
            on,
        } => {
            let on = on
                .as_deref()
                .map(|d| date_arg(d, lang))
                .transpose()?
                .unwrap_or_else(|| svc.today());
            let insp = svc
                .inspectors(me)
                .map_err(|e| human(e, None, lang))?
                .into_iter()
                .find(|i| i.data.cert_no == inspector)
                .ok_or_else(|| human(ServiceError::NotFound(inspector.clone()), None, lang))?;
            let ent = svc
                .enterprise_by_code(me, &enterprise.trim().to_ascii_uppercase())
                .map_err(|e| human(e, None, lang))?;
            let id = svc
                .declare_conflict(me, insp.id, ent.id, &reason, on)
                .map_err(|e| human(e, None, lang))?;
            writeln!(
                out,
                "{}",
                s::conflict_added(id, &insp.data.name, &ent.data.name, lang)
            )?;
        }
        ConflictCmd::List => {
            let inspectors = svc.inspectors(me).map_err(|e| human(e, None, lang))?;
            let enterprises = svc.enterprises(me).map_err(|e| human(e, None, lang))?;
            let rows = svc
                .conflicts(me)
                .map_err(|e| human(e, None, lang))?
                .into_iter()
                .map(|c| {
                    let i = inspectors
                        .iter()
                        .find(|i| i.id == c.inspector_id)
                        .map(|i| i.data.name.clone())
                        .unwrap_or_default();
                    let e = enterprises
                        .iter()
                        .find(|e| e.id == c.enterprise_id)
                        .map(|e| e.data.name.clone())
                        .unwrap_or_default();
                    vec![
                        c.id.to_string(),
                        i,
                        e,
                        c.reason,
                        c.declared_on.to_string(),
                        c.withdrawn.map(|d| d.to_string()).unwrap_or_default(),
                    ]
                })
                .collect::<Vec<_>>();
            print_table(out, &s::conflict_headers(lang), &rows)?;
        }
        ConflictCmd::Withdraw { id } => {
            let today = svc.today();
            svc.withdraw_conflict(me, id, today)
                .map_err(|e| human(e, None, lang))?;
            writeln!(out, "{}", s::conflict_withdrawn(id, lang))?;
        }
    }
    Ok(())
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
