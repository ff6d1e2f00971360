//! Writing tables: CSV as UTF-8 with BOM (Excel opens it without garbling Chinese) and XLSX
//! with every cell stored as text, so long codes are never turned into numbers.

use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum WriteError {
    #[error("cannot write {0}: {1}")]
    Io(String, std::io::Error),
    #[error("cannot write {0}: {1}")]
    Xlsx(String, String),
    #[error("unknown file type {0} (use .csv or .xlsx)")]
    Extension(String),
}

/// Writes `.csv` or `.xlsx` according to the file name.
pub fn write_path(
    path: &Path,
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "csv" => write_csv(path, headers, rows),
        "xlsx" => write_xlsx(path, sheet, headers, rows),
        _ => Err(WriteError::Extension(path.display().to_string())),
    }
}

pub fn csv_bytes(headers: &[&str], rows: &[Vec<String>]) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new().from_writer(b"\xEF\xBB\xBF".to_vec());
    // Writing to a Vec cannot fail.
    let _ = w.write_record(headers);
    for r in rows {
        let _ = w.write_record(r);
    }
    w.into_inner().unwrap_or_default()
}

fn write_csv(path: &Path, headers: &[&str], rows: &[Vec<String>]) -> Result<(), WriteError> {
    std::fs::write(path, csv_bytes(headers, rows))
        .map_err(|e| WriteError::Io(path.display().to_string(), e))
}

/// Display width of text in Excel's character units (CJK counts double).
fn width(s: &str) -> usize {
    s.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum()
}

fn write_xlsx(
    path: &Path,
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    let err =
        |e: rust_xlsxwriter::XlsxError| WriteError::Xlsx(path.display().to_string(), e.to_string());
    workbook(sheet, headers, rows)
        .map_err(err)?
        .save(path)
        .map_err(err)
}

/// The XLSX file `write_path` writes for `.xlsx`, as bytes (for a user's outbox).
pub fn xlsx_bytes(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Vec<u8>, WriteError> {
    let err = |e: rust_xlsxwriter::XlsxError| WriteError::Xlsx(sheet.to_string(), e.to_string());
    workbook(sheet, headers, rows)
        .map_err(err)?
        .save_to_buffer()
        .map_err(err)
}

fn workbook(
    sheet: &str,
    headers: &[&str],
    rows: &[Vec<String>],
) -> Result<Workbook, rust_xlsxwriter::XlsxError> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(sheet)?;
    let text = Format::new().set_num_format("@");
    let head = Format::new().set_bold().set_num_format("@");
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
        let w = rows
            .iter()
            .map(|r| r.get(c).map_or(0, |s| width(s)))
            .max()
            .unwrap_or(0)
            .max(width(h));
        ws.set_column_width(c as u16, (w + 2).min(60) as f64)?;
        ws.set_column_format(c as u16, &text)?;
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            ws.write_string_with_format(r as u32 + 1, c as u16, v, &text)?;
        }
    }
    ws.set_freeze_panes(1, 0)?;
    Ok(wb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::{Cell, read_path};

    #[test]
    fn xlsx_and_csv_round_trip_codes_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let rows = vec![vec![
            "唐山甲".to_string(),
            "911302007825743215".into(),
            "".into(),
        ]];
        for name in ["t.xlsx", "t.csv"] {
            let p = dir.path().join(name);
            write_path(
                &p,
                "检查对象",
                &["单位名称", "统一社会信用代码", "备注"],
                &rows,
            )
            .unwrap();
            let t = read_path(&p).unwrap();
            assert_eq!(t.headers, vec!["单位名称", "统一社会信用代码", "备注"]);
            assert_eq!(
                t.rows[0].cells[1],
                Cell::Text("911302007825743215".into()),
                "{name}"
            );
            assert_eq!(t.rows[0].number, 2);
            if name.ends_with("xlsx") {
                assert_eq!(t.sheet.as_deref(), Some("检查对象"));
            }
        }
        let bytes =
            xlsx_bytes("检查对象", &["单位名称", "统一社会信用代码", "备注"], &rows).unwrap();
        let t = crate::exchange::table::read_bytes(&bytes).unwrap();
        assert_eq!(t.rows[0].cells[1], Cell::Text("911302007825743215".into()));
        assert!(matches!(
            write_path(&dir.path().join("x.txt"), "s", &["a"], &rows),
            Err(WriteError::Extension(_))
        ));
    }
}
