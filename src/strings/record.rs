//! The draw record (抽取记录) printed for signatures and exported as XLSX: headings, labels,
//! and the phrases that combine them with values.

use super::Lang;
use crate::domain::draw::Stratum;
use crate::domain::quota::Group;
use chrono::{DateTime, FixedOffset};

/// A fixed label of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    Title,
    RecordSheet,
    ResultsSheet,
    // Basic information.
    Basics,
    DrawLabel,
    Quarter,
    Version,
    Mode,
    // Parameters.
    Parameters,
    Stratum,
    Population,
    Count,
    TeamSize,
    AuxiliariesPerTeam,
    JointShare,
    WorkloadCap,
    PreviousLead,
    ItemExpertise,
    Items,
    ItemCode,
    ItemName,
    // Hashes and randomness.
    Randomness,
    CandidatesHash,
    InspectorsHash,
    ConflictsHash,
    ParamsHash,
    Commitment,
    Secret,
    Entropy,
    Witness,
    EnteredAt,
    Sha256,
    PublicSource,
    PublicValue,
    Seed,
    // Results.
    Results,
    TeamNote,
    Rank,
    Code,
    Enterprise,
    Class,
    Joint,
    Team,
    Lead,
    Officers,
    Auxiliaries,
    NothingDrawn,
    // People and log.
    People,
    Person,
    Role,
    JoinedAt,
    EntropyHash,
    Confirmation,
    Log,
    Time,
    Event,
    StatusNote,
    // Times and signatures.
    Times,
    PreparedBy,
    PreparedAt,
    RevealedAt,
    SealedAt,
    NotSealed,
    WitnessedBy,
    ConfirmedBy,
    Signatures,
    OrganizerSignature,
    SupervisorSignature,
    Date,
    /// An empty list or value.
    NoValue,
    /// A value that is missing where one was expected.
    Missing,
}

/// The text of a fixed label.
pub fn label(l: Label, lang: Lang) -> &'static str {
    let (zh, en) = head_label(l).unwrap_or_else(|| tail_label(l));
    lang.t(zh, en)
}

/// Titles, the draw's basics, parameters, items and randomness.
fn head_label(l: Label) -> Option<(&'static str, &'static str)> {
    use Label as L;
    Some(match l {
        L::Title => ("随机抽取记录", "Random draw record"),
        L::RecordSheet => ("记录", "Record"),
        L::ResultsSheet => ("抽取结果", "Results"),
        L::Basics => ("基本信息", "Draw"),
        L::DrawLabel => ("抽取标识", "Draw label"),
        L::Quarter => ("季度", "Quarter"),
        L::Version => ("算法版本", "Algorithm version"),
        L::Mode => ("抽取方式", "Mode"),
        L::Parameters => ("抽取参数", "Parameters"),
        L::Stratum => ("抽取类别", "Stratum"),
        L::Population => ("快照中候选数", "Candidates in the snapshot"),
        L::Count => ("抽取数量", "Drawn"),
        L::TeamSize => ("每组执法人员人数", "Officers per team"),
        L::AuxiliariesPerTeam => ("每组辅助检查人员人数", "Auxiliary inspectors per team"),
        L::JointShare => ("内部联合检查比例", "Internal-joint share"),
        L::WorkloadCap => ("每人任务上限（组）", "Workload cap (teams per person)"),
        L::PreviousLead => ("上次检查组长可再任组长", "Previous lead may lead again"),
        L::ItemExpertise => ("检查事项所需专长", "Expertise the items call for"),
        L::Items => ("检查事项", "Check items"),
        L::ItemCode => ("事项编码", "Item code"),
        L::ItemName => ("事项名称", "Item name"),
        L::Randomness => ("哈希值与随机数", "Hashes and randomness"),
        L::CandidatesHash => ("检查对象快照 SHA-256", "Candidates SHA-256"),
        L::InspectorsHash => ("检查人员快照 SHA-256", "Inspectors SHA-256"),
        L::ConflictsHash => ("回避关系快照 SHA-256", "Conflicts SHA-256"),
        L::ParamsHash => ("抽取参数 SHA-256", "Parameters SHA-256"),
        L::Commitment => ("服务器密钥承诺值", "Commitment"),
        L::Secret => ("服务器密钥（揭晓后公开）", "Secret (revealed)"),
        L::Entropy => ("见证人熵值", "Witness entropy"),
        L::Witness => ("见证人", "Witness"),
        L::EnteredAt => ("录入时间", "Entered at"),
        L::Sha256 => ("SHA-256", "SHA-256"),
        L::PublicSource => ("公开随机值来源", "Public value source"),
        L::PublicValue => ("公开随机值", "Public value"),
        L::Seed => ("随机种子", "Seed"),
        _ => return None,
    })
}

/// The results, the people present, the log, the times and the signatures (every other label).
fn tail_label(l: Label) -> (&'static str, &'static str) {
    use Label as L;
    match l {
        L::Results => ("抽取结果", "Results"),
        L::TeamNote => (
            "检查组中，标“组长”者为组长；标“辅助”者为辅助检查人员，不计入执法人员。",
            "In a team, “lead” marks the lead officer; “auxiliary” marks auxiliary inspectors, \
             who are not counted as officers.",
        ),
        L::Rank => ("序号", "No."),
        L::Code => ("统一社会信用代码", "Credit code"),
        L::Enterprise => ("单位名称", "Enterprise"),
        L::Class => ("监管类别", "Class"),
        L::Joint => ("内部联合检查", "Internal joint"),
        L::Team => ("检查组", "Team"),
        L::Lead => ("组长", "Lead"),
        L::Officers => ("执法人员", "Officers"),
        L::Auxiliaries => ("辅助检查人员", "Auxiliary inspectors"),
        L::NothingDrawn => ("本类别未抽取", "nothing drawn in this stratum"),
        L::People => ("到场人员", "People present"),
        L::Person => ("人员", "Person"),
        L::Role => ("角色", "Role"),
        L::JoinedAt => ("到场时间", "Joined at"),
        L::EntropyHash => ("熵值 SHA-256", "Entropy SHA-256"),
        L::Confirmation => ("确认情况", "Confirmation"),
        L::Log => ("过程记录", "Log"),
        L::Time => ("时间", "Time"),
        L::Event => ("事项", "Event"),
        L::StatusNote => ("状态说明", "Status note"),
        L::Times => ("记录信息", "Record"),
        L::PreparedBy => ("准备人", "Prepared by"),
        L::PreparedAt => ("准备时间", "Prepared at"),
        L::RevealedAt => ("揭晓时间", "Revealed at"),
        L::SealedAt => ("封存时间", "Sealed at"),
        L::NotSealed => ("未封存", "not sealed"),
        L::WitnessedBy => ("见证人", "Witnessed by"),
        L::ConfirmedBy => ("确认人", "Confirmed by"),
        L::Signatures => ("签字", "Signatures"),
        L::OrganizerSignature => ("组织人员签字：", "Organizer's signature:"),
        L::SupervisorSignature => ("监督人员签字：", "Supervisor's signature:"),
        L::Date => ("日期：", "Date:"),
        L::NoValue => ("无", "none"),
        L::Missing => ("—", "—"),
        _ => ("", ""),
    }
}

/// The line under the title.
pub fn subtitle(draw_label: &str, quarter: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("抽取标识：{draw_label}　季度：{quarter}"),
        Lang::En => format!("Draw {draw_label}, quarter {quarter}"),
    }
}

/// The HTML document's title.
pub fn document_title(draw_label: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("随机抽取记录 {draw_label}"),
        Lang::En => format!("Random draw record {draw_label}"),
    }
}

/// The draw's mode (`Quota::mode`).
pub fn mode(code: &str, lang: Lang) -> &'static str {
    if code == "unclassified" {
        lang.t(
            "不分类抽取（全部检查对象统一排序）",
            "unclassified (one ranking over all)",
        )
    } else {
        lang.t("分类抽取（按监管类别）", "classified (by class)")
    }
}

/// A drawn target's class (its group in the snapshot).
pub fn class(g: Group, lang: Lang) -> &'static str {
    match g {
        Group::Key => lang.t("重点监管", "key"),
        Group::Special => lang.t("特殊监管", "special"),
        Group::General => lang.t("一般监管", "general"),
        Group::PositiveList => lang.t("正面清单", "positive list"),
    }
}

/// The heading of one stratum's results.
pub fn stratum_title(s: Stratum, population: u64, drawn: usize, lang: Lang) -> String {
    let name = super::draw::stratum(s, lang);
    match lang {
        Lang::Zh => format!("{name}（快照中候选 {population} 家，抽中 {drawn} 家）"),
        Lang::En => format!("{name} ({population} candidates in the snapshot, {drawn} drawn)"),
    }
}

/// A share in basis points as a percentage (3500 → 35%).
pub fn percent(bp: u32) -> String {
    let (whole, frac) = (bp / 100, bp % 100);
    if frac == 0 {
        format!("{whole}%")
    } else if frac % 10 == 0 {
        format!("{whole}.{}%", frac / 10)
    } else {
        format!("{whole}.{frac:02}%")
    }
}

/// A number of people.
pub fn persons(n: u32, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{n} 人"),
        Lang::En => n.to_string(),
    }
}

/// A team member: name and id (执法证号 or work number); the id alone when the name is unknown.
pub fn member(name: Option<&str>, id: &str, lang: Lang) -> String {
    match (name, lang) {
        (Some(n), Lang::Zh) => format!("{n}（{id}）"),
        (Some(n), Lang::En) => format!("{n} ({id})"),
        (None, _) => id.to_string(),
    }
}

/// A team member with the role mark shown in the team column.
pub fn marked_member(
    name: Option<&str>,
    id: &str,
    lead: bool,
    auxiliary: bool,
    lang: Lang,
) -> String {
    let mark = match (lead, auxiliary) {
        (_, true) => Some(lang.t("辅助", "auxiliary")),
        (true, false) => Some(lang.t("组长", "lead")),
        (false, false) => None,
    };
    match (name, mark, lang) {
        (Some(n), Some(m), Lang::Zh) => format!("{n}（{id}，{m}）"),
        (Some(n), Some(m), Lang::En) => format!("{n} ({id}, {m})"),
        (None, Some(m), Lang::Zh) => format!("{id}（{m}）"),
        (None, Some(m), Lang::En) => format!("{id} ({m})"),
        (name, None, _) => member(name, id, lang),
    }
}

/// A person present: name and login (the login alone when they are the same or the name is
/// unknown).
pub fn person(name: Option<&str>, login: &str, lang: Lang) -> String {
    match name {
        Some(n) if n != login => match lang {
            Lang::Zh => format!("{n}（{login}）"),
            Lang::En => format!("{n} ({login})"),
        },
        _ => login.to_string(),
    }
}

/// Who signed off and when.
pub fn signoff(person: &str, at: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{person}　{at}"),
        Lang::En => format!("{person}, {at}"),
    }
}

/// Whether a person confirmed or declined the result.
pub fn confirmation(confirmed_at: Option<&str>, declined: Option<&str>, lang: Lang) -> String {
    match (declined, confirmed_at, lang) {
        (Some(r), Some(t), Lang::Zh) => format!("不同意（{t}）：{r}"),
        (Some(r), Some(t), Lang::En) => format!("declined ({t}): {r}"),
        (Some(r), None, Lang::Zh) => format!("不同意：{r}"),
        (Some(r), None, Lang::En) => format!("declined: {r}"),
        (None, Some(t), Lang::Zh) => format!("已确认（{t}）"),
        (None, Some(t), Lang::En) => format!("confirmed ({t})"),
        (None, None, _) => label(Label::Missing, lang).to_string(),
    }
}

/// Items of a list in one cell.
pub fn join(items: &[String], lang: Lang) -> String {
    items.join(lang.t("、", ", "))
}

/// Yes or no.
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    super::cli::yes_no(b, lang)
}

/// A recorded time: `2024-04-08 09:31:05`, with the UTC offset only when it is not Beijing
/// time.
pub fn time(t: &DateTime<FixedOffset>) -> String {
    if t.offset().local_minus_utc() == 8 * 3600 {
        t.format("%Y-%m-%d %H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%d %H:%M:%S UTC%:z").to_string()
    }
}

/// Why the record could not be written: the XLSX writer's message `m`.
pub fn record_error(m: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法生成抽取记录 XLSX 文件：{m}"),
        Lang::En => format!("cannot write the draw record as XLSX: {m}"),
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
            L::Title,
            L::RecordSheet,
            L::ResultsSheet,
            L::Basics,
            L::DrawLabel,
            L::Quarter,
            L::Version,
            L::Mode,
            L::Parameters,
            L::Stratum,
            L::Population,
            L::Count,
            L::TeamSize,
            L::AuxiliariesPerTeam,
            L::JointShare,
            L::WorkloadCap,
            L::PreviousLead,
            L::ItemExpertise,
            L::Items,
            L::ItemCode,
            L::ItemName,
            L::Randomness,
            L::CandidatesHash,
            L::InspectorsHash,
            L::ConflictsHash,
            L::ParamsHash,
            L::Commitment,
            L::Secret,
            L::Entropy,
            L::Witness,
            L::EnteredAt,
            L::Sha256,
            L::PublicSource,
            L::PublicValue,
            L::Seed,
            L::Results,
            L::TeamNote,
            L::Rank,
            L::Code,
            L::Enterprise,
            L::Class,
            L::Joint,
            L::Team,
            L::Lead,
            L::Officers,
            L::Auxiliaries,
            L::NothingDrawn,
            L::People,
            L::Person,
            L::Role,
            L::JoinedAt,
            L::EntropyHash,
            L::Confirmation,
            L::Log,
            L::Time,
            L::Event,
            L::StatusNote,
            L::Times,
            L::PreparedBy,
            L::PreparedAt,
            L::RevealedAt,
            L::SealedAt,
            L::NotSealed,
            L::WitnessedBy,
            L::ConfirmedBy,
            L::Signatures,
            L::OrganizerSignature,
            L::SupervisorSignature,
            L::Date,
            L::NoValue,
            L::Missing,
        ];
        for l in all {
            assert!(!label(l, Lang::Zh).is_empty(), "{l:?}");
            assert!(!label(l, Lang::En).is_empty(), "{l:?}");
        }
    }

    #[test]
    fn percentages_and_times() {
        assert_eq!(percent(3500), "35%");
        assert_eq!(percent(3550), "35.5%");
        assert_eq!(percent(3505), "35.05%");
        assert_eq!(percent(0), "0%");
        let t = DateTime::parse_from_rfc3339("2024-04-08T09:31:05+08:00").unwrap();
        assert_eq!(time(&t), "2024-04-08 09:31:05");
        let t = DateTime::parse_from_rfc3339("2024-04-08T01:31:05+00:00").unwrap();
        assert_eq!(time(&t), "2024-04-08 01:31:05 UTC+00:00");
    }

    #[test]
    fn members_are_marked() {
        assert_eq!(
            marked_member(Some("张伟"), "13020001", true, false, Lang::Zh),
            "张伟（13020001，组长）"
        );
        assert_eq!(
            marked_member(None, "JC-01", false, true, Lang::En),
            "JC-01 (auxiliary)"
        );
        assert_eq!(
            marked_member(Some("李娜"), "13020002", false, false, Lang::Zh),
            "李娜（13020002）"
        );
    }
}
