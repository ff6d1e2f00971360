//! Each user's inbox: the folder files are uploaded to (over SFTP) before they are imported,
//! `<data dir>/inbox/<login>/`. This module lists and reads it and owns the rule for names a
//! user may give a file: anything that could escape the folder, hide, or confuse a Windows
//! client is refused rather than rewritten, so the name a user sees is the name they chose.

use super::outbox::safe_name;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The inbox folder of `login` beside the database `db`.
pub fn dir(db: &Path, login: &str) -> PathBuf {
    let base = db.parent().unwrap_or_else(|| Path::new("."));
    base.join("inbox").join(safe_name(login))
}

/// How much one user may keep in their inbox (settings `upload-max-mb`, `inbox-max-files`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct FileLimits {
    /// The largest file accepted, in MiB.
    pub max_file_mb: u32,
    /// The most files the inbox holds.
    pub max_files: u32,
}

impl Default for FileLimits {
    fn default() -> Self {
        FileLimits {
            max_file_mb: 50,
            max_files: 200,
        }
    }
}

impl FileLimits {
    /// The upper bounds an administrator may set. The inbox holds files to import, and the
    /// import wizard reads a file whole: a registry of 100,000 rows is about 15 MB.
    pub const MAX_FILE_MB: u32 = 64;
    pub const MAX_FILES: u32 = 10_000;

    pub fn max_file_bytes(self) -> u64 {
        u64::from(self.max_file_mb) * 1024 * 1024
    }
}

/// Longest file name accepted, in bytes (what common file systems allow).
pub const MAX_NAME_BYTES: usize = 255;

pub use crate::domain::text::BadName;

/// Checks a single file name (no folders) a user chose.
pub fn check_name(name: &str) -> Result<(), BadName> {
    if name.is_empty() {
        return Err(BadName::Empty);
    }
    if name.starts_with('.') {
        return Err(BadName::Dot);
    }
    if name.len() > MAX_NAME_BYTES {
        return Err(BadName::TooLong);
    }
    if name.chars().any(refused_char) {
        return Err(BadName::Character);
    }
    if name.ends_with(' ') || name.ends_with('.') {
        return Err(BadName::Trailing);
    }
    if reserved(name) {
        return Err(BadName::Reserved);
    }
    Ok(())
}

/// Characters no file name may hold: separators, what Windows refuses, control characters,
/// and the invisible formatting characters (bidirectional overrides, zero widths, BOM).
pub fn refused_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|')
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{FEFF}')
}

/// Whether the part before the first dot is a Windows device name.
fn reserved(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit()
            && stem.as_bytes()[3] != b'0')
}

/// One file in a folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    pub size: u64,
    pub modified: SystemTime,
}

/// The plain files of `folder` a user may see, newest first: regular files (never links or
/// folders) whose names pass [`check_name`]. A missing folder is empty.
pub fn entries(folder: &Path) -> std::io::Result<Vec<Entry>> {
    let read = match std::fs::read_dir(folder) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    for e in read {
        let e = e?;
        let Ok(name) = e.file_name().into_string() else {
            continue;
        };
        if check_name(&name).is_err() {
            continue;
        }
        // `DirEntry::metadata` does not follow links. A file renamed or deleted since the
        // folder was read (an upload finishing) is simply not listed.
        let meta = match e.metadata() {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        if !meta.file_type().is_file() {
            continue;
        }
        out.push(Entry {
            name,
            size: meta.len(),
            modified: meta.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        });
    }
    out.sort_by(|a, b| b.modified.cmp(&a.modified).then(a.name.cmp(&b.name)));
    Ok(out)
}

/// The files in the inbox of `login`.
pub fn list(db: &Path, login: &str) -> std::io::Result<Vec<Entry>> {
    entries(&dir(db, login))
}

/// Reads `name` from the inbox of `login`; refuses bad names, links and anything not a plain
/// file.
pub fn read(db: &Path, login: &str, name: &str) -> std::io::Result<Vec<u8>> {
    let invalid = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidInput, m.to_string());
    check_name(name).map_err(|_| invalid("bad file name"))?;
    let path = dir(db, login).join(name);
    let meta = std::fs::symlink_metadata(&path)?;
    if !meta.file_type().is_file() {
        return Err(invalid("not a plain file"));
    }
    std::fs::read(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_users_may_choose() {
        assert_eq!(check_name("企业名录 2024.xlsx"), Ok(()));
        assert_eq!(check_name("inspectors.csv"), Ok(()));
        assert_eq!(check_name(""), Err(BadName::Empty));
        assert_eq!(check_name(".."), Err(BadName::Dot));
        assert_eq!(check_name(".x.part"), Err(BadName::Dot));
        assert_eq!(check_name("a/b"), Err(BadName::Character));
        assert_eq!(check_name("..\\..\\boot.ini"), Err(BadName::Dot));
        assert_eq!(check_name("a\\b"), Err(BadName::Character));
        assert_eq!(check_name("C:x"), Err(BadName::Character));
        assert_eq!(check_name("a\u{1b}[2J"), Err(BadName::Character));
        assert_eq!(check_name("a\nb"), Err(BadName::Character));
        assert_eq!(check_name("x."), Err(BadName::Trailing));
        assert_eq!(check_name(&"名".repeat(86)), Err(BadName::TooLong));
        assert_eq!(check_name(&"名".repeat(85)), Ok(()));
        assert_eq!(check_name("a\u{202E}xslx.exe"), Err(BadName::Character));
        assert_eq!(check_name("a\u{200B}b"), Err(BadName::Character));
        assert_eq!(check_name("\u{FEFF}a.csv"), Err(BadName::Character));
        assert_eq!(check_name("con.csv"), Err(BadName::Reserved));
        assert_eq!(check_name("NUL"), Err(BadName::Reserved));
        assert_eq!(check_name("com1.xlsx"), Err(BadName::Reserved));
        assert_eq!(check_name("com0.xlsx"), Ok(()));
        assert_eq!(check_name("console.csv"), Ok(()));
        assert_eq!(check_name("LPT12.csv"), Ok(()));
    }

    #[test]
    fn lists_plain_files_only_and_reads_them() {
        let d = tempfile::tempdir().unwrap();
        let db = d.path().join("x.sqlite3");
        assert_eq!(list(&db, "wang").unwrap(), vec![]);
        let inbox = dir(&db, "wang");
        assert_eq!(inbox, d.path().join("inbox/wang"));
        std::fs::create_dir_all(inbox.join("sub")).unwrap();
        std::fs::write(inbox.join("企业.csv"), "a,b\n").unwrap();
        std::fs::write(inbox.join(".half.part"), "x").unwrap();
        std::fs::write(d.path().join("secret"), "s").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(d.path().join("secret"), inbox.join("link.csv")).unwrap();
        let names: Vec<_> = list(&db, "wang")
            .unwrap()
            .into_iter()
            .map(|e| (e.name, e.size))
            .collect();
        assert_eq!(names, vec![("企业.csv".to_string(), 4)]);
        assert_eq!(read(&db, "wang", "企业.csv").unwrap(), b"a,b\n");
        assert!(read(&db, "wang", "link.csv").is_err());
        assert!(read(&db, "wang", "../secret").is_err());
        assert!(read(&db, "wang", "sub").is_err());
    }
}
