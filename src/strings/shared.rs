//! Words many messages share: the colon of each language, a label with its value, why a file
//! could not be read or written, why a calendar day cannot be set, and the name of a field
//! that no import kind names, a record not found.

use super::{Lang, audit, field};
use crate::domain::forms;
use crate::domain::missing::Missing;

/// Why a calendar day cannot be set.
pub(super) fn calendar_entry(e: &crate::domain::calendar::EntryError, lang: Lang) -> String {
    use crate::domain::calendar::EntryError as E;
    match (e, lang) {
        (E::HolidayOnWeekend(d), Lang::Zh) => {
            format!("{d} 是周末，本就休息，不必设为节假日（法定节假日只能设在工作日）")
        }
        (E::HolidayOnWeekend(d), Lang::En) => {
            format!("{d} is a Saturday or Sunday, already a day off: holidays go on weekdays")
        }
        (E::WorkdayOnWeekday(d), Lang::Zh) => {
            format!("{d} 是周一至周五，本就上班，不必设为调休上班日（调休上班只能设在周末）")
        }
        (E::WorkdayOnWeekday(d), Lang::En) => format!(
            "{d} is a Monday to Friday, already a working day: make-up working days go on weekends"
        ),
        (E::Duplicate(d), Lang::Zh) => format!("{d} 重复出现"),
        (E::Duplicate(d), Lang::En) => format!("{d} is listed twice"),
        (E::OutsideYears(d), Lang::Zh) => format!("{d} 不在日历的年份范围内"),
        (E::OutsideYears(d), Lang::En) => format!("{d} is outside the calendar's years"),
    }
}

/// Why a file could not be read or written, in words of the language; the system's own words
/// only in English.
pub fn io_reason(e: &std::io::Error, lang: Lang) -> String {
    use std::io::ErrorKind as K;
    let (zh, en) = match e.kind() {
        K::NotFound => ("文件或目录不存在", "no such file or directory"),
        K::PermissionDenied => ("没有访问权限", "permission denied"),
        K::AlreadyExists => ("文件已存在", "the file already exists"),
        K::IsADirectory => ("这是一个目录，不是文件", "it is a folder, not a file"),
        K::StorageFull => ("磁盘空间已满", "the disk is full"),
        K::InvalidData | K::UnexpectedEof => (
            "文件内容不完整或无效",
            "the content is incomplete or invalid",
        ),
        _ => match (e.raw_os_error(), lang) {
            (Some(n), Lang::Zh) => return format!("系统错误（代码 {n}）"),
            (None, Lang::Zh) => return "读写出错".to_string(),
            (_, Lang::En) => return e.to_string(),
        },
    };
    lang.t(zh, en).to_string()
}

/// A colon after a label: full-width in Chinese.
pub fn colon(lang: Lang) -> &'static str {
    lang.t("：", ": ")
}

/// `label: value`, with the colon of the language.
pub fn labelled(label: &str, value: &str, lang: Lang) -> String {
    format!("{label}{}{value}", colon(lang))
}

/// The name of a field that no import kind names: from the forms that have it, or the few
/// fields only commands have; `None` when the problem speaks for itself.
pub(super) fn any_field(key: &str, lang: Lang) -> Option<String> {
    let forms = [
        forms::RESULT,
        forms::CALENDAR_DAY,
        forms::OFFSITE,
        forms::JOINT,
        forms::EVALUATION,
        forms::ENTERPRISE,
        forms::INSPECTOR,
        forms::ITEM,
    ];
    if let Some(s) = forms.iter().find_map(|f| forms::spec(f, key)) {
        return Some(field(s, lang).to_string());
    }
    let (zh, en) = match key {
        "day" | "date" => ("日期", "date"),
        "quarter" => ("季度", "quarter"),
        "reason" => ("原因", "reason"),
        "entropy" => ("随机字符串", "entropy"),
        _ => return None,
    };
    Some(lang.t(zh, en).to_string())
}

/// Nothing found for `what`, said in words: the kind of record as the audit trail names it
/// and its number, or what was typed.
pub fn not_found(what: &Missing, lang: Lang) -> String {
    let what = match what {
        Missing::Record(e, id) => format!("{} {id}", audit::entity(e.name(), lang)),
        Missing::Assignment(id) => format!("{} {id}", lang.t("检查任务", "assignment")),
        Missing::AuditEntry(id) => match lang {
            Lang::Zh => format!("审计日志第 {id} 条"),
            Lang::En => format!("audit entry {id}"),
        },
        Missing::Typed(s) => s.clone(),
        Missing::Quarter => lang
            .t("报告期内的季度", "a quarter in the period")
            .to_string(),
        Missing::Export(k) => format!("{}{}", super::kind(*k, lang), lang.t("的导出", " export")),
    };
    match lang {
        Lang::Zh => format!("未找到：{what}"),
        Lang::En => format!("not found: {what}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::Entity;
    use crate::strings::words::english_in_chinese;

    #[test]
    fn what_was_not_found_is_said_in_the_language_asked() {
        let cases = [
            Missing::Record(Entity::Draw, 9),
            Missing::Record(Entity::Enterprise, 12),
            Missing::Assignment(3),
            Missing::AuditEntry(5),
            Missing::Typed("wang".into()),
            Missing::Quarter,
            Missing::Export(forms::Kind::Penalties),
        ];
        for m in &cases {
            let zh = not_found(m, Lang::Zh);
            assert!(zh.starts_with("未找到："), "{zh}");
            assert!(english_in_chinese(&zh, &["wang"]).is_empty(), "{zh}");
            assert!(not_found(m, Lang::En).starts_with("not found: "));
        }
        assert_eq!(not_found(&cases[3], Lang::Zh), "未找到：审计日志第 5 条");
        assert_eq!(not_found(&cases[0], Lang::En), "not found: draw 9");
    }
}
