//! Messages of the command line.

use super::Lang;
use crate::domain::demo::DemoCounts;
use crate::domain::forms::{Format, ImportOutcome, Kind};
use crate::domain::quarter::Quarter;
use crate::domain::quota::Group;
use chrono::NaiveDate;
use std::path::Path;

fn v(items: &[(&str, &str)], lang: Lang) -> Vec<String> {
    items
        .iter()
        .map(|(zh, en)| lang.t(zh, en).to_string())
        .collect()
}

pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    if b {
        lang.t("是", "yes")
    } else {
        lang.t("否", "no")
    }
}

pub fn enabled(b: bool, lang: Lang) -> &'static str {
    if b {
        lang.t("启用", "enabled")
    } else {
        lang.t("停用", "disabled")
    }
}

pub fn bad_date(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是有效日期，请写成 2024-03-05"),
        Lang::En => format!("{s:?} is not a valid date; write e.g. 2024-03-05"),
    }
}

/// Shown by the argument parser, before the language is known: both languages.
pub fn bad_quarter(s: &str) -> String {
    format!("“{s}”不是有效的季度，应写成 2024Q2 这样的形式 (not a quarter; write e.g. 2024Q2)")
}

/// Shown by the argument parser, before the language is known: both languages.
pub fn bad_role(s: &str) -> String {
    format!(
        "“{s}”不是角色，可用 admin、leader、witness、inspector、auditor (not a role: use admin, leader, witness, inspector or auditor)"
    )
}

pub fn bad_percent(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是 0–100 之间的百分比（最多两位小数），例如 25 或 3.5%"),
        Lang::En => format!(
            "{s:?} is not a percentage from 0 to 100 (two decimals at most), e.g. 25 or 3.5%"
        ),
    }
}

pub fn bad_setting(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "没有设置项“{s}”；可选：key, special, general, positive, internal-joint, classified, repeat-window, previous-lead-may-lead, bureau-name, backup-dir, backup-keep-days, backup-hour, upload-max-mb, inbox-max-files"
        ),
        Lang::En => format!(
            "no setting {s:?}; use key, special, general, positive, internal-joint, classified, repeat-window, previous-lead-may-lead, bureau-name, backup-dir, backup-keep-days, backup-hour, upload-max-mb or inbox-max-files"
        ),
    }
}

pub fn bad_days(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是 0–3660 之间的天数（0 表示不限制）"),
        Lang::En => format!("{s:?} is not a number of days from 0 to 3660 (0 turns the rule off)"),
    }
}

pub fn bad_yes_no(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{s}”不是“是”或“否”"),
        Lang::En => format!("{s:?} is not yes or no"),
    }
}

pub fn days(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 天"),
        Lang::En => format!("{n} days"),
    }
}

/// Heads the demo accounts' one-time passwords.
pub fn demo_accounts(lang: Lang) -> &'static str {
    lang.t(
        "演示账号（密码只显示这一次）：",
        "Demo accounts (passwords are shown only now):",
    )
}

pub fn demo_draw(label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "演示抽取 {label} 已准备：admin 在“摇号”页按回车开启摇号室，witness 进入后输入随机字符串，admin 揭晓，witness 确认"
        ),
        Lang::En => format!(
            "demo draw {label} prepared: admin opens its room on the draws tab (Enter), witness joins and adds entropy, admin reveals, witness confirms"
        ),
    }
}

pub fn bureau_name(lang: Lang) -> &'static str {
    lang.t(
        "单位名称（印在抽取记录上）",
        "bureau name (printed on draw records)",
    )
}

pub fn repeat_window(lang: Lang) -> &'static str {
    lang.t(
        "同一对象同一事项重复检查间隔（N4，特殊监管对象除外）",
        "repeat window for the same target and item (N4; special targets excepted)",
    )
}

pub fn previous_lead_may_lead(lang: Lang) -> &'static str {
    lang.t(
        "上次带队检查该对象的人员可再次带队",
        "the previous lead of a target may lead it again",
    )
}

pub fn cannot_open(p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法打开数据库 {}", p.display()),
        Lang::En => format!("cannot open the database {}", p.display()),
    }
}

pub fn cannot_read(p: &Path, e: &std::io::Error, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取 {}：{}", p.display(), super::io_reason(e, lang)),
        Lang::En => format!("cannot read {}: {e}", p.display()),
    }
}

pub fn initialised(p: &Path, version: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("数据库已就绪：{}（结构版本 {version}）", p.display()),
        Lang::En => format!("database ready: {} (schema version {version})", p.display()),
    }
}

/// `init` and `serve`: the bureau's name, printed on every document, is not set yet.
pub fn bureau_unset(lang: Lang) -> &'static str {
    lang.t(
        "注意：尚未设置单位名称（bureau-name），统计表、工作总结、抽取记录和公示将缺少填报单位。请运行：shuangsui settings set bureau-name 单位全称",
        "Note: the bureau's name (bureau-name) is not set; reports, summaries, draw records and \
         notices would go out without it. Set it with: shuangsui settings set bureau-name \"FULL NAME\"",
    )
}

pub fn imported(r: &ImportOutcome, kind: Kind, lang: Lang) -> String {
    let fmt = match r.format {
        Format::Csv => format!("CSV, {}", r.encoding),
        Format::Xlsx => "XLSX".to_string(),
    };
    let k = super::kind(kind, lang);
    match (lang, r.dry_run) {
        (Lang::Zh, true) => format!(
            "试运行（未写入）：{k} {} 行全部有效（{fmt}）；将新增 {}，更新 {}，无变化 {}",
            r.rows, r.created, r.updated, r.unchanged
        ),
        (Lang::Zh, false) => format!(
            "已导入{k} {} 行（{fmt}）：新增 {}，更新 {}，无变化 {}",
            r.rows, r.created, r.updated, r.unchanged
        ),
        (Lang::En, true) => format!(
            "dry run (nothing written): all {} rows of {k} are valid ({fmt}); would create {}, update {}, leave {} unchanged",
            r.rows, r.created, r.updated, r.unchanged
        ),
        (Lang::En, false) => format!(
            "imported {} rows of {k} ({fmt}): {} created, {} updated, {} unchanged",
            r.rows, r.created, r.updated, r.unchanged
        ),
    }
}

/// Why a file could not be written (built from `exchange::write::WriteError`).
#[derive(Clone, Copy)]
pub enum WriteFailure<'a> {
    /// The file `path` could not be written: `why`.
    Io {
        path: &'a str,
        why: &'a dyn std::fmt::Display,
    },
    /// The XLSX writer refused `path`: `why`.
    Xlsx { path: &'a str, why: &'a str },
    /// A file name whose extension is neither `.csv` nor `.xlsx`.
    Extension(&'a str),
}

pub fn write_failed(e: WriteFailure<'_>, lang: Lang) -> String {
    let plain = match e {
        WriteFailure::Io { path, why } => format!("cannot write {path}: {why}"),
        WriteFailure::Xlsx { path, why } => format!("cannot write {path}: {why}"),
        WriteFailure::Extension(p) => format!("unknown file type {p} (use .csv or .xlsx)"),
    };
    match (e, lang) {
        (WriteFailure::Extension(p), Lang::Zh) => {
            format!("无法识别的文件类型：{p}（请用 .csv 或 .xlsx）")
        }
        (_, Lang::Zh) => format!("写文件失败：{plain}"),
        (_, Lang::En) => plain,
    }
}

pub fn exported(n: usize, p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已导出 {n} 条到 {}", p.display()),
        Lang::En => format!("exported {n} records to {}", p.display()),
    }
}

pub fn item_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("事项编码", "code"),
            ("版本", "version"),
            ("事项名称", "name"),
            ("检查方式", "method"),
            ("生效日期", "from"),
            ("失效日期", "until"),
            ("废止原因", "retired because"),
        ],
        lang,
    )
}

pub fn retired(code: &str, on: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("抽查事项 {code} 自 {on} 起废止（记录保留）"),
        Lang::En => format!("check item {code} retired from {on} (kept on record)"),
    }
}

pub fn group_label(g: Group, lang: Lang) -> String {
    super::group(g, lang).to_string()
}

pub fn internal_joint(lang: Lang) -> &'static str {
    lang.t(
        "部门内联合抽查占比（每季度）",
        "internal-joint share (per quarter)",
    )
}

pub fn classified_share(lang: Lang) -> &'static str {
    lang.t(
        "分级分类抽查占全部抽查比例",
        "classified draws among all random checks",
    )
}

pub fn settings_headers(lang: Lang) -> Vec<String> {
    v(
        &[("设置项", "setting"), ("含义", "meaning"), ("值", "value")],
        lang,
    )
}

pub fn audit_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("编号", "id"),
            ("时间", "time"),
            ("操作人", "actor"),
            ("操作", "action"),
            ("对象", "record"),
            ("摘要", "summary"),
        ],
        lang,
    )
}

pub fn classify_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("统一社会信用代码", "credit code"),
            ("单位名称", "name"),
            ("监管类别", "class"),
            ("正面清单", "positive list"),
            ("理由", "reasons"),
        ],
        lang,
    )
}

pub fn quota_title(q: Quarter, gone: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{q} 各类应抽查数量（向上取整；已关闭/注销的 {gone} 家不计入）："),
        Lang::En => format!(
            "{q} required numbers per class (rounded up; {gone} closed/deregistered firms left out):"
        ),
    }
}

pub fn quota_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("类别", "group"),
            ("总数", "population"),
            ("比例", "ratio"),
            ("应抽查", "required"),
        ],
        lang,
    )
}

pub fn bad_key(p: &Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{} 不是 OpenSSH 公钥文件（应为 ssh-ed25519 AAAA… 这样的行）",
            p.display()
        ),
        Lang::En => format!(
            "{} is not an OpenSSH public key file (lines like ssh-ed25519 AAAA…)",
            p.display()
        ),
    }
}

pub fn no_credential(lang: Lang) -> &'static str {
    lang.t(
        "请至少提供一种登录凭据：--key 公钥文件 或 --password-stdin",
        "give at least one credential: --key FILE or --password-stdin",
    )
}

pub fn user_added(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已添加用户 {name}"),
        Lang::En => format!("user {name} added"),
    }
}

pub fn user_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("用户名", "user"),
            ("姓名", "name"),
            ("角色", "roles"),
            ("密码", "password"),
            ("公钥数", "keys"),
            ("状态", "status"),
        ],
        lang,
    )
}

pub fn user_disabled(name: &str, disabled: bool, lang: Lang) -> String {
    match (lang, disabled) {
        (Lang::Zh, true) => format!("已停用用户 {name}"),
        (Lang::Zh, false) => format!("已启用用户 {name}"),
        (Lang::En, true) => format!("user {name} disabled"),
        (Lang::En, false) => format!("user {name} enabled"),
    }
}

pub fn preferences_set(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已更新 {name} 的界面设置"),
        Lang::En => format!("interface preferences of {name} updated"),
    }
}

pub fn password_set(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已设置 {name} 的密码"),
        Lang::En => format!("password of {name} set"),
    }
}

pub fn conflict_added(id: i64, who: &str, what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已登记回避 #{id}：{who} 不参与对 {what} 的检查"),
        Lang::En => format!("conflict #{id} declared: {who} never inspects {what}"),
    }
}

pub fn conflict_headers(lang: Lang) -> Vec<String> {
    v(
        &[
            ("编号", "id"),
            ("检查人员", "inspector"),
            ("检查对象", "enterprise"),
            ("回避原因", "reason"),
            ("登记日期", "declared"),
            ("撤回日期", "withdrawn"),
        ],
        lang,
    )
}

pub fn conflict_withdrawn(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已撤回回避登记 #{id}（记录保留）"),
        Lang::En => format!("conflict #{id} withdrawn (kept on record)"),
    }
}

pub fn first_admin(password: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "首次启动：已创建管理员账号 admin，一次性密码 {password}（只显示这一次，首次登录后须修改）"
        ),
        Lang::En => format!(
            "First start: created the administrator account admin with one-time password {password} (shown only now; it must be changed at the first login)"
        ),
    }
}

pub fn listening(addr: &str, fingerprint: &str, lang: Lang) -> String {
    let port = addr.rsplit(':').next().unwrap_or("2222");
    match lang {
        Lang::Zh => format!(
            "shuangsui 正在监听 {addr}\n主机密钥指纹：{fingerprint}\n连接方法：ssh -p {port} 用户名@服务器地址（按 Ctrl-C 停止服务）\n传文件：sftp -P {port} 用户名@服务器地址（或 Xftp、WinSCP，协议 SFTP，端口 {port}）"
        ),
        Lang::En => format!(
            "shuangsui listening on {addr}\nhost key fingerprint: {fingerprint}\nconnect with: ssh -p {port} USER@SERVER (Ctrl-C stops the server)\nfiles: sftp -P {port} USER@SERVER (or Xftp, WinSCP: protocol SFTP, port {port})"
        ),
    }
}

pub fn config_unreadable(p: &std::path::Path, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取配置文件 {}：{why}", p.display()),
        Lang::En => format!("cannot read the configuration file {}: {why}", p.display()),
    }
}

pub fn config_invalid(p: &std::path::Path, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("配置文件 {} 有误，服务未启动：{why}", p.display()),
        Lang::En => format!(
            "the configuration file {} is wrong; nothing started: {why}",
            p.display()
        ),
    }
}

pub fn stopping(lang: Lang) -> &'static str {
    lang.t("服务器正在停止", "the server is stopping")
}

pub fn no_such_user(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("没有启用的用户 {name}"),
        Lang::En => format!("no enabled user {name}"),
    }
}

pub fn demo_filled(n: &DemoCounts, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "已生成演示数据：检查对象 {} 家、行政处罚 {} 条、举报 {} 条、检查人员 {} 名（含辅助 {} 名）、抽查事项 {} 项、回避 {} 条",
            n.enterprises,
            n.penalties,
            n.complaints,
            n.inspectors,
            n.auxiliary,
            n.items,
            n.conflicts
        ),
        Lang::En => format!(
            "demo data: {} enterprises, {} penalties, {} complaints, {} inspectors ({} auxiliary), {} check items, {} conflicts",
            n.enterprises,
            n.penalties,
            n.complaints,
            n.inspectors,
            n.auxiliary,
            n.items,
            n.conflicts
        ),
    }
}
