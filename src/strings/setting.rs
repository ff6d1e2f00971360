//! The settings' words, for `settings show|set` and the settings screen (系统设置): what each
//! setting means, why a typed value is refused, and the screen's title and help.

use super::{Lang, backup, cli, evidence, sftp};
use crate::domain::quota::Group;
use crate::domain::setting::{PlanRatio, Setting, SettingProblem};

/// What a ratio means, as `plan show` says it.
pub fn ratio_meaning(r: PlanRatio, lang: Lang) -> String {
    match r {
        PlanRatio::Key => cli::group_label(Group::Key, lang),
        PlanRatio::Special => cli::group_label(Group::Special, lang),
        PlanRatio::General => cli::group_label(Group::General, lang),
        PlanRatio::Positive => cli::group_label(Group::PositiveList, lang),
        PlanRatio::InternalJoint => cli::internal_joint(lang).to_string(),
        PlanRatio::Classified => cli::classified_share(lang).to_string(),
    }
}

/// What a setting means.
pub fn meaning(s: Setting, lang: Lang) -> String {
    let text = match s {
        Setting::Ratio(r) => return ratio_meaning(r, lang),
        Setting::RepeatWindow => cli::repeat_window(lang),
        Setting::PreviousLeadMayLead => cli::previous_lead_may_lead(lang),
        Setting::BureauName => cli::bureau_name(lang),
        Setting::BackupDir => backup::backup_dir_label(lang),
        Setting::BackupKeepDays => backup::backup_keep_days_label(lang),
        Setting::BackupHour => backup::backup_hour_label(lang),
        Setting::UploadMaxMb => sftp::max_file_label(lang),
        Setting::InboxMaxFiles => sftp::max_files_label(lang),
        Setting::EvidenceMaxMb => evidence::max_mb_label(lang),
        Setting::EvidenceTypes => evidence::types_label(lang),
    };
    text.to_string()
}

/// Why a typed value is refused.
pub fn problem(p: &SettingProblem, lang: Lang) -> String {
    match p {
        SettingProblem::Unknown(n) => cli::bad_setting(n, lang),
        SettingProblem::Percent(v) => cli::bad_percent(v, lang),
        SettingProblem::Days(v) => cli::bad_days(v, lang),
        SettingProblem::YesNo(v) => cli::bad_yes_no(v, lang),
        SettingProblem::Limit { value, max } => sftp::bad_limit(value, *max, lang),
        SettingProblem::Types(v) => evidence::bad_types(v, lang),
        SettingProblem::Dir(v) => backup::bad_dir(v, lang),
        SettingProblem::KeepDays(v) => backup::bad_keep_days(v, lang),
        SettingProblem::Hour(v) => backup::bad_hour(v, lang),
    }
}

/// The settings screen's title.
pub fn title(lang: Lang) -> &'static str {
    lang.t("系统设置（仅管理员）", "Settings (administrators)")
}

/// The line under the settings: how to change one.
pub fn help(lang: Lang) -> &'static str {
    lang.t(
        "Enter 修改所选设置，输入新值后 Enter 保存、Esc 放弃；每次修改都记入审计日志。比例写成 25 或 3.5%，是/否写成 是 或 否。",
        "Enter changes the setting chosen; type the new value, Enter saves, Esc gives up. Every change is in the audit trail. Ratios as 25 or 3.5%, yes/no as yes or no.",
    )
}

/// A setting was changed.
pub fn saved(meaning: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已保存：{meaning} = {value}"),
        Lang::En => format!("Saved: {meaning} = {value}"),
    }
}

/// The title of the result categories' list.
pub fn categories_title(lang: Lang) -> &'static str {
    lang.t(
        "检查结果类别（仅管理员）",
        "Result categories (administrators)",
    )
}

/// A category's flags and whether it is in use, as the list shows them.
pub fn category_flags(c: &crate::domain::result::Category, active: bool, lang: Lang) -> String {
    let flags = [
        (c.problem, lang.t("发现问题", "problem")),
        (c.needs_case, lang.t("须立案编号", "case no.")),
        (c.needs_remark, lang.t("须说明", "remark")),
        (!active, lang.t("已停用", "retired")),
    ];
    let on: Vec<&str> = flags.iter().filter(|f| f.0).map(|f| f.1).collect();
    on.join(lang.t("、", ", "))
}

/// Asked before a category is retired.
pub fn retire_ask(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            format!("停用类别“{name}”？已录入的结果保留原类别，新录入时不再提供。y 确认，n 取消")
        }
        Lang::En => format!(
            "Retire the category {name}? Results that used it keep it; it is no longer offered. y retires, n keeps it"
        ),
    }
}

/// Said after a category was retired.
pub fn retired(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已停用类别“{name}”"),
        Lang::En => format!("Retired the category {name}"),
    }
}

/// The line under the categories: what the keys do.
pub fn categories_help(lang: Lang) -> &'static str {
    lang.t(
        "Enter 编辑所选类别，n 新增，r 停用；每次修改都记入审计日志。",
        "Enter edits the category chosen, n adds one, r retires it. Every change is in the audit trail.",
    )
}
