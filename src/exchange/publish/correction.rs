//! The correction notice (更正公示): the corrections a leader decided for a quarter's
//! published results, each naming what changed (field, before, after), why and when. Laid out
//! like the quarter's notice and written by the same HTML, CSV and XLSX writers.

use super::{Layout, PublishError, Section, Style, Table, cols, files};
use crate::strings::Lang;
use crate::strings::publish::{self as ps, Label as L, label};
use chrono::NaiveDate;

/// One corrected result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorrectionRow {
    pub name: String,
    pub code: String,
    /// The result's version the correction made (2 for the first correction).
    pub version: i64,
    /// What changed: field, before, after; already localized.
    pub changes: Vec<(String, String, String)>,
    pub reason: String,
    pub decided_on: NaiveDate,
    pub department: String,
}

/// Everything the correction notice shows (filled by the service layer).
pub struct CorrectionInput<'a> {
    pub bureau: &'a str,
    pub quarter: &'a str,
    pub published_on: NaiveDate,
    pub rows: &'a [CorrectionRow],
}

fn layout(input: &CorrectionInput, lang: Lang) -> Layout {
    let table = Table {
        columns: cols(
            &[
                (L::Rank, Style::Rank),
                (L::Enterprise, Style::Plain),
                (L::Code, Style::Code),
                (L::Changes, Style::Plain),
                (L::Reason, Style::Plain),
                (L::CorrectedOn, Style::Date),
                (L::Department, Style::Plain),
            ],
            lang,
        ),
        rows: input
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    (i + 1).to_string(),
                    r.name.clone(),
                    r.code.clone(),
                    ps::changes(&r.changes, lang),
                    r.reason.clone(),
                    r.decided_on.format("%Y-%m-%d").to_string(),
                    r.department.clone(),
                ]
            })
            .collect(),
    };
    Layout {
        title: ps::correction_title(input.bureau, &ps::quarter(input.quarter, lang), lang),
        published: ps::published(input.published_on, lang),
        intro: label(L::CorrectionIntro, lang),
        sections: vec![Section {
            heading: label(L::Corrections, lang).to_string(),
            table,
            none: label(L::NoCorrections, lang),
            sheet: label(L::CorrectionsSheet, lang),
        }],
        links: Vec::new(),
    }
}

/// The correction notice as `更正公示-2024Q2.html`, `.csv` and `.xlsx` (English:
/// `result-corrections-2024Q2.*`).
pub fn correction_files(
    input: &CorrectionInput,
    lang: Lang,
) -> Result<Vec<(String, Vec<u8>)>, PublishError> {
    files(
        &layout(input, lang),
        ps::correction_stem(lang),
        input.quarter,
        lang,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_correction_notice_names_what_changed_in_every_format() {
        let rows = [CorrectionRow {
            name: "唐山钢铁".into(),
            code: "911302007825743215".into(),
            version: 2,
            changes: vec![("检查日期".into(), "2024-04-10".into(), "2024-04-11".into())],
            reason: "<经核实>".into(),
            decided_on: NaiveDate::from_ymd_opt(2024, 5, 8).unwrap(),
            department: "分局".into(),
        }];
        let input = CorrectionInput {
            bureau: "分局",
            quarter: "2024Q2",
            published_on: NaiveDate::from_ymd_opt(2024, 5, 9).unwrap(),
            rows: &rows,
        };
        let f = correction_files(&input, Lang::Zh).unwrap();
        let names: Vec<&str> = f.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "更正公示-2024Q2.html",
                "更正公示-2024Q2.csv",
                "更正公示-2024Q2.xlsx"
            ]
        );
        let html = String::from_utf8(f[0].1.clone()).unwrap();
        assert!(html.contains("更正公示"), "{html}");
        assert!(html.contains("检查日期：2024-04-10 → 2024-04-11"), "{html}");
        assert!(html.contains("&lt;经核实&gt;"));
        let csv = String::from_utf8(f[1].1.clone()).unwrap();
        assert!(csv.contains("更正内容"), "{csv}");
        let t = crate::exchange::table::read_bytes(&f[2].1).unwrap();
        assert_eq!(t.rows.len(), 1);
        let en = correction_files(&input, Lang::En).unwrap();
        assert_eq!(en[0].0, "result-corrections-2024Q2.html");
    }
}
