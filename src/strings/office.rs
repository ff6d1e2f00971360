//! Texts of the office's work in the terminal UI (issue 17): the audit chain check on the audit
//! tab, and conflicts of interest (回避, N2) declared and withdrawn from a detail.

use super::Lang;

/// The title of the chain check's popup.
pub fn verify_title(lang: Lang) -> &'static str {
    lang.t("审计链校验", "Audit chain check")
}

/// Below an intact chain: what to do with the last id and hash.
pub fn verify_note(lang: Lang) -> &'static str {
    lang.t(
        "末尾被删除的记录无法仅凭数据库发现：请把最后编号和哈希记入备份日志，日后核对。",
        "Rows removed from the end cannot be seen in the database alone: note the last id and hash (e.g. in the backup log) to compare later.",
    )
}

/// Said on the status line after the check.
pub fn verify_said(ok: bool, problems: usize, lang: Lang) -> String {
    match (ok, lang) {
        (true, Lang::Zh) => "审计链校验通过（OK）".into(),
        (true, Lang::En) => "Audit chain intact (OK)".into(),
        (false, Lang::Zh) => format!("审计链校验未通过：{problems} 处问题，见弹窗"),
        (false, Lang::En) => {
            format!("Audit chain broken: {problems} problem(s), listed in the popup")
        }
    }
}

/// The title of the list to choose the other side of a conflict from.
pub fn pick_other(choose_inspector: bool, lang: Lang) -> &'static str {
    match choose_inspector {
        true => lang.t(
            "登记回避：选择检查人员（输入姓名或证号筛选）",
            "Declare a conflict: choose the inspector (type a name or certificate to filter)",
        ),
        false => lang.t(
            "登记回避：选择检查对象（输入名称或代码筛选）",
            "Declare a conflict: choose the enterprise (type a name or code to filter)",
        ),
    }
}

/// No candidate matches the filter typed.
pub fn no_match(lang: Lang) -> &'static str {
    lang.t("（没有匹配的记录）", "(nothing matches)")
}

/// The line asking for the conflict's reason.
pub fn reason_question(who: &str, firm: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{who} ↔ {firm}：回避原因（如亲属关系、曾任职），Enter 登记"),
        Lang::En => {
            format!("{who} ↔ {firm}: reason (e.g. a relative works there), Enter declares")
        }
    }
}

/// After a declaration.
pub fn declared(who: &str, firm: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已登记回避：{who} 不会被抽中检查 {firm}"),
        Lang::En => format!("Conflict declared: {who} will not be drawn to inspect {firm}"),
    }
}

/// The title of the list of conflicts to withdraw.
pub fn pick_withdraw(lang: Lang) -> &'static str {
    lang.t(
        "撤销回避：选择要撤销的登记（Enter 撤销，记录保留）",
        "Withdraw a conflict: choose one (Enter withdraws; it stays on record)",
    )
}

/// `w` with no conflict in force on the record shown.
pub fn none_to_withdraw(lang: Lang) -> &'static str {
    lang.t(
        "此记录没有生效的回避登记可撤销。",
        "This record has no declared conflict in force to withdraw.",
    )
}

/// After a withdrawal.
pub fn withdrawn(who: &str, firm: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已撤销回避：{who} ↔ {firm}（登记保留在记录中）"),
        Lang::En => format!("Conflict withdrawn: {who} ↔ {firm} (kept on record)"),
    }
}

/// Nobody left to choose (every one is inactive or already declared).
pub fn nobody_to_choose(lang: Lang) -> &'static str {
    lang.t(
        "没有可选的记录：都已停用或已登记回避。",
        "Nobody to choose: every record is inactive or already declared.",
    )
}

/// The title of the plan's ratios popup.
pub fn plan_title(quarter: &str, own: bool, lang: Lang) -> String {
    match (own, lang) {
        (true, Lang::Zh) => format!("{quarter} 抽查比例（本季度已单独设定）"),
        (false, Lang::Zh) => format!("{quarter} 抽查比例（沿用默认值）"),
        (true, Lang::En) => format!("{quarter} ratios (set for this quarter)"),
        (false, Lang::En) => format!("{quarter} ratios (the defaults)"),
    }
}

/// The column heads of the plan's ratios.
pub fn plan_heads(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => ["项目", "本季度", "默认"],
        Lang::En => ["ratio", "quarter", "default"],
    }
}

/// What the plan's ratios do, under the list.
pub fn plan_help(lang: Lang) -> &'static str {
    lang.t(
        "Enter 修改所选比例（百分比，如 25 或 3.5%），只影响该季度；其他季度沿用默认值。每次修改记入审计日志。",
        "Enter changes the ratio chosen (a percentage, e.g. 25 or 3.5%) for this quarter only; other quarters keep the defaults. Every change is in the audit trail.",
    )
}

/// The line asking for a new percentage.
pub fn plan_ask(what: &str, quarter: &str, now: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{quarter} {what}（现为 {now}），输入新的百分比，Enter 保存："),
        Lang::En => format!("{quarter} {what} (now {now}): the new percentage, Enter saves:"),
    }
}

/// After a ratio is set.
pub fn plan_set(what: &str, quarter: &str, value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已将 {quarter} 的“{what}”设为 {value}（已记入审计日志）"),
        Lang::En => format!("{quarter}: {what} set to {value} (recorded in the audit trail)"),
    }
}

/// The title of the user's own settings.
pub fn prefs_title(lang: Lang) -> &'static str {
    lang.t("我的设置", "My settings")
}

/// The rows of 我的设置: language, borders, password; with the values now.
pub fn prefs_rows(lang: Lang, ascii: bool) -> [String; 3] {
    let now = lang.t("中文", "English");
    let borders = match (ascii, lang) {
        (true, Lang::Zh) => "ASCII 字符（+-|）",
        (false, Lang::Zh) => "制表符（┌─┐）",
        (true, Lang::En) => "ASCII (+-|)",
        (false, Lang::En) => "box drawing (┌─┐)",
    };
    match lang {
        Lang::Zh => [
            format!("界面语言：{now}（Enter 切换为 English）"),
            format!("边框：{borders}（方框字符显示错位时用 ASCII）"),
            "修改密码…".to_string(),
        ],
        Lang::En => [
            format!("Language: {now} (Enter switches to 中文)"),
            format!("Borders: {borders} (ASCII if boxes look broken)"),
            "Change password…".to_string(),
        ],
    }
}

/// After a preference is saved.
pub fn prefs_saved(lang: Lang) -> &'static str {
    lang.t(
        "已保存，立即生效，下次登录也沿用。",
        "Saved: in effect now and at your next login.",
    )
}

/// Asking for the new password, then for it again.
pub fn new_password(again: bool, lang: Lang) -> &'static str {
    match again {
        false => lang.t(
            "新密码（至少 8 个字符），Enter 继续：",
            "New password (at least 8 characters), Enter to go on:",
        ),
        true => lang.t(
            "再输入一次新密码，Enter 保存：",
            "The new password again, Enter saves:",
        ),
    }
}
