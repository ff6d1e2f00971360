//! Small pieces shared by the printable documents of `exchange` (the draw record, the public
//! notice of results and the quarterly report): HTML escaping, the page head and the base A4
//! stylesheet, and for XLSX the cell formats (text, and for the report's figures integers and
//! right-aligned text), column widths with CJK counted double, and the print setup.

use crate::strings::Lang;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Worksheet, XlsxError};

// ---------------------------------------------------------------------------------------------
// HTML.

/// Escapes text for HTML element content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped, with line breaks kept.
pub(crate) fn esc_lines(s: &str) -> String {
    esc(s).replace('\n', "<br>")
}

/// The base stylesheet of a printed document: A4 with margins, a serif CJK font, centred title
/// lines, ruled tables whose header repeats on every printed page and whose rows never split.
pub(crate) const BASE_CSS: &str = "\
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 182mm; color: #000; background: #fff;
  font-family: \"SimSun\", \"Songti SC\", \"Noto Serif CJK SC\", \"Source Han Serif SC\", serif;
  font-size: 10.5pt; line-height: 1.45; }
@media screen { body { padding: 12mm 0; } }
.bureau { text-align: center; font-size: 13pt; margin: 0 0 2pt; }
h1 { text-align: center; font-size: 20pt; letter-spacing: 0.2em; margin: 0 0 4pt; }
.subtitle { text-align: center; margin: 0 0 10pt; }
h2 { font-size: 13pt; margin: 12pt 0 4pt; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; break-after: avoid; page-break-after: avoid; }
p { margin: 3pt 0; }
table { width: 100%; border-collapse: collapse; margin: 0 0 6pt; }
th, td { border: 0.75pt solid #000; padding: 2pt 4pt; text-align: left; vertical-align: top; }
thead th { background: #eee; font-weight: bold; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.mono { font-family: \"Consolas\", \"Menlo\", \"Courier New\", monospace; font-size: 9pt;
  word-break: break-all; overflow-wrap: anywhere; }
";

/// Starts a self-contained page: doctype, language, UTF-8, viewport, escaped title and the
/// given stylesheets inline; ends with `<body>` open.
pub(crate) fn html_start(h: &mut String, lang: Lang, title: &str, css: &[&str]) {
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    h.push_str(match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    });
    h.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str(&format!("<title>{}</title>\n<style>\n", esc(title)));
    for c in css {
        h.push_str(c);
    }
    h.push_str("</style>\n</head>\n<body>\n");
}

// ---------------------------------------------------------------------------------------------
// XLSX.

/// Display width in Excel's character units (CJK counts double), of the longest line.
pub(crate) fn width(s: &str) -> usize {
    s.lines()
        .map(|l| l.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum())
        .max()
        .unwrap_or(0)
}

/// Column widths seen so far.
#[derive(Default)]
pub(crate) struct Widths(Vec<usize>);

impl Widths {
    /// Records a cell; long text wraps, so it counts up to a cap (hashes fit whole).
    pub(crate) fn see(&mut self, col: u16, s: &str, mono: bool) {
        let cap = if mono { 66 } else { 40 };
        let w = width(s).min(cap);
        let i = usize::from(col);
        if self.0.len() <= i {
            self.0.resize(i + 1, 0);
        }
        self.0[i] = self.0[i].max(w);
    }

    /// Sets every seen column's width (at least 6, plus a margin).
    pub(crate) fn apply(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (i, w) in self.0.iter().enumerate() {
            let col = u16::try_from(i).unwrap_or(u16::MAX);
            ws.set_column_width(col, ((*w).max(6) + 2) as f64)?;
        }
        Ok(())
    }
}

/// Cell formats; every one stores its value as text (`@`) except [`Formats::number`].
pub(crate) struct Formats {
    pub(crate) title: Format,
    pub(crate) bureau: Format,
    pub(crate) heading: Format,
    pub(crate) sub: Format,
    pub(crate) plain: Format,
    /// A bold label in a box.
    pub(crate) label: Format,
    /// A table's header cell: bold, boxed, grey.
    pub(crate) head: Format,
    /// A boxed, wrapped table cell.
    pub(crate) cell: Format,
    /// A boxed table cell for codes and hashes.
    pub(crate) mono: Format,
    /// A line to sign on.
    pub(crate) line: Format,
    /// A boxed integer, right-aligned (stored as a number).
    pub(crate) number: Format,
    /// A boxed percentage stored as a number (0.6667 shown as `66.67%`), right-aligned.
    pub(crate) percent: Format,
    /// A boxed figure kept as text (e.g. `未设目标`), right-aligned like numbers.
    pub(crate) figure: Format,
    /// A boxed short mark (e.g. 是/否), centred.
    pub(crate) mark: Format,
}

impl Formats {
    pub(crate) fn new() -> Formats {
        let text = Format::new()
            .set_num_format("@")
            .set_align(FormatAlign::Top);
        let boxed = text.clone().set_border(FormatBorder::Thin).set_text_wrap();
        Formats {
            title: text.clone().set_bold().set_font_size(16),
            bureau: text.clone().set_font_size(12),
            heading: text.clone().set_bold().set_font_size(12),
            sub: text.clone().set_bold(),
            plain: text.clone(),
            label: boxed.clone().set_bold(),
            head: boxed
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(0xEEEEEE)),
            cell: boxed.clone(),
            mono: boxed.clone().set_font_name("Consolas"),
            line: text.set_border_bottom(FormatBorder::Thin),
            number: Format::new()
                .set_num_format("0")
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Right)
                .set_border(FormatBorder::Thin),
            percent: Format::new()
                .set_num_format("0.00%")
                .set_align(FormatAlign::Top)
                .set_align(FormatAlign::Right)
                .set_border(FormatBorder::Thin),
            figure: boxed.clone().set_align(FormatAlign::Right),
            mark: boxed.set_align(FormatAlign::Center),
        }
    }
}

/// Landscape A4, one page wide, page numbers in the footer.
pub(crate) fn page_setup(ws: &mut Worksheet) {
    ws.set_paper_size(9);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_footer("&C&P / &N");
}

/// Writes a text cell and records its width.
pub(crate) fn put(
    ws: &mut Worksheet,
    w: &mut Widths,
    row: u32,
    col: u16,
    s: &str,
    f: &Format,
    mono: bool,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(row, col, s, f)?;
    w.see(col, s, mono);
    Ok(())
}

/// Writes a count as a number (right-aligned by `f`) and records its width. Counts beyond
/// 2^53 lose precision, far beyond any register.
pub(crate) fn put_number(
    ws: &mut Worksheet,
    w: &mut Widths,
    row: u32,
    col: u16,
    n: u64,
    f: &Format,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(row, col, n as f64, f)?;
    w.see(col, &n.to_string(), false);
    Ok(())
}

/// Text for an Excel page header, centred: `&` doubled; `None` when too long for Excel's 255
/// limit.
pub(crate) fn page_header(title: &str) -> Option<String> {
    let t = format!("&C{}", title.replace('&', "&&"));
    (t.encode_utf16().count() <= 250).then_some(t)
}

/// A row or column index from a position, saturating (sheets are far smaller).
pub(crate) fn row_at(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// See [`row_at`].
pub(crate) fn col_at(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_widths() {
        assert_eq!(esc("a<b>&\"'"), "a&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(esc_lines("x\n<y>"), "x<br>&lt;y&gt;");
        assert_eq!(width("ab\n汉字汉"), 6);
        let mut w = Widths::default();
        w.see(2, "汉字", false);
        w.see(2, "a", false);
        w.see(0, &"x".repeat(100), false);
        assert_eq!(w.0, vec![40, 0, 4]);
    }

    #[test]
    fn page_headers_escape_ampersands_and_respect_the_limit() {
        assert_eq!(page_header("A&B").as_deref(), Some("&CA&&B"));
        assert_eq!(page_header(&"汉".repeat(300)), None);
    }

    #[test]
    fn page_start_is_self_contained() {
        let mut h = String::new();
        html_start(&mut h, Lang::En, "<T>", &[BASE_CSS, "p{}"]);
        assert!(h.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(h.contains("<meta charset=\"utf-8\">"));
        assert!(h.contains("<title>&lt;T&gt;</title>"));
        assert!(h.ends_with("p{}</style>\n</head>\n<body>\n"));
    }
}
