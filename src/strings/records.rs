//! Texts of an enterprise's penalties (行政处罚) and complaints (信访举报) entered from its
//! detail (issue 17): the picker's title and lines, the form titles, what is said after a save.

use super::Lang;
use crate::domain::enterprise::{Complaint, Penalty};
use crate::domain::fields::Problem;
use crate::strings::display;

/// The title of the list that opens on `p` (`penalty`) or `t` (complaint).
pub fn pick_title(penalty: bool, lang: Lang) -> &'static str {
    match penalty {
        true => lang.t(
            "行政处罚：新增一条，或选择一条更正",
            "Penalties: add one, or choose one to correct",
        ),
        false => lang.t(
            "信访举报：新增一条，或选择一条更正",
            "Complaints: add one, or choose one to correct",
        ),
    }
}

/// The picker's first line.
pub fn add_new(penalty: bool, lang: Lang) -> &'static str {
    match penalty {
        true => lang.t("新增行政处罚", "Add a penalty"),
        false => lang.t("新增信访举报", "Add a complaint"),
    }
}

/// A penalty as its detail lists it.
pub fn penalty_text(p: &Penalty) -> String {
    display(&format!("{}  {}  {}", p.date, p.doc_no, p.summary))
}

/// A complaint as its detail lists it.
pub fn complaint_text(c: &Complaint, lang: Lang) -> String {
    let verified = match c.verified_on {
        Some(d) => format!("{} {d}", super::ui::label("verified", lang)),
        None => super::ui::label("not_verified", lang).to_string(),
    };
    display(&format!(
        "{}  {}  {verified}  {}",
        c.received, c.ref_no, c.summary
    ))
}

/// A penalty on record, to choose for a correction.
pub fn penalty_line(p: &Penalty, lang: Lang) -> String {
    format!("{} {}", lang.t("更正", "Correct"), penalty_text(p))
}

/// A complaint on record, to choose for a correction.
pub fn complaint_line(c: &Complaint, lang: Lang) -> String {
    format!("{} {}", lang.t("更正", "Correct"), complaint_text(c, lang))
}

/// Beside a record a correction replaced: when (`at`, an audit time stamp).
pub fn superseded(at: &str, lang: Lang) -> String {
    let day = at.get(..10).unwrap_or(at);
    match lang {
        Lang::Zh => format!("（已于 {day} 更正）"),
        Lang::En => format!("(corrected on {day})"),
    }
}

/// The form's title: a new record or a correction.
pub fn form_title(penalty: bool, correction: bool, lang: Lang) -> &'static str {
    match (penalty, correction) {
        (true, false) => lang.t("新增行政处罚", "New penalty"),
        (true, true) => lang.t("更正行政处罚", "Correct a penalty"),
        (false, false) => lang.t("新增信访举报", "New complaint"),
        (false, true) => lang.t("更正信访举报", "Correct a complaint"),
    }
}

/// A record entered under the import's key (a penalty's document number, a complaint's date
/// and reference) on record already, not on record, unchanged; a bad category code.
pub fn problem(p: &Problem, lang: Lang) -> String {
    match p {
        Problem::AlreadyRecorded => lang
            .t(
                "该单位已有此编号的记录，请选择该记录进行更正",
                "already on record for this enterprise: choose that record to correct it",
            )
            .into(),
        Problem::NotOnRecord => lang
            .t(
                "该单位没有这条记录可更正",
                "this enterprise has no such record to correct",
            )
            .into(),
        Problem::Superseded => lang
            .t(
                "该记录已被更正，请选择现行的记录",
                "this record was corrected already: choose the current one",
            )
            .into(),
        Problem::Unchanged => lang
            .t(
                "与已登记的内容相同，未作更改",
                "the same as on record; nothing changed",
            )
            .into(),
        _ => lang
            .t(
                "类别编码为 1 到 32 位小写英文字母或下划线",
                "a category code is 1 to 32 lower-case letters or '_'",
            )
            .into(),
    }
}
