//! The fixed labels of the quarterly statistics, the assessment and the summary draft.

use crate::strings::Lang;

/// A fixed label of the report, the assessment or the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    StatsSheet,
    AssessmentSheet,
    // The class table.
    Class,
    Population,
    Ratio,
    Required,
    Drawn,
    Inspected,
    ShareInspected,
    Met,
    // The indicator table.
    Indicator,
    Done,
    Total,
    Share,
    Target,
    InternalJoint,
    Classified,
    Offsite,
    JointInspectionsYtd,
    JointSubjectsYtd,
    NoTarget,
    InternalJointPlanned,
    NonRandom,
    // Sub-table titles, totals, units and the signature block.
    SubClasses,
    SubIndicators,
    SubResults,
    Unit,
    Totals,
    Reporter,
    Reviewer,
    Principal,
    Phone,
    // The evaluation (S9).
    Grade,
    Remark,
    // The results table.
    Results,
    Count,
    Entered,
    Problems,
    Cases,
    Rectifications,
    /// Follow-ups (整改跟踪) by state.
    FollowUps,
    FollowUpsOpen,
    FollowUpsOverdue,
    RecheckRectified,
    RecheckCaseFiled,
    RecheckOther,
    Approved,
    Published,
    PublishedOnTime,
    PublicationRate,
    Signed,
    Refused,
    Unobtainable,
    // The assessment table.
    InspectorId,
    Name,
    Section,
    Assignments,
    Completed,
    OnTime,
    Signatures,
    CasesFiled,
    Returned,
    Rechecked,
    Overdue,
    // The summary.
    DraftNote,
    Basics,
    ResultsSection,
    TypicalSection,
    NextSection,
    NoTypical,
    Evidence,
    CaseCode,
    CaseDate,
    CaseCategory,
    CaseFindings,
    CaseNote,
    IssuesHeading,
    IssuesPlaceholder,
    NextHeading,
    NextPlaceholder,
}

/// The text of a fixed label.
pub fn label(l: Label, lang: Lang) -> &'static str {
    let (zh, en) = sheet_label(l)
        .or_else(|| table_label(l))
        .unwrap_or_else(|| summary_label(l));
    lang.t(zh, en)
}

/// Sheet names, the class and indicator tables, sub-table titles and the signature block.
fn sheet_label(l: Label) -> Option<(&'static str, &'static str)> {
    use Label as L;
    Some(match l {
        L::StatsSheet => ("季度统计表", "Quarterly statistics"),
        L::AssessmentSheet => ("检查人员考核", "Inspector assessment"),
        L::Class => ("类别", "Class"),
        L::Population => ("总数（家）", "Population (firms)"),
        L::Ratio => ("比例要求", "Required ratio"),
        L::Required => ("应抽查数（家）", "Required (firms)"),
        L::Drawn => ("已抽取（家）", "Drawn (firms)"),
        L::Inspected => ("抽取后已检查（家）", "Drawn and inspected (firms)"),
        L::ShareInspected => ("检查比例", "Share inspected"),
        L::Met => ("是否达标", "Met"),
        L::Indicator => ("指标", "Indicator"),
        L::Done => ("完成数", "Done"),
        L::Total => ("总数", "Total"),
        L::Share => ("比例", "Share"),
        L::Target => ("要求", "Target"),
        L::InternalJoint => ("部门内联合抽查", "Internal-joint inspections"),
        L::Classified => ("分级分类抽查占比", "Drawn by class"),
        L::Offsite => ("正面清单非现场监管", "Positive list supervised off-site"),
        L::JointInspectionsYtd => (
            "部门联合抽查次数（本年累计）",
            "Department-joint inspections (year to date)",
        ),
        L::JointSubjectsYtd => (
            "部门联合抽查对象数（本年累计）",
            "Department-joint subjects (year to date)",
        ),
        L::NoTarget => ("未设目标", "no target set"),
        L::InternalJointPlanned => (
            "部门内联合抽查（抽取时计划）",
            "Internal-joint inspections (planned at the draw)",
        ),
        L::NonRandom => ("非随机检查（次）", "Non-random checks"),
        L::SubClasses => ("一、各类检查对象抽查情况", "1. Random checks per class"),
        L::SubIndicators => (
            "二、联合抽查及分级分类抽查情况",
            "2. Joint inspections and checks using the classes",
        ),
        L::SubResults => ("三、检查结果情况", "3. Inspection results"),
        L::Unit => ("单位", "Unit"),
        L::Totals => ("合计", "Total"),
        L::Reporter => ("填报人：", "Prepared by:"),
        L::Reviewer => ("审核人：", "Checked by:"),
        L::Principal => ("负责人：", "Head of unit:"),
        L::Phone => ("联系电话：", "Telephone:"),
        _ => return None,
    })
}

/// The evaluation, the results table and the assessment table.
fn table_label(l: Label) -> Option<(&'static str, &'static str)> {
    use Label as L;
    Some(match l {
        L::Grade => ("综合评估", "Evaluation"),
        L::Remark => ("评估意见", "Remark"),
        L::Results => ("检查结果", "Inspection results"),
        L::Count => ("数量", "Count"),
        L::Entered => ("已录入结果", "Results entered"),
        L::Problems => ("发现问题", "Problems found"),
        L::Cases => ("立案查处", "Cases filed"),
        L::Rectifications => ("责令整改", "Ordered to rectify"),
        L::FollowUps => ("整改跟踪", "Follow-ups"),
        L::FollowUpsOpen => ("　其中：待复查", "  of which: to re-check"),
        L::FollowUpsOverdue => ("　　　　整改逾期未复查", "  overdue, not re-checked"),
        L::RecheckRectified => ("　　　　复查已整改", "  re-checked: rectified"),
        L::RecheckCaseFiled => (
            "　　　　复查未整改（立案）",
            "  re-checked: not rectified (case filed)",
        ),
        L::RecheckOther => ("　　　　复查其他", "  re-checked: other"),
        L::Approved => ("已审核", "Approved"),
        L::Published => ("已公示", "Published"),
        L::PublishedOnTime => (
            "按时公示（20个工作日内）",
            "Published on time (within 20 working days)",
        ),
        L::PublicationRate => ("公示及时率", "Published on time, share"),
        L::Signed => ("已签字", "Signed"),
        L::Refused => ("拒绝签字", "Signature refused"),
        L::Unobtainable => ("无法取得签字", "Signature unobtainable"),
        L::InspectorId => ("执法证号", "Certificate no."),
        L::Name => ("姓名", "Name"),
        L::Section => ("科室", "Section"),
        L::Assignments => ("任务数", "Assignments"),
        L::Completed => ("已完成", "Completed"),
        L::OnTime => ("按时完成", "On time"),
        L::Signatures => ("取得签字", "Signatures obtained"),
        L::CasesFiled => ("立案", "Cases"),
        L::Returned => ("被退回", "Returned"),
        L::Rechecked => ("整改已复查", "Follow-ups re-checked"),
        L::Overdue => ("整改逾期", "Follow-ups overdue"),
        _ => return None,
    })
}

/// The summary draft (every other label).
fn summary_label(l: Label) -> (&'static str, &'static str) {
    use Label as L;
    match l {
        L::DraftNote => (
            "【草稿说明：本稿由系统根据季度统计数据生成，方括号内为待补充或待核实的内容，定稿时请删除本段。】",
            "[Draft: generated from the quarter's statistics; text in brackets is to be completed \
             or checked. Delete this paragraph when finishing.]",
        ),
        L::Basics => ("一、基本情况", "1. Overview"),
        L::ResultsSection => ("二、检查结果", "2. Inspection results"),
        L::TypicalSection => ("三、典型案例", "3. Typical cases"),
        L::NextSection => ("四、存在问题及下一步工作", "4. Problems and next steps"),
        L::NoTypical => ("本季度无典型案例。", "No typical cases this quarter."),
        L::Evidence => (
            "【请附典型案例的检查记录、现场照片等证据材料。】",
            "[Attach the inspection records, photos and other evidence of the typical cases.]",
        ),
        L::CaseCode => ("统一社会信用代码", "Credit code"),
        L::CaseDate => ("检查日期", "Inspection date"),
        L::CaseCategory => ("检查结果", "Result"),
        L::CaseFindings => ("发现问题", "Findings"),
        L::CaseNote => ("说明", "Note"),
        L::IssuesHeading => ("（一）存在问题", "Problems"),
        L::IssuesPlaceholder => (
            "【请填写本季度工作中存在的问题，如检查比例未达标的原因、检查记录签字情况、结果公示是否及时等。】",
            "[Describe the quarter's problems, e.g. why a ratio was not met, signatures on the \
             records, timely publication of results.]",
        ),
        L::NextHeading => ("（二）下一步工作", "Next steps"),
        L::NextPlaceholder => (
            "【请填写下一步工作安排，如下季度抽查计划、整改跟踪、联合抽查安排等。】",
            "[Describe the next steps, e.g. next quarter's inspection plan, follow-up of \
             rectifications, joint inspections.]",
        ),
        _ => ("", ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every label has its text in both languages (none falls through to the empty default).
    #[test]
    fn every_label_has_both_texts() {
        use Label as L;
        let all = [
            L::StatsSheet,
            L::AssessmentSheet,
            L::Class,
            L::Population,
            L::Ratio,
            L::Required,
            L::Drawn,
            L::Inspected,
            L::ShareInspected,
            L::Met,
            L::Indicator,
            L::Done,
            L::Total,
            L::Share,
            L::Target,
            L::InternalJoint,
            L::Classified,
            L::Offsite,
            L::JointInspectionsYtd,
            L::JointSubjectsYtd,
            L::NoTarget,
            L::InternalJointPlanned,
            L::NonRandom,
            L::SubClasses,
            L::SubIndicators,
            L::SubResults,
            L::Unit,
            L::Totals,
            L::Reporter,
            L::Reviewer,
            L::Principal,
            L::Phone,
            L::Grade,
            L::Remark,
            L::Results,
            L::Count,
            L::Entered,
            L::Problems,
            L::Cases,
            L::Rectifications,
            L::FollowUps,
            L::FollowUpsOpen,
            L::FollowUpsOverdue,
            L::RecheckRectified,
            L::RecheckCaseFiled,
            L::RecheckOther,
            L::Approved,
            L::Published,
            L::PublishedOnTime,
            L::PublicationRate,
            L::Signed,
            L::Refused,
            L::Unobtainable,
            L::InspectorId,
            L::Name,
            L::Section,
            L::Assignments,
            L::Completed,
            L::OnTime,
            L::Signatures,
            L::CasesFiled,
            L::Returned,
            L::Rechecked,
            L::Overdue,
            L::DraftNote,
            L::Basics,
            L::ResultsSection,
            L::TypicalSection,
            L::NextSection,
            L::NoTypical,
            L::Evidence,
            L::CaseCode,
            L::CaseDate,
            L::CaseCategory,
            L::CaseFindings,
            L::CaseNote,
            L::IssuesHeading,
            L::IssuesPlaceholder,
            L::NextHeading,
            L::NextPlaceholder,
        ];
        for l in all {
            assert!(!label(l, Lang::Zh).is_empty(), "{l:?}");
            assert!(!label(l, Lang::En).is_empty(), "{l:?}");
        }
    }
}
