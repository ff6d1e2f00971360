//! `backup FILE` and `restore FILE [--force]`, and the daily backup's rows of `settings`
//! (`backup-dir`, `backup-keep-days`, `backup-hour`). Both commands run before the database is
//! opened the usual way: `backup` must not create a missing database, and `restore` must look
//! at the database before anything opens (and so migrates) it.

use super::human;
use anyhow::{Context, anyhow};
use clap::Args;
use shuangsui::service::{self, Actor, BackupSchedule, MAX_KEEP_DAYS, Service};
use shuangsui::store::BackupError;
use shuangsui::strings::{Lang, backup as s, cli as c};
use std::io::Write;
use std::path::Path;
use std::path::PathBuf;

#[derive(Args)]
pub struct BackupArgs {
    /// The copy to write; an existing file is replaced only once the new copy is whole and
    /// has passed the integrity check
    pub file: PathBuf,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// A backup made by `shuangsui backup` (checked before anything is changed)
    pub file: PathBuf,
    /// Overwrite the database even while another process (the server) has it open
    #[arg(long)]
    pub force: bool,
}

/// `backup FILE`: a consistent copy of the database at `db`, made while others may write.
pub fn backup(db: &Path, a: &BackupArgs, lang: Lang) -> anyhow::Result<()> {
    if !db.is_file() {
        return Err(anyhow!(BackupError::Missing(db.to_path_buf()).say(lang)));
    }
    let mut svc = Service::open(db)
        .map_err(|e| human(e, None, lang))
        .with_context(|| c::cannot_open(db, lang))?;
    let check = svc
        .backup_to(&Actor::console(), &a.file)
        .map_err(|e| human(e, None, lang))?;
    writeln!(
        std::io::stdout().lock(),
        "{}",
        s::backed_up(&a.file, &check, lang)
    )?;
    Ok(())
}

/// `restore FILE [--force]`: the checked file replaces the database at `db`.
pub fn restore(db: &Path, a: &RestoreArgs, lang: Lang) -> anyhow::Result<()> {
    let now = chrono::Utc::now().with_timezone(&service::beijing());
    let r = service::restore(&Actor::console(), db, &a.file, a.force, now)
        .map_err(|e| human(e, None, lang))?;
    writeln!(
        std::io::stdout().lock(),
        "{}",
        s::restored(db, &a.file, &r, lang)
    )?;
    Ok(())
}

/// The setting names this module handles.
pub const SETTING_NAMES: [&str; 3] = ["backup-dir", "backup-keep-days", "backup-hour"];

/// Changes one of [`SETTING_NAMES`] in `b`, or says what is wrong with the value.
pub fn set_schedule(
    b: &mut BackupSchedule,
    name: &str,
    value: &str,
    lang: Lang,
) -> anyhow::Result<()> {
    let v = value.trim();
    match name {
        "backup-dir" => {
            b.dir = if matches!(v, "" | "off" | "none" | "关闭" | "无") {
                None
            } else {
                // Stored absolute: the server may run from another folder.
                let abs = std::path::absolute(v).map_err(|_| anyhow!(s::bad_dir(value, lang)))?;
                Some(
                    abs.to_str()
                        .ok_or_else(|| anyhow!(s::bad_dir(value, lang)))?
                        .to_string(),
                )
            };
        }
        "backup-keep-days" => {
            b.keep_days = v
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= MAX_KEEP_DAYS)
                .ok_or_else(|| anyhow!(s::bad_keep_days(value, lang)))?;
        }
        "backup-hour" => {
            b.hour = v
                .parse::<u32>()
                .ok()
                .filter(|h| *h <= 23)
                .ok_or_else(|| anyhow!(s::bad_hour(value, lang)))?;
        }
        _ => return Err(anyhow!(c::bad_setting(name, lang))),
    }
    Ok(())
}

/// The rows of `settings show`: name, meaning, value.
pub fn schedule_rows(b: &BackupSchedule, lang: Lang) -> Vec<Vec<String>> {
    vec![
        vec![
            "backup-dir".into(),
            s::backup_dir_label(lang).into(),
            b.dir.clone().unwrap_or_else(|| s::backup_off(lang).into()),
        ],
        vec![
            "backup-keep-days".into(),
            s::backup_keep_days_label(lang).into(),
            b.keep_days.to_string(),
        ],
        vec![
            "backup-hour".into(),
            s::backup_hour_label(lang).into(),
            b.hour.to_string(),
        ],
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_values_are_checked() {
        let mut b = BackupSchedule::default();
        set_schedule(&mut b, "backup-hour", " 4 ", Lang::En).unwrap();
        set_schedule(&mut b, "backup-keep-days", "0", Lang::En).unwrap();
        set_schedule(&mut b, "backup-dir", "some/where", Lang::En).unwrap();
        assert_eq!(b.hour, 4);
        assert_eq!(b.keep_days, 0);
        assert!(b.dir.as_deref().is_some_and(|d| Path::new(d).is_absolute()));
        set_schedule(&mut b, "backup-dir", "off", Lang::En).unwrap();
        assert_eq!(b.dir, None);
        assert!(set_schedule(&mut b, "backup-hour", "24", Lang::En).is_err());
        assert!(set_schedule(&mut b, "backup-keep-days", "-1", Lang::En).is_err());
        assert!(set_schedule(&mut b, "backup-keep-days", "3661", Lang::En).is_err());
    }
}
