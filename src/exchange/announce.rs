//! The announcement of a draw before its reveal, as a page for the portal (the JSON is
//! `domain::draw::announcement::Announcement::to_json`).

use super::doc::{self, esc};
use crate::domain::draw::announcement::Announcement;
use crate::strings::{Lang, announce as s, draw::stratum as stratum_name};

/// The announcement's file names: `<draw>-announcement.json` and `.html`.
pub fn file_names(draw: &str) -> (String, String) {
    let base = super::outbox::safe_name(&format!("{draw}-announcement"));
    (format!("{base}.json"), format!("{base}.html"))
}

/// The announcement as a printable, self-contained page.
pub fn announcement_html(a: &Announcement, bureau: &str, lang: Lang) -> String {
    let mut h = String::with_capacity(4096);
    let title = s::title(&a.draw, lang);
    doc::html_start(&mut h, lang, &title, &[doc::BASE_CSS]);
    if !bureau.trim().is_empty() {
        h.push_str(&format!("<p class=\"bureau\">{}</p>\n", esc(bureau)));
    }
    h.push_str(&format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        esc(&title),
        esc(s::intro(lang))
    ));
    let counts: Vec<String> = a
        .counts
        .iter()
        .map(|c| format!("{} {}", stratum_name(c.stratum, lang), c.count))
        .collect();
    let opt = |v: &Option<String>| v.clone().unwrap_or_else(|| s::none(lang).to_string());
    let rows: [(&str, String, bool); 12] = [
        ("draw_id", a.draw_id.to_string(), false),
        ("draw", a.draw.clone(), false),
        ("quarter", a.quarter.clone(), false),
        ("at", a.at.clone(), false),
        ("commitment", a.commitment.to_hex(), true),
        ("candidates", a.hashes.candidates.to_hex(), true),
        ("inspectors", a.hashes.inspectors.to_hex(), true),
        ("conflicts", a.hashes.conflicts.to_hex(), true),
        ("params", a.hashes.params.to_hex(), true),
        ("counts", counts.join("；"), false),
        ("public_source", opt(&a.public_source), false),
        ("public_value_known", opt(&a.public_value_known), false),
    ];
    h.push_str("<table>\n<tbody>\n");
    for (key, value, mono) in rows {
        let class = if mono { " class=\"mono\"" } else { "" };
        h.push_str(&format!(
            "<tr><th>{}</th><td{class}>{}</td></tr>\n",
            esc(s::label(key, lang)),
            esc(&value)
        ));
    }
    h.push_str("</tbody>\n</table>\n</body>\n</html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::draw::announcement::AnnouncementInput;
    use crate::domain::draw::example;

    #[test]
    fn the_page_shows_every_value() {
        let c = example::certificate().unwrap();
        let a = Announcement::new(&AnnouncementInput {
            draw_id: 3,
            quarter: "2024Q2",
            at: "2024-04-08T09:21:00+08:00",
            params: &c.params,
            hashes: c.hashes,
            commitment: c.commitment,
            public_source: Some("双色球 <第2024039期>"),
            public_value_known: None,
        });
        let h = announcement_html(&a, "某分局", Lang::Zh);
        for v in [
            c.commitment.to_hex(),
            c.hashes.params.to_hex(),
            "双色球 &lt;第2024039期&gt;".to_string(),
            "2024Q2-1".to_string(),
        ] {
            assert!(h.contains(&v), "{v}");
        }
        assert!(!h.contains("http"));
        assert_eq!(file_names("2024Q2-1").0, "2024Q2-1-announcement.json");
    }
}
