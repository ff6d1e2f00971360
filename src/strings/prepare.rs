//! Preparing a draw from the draws tab (issue 17): the wizard's titles, hints and the words of
//! its check; the public value entered in the room. What `draw prepare` prints is in `draw`.

use super::Lang;

pub fn title(lang: Lang) -> &'static str {
    lang.t("准备抽取", "Prepare a draw")
}

pub fn check_title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("准备抽取 {label}：可行性检查（尚未保存）"),
        Lang::En => format!("Prepare draw {label}: feasibility check (nothing saved yet)"),
    }
}

pub fn done_title(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已准备抽取 {label}"),
        Lang::En => format!("Draw {label} prepared"),
    }
}

/// Below the form.
pub fn form_hint(lang: Lang) -> &'static str {
    lang.t(
        "Ctrl-S 先做可行性检查（不保存）；抽取数默认为本季度计划的剩余应抽数",
        "Ctrl-S runs the feasibility check (saves nothing); counts default to the plan's remaining",
    )
}

pub fn plan_heading(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{quarter} 抽查计划"),
        Lang::En => format!("{quarter} plan"),
    }
}

pub fn check_passed(lang: Lang) -> &'static str {
    lang.t(
        "检查通过。Ctrl-S 冻结快照并生成承诺值；Esc 返回修改。",
        "The check passes. Ctrl-S freezes the snapshot and commits; Esc goes back to the form.",
    )
}

pub fn check_refused(lang: Lang) -> &'static str {
    lang.t(
        "检查未通过，未作任何改动。缺少的条件：",
        "The check refuses; nothing was changed. What is missing:",
    )
}

/// Why `Ctrl-S` does not freeze a refused check.
pub fn freeze_refused(lang: Lang) -> String {
    lang.t(
        "可行性检查未通过，不能冻结快照；按 Esc 返回修改参数。",
        "The feasibility check refuses: nothing to freeze; Esc goes back to the form.",
    )
    .to_string()
}

/// After the first few of a list.
pub fn first_few(lang: Lang) -> &'static str {
    lang.t(
        "  （以上每类只列前几家）",
        "  (only the first few of each are listed)",
    )
}

pub fn done_hint(lang: Lang) -> &'static str {
    lang.t(
        "快照已冻结。在列表中选中本次抽取按 Enter 开启摇号室；Esc 关闭。",
        "The snapshot is frozen. Enter on the draw in the list opens its room; Esc closes.",
    )
}

pub fn prepared(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已准备抽取 {label}，快照已冻结"),
        Lang::En => format!("draw {label} prepared; snapshot frozen"),
    }
}

pub fn no_items_in_force(lang: Lang) -> &'static str {
    lang.t(
        "暂无在用的检查事项，不能准备抽取；请先在“抽查事项”页新增。",
        "No check items are in force: a draw names its items; add them on the items tab first.",
    )
}

/// The room's `v` on a draw that named no public source.
pub fn no_public_source(lang: Lang) -> &'static str {
    lang.t(
        "本次抽取准备时未指定公开随机值来源，无需录入。",
        "This draw named no public source when prepared: there is no value to enter.",
    )
}

/// The room's `v` after the reveal.
pub fn public_value_closed(lang: Lang) -> &'static str {
    lang.t(
        "公开随机值在揭晓前录入。",
        "The public value is entered before the reveal.",
    )
}

pub fn public_value_done(lang: Lang) -> &'static str {
    lang.t("公开随机值已录入", "public value entered")
}

pub fn sure_cancel(reason: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("确定作废本次抽取？理由：{reason}"),
        Lang::En => format!("Cancel this draw? Reason: {reason}"),
    }
}
