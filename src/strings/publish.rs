//! The public notice of inspection results (一公开): its title, standard sentences, table
//! headers, sheet and file names, and the phrases that combine them with values.

use super::Lang;
use crate::domain::quarter::Quarter;
use chrono::NaiveDate;

/// A fixed label of the notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The standard sentence under the title.
    Intro,
    Results,
    NoResults,
    Rank,
    Enterprise,
    Code,
    Items,
    Date,
    Result,
    Department,
    ItemList,
    NoItems,
    ItemCode,
    ItemName,
    Basis,
    Subject,
    Method,
    Scope,
    ResultsSheet,
    ItemsSheet,
    /// The column saying a result was corrected.
    Note,
    CorrectionIntro,
    Corrections,
    NoCorrections,
    CorrectionsSheet,
    Changes,
    Reason,
    CorrectedOn,
}

/// The text of a fixed label.
pub fn label(l: Label, lang: Lang) -> &'static str {
    use Label as L;
    let (zh, en) = match l {
        L::Intro => (
            "根据“双随机、一公开”监管工作要求，按照“谁检查、谁录入、谁公开”的原则，现将本季度已审核的随机抽查结果及随机抽查事项清单予以公示。",
            "Under the “double random, one public” supervision rules, and on the principle that \
             whoever inspects records and publishes the result, the reviewed results of this \
             quarter's random inspections and the list of check items in force are made public \
             below.",
        ),
        L::Results => ("抽查结果", "Inspection results"),
        L::NoResults => (
            "本季度暂无已审核的抽查结果。",
            "No reviewed inspection results this quarter.",
        ),
        L::Rank => ("序号", "No."),
        L::Enterprise => ("单位名称", "Enterprise"),
        L::Code => ("统一社会信用代码", "Credit code"),
        L::Items => ("抽查事项", "Check items"),
        L::Date => ("检查日期", "Inspection date"),
        L::Result => ("检查结果", "Result"),
        L::Department => ("检查部门", "Department"),
        L::ItemList => ("随机抽查事项清单", "Random check items in force"),
        L::NoItems => ("暂无在用的随机抽查事项。", "No check items are in force."),
        L::ItemCode => ("编码", "Code"),
        L::ItemName => ("事项名称", "Item"),
        L::Basis => ("法律依据", "Legal basis"),
        L::Subject => ("检查对象", "Inspected subjects"),
        L::Method => ("检查方式", "Method"),
        L::Scope => ("检查范围", "Scope"),
        L::ResultsSheet => ("抽查结果", "Results"),
        L::ItemsSheet => ("随机抽查事项清单", "Check items"),
        L::Note => ("更正情况", "Correction"),
        L::CorrectionIntro => (
            "经核实，本单位已公示的下列随机抽查结果有误，现予更正公示；更正后的结果以本公示为准。",
            "The following published results of random inspections were found to be wrong and \
             are corrected below; the corrected results stand.",
        ),
        L::Corrections => ("更正事项", "Corrections"),
        L::NoCorrections => (
            "本季度暂无更正的抽查结果。",
            "No inspection results were corrected this quarter.",
        ),
        L::CorrectionsSheet => ("更正公示", "Corrections"),
        L::Changes => ("更正内容", "What changed"),
        L::Reason => ("更正原因", "Reason"),
        L::CorrectedOn => ("更正日期", "Corrected on"),
    };
    lang.t(zh, en)
}

/// A quarter for people: `2024Q2` → 2024年第二季度 (English: Q2 2024); text that is no quarter
/// is shown as given.
pub fn quarter(q: &str, lang: Lang) -> String {
    let Ok(q) = q.parse::<Quarter>() else {
        return q.to_string();
    };
    let n = q.number();
    match lang {
        Lang::Zh => {
            let num = ["一", "二", "三", "四"]
                .get(usize::from(n).saturating_sub(1))
                .copied()
                .unwrap_or("");
            format!("{}年第{num}季度", q.year())
        }
        Lang::En => format!("Q{n} {}", q.year()),
    }
}

/// The notice's title, with the bureau's name when there is one.
pub fn title(bureau: &str, quarter_text: &str, lang: Lang) -> String {
    let bureau = bureau.trim();
    match (bureau.is_empty(), lang) {
        (false, Lang::Zh) => format!("{bureau} {quarter_text}“双随机、一公开”抽查结果公示"),
        (true, Lang::Zh) => format!("{quarter_text}“双随机、一公开”抽查结果公示"),
        (false, Lang::En) => {
            format!(
                "{bureau}: random inspection results (“double random, one public”), {quarter_text}"
            )
        }
        (true, Lang::En) => {
            format!("Random inspection results (“double random, one public”), {quarter_text}")
        }
    }
}

/// The publication date line.
pub fn published(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("发布日期：{d}"),
        Lang::En => format!("Published {d}"),
    }
}

/// The results heading with the number of results.
pub fn results_heading(n: usize, lang: Lang) -> String {
    let l = label(Label::Results, lang);
    match lang {
        Lang::Zh => format!("{l}（共 {n} 条）"),
        Lang::En => format!("{l} ({n})"),
    }
}

/// The check items of one result in one cell.
pub fn items(names: &[String], lang: Lang) -> String {
    names.join(lang.t("、", "; "))
}

/// The correction notice's title.
pub fn correction_title(bureau: &str, quarter_text: &str, lang: Lang) -> String {
    let bureau = bureau.trim();
    match lang {
        Lang::Zh => format!("{bureau} {quarter_text}“双随机、一公开”抽查结果更正公示")
            .trim()
            .to_string(),
        Lang::En if bureau.is_empty() => {
            format!("Corrections of random inspection results, {quarter_text}")
        }
        Lang::En => format!("{bureau}: corrections of random inspection results, {quarter_text}"),
    }
}

/// What a correction changed, one `field: before → after` per line.
pub fn changes(c: &[(String, String, String)], lang: Lang) -> String {
    let sep = lang.t("：", ": ");
    c.iter()
        .map(|(f, a, b)| format!("{f}{sep}{a} → {b}"))
        .collect::<Vec<_>>()
        .join(lang.t("；", "; "))
}

/// The note of a corrected result in the quarter's notice.
pub fn corrected_note(version: i64, on: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已更正（第{version}版，{on}）"),
        Lang::En => format!("corrected (version {version}, {on})"),
    }
}

/// The correction notice's file name before the quarter and extension.
pub fn correction_stem(lang: Lang) -> &'static str {
    lang.t("更正公示", "result-corrections")
}

/// The files' name before the quarter and extension.
pub fn verify_heading(lang: Lang) -> &'static str {
    lang.t(
        "抽取证书与验证页面",
        "Draw certificates and verification pages",
    )
}

pub fn file_stem(lang: Lang) -> &'static str {
    lang.t("抽查结果公示", "inspection-results")
}

/// Why the notice could not be written: the XLSX writer's message `m`.
pub fn publish_error(m: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("无法生成抽查结果公示 XLSX 文件：{m}"),
        Lang::En => format!("cannot write the notice of results as XLSX: {m}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters_and_titles() {
        assert_eq!(quarter("2024Q2", Lang::Zh), "2024年第二季度");
        assert_eq!(quarter("2023q4", Lang::Zh), "2023年第四季度");
        assert_eq!(quarter("2024Q1", Lang::En), "Q1 2024");
        assert_eq!(quarter("上半年", Lang::Zh), "上半年");
        assert_eq!(quarter("2024Q5", Lang::En), "2024Q5");
        assert_eq!(
            title("唐山市生态环境局", "2024年第二季度", Lang::Zh),
            "唐山市生态环境局 2024年第二季度“双随机、一公开”抽查结果公示"
        );
        assert_eq!(
            title(" ", "2024年第二季度", Lang::Zh),
            "2024年第二季度“双随机、一公开”抽查结果公示"
        );
        let d = NaiveDate::from_ymd_opt(2024, 7, 5).unwrap();
        assert_eq!(published(d, Lang::Zh), "发布日期：2024-07-05");
    }
}
