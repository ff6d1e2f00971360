//! The draw record as XLSX: sheet 1 the record with the signature lines, sheet 2 one row per
//! target drawn.

use super::*;

/// Sheet 1: everything but the per-target results, then the signature lines.
fn record_sheet(
    ws: &mut Worksheet,
    lay: &Layout,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    let mut row = 0u32;
    if !lay.bureau.trim().is_empty() {
        ws.write_string_with_format(row, 0, &lay.bureau, &f.bureau)?;
        row += 1;
    }
    ws.write_string_with_format(row, 0, lay.title, &f.title)?;
    row += 1;
    ws.write_string_with_format(row, 0, &lay.subtitle, &f.plain)?;
    row += 1;
    for b in lay.head.iter().chain(&lay.tail) {
        match b {
            Block::Heading(t) => {
                row += 1;
                ws.write_string_with_format(row, 0, *t, &f.heading)?;
                row += 1;
            }
            Block::Subheading(t) => {
                ws.write_string_with_format(row, 0, t, &f.sub)?;
                row += 1;
            }
            Block::Text(t) => {
                ws.write_string_with_format(row, 0, t, &f.plain)?;
                row += 1;
            }
            Block::Fields(fields) => {
                for fd in fields {
                    put(ws, &mut w, row, 0, fd.label, &f.label, false)?;
                    let vf = if fd.mono { &f.mono } else { &f.cell };
                    put(ws, &mut w, row, 1, &fd.value, vf, fd.mono)?;
                    row += 1;
                }
            }
            Block::Table { columns, rows } => {
                for (c, col) in columns.iter().enumerate() {
                    let c = u16::try_from(c).unwrap_or(u16::MAX);
                    put(ws, &mut w, row, c, col.title, &f.head, false)?;
                }
                row += 1;
                for r in rows {
                    for (c, v) in r.iter().enumerate() {
                        let m = columns.get(c).is_some_and(|x| x.mono);
                        let c = u16::try_from(c).unwrap_or(u16::MAX);
                        put(ws, &mut w, row, c, v, if m { &f.mono } else { &f.cell }, m)?;
                    }
                    row += 1;
                }
            }
        }
        if matches!(b, Block::Fields(_) | Block::Table { .. } | Block::Text(_)) {
            row += 1;
        }
    }
    row += 1;
    ws.write_string_with_format(row, 0, label(L::Signatures, lang), &f.heading)?;
    row += 1;
    for who in [L::OrganizerSignature, L::SupervisorSignature] {
        ws.set_row_height(row, 36)?;
        let f_label = f.sub.clone().set_align(FormatAlign::Bottom);
        put(ws, &mut w, row, 0, label(who, lang), &f_label, false)?;
        ws.write_blank(row, 1, &f.line)?;
        put(ws, &mut w, row, 2, label(L::Date, lang), &f_label, false)?;
        ws.write_blank(row, 3, &f.line)?;
        row += 1;
    }
    w.apply(ws)?;
    page_setup(ws);
    Ok(())
}

/// Sheet 2: one row per drawn target.
fn results_sheet(
    ws: &mut Worksheet,
    lay: &Layout,
    f: &Formats,
    lang: Lang,
) -> Result<(), XlsxError> {
    let mut w = Widths::default();
    let headers = [
        (L::Stratum, false),
        (L::Rank, false),
        (L::Code, true),
        (L::Enterprise, false),
        (L::Class, false),
        (L::Joint, false),
        (L::Lead, false),
        (L::Officers, false),
        (L::Auxiliaries, false),
    ];
    for (c, &(l, _)) in headers.iter().enumerate() {
        let c = u16::try_from(c).unwrap_or(u16::MAX);
        put(ws, &mut w, 0, c, label(l, lang), &f.head, false)?;
    }
    for (i, r) in lay.rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let rank = r.rank.to_string();
        let cells = [
            r.stratum,
            rank.as_str(),
            r.code.as_str(),
            r.name.as_str(),
            r.class,
            r.joint,
            r.lead.as_str(),
            r.officers.as_str(),
            r.auxiliaries.as_str(),
        ];
        for (c, v) in cells.iter().enumerate() {
            let m = headers.get(c).is_some_and(|h| h.1);
            let c = u16::try_from(c).unwrap_or(u16::MAX);
            put(ws, &mut w, row, c, v, if m { &f.mono } else { &f.cell }, m)?;
        }
    }
    w.apply(ws)?;
    ws.set_freeze_panes(1, 0)?;
    ws.set_repeat_rows(0, 0)?;
    page_setup(ws);
    Ok(())
}

/// The record as an XLSX workbook: sheet 1 (记录) with everything but the per-target results
/// and the signature lines, sheet 2 (抽取结果) with one row per drawn target.
pub fn record_xlsx(input: &RecordInput, lang: Lang) -> Result<Vec<u8>, RecordError> {
    let lay = layout(input, lang);
    let f = Formats::new();
    let mut wb = Workbook::new();
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::RecordSheet, lang))?;
        record_sheet(ws, &lay, &f, lang)?;
    }
    {
        let ws = wb.add_worksheet();
        ws.set_name(label(L::ResultsSheet, lang))?;
        results_sheet(ws, &lay, &f, lang)?;
    }
    Ok(wb.save_to_buffer()?)
}
