//! Texts of the daily desk: the hint bar's "more", hidden tabs, an empty registry, a
//! remembered search, results already entered, controls removed from a paste, an account
//! enabled again.

use super::Lang;

/// Ends a hint bar cut for want of room.
pub fn more(lang: Lang) -> &'static str {
    lang.t("更多", "more")
}

/// A tab number whose tab this user's roles do not show.
pub fn tab_hidden(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{name}”页面不向您的角色开放。"),
        Lang::En => format!("The {name} tab is not open to your roles."),
    }
}

/// An empty registry, and how to fill it.
pub fn registry_empty(lang: Lang) -> &'static str {
    lang.t(
        "（登记簿还是空的。管理员可按 i 从收件箱导入文件——先用 SFTP 上传到 inbox/——或在服务器上运行 shuangsui import。）",
        "(The registry is empty. An administrator presses i to import a file from the inbox — upload it to inbox/ with SFTP first — or runs shuangsui import on the server.)",
    )
}

/// A list with nothing yet, no filter set.
pub fn list_empty(lang: Lang) -> &'static str {
    lang.t("（还没有记录）", "(nothing yet)")
}

/// `e` on an assignment whose result is entered and not returned: it opens read-only.
pub fn entered_read_only(lang: Lang) -> &'static str {
    lang.t(
        "该检查结果已录入（未被退回），以只读方式打开。",
        "This result is entered (and not returned): opened read-only.",
    )
}

/// Control characters or escape sequences were removed from pasted text (issue 21).
pub fn controls_removed(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已从粘贴的文本中移除 {n} 处控制字符或终端控制序列。"),
        Lang::En => format!(
            "{n} control characters or terminal sequences were removed from the pasted text."
        ),
    }
}

/// An account was enabled again.
pub fn enabled(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已重新启用用户 {name}"),
        Lang::En => format!("{name} is enabled again"),
    }
}

/// `a` on an account that is not disabled.
pub fn not_disabled(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("用户 {name} 未被停用，无需启用"),
        Lang::En => format!("{name} is not disabled"),
    }
}
