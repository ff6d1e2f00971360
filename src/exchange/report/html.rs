//! The quarterly work summary draft (工作总结) as HTML: its sections, pre-filled with the
//! quarter's figures and typical cases.

use super::ReportInput;
use crate::domain::stats::QuarterStats;
use crate::exchange::doc::{self, esc, esc_lines};
use crate::strings::report::{self as rs, Label as L, label};
use crate::strings::{self, Lang};

/// The summary's own styles, after [`doc::BASE_CSS`]: body text at 12pt with indented
/// paragraphs, section headings in a black face and case headings in a Kai face as in official
/// documents, the bureau and date flush right at the end.
const CSS: &str = "\
body { font-size: 12pt; line-height: 1.7; }
h1 { font-size: 18pt; letter-spacing: 0; line-height: 1.4; margin-bottom: 10pt; }
h2 { font-family: \"SimHei\", \"Heiti SC\", \"Noto Sans CJK SC\", \"Source Han Sans SC\", sans-serif;
  font-weight: normal; font-size: 14pt; }
h3 { font-family: \"KaiTi\", \"Kaiti SC\", \"STKaiti\", serif; font-weight: normal; font-size: 12pt;
  text-indent: 2em; }
p { text-indent: 2em; margin: 4pt 0; }
p.note { text-indent: 0; font-size: 10.5pt; }
.closing { margin-top: 28pt; text-align: right; break-inside: avoid; page-break-inside: avoid; }
.closing p { text-indent: 0; margin: 0; }
";

fn h2(h: &mut String, l: L, lang: Lang) {
    h.push_str(&format!("<h2>{}</h2>\n", esc(label(l, lang))));
}

fn para(h: &mut String, sentences: &[String]) {
    h.push_str(&format!("<p>{}</p>\n", esc(&sentences.concat())));
}

/// A draft of the quarterly work summary (工作总结), pre-filled with the figures and the
/// typical cases, as an HTML document staff finish in WPS or Word.
pub fn summary_html(input: &ReportInput, lang: Lang) -> String {
    let s = input.stats;
    let title = rs::summary_title(s.quarter, lang);
    let mut h = String::with_capacity(8 * 1024 + 1024 * s.typical.len());
    doc::html_start(&mut h, lang, &title, &[doc::BASE_CSS, CSS]);
    h.push_str("<header>\n");
    let bureau = input.bureau.trim();
    if !bureau.is_empty() {
        h.push_str(&format!("<p class=\"bureau\">{}</p>\n", esc(bureau)));
    }
    h.push_str(&format!("<h1>{}</h1>\n</header>\n", esc(&title)));
    h.push_str(&format!(
        "<p class=\"note\">{}</p>\n",
        esc(label(L::DraftNote, lang))
    ));
    h.push_str("<section>\n");
    basics(&mut h, s, lang);
    h.push_str("</section>\n<section>\n");
    results(&mut h, s, lang);
    h.push_str("</section>\n<section>\n");
    typical(&mut h, s, lang);
    h.push_str("</section>\n<section>\n");
    next(&mut h, lang);
    h.push_str("</section>\n<div class=\"closing\">\n");
    if !bureau.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", esc(bureau)));
    }
    h.push_str(&format!(
        "<p>{}</p>\n</div>\n</body>\n</html>\n",
        esc(&rs::date(input.made_on, lang))
    ));
    h
}

/// The sentence separator: none in Chinese, a space in English.
fn sep(lang: Lang) -> String {
    lang.t("", " ").to_string()
}

/// Section one: what was inspected, per class, jointly and off-site.
fn basics(h: &mut String, s: &QuarterStats, lang: Lang) {
    let sep = sep(lang);
    h2(h, L::Basics, lang);
    let mut basics = vec![rs::intro(s.quarter, lang)];
    for c in &s.classes {
        basics.push(sep.clone());
        basics.push(rs::class_sentence(strings::group(c.group, lang), c, lang));
    }
    para(h, &basics);
    para(
        h,
        &[
            rs::internal_joint(&s.internal_joint, &s.internal_joint_planned, lang),
            sep.clone(),
            rs::classified(&s.classified, lang),
            sep.clone(),
            rs::department_joint(&s.department_joint, lang),
        ],
    );
    para(h, &[rs::offsite(&s.offsite, lang)]);
    if s.non_random > 0 {
        para(h, &[rs::non_random(s.non_random, lang)]);
    }
}

/// Section two: the results, the findings, publication and signatures.
fn results(h: &mut String, s: &QuarterStats, lang: Lang) {
    let r = &s.results;
    let sep = sep(lang);
    h2(h, L::ResultsSection, lang);
    para(
        h,
        &[
            rs::results_entered(r, lang),
            sep.clone(),
            rs::findings(r, lang),
        ],
    );
    para(h, &[rs::publication(r, lang), sep, rs::signatures(r, lang)]);
    if s.followups.opened > 0 {
        para(h, &[crate::strings::followup::summary(&s.followups, lang)]);
    }
}

/// Section three: the typical cases.
fn typical(h: &mut String, s: &QuarterStats, lang: Lang) {
    h2(h, L::TypicalSection, lang);
    if s.typical.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", esc(label(L::NoTypical, lang))));
        return;
    }
    for (i, c) in s.typical.iter().enumerate() {
        h.push_str(&format!(
            "<h3>{}</h3>\n",
            esc(&rs::case_heading(i + 1, &c.name, lang))
        ));
        h.push_str(&format!(
            "<p>{}</p>\n",
            esc(&rs::case_facts(&c.code, c.date, &c.category, lang))
        ));
        for (l, v) in [(L::CaseFindings, &c.findings), (L::CaseNote, &c.note)] {
            if !v.trim().is_empty() {
                h.push_str(&format!(
                    "<p>{}</p>\n",
                    esc_lines(&rs::labelled(l, v.trim(), lang))
                ));
            }
        }
    }
    h.push_str(&format!("<p>{}</p>\n", esc(label(L::Evidence, lang))));
}

/// Section four: headings with placeholders for the issues and the next steps.
fn next(h: &mut String, lang: Lang) {
    h2(h, L::NextSection, lang);
    for (head, body) in [
        (L::IssuesHeading, L::IssuesPlaceholder),
        (L::NextHeading, L::NextPlaceholder),
    ] {
        h.push_str(&format!("<h3>{}</h3>\n", esc(label(head, lang))));
        h.push_str(&format!("<p>{}</p>\n", esc(label(body, lang))));
    }
}
