//! Backups and restores: what `backup` and `restore` report, why they refuse, and the labels of
//! the daily backup's settings.

use super::Lang;
use crate::domain::backup::{FileCheck, LIVE_WAIT, MAX_KEEP_DAYS, Restored};
use std::fmt::Display;
use std::path::Path;

/// A size in bytes for people (KiB below one MiB).
fn size(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{} KiB", bytes.div_ceil(1024))
    }
}

/// What a checked file holds, in one line.
fn contents(c: &FileCheck, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "结构版本 {}，检查对象 {} 家，审计记录 {} 条，{}",
            c.schema_version,
            c.enterprises,
            c.audit_rows,
            size(c.bytes)
        ),
        Lang::En => format!(
            "schema version {}, {} enterprises, {} audit entries, {}",
            c.schema_version,
            c.enterprises,
            c.audit_rows,
            size(c.bytes)
        ),
    }
}

/// A backup was written and checked.
pub fn backed_up(file: &Path, c: &FileCheck, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "已备份到 {}（完整性检查通过；{}）",
            file.display(),
            contents(c, lang)
        ),
        Lang::En => format!(
            "backed up to {} (integrity check passed; {})",
            file.display(),
            contents(c, lang)
        ),
    }
}

/// A restore finished.
pub fn restored(db: &Path, file: &Path, r: &Restored, lang: Lang) -> String {
    let mut lines = vec![match lang {
        Lang::Zh => format!(
            "已用 {} 恢复数据库 {}（{}）",
            file.display(),
            db.display(),
            contents(&r.check, lang)
        ),
        Lang::En => format!(
            "restored {} from {} ({})",
            db.display(),
            file.display(),
            contents(&r.check, lang)
        ),
    }];
    if let Some(k) = &r.kept {
        lines.push(match lang {
            Lang::Zh => format!("原数据库已保留为 {}", k.display()),
            Lang::En => format!("the previous database is kept as {}", k.display()),
        });
    }
    if r.schema_version > r.check.schema_version {
        lines.push(match lang {
            Lang::Zh => format!(
                "数据库结构已从版本 {} 升级到 {}",
                r.check.schema_version, r.schema_version
            ),
            Lang::En => format!(
                "the schema was upgraded from version {} to {}",
                r.check.schema_version, r.schema_version
            ),
        });
    }
    if r.was_held {
        lines.push(
            lang.t(
                "数据库当时正被其他进程（服务器）使用：已登录的用户会看到恢复后的数据，建议重启服务器",
                "the database was open in another process (the server): its users now see the restored data; restarting the server is advised",
            )
            .into(),
        );
    }
    lines.join("\n")
}

/// Why a backup, a check or a restore refused or failed, as its message needs it (built from
/// `store::BackupError`).
#[derive(Clone, Copy)]
pub enum BackupRefusal<'a> {
    Sql(&'a dyn Display),
    Io {
        path: &'a Path,
        source: &'a std::io::Error,
    },
    Missing(&'a Path),
    NotADatabase(&'a Path),
    Damaged {
        path: &'a Path,
        problems: &'a [String],
    },
    NotShuangsui(&'a Path),
    NewerSchema {
        path: &'a Path,
        found: i64,
        known: i64,
    },
    SameFile(&'a Path),
    InUse(&'a Path),
    Busy(&'a Path),
}

/// Why a backup, a check or a restore refused or failed.
pub fn backup_error(e: BackupRefusal<'_>, lang: Lang) -> String {
    type B<'a> = BackupRefusal<'a>;
    match (e, lang) {
        (B::InUse(p), Lang::Zh) => format!(
            "数据库 {} 正被其他进程使用（多半是正在运行的服务器：{} 毫秒内无法取得独占锁），未作任何改动。请先停止服务器再恢复；确需覆盖正在使用的数据库，请加 --force（原数据库会先保留一份副本）",
            p.display(),
            LIVE_WAIT.as_millis()
        ),
        (B::InUse(p), Lang::En) => format!(
            "the database {} is open in another process (most likely the running server: no exclusive lock within {} ms); nothing was changed. Stop the server first, or add --force to overwrite a database in use (a copy of it is kept first)",
            p.display(),
            LIVE_WAIT.as_millis()
        ),
        (B::Missing(p), Lang::Zh) => format!("文件 {} 不存在", p.display()),
        (B::NotADatabase(p), Lang::Zh) => format!(
            "{} 不是 SQLite 数据库（文件已损坏、不完整或是其他类型的文件），不能用于恢复",
            p.display()
        ),
        (B::Damaged { path, problems }, Lang::Zh) => format!(
            "{} 未通过完整性检查（integrity_check），不能使用：{}",
            path.display(),
            problems.join("；")
        ),
        (B::NotShuangsui(p), Lang::Zh) => format!(
            "{} 是 SQLite 数据库，但不是 shuangsui 的数据库（缺少 schema_migrations 等表），不能用于恢复",
            p.display()
        ),
        (B::NewerSchema { path, found, known }, Lang::Zh) => format!(
            "{} 由较新版本的 shuangsui 写入（结构版本 {found}，本程序支持到 {known}），请使用新版本程序恢复；数据库未作任何改动",
            path.display()
        ),
        (B::SameFile(p), Lang::Zh) => {
            format!("{} 就是数据库文件本身，请指定另一个文件", p.display())
        }
        (B::Busy(p), Lang::Zh) => {
            format!("{} 一直被其他连接锁住，未能完成；请稍后再试", p.display())
        }
        (B::Io { path, source }, Lang::Zh) => {
            format!(
                "无法读写 {}：{}",
                path.display(),
                super::io_reason(source, lang)
            )
        }
        (B::Sql(m), Lang::Zh) => format!("数据库错误：{m}"),
        (e, Lang::En) => backup_error_plain(e),
    }
}

/// The English of a refusal other than `InUse`, as the error itself words it.
fn backup_error_plain(e: BackupRefusal<'_>) -> String {
    type B<'a> = BackupRefusal<'a>;
    match e {
        B::Sql(m) => format!("database error: {m}"),
        B::Io { path, source } => format!("{}: {source}", path.display()),
        B::Missing(p) => format!("{} does not exist", p.display()),
        B::NotADatabase(p) => format!(
            "{} is not an SQLite database (damaged, truncated or another kind of file)",
            p.display()
        ),
        B::Damaged { path, problems } => format!(
            "{} failed the integrity check: {}",
            path.display(),
            problems.join("; ")
        ),
        B::NotShuangsui(p) => format!(
            "{} is an SQLite database but not a shuangsui one",
            p.display()
        ),
        B::NewerSchema { path, found, known } => format!(
            "{} has schema version {found}, newer than this program knows ({known}); use a newer shuangsui",
            path.display()
        ),
        B::SameFile(p) => format!("{} is the database itself", p.display()),
        B::InUse(p) => format!("{} is open in another process (the server?)", p.display()),
        B::Busy(p) => format!("{} stayed locked by other connections", p.display()),
    }
}

/// The settings' meanings, for `settings show`.
pub fn backup_dir_label(lang: Lang) -> &'static str {
    lang.t(
        "每日自动备份的目录（off 关闭）",
        "folder of the daily backup (off: none)",
    )
}

pub fn backup_keep_days_label(lang: Lang) -> &'static str {
    lang.t(
        "自动备份保留天数（0 全部保留）",
        "days the daily backups are kept (0: all)",
    )
}

pub fn backup_hour_label(lang: Lang) -> &'static str {
    lang.t(
        "每日自动备份的时刻（北京时间，0–23 时）",
        "hour of the daily backup (Beijing time, 0-23)",
    )
}

/// The value shown for an unset backup folder.
pub fn backup_off(lang: Lang) -> &'static str {
    lang.t("未设置（不自动备份）", "not set (no daily backup)")
}

pub fn bad_hour(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是 0–23 之间的整点"),
        Lang::En => format!("{s:?} is not an hour from 0 to 23"),
    }
}

pub fn bad_keep_days(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是 0–{MAX_KEEP_DAYS} 之间的天数（0 表示全部保留）"),
        Lang::En => {
            format!("{s:?} is not a number of days from 0 to {MAX_KEEP_DAYS} (0 keeps all)")
        }
    }
}

pub fn bad_dir(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不能用作备份目录（路径须为 UTF-8 文字）"),
        Lang::En => format!("{s:?} cannot be the backup folder (the path must be UTF-8 text)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn every_refusal_speaks_both_languages() {
        let path = PathBuf::from("/x/y.sqlite3");
        let p = || path.as_path();
        let problems = vec!["row 3 missing from index".to_string()];
        let errors = [
            BackupRefusal::InUse(p()),
            BackupRefusal::Missing(p()),
            BackupRefusal::NotADatabase(p()),
            BackupRefusal::Damaged {
                path: p(),
                problems: &problems,
            },
            BackupRefusal::NotShuangsui(p()),
            BackupRefusal::NewerSchema {
                path: p(),
                found: 99,
                known: 7,
            },
            BackupRefusal::SameFile(p()),
            BackupRefusal::Busy(p()),
        ];
        for e in &errors {
            let zh = backup_error(*e, Lang::Zh);
            let en = backup_error(*e, Lang::En);
            assert!(zh.contains("/x/y.sqlite3") && en.contains("/x/y.sqlite3"));
            assert!(zh.chars().any(|c| c > '\u{3000}'), "{zh}");
            assert!(en.is_ascii(), "{en}");
        }
        assert!(backup_error(errors[0], Lang::Zh).contains("--force"));
        assert!(backup_error(errors[0], Lang::En).contains("--force"));
    }

    #[test]
    fn sizes() {
        assert_eq!(size(1), "1 KiB");
        assert_eq!(size(3 * 1024 * 1024 / 2), "1.5 MiB");
    }
}
