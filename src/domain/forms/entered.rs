//! The forms of what is entered in the system rather than imported from files: inspection
//! results, calendar days, off-site checks, department-joint inspections and their targets —
//! their fields and the builders that read what was typed.

use super::*;

/// The fields of an inspection result (entered in the system, not imported).
pub const RESULT: &[FieldSpec] = &[
    fs("inspected_on", "检查日期", "inspection date", &[], true),
    fs("present", "实际到场人员", "team present", &[], true),
    fs("items", "检查事项", "items checked", &[], true),
    fs("category", "检查结果", "result", &[], true),
    fs("findings", "发现问题及处理情况", "findings", &[], false),
    fs("rectify_by", "整改期限", "rectify by", &[], false),
    fs("case_no", "立案编号", "case number", &[], false),
    fs(
        "mobile_no",
        "移动执法记录编号",
        "mobile enforcement no.",
        &[],
        false,
    ),
    fs("signature", "签字情况", "signature", &[], true),
    fs(
        "signature_reason",
        "未签字原因",
        "why not signed",
        &[],
        false,
    ),
    fs("evidence", "证据材料", "evidence", &[], false),
    fs("typical", "典型案例", "typical case", &[], false),
    fs(
        "typical_note",
        "典型案例说明",
        "typical case note",
        &[],
        false,
    ),
];

/// One day of the working-day calendar (entered in the system).
pub const CALENDAR_DAY: &[FieldSpec] = &[
    fs("day_on", "日期", "date", &[], true),
    fs("day_kind", "类型", "kind", &[], true),
    fs("note", "说明", "note", &[], false),
];

/// An off-site check of a positive-list firm (entered in the system).
pub const OFFSITE: &[FieldSpec] = &[
    fs(
        "enterprise",
        "正面清单企业",
        "positive-list firm",
        &[],
        true,
    ),
    fs("offsite_method", "监管方式", "method", &[], true),
    fs("checked_on", "检查日期", "date", &[], true),
    fs("result", "监管结果", "result", &[], true),
    fs("note", "备注", "note", &[], false),
];

/// A department-joint inspection (entered in the system).
pub const JOINT: &[FieldSpec] = &[
    fs("joint_on", "检查日期", "date", &[], true),
    fs("departments", "联合部门", "other departments", &[], true),
    fs("lead", "牵头部门", "lead department", &[], true),
    fs("subjects", "检查对象", "subjects", &[], true),
    fs("note", "备注", "note", &[], false),
];

/// The year's department-joint targets.
pub const JOINT_TARGETS: &[FieldSpec] = &[
    fs("year", "年度", "year", &[], true),
    fs(
        "target_inspections",
        "联合抽查次数目标",
        "inspections",
        &[],
        true,
    ),
    fs(
        "target_subjects",
        "联合抽查对象数目标",
        "subjects",
        &[],
        true,
    ),
];

/// A leader's evaluation of an inspector for a quarter (S9).
pub const EVALUATION: &[FieldSpec] = &[
    fs("evaluee", "检查人员", "inspector", &[], true),
    fs("grade", "综合评估", "evaluation", &[], true),
    fs("remark", "评估意见", "remark", &[], false),
];

/// An evaluation as typed: the inspector's id (from the label `name(id)`), the grade (its
/// Chinese or English name), the remark.
pub fn evaluation<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(String, crate::domain::stats::Grade, String), Vec<FieldIssue>> {
    use crate::domain::stats::Grade;
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let who = b.required(
        "evaluee",
        |r| {
            let ids = picked_ids(r)?;
            match (ids.len(), ids.into_iter().next()) {
                (1, Some(id)) => Ok(id),
                _ => Err(Problem::Text(crate::domain::text::TextError::Empty)),
            }
        },
        None,
    );
    let grade = b.required(
        "grade",
        |r| {
            Grade::parse(&r.text()).ok_or(Problem::UnknownValue {
                allowed: Grade::ALL.iter().map(|g| g.zh()).collect(),
            })
        },
        None,
    );
    let remark = b.field("remark", |r| f::line(r, 200), String::new);
    let built = (|| Some((who?, grade?, remark?)))();
    b.finish(built)
}

/// A department-joint inspection as typed: departments separated by 、 , or ；, subjects by
/// the codes their labels carry.
pub fn joint<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<crate::domain::result::JointInspection, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let date = b.required("joint_on", f::required_date, None);
    let departments = b.required(
        "departments",
        |r| {
            let v: Vec<String> = f::code_list(r)?.into_iter().collect();
            if v.is_empty() {
                Err(Problem::Text(crate::domain::text::TextError::Empty))
            } else {
                Ok(v)
            }
        },
        None,
    );
    let lead = b.required("lead", |r| f::required_line(r, 50), None);
    let subjects = b.required(
        "subjects",
        |r| {
            let v = picked_ids(r)?;
            if v.is_empty() {
                Err(Problem::Text(crate::domain::text::TextError::Empty))
            } else {
                Ok(v)
            }
        },
        None,
    );
    let note = b.field("note", |r| f::line(r, 500), String::new);
    let built = (|| {
        Some(crate::domain::result::JointInspection {
            date: date?,
            departments: departments?,
            lead: lead?,
            subjects: subjects?,
            note: note?,
        })
    })();
    b.finish(built)
}

/// The year's targets as typed: year, inspections, subjects.
pub fn joint_targets<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(i32, u32, u32), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let year = b.required("year", whole(2000, 2100), None);
    let ins = b.required("target_inspections", whole(0, 100_000), None);
    let subj = b.required("target_subjects", whole(0, 1_000_000), None);
    let built = (|| Some((year? as i32, ins? as u32, subj? as u32)))();
    b.finish(built)
}

/// The ids a multi-choice cell names: `杨思远(13023000174)、…` gives the ids in parentheses;
/// `HB-01 排污许可…、…` gives the first word of each.
fn picked_ids(raw: &Raw<'_>) -> Result<BTreeSet<String>, Problem> {
    let t = raw.text();
    crate::domain::text::check_line(&t, 4000)?;
    Ok(t.split('、')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(
            |s| match (s.rfind(['(', '（']), s.strip_suffix([')', '）'])) {
                (Some(i), Some(inner)) => inner[i..].trim_start_matches(['(', '（']).to_string(),
                _ => s.split_whitespace().next().unwrap_or(s).to_string(),
            },
        )
        .collect())
}

/// A calendar day as typed: the date, the kind (`None`: an ordinary day again), the note.
pub fn calendar_day<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(NaiveDate, Option<crate::domain::calendar::DayKind>, String), Vec<FieldIssue>> {
    use crate::domain::calendar::DayKind;
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let day = b.required("day_on", f::required_date, None);
    let kind = b.required(
        "day_kind",
        |r| {
            let t = r.text();
            let t = t.trim();
            if t == ORDINARY_DAY {
                Ok(None)
            } else {
                DayKind::parse(t).map(Some).ok_or(Problem::UnknownValue {
                    allowed: DayKind::ALL.iter().map(|k| k.zh()).collect(),
                })
            }
        },
        None,
    );
    let note = b.field("note", |r| f::line(r, 50), String::new);
    let built = (|| Some((day?, kind?, note?)))();
    b.finish(built)
}

/// The choice that makes a calendar day ordinary again.
pub const ORDINARY_DAY: &str = "普通日期（取消设置）";

/// An off-site check as typed: the firm by the code its label carries.
pub fn offsite<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<(String, crate::domain::result::Offsite), Vec<FieldIssue>> {
    use crate::domain::result::{Offsite, OffsiteMethod};
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let code = b.required(
        "enterprise",
        |r| {
            picked_ids(r)?
                .into_iter()
                .next()
                .ok_or(Problem::Text(crate::domain::text::TextError::Empty))
        },
        None,
    );
    let method = b.required(
        "offsite_method",
        |r| {
            choice_of(OffsiteMethod::parse, OffsiteMethod::ALL, OffsiteMethod::zh)(r)?
                .ok_or(Problem::Text(crate::domain::text::TextError::Empty))
        },
        None,
    );
    let checked_on = b.required("checked_on", f::required_date, None);
    let result = b.required("result", |r| f::required_line(r, 200), None);
    let note = b.field("note", |r| f::line(r, 500), String::new);
    let built = (|| {
        Some((
            code?,
            Offsite {
                method: method?,
                checked_on: checked_on?,
                result: result?,
                note: note?,
            },
        ))
    })();
    b.finish(built)
}

/// A result as typed: the category by its name (the caller maps names to codes), people and
/// items by the ids their labels carry. Whether it fits its draw is checked by the service.
pub fn result<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
    category_code: impl Fn(&str) -> Option<String>,
) -> Result<crate::domain::result::ResultData, Vec<FieldIssue>> {
    use crate::domain::result::{ResultData, Signature};
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let required_date = |r: &Raw<'_>| f::required_date(r);
    let inspected_on = b.required("inspected_on", required_date, None);
    let present = b.field("present", picked_ids, BTreeSet::new);
    let items = b.field("items", picked_ids, BTreeSet::new);
    let category = b.required(
        "category",
        |r| {
            let t = r.text();
            category_code(t.trim()).ok_or(Problem::UnknownValue { allowed: vec![] })
        },
        None,
    );
    let findings = b.field(
        "findings",
        |r| Ok(crate::domain::text::clean_multiline(&r.text(), 2000)?),
        String::new,
    );
    let rectify_by = b.field("rectify_by", f::date, || None);
    let case_no = b.field("case_no", |r| f::line(r, 64), String::new);
    let mobile_no = b.field("mobile_no", |r| f::line(r, 64), String::new);
    let signature = b.required(
        "signature",
        |r| {
            choice_of(Signature::parse, Signature::ALL, Signature::zh)(r)?
                .ok_or(Problem::Text(crate::domain::text::TextError::Empty))
        },
        None,
    );
    let signature_reason = b.field("signature_reason", |r| f::line(r, 200), String::new);
    let evidence = b.field("evidence", |r| f::line(r, 500), String::new);
    let typical = b.field("typical", |r| Ok(f::yes_no(r)?.unwrap_or(false)), || false);
    let typical_note = b.field(
        "typical_note",
        |r| Ok(crate::domain::text::clean_multiline(&r.text(), 500)?),
        String::new,
    );
    let built = (|| {
        Some(ResultData {
            inspected_on: inspected_on?,
            present: present?,
            items: items?,
            category: category?,
            findings: findings?,
            rectify_by: rectify_by?,
            case_no: case_no?,
            mobile_no: mobile_no?,
            signature: signature?,
            signature_reason: signature_reason?,
            evidence: evidence?,
            typical: typical?,
            typical_note: typical_note?,
        })
    })();
    b.finish(built)
}

/// The re-check (复查) of a rectification follow-up (entered in the system).
pub const RECHECK: &[FieldSpec] = &[
    fs("rechecked_on", "复查日期", "re-check date", &[], true),
    fs("present", "到场执法人员", "officers present", &[], true),
    fs("outcome", "复查结果", "outcome", &[], true),
    fs("case_no", "立案编号", "case number", &[], false),
    fs("remark", "备注", "remark", &[], false),
];

/// A re-check as typed: officers by the ids their labels carry, the outcome by its name.
/// Whether it closes the follow-up is checked by the service.
pub fn recheck<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
) -> Result<crate::domain::followup::Recheck, Vec<FieldIssue>> {
    use crate::domain::followup::{Outcome, Recheck};
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let date = b.required("rechecked_on", f::required_date, None);
    let officers = b.field("present", picked_ids, BTreeSet::new);
    let outcome = b.required(
        "outcome",
        |r| {
            Outcome::parse(&r.text()).ok_or(Problem::UnknownValue {
                allowed: Outcome::ALL.iter().map(|o| o.zh()).collect(),
            })
        },
        None,
    );
    let case_no = b.field("case_no", |r| f::line(r, 64), String::new);
    let remark = b.field("remark", |r| f::line(r, 500), String::new);
    let built = (|| {
        Some(Recheck {
            date: date?,
            officers: officers?,
            outcome: outcome?,
            case_no: case_no?,
            remark: remark?,
        })
    })();
    b.finish(built)
}
