//! Texts of the import wizard (choose a kind, a file from the inbox, preview, import) and of
//! the registry exports written to the outbox.

use super::ImportRefusal;
use super::Lang;
use crate::domain::forms::{ImportOutcome, Kind};

/// The wizard's title: what is imported and the step.
pub fn title(kind: Option<Kind>, step: usize, lang: Lang) -> String {
    let what = kind.map_or("", |k| super::kind(k, lang));
    let name = match step {
        0 => lang.t("选择数据类别", "what to import"),
        1 => lang.t("选择文件", "choose a file"),
        2 => lang.t("预览与检查", "preview and check"),
        _ => lang.t("导入结果", "result"),
    };
    match (lang, step) {
        (Lang::Zh, 0) => format!(" 导入 · {name} "),
        (Lang::En, 0) => format!(" Import · {name} "),
        (Lang::Zh, _) => format!(" 导入{what} · 第 {step} 步（共 3 步）：{name} "),
        (Lang::En, _) => format!(" Import {what} · step {step} of 3: {name} "),
    }
}

pub fn choose_kind(lang: Lang) -> &'static str {
    lang.t(
        "导入哪一类数据？（文件格式见 docs/import-format.md）",
        "What does the file hold? (formats: docs/import-format.md)",
    )
}

/// What rows of a kind are matched by, shown beside the choice.
pub fn kind_key(kind: Kind, lang: Lang) -> &'static str {
    match kind {
        Kind::Enterprises => lang.t("按统一社会信用代码新增或更新", "by credit code"),
        Kind::Inspectors => lang.t("按人员类别和执法证号", "by kind and certificate"),
        Kind::Items => lang.t("按事项编码", "by item code"),
        Kind::Penalties => lang.t("按信用代码和处罚文书号", "by credit code and document"),
        Kind::Complaints => lang.t(
            "按信用代码、举报日期和举报编号",
            "by credit code, date and number",
        ),
        Kind::Inspections => lang.t(
            "历史检查，按信用代码和检查日期",
            "past inspections, by code and date",
        ),
    }
}

pub fn inbox_heading(lang: Lang) -> &'static str {
    lang.t(
        "收件箱 inbox/ 中的文件（最新的在前）：",
        "Files in your inbox/ (newest first):",
    )
}

/// Column titles of the inbox list.
pub fn inbox_columns(lang: Lang) -> [&'static str; 3] {
    match lang {
        Lang::Zh => ["文件名", "大小", "上传时间"],
        Lang::En => ["file", "size", "uploaded"],
    }
}

/// How to get a file into the inbox.
pub fn inbox_empty(login: &str, lang: Lang) -> Vec<String> {
    match lang {
        Lang::Zh => vec![
            "收件箱是空的。请先用 SFTP 把文件上传到 inbox/ 文件夹，再按 r 刷新：".into(),
            format!("  命令行：sftp -P 2222 {login}@服务器地址，然后 put 文件名.xlsx inbox/"),
            "  WinSCP、FileZilla 等：协议 SFTP，用户名、密码和端口与 SSH 登录相同，".into(),
            "  把文件放进 inbox 文件夹。".into(),
            "可导入 .xlsx 或 CSV（UTF-8 或 GB18030），格式见 docs/import-format.md。".into(),
        ],
        Lang::En => vec![
            "Your inbox is empty. Upload the file to the inbox/ folder over SFTP, then press r:"
                .into(),
            format!("  command line: sftp -P 2222 {login}@SERVER, then put FILE.xlsx inbox/"),
            "  WinSCP, FileZilla, …: protocol SFTP, same user, password and port as SSH;".into(),
            "  put the file into the inbox folder.".into(),
            ".xlsx or CSV (UTF-8 or GB18030); see docs/import-format.md.".into(),
        ],
    }
}

pub fn inbox_error(why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取收件箱：{why}"),
        Lang::En => format!("cannot read the inbox: {why}"),
    }
}

pub fn cannot_read(name: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法读取文件 {name}：{why}（请按 r 刷新列表）"),
        Lang::En => format!("cannot read {name}: {why} (press r to reload the list)"),
    }
}

pub fn too_big(name: &str, size: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("文件 {name} 太大（{size}），最多 64 MB：请分成几个文件导入"),
        Lang::En => {
            format!("{name} is too large ({size}; at most 64 MB): split it into several files")
        }
    }
}

/// A file size in bytes, KB or MB.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b < 1024 => format!("{b} B"),
        b if b < 1024 * 1024 => format!("{:.1} KB", b as f64 / 1024.0),
        b => format!("{:.1} MB", b as f64 / (1024.0 * 1024.0)),
    }
}

pub fn file_line(name: &str, size: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("文件：{name}（{size}）"),
        Lang::En => format!("file: {name} ({size})"),
    }
}

pub fn hash_line(sha256: &str) -> String {
    format!("SHA-256: {sha256}")
}

/// How the file was read.
pub fn read_as(
    format: &str,
    encoding: Option<&str>,
    sheet: Option<&str>,
    header_row: usize,
    rows: usize,
    lang: Lang,
) -> String {
    let mut parts = vec![match lang {
        Lang::Zh => format!("格式：{format}"),
        Lang::En => format!("format: {format}"),
    }];
    if let Some(e) = encoding {
        parts.push(match lang {
            Lang::Zh => format!("编码：{e}"),
            Lang::En => format!("encoding: {e}"),
        });
    }
    if let Some(s) = sheet {
        parts.push(match lang {
            Lang::Zh => format!("工作表：{s}"),
            Lang::En => format!("sheet: {s}"),
        });
    }
    parts.push(match lang {
        Lang::Zh => format!("表头在第 {header_row} 行"),
        Lang::En => format!("header in row {header_row}"),
    });
    parts.push(match lang {
        Lang::Zh => format!("数据 {rows} 行"),
        Lang::En => format!("{rows} data rows"),
    });
    parts.join(" · ")
}

pub fn mapping_heading(lang: Lang) -> &'static str {
    lang.t(
        "列对应（文件中的表头 → 导入的字段）",
        "Columns (file header → field)",
    )
}

pub fn column(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {n} 列"),
        Lang::En => format!("col. {n}"),
    }
}

pub fn ignored(lang: Lang) -> &'static str {
    lang.t("忽略（不导入）", "ignored")
}

pub fn blank(lang: Lang) -> &'static str {
    lang.t("空列，跳过", "empty, skipped")
}

pub fn unknown(suggestion: Option<&str>, lang: Lang) -> String {
    match (suggestion, lang) {
        (Some(s), Lang::Zh) => format!("✗ 无法识别（是否应为“{s}”？）"),
        (Some(s), Lang::En) => format!("✗ not known (did you mean {s:?}?)"),
        (None, _) => lang.t("✗ 无法识别", "✗ not known").into(),
    }
}

pub fn repeated(first: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("✗ 与第 {first} 列重复"),
        Lang::En => format!("✗ repeats column {first}"),
    }
}

pub fn sample_heading(shown: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("前 {shown} 行数据"),
        Lang::En => format!("First {shown} rows"),
    }
}

/// The title of the row-number column of the sample.
pub fn row_column(lang: Lang) -> &'static str {
    lang.t("行", "row")
}

/// The preview's verdict, near its top: the file would import.
pub fn verdict_ok(o: &ImportOutcome, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "✓ 检查通过：{} 行，将新增 {}，更新 {}，无变化 {}；按 y 导入",
            o.rows, o.created, o.updated, o.unchanged
        ),
        Lang::En => format!(
            "✓ all {} rows are valid: {} new, {} changed, {} unchanged; press y to import",
            o.rows, o.created, o.updated, o.unchanged
        ),
    }
}

/// The preview's verdict: the file would be refused (details under the check heading).
pub fn verdict_bad(e: ImportRefusal<'_>, lang: Lang) -> String {
    let what = match (e, lang) {
        (ImportRefusal::Rows(rs), Lang::Zh) => {
            let rows = rs
                .iter()
                .map(|r| r.row)
                .collect::<std::collections::BTreeSet<_>>();
            format!("{} 行有误（共 {} 处）", rows.len(), rs.len())
        }
        (ImportRefusal::Rows(rs), Lang::En) => {
            let rows = rs
                .iter()
                .map(|r| r.row)
                .collect::<std::collections::BTreeSet<_>>();
            format!("{} rows have problems ({} in all)", rows.len(), rs.len())
        }
        (ImportRefusal::Headers(hs), Lang::Zh) => format!("表头有 {} 处问题", hs.len()),
        (ImportRefusal::Headers(hs), Lang::En) => format!("{} header problems", hs.len()),
        (ImportRefusal::Table(_), _) => lang.t("文件无法读取", "the file cannot be read").into(),
    };
    match lang {
        Lang::Zh => format!("✗ 不能导入：{what}，见下方“检查结果”（↓ 滚动）"),
        Lang::En => format!("✗ cannot import: {what}; see Check below (↓ scrolls)"),
    }
}

pub fn check_heading(lang: Lang) -> &'static str {
    lang.t("检查结果", "Check")
}

pub fn warnings_heading(lang: Lang) -> &'static str {
    lang.t("请留意（已接受）：", "Accepted, but worth a look:")
}

pub fn press_y(rows: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("按 y 导入全部 {rows} 行：全部成功，或出错时全部不导入；Esc 返回。"),
        Lang::En => {
            format!(
                "Press y to import all {rows} rows: all of them, or none on any error; Esc goes back."
            )
        }
    }
}

pub fn fix_and_upload(lang: Lang) -> &'static str {
    lang.t(
        "请在 Excel 中修改文件，重新上传到 inbox/，按 Esc 回到文件列表再选择该文件。",
        "Fix the file in Excel, upload it to inbox/ again, press Esc and choose it again.",
    )
}

pub fn refused(lang: Lang) -> &'static str {
    lang.t(
        "文件有误，不能导入：请修改后重新上传（问题见下方“检查结果”）",
        "the file has problems and cannot be imported: fix it and upload again (see Check)",
    )
}

pub fn audited(lang: Lang) -> &'static str {
    lang.t(
        "审计日志已记录文件名和 SHA-256。按 Enter 返回列表。",
        "The audit trail records the file name and SHA-256. Press Enter to return to the list.",
    )
}

pub fn failed(lang: Lang) -> &'static str {
    lang.t(
        "导入未完成，未写入任何数据：",
        "The import did not complete; nothing was written:",
    )
}

/// A list written to the outbox: how many records, whether all or those shown, the files.
pub fn exported(n: usize, narrowed: bool, names: &[String], lang: Lang) -> String {
    match (lang, narrowed) {
        (Lang::Zh, true) => format!("已导出当前显示的 {n} 条：{}", names.join("、")),
        (Lang::Zh, false) => format!("已导出全部 {n} 条：{}", names.join("、")),
        (Lang::En, true) => format!("exported the {n} records shown: {}", names.join(", ")),
        (Lang::En, false) => format!("exported all {n} records: {}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(900), "900 B");
        assert_eq!(size(12_600), "12.3 KB");
        assert_eq!(size(3 * 1024 * 1024), "3.0 MB");
    }
}
