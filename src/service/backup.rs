//! Backups and restores as use cases: a backup on request (administrators), the daily
//! scheduled backup with its retention (a setting the server's timer acts on), and the restore
//! of a checked file over the database, which refuses a database held by another process
//! unless forced and always keeps what it replaces.

use super::{Actor, Result, Service, ServiceError, audit, beijing, json, read_setting};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::fields::{FieldIssue, Problem};
use crate::domain::user::Role;
use crate::store::{BackupError, FileCheck, Store};
use chrono::{DateTime, FixedOffset, NaiveDate, TimeZone, Timelike};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

const SCHEDULE_KEY: &str = "backup_schedule";

pub use crate::domain::backup::MAX_KEEP_DAYS;

/// The daily backup: where, how long backups are kept, and from which hour it is due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct BackupSchedule {
    /// The folder of the daily backups (absolute); `None`: no scheduled backup.
    pub dir: Option<String>,
    /// Backups dated this many days before today or earlier are deleted; 0 keeps them all.
    pub keep_days: u32,
    /// The hour (Beijing time, 0–23) from which the day's backup is due.
    pub hour: u32,
}

impl Default for BackupSchedule {
    fn default() -> Self {
        BackupSchedule {
            dir: None,
            keep_days: 30,
            hour: 2,
        }
    }
}

pub use crate::domain::backup::Restored;

/// The file name of the scheduled backup of `day`: `shuangsui-YYYYMMDD.sqlite3`.
pub fn scheduled_name(day: NaiveDate) -> String {
    format!("shuangsui-{}.sqlite3", day.format("%Y%m%d"))
}

/// The day of a scheduled backup's file name; `None` for any other name.
pub fn scheduled_day(name: &str) -> Option<NaiveDate> {
    let digits = name.strip_prefix("shuangsui-")?.strip_suffix(".sqlite3")?;
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

/// Deletes the scheduled backups in `dir` dated `keep_days` days before `today` or earlier
/// (none when `keep_days` is 0); files of any other name are never touched. Returns the
/// files deleted, oldest first.
pub fn prune_backups(dir: &Path, today: NaiveDate, keep_days: u32) -> Result<Vec<PathBuf>> {
    if keep_days == 0 {
        return Ok(Vec::new());
    }
    let io = |source| {
        ServiceError::Backup(BackupError::Io {
            path: dir.to_path_buf(),
            source,
        })
    };
    let mut old = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let entry = entry.map_err(io)?;
        let Some(day) = entry.file_name().to_str().and_then(scheduled_day) else {
            continue;
        };
        if entry.file_type().map_err(io)?.is_file()
            && (today - day).num_days() >= i64::from(keep_days)
        {
            old.push((day, entry.path()));
        }
    }
    old.sort();
    for (_, p) in &old {
        std::fs::remove_file(p).map_err(|source| {
            ServiceError::Backup(BackupError::Io {
                path: p.clone(),
                source,
            })
        })?;
    }
    Ok(old.into_iter().map(|(_, p)| p).collect())
}

impl Service {
    /// Writes a consistent copy of the database to `target` (administrators); other
    /// connections go on working meanwhile.
    pub fn backup_to(&mut self, actor: &Actor, target: &Path) -> Result<FileCheck> {
        actor.require(&[Role::Admin])?;
        Ok(self.store.backup_to(target)?)
    }

    /// The daily backup's setting.
    pub fn backup_schedule(&mut self) -> Result<BackupSchedule> {
        self.store.read(|db| read_setting(db, SCHEDULE_KEY))
    }

    /// Changes the daily backup's setting (administrators).
    pub fn set_backup_schedule(&mut self, actor: &Actor, s: &BackupSchedule) -> Result<()> {
        let bad = |field, value: u32, max| {
            ServiceError::Invalid(vec![FieldIssue {
                field,
                value: value.to_string(),
                problem: Problem::BadNumber { min: 0, max },
            }])
        };
        if s.hour > 23 {
            return Err(bad("backup-hour", s.hour, 23));
        }
        if s.keep_days > MAX_KEEP_DAYS {
            return Err(bad(
                "backup-keep-days",
                s.keep_days,
                i64::from(MAX_KEEP_DAYS),
            ));
        }
        self.set_setting(actor, SCHEDULE_KEY, s)
    }

    /// The scheduled backup, for the server's timer to call now and then: when a folder is set,
    /// `now` is at or past the hour (Beijing time) and the day's file is not there yet, writes
    /// `shuangsui-YYYYMMDD.sqlite3` into the folder and then deletes the scheduled backups
    /// older than the retention. Returns the file written, `None` when nothing was due. Old
    /// backups are deleted only after a new one succeeded.
    pub fn run_scheduled_backup<Tz: TimeZone>(
        &mut self,
        now: DateTime<Tz>,
    ) -> Result<Option<PathBuf>> {
        let s = self.backup_schedule()?;
        let Some(dir) = s.dir.as_deref().filter(|d| !d.is_empty()) else {
            return Ok(None);
        };
        let now = now.with_timezone(&beijing());
        if now.hour() < s.hour {
            return Ok(None);
        }
        let today = now.date_naive();
        let dir = Path::new(dir);
        let target = dir.join(scheduled_name(today));
        if target.exists() {
            return Ok(None);
        }
        self.store.backup_to(&target)?;
        prune_backups(dir, today, s.keep_days)?;
        Ok(Some(target))
    }
}

/// Where the database replaced at `now` is kept: `<db>.before-restore-YYYYMMDD-HHMMSS`, with
/// `-2`, `-3`, … when that exists already.
pub fn keep_path(db: &Path, now: DateTime<FixedOffset>) -> PathBuf {
    let name = db
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stamp = now.with_timezone(&beijing()).format("%Y%m%d-%H%M%S");
    let base = format!("{name}.before-restore-{stamp}");
    let mut p = db.with_file_name(&base);
    let mut n = 2;
    while p.exists() {
        p = db.with_file_name(format!("{base}-{n}"));
        n += 1;
    }
    p
}

/// Replaces the database at `db` by the backup `file` (administrators). The file is checked
/// first (integrity, a shuangsui database, not newer than this program); a database held by
/// another process (the server) is refused unless `force`; what is replaced is kept beside it
/// (see [`keep_path`]). The restored database is upgraded to this program's schema if older,
/// and the restore is written to its audit trail.
pub fn restore(
    actor: &Actor,
    db: &Path,
    file: &Path,
    force: bool,
    now: DateTime<FixedOffset>,
) -> Result<Restored> {
    actor.require(&[Role::Admin])?;
    let check = Store::check_file(file)?;
    let live = Store::in_use(db)?;
    if live.held && !force {
        return Err(BackupError::InUse(db.to_path_buf()).into());
    }
    let kept = Store::restore_file(db, file, &keep_path(db, now))?;
    let mut svc = Service::open(db)?;
    let at = now
        .with_timezone(&beijing())
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let after = json(&serde_json::json!({
        "file": file.to_string_lossy(),
        "kept": kept.as_ref().map(|k| k.to_string_lossy()),
        "schema_version": check.schema_version,
        "enterprises": check.enterprises,
        "audit_rows": check.audit_rows,
        "forced": live.held,
    }));
    let summary = file.to_string_lossy();
    svc.store.write(|d| {
        audit(
            d,
            &at,
            actor,
            Event::new(Action::Restore, Entity::Database)
                .summary(&summary)
                .after(Some(&after)),
        )
    })?;
    let schema_version = svc.store.read(|d| d.user_version())?;
    Ok(Restored {
        check,
        kept,
        was_held: live.held,
        schema_version,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::admin;
    use chrono::Utc;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A time in Beijing.
    fn bj(y: i32, m: u32, d: u32, h: u32) -> DateTime<FixedOffset> {
        beijing().with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn names_round_trip_and_others_are_ignored() {
        assert_eq!(
            scheduled_name(day(2024, 4, 9)),
            "shuangsui-20240409.sqlite3"
        );
        assert_eq!(
            scheduled_day("shuangsui-20240409.sqlite3"),
            Some(day(2024, 4, 9))
        );
        for other in [
            "shuangsui-2024049.sqlite3",
            "shuangsui-20240230.sqlite3",
            "shuangsui-20240409.sqlite3.bak",
            "xshuangsui-20240409.sqlite3",
            "shuangsui-20240409.sqlite",
            "shuangsui-+2024049.sqlite3",
            ".shuangsui-20240409.sqlite3.backup-1.tmp",
            "t.sqlite3",
        ] {
            assert_eq!(scheduled_day(other), None, "{other}");
        }
    }

    #[test]
    fn retention_deletes_only_old_backups_of_our_name() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "shuangsui-20240301.sqlite3",
            "shuangsui-20240402.sqlite3",
            "shuangsui-20240403.sqlite3",
            "shuangsui-20240404.sqlite3",
            "shuangsui-20240410.sqlite3",
            "shuangsui-20240411.sqlite3",
            "notes-20240101.txt",
            "shuangsui-20240101.sqlite3.old",
            "shuangsui.sqlite3",
        ];
        for n in names {
            std::fs::write(dir.path().join(n), b"x").unwrap();
        }
        std::fs::create_dir(dir.path().join("shuangsui-20240102.sqlite3")).unwrap();
        let gone = prune_backups(dir.path(), day(2024, 4, 10), 7).unwrap();
        let gone: Vec<String> = gone
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(
            gone,
            [
                "shuangsui-20240301.sqlite3",
                "shuangsui-20240402.sqlite3",
                "shuangsui-20240403.sqlite3"
            ]
        );
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "notes-20240101.txt",
                "shuangsui-20240101.sqlite3.old",
                "shuangsui-20240102.sqlite3",
                "shuangsui-20240404.sqlite3",
                "shuangsui-20240410.sqlite3",
                "shuangsui-20240411.sqlite3",
                "shuangsui.sqlite3",
            ]
        );
        // 0 keeps everything.
        assert!(
            prune_backups(dir.path(), day(2030, 1, 1), 0)
                .unwrap()
                .is_empty()
        );
    }

    #[test]
    fn scheduled_backup_runs_once_a_day_from_the_hour_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("db.sqlite3");
        let backups = dir.path().join("backups");
        let mut svc = Service::open(&db).unwrap();
        // Not set: nothing happens.
        assert_eq!(svc.run_scheduled_backup(bj(2024, 4, 10, 23)).unwrap(), None);
        svc.set_backup_schedule(
            &admin(),
            &BackupSchedule {
                dir: Some(backups.to_string_lossy().into_owned()),
                keep_days: 3,
                hour: 2,
            },
        )
        .unwrap();
        assert_eq!(svc.run_scheduled_backup(bj(2024, 4, 10, 1)).unwrap(), None);
        let first = svc.run_scheduled_backup(bj(2024, 4, 10, 2)).unwrap();
        assert_eq!(first, Some(backups.join("shuangsui-20240410.sqlite3")));
        Store::check_file(&backups.join("shuangsui-20240410.sqlite3")).unwrap();
        // Once a day.
        assert_eq!(svc.run_scheduled_backup(bj(2024, 4, 10, 3)).unwrap(), None);
        // A UTC clock: 2024-04-10 18:30 UTC is 02:30 on the 11th in Beijing.
        let utc = Utc.with_ymd_and_hms(2024, 4, 10, 18, 30, 0).unwrap();
        assert_eq!(
            svc.run_scheduled_backup(utc).unwrap(),
            Some(backups.join("shuangsui-20240411.sqlite3"))
        );
        // Other files in the folder survive every pruning.
        std::fs::write(backups.join("readme.txt"), b"keep me").unwrap();
        for d in 12..=14 {
            assert!(
                svc.run_scheduled_backup(bj(2024, 4, d, 5))
                    .unwrap()
                    .is_some()
            );
        }
        let mut left: Vec<String> = std::fs::read_dir(&backups)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [
                "readme.txt",
                "shuangsui-20240412.sqlite3",
                "shuangsui-20240413.sqlite3",
                "shuangsui-20240414.sqlite3"
            ]
        );
    }

    #[test]
    fn schedule_is_an_audited_setting_with_limits() {
        let mut svc = crate::service::tests::service();
        assert_eq!(svc.backup_schedule().unwrap(), BackupSchedule::default());
        let s = BackupSchedule {
            dir: Some("/srv/backups".into()),
            keep_days: 14,
            hour: 3,
        };
        svc.set_backup_schedule(&admin(), &s).unwrap();
        assert_eq!(svc.backup_schedule().unwrap(), s);
        let bad = BackupSchedule {
            hour: 24,
            ..s.clone()
        };
        assert!(matches!(
            svc.set_backup_schedule(&admin(), &bad),
            Err(ServiceError::Invalid(_))
        ));
        assert!(matches!(
            svc.set_backup_schedule(&crate::service::tests::inspector(), &s),
            Err(ServiceError::Forbidden(_))
        ));
        let a = svc.audit_recent(&admin(), 1).unwrap();
        assert_eq!(a[0].summary, SCHEDULE_KEY);
    }

    #[test]
    fn keep_path_never_reuses_a_name() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.sqlite3");
        let now = bj(2024, 4, 10, 9);
        let p = keep_path(&db, now);
        assert_eq!(
            p.file_name().unwrap(),
            "x.sqlite3.before-restore-20240410-090000"
        );
        std::fs::write(&p, b"").unwrap();
        assert_eq!(
            keep_path(&db, now).file_name().unwrap(),
            "x.sqlite3.before-restore-20240410-090000-2"
        );
    }
}
