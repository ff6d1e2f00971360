//! Text of corrections and objections (更正 / 异议): kinds, decisions, states, the fields a
//! correction changes, refusals, the list and what was done.

use super::Lang;
use crate::domain::correction::{CorrectionProblem, Decision, Field, Kind, Problem, Status};
use crate::domain::fields::FieldIssue;
use crate::domain::forms;

pub fn kind(k: Kind, lang: Lang) -> &'static str {
    match k {
        Kind::Objection => lang.t("异议", "objection"),
        Kind::Correction => lang.t("更正", "correction"),
    }
}

pub fn decision(d: Decision, lang: Lang) -> &'static str {
    match d {
        Decision::Uphold => lang.t("维持", "upheld"),
        Decision::Correct => lang.t("更正", "corrected"),
    }
}

pub fn status(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Pending => lang.t("待决定", "to decide"),
        Status::Upheld => lang.t("已维持", "upheld"),
        Status::Corrected => lang.t("已更正", "corrected"),
    }
}

/// A field's name as the correction notice shows it.
pub fn field(f: Field, lang: Lang) -> &'static str {
    match f {
        Field::Date => lang.t("检查日期", "inspection date"),
        Field::Category => lang.t("检查结果", "result"),
        Field::Items => lang.t("抽查事项", "check items"),
        Field::Findings => lang.t("发现问题", "findings"),
        Field::RectifyBy => lang.t("整改期限", "rectification deadline"),
        Field::CaseNo => lang.t("立案编号", "case number"),
    }
}

/// An empty value in a before/after pair.
pub fn none(lang: Lang) -> &'static str {
    lang.t("无", "none")
}

pub fn headers(lang: Lang) -> Vec<String> {
    let h: [&str; 9] = match lang {
        Lang::Zh => [
            "编号",
            "结果",
            "对象",
            "类别",
            "收到日期",
            "提出人",
            "内容",
            "状态",
            "决定",
        ],
        Lang::En => [
            "id", "result", "target", "kind", "received", "from", "content", "state", "decision",
        ],
    };
    h.map(String::from).to_vec()
}

/// A decided case: the decision, its reason, when and by whom.
pub fn decided(d: Decision, reason: &str, on: &str, by: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}（{on}，{by}）：{reason}", decision(d, lang)),
        Lang::En => format!("{} ({on}, {by}): {reason}", decision(d, lang)),
    }
}

pub fn filed(id: i64, k: Kind, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已登记{}，编号 {id}，待领导决定", kind(k, lang)),
        Lang::En => format!(
            "{} {id} recorded, awaiting a leader's decision",
            kind(k, lang)
        ),
    }
}

pub fn decided_done(id: i64, version: Option<i64>, lang: Lang) -> String {
    match (version, lang) {
        (Some(v), Lang::Zh) => {
            format!("第 {id} 号已决定更正，检查结果更正为第 {v} 版（原版本留存）")
        }
        (Some(v), Lang::En) => {
            format!(
                "case {id} decided: corrected, the result is now version {v} (the old one kept)"
            )
        }
        (None, Lang::Zh) => format!("第 {id} 号已决定维持原检查结果"),
        (None, Lang::En) => format!("case {id} decided: the result stands"),
    }
}

pub fn corrections_published(n: usize, quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{quarter} 更正公示：{n} 条更正"),
        Lang::En => format!("{quarter} correction notice: {n} corrections"),
    }
}

pub fn bad_decision(s: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法识别的决定“{s}”：应为 维持 或 更正（uphold / correct）"),
        Lang::En => format!("unknown decision {s:?}: use uphold (维持) or correct (更正)"),
    }
}

pub fn problem(p: &CorrectionProblem, lang: Lang) -> String {
    match (p, lang) {
        (CorrectionProblem::UnknownResult(id), Lang::Zh) => {
            format!("没有编号为 {id} 的检查结果，未作任何改动")
        }
        (CorrectionProblem::UnknownResult(id), Lang::En) => {
            format!("there is no result {id}; nothing was changed")
        }
        (CorrectionProblem::UnknownCase(id), Lang::Zh) => {
            format!("没有编号为 {id} 的异议或更正，未作任何改动")
        }
        (CorrectionProblem::UnknownCase(id), Lang::En) => {
            format!("there is no objection or correction {id}; nothing was changed")
        }
        (CorrectionProblem::Refused(ps), _) => ps
            .iter()
            .map(|p| refusal(p, lang))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn refusal(p: &Problem, lang: Lang) -> String {
    match (p, lang) {
        (Problem::NotPublished, Lang::Zh) => {
            "该检查结果尚未公示：未公示的结果通过审核退回修改，不作更正，未作任何改动".into()
        }
        (Problem::NotPublished, Lang::En) => "this result is not published: an unpublished result is returned for rework, not corrected; nothing was changed".into(),
        (Problem::AlreadyPending, Lang::Zh) => {
            "该检查结果已有待决定的异议或更正，请先由领导决定".into()
        }
        (Problem::AlreadyPending, Lang::En) => {
            "this result already has an objection or correction awaiting decision".into()
        }
        (Problem::FutureDate, Lang::Zh) => "收到日期不能晚于今天".into(),
        (Problem::FutureDate, Lang::En) => "the date received is in the future".into(),
        (Problem::BeforePublication(d), Lang::Zh) => format!("收到日期不能早于公示日期 {d}"),
        (Problem::BeforePublication(d), Lang::En) => {
            format!("the date received cannot be before the publication on {d}")
        }
        (Problem::FromRequired, Lang::Zh) => "请填写异议提出人".into(),
        (Problem::FromRequired, Lang::En) => "say who raised the objection".into(),
        (Problem::ContentRequired, Lang::Zh) => "请填写异议内容或更正原因".into(),
        (Problem::ContentRequired, Lang::En) => {
            "say what the objection is, or why the result is corrected".into()
        }
        (Problem::NothingToCorrect, Lang::Zh) => {
            "更正须改变检查结果的至少一项（日期、结果、事项、发现问题、整改期限、立案编号）".into()
        }
        (Problem::NothingToCorrect, Lang::En) => "a correction must change at least one field (date, result, items, findings, rectification deadline, case number)".into(),
        (Problem::ChangesWithUphold, Lang::Zh) => "决定维持时不能更改检查结果".into(),
        (Problem::ChangesWithUphold, Lang::En) => "an upheld result takes no changes".into(),
        (Problem::AlreadyDecided, Lang::Zh) => "该异议或更正已经决定，不能再次决定，未作任何改动".into(),
        (Problem::AlreadyDecided, Lang::En) => {
            "this objection or correction is already decided; nothing was changed".into()
        }
        (Problem::ReasonRequired, Lang::Zh) => "请填写决定理由".into(),
        (Problem::ReasonRequired, Lang::En) => "give the reason for the decision".into(),
    }
}

pub fn heading_cases(lang: Lang) -> &'static str {
    lang.t("异议与更正", "Objections and corrections")
}

pub fn current_version(lang: Lang) -> &'static str {
    lang.t("当前版本", "current version")
}

/// A version a correction replaced.
pub fn version_line(v: i64, inspected_on: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{v}版（已被更正）：{inspected_on}"),
        Lang::En => format!("version {v} (corrected): {inspected_on}"),
    }
}

/// The title of the objection form and of the decision form.
pub fn form_title(decision: bool, lang: Lang) -> &'static str {
    match decision {
        false => lang.t("登记异议/更正", "Objection or correction"),
        true => lang.t("决定维持/更正", "Decide: uphold or correct"),
    }
}

/// Refused input of a case or of the result it corrects, one `field：problem` per line, the
/// fields named as the forms name them.
pub fn invalid(issues: &[FieldIssue], lang: Lang) -> String {
    let specs = || {
        forms::OBJECTION
            .iter()
            .chain(forms::DECISION)
            .chain(forms::RESULT)
    };
    issues
        .iter()
        .map(|i| {
            let name = (specs().find(|s| s.key == i.field)).map_or_else(
                || i.field.to_string(),
                |s| super::field(s, lang).to_string(),
            );
            format!("{name}：{}", super::problem(&i.problem, lang))
        })
        .collect::<Vec<_>>()
        .join("\n")
}
