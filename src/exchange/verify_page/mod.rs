//! The public verification page of a draw (issue 20, docs/draw-algorithm.md §10): one
//! self-contained HTML file — inline style and scripts, no request of any kind — that embeds a
//! certificate (and optionally the announcement made before its reveal) and recomputes it in
//! any browser with its own JavaScript verifier (`verify.js`, the reference port of
//! `domain::draw::verify`), showing the verdict in Chinese or English. The page's text lives in
//! `page.js`; this module only assembles the file.

const TEMPLATE: &str = include_str!("page.html");
const CSS: &str = include_str!("page.css");
/// The verifier, also usable on its own (it is the specification's reference verifier).
pub const VERIFY_JS: &str = include_str!("verify.js");
const PAGE_JS: &str = include_str!("page.js");

/// Why a page cannot be written.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// The embedded text is not JSON at all (a page is still written for a certificate that is
    /// JSON but does not verify: it shows why).
    #[error("{0}")]
    NotJson(#[from] serde_json::Error),
}

/// JSON text made safe inside `<script type="application/json">`: every `<` written as the
/// escape `\u003c`. Exact only for valid JSON, where `<` can only stand inside a string.
fn embed(json: &str) -> Result<String, PageError> {
    serde_json::from_str::<serde_json::Value>(json)?;
    Ok(json.replace('<', "\\u003c"))
}

/// The page for a certificate's JSON text and, when given, the announcement's.
pub fn page(certificate: &str, announcement: Option<&str>) -> Result<String, PageError> {
    let ann = match announcement {
        Some(a) => format!(
            "<script type=\"application/json\" id=\"announcement\">{}</script>",
            embed(a)?
        ),
        None => String::new(),
    };
    let parts: [(&str, &str); 5] = [
        ("/*CSS*/", CSS),
        ("/*CERTIFICATE*/", &embed(certificate)?),
        ("/*ANNOUNCEMENT*/", &ann),
        ("/*VERIFY_JS*/", VERIFY_JS),
        ("/*PAGE_JS*/", PAGE_JS),
    ];
    let mut out = String::with_capacity(TEMPLATE.len() + VERIFY_JS.len() + certificate.len());
    let mut rest = TEMPLATE;
    for (marker, text) in parts {
        let (head, tail) = rest.split_once(marker).unwrap_or((rest, ""));
        out.push_str(head);
        out.push_str(text);
        rest = tail;
    }
    out.push_str(rest);
    Ok(out)
}

/// The page's file name for a draw label (e.g. `2024Q2-1` → `2024Q2-1-verify.html`).
pub fn file_name(label: &str) -> String {
    super::outbox::safe_name(&format!("{label}-verify.html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_certificate_is_embedded_without_closing_the_script() {
        let json = r#"{"a": "</script><script>alert(1)</script>", "b": "<!--"}"#;
        let html = page(json, None).unwrap();
        assert!(!html.contains("</script><script>alert"));
        assert!(html.contains(r#"{"a": "\u003c/script>\u003cscript>alert(1)\u003c/script>""#));
        assert!(!html.contains("id=\"announcement\""));
        for marker in ["/*CSS*/", "/*CERTIFICATE*/", "/*VERIFY_JS*/", "/*PAGE_JS*/"] {
            assert!(!html.contains(marker), "{marker}");
        }
        assert!(page("{", None).is_err());
        let with = page("{}", Some(r#"{"x": "<b>"}"#)).unwrap();
        assert!(with.contains(r#"id="announcement">{"x": "\u003cb>"}</script>"#));
    }

    #[test]
    fn the_scripts_cannot_end_their_element() {
        for (name, text) in [
            ("verify.js", VERIFY_JS),
            ("page.js", PAGE_JS),
            ("page.css", CSS),
        ] {
            assert!(!text.to_ascii_lowercase().contains("</script"), "{name}");
            assert!(!text.contains("<!--"), "{name}");
        }
    }
}
