//! Every setting by name (issue 17): its value as shown and as typed, and setting it from typed
//! text with the checks — one path for `settings show|set` and the settings screen (系统设置).
//! Administrators only (the server's console is one); every change is audited by the setter it
//! ends in.

use super::{Actor, Result, Service, ServiceError};
use crate::domain::evidence::EvidenceLimits;
use crate::domain::evidence::FileKind;
use crate::domain::fields::{Raw, yes_no};
use crate::domain::quota::{format_percent, parse_percent};
use crate::domain::setting::{Setting, SettingProblem};
use crate::domain::user::Role;
use crate::exchange::inbox::FileLimits;
use crate::strings::{self, Lang};

/// The longest N4 window, in days.
pub const MAX_REPEAT_WINDOW_DAYS: u32 = 3660;

/// One setting as the screen and `settings show` list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SettingLine {
    pub setting: Setting,
    pub meaning: String,
    /// As shown (`365 天`, `是`, `25%`).
    pub shown: String,
    /// As typed to change it (`365`, `是`, `25`).
    pub typed: String,
}

impl From<SettingProblem> for ServiceError {
    fn from(p: SettingProblem) -> ServiceError {
        ServiceError::Setting(p)
    }
}

impl Service {
    /// Every setting with its meaning and value (each stored group read once).
    pub fn setting_lines(&mut self, actor: &Actor, lang: Lang) -> Result<Vec<SettingLine>> {
        actor.require(&[Role::Admin])?;
        let now = Stored {
            ratios: self.ratios()?,
            rules: self.draw_rules()?,
            bureau: self.bureau_name()?,
            backup: self.backup_schedule()?,
            files: self.file_limits()?,
            evidence: self.evidence_limits()?,
        };
        let lines = Setting::ALL.into_iter().map(|s| {
            let (shown, typed) = now.value(s, lang);
            let meaning = strings::setting::meaning(s, lang);
            SettingLine {
                setting: s,
                meaning,
                shown,
                typed,
            }
        });
        Ok(lines.collect())
    }

    /// Sets the setting `name` from the text typed, or says what is wrong and changes nothing.
    pub fn change_setting(&mut self, actor: &Actor, name: &str, value: &str) -> Result<()> {
        actor.require(&[Role::Admin])?;
        let s = Setting::from_name(name).ok_or_else(|| SettingProblem::Unknown(name.into()))?;
        let v = value.trim();
        match s {
            Setting::Ratio(r) => {
                let bp = parse_percent(v).ok_or_else(|| SettingProblem::Percent(v.into()))?;
                let mut all = self.ratios()?;
                r.set(&mut all, bp);
                self.set_ratios(actor, all)
            }
            Setting::RepeatWindow | Setting::PreviousLeadMayLead => self.set_rule(actor, s, v),
            Setting::BureauName => self.set_bureau_name(actor, value),
            Setting::BackupDir | Setting::BackupKeepDays | Setting::BackupHour => {
                let mut b = self.backup_schedule()?;
                match s {
                    Setting::BackupDir => b.dir = backup_dir(v)?,
                    Setting::BackupKeepDays => {
                        b.keep_days = number(v, 0, super::MAX_KEEP_DAYS)
                            .ok_or_else(|| SettingProblem::KeepDays(v.into()))?;
                    }
                    _ => b.hour = number(v, 0, 23).ok_or_else(|| SettingProblem::Hour(v.into()))?,
                }
                self.set_backup_schedule(actor, &b)
            }
            Setting::UploadMaxMb | Setting::InboxMaxFiles => {
                let mut l = self.file_limits()?;
                let (slot, max) = match s {
                    Setting::UploadMaxMb => (&mut l.max_file_mb, FileLimits::MAX_FILE_MB),
                    _ => (&mut l.max_files, FileLimits::MAX_FILES),
                };
                *slot = limit(v, max)?;
                self.set_file_limits(actor, l)
            }
            Setting::EvidenceMaxMb | Setting::EvidenceTypes => {
                let mut l = self.evidence_limits()?;
                match s {
                    Setting::EvidenceMaxMb => l.max_mb = limit(v, EvidenceLimits::MAX_MB)?,
                    _ => l.kinds = kinds(v)?,
                }
                self.set_evidence_limits(actor, l)
            }
        }
    }

    /// The N4 window or whether the previous lead may lead again.
    fn set_rule(&mut self, actor: &Actor, s: Setting, v: &str) -> Result<()> {
        let mut rules = self.draw_rules()?;
        if s == Setting::RepeatWindow {
            rules.repeat_window_days = number(v, 0, MAX_REPEAT_WINDOW_DAYS)
                .ok_or_else(|| SettingProblem::Days(v.into()))?;
        } else {
            rules.previous_lead_may_lead = yes_no(&Raw::Text(v))
                .ok()
                .flatten()
                .ok_or_else(|| SettingProblem::YesNo(v.into()))?;
        }
        self.set_draw_rules(actor, rules)
    }
}

/// The settings as stored, read once for the list.
struct Stored {
    ratios: crate::domain::quota::Ratios,
    rules: super::DrawRules,
    bureau: String,
    backup: super::BackupSchedule,
    files: FileLimits,
    evidence: EvidenceLimits,
}

impl Stored {
    /// A setting's value, as shown and as typed.
    fn value(&self, s: Setting, lang: Lang) -> (String, String) {
        let same = |v: String| (v.clone(), v);
        match s {
            Setting::Ratio(r) => {
                let p = format_percent(r.of(&self.ratios));
                (p.clone(), p.trim_end_matches('%').to_string())
            }
            Setting::RepeatWindow => {
                let d = self.rules.repeat_window_days;
                (strings::cli::days(d, lang), d.to_string())
            }
            Setting::PreviousLeadMayLead => {
                same(strings::cli::yes_no(self.rules.previous_lead_may_lead, lang).into())
            }
            Setting::BureauName => same(self.bureau.clone()),
            Setting::BackupDir => match &self.backup.dir {
                Some(d) => same(d.clone()),
                None => (strings::backup::backup_off(lang).into(), String::new()),
            },
            Setting::BackupKeepDays => same(self.backup.keep_days.to_string()),
            Setting::BackupHour => same(self.backup.hour.to_string()),
            Setting::UploadMaxMb => same(self.files.max_file_mb.to_string()),
            Setting::InboxMaxFiles => same(self.files.max_files.to_string()),
            Setting::EvidenceMaxMb => same(self.evidence.max_mb.to_string()),
            Setting::EvidenceTypes => same(kinds_text(&self.evidence)),
        }
    }
}

/// A whole number from `min` to `max`.
fn number(v: &str, min: u32, max: u32) -> Option<u32> {
    v.parse::<u32>().ok().filter(|n| (min..=max).contains(n))
}

/// A limit from 1 to `max`.
fn limit(v: &str, max: u32) -> std::result::Result<u32, SettingProblem> {
    number(v, 1, max).ok_or_else(|| SettingProblem::Limit {
        value: v.into(),
        max,
    })
}

/// The daily backup's folder, stored absolute (the server may run from another folder);
/// empty, `off`, `none`, `关闭` or `无` for none.
fn backup_dir(v: &str) -> std::result::Result<Option<String>, SettingProblem> {
    if matches!(v, "" | "off" | "none" | "关闭" | "无") {
        return Ok(None);
    }
    let bad = || SettingProblem::Dir(v.into());
    let abs = std::path::absolute(v).map_err(|_| bad())?;
    Ok(Some(abs.to_str().ok_or_else(bad)?.to_string()))
}

/// Evidence file types typed as `pdf,jpg png`.
fn kinds(v: &str) -> std::result::Result<Vec<FileKind>, SettingProblem> {
    let kinds: Option<Vec<FileKind>> = v
        .split([',', ' ', '，', '、'])
        .filter(|x| !x.is_empty())
        .map(|x| FileKind::of_name(&format!(".{}", x.trim().to_ascii_lowercase())))
        .collect();
    kinds
        .filter(|k| !k.is_empty())
        .ok_or_else(|| SettingProblem::Types(v.into()))
}

fn kinds_text(l: &EvidenceLimits) -> String {
    l.kinds
        .iter()
        .map(|k| k.code())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::setting::PlanRatio;

    fn admin() -> Actor {
        Actor::console()
    }

    #[test]
    fn each_setting_is_set_by_name_and_bad_values_change_nothing() {
        let mut s = Service::open_in_memory().unwrap();
        let me = admin();
        for (name, value) in [
            ("general", "5"),
            ("repeat-window", "30"),
            ("previous-lead-may-lead", "是"),
            ("bureau-name", "唐山市生态环境局高新区分局"),
            ("backup-hour", "4"),
            ("backup-keep-days", "0"),
            ("upload-max-mb", "10"),
            ("evidence-types", "pdf, jpg"),
        ] {
            s.change_setting(&me, name, value).unwrap();
        }
        assert_eq!(PlanRatio::General.of(&s.ratios().unwrap()), 500);
        let rules = s.draw_rules().unwrap();
        assert_eq!(
            (rules.repeat_window_days, rules.previous_lead_may_lead),
            (30, true)
        );
        assert_eq!(s.backup_schedule().unwrap().hour, 4);
        assert_eq!(s.file_limits().unwrap().max_file_mb, 10);
        s.change_setting(&me, "backup-dir", "some/where").unwrap();
        let dir = s.backup_schedule().unwrap().dir.unwrap();
        assert!(
            std::path::Path::new(&dir).is_absolute(),
            "stored absolute: {dir}"
        );
        s.change_setting(&me, "backup-dir", "off").unwrap();
        assert_eq!(s.backup_schedule().unwrap().dir, None);
        let before = s.setting_lines(&me, Lang::Zh).unwrap();
        for (name, value, want) in [
            ("general", "150", SettingProblem::Percent("150".into())),
            ("repeat-window", "-3", SettingProblem::Days("-3".into())),
            (
                "previous-lead-may-lead",
                "maybe",
                SettingProblem::YesNo("maybe".into()),
            ),
            ("backup-hour", "24", SettingProblem::Hour("24".into())),
            (
                "inbox-max-files",
                "0",
                SettingProblem::Limit {
                    value: "0".into(),
                    max: FileLimits::MAX_FILES,
                },
            ),
            ("evidence-types", "exe", SettingProblem::Types("exe".into())),
            ("colour", "red", SettingProblem::Unknown("colour".into())),
        ] {
            match s.change_setting(&me, name, value) {
                Err(ServiceError::Setting(p)) => assert_eq!(p, want),
                other => panic!("{name}: {other:?}"),
            }
        }
        assert_eq!(
            s.setting_lines(&me, Lang::Zh).unwrap(),
            before,
            "nothing changed"
        );
        let line = |n: &str| {
            before
                .iter()
                .find(|l| l.setting.name() == n)
                .unwrap()
                .clone()
        };
        assert_eq!(
            (line("repeat-window").typed, line("general").typed),
            ("30".into(), "5".into())
        );
    }

    #[test]
    fn only_administrators_see_or_change_settings() {
        let mut s = Service::open_in_memory().unwrap();
        let leader = Actor {
            user_id: Some(2),
            name: "li".into(),
            roles: [Role::Leader].into(),
        };
        assert!(matches!(
            s.setting_lines(&leader, Lang::Zh),
            Err(ServiceError::Forbidden(_))
        ));
        assert!(matches!(
            s.change_setting(&leader, "bureau-name", "x"),
            Err(ServiceError::Forbidden(_))
        ));
    }
}
