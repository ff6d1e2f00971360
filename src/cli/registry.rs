//! `user` and `conflict`: accounts and declared conflicts of interest.

use super::*;
use shuangsui::domain::missing::Missing;

#[derive(Subcommand)]
pub enum UserCmd {
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
pub struct UserAdd {
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
pub enum ConflictCmd {
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

pub fn user(
    svc: &mut Service,
    me: &Actor,
    cmd: UserCmd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match cmd {
        UserCmd::Add(a) => add_user(svc, me, a, lang, out)?,
        UserCmd::List => list_users(svc, me, lang, out)?,
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
            let current = current.ok_or_else(|| {
                human(
                    ServiceError::NotFound(Missing::Typed(name.clone())),
                    None,
                    lang,
                )
            })?;
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

/// `user add`: the keys from their files, the password from standard input; at least one.
fn add_user(
    svc: &mut Service,
    me: &Actor,
    a: UserAdd,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let keys = read_keys(&a.keys, lang)?;
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
    Ok(())
}

/// The public keys in the files, one a line (blank lines and `#` comments skipped).
fn read_keys(files: &[std::path::PathBuf], lang: Lang) -> anyhow::Result<Vec<PublicKey>> {
    let mut keys = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(f).map_err(|e| anyhow!(s::cannot_read(f, &e, lang)))?;
        for line in text
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        {
            keys.push(PublicKey::parse(line).map_err(|_| anyhow!(s::bad_key(f, lang)))?);
        }
    }
    Ok(keys)
}

fn list_users(
    svc: &mut Service,
    me: &Actor,
    lang: Lang,
    out: &mut impl Write,
) -> anyhow::Result<()> {
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
    Ok(())
}

fn read_password() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

pub fn conflict(
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
            let line = conflict_add(svc, me, (&inspector, &enterprise), &reason, on, lang)?;
            writeln!(out, "{line}")?;
        }
        ConflictCmd::List => {
            let rows = conflict_rows(svc, me).map_err(|e| human(e, None, lang))?;
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

/// Declares the conflict of the officer with certificate `cert` and the enterprise with
/// credit code `code`; what to print.
fn conflict_add(
    svc: &mut Service,
    me: &Actor,
    (cert, code): (&str, &str),
    reason: &str,
    on: chrono::NaiveDate,
    lang: Lang,
) -> anyhow::Result<String> {
    let h = |e| human(e, None, lang);
    let insp = (svc.inspectors(me).map_err(h)?.into_iter())
        .find(|i| i.data.cert_no == cert)
        .ok_or_else(|| h(ServiceError::NotFound(Missing::Typed(cert.to_string()))))?;
    let ent = svc
        .enterprise_by_code(me, &code.trim().to_ascii_uppercase())
        .map_err(h)?;
    let id = svc
        .declare_conflict(me, insp.id, ent.id, reason, on)
        .map_err(h)?;
    Ok(s::conflict_added(id, &insp.data.name, &ent.data.name, lang))
}

/// Every conflict as `conflict list` prints it: id, officer, enterprise, reason, dates.
fn conflict_rows(svc: &mut Service, me: &Actor) -> Result<Vec<Vec<String>>, ServiceError> {
    let inspectors = svc.inspectors(me)?;
    let enterprises = svc.enterprises(me)?;
    let name_of = |found: Option<&String>| found.cloned().unwrap_or_default();
    let rows = (svc.conflicts(me)?.into_iter())
        .map(|c| {
            let i = inspectors.iter().find(|i| i.id == c.inspector_id);
            let e = enterprises.iter().find(|e| e.id == c.enterprise_id);
            vec![
                c.id.to_string(),
                name_of(i.map(|i| &i.data.name)),
                name_of(e.map(|e| &e.data.name)),
                c.reason,
                c.declared_on.to_string(),
                c.withdrawn.map(|d| d.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    Ok(rows)
}
