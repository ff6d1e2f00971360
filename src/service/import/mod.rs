//! Importing a registry file, all or nothing: every row is validated (against the file and the
//! database) before anything is written; one bad row and nothing changes. Rows are upserted
//! by their natural key (credit code, certificate number, item code, document number, …),
//! and a column the file lacks keeps the stored value. A preview shows, before anything is
//! imported, how the file was read, how its columns map, its first rows, and the dry run's
//! outcome or every problem.

use super::{Actor, Change, Result, Service, ServiceError, audit, json};
use crate::domain::audit::{Action, Entity, Event};
use crate::domain::credit_code::CreditCode;
use crate::domain::enterprise::EnterpriseData;
use crate::domain::fields::{self, Problem};
use crate::domain::forms;
use crate::domain::forms::FieldSpec;
use crate::domain::inspection::Visit;
use crate::domain::inspector::{InspectorData, InspectorKind};
use crate::domain::item::ItemData;
use crate::domain::user::Role;
use crate::exchange::import::{HeaderIssue, Kind, Mapping, RowIssue, Sheet, map_columns};
use crate::exchange::table::{self, Format, Table, TableError};
use crate::store::Db;
use crate::store::SOURCE_IMPORT;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::path::Path;

mod plan;
use plan::{apply_all, plan};

/// Why an import changed nothing.
#[derive(Debug)]
pub enum ImportError {
    Table(TableError),
    Headers(Vec<HeaderIssue>),
    Rows(Vec<RowIssue>),
}

pub use crate::domain::forms::ImportOutcome;

/// Data rows a preview shows.
pub const PREVIEW_ROWS: usize = 10;

/// A file looked at before it is imported: how it was read, how its columns map, its first
/// rows, and what importing it would do (a dry run) or why it would be refused.
#[derive(Debug)]
pub struct ImportPreview {
    pub kind: Kind,
    pub name: String,
    /// Bytes.
    pub size: usize,
    pub sha256: String,
    /// How the file was read; `None` when it is no table at all (`check` says why).
    pub table: Option<TablePreview>,
    /// The dry run's outcome, or why the file would be refused.
    pub check: std::result::Result<ImportOutcome, ImportError>,
}

impl ImportPreview {
    /// Whether importing it now would succeed (if nothing changes meanwhile).
    pub fn importable(&self) -> bool {
        self.check.is_ok()
    }
}

/// How a file was read as a table.
#[derive(Debug, Clone, PartialEq)]
pub struct TablePreview {
    pub format: Format,
    pub encoding: &'static str,
    /// The worksheet read, for XLSX.
    pub sheet: Option<String>,
    /// Row number of the header row, as the spreadsheet shows it.
    pub header_row: usize,
    /// Each column's header as written, and what it is taken as.
    pub columns: Vec<(String, Mapping)>,
    /// Required fields without a column.
    pub missing: Vec<&'static FieldSpec>,
    /// Data rows in the file.
    pub rows: usize,
    /// The first [`PREVIEW_ROWS`] data rows: row number and cells as text.
    pub sample: Vec<(usize, Vec<String>)>,
}

impl TablePreview {
    fn of(kind: Kind, t: &Table) -> TablePreview {
        let (mapped, missing) = map_columns(kind, t);
        TablePreview {
            format: t.format,
            encoding: t.encoding,
            sheet: t.sheet.clone(),
            header_row: t.header_row,
            columns: t.headers.iter().cloned().zip(mapped).collect(),
            missing,
            rows: t.rows.len(),
            sample: t
                .rows
                .iter()
                .take(PREVIEW_ROWS)
                .map(|r| (r.number, r.cells.iter().map(|c| c.text()).collect()))
                .collect(),
        }
    }
}

impl Service {
    /// Imports a CSV or XLSX file of `kind`. With `dry_run` everything is checked and counted
    /// but nothing is written.
    pub fn import_file(
        &mut self,
        actor: &Actor,
        kind: Kind,
        path: &Path,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        actor.require(&[Role::Admin])?;
        let bytes = std::fs::read(path).map_err(|e| {
            ServiceError::Import(ImportError::Table(TableError::Io(
                path.display().to_string(),
                e,
            )))
        })?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.import_bytes(actor, kind, &name, &bytes, dry_run)
    }

    /// As [`Service::import_file`], from content already read (an upload, say).
    pub fn import_bytes(
        &mut self,
        actor: &Actor,
        kind: Kind,
        name: &str,
        bytes: &[u8],
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        actor.require(&[Role::Admin])?;
        let sha256 = hex(&Sha256::digest(bytes));
        let table =
            table::read_bytes(bytes).map_err(|e| ServiceError::Import(ImportError::Table(e)))?;
        let file = File {
            name,
            sha256: &sha256,
            bytes,
        };
        self.import_table(actor, kind, &file, table, dry_run)
    }

    /// Looks at a file before importing it: how it reads, how its columns map, its first
    /// rows, and the dry run's outcome or every problem explained. Writes nothing.
    pub fn import_preview(
        &mut self,
        actor: &Actor,
        kind: Kind,
        name: &str,
        bytes: &[u8],
    ) -> Result<ImportPreview> {
        actor.require(&[Role::Admin])?;
        let sha256 = hex(&Sha256::digest(bytes));
        let mut preview = ImportPreview {
            kind,
            name: name.to_string(),
            size: bytes.len(),
            sha256: sha256.clone(),
            table: None,
            check: Err(ImportError::Table(TableError::NoHeader)),
        };
        let table = match table::read_bytes(bytes) {
            Ok(t) => t,
            Err(e) => {
                preview.check = Err(ImportError::Table(e));
                return Ok(preview);
            }
        };
        preview.table = Some(TablePreview::of(kind, &table));
        let file = File {
            name,
            sha256: &sha256,
            bytes,
        };
        preview.check = match self.import_table(actor, kind, &file, table, true) {
            Ok(o) => Ok(o),
            Err(ServiceError::Import(e)) => Err(e),
            Err(e) => return Err(e),
        };
        Ok(preview)
    }

    fn import_table(
        &mut self,
        actor: &Actor,
        kind: Kind,
        file: &File<'_>,
        table: Table,
        dry_run: bool,
    ) -> Result<ImportOutcome> {
        let (name, sha256) = (file.name, file.sha256);
        let sheet =
            Sheet::new(kind, table).map_err(|e| ServiceError::Import(ImportError::Headers(e)))?;
        let today = self.today();
        let at = self.stamp();
        let run = |db: Db<'_>| -> Result<ImportOutcome> {
            let plan = plan(db, &sheet, today)?;
            let created = plan.ops.iter().filter(|op| op.creates()).count();
            let out = ImportOutcome {
                format: sheet.table.format,
                encoding: sheet.table.encoding,
                rows: sheet.rows().len(),
                created,
                updated: plan.ops.len() - created,
                unchanged: plan.unchanged,
                warnings: plan.warnings,
                dry_run,
                sha256: sha256.to_string(),
            };
            if !dry_run {
                // Room for the whole change in memory while it is written, then back to normal.
                db.set_cache_kib(256 * 1024)?;
                // The file is kept once; records it creates point to it instead of each
                // carrying a copy of its fields (see docs/audit.md).
                db.put_file(sha256, file.bytes, &at)?;
                let summary = format!("{name} sha256:{sha256}");
                apply_all(db, plan.ops, &at, actor, &summary)?;
                let counts = serde_json::json!({"file": name, "sha256": sha256, "kind": format!("{kind:?}"),
                    "rows": out.rows, "created": out.created, "updated": out.updated, "unchanged": out.unchanged,
                    "stored": true});
                audit(
                    db,
                    &at,
                    actor,
                    Event::new(Action::Import, Entity::File)
                        .summary(&summary)
                        .after(Some(&counts.to_string())),
                )?;
            }
            Ok(out)
        };
        if dry_run {
            self.store.read(run)
        } else {
            self.write(change_of(kind), run)
        }
    }
}

/// What an import of `kind` changes.
fn change_of(kind: Kind) -> Change {
    match kind {
        Kind::Enterprises | Kind::Penalties | Kind::Complaints | Kind::Inspections => {
            Change::Enterprises
        }
        Kind::Inspectors => Change::Inspectors,
        Kind::Items => Change::Items,
    }
}

/// The file being imported: its name, digest and bytes.
struct File<'a> {
    name: &'a str,
    sha256: &'a str,
    bytes: &'a [u8],
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests;
