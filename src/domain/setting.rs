//! The settings an administrator changes, by the names `settings set` takes and the settings
//! screen shows (the S4/S6 ratios, the N4 window, the bureau's name, file and backup limits),
//! and why a typed value is refused. Pure: reading and storing them is the service's.

use crate::domain::quota::Ratios;

/// One ratio of a plan, in the order `plan show` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanRatio {
    Key,
    Special,
    General,
    Positive,
    InternalJoint,
    Classified,
}

impl PlanRatio {
    pub const ALL: [PlanRatio; 6] = [
        PlanRatio::Key,
        PlanRatio::Special,
        PlanRatio::General,
        PlanRatio::Positive,
        PlanRatio::InternalJoint,
        PlanRatio::Classified,
    ];

    /// The name `plan set` takes.
    pub fn name(self) -> &'static str {
        match self {
            PlanRatio::Key => "key",
            PlanRatio::Special => "special",
            PlanRatio::General => "general",
            PlanRatio::Positive => "positive",
            PlanRatio::InternalJoint => "internal-joint",
            PlanRatio::Classified => "classified",
        }
    }

    /// Its value in `r`, in basis points.
    pub fn of(self, r: &Ratios) -> u32 {
        *self.slot(&mut r.clone())
    }

    /// Sets it in `r` to `bp` basis points.
    pub fn set(self, r: &mut Ratios, bp: u32) {
        *self.slot(r) = bp;
    }

    /// The ratio `plan set` and `settings set` name so.
    pub fn from_name(name: &str) -> Option<PlanRatio> {
        PlanRatio::ALL.into_iter().find(|r| r.name() == name)
    }

    fn slot(self, r: &mut Ratios) -> &mut u32 {
        match self {
            PlanRatio::Key => &mut r.key,
            PlanRatio::Special => &mut r.special,
            PlanRatio::General => &mut r.general,
            PlanRatio::Positive => &mut r.positive_offsite,
            PlanRatio::InternalJoint => &mut r.internal_joint,
            PlanRatio::Classified => &mut r.classified_share,
        }
    }
}

/// One setting, in the order `settings show` lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    Ratio(PlanRatio),
    RepeatWindow,
    PreviousLeadMayLead,
    BureauName,
    BackupDir,
    BackupKeepDays,
    BackupHour,
    UploadMaxMb,
    InboxMaxFiles,
    EvidenceMaxMb,
    EvidenceTypes,
}

impl Setting {
    pub const ALL: [Setting; 16] = [
        Setting::Ratio(PlanRatio::Key),
        Setting::Ratio(PlanRatio::Special),
        Setting::Ratio(PlanRatio::General),
        Setting::Ratio(PlanRatio::Positive),
        Setting::Ratio(PlanRatio::InternalJoint),
        Setting::Ratio(PlanRatio::Classified),
        Setting::RepeatWindow,
        Setting::PreviousLeadMayLead,
        Setting::BureauName,
        Setting::BackupDir,
        Setting::BackupKeepDays,
        Setting::BackupHour,
        Setting::UploadMaxMb,
        Setting::InboxMaxFiles,
        Setting::EvidenceMaxMb,
        Setting::EvidenceTypes,
    ];

    /// The name `settings set` takes.
    pub fn name(self) -> &'static str {
        match self {
            Setting::Ratio(r) => r.name(),
            Setting::RepeatWindow => "repeat-window",
            Setting::PreviousLeadMayLead => "previous-lead-may-lead",
            Setting::BureauName => "bureau-name",
            Setting::BackupDir => "backup-dir",
            Setting::BackupKeepDays => "backup-keep-days",
            Setting::BackupHour => "backup-hour",
            Setting::UploadMaxMb => "upload-max-mb",
            Setting::InboxMaxFiles => "inbox-max-files",
            Setting::EvidenceMaxMb => "evidence-max-mb",
            Setting::EvidenceTypes => "evidence-types",
        }
    }

    pub fn from_name(name: &str) -> Option<Setting> {
        Setting::ALL.into_iter().find(|s| s.name() == name.trim())
    }
}

/// Why a value typed for a setting is refused (nothing is changed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingProblem {
    /// No setting has this name.
    Unknown(String),
    /// Not a percentage from 0 to 100.
    Percent(String),
    /// Not a number of days for the N4 window (0–3660).
    Days(String),
    /// Not `是/否`, `yes/no`.
    YesNo(String),
    /// Not a whole number from 1 to `max`.
    Limit { value: String, max: u32 },
    /// Not a list of evidence file types.
    Types(String),
    /// Not a folder.
    Dir(String),
    /// Not a number of days to keep backups.
    KeepDays(String),
    /// Not an hour 0–23.
    Hour(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_setting_has_one_name() {
        for s in Setting::ALL {
            assert_eq!(Setting::from_name(s.name()), Some(s));
        }
        assert_eq!(
            Setting::from_name(" key "),
            Some(Setting::Ratio(PlanRatio::Key))
        );
        assert_eq!(Setting::from_name("nope"), None);
        let mut r = Ratios::default();
        PlanRatio::General.set(&mut r, 500);
        assert_eq!(PlanRatio::General.of(&r), 500);
    }
}
