//! Text of evidence files (佐证材料): refusals, the list in a result's detail and on the command
//! line, and the messages after attaching, withdrawing and copying one.

use super::Lang;
use crate::domain::evidence::{EvidenceProblem, EvidenceRow};
use crate::domain::evidence::{FileKind, FileProblem};

fn kinds(k: &[FileKind]) -> String {
    k.iter().map(|k| k.code()).collect::<Vec<_>>().join(", ")
}

pub fn problem(p: &EvidenceProblem, lang: Lang) -> String {
    match (p, lang) {
        (EvidenceProblem::UnknownResult(id), Lang::Zh) => {
            format!("没有编号为 {id} 的检查结果，未作任何改动")
        }
        (EvidenceProblem::UnknownResult(id), Lang::En) => {
            format!("there is no result {id}; nothing was changed")
        }
        (EvidenceProblem::UnknownEvidence(id), Lang::Zh) => {
            format!("没有编号为 {id} 的佐证材料，未作任何改动")
        }
        (EvidenceProblem::UnknownEvidence(id), Lang::En) => {
            format!("there is no evidence file {id}; nothing was changed")
        }
        (EvidenceProblem::File(f), _) => file_problem(f, lang),
        (EvidenceProblem::NotInInbox(n), Lang::Zh) => {
            format!("收件箱 inbox/ 中没有可读取的文件“{n}”，请先用 SFTP 上传")
        }
        (EvidenceProblem::NotInInbox(n), Lang::En) => {
            format!("no readable file “{n}” in your inbox/; upload it over SFTP first")
        }
        (EvidenceProblem::AlreadyWithdrawn(id), Lang::Zh) => {
            format!("佐证材料 {id} 已经撤回，不能再次撤回")
        }
        (EvidenceProblem::AlreadyWithdrawn(id), Lang::En) => {
            format!("evidence file {id} is already withdrawn")
        }
        (EvidenceProblem::ReasonRequired, Lang::Zh) => {
            "撤回须写明原因（一行，不超过 500 字），未作任何改动".into()
        }
        (EvidenceProblem::ReasonRequired, Lang::En) => {
            "a withdrawal needs a reason (one line, at most 500 characters); nothing was changed"
                .into()
        }
    }
}

pub fn file_problem(p: &FileProblem, lang: Lang) -> String {
    match (p, lang) {
        (FileProblem::Empty, Lang::Zh) => "文件为空，未保存".into(),
        (FileProblem::Empty, Lang::En) => "the file is empty; nothing was kept".into(),
        (FileProblem::TooLarge { size, max_mb }, Lang::Zh) => format!(
            "文件大小 {size} 字节，超过佐证材料上限 {max_mb} MB，未保存（管理员可修改设置 evidence-max-mb）"
        ),
        (FileProblem::TooLarge { size, max_mb }, Lang::En) => format!(
            "the file has {size} bytes, over the evidence limit of {max_mb} MB; nothing was kept (administrators: setting evidence-max-mb)"
        ),
        (FileProblem::Kind { accepted }, Lang::Zh) => format!(
            "不接受此类文件，佐证材料只能是：{}（按扩展名），未保存",
            kinds(accepted)
        ),
        (FileProblem::Kind { accepted }, Lang::En) => format!(
            "this kind of file is refused; evidence may be: {} (by extension); nothing was kept",
            kinds(accepted)
        ),
        (FileProblem::Content { kind }, Lang::Zh) => format!(
            "文件内容不是 {} 格式（扩展名与内容不符），未保存",
            kind.code()
        ),
        (FileProblem::Content { kind }, Lang::En) => format!(
            "the file's content is not {} (its extension does not match it); nothing was kept",
            kind.code()
        ),
    }
}

/// The headers of the evidence list.
pub fn headers(lang: Lang) -> [&'static str; 7] {
    match lang {
        Lang::Zh => ["编号", "文件名", "类型", "大小", "SHA-256", "添加", "状态"],
        Lang::En => ["id", "name", "kind", "size", "SHA-256", "added", "state"],
    }
}

/// The state of an evidence file: in force, or withdrawn with when, by whom and why.
pub fn state(e: &EvidenceRow, lang: Lang) -> String {
    match (&e.withdrawn, lang) {
        (None, Lang::Zh) => "有效".into(),
        (None, Lang::En) => "in force".into(),
        (Some((at, by, why)), Lang::Zh) => format!("已撤回（{} {by}：{why}）", short(at)),
        (Some((at, by, why)), Lang::En) => format!("withdrawn ({} {by}: {why})", short(at)),
    }
}

/// A stamp as `YYYY-MM-DD HH:MM`.
pub fn short(at: &str) -> String {
    at.chars().take(16).collect::<String>().replace('T', " ")
}

/// One line of a result's detail.
pub fn line(e: &EvidenceRow, lang: Lang) -> String {
    format!(
        "#{} {}  {}  {} B  sha256:{}…  {} {}  {}",
        e.id,
        super::display(&e.name),
        e.kind,
        e.size,
        e.sha256.chars().take(12).collect::<String>(),
        short(&e.added_at),
        super::display(&e.added_by),
        state(e, lang)
    )
}

pub fn heading(lang: Lang) -> &'static str {
    lang.t("佐证材料", "evidence files")
}

pub fn none(lang: Lang) -> &'static str {
    lang.t(
        "（无；按 i 从收件箱添加）",
        "(none; i attaches one from your inbox)",
    )
}

pub fn added(id: i64, name: &str, sha: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已添加佐证材料 {id}：{name}（sha256:{sha}）"),
        Lang::En => format!("evidence file {id} added: {name} (sha256:{sha})"),
    }
}

pub fn withdrawn(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("佐证材料 {id} 已撤回，仍留存备查"),
        Lang::En => format!("evidence file {id} withdrawn; it stays on record"),
    }
}

pub fn written(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写出：{path}"),
        Lang::En => format!("written: {path}"),
    }
}

pub fn copied(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已复制到发件箱 outbox/{name}，可用 SFTP 下载"),
        Lang::En => format!("copied to outbox/{name}; download it over SFTP"),
    }
}

pub fn pick_inbox(lang: Lang) -> &'static str {
    lang.t("从收件箱选择佐证材料", "attach a file from your inbox")
}

/// The picker of `w` in a result's detail.
pub fn pick_withdraw(lang: Lang) -> &'static str {
    lang.t(
        "撤回哪个文件（仍留存备查）",
        "withdraw which file (it stays on record)",
    )
}

/// The reason asked for when withdrawing an evidence file.
pub fn withdraw_reason(name: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("撤回“{name}”的原因："),
        Lang::En => format!("Why is “{name}” withdrawn:"),
    }
}

pub fn pick_export(lang: Lang) -> &'static str {
    lang.t("复制哪个文件到发件箱", "copy which file to your outbox")
}

pub fn inbox_empty(lang: Lang) -> &'static str {
    lang.t(
        "收件箱 inbox/ 是空的：请先用 SFTP 上传扫描件或照片",
        "your inbox/ is empty: upload the scan or photo over SFTP first",
    )
}

pub fn no_files(lang: Lang) -> &'static str {
    lang.t("此结果没有佐证材料", "this result has no evidence files")
}

pub fn no_result(lang: Lang) -> &'static str {
    lang.t(
        "尚未录入检查结果，不能添加佐证材料",
        "no result entered yet; evidence is attached to a result",
    )
}

pub fn limits(max_mb: u32, kinds_: &[FileKind], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("佐证材料上限 {max_mb} MB，类型：{}", kinds(kinds_)),
        Lang::En => format!("evidence: at most {max_mb} MB, kinds: {}", kinds(kinds_)),
    }
}

pub fn max_mb_label(lang: Lang) -> &'static str {
    lang.t("佐证材料文件大小上限（MB）", "largest evidence file (MB)")
}

pub fn types_label(lang: Lang) -> &'static str {
    lang.t("佐证材料允许的类型", "evidence file kinds accepted")
}

pub fn bad_types(v: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("“{v}”不是可用的类型列表；可选 pdf、jpg、png、xlsx、docx，用逗号分隔"),
        Lang::En => format!(
            "“{v}” is not a list of kinds; choose from pdf, jpg, png, xlsx, docx, comma separated"
        ),
    }
}

/// The bundle's folder of typical cases.
pub fn bundle_cases(lang: Lang) -> &'static str {
    lang.t("典型案例", "typical-cases")
}

/// The bundle's folder of draw records.
pub fn bundle_draws(lang: Lang) -> &'static str {
    lang.t("抽取记录", "draw-records")
}

pub fn bundle_headers(lang: Lang) -> [&'static str; 8] {
    match lang {
        Lang::Zh => [
            "抽取",
            "统一社会信用代码",
            "检查对象",
            "检查日期",
            "检查结果",
            "发现问题",
            "典型案例说明",
            "佐证材料",
        ],
        Lang::En => [
            "draw",
            "credit code",
            "target",
            "visited",
            "result",
            "findings",
            "note",
            "evidence files",
        ],
    }
}

pub fn bundle_written(path: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "已写出 {path}：{n} 个文件及 SHA256SUMS（解压后 sha256sum -c SHA256SUMS 可校验）"
        ),
        Lang::En => format!(
            "written {path}: {n} files and SHA256SUMS (unpacked, sha256sum -c SHA256SUMS checks them)"
        ),
    }
}

/// The bundle's file name in the outbox.
pub fn bundle_name(quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("佐证材料包-{quarter}.zip"),
        Lang::En => format!("evidence-bundle-{quarter}.zip"),
    }
}
