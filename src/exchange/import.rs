//! Mapping a table's headers to a record kind's fields, and the problems of a file: unknown,
//! missing or repeated columns, and bad cells located by row, column and value.

use super::table::{Cell, Row, Table};
use crate::domain::fields::{Problem, Raw};
use crate::domain::forms::{self, FieldSpec};
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

pub use crate::domain::forms::{HeaderIssue, Kind, RowIssue};

/// Headers accepted and ignored (a running number; a name beside a code).
fn ignored(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Penalties | Kind::Complaints | Kind::Inspections => {
            &["序号", "单位名称", "企业名称", "名称"]
        }
        _ => &["序号"],
    }
}

/// A table whose columns are mapped to fields.
#[derive(Debug)]
pub struct Sheet {
    pub kind: Kind,
    pub table: Table,
    /// Column index of each field, by field key, resolved once per file (lookups happen for
    /// every field of every row).
    columns: HashMap<&'static str, Option<usize>, BuildHasherDefault<KeyHasher>>,
}

/// FNV-1a over a field key: the keys are a few short ASCII words, for which SipHash (the
/// default) costs more than the lookup it serves; nothing here is chosen by a file's author.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Strips what people add to headers: spaces, `*` required marks, `(必填)`, full-width forms.
pub fn normalize_header(h: &str) -> String {
    let h: String = h
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '＊' | '\u{feff}'))
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            c => c,
        })
        .collect();
    h.trim_end_matches("(必填)")
        .trim_end_matches("(选填)")
        .to_string()
}

fn matches(spec: &FieldSpec, h: &str) -> bool {
    spec.zh == h
        || spec.key.eq_ignore_ascii_case(h)
        || spec.en.eq_ignore_ascii_case(h)
        || spec.synonyms.contains(&h)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            cur.push(
                (prev[j] + usize::from(ca != *cb))
                    .min(prev[j + 1] + 1)
                    .min(cur[j] + 1),
            );
        }
        prev = cur;
    }
    prev[b.len()]
}

fn suggest(specs: &'static [FieldSpec], h: &str) -> Option<&'static str> {
    specs
        .iter()
        .flat_map(|s| {
            std::iter::once(s.zh)
                .chain(s.synonyms.iter().copied())
                .map(move |n| (s.zh, n))
        })
        .map(|(zh, n)| (distance(h, n), zh))
        .filter(|(d, _)| *d * 3 <= h.chars().count().max(3))
        .min()
        .map(|(_, zh)| zh)
}

/// What a column of a file is taken as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapping {
    /// The column holds this field.
    Field(&'static FieldSpec),
    /// Accepted and not read (a running number; a name beside a code).
    Ignored,
    /// No header and no values: skipped.
    Blank,
    /// A header that names no field; `suggestion` is the closest field name.
    Unknown { suggestion: Option<&'static str> },
    /// The field already has an earlier column (1-based).
    Repeated {
        field: &'static FieldSpec,
        first: usize,
    },
}

/// The columns of a table as a kind reads them: what each column is taken as (in file order),
/// and the required fields that have no column.
pub fn map_columns(kind: Kind, table: &Table) -> (Vec<Mapping>, Vec<&'static FieldSpec>) {
    let specs = kind.specs();
    let mut first: Vec<Option<usize>> = vec![None; specs.len()];
    let mut out = Vec::with_capacity(table.headers.len());
    for (i, raw) in table.headers.iter().enumerate() {
        let h = normalize_header(raw);
        let m = if h.is_empty()
            && table
                .rows
                .iter()
                .all(|r| r.cells.get(i).is_none_or(Cell::is_empty))
        {
            Mapping::Blank
        } else if ignored(kind).contains(&h.as_str()) {
            Mapping::Ignored
        } else {
            match specs.iter().position(|s| matches(s, &h)) {
                Some(f) => match first[f] {
                    Some(c) => Mapping::Repeated {
                        field: &specs[f],
                        first: c + 1,
                    },
                    None => {
                        first[f] = Some(i);
                        Mapping::Field(&specs[f])
                    }
                },
                None => Mapping::Unknown {
                    suggestion: suggest(specs, &h),
                },
            }
        };
        out.push(m);
    }
    let missing = specs
        .iter()
        .zip(&first)
        .filter(|(s, c)| s.required && c.is_none())
        .map(|(s, _)| s)
        .collect();
    (out, missing)
}

impl Sheet {
    /// Maps headers to fields, or explains every header problem.
    pub fn new(kind: Kind, table: Table) -> Result<Sheet, Vec<HeaderIssue>> {
        let specs = kind.specs();
        let (mapped, missing) = map_columns(kind, &table);
        let mut columns = vec![None; specs.len()];
        let mut issues = Vec::new();
        for (i, m) in mapped.into_iter().enumerate() {
            match m {
                Mapping::Field(spec) => {
                    if let Some(f) = specs.iter().position(|s| s.key == spec.key) {
                        columns[f] = Some(i);
                    }
                }
                Mapping::Ignored | Mapping::Blank => {}
                Mapping::Unknown { suggestion } => issues.push(HeaderIssue::Unknown {
                    column: i + 1,
                    header: table.headers[i].clone(),
                    suggestion,
                }),
                Mapping::Repeated { field, first } => issues.push(HeaderIssue::Repeated {
                    field,
                    columns: (first, i + 1),
                }),
            }
        }
        issues.extend(
            missing
                .into_iter()
                .map(|field| HeaderIssue::Missing { field }),
        );
        if issues.is_empty() {
            let columns = specs.iter().map(|s| s.key).zip(columns).collect();
            Ok(Sheet {
                kind,
                table,
                columns,
            })
        } else {
            Err(issues)
        }
    }

    pub fn rows(&self) -> &[Row] {
        &self.table.rows
    }

    fn column(&self, key: &str) -> Option<usize> {
        *self.columns.get(key)?
    }

    /// Whether the file has a column for the field.
    pub fn has(&self, key: &str) -> bool {
        self.column(key).is_some()
    }

    /// The raw value of a field in a row; `None` when the file has no such column.
    pub fn get<'a>(&self, row: &'a Row, key: &str) -> Option<Raw<'a>> {
        let c = self.column(key)?;
        Some(match row.cells.get(c) {
            Some(Cell::Text(s)) => Raw::Text(s),
            Some(Cell::Number(n)) => Raw::Number(*n),
            Some(Cell::Empty) | None => Raw::Text(""),
        })
    }

    /// The header as written in the file for a field (its Chinese name if the file lacks it).
    pub fn header(&self, key: &str) -> String {
        match self.column(key) {
            Some(c) => self.table.headers[c].trim().to_string(),
            None => forms::spec(self.kind.specs(), key)
                .map_or(key, |s| s.zh)
                .to_string(),
        }
    }

    /// A row issue for a field.
    pub fn issue(&self, row: &Row, key: &str, value: String, problem: Problem) -> RowIssue {
        RowIssue {
            row: row.number,
            column: self.header(key),
            value,
            problem,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::table::read_bytes;

    #[test]
    fn maps_synonyms_and_marks() {
        let t =
            read_bytes("序号,* 企业名称,统一社会信用代码（必填）\n1,甲,X\n".as_bytes()).unwrap();
        let s = Sheet::new(Kind::Enterprises, t).unwrap();
        let row = &s.rows()[0];
        assert_eq!(s.get(row, "name"), Some(Raw::Text("甲")));
        assert_eq!(s.get(row, "area"), None);
        assert_eq!(s.header("name"), "* 企业名称");
    }

    #[test]
    fn explains_header_problems() {
        let t = read_bytes("单位名陈,统一社会信用代码,统一社会信用代码,颜色\n".as_bytes()).unwrap();
        let issues = Sheet::new(Kind::Enterprises, t).unwrap_err();
        assert!(issues.contains(&HeaderIssue::Unknown {
            column: 1,
            header: "单位名陈".into(),
            suggestion: Some("单位名称")
        }));
        assert!(issues.iter().any(|i| matches!(
            i,
            HeaderIssue::Repeated {
                columns: (2, 3),
                ..
            }
        )));
        assert!(issues.iter().any(|i| matches!(
            i,
            HeaderIssue::Unknown {
                column: 4,
                suggestion: None,
                ..
            }
        )));
        assert!(
            issues
                .iter()
                .any(|i| matches!(i, HeaderIssue::Missing { field } if field.key == "name"))
        );
    }

    #[test]
    fn maps_every_column_for_a_preview() {
        let t =
            read_bytes("序号,企业名称,,信用代码,信用代码,颜色\n1,甲,,X,Y,红\n".as_bytes()).unwrap();
        let (cols, missing) = map_columns(Kind::Enterprises, &t);
        assert_eq!(cols[0], Mapping::Ignored);
        assert!(matches!(cols[1], Mapping::Field(f) if f.key == "name"));
        assert_eq!(cols[2], Mapping::Blank);
        assert!(matches!(cols[3], Mapping::Field(f) if f.key == "credit_code"));
        assert!(matches!(cols[4], Mapping::Repeated { first: 4, .. }));
        assert!(matches!(cols[5], Mapping::Unknown { .. }));
        assert!(missing.is_empty());
        let t = read_bytes("企业名称,所在区域\n甲,高新区\n".as_bytes()).unwrap();
        let (_, missing) = map_columns(Kind::Enterprises, &t);
        assert_eq!(
            missing.iter().map(|f| f.key).collect::<Vec<_>>(),
            vec!["credit_code"]
        );
    }
}
