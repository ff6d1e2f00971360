//! The service's and the store's errors in words: each error hands `strings` what its message
//! needs (primitive and `domain` values), so that `strings` never names these types.

use super::{ImportError, ServiceError};
use crate::domain::forms::Kind;
use crate::store::{BackupError, StoreError};
use crate::strings::backup::BackupRefusal;
use crate::strings::{self, ImportRefusal, Lang, StoreProblem};

impl ServiceError {
    /// The error for people. `kind` names the fields of invalid input.
    pub fn say(&self, kind: Option<Kind>, lang: Lang) -> String {
        match self {
            ServiceError::Forbidden(r) => strings::forbidden(*r, lang),
            ServiceError::NotFound(what) => strings::not_found(what, lang),
            ServiceError::Stale => strings::stale(lang).into(),
            ServiceError::Invalid(issues) => strings::invalid(issues, kind, lang),
            ServiceError::Exists(what) => strings::exists(what, lang),
            ServiceError::NotEmpty => strings::not_empty(lang).into(),
            ServiceError::Import(i) => i.say(lang),
            ServiceError::Draw(p) => strings::draw::problem(p, lang),
            ServiceError::Evidence(p) => strings::evidence::problem(p, lang),
            ServiceError::FollowUp(p) => strings::followup::problem(p, lang),
            ServiceError::Setting(p) => strings::setting::problem(p, lang),
            ServiceError::Correction(p) => strings::correction::problem(p, lang),
            ServiceError::Record(e) => e.say(lang),
            ServiceError::Publish(e) => e.say(lang),
            ServiceError::Report(e) => e.say(lang),
            ServiceError::Store(s) => s.say(lang),
            ServiceError::Backup(e) => e.say(lang),
            ServiceError::Write(e) => e.say(lang),
        }
    }
}

impl ImportError {
    /// What the messages of a refused import need.
    pub fn refusal(&self) -> ImportRefusal<'_> {
        match self {
            ImportError::Table(t) => ImportRefusal::Table(t.problem()),
            ImportError::Headers(hs) => ImportRefusal::Headers(hs),
            ImportError::Rows(rs) => ImportRefusal::Rows(rs),
        }
    }

    /// The whole refused import, one problem per line.
    pub fn say(&self, lang: Lang) -> String {
        strings::import_error(self.refusal(), lang)
    }
}

impl StoreError {
    /// The error for people.
    pub fn say(&self, lang: Lang) -> String {
        let p = match self {
            StoreError::Sql(e) => StoreProblem::Sql(e),
            StoreError::NewerSchema { found, known } => StoreProblem::NewerSchema {
                found: *found,
                known: *known,
            },
            StoreError::Folder { path, source } => StoreProblem::Folder { path, source },
            StoreError::Corrupt(m) => StoreProblem::Corrupt(m),
        };
        strings::store_error(p, lang)
    }
}

impl BackupError {
    /// Why a backup, a check or a restore refused or failed, for people.
    pub fn say(&self, lang: Lang) -> String {
        let r = match self {
            BackupError::Sql(e) => BackupRefusal::Sql(e),
            BackupError::Io { path, source } => BackupRefusal::Io { path, source },
            BackupError::Missing(p) => BackupRefusal::Missing(p),
            BackupError::NotADatabase(p) => BackupRefusal::NotADatabase(p),
            BackupError::Damaged { path, problems } => BackupRefusal::Damaged { path, problems },
            BackupError::NotShuangsui(p) => BackupRefusal::NotShuangsui(p),
            BackupError::NewerSchema { path, found, known } => BackupRefusal::NewerSchema {
                path,
                found: *found,
                known: *known,
            },
            BackupError::SameFile(p) => BackupRefusal::SameFile(p),
            BackupError::InUse(p) => BackupRefusal::InUse(p),
            BackupError::Busy(p) => BackupRefusal::Busy(p),
        };
        strings::backup::backup_error(r, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// English messages are the errors' own wording, as they were before `say` existed.
    #[test]
    fn english_is_the_errors_own_wording() {
        let p = || PathBuf::from("/x/y.sqlite3");
        let io = || std::io::Error::other("denied");
        let backups = [
            BackupError::Io {
                path: p(),
                source: io(),
            },
            BackupError::Missing(p()),
            BackupError::NotADatabase(p()),
            BackupError::Damaged {
                path: p(),
                problems: vec!["a".into(), "b".into()],
            },
            BackupError::NotShuangsui(p()),
            BackupError::NewerSchema {
                path: p(),
                found: 9,
                known: 8,
            },
            BackupError::SameFile(p()),
            BackupError::Busy(p()),
        ];
        for e in &backups {
            assert_eq!(e.say(Lang::En), e.to_string());
        }
        let stores = [
            StoreError::NewerSchema { found: 9, known: 8 },
            StoreError::Folder {
                path: p(),
                source: io(),
            },
            StoreError::Corrupt("x".into()),
        ];
        for e in &stores {
            assert_eq!(e.say(Lang::En), e.to_string());
        }
        let e = ServiceError::Store(StoreError::Corrupt("x".into()));
        assert_eq!(e.say(None, Lang::En), "stored value cannot be read: x");
    }
}
