//! The settings of file exchange: how large an upload and how many files an inbox may hold.

use super::{Actor, Result, Service, ServiceError, read_setting};
use crate::domain::fields::{FieldIssue, Problem};
use crate::exchange::inbox::FileLimits;

const LIMITS_KEY: &str = "file_limits";

impl Service {
    /// The inbox limits in force.
    pub fn file_limits(&mut self) -> Result<FileLimits> {
        self.store.read(|db| read_setting(db, LIMITS_KEY))
    }

    /// Changes the inbox limits (administrators); each must be at least 1.
    pub fn set_file_limits(&mut self, actor: &Actor, l: FileLimits) -> Result<()> {
        for (field, value, max) in [
            ("upload-max-mb", l.max_file_mb, FileLimits::MAX_FILE_MB),
            ("inbox-max-files", l.max_files, FileLimits::MAX_FILES),
        ] {
            if value == 0 || value > max {
                return Err(ServiceError::Invalid(vec![FieldIssue {
                    field,
                    value: value.to_string(),
                    problem: Problem::BadNumber {
                        min: 1,
                        max: i64::from(max),
                    },
                }]));
            }
        }
        self.set_setting(actor, LIMITS_KEY, &l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{admin, service};

    #[test]
    fn limits_default_change_and_refuse_nonsense() {
        let mut svc = service();
        let a = admin();
        assert_eq!(svc.file_limits().unwrap(), FileLimits::default());
        let l = FileLimits {
            max_file_mb: 5,
            max_files: 10,
        };
        svc.set_file_limits(&a, l).unwrap();
        assert_eq!(svc.file_limits().unwrap(), l);
        for bad in [
            FileLimits {
                max_file_mb: 0,
                max_files: 10,
            },
            FileLimits {
                max_file_mb: 5,
                max_files: FileLimits::MAX_FILES + 1,
            },
        ] {
            assert!(matches!(
                svc.set_file_limits(&a, bad),
                Err(ServiceError::Invalid(_))
            ));
        }
        assert_eq!(svc.file_limits().unwrap(), l);
    }
}
