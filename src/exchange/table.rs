//! A spreadsheet or CSV file read into headers and rows of cells, with the row numbers a person
//! sees in Excel. Format and encoding are detected from the content, not the file name.

use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;
use std::path::Path;
use thiserror::Error;

/// One cell: text, or a number when a spreadsheet stored one.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
}

impl Cell {
    /// The cell as text: whole numbers without a decimal point (as a spreadsheet shows them).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// A data row and its 1-based row (line) number in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: usize,
    pub cells: Vec<Cell>,
}

pub use crate::domain::forms::Format;

/// A whole table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub format: Format,
    /// `UTF-8`, `UTF-8 BOM`, `GB18030`, `UTF-16LE`, `UTF-16BE`, or `XLSX`.
    pub encoding: &'static str,
    /// The worksheet read (the first) of an XLSX file.
    pub sheet: Option<String>,
    pub header_row: usize,
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

/// Why a file could not be read as a table.
#[derive(Debug, Error)]
pub enum TableError {
    #[error("cannot read {0}: {1}")]
    Io(String, std::io::Error),
    #[error("the file is neither CSV nor XLSX")]
    NotTabular,
    #[error("old Excel 97-2003 (.xls) format")]
    OldExcel,
    #[error("the text is neither UTF-8 nor GB18030")]
    Encoding,
    #[error("CSV error at line {line}: {msg}")]
    Csv { line: u64, msg: String },
    #[error("XLSX error: {0}")]
    Xlsx(String),
    #[error("the file has no header row")]
    NoHeader,
}

/// Reads a file.
pub fn read_path(path: &Path) -> Result<Table, TableError> {
    let bytes = std::fs::read(path).map_err(|e| TableError::Io(path.display().to_string(), e))?;
    read_bytes(&bytes)
}

/// Reads file content, detecting XLSX, old XLS (refused) and the CSV text encoding.
pub fn read_bytes(bytes: &[u8]) -> Result<Table, TableError> {
    if bytes.starts_with(b"PK\x03\x04") {
        return read_xlsx(bytes);
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(TableError::OldExcel);
    }
    let (text, encoding) = decode(bytes)?;
    read_csv(&text, encoding)
}

/// Decodes CSV bytes: BOMs first, then strict UTF-8, then GB18030 (as Chinese Excel writes).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), TableError> {
    let utf16 = |enc: &'static encoding_rs::Encoding, name| {
        let (s, _, bad) = enc.decode(bytes);
        if bad {
            Err(TableError::Encoding)
        } else {
            Ok((s.into_owned(), name))
        }
    };
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return utf16(encoding_rs::UTF_16LE, "UTF-16LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return utf16(encoding_rs::UTF_16BE, "UTF-16BE");
    }
    if bytes.contains(&0) {
        return Err(TableError::NotTabular);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|s| (s.to_string(), "UTF-8 BOM"))
            .map_err(|_| TableError::Encoding);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "UTF-8"));
    }
    let (s, bad) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if bad {
        Err(TableError::Encoding)
    } else {
        Ok((s.into_owned(), "GB18030"))
    }
}

/// Text that is not made of printable lines is no CSV (a binary file renamed, say).
fn looks_binary(text: &str) -> bool {
    let sample: String = text.chars().take(4096).collect();
    let bad = sample
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    bad * 20 > sample.chars().count().max(1)
}

fn read_csv(text: &str, encoding: &'static str) -> Result<Table, TableError> {
    if looks_binary(text) {
        return Err(TableError::NotTabular);
    }
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers are counted here: the reader's own count skips blank lines.
    let (mut line, mut seen) = (1usize, 0usize);
    for rec in rdr.records() {
        let rec = rec.map_err(|e| TableError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            msg: e.to_string(),
        })?;
        let mut at = rec
            .position()
            .map_or(seen, |p| p.byte() as usize)
            .min(text.len());
        // The position may point at blank lines skipped before the record.
        while matches!(text.as_bytes().get(at), Some(b'\n' | b'\r')) {
            at += 1;
        }
        line += text.as_bytes()[seen..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        seen = at;
        let number = line;
        let cells = rec
            .iter()
            .map(|s| {
                if s.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Text(s.to_string())
                }
            })
            .collect();
        rows.push(Row { number, cells });
    }
    finish(Format::Csv, encoding, rows)
}

fn read_xlsx(bytes: &[u8]) -> Result<Table, TableError> {
    let mut wb: Xlsx<Cursor<&[u8]>> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e: calamine::XlsxError| TableError::Xlsx(e.to_string()))?;
    let sheet = wb.sheet_names().first().cloned();
    let range = wb
        .worksheet_range_at(0)
        .ok_or(TableError::NoHeader)?
        .map_err(|e| TableError::Xlsx(e.to_string()))?;
    let top = range.start().map_or(0, |(r, _)| r as usize);
    let left = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, r)| {
            let mut cells = vec![Cell::Empty; left];
            cells.extend(r.iter().map(cell));
            Row {
                number: top + i + 1,
                cells,
            }
        })
        .collect();
    let mut t = finish(Format::Xlsx, "XLSX", rows)?;
    t.sheet = sheet;
    Ok(t)
}

fn cell(d: &Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "是" } else { "否" }.to_string()),
        Data::DateTime(dt) => {
            let (y, m, d, ..) = dt.to_ymd_hms_milli();
            Cell::Text(format!("{y:04}-{m:02}-{d:02}"))
        }
        Data::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// The header is the first row with at least two filled cells (a title row above is skipped);
/// blank rows are dropped.
fn finish(format: Format, encoding: &'static str, rows: Vec<Row>) -> Result<Table, TableError> {
    let mut it = rows
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_empty()));
    let header = it
        .by_ref()
        .find(|r| r.cells.iter().filter(|c| !c.is_empty()).count() >= 2)
        .ok_or(TableError::NoHeader)?;
    let headers = header
        .cells
        .iter()
        .map(|c| match c {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
        })
        .collect();
    Ok(Table {
        format,
        encoding,
        sheet: None,
        header_row: header.number,
        headers,
        rows: it.collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let t = read_bytes("名称,代码\n甲,1\n\n乙,2\n".as_bytes()).unwrap();
        assert_eq!(
            (t.encoding, t.headers.clone()),
            ("UTF-8", vec!["名称".to_string(), "代码".into()])
        );
        assert_eq!(
            t.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![2, 4]
        );
        let t = read_bytes("\u{feff}名称,代码\n甲,1\n".as_bytes()).unwrap();
        assert_eq!((t.encoding, t.headers[0].as_str()), ("UTF-8 BOM", "名称"));
    }

    #[test]
    fn gb18030_as_excel_writes_it() {
        let (bytes, _, _) =
            encoding_rs::GB18030.encode("单位名称,统一社会信用代码\n唐山钢铁,91350100M000100Y43\n");
        let t = read_bytes(&bytes).unwrap();
        assert_eq!(t.encoding, "GB18030");
        assert_eq!(t.headers[0], "单位名称");
        assert_eq!(t.rows[0].cells[0], Cell::Text("唐山钢铁".into()));
    }

    #[test]
    fn quoted_newlines_keep_excel_row_numbers() {
        let t = read_bytes("a,b\n\"x\ny\",1\nz,2\n".as_bytes()).unwrap();
        assert_eq!(
            t.rows.iter().map(|r| r.number).collect::<Vec<_>>(),
            vec![2, 4]
        );
    }

    #[test]
    fn title_row_is_skipped() {
        let t = read_bytes("2024年名录,,\n名称,代码,区域\n甲,1,高新区\n".as_bytes()).unwrap();
        assert_eq!((t.header_row, t.headers[0].as_str()), (2, "名称"));
    }

    #[test]
    fn refuses_what_is_not_a_table() {
        assert!(matches!(
            read_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Err(TableError::NotTabular)
        ));
        assert!(matches!(
            read_bytes(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1]),
            Err(TableError::OldExcel)
        ));
        assert!(matches!(
            read_bytes(b"PK\x03\x04garbage"),
            Err(TableError::Xlsx(_))
        ));
        assert!(matches!(read_bytes(b""), Err(TableError::NoHeader)));
        assert!(matches!(
            read_bytes(&[0x81, 0x20, 0xFF, 0x41]),
            Err(TableError::Encoding)
        ));
    }

    #[test]
    fn tab_separated_utf16_from_excel_unicode_text() {
        let text = "名称\t代码\n甲\t1\n";
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(|u| u.to_le_bytes()));
        let t = read_bytes(&bytes).unwrap();
        assert_eq!(
            (t.encoding, t.headers.len(), t.rows.len()),
            ("UTF-16LE", 2, 1)
        );
    }
}
