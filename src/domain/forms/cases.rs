//! The forms of corrections and objections (更正 / 异议): what an administrator files against
//! a published result, and a leader's decision; each with the result's fields a correction
//! may change (left empty: unchanged).

use super::*;
use crate::domain::correction::{Changes, Decision, Filing, Kind};

/// The fields a correction may change, at the end of both forms.
const CHANGES: [FieldSpec; 3] = [
    fs(
        "new_category",
        "更正后检查结果",
        "corrected result",
        &[],
        false,
    ),
    fs(
        "new_findings",
        "更正后发现问题",
        "corrected findings",
        &[],
        false,
    ),
    fs(
        "new_rectify_by",
        "更正后整改期限",
        "corrected deadline",
        &[],
        false,
    ),
];

/// An objection, or a correction the office starts.
pub const OBJECTION: &[FieldSpec] = &[
    fs("case_kind", "类别", "kind", &[], true),
    fs("received_on", "收到日期", "received on", &[], true),
    fs("raised_by", "提出人", "raised by", &[], false),
    fs(
        "content",
        "异议内容/更正原因",
        "content or reason",
        &[],
        true,
    ),
    CHANGES[0],
    CHANGES[1],
    CHANGES[2],
];

/// A leader's decision.
pub const DECISION: &[FieldSpec] = &[
    fs("decision", "决定", "decision", &[], true),
    fs("reason", "理由", "reason", &[], true),
    CHANGES[0],
    CHANGES[1],
    CHANGES[2],
];

/// The names of the kinds of case, as the form offers them.
pub const CASE_KINDS: [(&str, Kind); 2] = [("异议", Kind::Objection), ("更正", Kind::Correction)];

/// The changes as typed; the category by its name (the caller maps names to codes).
fn changes<'a, G: Fn(&str) -> Option<Raw<'a>>>(
    b: &mut Builder<G>,
    category_code: impl Fn(&str) -> Option<String>,
) -> Option<Changes> {
    let category = b.field(
        "new_category",
        |r| {
            let t = r.text();
            match t.trim() {
                "" => Ok(None),
                name => category_code(name)
                    .map(Some)
                    .ok_or(Problem::UnknownValue { allowed: vec![] }),
            }
        },
        || None,
    );
    let findings = b.field(
        "new_findings",
        |r| {
            let t = crate::domain::text::clean_multiline(&r.text(), 2000)?;
            Ok((!t.is_empty()).then_some(t))
        },
        || None,
    );
    let rectify_by = b.field("new_rectify_by", f::date, || None);
    Some(Changes {
        category: category?,
        findings: findings?,
        rectify_by: rectify_by?,
        ..Changes::default()
    })
}

/// An objection or a correction as typed.
pub fn objection<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
    category_code: impl Fn(&str) -> Option<String>,
) -> Result<Filing, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let kind = b.required(
        "case_kind",
        |r| {
            let t = r.text();
            (CASE_KINDS.iter().find(|(n, _)| *n == t.trim()))
                .map(|(_, k)| *k)
                .ok_or(Problem::UnknownValue {
                    allowed: CASE_KINDS.iter().map(|(n, _)| *n).collect(),
                })
        },
        None,
    );
    let received_on = b.required("received_on", f::required_date, None);
    let from = b.field("raised_by", |r| f::line(r, 200), String::new);
    let content = b.required(
        "content",
        |r| Ok(crate::domain::text::clean_multiline(&r.text(), 2000)?),
        None,
    );
    let proposal = changes(&mut b, category_code);
    let built = (|| {
        Some(Filing {
            kind: kind?,
            received_on: received_on?,
            from: from?,
            content: content?,
            proposal: proposal?,
        })
    })();
    b.finish(built)
}

/// A decision as typed: 维持 or 更正, the reason, the changes.
pub fn decision<'a>(
    get: impl Fn(&str) -> Option<Raw<'a>>,
    category_code: impl Fn(&str) -> Option<String>,
) -> Result<(Decision, String, Changes), Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let decision = b.required(
        "decision",
        |r| {
            Decision::parse(&r.text()).ok_or(Problem::UnknownValue {
                allowed: Decision::ALL.iter().map(|d| d.zh()).collect(),
            })
        },
        None,
    );
    let reason = b.required(
        "reason",
        |r| Ok(crate::domain::text::clean_multiline(&r.text(), 1000)?),
        None,
    );
    let changes = changes(&mut b, category_code);
    let built = (|| Some((decision?, reason?, changes?)))();
    b.finish(built)
}
