//! Every user-facing string, in Simplified Chinese (default) and English. Domain and service
//! errors are typed; this module renders them for people. Vocabulary names (类别, 等级, …)
//! live with their enums in `domain`, since import files use them as values.

use crate::domain::classify::{Class, Reason};
use crate::domain::credit_code::CodeError;
use crate::domain::enterprise::RecordError;
use crate::domain::fields::Problem;
use crate::domain::forms::{self, FieldSpec};
use crate::domain::inspector::InspectorError;
use crate::domain::permit::PermitError;
use crate::domain::quota::Group;
use crate::domain::text::TextError;
use crate::exchange::import::{HeaderIssue, Kind, RowIssue};
use crate::exchange::table::TableError;
use crate::service::{ImportError, ServiceError};
use crate::store::StoreError;
use chrono::NaiveDate;

/// The interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// `zh`, `zh_CN.UTF-8`, `en`, `en_US`, … ; anything else is Chinese.
    pub fn parse(s: &str) -> Lang {
        if s.to_ascii_lowercase().starts_with("en") {
            Lang::En
        } else {
            Lang::Zh
        }
    }

    /// Picks the text for this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// A field's name.
pub fn field(spec: &FieldSpec, lang: Lang) -> &'static str {
    lang.t(spec.zh, spec.en)
}

/// A field's name by key within a kind (falls back to the key).
pub fn field_of(kind: Kind, key: &str, lang: Lang) -> String {
    forms::spec(kind.specs(), key).map_or_else(|| key.to_string(), |s| field(s, lang).to_string())
}

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Enterprises => lang.t("检查对象", "enterprises"),
        Kind::Inspectors => lang.t("检查人员", "inspectors"),
        Kind::Items => lang.t("抽查事项", "check items"),
        Kind::Penalties => lang.t("行政处罚", "penalties"),
        Kind::Complaints => lang.t("信访举报", "complaints"),
    }
}

fn text_error(e: &TextError, lang: Lang) -> String {
    match (e, lang) {
        (TextError::Empty, Lang::Zh) => "必填项为空，请填写".into(),
        (TextError::Empty, Lang::En) => "required, please fill in".into(),
        (TextError::TooLong { len, max }, Lang::Zh) => format!("过长：{len} 个字符，最多 {max} 个"),
        (TextError::TooLong { len, max }, Lang::En) => {
            format!("too long: {len} characters, at most {max}")
        }
        (TextError::ControlChar(c), Lang::Zh) => {
            format!("含有不允许的控制字符或转义序列（U+{c:04X}），请删除")
        }
        (TextError::ControlChar(c), Lang::En) => format!(
            "contains a forbidden control character or escape sequence (U+{c:04X}); remove it"
        ),
    }
}

fn code_error(e: &CodeError, lang: Lang) -> String {
    match (e, lang) {
        (CodeError::Empty, _) => text_error(&TextError::Empty, lang),
        (CodeError::ExcelNumber(_), Lang::Zh) => "代码被 Excel 转成了数字，位数已丢失：请把该列设为“文本”格式后重新输入".into(),
        (CodeError::ExcelNumber(_), Lang::En) => "Excel turned the code into a number and lost digits: format the column as Text and enter it again".into(),
        (CodeError::Length(n), Lang::Zh) => format!("统一社会信用代码应为 18 位，实际 {n} 位"),
        (CodeError::Length(n), Lang::En) => format!("a credit code has 18 characters, this has {n}"),
        (CodeError::BadChar { pos, ch }, Lang::Zh) => format!("第 {pos} 位字符“{ch}”不允许（代码不含 I、O、S、V、Z）"),
        (CodeError::BadChar { pos, ch }, Lang::En) => format!("character {pos} ({ch:?}) is not allowed (codes have no I, O, S, V, Z)"),
        (CodeError::Check { expected, found }, Lang::Zh) => {
            format!("校验码错误：第 18 位应为“{expected}”，实际为“{found}”；请核对代码（早期试点代码可由管理员在“代码校验豁免”列填“是”）")
        }
        (CodeError::Check { expected, found }, Lang::En) => {
            format!("wrong check character: should be {expected:?}, is {found:?}; check the code (an administrator may waive the check for early pilot codes)")
        }
    }
}

fn permit_error(e: &PermitError, lang: Lang) -> String {
    match (e, lang) {
        (PermitError::Length(n), Lang::Zh) => format!("排污许可证编号应为 22 位，实际 {n} 位"),
        (PermitError::Length(n), Lang::En) => {
            format!("a permit number has 22 characters, this has {n}")
        }
        (PermitError::UnitCode, Lang::Zh) => "前 18 位不是有效的单位代码".into(),
        (PermitError::UnitCode, Lang::En) => "the first 18 characters are not a unit code".into(),
        (PermitError::Sequence, Lang::Zh) => "第 19–21 位应为数字序号".into(),
        (PermitError::Sequence, Lang::En) => "characters 19-21 must be digits".into(),
        (PermitError::Suffix, Lang::Zh) => "最后一位应为大写字母".into(),
        (PermitError::Suffix, Lang::En) => "the last character must be a capital letter".into(),
        (PermitError::CodeMismatch, Lang::Zh) => "前 18 位与统一社会信用代码不一致".into(),
        (PermitError::CodeMismatch, Lang::En) => {
            "the first 18 characters differ from the credit code".into()
        }
    }
}

fn record_error(e: &RecordError, lang: Lang) -> String {
    match e {
        RecordError::PermitMismatch => permit_error(&PermitError::CodeMismatch, lang),
        RecordError::PeriodOrder => lang.t("结束日期早于开始日期", "the end date is before the start date").into(),
        RecordError::VerifiedDate => lang.t("“是否查实”与“查实日期”不一致：查实的须填查实日期，未查实的不填", "verified and verification date disagree: a verified complaint needs the date, an unverified one none").into(),
        RecordError::VerifiedBeforeReceived => lang.t("查实日期早于举报日期", "verified before it was received").into(),
    }
}

fn inspector_error(e: &InspectorError, lang: Lang) -> String {
    match e {
        InspectorError::MissingCert => lang
            .t(
                "执法人员必须填写执法证号",
                "an enforcement officer needs a certificate number",
            )
            .into(),
        InspectorError::MissingReason => lang
            .t(
                "不在岗的人员须填写原因",
                "give the reason the person is inactive",
            )
            .into(),
        InspectorError::AuxTypeForOfficer => lang
            .t(
                "执法人员不填辅助人员类型",
                "auxiliary type is only for auxiliary inspectors",
            )
            .into(),
    }
}

/// Explains a field problem and how to fix it.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::Text(e) => text_error(e, lang),
        Problem::Code(e) => code_error(e, lang),
        Problem::Permit(e) => permit_error(e, lang),
        Problem::Record(e) => record_error(e, lang),
        Problem::Inspector(e) => inspector_error(e, lang),
        Problem::NumberInCodeCell => code_error(&CodeError::ExcelNumber(String::new()), lang),
        Problem::UnknownValue { allowed } => match lang {
            Lang::Zh => format!("不是可选值，可选：{}", allowed.join("、")),
            Lang::En => format!("not an allowed value; allowed: {}", allowed.join(", ")),
        },
        Problem::BadBool => lang.t("应填“是”或“否”", "expected yes or no (是/否)").into(),
        Problem::BadDate => lang.t("不是有效日期，请写成 2024-03-05", "not a valid date; write e.g. 2024-03-05").into(),
        Problem::BadNumber { min, max } => match lang {
            Lang::Zh => format!("应为 {min} 到 {max} 之间的整数"),
            Lang::En => format!("expected a whole number from {min} to {max}"),
        },
        Problem::DuplicateInFile { first_row } => match lang {
            Lang::Zh => format!("与第 {first_row} 行重复，同一文件中只能出现一次"),
            Lang::En => format!("repeats row {first_row}; each record may appear once per file"),
        },
        Problem::UnknownEnterprise => lang.t("检查对象名录中没有此统一社会信用代码，请先导入该单位", "no enterprise with this credit code; import it first").into(),
        Problem::FutureDate => lang.t("日期不能晚于今天", "the date cannot be in the future").into(),
        Problem::CheckWaived => lang.t("校验码不符，已按管理员豁免接受（早期试点代码）", "check character fails; accepted as waived by an administrator (pilot code)").into(),
        Problem::BadUserName => lang.t("用户名须为 1–32 位小写字母、数字或 . _ -，以字母开头", "user names are 1-32 lower-case letters, digits, '.', '_' or '-', starting with a letter").into(),
        Problem::NoRole => lang.t("至少指定一个角色", "give at least one role").into(),
        Problem::ShortPassword(n) => match lang {
            Lang::Zh => format!("密码至少 {n} 个字符"),
            Lang::En => format!("a password needs at least {n} characters"),
        },
        Problem::MustBeAfter(d) => match lang {
            Lang::Zh => format!("生效日期须晚于当前版本的生效日期 {d}"),
            Lang::En => format!("must be after the current version's date {d}"),
        },
    }
}

pub fn header_issue(h: &HeaderIssue, lang: Lang) -> String {
    match (h, lang) {
        (
            HeaderIssue::Unknown {
                column,
                header,
                suggestion: Some(s),
            },
            Lang::Zh,
        ) => format!("第 {column} 列表头“{header}”无法识别，是否应为“{s}”？"),
        (
            HeaderIssue::Unknown {
                column,
                header,
                suggestion: Some(s),
            },
            Lang::En,
        ) => format!("column {column}: header {header:?} is not known; did you mean {s:?}?"),
        (
            HeaderIssue::Unknown {
                column,
                header,
                suggestion: None,
            },
            Lang::Zh,
        ) => format!("第 {column} 列表头“{header}”无法识别（可用表头见 docs/import-format.md）"),
        (
            HeaderIssue::Unknown {
                column,
                header,
                suggestion: None,
            },
            Lang::En,
        ) => format!("column {column}: header {header:?} is not known (see docs/import-format.md)"),
        (HeaderIssue::Missing { field }, Lang::Zh) => format!("缺少必需的列“{}”", field.zh),
        (HeaderIssue::Missing { field }, Lang::En) => format!(
            "the required column {:?} ({}) is missing",
            field.zh, field.en
        ),
        (HeaderIssue::Repeated { field, columns }, Lang::Zh) => {
            format!("第 {} 列和第 {} 列都是“{}”", columns.0, columns.1, field.zh)
        }
        (HeaderIssue::Repeated { field, columns }, Lang::En) => format!(
            "columns {} and {} both hold {:?}",
            columns.0, columns.1, field.zh
        ),
    }
}

pub fn table_error(e: &TableError, lang: Lang) -> String {
    match (e, lang) {
        (TableError::Io(p, err), Lang::Zh) => format!("无法读取文件 {p}：{err}"),
        (TableError::Io(p, err), Lang::En) => format!("cannot read {p}: {err}"),
        (TableError::NotTabular, _) => lang
            .t(
                "文件既不是 CSV 也不是 XLSX，请在 Excel 中另存为 .xlsx 或 CSV",
                "the file is neither CSV nor XLSX; save it from Excel as .xlsx or CSV",
            )
            .into(),
        (TableError::OldExcel, _) => lang
            .t(
                "这是旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 或 CSV",
                "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV",
            )
            .into(),
        (TableError::Encoding, _) => lang
            .t(
                "文本编码无法识别（应为 UTF-8 或 GB18030），请另存为“CSV UTF-8”",
                "unknown text encoding (expected UTF-8 or GB18030); save as CSV UTF-8",
            )
            .into(),
        (TableError::Csv { line, msg }, Lang::Zh) => format!("CSV 格式错误（第 {line} 行）：{msg}"),
        (TableError::Csv { line, msg }, Lang::En) => format!("CSV error at line {line}: {msg}"),
        (TableError::Xlsx(m), Lang::Zh) => format!("XLSX 文件无法读取：{m}"),
        (TableError::Xlsx(m), Lang::En) => format!("cannot read the XLSX file: {m}"),
        (TableError::NoHeader, _) => lang
            .t("文件中没有表头行", "the file has no header row")
            .into(),
    }
}

/// One bad cell as a report line.
pub fn row_issue(i: &RowIssue, lang: Lang) -> String {
    let value = crate::domain::text::sanitize_for_display(&i.value);
    match lang {
        Lang::Zh => format!(
            "第 {} 行，“{}”列，值“{}”：{}",
            i.row,
            i.column,
            value,
            problem(&i.problem, lang)
        ),
        Lang::En => format!(
            "row {}, column {:?}, value {:?}: {}",
            i.row,
            i.column,
            value,
            problem(&i.problem, lang)
        ),
    }
}

/// A whole refused import, one problem per line.
pub fn import_error(e: &ImportError, lang: Lang) -> String {
    let mut out = String::new();
    match e {
        ImportError::Table(t) => out.push_str(&table_error(t, lang)),
        ImportError::Headers(hs) => {
            out.push_str(lang.t(
                "表头有误，未导入任何数据：",
                "the header row has problems; nothing was imported:",
            ));
            for h in hs {
                out.push_str("\n  ");
                out.push_str(&header_issue(h, lang));
            }
        }
        ImportError::Rows(rs) => {
            let rows = rs
                .iter()
                .map(|r| r.row)
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            out.push_str(&match lang {
                Lang::Zh => format!("{rows} 行有误（共 {} 处），未导入任何数据。请修改后重新导入：", rs.len()),
                Lang::En => format!("{rows} rows have problems ({} in all); nothing was imported. Fix them and import again:", rs.len()),
            });
            for r in rs {
                out.push_str("\n  ");
                out.push_str(&row_issue(r, lang));
            }
        }
    }
    out
}

/// A service error for people. `kind` names the fields of invalid input.
pub fn service_error(e: &ServiceError, kind: Option<Kind>, lang: Lang) -> String {
    match e {
        ServiceError::Forbidden(r) => match lang {
            Lang::Zh => format!("无权执行此操作（需要“{}”角色）", r.zh()),
            Lang::En => format!("permission denied (needs the {} role)", r.en()),
        },
        ServiceError::NotFound(what) => match lang {
            Lang::Zh => format!("未找到：{what}"),
            Lang::En => format!("not found: {what}"),
        },
        ServiceError::Stale => lang.t("该记录已被他人修改，您的输入已保留；请刷新后重新确认再保存", "someone else changed this record; your input is kept: reload and save again").into(),
        ServiceError::Invalid(issues) => issues
            .iter()
            .map(|i| {
                let f = kind.map_or_else(|| i.field.to_string(), |k| field_of(k, i.field, lang));
                format!("{f}：{}", problem(&i.problem, lang))
            })
            .collect::<Vec<_>>()
            .join("\n"),
        ServiceError::Exists(what) => match lang {
            Lang::Zh => format!("已存在：{what}"),
            Lang::En => format!("already exists: {what}"),
        },
        ServiceError::NotEmpty => lang.t("数据库中已有检查对象，演示数据只能写入空数据库（可用 --db 指定新文件）", "the database already holds enterprises; demo data goes only into an empty one (use --db for a new file)").into(),
        ServiceError::Import(i) => import_error(i, lang),
        ServiceError::Draw(p) => draw::problem(p, lang),
        ServiceError::Store(s) => store_error(s, lang),
    }
}

fn store_error(e: &StoreError, lang: Lang) -> String {
    match (e, lang) {
        (StoreError::NewerSchema { found, known }, Lang::Zh) => {
            format!(
                "数据库由较新版本的 shuangsui 写入（结构版本 {found}，本程序支持到 {known}），请使用新版本程序；数据库未作任何改动"
            )
        }
        (StoreError::Folder { path, source }, Lang::Zh) => {
            format!("无法创建数据库目录 {}：{source}", path.display())
        }
        (StoreError::Corrupt(m), Lang::Zh) => format!("数据库中的值无法读取：{m}"),
        (StoreError::Sql(m), Lang::Zh) => format!("数据库错误：{m}"),
        (e, Lang::En) => e.to_string(),
    }
}

pub fn class(c: Class, lang: Lang) -> &'static str {
    match c {
        Class::Key => lang.t("重点监管", "key"),
        Class::Special => lang.t("特殊监管", "special"),
        Class::General => lang.t("一般监管", "general"),
    }
}

pub fn group(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Key => lang.t("重点监管对象", "key"),
        Group::Special => lang.t("特殊监管对象", "special"),
        Group::General => lang.t("一般监管对象（正面清单外）", "general (not positive list)"),
        Group::PositiveList => lang.t("正面清单企业（非现场）", "positive list (off-site)"),
    }
}

fn since(d: &Option<NaiveDate>, lang: Lang) -> String {
    match (d, lang) {
        (Some(d), Lang::Zh) => format!("（自 {d} 起）"),
        (Some(d), Lang::En) => format!(" (since {d})"),
        (None, _) => String::new(),
    }
}

/// A classification reason: rule, fact and date.
pub fn reason(r: &Reason, lang: Lang) -> String {
    match (r, lang) {
        (Reason::LowCredit { rating }, Lang::Zh) => {
            format!("特殊监管：生态环境信用评价为 {} 级", rating.code())
        }
        (Reason::LowCredit { rating }, Lang::En) => {
            format!("special: eco-credit rating {}", rating.code())
        }
        (Reason::Listed { level, since: s }, Lang::Zh) => {
            format!("特殊监管：被{}挂牌督办{}", level.zh(), since(s, lang))
        }
        (Reason::Listed { level, since: s }, Lang::En) => format!(
            "special: listed for supervision by the {}{}",
            level.en(),
            since(s, lang)
        ),
        (Reason::Penalized { date, doc_no }, Lang::Zh) => {
            format!("特殊监管：上一季度受到行政处罚（{date}，{doc_no}）")
        }
        (Reason::Penalized { date, doc_no }, Lang::En) => {
            format!("special: administrative penalty in the previous quarter ({date}, {doc_no})")
        }
        (
            Reason::ComplaintVerified {
                received,
                verified_on,
            },
            Lang::Zh,
        ) => format!("特殊监管：上一季度群众举报查实（举报 {received}，查实 {verified_on}）"),
        (
            Reason::ComplaintVerified {
                received,
                verified_on,
            },
            Lang::En,
        ) => format!(
            "special: complaint verified in the previous quarter (received {received}, verified {verified_on})"
        ),
        (Reason::PositiveList { since: s }, Lang::Zh) => format!(
            "一般监管：列入生态环境监督执法正面清单{}，实行非现场监管",
            since(s, lang)
        ),
        (Reason::PositiveList { since: s }, Lang::En) => format!(
            "general: on the positive list{}, supervised off-site",
            since(s, lang)
        ),
        (Reason::KeyUnit, _) => lang
            .t(
                "重点监管：列入重点排污单位名录",
                "key: on the key-pollutant-unit list",
            )
            .into(),
        (Reason::KeyPermit, _) => lang
            .t(
                "重点监管：排污许可重点管理",
                "key: permit category key management",
            )
            .into(),
        (Reason::Default, _) => lang
            .t(
                "一般监管：不符合重点、特殊监管条件",
                "general: no key or special condition holds",
            )
            .into(),
    }
}

/// A condition that holds but was overridden by precedence (S5.1).
pub fn overridden(r: &Reason, winner: Class, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "（依 S5.1 以{}为准，不适用）{}",
            class(winner, lang),
            reason(r, lang)
        ),
        Lang::En => format!(
            "(overridden by {} per S5.1) {}",
            class(winner, lang),
            reason(r, lang)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_issues_are_explained_in_chinese() {
        let i = RowIssue {
            row: 7,
            column: "统一社会信用代码".into(),
            value: "91350100M000100Y44".into(),
            problem: Problem::Code(CodeError::Check {
                expected: '3',
                found: '4',
            }),
        };
        let s = row_issue(&i, Lang::Zh);
        assert!(
            s.starts_with("第 7 行，“统一社会信用代码”列，值“91350100M000100Y44”：校验码错误"),
            "{s}"
        );
    }

    #[test]
    fn every_label_used_by_the_ui_exists() {
        let src = include_str!("tui/detail.rs");
        let keys: Vec<&str> = src
            .split("ui::label(\"")
            .skip(1)
            .filter_map(|r| r.split('"').next())
            .collect();
        assert!(keys.len() > 20);
        for k in keys {
            assert!(
                !ui::label(k, Lang::Zh).is_empty() && !ui::label(k, Lang::En).is_empty(),
                "{k}"
            );
        }
    }

    #[test]
    fn values_with_escapes_are_shown_harmlessly() {
        let i = RowIssue {
            row: 2,
            column: "单位名称".into(),
            value: "a\x1b[2Jb".into(),
            problem: Problem::Text(TextError::ControlChar(0x1b)),
        };
        assert!(!row_issue(&i, Lang::Zh).contains('\x1b'));
    }
}

/// Text from the database or a file made safe to print on a terminal.
pub fn display(s: &str) -> String {
    crate::domain::text::sanitize_for_display(s)
}

/// Messages of the command line.
pub mod cli {
    use super::Lang;
    use crate::demo::DemoCounts;
    use crate::domain::quarter::Quarter;
    use crate::domain::quota::Group;
    use crate::exchange::import::Kind;
    use crate::exchange::table::Format;
    use crate::exchange::write::WriteError;
    use crate::service::ImportOutcome;
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
                "没有设置项“{s}”；可选：key, special, general, positive, internal-joint, classified"
            ),
            Lang::En => format!(
                "no setting {s:?}; use key, special, general, positive, internal-joint or classified"
            ),
        }
    }

    pub fn cannot_open(p: &Path, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("无法打开数据库 {}", p.display()),
            Lang::En => format!("cannot open the database {}", p.display()),
        }
    }

    pub fn cannot_read(p: &Path, e: &std::io::Error, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("无法读取 {}：{e}", p.display()),
            Lang::En => format!("cannot read {}: {e}", p.display()),
        }
    }

    pub fn initialised(p: &Path, version: i64, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("数据库已就绪：{}（结构版本 {version}）", p.display()),
            Lang::En => format!("database ready: {} (schema version {version})", p.display()),
        }
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

    pub fn write_failed(e: &WriteError, lang: Lang) -> String {
        match (e, lang) {
            (WriteError::Extension(p), Lang::Zh) => {
                format!("无法识别的文件类型：{p}（请用 .csv 或 .xlsx）")
            }
            (e, Lang::Zh) => format!("写文件失败：{e}"),
            (e, Lang::En) => e.to_string(),
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
            &[
                ("设置项", "setting"),
                ("含义", "meaning"),
                ("比例", "ratio"),
            ],
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
                "shuangsui 正在监听 {addr}\n主机密钥指纹：{fingerprint}\n连接方法：ssh -p {port} 用户名@服务器地址（按 Ctrl-C 停止服务）"
            ),
            Lang::En => format!(
                "shuangsui listening on {addr}\nhost key fingerprint: {fingerprint}\nconnect with: ssh -p {port} USER@SERVER (Ctrl-C stops the server)"
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
}

/// Texts of the terminal UI.
pub mod ui {
    use super::Lang;

    /// The tabs, full and short (for narrow terminals).
    pub fn tab(id: usize, lang: Lang) -> (&'static str, &'static str) {
        const T: [(&str, &str, &str, &str); 9] = [
            ("首页", "首页", "Home", "Home"),
            ("检查对象", "对象", "Enterprises", "Firms"),
            ("检查人员", "人员", "Inspectors", "Staff"),
            ("抽查事项", "事项", "Check items", "Items"),
            ("抽查计划/摇号", "摇号", "Plans/draws", "Draws"),
            ("检查结果", "结果", "Results", "Results"),
            ("统计报表", "报表", "Reports", "Reports"),
            ("审计日志", "审计", "Audit log", "Audit"),
            ("用户", "用户", "Users", "Users"),
        ];
        let t = T.get(id).copied().unwrap_or(("", "", "", ""));
        match lang {
            Lang::Zh => (t.0, t.1),
            Lang::En => (t.2, t.3),
        }
    }

    /// Column titles and short labels of the registry screens, by key.
    pub fn label(key: &str, lang: Lang) -> &'static str {
        const LABELS: &[(&str, &str, &str)] = &[
            ("name", "单位名称", "Name"),
            ("credit_code", "统一社会信用代码", "Credit code"),
            ("class", "类别", "Class"),
            ("area", "所在区域", "Area"),
            ("status", "状态", "Status"),
            ("active", "在岗", "active"),
            ("inactive", "不在岗", "inactive"),
            ("name_2", "姓名", "Name"),
            ("kind", "类别", "Kind"),
            ("section", "科室", "Section"),
            ("cert_no", "证号", "Cert. no."),
            ("expertise", "业务专长", "Expertise"),
            ("code", "编码", "Code"),
            ("item", "事项名称", "Item"),
            ("method", "方式", "Method"),
            ("from", "生效日期", "From"),
            ("ver", "版本", "Ver."),
            ("user", "用户名", "User"),
            ("roles", "角色", "Roles"),
            ("time", "时间", "Time"),
            ("actor", "操作人", "Actor"),
            ("action", "操作", "Action"),
            ("record", "对象", "Record"),
            ("summary", "摘要", "Summary"),
            ("verified", "查实", "verified"),
            ("not_verified", "未查实", "not verified"),
            ("user_2", "用户名", "user"),
            ("name_3", "姓名", "name"),
            ("roles_2", "角色", "roles"),
            ("keys", "公钥数", "keys"),
            ("status_2", "状态", "status"),
            ("withdrawn", "已撤回", "withdrawn"),
        ];
        LABELS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or("", |(_, zh, en)| lang.t(zh, en))
    }

    pub fn not_built(lang: Lang) -> &'static str {
        lang.t(
            "此功能尚未完成，将在后续版本中提供。",
            "This part is not built yet; it comes in a later version.",
        )
    }

    pub fn too_small(w: u16, h: u16, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("终端窗口太小：当前 {w}×{h}，至少需要 80×24。请放大窗口。"),
            Lang::En => format!(
                "Terminal too small: {w}×{h}, at least 80×24 is needed. Please enlarge the window."
            ),
        }
    }

    pub fn status(
        user: &str,
        roles: &str,
        quarter: &str,
        online: usize,
        time: &str,
        lang: Lang,
    ) -> String {
        match lang {
            Lang::Zh => format!(" {user} · {roles} · {quarter} · 在线 {online} 人 · {time}"),
            Lang::En => format!(" {user} · {roles} · {quarter} · {online} online · {time}"),
        }
    }

    /// Key hint labels: (key text, zh, en).
    pub fn key_label(action: &str, lang: Lang) -> &'static str {
        let (zh, en) = match action {
            "quit" => ("退出", "quit"),
            "help" => ("帮助", "help"),
            "tabs" => ("切换页", "tabs"),
            "move" => ("移动", "move"),
            "page" => ("翻页", "page"),
            "ends" => ("首/末行", "first/last"),
            "search" => ("搜索", "search"),
            "sort" => ("排序", "sort"),
            "filter" => ("筛选", "filter"),
            "open" => ("详情", "details"),
            "back" => ("返回", "back"),
            "keep" => ("保留搜索", "keep search"),
            "clear" => ("清除搜索", "clear search"),
            "redraw" => ("重绘", "redraw"),
            "close" => ("关闭", "close"),
            "scroll" => ("滚动", "scroll"),
            "pick" => ("选择", "pick"),
            "save" => ("保存", "save"),
            "next_field" => ("下一项", "next field"),
            "prev_field" => ("上一项", "previous field"),
            "choose" => ("选择/下一项", "choose/next"),
            "cancel" => ("取消", "cancel"),
            "new" => ("新增", "new"),
            "edit" => ("编辑", "edit"),
            "deactivate" => ("停用/注销", "deactivate"),
            "toggle" => ("勾选", "toggle"),
            "yes" => ("是", "yes"),
            "no" => ("否", "no"),
            _ => ("", ""),
        };
        lang.t(zh, en)
    }

    pub fn help_title(lang: Lang) -> &'static str {
        lang.t("帮助：本页按键", "Help: keys of this screen")
    }

    pub fn sort_title(lang: Lang) -> &'static str {
        lang.t(
            "按哪一列排序（再选一次则倒序）",
            "Sort by which column (again to reverse)",
        )
    }

    pub fn filter_title(lang: Lang) -> &'static str {
        lang.t("按哪一列筛选", "Filter by which column")
    }

    pub fn filter_value_title(column: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("“{column}”等于"),
            Lang::En => format!("{column} is"),
        }
    }

    pub fn filter_all(lang: Lang) -> &'static str {
        lang.t("（全部，不筛选）", "(all: no filter)")
    }

    pub fn filtered(lang: Lang) -> &'static str {
        lang.t("筛选：", "filter: ")
    }

    pub fn search_prompt(lang: Lang) -> &'static str {
        lang.t(
            "搜索（名称、代码或拼音首字母）：",
            "Search (name, code or pinyin initials): ",
        )
    }

    pub fn count(shown: usize, total: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{shown}/{total} 条"),
            Lang::En => format!("{shown}/{total}"),
        }
    }

    pub fn no_rows(lang: Lang) -> &'static str {
        lang.t("（没有符合条件的记录）", "(no matching records)")
    }

    pub fn updated(lang: Lang) -> &'static str {
        lang.t(
            "数据已被其他用户更新，已刷新",
            "data changed by another user: refreshed",
        )
    }

    pub fn welcome(name: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("欢迎，{name}。"),
            Lang::En => format!("Welcome, {name}."),
        }
    }

    pub fn home_quotas(quarter: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{quarter} 各类检查对象与应抽查数量（S6）"),
            Lang::En => format!("{quarter}: targets and required numbers per class (S6)"),
        }
    }

    pub fn section(name: &str, lang: Lang) -> &'static str {
        let (zh, en) = match name {
            "fields" => ("基本信息", "Record"),
            "class" => ("本季度监管类别", "Class this quarter"),
            "penalties" => ("行政处罚", "Penalties"),
            "complaints" => ("信访举报", "Complaints"),
            "conflicts" => ("回避登记", "Declared conflicts"),
            "history" => ("变更记录", "Change history"),
            "none" => ("（无）", "(none)"),
            _ => ("", ""),
        };
        lang.t(zh, en)
    }

    pub fn must_change_password(lang: Lang) -> &'static str {
        lang.t(
            "首次登录须设置新密码（至少 8 个字符）。输入新密码后按 Enter：",
            "First login: set a new password (at least 8 characters), then press Enter:",
        )
    }

    pub fn repeat_password(lang: Lang) -> &'static str {
        lang.t(
            "再次输入新密码后按 Enter：",
            "Type the new password again, then press Enter:",
        )
    }

    pub fn passwords_differ(lang: Lang) -> &'static str {
        lang.t(
            "两次输入不一致，请重新输入",
            "the two entries differ; try again",
        )
    }

    pub fn password_changed(lang: Lang) -> &'static str {
        lang.t("新密码已保存", "new password saved")
    }

    pub fn no_pty(lang: Lang) -> &'static str {
        lang.t(
            "shuangsui 需要交互式终端（请用 ssh -t 或在客户端中启用伪终端）。\r\n",
            "shuangsui needs an interactive terminal (use ssh -t, or enable a pseudo-terminal in your client).\r\n",
        )
    }

    pub fn refused_request(lang: Lang) -> &'static str {
        lang.t(
            "不支持该请求：本服务器只提供交互界面。\r\n",
            "Not supported: this server offers the interactive interface only.\r\n",
        )
    }

    pub fn idle_logout(lang: Lang) -> &'static str {
        lang.t(
            "长时间未操作，已自动退出。\r\n",
            "Logged out after a long idle time.\r\n",
        )
    }

    pub fn bye(lang: Lang) -> &'static str {
        lang.t("已退出 shuangsui。\r\n", "Left shuangsui.\r\n")
    }

    pub fn form_title(new: bool, what: &str, lang: Lang) -> String {
        match (lang, new) {
            (Lang::Zh, true) => format!("新增{what}"),
            (Lang::Zh, false) => format!("编辑{what}"),
            (Lang::En, true) => format!("New {what}"),
            (Lang::En, false) => format!("Edit {what}"),
        }
    }

    pub fn saved(lang: Lang) -> &'static str {
        lang.t("已保存", "saved")
    }

    pub fn fix_fields(n: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("有 {n} 项需要修改，见各项旁的说明；未保存"),
            Lang::En => format!("{n} fields need fixing (see beside them); nothing saved"),
        }
    }

    pub fn discard(lang: Lang) -> &'static str {
        lang.t("放弃未保存的修改？", "Discard the unsaved changes?")
    }

    pub fn quit_unsaved(lang: Lang) -> &'static str {
        lang.t(
            "表单中有未保存的修改，仍要退出？",
            "A form has unsaved changes. Quit anyway?",
        )
    }

    pub fn picker_title(lang: Lang) -> &'static str {
        lang.t("选择（可输入筛选）", "Choose (type to filter)")
    }

    pub fn deactivate_prompt(what: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("停用/注销“{what}”：请输入原因后按 Enter（Esc 取消）"),
            Lang::En => {
                format!("Deactivate {what:?}: type the reason and press Enter (Esc cancels)")
            }
        }
    }

    pub fn deactivated(lang: Lang) -> &'static str {
        lang.t("已停用（记录保留）", "deactivated (kept on record)")
    }

    pub fn crashed(lang: Lang) -> &'static str {
        lang.t(
            "内部错误，本会话已结束（其他用户不受影响）。\r\n",
            "Internal error: this session ended (others are not affected).\r\n",
        )
    }
}

/// The draw (issue 4): plans, preparation, entropy, reveal, certificates.
pub mod draw {
    use super::Lang;
    use crate::domain::draw::{DrawError, Mismatch, Refusal, SeedError, Stratum};
    use crate::domain::inspector::InspectorKind;
    use crate::domain::quarter::Quarter;
    use crate::service::DrawProblem;
    use std::path::Path;

    fn role(k: InspectorKind, lang: Lang) -> &'static str {
        match k {
            InspectorKind::Officer => lang.t("执法人员", "officers"),
            InspectorKind::Auxiliary => lang.t("辅助检查人员", "auxiliary inspectors"),
        }
    }

    pub fn stratum(s: Stratum, lang: Lang) -> &'static str {
        match s {
            Stratum::Key => lang.t("重点监管对象", "key"),
            Stratum::Special => lang.t("特殊监管对象", "special"),
            Stratum::General => lang.t("一般监管对象", "general"),
            Stratum::All => lang.t("全部检查对象（不分类）", "all (unclassified)"),
        }
    }

    /// One refusal of the feasibility check: what is missing.
    pub fn refusal(r: &Refusal, lang: Lang) -> String {
        match (r, lang) {
            (Refusal::BadField { part, key, field }, Lang::Zh) => {
                format!("{}中的 {key}：字段 {field} 为空或含控制字符", part.code())
            }
            (Refusal::BadCreditCode { code }, Lang::Zh) => {
                format!("检查对象 {code} 的统一社会信用代码不是 18 位有效字符")
            }
            (Refusal::DuplicateCandidate { code }, Lang::Zh) => format!("检查对象 {code} 出现多次"),
            (Refusal::DuplicateInspector { id }, Lang::Zh) => {
                format!("检查人员编号 {id} 出现多次（执法证号重复）")
            }
            (Refusal::DuplicateConflict { inspector, code }, Lang::Zh) => {
                format!("回避关系 {inspector} / {code} 重复申报")
            }
            (Refusal::DuplicateItem { item }, Lang::Zh) => format!("检查事项 {item} 重复列出"),
            (Refusal::TeamSize { size }, Lang::Zh) => {
                format!("每组执法人员 {size} 人，须为 2–4 人")
            }
            (Refusal::AuxiliariesPerTeam { per_team }, Lang::Zh) => {
                format!("每组辅助检查人员 {per_team} 人，最多 2 人")
            }
            (Refusal::JointShare { bp }, Lang::Zh) => {
                format!("内部联合检查比例 {bp} 个基点超过 100%")
            }
            (Refusal::ZeroWorkloadCap, Lang::Zh) => "每人任务上限为 0".into(),
            (Refusal::NothingToDraw, Lang::Zh) => {
                "本次抽取数量为 0，没有可抽取的检查对象（本季度计划可能已完成）".into()
            }
            (
                Refusal::CountExceedsPopulation {
                    stratum: st,
                    count,
                    population,
                },
                Lang::Zh,
            ) => format!(
                "{}：要求抽取 {count} 家，只有 {population} 家候选",
                stratum(*st, lang)
            ),
            (
                Refusal::TooFew {
                    role: k,
                    available,
                    needed,
                },
                Lang::Zh,
            ) => format!(
                "{}：可用 {available} 人，至少需要 {needed} 人",
                role(*k, lang)
            ),
            (
                Refusal::Capacity {
                    role: k,
                    needed,
                    capacity,
                },
                Lang::Zh,
            ) => format!(
                "{}：需要 {needed} 人次，按每人任务上限最多 {capacity} 人次",
                role(*k, lang)
            ),
            (Refusal::TooFewSections { sections }, Lang::Zh) => {
                format!("需要内部联合检查，但执法人员只来自 {sections} 个科室（至少需要 2 个）")
            }
            (
                Refusal::JointCapacity {
                    section,
                    needed,
                    capacity,
                },
                Lang::Zh,
            ) => format!(
                "{needed} 个联合检查组需要 {section} 以外的执法人员，按任务上限最多 {capacity} 人次"
            ),
            (
                Refusal::TargetTooFew {
                    code,
                    role: k,
                    available,
                    needed,
                },
                Lang::Zh,
            ) => format!(
                "检查对象 {code}：无回避关系的{}只有 {available} 人，需要 {needed} 人",
                role(*k, lang)
            ),
            (Refusal::TargetOneSection { code }, Lang::Zh) => {
                format!("检查对象 {code}：无回避关系的执法人员都在同一科室")
            }
            (r, Lang::En) => r.to_string(),
        }
    }

    pub fn draw_error(e: &DrawError, lang: Lang) -> String {
        match (e, lang) {
            (DrawError::Refused(rs), _) => refusals(rs, lang),
            (
                DrawError::NoTeam {
                    code,
                    role: k,
                    slot,
                    ..
                },
                Lang::Zh,
            ) => format!(
                "检查对象 {code} 的第 {} 个{}岗位找不到符合条件的人员",
                slot + 1,
                role(*k, lang)
            ),
            (DrawError::Seed(s), Lang::Zh) => seed_error(s, lang),
            (e, Lang::En) => e.to_string(),
        }
    }

    fn seed_error(e: &SeedError, lang: Lang) -> String {
        match (e, lang) {
            (SeedError::CommitmentMismatch { .. }, Lang::Zh) => {
                "服务器密钥与事先公布的承诺值不符".into()
            }
            (SeedError::SecretTooShort { len }, Lang::Zh) => {
                format!("服务器密钥只有 {len} 字节，至少需要 16 字节")
            }
            (SeedError::NoOutsideInput, Lang::Zh) => {
                "没有见证人熵值也没有公开随机值：种子将由一方单独控制".into()
            }
            (e, Lang::En) => e.to_string(),
        }
    }

    fn refusals(rs: &[Refusal], lang: Lang) -> String {
        let mut out = lang
            .t(
                "抽取被拒绝，未作任何改动。缺少的条件：",
                "the draw is refused; nothing was changed. What is missing:",
            )
            .to_string();
        for r in rs {
            out.push_str("\n  ");
            out.push_str(&refusal(r, lang));
        }
        out
    }

    fn status(s: &str, lang: Lang) -> &str {
        match s {
            "prepared" => lang.t("已准备（未揭晓）", "prepared"),
            "revealed" => lang.t("已揭晓", "revealed"),
            other => other,
        }
    }

    pub fn status_label(s: &str, lang: Lang) -> String {
        status(s, lang).to_string()
    }

    pub fn problem(p: &DrawProblem, lang: Lang) -> String {
        match (p, lang) {
            (DrawProblem::Refused { refusals: rs }, _) => refusals(rs, lang),
            (DrawProblem::Failed { error }, _) => draw_error(error, lang),
            (DrawProblem::Status { id, status: st }, Lang::Zh) => format!(
                "抽取 {id} 当前状态为“{}”，不能执行此操作；未作任何改动",
                status(st, lang)
            ),
            (DrawProblem::Status { id, status: st }, Lang::En) => {
                format!("draw {id} is {st}; this cannot be done now; nothing was changed")
            }
            (DrawProblem::EntropyTooShort { chars }, Lang::Zh) => format!(
                "见证人输入的随机字符串只有 {chars} 个字符，至少需要 {} 个",
                crate::service::MIN_ENTROPY_CHARS
            ),
            (DrawProblem::EntropyTooShort { chars }, Lang::En) => format!(
                "the witness text has {chars} characters; at least {} needed",
                crate::service::MIN_ENTROPY_CHARS
            ),
            (DrawProblem::TooFewWitnesses { have, need }, Lang::Zh) => format!(
                "见证人熵值来自 {have} 位见证人，至少需要 {need} 位（或录入公开随机值）；未作任何改动"
            ),
            (DrawProblem::TooFewWitnesses { have, need }, Lang::En) => {
                format!("entropy from {have} witnesses; at least {need} needed (or a public value)")
            }
            (DrawProblem::NoPublicSource { id }, Lang::Zh) => {
                format!("抽取 {id} 准备时未指定公开随机值来源，不能录入公开值")
            }
            (DrawProblem::NoPublicSource { id }, Lang::En) => {
                format!("draw {id} named no public source when prepared")
            }
            (DrawProblem::UnknownItem { code }, Lang::Zh) => {
                format!("检查事项 {code} 不存在或已不在有效期内")
            }
            (DrawProblem::UnknownItem { code }, Lang::En) => {
                format!("check item {code} does not exist or is not in force")
            }
            (DrawProblem::BadText { field }, Lang::Zh) => {
                format!("{field}：不能为空、不能含控制字符、最多 200 字")
            }
            (DrawProblem::BadText { field }, Lang::En) => {
                format!("{field}: must be non-empty, without control characters, at most 200")
            }
        }
    }

    pub fn mismatch(m: &Mismatch, lang: Lang) -> String {
        let detail = serde_json::to_string(m).unwrap_or_default();
        let what = match m {
            Mismatch::Version { .. } => lang.t("算法版本不同", "algorithm version differs"),
            Mismatch::Hash { .. } => {
                lang.t("快照或参数哈希不符", "snapshot or parameter hash differs")
            }
            Mismatch::Commitment { .. } => {
                lang.t("密钥与承诺值不符", "secret does not match the commitment")
            }
            Mismatch::SeedInput { .. } => lang.t("种子输入不合规则", "seed inputs break a rule"),
            Mismatch::Seed { .. } => lang.t("种子不符", "seed differs"),
            Mismatch::Draw { .. } => lang.t(
                "记录的输入无法完成抽取",
                "the recorded inputs do not allow a draw",
            ),
            Mismatch::Stratum { .. } => {
                lang.t("抽取分层或总体数不符", "strata or population differ")
            }
            Mismatch::Selected { .. } => lang.t("抽中的检查对象不符", "a drawn target differs"),
            Mismatch::Team { .. } => lang.t("检查组不符", "a team differs"),
        };
        format!("{what}：{detail}")
    }

    pub fn invalid_certificate(n: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("INVALID：证书有 {n} 处与重新计算的结果不符"),
            Lang::En => format!("INVALID: {n} differences from the recomputation"),
        }
    }

    pub fn unreadable_certificate(p: &Path, e: &dyn std::fmt::Display, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("无法读取证书文件 {}：{e}", p.display()),
            Lang::En => format!("cannot read the certificate {}: {e}", p.display()),
        }
    }

    pub fn prepared(id: i64, label: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("已准备抽取 {id}（{label}），状态：已准备。快照已冻结："),
            Lang::En => format!("prepared draw {id} ({label}); snapshot frozen:"),
        }
    }

    pub fn sizes(candidates: usize, inspectors: usize, conflicts: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "  候选检查对象 {candidates} 家，检查人员 {inspectors} 人，回避关系 {conflicts} 条"
            ),
            Lang::En => {
                format!("  {candidates} candidates, {inspectors} inspectors, {conflicts} conflicts")
            }
        }
    }

    pub fn no_section(people: &[String], lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "  注意：以下 {} 名在岗人员未登记科室，未纳入本次抽取：{}",
                people.len(),
                people.join("、")
            ),
            Lang::En => format!(
                "  note: {} active people have no section recorded and were left out: {}",
                people.len(),
                people.join(", ")
            ),
        }
    }

    pub fn hash_line(name: &str, hex: &str, lang: Lang) -> String {
        let label = match name {
            "candidates" => lang.t("检查对象快照哈希", "candidates hash"),
            "inspectors" => lang.t("检查人员快照哈希", "inspectors hash"),
            "conflicts" => lang.t("回避关系快照哈希", "conflicts hash"),
            "params" | "parameters" => lang.t("抽取参数哈希", "parameters hash"),
            "commitment" => lang.t("服务器密钥承诺值", "commitment"),
            "seed" => lang.t("随机种子", "seed"),
            "secret" => lang.t("服务器密钥（已公开）", "secret (revealed)"),
            other => other,
        };
        format!("  {label}：{hex}")
    }

    pub fn quota_line(s: Stratum, k: u32, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("  {}：抽取 {k} 家", stratum(s, lang)),
            Lang::En => format!("  {}: {k} to draw", stratum(s, lang)),
        }
    }

    pub fn entropy_added(id: i64, hash: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("已为抽取 {id} 记录见证人熵值，SHA-256：{hash}"),
            Lang::En => format!("entropy recorded for draw {id}; SHA-256: {hash}"),
        }
    }

    pub fn entropy_prompt(lang: Lang) -> &'static str {
        lang.t(
            "请输入随机字符串（至少 8 个字符，不回显），按回车结束：",
            "type a random string (at least 8 characters, not echoed), then Enter:",
        )
    }

    pub fn public_value_set(id: i64, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("已为抽取 {id} 录入公开随机值"),
            Lang::En => format!("public value recorded for draw {id}"),
        }
    }

    pub fn revealed(id: i64, label: &str, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("抽取 {id}（{label}）已揭晓："),
            Lang::En => format!("draw {id} ({label}) revealed:"),
        }
    }

    pub fn targets_title(s: Stratum, population: u64, n: usize, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "{}（候选 {population} 家，抽中 {n} 家）：",
                stratum(s, lang)
            ),
            Lang::En => format!("{} ({population} candidates, {n} drawn):", stratum(s, lang)),
        }
    }

    pub fn team_headers(lang: Lang) -> Vec<String> {
        [
            ("信用代码", "credit code"),
            ("检查对象", "enterprise"),
            ("联合", "joint"),
            ("组长", "lead"),
            ("执法人员", "officers"),
            ("辅助人员", "auxiliaries"),
        ]
        .iter()
        .map(|(z, e)| lang.t(z, e).to_string())
        .collect()
    }

    pub fn exported(id: i64, p: &Path, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("抽取 {id} 的证书已写入 {}", p.display()),
            Lang::En => format!("certificate of draw {id} written to {}", p.display()),
        }
    }

    pub fn list_headers(lang: Lang) -> Vec<String> {
        [
            ("编号", "id"),
            ("季度", "quarter"),
            ("标识", "label"),
            ("状态", "status"),
            ("见证人", "witnesses"),
            ("准备人", "prepared by"),
            ("准备时间", "prepared at"),
            ("揭晓时间", "revealed at"),
        ]
        .iter()
        .map(|(z, e)| lang.t(z, e).to_string())
        .collect()
    }

    pub fn show_field(name: &str, value: &str, lang: Lang) -> String {
        let label = match name {
            "id" => lang.t("编号", "id"),
            "label" => lang.t("标识", "label"),
            "quarter" => lang.t("季度", "quarter"),
            "status" => lang.t("状态", "status"),
            "prepared" => lang.t("准备", "prepared"),
            "revealed" => lang.t("揭晓时间", "revealed at"),
            "public_source" => lang.t("公开随机值来源", "public source"),
            "public_value" => lang.t("公开随机值", "public value"),
            "min_witnesses" => lang.t("至少见证人数", "witnesses needed"),
            "entropy" => lang.t("见证人熵值（SHA-256）", "entropy (SHA-256)"),
            other => other,
        };
        format!("{label}：{value}")
    }

    pub fn plan_title(q: Quarter, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!("{q} 季度抽查计划："),
            Lang::En => format!("plan of {q}:"),
        }
    }

    pub fn plan_headers(lang: Lang) -> Vec<String> {
        [
            ("类别", "group"),
            ("总数", "population"),
            ("比例", "ratio"),
            ("应抽", "required"),
            ("已抽", "drawn"),
            ("剩余", "remaining"),
        ]
        .iter()
        .map(|(z, e)| lang.t(z, e).to_string())
        .collect()
    }

    pub fn bad_quota(lang: Lang) -> &'static str {
        lang.t(
            "请同时给出 --key、--special、--general 三个数量，或只给出 --unclassified",
            "give all of --key, --special and --general, or --unclassified alone",
        )
    }

    pub fn no_entropy(lang: Lang) -> &'static str {
        lang.t("未读到见证人输入", "no witness input was read")
    }
}
