//! Each user's outbox: the folder where files made for them (exports, reports, draw records)
//! are written, `<data dir>/outbox/<login>/`; users download them over SFTP. Names of files the
//! system makes are made safe here: no path separators, no leading dot, no control characters.

use std::path::{Path, PathBuf};

/// The outbox folder of `login` beside the database `db`.
pub fn dir(db: &Path, login: &str) -> PathBuf {
    let base = db.parent().unwrap_or_else(|| Path::new("."));
    base.join("outbox").join(safe_name(login))
}

/// `name` with anything that could escape the folder or confuse a client replaced by `_`.
pub fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let s = s.trim().trim_start_matches('.').to_string();
    if s.is_empty() { "_".into() } else { s }
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
