//! The preparation of a draw as typed into the UI's wizard (issue 17): the quarter, the items
//! (at least one: a draw names its items), the number to draw per class, team size,
//! auxiliaries, workload cap, the public source, the witnesses and, for a quarter that has
//! ended, the reason of a late draw — their fields and the builder that reads them. The service checks everything again.

use super::*;
use crate::domain::draw::Quota;
use crate::domain::quarter::Quarter;

/// The fields of a draw's preparation.
pub const DRAW: &[FieldSpec] = &[
    fs("quarter", "季度", "quarter", &[], true),
    fs("draw_items", "检查事项", "check items", &[], true),
    fs("key_count", "重点：抽取数", "key: to draw", &[], true),
    fs(
        "special_count",
        "特殊：抽取数",
        "special: to draw",
        &[],
        true,
    ),
    fs(
        "general_count",
        "一般：抽取数",
        "general: to draw",
        &[],
        true,
    ),
    fs("team_size", "每组执法人员", "officers per team", &[], true),
    fs(
        "auxiliaries",
        "每组辅助人员",
        "auxiliaries per team",
        &[],
        true,
    ),
    fs("workload_cap", "每人任务上限", "workload cap", &[], true),
    fs(
        "public_source",
        "公开随机值来源",
        "public random source",
        &[],
        false,
    ),
    fs("witnesses", "见证人数", "witnesses", &[], true),
    fs(
        "late_reason",
        "补抽原因（仅已结束季度）",
        "late draw: reason (ended quarter only)",
        &[],
        false,
    ),
];

/// A draw's preparation as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DrawFields {
    pub quarter: Quarter,
    /// Item codes, in the order chosen.
    pub items: Vec<String>,
    pub quota: Quota,
    pub team_size: u32,
    pub auxiliaries: u32,
    pub workload_cap: u32,
    pub public_source: Option<String>,
    pub witnesses: u32,
    /// Why a draw for an ended quarter is still needed (S11: a leader's override).
    pub late_reason: Option<String>,
}

/// Reads a draw's preparation: every problem beside its field.
pub fn draw<'a>(get: impl Fn(&str) -> Option<Raw<'a>>) -> Result<DrawFields, Vec<FieldIssue>> {
    let mut b = Builder {
        get,
        iss: Issues::default(),
    };
    let quarter = b.required(
        "quarter",
        |r| r.text().parse::<Quarter>().map_err(|_| Problem::BadQuarter),
        None,
    );
    let items = b.required("draw_items", item_codes, None);
    let count = |b: &mut Builder<_>, key| b.required(key, whole(0, 1_000_000), None);
    let (key, special, general) = (
        count(&mut b, "key_count"),
        count(&mut b, "special_count"),
        count(&mut b, "general_count"),
    );
    let team_size = b.required("team_size", whole(1, 99), None);
    let auxiliaries = b.required("auxiliaries", whole(0, 99), None);
    let workload_cap = b.required("workload_cap", whole(1, 10_000), None);
    let public_source = b.field("public_source", |r| f::line(r, 200), String::new);
    let witnesses = b.required("witnesses", whole(0, 99), None);
    let late_reason = b.field("late_reason", |r| f::line(r, 200), String::new);
    let built = (|| {
        Some(DrawFields {
            quarter: quarter?,
            items: items?,
            quota: Quota::Classified {
                key: key? as u32,
                special: special? as u32,
                general: general? as u32,
            },
            team_size: team_size? as u32,
            auxiliaries: auxiliaries? as u32,
            workload_cap: workload_cap? as u32,
            public_source: Some(public_source?).filter(|s| !s.trim().is_empty()),
            witnesses: witnesses? as u32,
            late_reason: Some(late_reason?).filter(|s| !s.trim().is_empty()),
        })
    })();
    b.finish(built)
}

/// The item codes of a multi-choice cell (`HB-01 名称、HB-02 名称`): at least one.
fn item_codes(r: &Raw<'_>) -> Result<Vec<String>, Problem> {
    let t = r.text();
    crate::domain::text::check_line(&t, 4000)?;
    let codes: Vec<String> = (t.split('、'))
        .filter_map(|s| s.split_whitespace().next())
        .map(str::to_string)
        .collect();
    match codes.is_empty() {
        true => Err(Problem::NoItem),
        false => Ok(codes),
    }
}
