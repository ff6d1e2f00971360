//! Every user-facing string, in Simplified Chinese (default) and English. A leaf above
//! `domain`: it names only `domain` types and primitives. Errors of the layers above carry what
//! their message needs and hand it over (`ServiceError::say` in `service/say.rs`,
//! `exchange/say.rs`), through the small views defined here ([`TableProblem`],
//! [`ImportRefusal`], [`StoreProblem`], `backup::BackupRefusal`, `cli::WriteFailure`).
//! Vocabulary names (类别, 等级, …) live with their enums in `domain`, since import files use
//! them as values.

use crate::domain::classify::{Class, Reason};
use crate::domain::credit_code::CodeError;
use crate::domain::enterprise::RecordError;
use crate::domain::fields::FieldIssue;
use crate::domain::fields::Problem;
use crate::domain::forms::{self, FieldSpec};
use crate::domain::forms::{HeaderIssue, Kind, RowIssue};
use crate::domain::inspector::InspectorError;
use crate::domain::permit::PermitError;
use crate::domain::quota::Group;
use crate::domain::text::TextError;
use crate::domain::user::Role;
use chrono::NaiveDate;
use std::fmt::Display;
use std::path::Path;

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
        Kind::Inspections => lang.t("检查记录", "inspections"),
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
        Problem::AlreadyDeclared(d) => match lang {
            Lang::Zh => format!("该检查人员对该单位的回避已于 {d} 声明且仍有效，无需重复声明"),
            Lang::En => format!("this officer's conflict with this enterprise was declared on {d} and is still in force"),
        },
        Problem::UnknownEnterprise => lang.t("检查对象名录中没有此统一社会信用代码，请先导入该单位", "no enterprise with this credit code; import it first").into(),
        Problem::FutureDate => lang.t("日期不能晚于今天", "the date cannot be in the future").into(),
        Problem::BeforeDraw(d) => match lang {
            Lang::Zh => format!("检查日期不能早于抽取日期 {d}"),
            Lang::En => format!("the inspection cannot be before the draw of {d}"),
        },
        Problem::TooFewOfficers(n) => match lang {
            Lang::Zh => format!("到场执法人员只有 {n} 名，至少需要 2 名（辅助人员不计入）"),
            Lang::En => format!("{n} enforcement officers present; at least 2 (auxiliaries do not count)"),
        },
        Problem::Calendar(e) => calendar_entry(e, lang),
        Problem::NotOnPositiveList => lang.t("该单位本季度不在正面清单上（或统一社会信用代码有误），非现场监管只记录正面清单企业", "not on the positive list this quarter (or a wrong code): off-site records are for positive-list firms").into(),
        Problem::OutsideQuarter(q) => match lang {
            Lang::Zh => format!("日期不在 {q} 季度内"),
            Lang::En => format!("the date is outside {q}"),
        },
        Problem::CaseNumberRequired => lang.t("已立案查处，请填写立案编号", "a case was filed: enter its number").into(),
        Problem::BadCaseNumber => lang.t("立案编号格式不对，应如“唐高环立〔2024〕12号”", "not a case number; write it like 唐高环立〔2024〕12号").into(),
        Problem::UnknownItems(codes) => match lang {
            Lang::Zh => format!("抽查事项清单中没有这些事项编码：{}", codes.join("、")),
            Lang::En => format!("no check items with these codes: {}", codes.join(", ")),
        },
        Problem::UnknownCertificates(certs) => match lang {
            Lang::Zh => format!("检查人员名录中没有这些执法证号：{}", certs.join("、")),
            Lang::En => format!("no inspectors with these certificate numbers: {}", certs.join(", ")),
        },
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
        Problem::BadQuarter => lang
            .t("季度写作 2026Q4 这样的形式", "write the quarter like 2026Q4")
            .into(),
        Problem::NoItem => lang
            .t(
                "抽取须至少选一项检查事项：Enter 打开清单，空格选中",
                "a draw names at least one item: Enter opens the list, Space picks",
            )
            .into(),
        Problem::AlreadyRecorded
        | Problem::NotOnRecord
        | Problem::Superseded
        | Problem::Unchanged
        | Problem::BadCategoryCode => records::problem(p, lang),
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

/// Why a file cannot be read as a table, as its message needs it (built from
/// `exchange::table::TableError`).
#[derive(Clone, Copy)]
pub enum TableProblem<'a> {
    /// The file at the path cannot be read: why.
    Io(&'a str, &'a std::io::Error),
    NotTabular,
    OldExcel,
    Encoding,
    Csv {
        line: u64,
        msg: &'a str,
    },
    Xlsx(&'a str),
    NoHeader,
}

pub fn table_error(e: TableProblem<'_>, lang: Lang) -> String {
    match (e, lang) {
        (TableProblem::Io(p, err), Lang::Zh) => {
            format!("无法读取文件 {p}：{}", io_reason(err, lang))
        }
        (TableProblem::Io(p, err), Lang::En) => format!("cannot read {p}: {err}"),
        (TableProblem::NotTabular, _) => lang
            .t(
                "文件既不是 CSV 也不是 XLSX，请在 Excel 中另存为 .xlsx 或 CSV",
                "the file is neither CSV nor XLSX; save it from Excel as .xlsx or CSV",
            )
            .into(),
        (TableProblem::OldExcel, _) => lang
            .t(
                "这是旧版 Excel 97-2003（.xls）文件，请另存为 .xlsx 或 CSV",
                "this is an old Excel 97-2003 (.xls) file; save it as .xlsx or CSV",
            )
            .into(),
        (TableProblem::Encoding, _) => lang
            .t(
                "文本编码无法识别（应为 UTF-8 或 GB18030），请另存为“CSV UTF-8”",
                "unknown text encoding (expected UTF-8 or GB18030); save as CSV UTF-8",
            )
            .into(),
        (TableProblem::Csv { line, msg }, Lang::Zh) => {
            format!("CSV 格式错误（第 {line} 行）：{msg}")
        }
        (TableProblem::Csv { line, msg }, Lang::En) => format!("CSV error at line {line}: {msg}"),
        (TableProblem::Xlsx(m), Lang::Zh) => format!("XLSX 文件无法读取：{m}"),
        (TableProblem::Xlsx(m), Lang::En) => format!("cannot read the XLSX file: {m}"),
        (TableProblem::NoHeader, _) => lang
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

/// Why an import was refused, as its message needs it (built from `service::ImportError`).
#[derive(Clone, Copy)]
pub enum ImportRefusal<'a> {
    Table(TableProblem<'a>),
    Headers(&'a [HeaderIssue]),
    Rows(&'a [RowIssue]),
}

/// A whole refused import, one problem per line.
pub fn import_error(e: ImportRefusal<'_>, lang: Lang) -> String {
    let mut out = String::new();
    match e {
        ImportRefusal::Table(t) => out.push_str(&table_error(t, lang)),
        ImportRefusal::Headers(hs) => {
            out.push_str(lang.t(
                "表头有误，未导入任何数据：",
                "the header row has problems; nothing was imported:",
            ));
            for h in hs {
                out.push_str("\n  ");
                out.push_str(&header_issue(h, lang));
            }
        }
        ImportRefusal::Rows(rs) => {
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

/// Refused: `role` is needed.
pub fn forbidden(role: Role, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无权执行此操作（需要“{}”角色）", role.zh()),
        Lang::En => format!("permission denied (needs the {} role)", role.en()),
    }
}

/// The record changed since it was read.
pub fn stale(lang: Lang) -> &'static str {
    lang.t(
        "该记录已被他人修改，您的输入已保留；请刷新后重新确认再保存",
        "someone else changed this record; your input is kept: reload and save again",
    )
}

/// Invalid input, one field per line. `kind` names the fields.
pub fn invalid(issues: &[FieldIssue], kind: Option<Kind>, lang: Lang) -> String {
    issues
        .iter()
        .map(|i| {
            let p = problem(&i.problem, lang);
            match kind.map_or_else(
                || any_field(i.field, lang),
                |k| Some(field_of(k, i.field, lang)),
            ) {
                Some(f) => format!("{f}{}{p}", colon(lang)),
                None => p,
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

pub fn exists(what: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已存在：{what}"),
        Lang::En => format!("already exists: {what}"),
    }
}

/// Demo data only goes into an empty database.
pub fn not_empty(lang: Lang) -> &'static str {
    lang.t("数据库中已有检查对象，演示数据只能写入空数据库（可用 --db 指定新文件）", "the database already holds enterprises; demo data goes only into an empty one (use --db for a new file)")
}

/// Why the database failed, as its message needs it (built from `store::StoreError`).
#[derive(Clone, Copy)]
pub enum StoreProblem<'a> {
    Sql(&'a dyn Display),
    NewerSchema {
        found: i64,
        known: i64,
    },
    Folder {
        path: &'a Path,
        source: &'a std::io::Error,
    },
    Corrupt(&'a str),
}

pub fn store_error(e: StoreProblem<'_>, lang: Lang) -> String {
    match (e, lang) {
        (StoreProblem::NewerSchema { found, known }, Lang::Zh) => {
            format!(
                "数据库由较新版本的 shuangsui 写入（结构版本 {found}，本程序支持到 {known}），请使用新版本程序；数据库未作任何改动"
            )
        }
        (StoreProblem::Folder { path, source }, Lang::Zh) => {
            format!(
                "无法创建数据库目录 {}：{}",
                path.display(),
                io_reason(source, lang)
            )
        }
        (StoreProblem::Corrupt(m), Lang::Zh) => format!("数据库中的值无法读取：{m}"),
        (StoreProblem::Sql(m), Lang::Zh) => format!("数据库错误：{m}"),
        (StoreProblem::Sql(m), Lang::En) => format!("database error: {m}"),
        (StoreProblem::NewerSchema { found, known }, Lang::En) => format!(
            "the database has schema version {found}, newer than this program knows ({known}); use a newer shuangsui"
        ),
        (StoreProblem::Folder { path, source }, Lang::En) => {
            format!(
                "cannot create the database folder {}: {source}",
                path.display()
            )
        }
        (StoreProblem::Corrupt(m), Lang::En) => format!("stored value cannot be read: {m}"),
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
        let src = concat!(
            include_str!("../tui/detail/mod.rs"),
            include_str!("../tui/detail/listing.rs")
        );
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

pub mod audit;
pub mod cli;
pub mod desk;

pub mod ui;

pub mod announce;
pub mod backup;
pub mod correction;
pub mod draw;
pub mod evidence;
pub mod followup;
pub mod office;
pub mod prepare;
pub mod publish;
pub mod record;
pub mod records;
pub mod refusal;
pub mod report;
pub mod room;
pub mod setting;
mod shared;
use shared::{any_field, calendar_entry};
pub use shared::{colon, io_reason, labelled, not_found};
pub mod sftp;
pub mod usage;
pub mod wizard;
pub mod words;
pub mod work;
