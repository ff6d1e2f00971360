//! Text of rectification follow-ups (整改跟踪): states, refusals of a re-check, the list.

use super::Lang;
use crate::domain::followup::FollowUpProblem;
use crate::domain::followup::{Outcome, RecheckProblem, Status};

pub fn status(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Overdue => lang.t("整改逾期", "fix overdue"),
        Status::Open => lang.t("待复查", "to re-check"),
        Status::Closed => lang.t("已复查", "re-checked"),
    }
}

pub fn outcome(o: Outcome, lang: Lang) -> &'static str {
    lang.t(o.zh(), o.en())
}

pub fn problem(p: &FollowUpProblem, lang: Lang) -> String {
    match (p, lang) {
        (FollowUpProblem::UnknownResult(id), Lang::Zh) => {
            format!("没有编号为 {id} 的检查结果，未作任何改动")
        }
        (FollowUpProblem::UnknownResult(id), Lang::En) => {
            format!("there is no result {id}; nothing was changed")
        }
        (FollowUpProblem::NotFollowedUp(id), Lang::Zh) => {
            format!("检查结果 {id} 没有整改跟踪（未发现问题或未设整改期限），未作任何改动")
        }
        (FollowUpProblem::NotFollowedUp(id), Lang::En) => format!(
            "result {id} has no follow-up (no problem found or no rectification deadline); nothing was changed"
        ),
        (FollowUpProblem::Recheck(ps), _) => ps
            .iter()
            .map(|p| recheck_problem(p, lang))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn recheck_problem(p: &RecheckProblem, lang: Lang) -> String {
    match (p, lang) {
        (RecheckProblem::AlreadyClosed, Lang::Zh) => {
            "该整改跟踪已复查关闭，不能再次复查，未作任何改动".into()
        }
        (RecheckProblem::AlreadyClosed, Lang::En) => {
            "this follow-up is already closed by a re-check; nothing was changed".into()
        }
        (RecheckProblem::BeforeVisit(d), Lang::Zh) => format!("复查日期不能早于检查日期 {d}"),
        (RecheckProblem::BeforeVisit(d), Lang::En) => {
            format!("the re-check cannot be before the visit on {d}")
        }
        (RecheckProblem::FutureDate, Lang::Zh) => "复查日期不能晚于今天".into(),
        (RecheckProblem::FutureDate, Lang::En) => "the re-check date is in the future".into(),
        (RecheckProblem::TooFewOfficers(n), Lang::Zh) => {
            format!("复查须有至少 2 名执法人员在场（现有 {n} 名）")
        }
        (RecheckProblem::TooFewOfficers(n), Lang::En) => {
            format!("a re-check needs at least 2 enforcement officers present (got {n})")
        }
        (RecheckProblem::UnknownOfficers(v), Lang::Zh) => {
            format!("不是在册执法人员：{}", v.join("、"))
        }
        (RecheckProblem::UnknownOfficers(v), Lang::En) => {
            format!("not enforcement officers on record: {}", v.join(", "))
        }
        (RecheckProblem::CaseNumberRequired, Lang::Zh) => "未整改须立案，请填写立案编号".into(),
        (RecheckProblem::CaseNumberRequired, Lang::En) => {
            "not rectified means a case is filed: give its case number".into()
        }
        (RecheckProblem::BadCaseNumber, Lang::Zh) => {
            "立案编号格式不对，应如“唐高环立〔2024〕12号”".into()
        }
        (RecheckProblem::BadCaseNumber, Lang::En) => {
            "the case number is not written like 唐高环立〔2024〕12号".into()
        }
        (RecheckProblem::RemarkRequired, Lang::Zh) => "结果为“其他”时须填写说明（一行）".into(),
        (RecheckProblem::RemarkRequired, Lang::En) => {
            "an outcome of “other” needs a remark (one line)".into()
        }
    }
}

pub fn headers(lang: Lang) -> Vec<String> {
    let h: [&str; 8] = match lang {
        Lang::Zh => [
            "结果编号",
            "抽取",
            "检查对象",
            "检查日期",
            "整改期限",
            "状态",
            "复查",
            "检查人员",
        ],
        Lang::En => [
            "result", "draw", "target", "visited", "deadline", "state", "re-check", "team",
        ],
    };
    h.map(String::from).to_vec()
}

pub fn closed(id: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("检查结果 {id} 的整改跟踪已复查关闭"),
        Lang::En => format!("the follow-up of result {id} is closed by the re-check"),
    }
}

pub fn bad_outcome(v: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "“{v}”不是复查结果；可选 已整改（rectified）、未整改（not_rectified）、其他（other）"
        ),
        Lang::En => format!(
            "“{v}” is not an outcome; use rectified (已整改), not_rectified (未整改) or other (其他)"
        ),
    }
}

pub fn overdue_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("整改逾期未复查：{n} 项（在“检查结果”页选中后按 c 复查）"),
        Lang::En => format!("follow-ups overdue: {n} (re-check with c on the results tab)"),
    }
}

pub fn open_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("整改待复查：{n} 项（在“检查结果”页选中后按 c 复查）"),
        Lang::En => format!("follow-ups to re-check: {n} (re-check with c on the results tab)"),
    }
}

/// The follow-ups of the quarter in a sentence, for the summary draft.
pub fn summary(c: &crate::domain::figures::FollowUpCounts, lang: Lang) -> String {
    let (n, closed, fixed, case, other) =
        (c.opened, c.closed(), c.rectified, c.case_filed, c.other);
    let (open, overdue) = (c.open, c.overdue);
    match lang {
        Lang::Zh => format!(
            "责令整改的 {n} 项中，已复查 {closed} 项（已整改 {fixed} 项，未整改立案 {case} 项，其他 {other} 项），待复查 {open} 项，整改逾期未复查 {overdue} 项。"
        ),
        Lang::En => format!(
            "Of {n} follow-ups, {closed} were re-checked ({fixed} rectified, {case} not rectified with a case filed, {other} other), {open} are to re-check and {overdue} are overdue."
        ),
    }
}
