//! `backup FILE` and `restore FILE [--force]` (the daily backup's settings are the service's,
//! `service::setting`). Both commands run before the database is
//! opened the usual way: `backup` must not create a missing database, and `restore` must look
//! at the database before anything opens (and so migrates) it.

use super::human;
use anyhow::{Context, anyhow};
use clap::Args;
use shuangsui::service::{self, Actor, Service};
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
