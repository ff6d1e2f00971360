//! The quarterly evidence bundle (issue 18): what the office sends to the city bureau in one
//! ZIP — the statistics table, the summary draft and the assessment, the typical cases with a
//! list and their evidence files (those not withdrawn), the records of the quarter's revealed
//! draws, and `SHA256SUMS` of every file (administrators, leaders).

use super::{Actor, Files, Result, Service};
use crate::domain::quarter::Quarter;
use crate::domain::user::Role;
use crate::exchange::{bundle, outbox::safe_name, write};
use crate::strings::{Lang, evidence as ev};

impl Service {
    /// The bundle of a quarter as ZIP bytes, and the number of files in it (the manifest
    /// apart).
    pub fn report_bundle(
        &mut self,
        actor: &Actor,
        q: Quarter,
        lang: Lang,
    ) -> Result<(Vec<u8>, usize)> {
        actor.require(&[Role::Admin, Role::Leader])?;
        let mut files = self.report_files(actor, q, lang)?;
        files.extend(self.typical_cases(actor, q, lang)?);
        for d in self.draw_list(actor)? {
            if d.quarter == q.to_string() && d.revealed_at.is_some() {
                for (name, bytes) in self.draw_record(actor, d.id, lang)? {
                    files.push((format!("{}/{name}", ev::bundle_draws(lang)), bytes));
                }
            }
        }
        let n = files.len();
        let zip = bundle::zip(&files).map_err(|e| {
            write::WriteError::Io("zip".into(), std::io::Error::other(e.to_string()))
        })?;
        Ok((zip, n))
    }

    /// The quarter's typical cases (典型案例): a CSV list and each case's evidence files.
    fn typical_cases(&mut self, actor: &Actor, q: Quarter, lang: Lang) -> Result<Files> {
        let dir = ev::bundle_cases(lang);
        let quarter = q.to_string();
        let mut rows = Vec::new();
        let mut files = Vec::new();
        for w in self.worklist(actor)? {
            let Some(r) = w.a.result.as_ref().filter(|r| r.data.typical) else {
                continue;
            };
            if w.a.quarter != quarter {
                continue;
            }
            let mut names = Vec::new();
            for e in self.evidence_list(actor, r.id)? {
                if e.withdrawn.is_some() {
                    continue;
                }
                let (_, bytes) = self.evidence_file(actor, e.id)?;
                let name = format!(
                    "{dir}/{}/{}",
                    safe_name(&w.a.code),
                    safe_name(&format!("{}-{}", e.id, e.name))
                );
                names.push(name.clone());
                files.push((name, bytes));
            }
            rows.push(vec![
                w.a.draw.clone(),
                w.a.code.clone(),
                w.a.name.clone(),
                r.data.inspected_on.to_string(),
                r.data.category.clone(),
                r.data.findings.clone(),
                r.data.typical_note.clone(),
                names.join("\n"),
            ]);
        }
        let list = write::csv_bytes(&ev::bundle_headers(lang), &rows);
        files.insert(0, (format!("{dir}/{dir}.csv"), list));
        Ok(files)
    }
}
