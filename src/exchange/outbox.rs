//! Each user's outbox: the folder where files made for them (exports, reports, draw records)
//! are written, `<data dir>/outbox/<login>/`; users download them over SFTP. Names of files the
//! system makes are made safe here: no path separators, no leading dot, no control characters.

use super::inbox;
use std::path::{Path, PathBuf};

/// The outbox folder of `login` beside the database `db`.
pub fn dir(db: &Path, login: &str) -> PathBuf {
    let base = db.parent().unwrap_or_else(|| Path::new("."));
    base.join("outbox").join(safe_name(login))
}

/// `name` made into one that [`inbox::check_name`] accepts, so the user can see and download
/// it: refused characters become `_`, leading dots and trailing dots and spaces go, a Windows
/// device name gets a `_` in front, and a name over the length limit is shortened (keeping its
/// extension).
pub fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| if inbox::refused_char(c) { '_' } else { c })
        .collect();
    let mut s = s
        .trim()
        .trim_start_matches('.')
        .trim_end_matches(['.', ' '])
        .to_string();
    if s.len() > inbox::MAX_NAME_BYTES {
        let ext = s
            .rfind('.')
            .map(|i| s[i..].to_string())
            .filter(|e| e.len() <= 16)
            .unwrap_or_default();
        let mut cut = inbox::MAX_NAME_BYTES - ext.len();
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s = format!("{}{ext}", s[..cut].trim_end_matches(['.', ' ']));
    }
    if s.is_empty() {
        return "_".into();
    }
    if inbox::check_name(&s).is_err() {
        // A device name (or what shortening left): `_` in front is always accepted.
        s.insert(0, '_');
    }
    s
}

/// Writes `bytes` as `name` into the outbox of `login` (replacing a file of that name);
/// returns the path written.
pub fn write(db: &Path, login: &str, name: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    let d = dir(db, login);
    std::fs::create_dir_all(&d)?;
    let path = d.join(safe_name(name));
    // Write beside, then rename: a reader never sees half a file.
    let tmp = d.join(format!(".{}.part", safe_name(name)));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_cannot_escape_the_folder() {
        assert_eq!(safe_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_name(".hidden"), "hidden");
        assert_eq!(
            safe_name("抽取记录-2024Q2-1.html"),
            "抽取记录-2024Q2-1.html"
        );
        assert_eq!(safe_name("a\u{1b}[2Jb"), "a_[2Jb");
        assert_eq!(safe_name(""), "_");
        assert_eq!(safe_name("report. "), "report");
        assert_eq!(safe_name("CON.html"), "_CON.html");
        assert_eq!(safe_name("a\u{202E}b"), "a_b");
        let long = format!("{}.xlsx", "名".repeat(100));
        let short = safe_name(&long);
        assert!(short.len() <= inbox::MAX_NAME_BYTES && short.ends_with("名.xlsx"));
    }

    proptest::proptest! {
        #[test]
        fn every_name_made_safe_can_be_listed_and_downloaded(name in "(?s).{0,120}") {
            let safe = safe_name(&name);
            proptest::prop_assert_eq!(inbox::check_name(&safe), Ok(()), "{:?} -> {:?}", name, safe);
        }
    }

    #[test]
    fn writes_into_the_users_folder() {
        let d = tempfile::tempdir().unwrap();
        let db = d.path().join("x.sqlite3");
        let p = write(&db, "wang", "r.html", b"<p>").unwrap();
        assert_eq!(p, d.path().join("outbox/wang/r.html"));
        assert_eq!(std::fs::read(&p).unwrap(), b"<p>");
    }
}
