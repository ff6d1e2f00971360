//! Registry exports: the records of a registry (all of them, or those a screen shows) with the
//! headers and values that `import` reads back, as rows for the command line's `export` and as
//! an XLSX file for a user's outbox.

use super::{Actor, Files, Result, Service, ServiceError};
use crate::domain::forms;
use crate::domain::missing::Missing;
use crate::exchange::import::Kind;
use crate::exchange::write;
use crate::strings::{self, Lang};
use std::collections::HashMap;

/// A registry as a table: the import headers (Chinese) and one row of texts per record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegistryTable {
    pub headers: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
}

impl Service {
    /// The records of the enterprises, inspectors or check items (those in force today) as
    /// `import` reads them. With `only`, just the records with those ids (enterprise,
    /// inspector or item-version ids), in that order.
    pub fn registry_table(
        &mut self,
        actor: &Actor,
        kind: Kind,
        only: Option<&[i64]>,
    ) -> Result<RegistryTable> {
        let records: Vec<(i64, Vec<String>)> = match kind {
            Kind::Enterprises => self
                .enterprises(actor)?
                .iter()
                .map(|e| (e.id, forms::enterprise_texts(&e.data)))
                .collect(),
            Kind::Inspectors => self
                .inspectors(actor)?
                .iter()
                .map(|i| (i.id, forms::inspector_texts(&i.data)))
                .collect(),
            Kind::Items => {
                let today = self.today();
                self.items_in_force(today)?
                    .iter()
                    .map(|v| (v.id, forms::item_texts(&v.data, v.effective_from)))
                    .collect()
            }
            Kind::Penalties | Kind::Complaints | Kind::Inspections => {
                return Err(ServiceError::NotFound(Missing::Export(kind)));
            }
        };
        let rows = match only {
            None => records.into_iter().map(|(_, r)| r).collect(),
            Some(ids) => {
                let mut by_id: HashMap<i64, Vec<String>> = records.into_iter().collect();
                ids.iter().filter_map(|id| by_id.remove(id)).collect()
            }
        };
        Ok(RegistryTable {
            headers: kind.specs().iter().map(|s| s.zh).collect(),
            rows,
        })
    }

    /// [`Service::registry_table`] as an XLSX file named after the registry and the time, for
    /// the user's outbox; also the number of records in it.
    pub fn registry_export(
        &mut self,
        actor: &Actor,
        kind: Kind,
        only: Option<&[i64]>,
        lang: Lang,
    ) -> Result<(usize, Files)> {
        let t = self.registry_table(actor, kind, only)?;
        let bytes = write::xlsx_bytes(strings::kind(kind, Lang::Zh), &t.headers, &t.rows)?;
        let name = format!(
            "{}-{}.xlsx",
            strings::kind(kind, lang),
            self.now().format("%Y%m%d-%H%M%S")
        );
        Ok((t.rows.len(), vec![(name, bytes)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::tests::{admin, inspector, service};

    #[test]
    fn an_export_reimports_unchanged_and_can_be_narrowed() {
        let mut s = service();
        crate::demo::fill(&mut s, &admin(), 12).unwrap();
        for kind in [Kind::Enterprises, Kind::Inspectors, Kind::Items] {
            let (n, files) = s.registry_export(&admin(), kind, None, Lang::Zh).unwrap();
            assert!(n > 0);
            let (name, bytes) = &files[0];
            assert!(name.ends_with("-20240410-090000.xlsx"), "{name}");
            if kind == Kind::Items {
                // The demo schedules a new version and a retirement: re-importing the version
                // in force today is refused for those (a version must be newer than the last).
                let t = crate::exchange::table::read_bytes(bytes).unwrap();
                assert_eq!(t.rows.len(), n);
                continue;
            }
            let o = s.import_bytes(&admin(), kind, name, bytes, true).unwrap();
            assert_eq!((o.rows, o.unchanged), (n, n), "{kind:?}");
        }
        let all = s.enterprises(&admin()).unwrap();
        let ids = [all[3].id, all[1].id];
        let t = s
            .registry_table(&admin(), Kind::Enterprises, Some(&ids))
            .unwrap();
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0][1], all[3].data.credit_code.to_string());
        assert!(matches!(
            s.registry_export(&inspector(), Kind::Enterprises, None, Lang::Zh),
            Err(ServiceError::Forbidden(_))
        ));
    }
}
